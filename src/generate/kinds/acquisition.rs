//! Acquisitions: large companies buy startups.

use rand::Rng;

use super::Builder;
use crate::generate::roles::Role;
use crate::model::RelationKind;
use crate::model::Status;

/// Large companies buy startups.
pub(super) fn draw(builder: &mut Builder, budget: usize) {
    let acquirers = builder.pool(
        &[
            (Role::Conglomerate, 1.0),
            (Role::Cloud, 1.0),
            (Role::Chipmaker, 0.7),
            (Role::Software, 0.5),
            (Role::Hardware, 0.4),
            (Role::Lab, 0.3),
            (Role::Fintech, 0.2),
        ],
        true,
    );
    let targets = builder.pool(
        &[
            (Role::App, 1.0),
            (Role::Software, 1.0),
            (Role::Hardware, 0.5),
            (Role::Search, 0.3),
            (Role::Crypto, 0.3),
            (Role::Fintech, 0.3),
            (Role::Autonomy, 0.3),
        ],
        false,
    );
    for _ in 0..budget {
        let (acquirer, target) = loop {
            let pair = (
                acquirers.sample(&mut builder.rng),
                targets.sample(&mut builder.rng),
            );
            if pair.0 != pair.1 {
                break pair;
            }
        };
        let mut relation = builder.relation(RelationKind::Acquisition, acquirer, target);
        relation.date = Some(builder.date());
        relation.status = Some(builder.status(&[
            (Status::Completed, 65),
            (Status::Announced, 15),
            (Status::Reported, 8),
            (Status::Rumored, 5),
            (Status::Cancelled, 7),
        ]));
        if builder.rng.random_bool(0.6) {
            let amount = builder.amount(7, 10);
            builder.set_amount(&mut relation, amount);
        }
        builder.push(relation, |b| {
            format!("{} agreed to acquire {}", b.name(acquirer), b.name(target))
        });
    }
}
