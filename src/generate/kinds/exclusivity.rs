//! Exclusivity clauses: AI labs and search companies ask their investors not to fund rivals.

use rand::Rng;

use super::Builder;
use crate::generate::roles::Role;
use crate::model::RelationKind;
use crate::model::Scope;
use crate::model::Status;

/// AI labs and search companies ask their investors not to fund a few rivals.
pub(super) fn draw(builder: &mut Builder, budget: usize) {
    let labs = builder.pool(&[(Role::Lab, 1.0)], true);
    let searches = builder.pool(&[(Role::Search, 1.0)], true);
    let mut clauses = vec![0u32; builder.companies.len()];
    let mut done = 0;
    while done < budget {
        let pool = if builder.rng.random_bool(0.8) {
            &labs
        } else {
            &searches
        };
        let imposer = pool.sample(&mut builder.rng);
        let rivals = builder.rng.random_range(1..=5).min(budget - done);
        let date = builder.date();
        clauses[imposer as usize] += 1;
        let deal = format!(
            "{}-{}-clause-{}",
            builder.id(imposer),
            date.year(),
            clauses[imposer as usize]
        );
        let scope = match builder.rng.random_range(0..100) {
            0..70 => Scope::Investors,
            70..80 => Scope::Compute,
            80..90 => Scope::Talent,
            90..95 => Scope::Customers,
            _ => Scope::Supply,
        };
        let status = builder.status(&[
            (Status::Reported, 60),
            (Status::Rumored, 20),
            (Status::Announced, 15),
            (Status::Ended, 5),
        ]);
        let end = (status == Status::Ended).then(|| builder.end_after(date));
        let binding = match builder.rng.random_range(0..10) {
            0..6 => Some(false),
            6..8 => Some(true),
            _ => None,
        };
        let retroactive = match builder.rng.random_range(0..10) {
            0..5 => Some(false),
            5 => Some(true),
            _ => None,
        };
        let mut excluded: Vec<u32> = Vec::new();
        for _ in 0..rivals {
            let (_, rival) = builder.two_from(pool, imposer, &excluded);
            excluded.push(rival);
            let mut relation = builder.relation(RelationKind::Exclusivity, imposer, rival);
            relation.date = Some(date);
            relation.end = end;
            relation.status = Some(status);
            relation.deal = Some(deal.clone());
            relation.scope = Some(scope);
            relation.binding = binding;
            relation.retroactive = retroactive;
            builder.push(relation, |b| {
                format!(
                    "{} asked its investors not to fund {}",
                    b.name(imposer),
                    b.name(rival)
                )
            });
            done += 1;
        }
    }
}
