//! Leases: data centres lease capacity, sometimes in phases of one campus.

use rand::Rng;

use super::Builder;
use crate::generate::roles::Role;
use crate::generate::vocabulary::LAST_YEAR;
use crate::generate::vocabulary::SITES;
use crate::model::RelationKind;
use crate::model::Status;
use crate::names::slugify;

/// How the statuses of this kind are mixed, by weight.
const STATUSES: &[(Status, u32)] = &[
    (Status::Completed, 45),
    (Status::Announced, 25),
    (Status::Reported, 20),
    (Status::Rumored, 4),
    (Status::Ended, 4),
    (Status::Cancelled, 2),
];

/// Data centres lease capacity to clouds, GPU clouds and labs, sometimes in phases of one
/// campus grouped as a deal.
pub(super) fn draw(builder: &mut Builder, budget: usize) {
    let lessors = builder.pool(&[(Role::Datacenter, 1.0)], true);
    let lessees = builder.pool(
        &[
            (Role::Cloud, 3.0),
            (Role::GpuCloud, 2.0),
            (Role::Lab, 1.0),
            (Role::Software, 0.3),
        ],
        true,
    );
    let mut campuses = 0;
    let mut done = 0;
    while done < budget {
        let lessor = lessors.sample(&mut builder.rng);
        let lessee = lessees.sample(&mut builder.rng);
        let site = builder.pick(&SITES);
        let phases = if builder.rng.random_bool(0.25) {
            builder.rng.random_range(2..=3).min(budget - done)
        } else {
            1
        };
        let deal = (phases > 1).then(|| {
            campuses += 1;
            format!("{}-{}-{campuses}", builder.id(lessor), slugify(site))
        });
        let mut year = builder.year();
        for phase in 1..=phases {
            let mut relation = builder.relation(RelationKind::Lease, lessor, lessee);
            let date = builder.date_in(year);
            builder.date_and_status(&mut relation, date, STATUSES);
            relation.site = Some(site.to_owned());
            let capacity = builder.amount(1, 2);
            relation.capacity_mw = Some(capacity);
            if builder.rng.random_bool(0.4) {
                let amount = builder.amount(8, 10);
                builder.set_amount(&mut relation, amount);
            }
            relation.deal.clone_from(&deal);
            if phases > 1 {
                relation.notes = Some(format!("Phase {phase}"));
            }
            builder.push(relation, |b| {
                format!(
                    "{} has leased {capacity} MW in {site} to {}",
                    b.name(lessor),
                    b.name(lessee)
                )
            });
            year = (year + 1).min(LAST_YEAR);
            done += 1;
        }
    }
}
