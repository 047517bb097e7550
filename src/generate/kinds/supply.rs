//! Supply: chipmakers and hardware makers supply clouds and data centres.

use rand::Rng;

use super::Builder;
use crate::generate::roles::Role;
use crate::model::RelationKind;
use crate::model::Status;

/// How the statuses of this kind are mixed, by weight.
const STATUSES: &[(Status, u32)] = &[
    (Status::Completed, 50),
    (Status::Announced, 20),
    (Status::Reported, 20),
    (Status::Rumored, 4),
    (Status::Ended, 5),
    (Status::Cancelled, 1),
];

/// Chipmakers and hardware makers supply clouds, GPU clouds and data centres.
pub(super) fn draw(builder: &mut Builder, budget: usize) {
    let suppliers = builder.pool(&[(Role::Chipmaker, 2.0), (Role::Hardware, 1.0)], true);
    let customers = builder.pool(
        &[
            (Role::Cloud, 2.0),
            (Role::GpuCloud, 2.0),
            (Role::Datacenter, 1.0),
            (Role::Hardware, 0.5),
            (Role::Lab, 0.5),
            (Role::Automaker, 0.3),
        ],
        true,
    );
    let chipmakers = builder.pool(&[(Role::Chipmaker, 1.0)], true);
    for _ in 0..budget {
        let (supplier, customer) = loop {
            let pair = (
                suppliers.sample(&mut builder.rng),
                customers.sample(&mut builder.rng),
            );
            if pair.0 != pair.1 {
                break pair;
            }
        };
        let mut relation = builder.relation(RelationKind::Supply, supplier, customer);
        let date = builder.date();
        builder.date_and_status(&mut relation, date, STATUSES);
        if builder.rng.random_bool(0.3) {
            let amount = builder.amount(7, 10);
            builder.set_amount(&mut relation, amount);
        }
        if builder.rng.random_bool(0.2) && builder.roles[supplier as usize] == Role::Chipmaker {
            relation.notes = Some(format!("{} accelerators", builder.chips(&chipmakers)));
        }
        builder.push(relation, |b| {
            format!("{} will supply {}", b.name(supplier), b.name(customer))
        });
    }
}
