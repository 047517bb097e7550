//! Investments: funding rounds, each from a few investors drawn from a power law.

use rand::Rng;

use super::Builder;
use crate::format::usd;
use crate::generate::roles::Role;
use crate::generate::vocabulary::LAST_YEAR;
use crate::generate::vocabulary::STAGES;
use crate::model::RelationKind;
use crate::model::Status;
use crate::names::slugify;

/// Funding rounds: a startup raises its rounds in order, each from a few investors drawn
/// from a power law, one of whom leads.
pub(super) fn draw(builder: &mut Builder, budget: usize) {
    let investees = builder.pool(
        &[
            (Role::Lab, 3.0),
            (Role::Search, 1.0),
            (Role::App, 2.0),
            (Role::Software, 1.5),
            (Role::Fintech, 1.0),
            (Role::Crypto, 0.6),
            (Role::Autonomy, 0.5),
            (Role::GpuCloud, 0.8),
            (Role::Datacenter, 0.6),
            (Role::Hardware, 0.4),
            (Role::Energy, 0.3),
        ],
        true,
    );
    let investors = builder.pool(
        &[
            (Role::Vc, 1.0),
            (Role::Fund, 0.6),
            (Role::Investor, 0.6),
            (Role::Sovereign, 2.0),
            (Role::Pension, 1.0),
            (Role::Bank, 0.8),
            (Role::Chipmaker, 0.3),
            (Role::Cloud, 0.3),
            (Role::Conglomerate, 0.5),
        ],
        true,
    );
    let mut rounds = vec![0usize; builder.companies.len()];
    let mut last_year = vec![0u16; builder.companies.len()];
    let mut done = 0;
    while done < budget {
        let investee = investees.sample(&mut builder.rng);
        let stage = rounds[investee as usize];
        rounds[investee as usize] += 1;
        let year = if stage == 0 {
            builder.year()
        } else {
            (last_year[investee as usize] + builder.rng.random_range(0..=2)).min(LAST_YEAR)
        };
        last_year[investee as usize] = year;
        let (round, slug) = match STAGES.get(stage) {
            Some(name) => ((*name).to_owned(), slugify(name)),
            None => {
                let n = stage + 2 - STAGES.len();
                (format!("Growth {n}"), format!("growth-{n}"))
            }
        };
        let deal = format!("{}-{slug}", builder.id(investee));
        let is_lab = builder.roles[investee as usize] == Role::Lab;
        let scale = u32::try_from(stage.min(8)).expect("small") / 2 + 5 + u32::from(is_lab);
        let total = builder.amount(scale, scale + 1);
        let valuation = total * f64::from(builder.rng.random_range(4u32..=15));
        let mut size = 1 + usize::from(stage >= 2) + usize::from(is_lab);
        while size < 12 && builder.rng.random_bool(0.55) {
            size += 1;
        }
        let size = size.min(budget - done);
        let date = builder.date_in(year);
        let status = builder.status(&[
            (Status::Completed, 60),
            (Status::Announced, 20),
            (Status::Reported, 12),
            (Status::Rumored, 5),
            (Status::Cancelled, 3),
        ]);
        let disclosed = builder.rng.random_bool(0.6);
        let valued = builder.rng.random_bool(0.4);
        let mut chosen: Vec<u32> = Vec::with_capacity(size);
        for n in 0..size {
            let mut investor = investors.sample(&mut builder.rng);
            for _ in 0..20 {
                if investor != investee && !chosen.contains(&investor) {
                    break;
                }
                investor = investors.sample(&mut builder.rng);
            }
            if investor == investee {
                investor = investors.members[0];
            }
            chosen.push(investor);
            let mut relation = builder.relation(RelationKind::Investment, investor, investee);
            relation.date = Some(date);
            relation.status = Some(status);
            relation.deal = Some(deal.clone());
            relation.round = Some(round.clone());
            relation.lead = match (n, builder.rng.random_bool(0.5)) {
                (0, _) => Some(true),
                (_, true) => Some(false),
                (_, false) => None,
            };
            if disclosed {
                let share = if size == 1 {
                    total
                } else if n == 0 {
                    (total * 0.4).round()
                } else {
                    (total * 0.6 / (size - 1) as f64).round()
                };
                builder.set_amount(&mut relation, share);
            }
            if valued {
                relation.valuation_usd = Some(valuation);
            }
            let led = n == 0;
            builder.push(relation, |b| {
                let (investor, investee) = (b.name(investor), b.name(investee));
                if led {
                    format!("{investor} led {investee}'s {} round", usd(total))
                } else {
                    format!("{investor} joined the round in {investee}")
                }
            });
            done += 1;
        }
    }
}
