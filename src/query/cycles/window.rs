//! How tightly a loop's deals sit in time: the fewest days one window needs to hold a deal of
//! every hop.

use chrono::{Datelike, NaiveDate};

use crate::graph::KnowledgeGraph;

use super::CycleHop;

/// The fewest days a window needs to hold one dated relation of each hop, dates read as their
/// first day (`2025` as 2025-01-01); `None` when a hop has no dated relation.
pub(super) fn shortest_span(graph: &KnowledgeGraph, hops: &[CycleHop]) -> Option<i64> {
    let days: Vec<Vec<i64>> = hops
        .iter()
        .map(|hop| {
            let mut days: Vec<i64> = hop
                .relations
                .iter()
                .filter_map(|&id| graph.facts(id).date)
                .filter_map(|date| day_number(date.first_day()))
                .collect();
            days.sort_unstable();
            days
        })
        .collect();
    if days.iter().any(Vec::is_empty) {
        return None;
    }
    days.iter()
        .flatten()
        .filter_map(|&start| {
            let ends = days.iter().map(|hop| {
                let at = hop.partition_point(|&day| day < start);
                hop.get(at).copied()
            });
            ends.collect::<Option<Vec<i64>>>()
                .and_then(|ends| ends.into_iter().max())
                .map(|end| end - start)
        })
        .min()
}

/// The day number of a full date.
fn day_number(date: crate::date::PartialDate) -> Option<i64> {
    let day = NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        u32::from(date.month()?),
        u32::from(date.day()?),
    )?;
    Some(i64::from(day.num_days_from_ce()))
}
