//! Neighbourhoods: every company within some hops of a company.

use petgraph::graph::NodeIndex;
use petgraph::visit::{IntoNeighbors, NodeIndexable, Visitable};

use super::filter::RelationFilter;
use super::hops::{Traversal, reach};
use super::view::RelationView;
use crate::graph::KnowledgeGraph;

/// Every company within `depth` hops of `company` (itself excluded), as `(company, hops)`,
/// ordered by hops then id. `traversal` says which way relations may be followed; a
/// neighbourhood is usually [`Traversal::Undirected`].
///
/// # Example
///
/// ```
/// use dealgraph::query::{neighbors, RelationFilter, Traversal};
///
/// let graph = dealgraph::curated::load();
/// let nvidia = graph.resolve("nvidia").unwrap();
/// let near = neighbors(&graph, nvidia, 1, &RelationFilter::default(), Traversal::Undirected);
/// let oracle = graph.resolve("oracle").unwrap();
/// assert!(near.contains(&(oracle, 1)), "Nvidia supplies Oracle");
/// ```
pub fn neighbors(
    graph: &KnowledgeGraph,
    company: NodeIndex,
    depth: usize,
    filter: &RelationFilter,
    traversal: Traversal,
) -> Vec<(NodeIndex, usize)> {
    within(RelationView::new(graph, filter, traversal), company, depth)
}

/// Every node of `graph` within `depth` hops of `start` (itself excluded), as `(node, hops)`,
/// ordered by hops then index.
pub fn within<G>(graph: G, start: G::NodeId, depth: usize) -> Vec<(G::NodeId, usize)>
where
    G: IntoNeighbors + Visitable + NodeIndexable,
{
    let reached = reach(graph, start, Some(depth), None);
    let mut near: Vec<(G::NodeId, usize)> = reached.order[1..]
        .iter()
        .map(|&node| (node, reached.distance[graph.to_index(node)]))
        .collect();
    near.sort_by_key(|&(node, hops)| (hops, graph.to_index(node)));
    near
}
