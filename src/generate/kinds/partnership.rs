//! Partnerships across tiers.

use rand::Rng;

use super::Builder;
use crate::generate::builder::Pool;
use crate::generate::roles::Role;
use crate::model::RelationKind;
use crate::model::Status;

/// How the statuses of this kind are mixed, by weight.
const STATUSES: &[(Status, u32)] = &[
    (Status::Announced, 50),
    (Status::Completed, 25),
    (Status::Reported, 15),
    (Status::Ended, 7),
    (Status::Cancelled, 3),
];

/// Partnerships across tiers: labs with clouds, apps with labs, energy with data centres.
pub(super) fn draw(builder: &mut Builder, budget: usize) {
    const PAIRS: [(Role, Role); 8] = [
        (Role::Lab, Role::Cloud),
        (Role::App, Role::Lab),
        (Role::Software, Role::Cloud),
        (Role::Energy, Role::Datacenter),
        (Role::Chipmaker, Role::Lab),
        (Role::Automaker, Role::Autonomy),
        (Role::Fintech, Role::Crypto),
        (Role::Search, Role::Lab),
    ];
    let pools: Vec<(Pool, Pool)> = PAIRS
        .iter()
        .map(|&(a, b)| {
            (
                builder.pool(&[(a, 1.0)], true),
                builder.pool(&[(b, 1.0)], true),
            )
        })
        .collect();
    for _ in 0..budget {
        let (left, right) = &pools[builder.rng.random_range(0..pools.len())];
        let a = left.sample(&mut builder.rng);
        let b = right.sample(&mut builder.rng);
        let mut relation = builder.relation(RelationKind::Partnership, a, b);
        let date = builder.date();
        builder.date_and_status(&mut relation, date, STATUSES);
        builder.push(relation, |builder| {
            format!(
                "{} and {} announced a partnership",
                builder.name(a),
                builder.name(b)
            )
        });
    }
}
