//! Hops: the companies one step away under a filter, with every relation that makes the step.
//!
//! Parallel relations between the same two companies make one hop, so questions count and
//! enumerate companies, not relations.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::filter::RelationFilter;
use crate::graph::KnowledgeGraph;
use crate::model::RelationKind;

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
    let mut steps: Vec<(NodeIndex, usize)> = steps_from(graph, filter, traversal, node).collect();
    steps.sort_unstable();
    let mut hops: Vec<Hop> = Vec::new();
    for (to, index) in steps {
        match hops.last_mut() {
            Some(hop) if hop.to == to => hop.relations.push(index),
            _ => hops.push(Hop {
                to,
                relations: vec![index],
            }),
        }
    }
    for hop in &mut hops {
        sort_relations(graph, &mut hop.relations);
    }
    hops
}

/// Each relation the filter and traversal allow from `node`, as the neighbour it reaches and
/// the relation's index, in no particular order.
fn steps_from<'a>(
    graph: &'a KnowledgeGraph,
    filter: &'a RelationFilter,
    traversal: Traversal,
    node: NodeIndex,
) -> impl Iterator<Item = (NodeIndex, usize)> + 'a {
    let symmetric = RelationKind::ALL
        .iter()
        .any(|kind| kind.is_symmetric() && filter.allows_kind(*kind));
    [Direction::Outgoing, Direction::Incoming]
        .into_iter()
        .filter(move |&direction| match traversal {
            Traversal::Undirected => true,
            _ if symmetric => true,
            Traversal::Forward => direction == Direction::Outgoing,
            Traversal::Backward => direction == Direction::Incoming,
        })
        .flat_map(move |direction| {
            let along = direction == Direction::Outgoing;
            graph
                .graph()
                .edges_directed(node, direction)
                .filter_map(move |edge| {
                    let index = *edge.weight();
                    let facts = graph.facts(index);
                    let allowed_way = match traversal {
                        Traversal::Undirected => true,
                        _ if facts.kind.is_symmetric() => true,
                        Traversal::Forward => along,
                        Traversal::Backward => !along,
                    };
                    if !allowed_way || !filter.allows_facts(facts) {
                        return None;
                    }
                    let neighbour = if along { edge.target() } else { edge.source() };
                    Some((neighbour, index))
                })
        })
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
///
/// With `stop_at`, the search ends once that company is reached and the level it is on is
/// complete: every company nearer than it has its distance, and farther ones count as out of
/// reach.
pub fn distances(
    graph: &KnowledgeGraph,
    filter: &RelationFilter,
    traversal: Traversal,
    start: NodeIndex,
    max_depth: Option<usize>,
    stop_at: Option<NodeIndex>,
) -> Vec<usize> {
    let mut distance = vec![usize::MAX; graph.companies().len()];
    distance[start.index()] = 0;
    let mut frontier = vec![start];
    let mut next = Vec::new();
    let mut depth = 0;
    while !frontier.is_empty() && max_depth.is_none_or(|max| depth < max) {
        if stop_at.is_some_and(|stop| distance[stop.index()] != usize::MAX) {
            break;
        }
        depth += 1;
        for &node in &frontier {
            for (neighbour, _) in steps_from(graph, filter, traversal, node) {
                if distance[neighbour.index()] == usize::MAX {
                    distance[neighbour.index()] = depth;
                    next.push(neighbour);
                }
            }
        }
        std::mem::swap(&mut frontier, &mut next);
        next.clear();
    }
    distance
}
