//! What changed between two dates: the relations that began, the ones that ended, and the
//! earlier ones reported on in between.

use petgraph::visit::EdgeRef;

use super::filter::RelationFilter;
use crate::date::PartialDate;
use crate::graph::{KnowledgeGraph, RelationId};

/// The relations that changed between two dates, each list in date order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// Begun after `from` and by `to`.
    pub began: Vec<RelationId>,
    /// Ended (their `end`) after `from` and by `to`.
    pub ended: Vec<RelationId>,
    /// Begun by `from` (or undated), running then and not ended by `to`, with a source dated
    /// after `from` and by `to`: news of an earlier deal, such as its completion or cancellation. The
    /// format keeps one status per relation, not its history: the status is the one now.
    pub changed: Vec<RelationId>,
}

/// What changed after `from` and by `to` (partial dates: `to = 2025` means by the end of
/// 2025), among the relations `filter` keeps (its `as_of` aside).
///
/// # Example
///
/// ```
/// use dealgraph::query::diff::changes;
/// use dealgraph::query::RelationFilter;
///
/// let graph = dealgraph::curated::load();
/// let (from, to) = ("2024".parse().unwrap(), "2025".parse().unwrap());
/// let changes = changes(&graph, from, to, &RelationFilter::default());
/// let in_2025 = graph.relations().filter(|r| r.date.is_some_and(|d| d.year() == 2025)).count();
/// assert_eq!(changes.began.len(), in_2025);
/// ```
pub fn changes(
    graph: &KnowledgeGraph,
    from: PartialDate,
    to: PartialDate,
    filter: &RelationFilter,
) -> Changes {
    let after = from.last_day();
    let by = to.last_day();
    let inside = |date: PartialDate| date.first_day() > after && date.first_day() <= by;
    let mut filter = filter.clone();
    filter.as_of = None;
    let mut changes = Changes::default();
    for edge in graph.graph().edge_references() {
        let facts = edge.weight();
        if !filter.allows_facts(facts) {
            continue;
        }
        let id = RelationId::new(edge.id().index());
        if facts.date.is_some_and(inside) {
            changes.began.push(id);
        }
        let ended = facts.end.is_some_and(inside);
        if ended {
            changes.ended.push(id);
        }
        let begun_before = facts.date.is_none_or(|date| date.first_day() <= after);
        let running = facts.end.is_none_or(|end| end.first_day() > after);
        if begun_before && running && !ended {
            let reported = graph
                .relation(id)
                .sources
                .iter()
                .any(|source| source.date.is_some_and(inside));
            if reported {
                changes.changed.push(id);
            }
        }
    }
    let by_date = |ids: &mut Vec<RelationId>, date: &dyn Fn(RelationId) -> Option<PartialDate>| {
        ids.sort_by_key(|&id| (date(id).map(PartialDate::first_day), id));
    };
    by_date(&mut changes.began, &|id| graph.facts(id).date);
    by_date(&mut changes.ended, &|id| graph.facts(id).end);
    by_date(&mut changes.changed, &|id| graph.facts(id).date);
    changes
}
