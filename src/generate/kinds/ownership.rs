//! Ownership: parents own their funds, subsidiaries and joint-venture projects.

use rand::Rng;

use super::Builder;
use crate::generate::roles::Role;
use crate::model::RelationKind;
use crate::model::Status;

/// Parents own their funds; conglomerates, investors and operators own subsidiaries and
/// share joint-venture projects.
pub(super) fn draw(builder: &mut Builder, budget: usize) {
    let funds = std::mem::take(&mut builder.funds);
    for &(fund, manager) in funds.iter().take(budget) {
        let mut relation = builder.relation(RelationKind::Ownership, manager, fund);
        relation.date = Some(builder.date());
        relation.status = Some(Status::Completed);
        builder.push(relation, |b| {
            format!("{} is managed by {}", b.name(fund), b.name(manager))
        });
    }
    let owners = builder.pool(
        &[
            (Role::Conglomerate, 2.0),
            (Role::Investor, 1.0),
            (Role::Datacenter, 1.0),
            (Role::Cloud, 1.0),
            (Role::Energy, 0.5),
            (Role::Bank, 0.5),
        ],
        true,
    );
    let subsidiaries = builder.pool(
        &[
            (Role::Project, 3.0),
            (Role::Energy, 0.5),
            (Role::Hardware, 0.3),
            (Role::Software, 0.2),
        ],
        false,
    );
    let mut done = budget.min(funds.len());
    while done < budget {
        let subsidiary = subsidiaries.sample(&mut builder.rng);
        let partners = if budget - done >= 2 && builder.rng.random_bool(0.3) {
            2
        } else {
            1
        };
        let deal = (partners == 2).then(|| format!("{}-joint-venture", builder.id(subsidiary)));
        let date = builder.date();
        let mut first = None;
        for _ in 0..partners {
            let mut owner = owners.sample(&mut builder.rng);
            while owner == subsidiary || Some(owner) == first {
                owner = owners.sample(&mut builder.rng);
            }
            first = Some(owner);
            let mut relation = builder.relation(RelationKind::Ownership, owner, subsidiary);
            relation.date = Some(date);
            relation.status = Some(builder.status(&[
                (Status::Completed, 80),
                (Status::Announced, 15),
                (Status::Reported, 5),
            ]));
            relation.deal.clone_from(&deal);
            builder.push(relation, |b| {
                format!("{} is owned by {}", b.name(subsidiary), b.name(owner))
            });
            done += 1;
        }
    }
}
