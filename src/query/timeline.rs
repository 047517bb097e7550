//! What happened when: relations in date order, counted and summed per month, quarter or year.

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::filter::RelationFilter;
use crate::date::PartialDate;
use crate::graph::{KnowledgeGraph, RelationId};

/// How long a period of the timeline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Calendar months: `2025-03`.
    Month,
    /// Calendar quarters: `2025-Q1`.
    Quarter,
    /// Calendar years: `2025`.
    #[default]
    Year,
}

/// Which relations a timeline holds.
#[derive(Debug, Clone, Default)]
pub struct TimelineOptions {
    /// Only relations of these companies (either end); all when empty.
    pub companies: Vec<NodeIndex>,
    /// Only relations dated on or after this date (its first day).
    pub from: Option<PartialDate>,
    /// Only relations dated on or before this date (its last day).
    pub to: Option<PartialDate>,
    /// How long a period is.
    pub by: Period,
    /// The relations that count.
    pub filter: RelationFilter,
}

/// One period's relations.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodSum {
    /// The period: `2025`, `2025-Q1`, `2025-03`; a date too coarse for the period (a year
    /// alone, by month) falls in `2025 (month unknown)` or `2025 (quarter unknown)`.
    pub period: String,
    /// Its relations, in date order.
    pub relations: Vec<RelationId>,
    /// The sum of the amounts in US dollars they state (a range counts its bottom).
    pub amount_usd: f64,
}

/// A timeline: every period from the first dated relation to the last, empty ones included.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The periods, in order; a period of dates too coarse for it follows the periods of its year.
    pub periods: Vec<PeriodSum>,
    /// The relations the filters keep that have no date, and so fall in no period.
    pub undated: usize,
}

/// The relations `options` keeps, by period, in date order. Every dated relation falls in
/// exactly one period.
///
/// # Example
///
/// ```
/// use dealgraph::query::timeline::{timeline, TimelineOptions};
///
/// let graph = dealgraph::curated::load();
/// let years = timeline(&graph, &TimelineOptions::default());
/// let dated = graph.relations().filter(|r| r.date.is_some()).count();
/// let counted: usize = years.periods.iter().map(|p| p.relations.len()).sum();
/// assert_eq!(counted, dated);
/// ```
pub fn timeline(graph: &KnowledgeGraph, options: &TimelineOptions) -> Timeline {
    let mut periods: BTreeMap<(u16, u8), Vec<(PartialDate, RelationId)>> = BTreeMap::new();
    let mut undated = 0;
    for edge in graph.graph().edge_references() {
        let facts = edge.weight();
        if !options.filter.allows_facts(facts) {
            continue;
        }
        let involved = options.companies.is_empty()
            || options.companies.contains(&edge.source())
            || options.companies.contains(&edge.target());
        if !involved {
            continue;
        }
        let Some(date) = facts.date else {
            undated += 1;
            continue;
        };
        let after = options
            .from
            .is_none_or(|from| date.first_day() >= from.first_day());
        let before = options
            .to
            .is_none_or(|to| date.first_day() <= to.last_day());
        if after && before {
            let id = RelationId::new(edge.id().index());
            periods
                .entry(slot(date, options.by))
                .or_default()
                .push((date, id));
        }
    }
    let mut filled = Vec::new();
    let present: Vec<(u16, u8)> = periods.keys().copied().collect();
    for key in every_slot(&present, options.by) {
        let mut relations = periods.remove(&key).unwrap_or_default();
        relations.sort_by_key(|&(date, id)| (date.first_day(), date, id));
        let ids: Vec<RelationId> = relations.into_iter().map(|(_, id)| id).collect();
        let amount_usd = ids
            .iter()
            .filter_map(|&id| graph.relation(id).amount_usd)
            .sum();
        filled.push(PeriodSum {
            period: label(key, options.by),
            relations: ids,
            amount_usd,
        });
    }
    Timeline {
        periods: filled,
        undated,
    }
}

/// The part of a year's slots that holds the dates too coarse for the period: after the rest.
const COARSE: u8 = 13;

/// The slot of a date: its year and the number of its month or quarter (1 to 12 or 4), or
/// [`COARSE`] for a date too coarse for the period.
fn slot(date: PartialDate, by: Period) -> (u16, u8) {
    let year = date.year();
    match (by, date.month()) {
        (Period::Year, _) => (year, 0),
        (Period::Month, Some(month)) => (year, month),
        (Period::Quarter, Some(month)) => (year, (month - 1) / 3 + 1),
        (_, None) => (year, COARSE),
    }
}

/// The slots to show: every month, quarter or year from the first that holds a relation to
/// the last, and after each year's, the slot of its coarse dates where it holds any.
fn every_slot(present: &[(u16, u8)], by: Period) -> Vec<(u16, u8)> {
    let fine: Vec<(u16, u8)> = present.iter().copied().filter(|k| k.1 != COARSE).collect();
    let years = present.iter().map(|k| k.0);
    let (Some(first_year), Some(last_year)) = (years.clone().min(), years.max()) else {
        return Vec::new();
    };
    let parts = match by {
        Period::Year => 0,
        Period::Month => 12,
        Period::Quarter => 4,
    };
    let (first, last) = (fine.first().copied(), fine.last().copied());
    let mut slots = Vec::new();
    for year in first_year..=last_year {
        let fine_slots: Vec<(u16, u8)> = if parts == 0 {
            vec![(year, 0)]
        } else {
            (1..=parts).map(|part| (year, part)).collect()
        };
        slots.extend(
            fine_slots
                .into_iter()
                .filter(|&key| first.is_some_and(|f| key >= f) && last.is_some_and(|l| key <= l)),
        );
        if present.contains(&(year, COARSE)) {
            slots.push((year, COARSE));
        }
    }
    slots
}

fn label((year, part): (u16, u8), by: Period) -> String {
    match (by, part) {
        (Period::Year, _) => format!("{year:04}"),
        (Period::Month, COARSE) => format!("{year:04} (month unknown)"),
        (Period::Quarter, COARSE) => format!("{year:04} (quarter unknown)"),
        (Period::Month, month) => format!("{year:04}-{month:02}"),
        (Period::Quarter, quarter) => format!("{year:04}-Q{quarter}"),
    }
}
