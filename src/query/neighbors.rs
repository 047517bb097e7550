//! Neighbourhoods: every company within some hops of a company.

use petgraph::graph::NodeIndex;

use super::filter::RelationFilter;
use super::hops::{Traversal, distances};
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
    let distance = distances(graph, filter, traversal, company, Some(depth), None);
    let mut near: Vec<(NodeIndex, usize)> = distance
        .iter()
        .enumerate()
        .filter(|&(node, &hops)| node != company.index() && hops != usize::MAX)
        .map(|(node, &hops)| (NodeIndex::new(node), hops))
        .collect();
    near.sort_by_key(|&(node, hops)| (hops, node));
    near
}
