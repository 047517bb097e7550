//! Hops: the companies one step away under a filter, with every relation that makes the step.
//!
//! Parallel relations between the same two companies make one hop, so questions count and
//! enumerate companies, not relations.

use std::collections::BTreeMap;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::filter::RelationFilter;
use crate::graph::KnowledgeGraph;

/// Which way a question may follow relations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Traversal {
    /// Along each relation's direction; symmetric types (partnership, competitor) both ways.
    #[default]
    Forward,
    /// Against each relation's direction (who reaches this company); symmetric types both ways.
    Backward,
    /// Both ways, whatever the type.
    Undirected,
}

impl Traversal {
    /// The traversal that walks the same hops the other way.
    pub fn reversed(self) -> Traversal {
        match self {
            Traversal::Forward => Traversal::Backward,
            Traversal::Backward => Traversal::Forward,
            Traversal::Undirected => Traversal::Undirected,
        }
    }
}

/// One step from a company to a neighbour, with the relations that make it (by index into
/// [`KnowledgeGraph::relation`]), ordered by type, then date (undated last), then index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    /// The neighbour.
    pub to: NodeIndex,
    /// The relations between the two that the filter and traversal allow.
    pub relations: Vec<usize>,
}

/// The hops from `node`, sorted by neighbour (and so by company id).
pub fn hops_from(
    graph: &KnowledgeGraph,
    filter: &RelationFilter,
    traversal: Traversal,
    node: NodeIndex,
) -> Vec<Hop> {
    let mut by_neighbour: BTreeMap<NodeIndex, Vec<usize>> = BTreeMap::new();
    for direction in [Direction::Outgoing, Direction::Incoming] {
        let along = direction == Direction::Outgoing;
        for edge in graph.graph().edges_directed(node, direction) {
            let index = *edge.weight();
            let relation = graph.facts(index);
            let allowed_way = match traversal {
                Traversal::Undirected => true,
                _ if relation.kind.is_symmetric() => true,
                Traversal::Forward => along,
                Traversal::Backward => !along,
            };
            if !allowed_way || !filter.allows_facts(relation) {
                continue;
            }
            let neighbour = if along {
                petgraph::visit::EdgeRef::target(&edge)
            } else {
                petgraph::visit::EdgeRef::source(&edge)
            };
            by_neighbour.entry(neighbour).or_default().push(index);
        }
    }
    by_neighbour
        .into_iter()
        .map(|(to, mut relations)| {
            sort_relations(graph, &mut relations);
            Hop { to, relations }
        })
        .collect()
}

/// Orders relation indexes for display: by type, then date (undated last), then file order;
/// repeats are dropped.
pub fn sort_relations(graph: &KnowledgeGraph, relations: &mut Vec<usize>) {
    relations.sort_unstable_by_key(|&index| {
        let relation = graph.facts(index);
        (relation.kind, relation.date.is_none(), relation.date, index)
    });
    relations.dedup();
}

/// Breadth-first distances from `start`, up to `max_depth` hops (`None`: no limit), with
/// `usize::MAX` for companies out of reach.
pub fn distances(
    graph: &KnowledgeGraph,
    filter: &RelationFilter,
    traversal: Traversal,
    start: NodeIndex,
    max_depth: Option<usize>,
) -> Vec<usize> {
    let mut distance = vec![usize::MAX; graph.companies().len()];
    distance[start.index()] = 0;
    let mut frontier = vec![start];
    let mut depth = 0;
    while !frontier.is_empty() && max_depth.is_none_or(|max| depth < max) {
        depth += 1;
        let mut next = Vec::new();
        for node in frontier {
            for hop in hops_from(graph, filter, traversal, node) {
                if distance[hop.to.index()] == usize::MAX {
                    distance[hop.to.index()] = depth;
                    next.push(hop.to);
                }
            }
        }
        frontier = next;
    }
    distance
}
