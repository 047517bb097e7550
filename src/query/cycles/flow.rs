//! The money-flow graph: one edge from payer to payee for every pair of companies that money
//! moves between, holding the relations that move it.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::{RelationKind, Status};
use crate::query::RelationFilter;

/// Which way money moves along a relation of `kind` drawn from `from` to `to`: `Some(true)`
/// from `from` to `to` (an investor pays the investee, an acquirer the target, a lender the
/// borrower), `Some(false)` from `to` to `from` (a customer pays the provider of a lease,
/// compute or supply), `None` when it moves no money (ownership, partnership, competitor,
/// exclusivity).
///
/// # Example
///
/// ```
/// use dealgraph::RelationKind;
/// use dealgraph::query::cycles::money_moves_forward;
///
/// assert_eq!(money_moves_forward(RelationKind::Investment), Some(true));
/// assert_eq!(money_moves_forward(RelationKind::Compute), Some(false));
/// assert_eq!(money_moves_forward(RelationKind::Competitor), None);
/// ```
pub fn money_moves_forward(kind: RelationKind) -> Option<bool> {
    match kind {
        RelationKind::Investment | RelationKind::Acquisition | RelationKind::Loan => Some(true),
        RelationKind::Lease | RelationKind::Compute | RelationKind::Supply => Some(false),
        RelationKind::Ownership
        | RelationKind::Exclusivity
        | RelationKind::Partnership
        | RelationKind::Competitor => None,
    }
}

/// The relation types that move money, in declaration order: those
/// [`money_moves_forward`] gives a direction.
///
/// # Example
///
/// ```
/// use dealgraph::RelationKind;
/// use dealgraph::query::cycles::money_kinds;
///
/// assert!(money_kinds().contains(&RelationKind::Lease));
/// assert!(!money_kinds().contains(&RelationKind::Ownership));
/// ```
pub fn money_kinds() -> Vec<RelationKind> {
    RelationKind::ALL
        .into_iter()
        .filter(|&kind| money_moves_forward(kind).is_some())
        .collect()
}

/// The money-flow graph: the graph's companies as nodes (same indices), and an edge from payer
/// to payee holding every relation the filter keeps that moves money that way (a cancelled
/// one moves none), so that parallel relations make one hop.
pub(crate) fn money_flow(
    graph: &KnowledgeGraph,
    filter: &RelationFilter,
) -> DiGraph<(), Vec<RelationId>> {
    let source = graph.graph();
    let mut flow: DiGraph<(), Vec<RelationId>> =
        DiGraph::with_capacity(source.node_count(), source.edge_count());
    for _ in 0..source.node_count() {
        flow.add_node(());
    }
    let mut hops: HashMap<(NodeIndex, NodeIndex), EdgeIndex> = HashMap::new();
    for edge in source.edge_references() {
        let facts = edge.weight();
        if !filter.allows_facts(facts) || facts.status == Some(Status::Cancelled) {
            continue;
        }
        let Some(forward) = money_moves_forward(facts.kind) else {
            continue;
        };
        let (payer, payee) = if forward {
            (edge.source(), edge.target())
        } else {
            (edge.target(), edge.source())
        };
        if payer == payee {
            continue;
        }
        let hop = *hops
            .entry((payer, payee))
            .or_insert_with(|| flow.add_edge(payer, payee, Vec::new()));
        flow[hop].push(RelationId::new(edge.id().index()));
    }
    flow
}
