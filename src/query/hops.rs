//! Hops: the companies one step away under a filter, with every relation that makes the step.
//!
//! Parallel relations between the same two companies make one hop, so questions count and
//! enumerate companies, not relations.

use petgraph::graph::NodeIndex;
use petgraph::visit::{Bfs, EdgeRef, IntoEdges, IntoNeighbors, NodeIndexable, Visitable};

use crate::date::PartialDate;
use crate::graph::RelationId;
use crate::model::RelationKind;
use crate::store::RelationFacts;

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

/// One step from a company to a neighbour, with the relations that make it, ordered by type,
/// then date (undated last), then file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    /// The neighbour.
    pub to: NodeIndex,
    /// The relations between the two that the view allows.
    pub relations: Vec<RelationId>,
}

/// The hops from `node` in `graph` (a [`RelationView`](super::RelationView), or any graph whose
/// edges are relations), sorted by neighbour (and so by company id).
pub fn hops_from<G>(graph: G, node: NodeIndex) -> Vec<Hop>
where
    G: IntoEdges<NodeId = NodeIndex, EdgeId = RelationId, EdgeWeight = RelationFacts>,
{
    let mut steps: Vec<(NodeIndex, DisplayKey)> = graph
        .edges(node)
        .map(|step| (step.target(), display_key(step.weight(), step.id())))
        .collect();
    steps.sort_unstable();
    steps.dedup();
    let mut hops: Vec<Hop> = Vec::new();
    for (to, (.., relation)) in steps {
        match hops.last_mut() {
            Some(hop) if hop.to == to => hop.relations.push(relation),
            _ => hops.push(Hop {
                to,
                relations: vec![relation],
            }),
        }
    }
    hops
}

/// The order relations are shown in: by type, then date (undated last), then file order.
pub(crate) type DisplayKey = (RelationKind, bool, Option<PartialDate>, RelationId);

/// Where a relation with these facts goes in the order relations are shown in.
pub(crate) fn display_key(facts: &RelationFacts, relation: RelationId) -> DisplayKey {
    (facts.kind, facts.date.is_none(), facts.date, relation)
}

/// What a breadth-first search reached: each company's distance from the start, and the
/// companies in the order reached, nearest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reached<N> {
    /// Hops from the start, by node index; `usize::MAX` for companies out of reach.
    pub distance: Vec<usize>,
    /// The companies reached, the start first, in order of distance.
    pub order: Vec<N>,
}

/// Breadth-first search from `start` with petgraph's [`Bfs`], up to `max_depth` hops
/// (`None`: no limit).
///
/// With `stop_at`, the search ends once that company is reached and the level it is on is
/// complete: every company nearer than it has its distance, and farther ones count as out of
/// reach.
pub fn reach<G>(
    graph: G,
    start: G::NodeId,
    max_depth: Option<usize>,
    stop_at: Option<G::NodeId>,
) -> Reached<G::NodeId>
where
    G: IntoNeighbors + Visitable + NodeIndexable,
{
    let mut distance = vec![usize::MAX; graph.node_bound()];
    distance[graph.to_index(start)] = 0;
    let mut order = vec![start];
    let mut limit = max_depth.unwrap_or(usize::MAX);
    let mut bfs = Bfs::new(graph, start);
    while let Some(&next) = bfs.stack.front() {
        if let Some(stop) = stop_at {
            limit = limit.min(distance[graph.to_index(stop)]);
        }
        let depth = distance[graph.to_index(next)];
        if depth >= limit {
            break;
        }
        // `Bfs::next` takes `next` off the front of its queue and queues, at the back, the
        // companies it discovers from it: they are one hop farther.
        let queued = bfs.stack.len() - 1;
        bfs.next(graph);
        for &discovered in bfs.stack.range(queued..) {
            distance[graph.to_index(discovered)] = depth + 1;
            order.push(discovered);
        }
    }
    Reached { distance, order }
}

/// Breadth-first distances from `start`, as [`reach`] finds them.
pub fn distances<G>(
    graph: G,
    start: G::NodeId,
    max_depth: Option<usize>,
    stop_at: Option<G::NodeId>,
) -> Vec<usize>
where
    G: IntoNeighbors + Visitable + NodeIndexable,
{
    reach(graph, start, max_depth, stop_at).distance
}
