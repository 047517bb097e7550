//! Competitor pairs within a sector.

use std::collections::HashSet;

use rand::Rng;

use super::Builder;
use crate::generate::builder::Pool;
use crate::generate::roles::Role;
use crate::model::RelationKind;
use crate::model::Status;

/// Competitor pairs within a sector, each written once with `from` before `to`.
pub(super) fn draw(builder: &mut Builder, budget: usize) {
    const SECTORS: [(Role, u32); 11] = [
        (Role::Lab, 30),
        (Role::Search, 15),
        (Role::App, 20),
        (Role::Software, 10),
        (Role::Cloud, 10),
        (Role::GpuCloud, 15),
        (Role::Chipmaker, 10),
        (Role::Datacenter, 10),
        (Role::Fintech, 5),
        (Role::Crypto, 3),
        (Role::Autonomy, 5),
    ];
    let pools: Vec<(Pool, u32)> = SECTORS
        .iter()
        .map(|&(role, weight)| (builder.pool(&[(role, 1.0)], true), weight))
        .collect();
    let total: u32 = SECTORS.iter().map(|(_, w)| w).sum();
    let mut seen: HashSet<(u32, u32)> = HashSet::with_capacity(budget);
    for _ in 0..budget {
        let mut pair = (0, 0);
        for _ in 0..20 {
            let mut point = builder.rng.random_range(0..total);
            let pool = pools
                .iter()
                .find(|(_, weight)| {
                    let hit = point < *weight;
                    point = point.saturating_sub(*weight);
                    hit
                })
                .map_or(&pools[0].0, |(pool, _)| pool);
            let (a, b) = builder.two(pool);
            pair = if builder.id(a) < builder.id(b) {
                (a, b)
            } else {
                (b, a)
            };
            if seen.insert(pair) {
                break;
            }
        }
        let (a, b) = pair;
        let mut relation = builder.relation(RelationKind::Competitor, a, b);
        if builder.rng.random_bool(0.2) {
            relation.date = Some(builder.date());
        }
        if builder.rng.random_bool(0.4) {
            relation.status = Some(Status::Reported);
        }
        builder.push(relation, |builder| {
            format!("{} competes with {}", builder.name(b), builder.name(a))
        });
    }
}
