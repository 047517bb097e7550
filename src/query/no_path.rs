//! Why there is no path between two companies: the first cause found of a company with no
//! relation the filter keeps, a path longer than allowed, relations against their direction,
//! a filter that removed a hop, or companies in separate parts of the graph.

use petgraph::graph::NodeIndex;

use super::filter::RelationFilter;
use super::hops::{Traversal, distances};
use super::path::PathOptions;
use super::view::RelationView;
use crate::graph::KnowledgeGraph;

/// The cause of an empty answer to a path question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoPath {
    /// This company has no relation the filter keeps.
    NoRelations(NodeIndex),
    /// A path exists, of this many hops, more than `max_hops` allows.
    TooLong(usize),
    /// A path exists only against the direction of some relations.
    AgainstDirection,
    /// A path of the types followed exists, but only through relations the filter's dates,
    /// status or reliability leave out.
    NotInForce,
    /// A path exists only through relation types the filter does not follow.
    OtherTypes,
    /// No relation of any kind joins the two companies' parts of the graph.
    Apart,
}

/// Why `paths(graph, from, to, options)` found nothing, tried in the order the variants of
/// [`NoPath`] are listed.
///
/// # Example
///
/// ```
/// use dealgraph::query::no_path::{why_no_path, NoPath};
/// use dealgraph::query::PathOptions;
///
/// let graph = dealgraph::curated::load();
/// let (openai, crusoe) = (graph.resolve("openai").unwrap(), graph.resolve("crusoe").unwrap());
/// let why = why_no_path(&graph, openai, crusoe, &PathOptions::default());
/// assert_eq!(why, NoPath::AgainstDirection);
/// ```
pub fn why_no_path(
    graph: &KnowledgeGraph,
    from: NodeIndex,
    to: NodeIndex,
    options: &PathOptions,
) -> NoPath {
    for end in [from, to] {
        let kept = graph
            .graph()
            .edges_directed(end, petgraph::Direction::Outgoing)
            .chain(
                graph
                    .graph()
                    .edges_directed(end, petgraph::Direction::Incoming),
            )
            .any(|edge| options.filter.allows_facts(edge.weight()));
        if !kept {
            return NoPath::NoRelations(end);
        }
    }
    let hops = |filter: &RelationFilter, traversal: Traversal| {
        let view = RelationView::new(graph, filter, traversal);
        let found = distances(view, from, None, Some(to))[to.index()];
        (found != usize::MAX).then_some(found)
    };
    if let Some(length) = hops(&options.filter, options.traversal)
        && options.max_hops.is_some_and(|most| length > most)
    {
        return NoPath::TooLong(length);
    }
    if options.traversal != Traversal::Undirected
        && hops(&options.filter, Traversal::Undirected).is_some()
    {
        return NoPath::AgainstDirection;
    }
    let types_only = RelationFilter {
        via: options.filter.via.clone(),
        exclude: options.filter.exclude.clone(),
        ..RelationFilter::default()
    };
    if hops(&types_only, Traversal::Undirected).is_some() {
        return NoPath::NotInForce;
    }
    if hops(&RelationFilter::default(), Traversal::Undirected).is_some() {
        return NoPath::OtherTypes;
    }
    NoPath::Apart
}
