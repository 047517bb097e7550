//! Compute: clouds and GPU clouds rent capacity to AI labs and apps.

use rand::Rng;

use super::Builder;
use crate::generate::roles::Role;
use crate::model::RelationKind;
use crate::model::Status;

/// How the statuses of this kind are mixed, by weight.
const STATUSES: &[(Status, u32)] = &[
    (Status::Completed, 40),
    (Status::Announced, 25),
    (Status::Reported, 20),
    (Status::Rumored, 5),
    (Status::Ended, 8),
    (Status::Cancelled, 2),
];

/// Clouds and GPU clouds rent capacity to AI labs and apps.
pub(super) fn draw(builder: &mut Builder, budget: usize) {
    let providers = builder.pool(&[(Role::Cloud, 2.0), (Role::GpuCloud, 1.0)], true);
    let customers = builder.pool(
        &[
            (Role::Lab, 3.0),
            (Role::App, 1.0),
            (Role::Search, 1.0),
            (Role::Software, 0.7),
            (Role::Autonomy, 0.5),
            (Role::Fintech, 0.3),
            (Role::Crypto, 0.3),
        ],
        true,
    );
    let chipmakers = builder.pool(&[(Role::Chipmaker, 1.0)], true);
    for _ in 0..budget {
        let provider = providers.sample(&mut builder.rng);
        let customer = customers.sample(&mut builder.rng);
        let mut relation = builder.relation(RelationKind::Compute, provider, customer);
        let date = builder.date();
        builder.date_and_status(&mut relation, date, STATUSES);
        if builder.rng.random_bool(0.6) {
            relation.chips = Some(builder.chips(&chipmakers));
        }
        if builder.rng.random_bool(0.5) {
            relation.gpus = Some(builder.amount(2, 5) as u64);
        }
        if builder.rng.random_bool(0.4) {
            let amount = builder.amount(7, 10);
            builder.set_amount(&mut relation, amount);
        }
        builder.push(relation, |b| {
            format!(
                "{} will rent computing capacity from {}",
                b.name(customer),
                b.name(provider)
            )
        });
    }
}
