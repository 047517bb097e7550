//! A company's profile: its names and sectors, and every relation in and out, grouped by type.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::keyed::{KeyCache, KeyedRelation};
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::{Company, Relation, RelationKind};

/// Which way a group of relations reads, seen from the company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The company is `from`.
    Out,
    /// The company is `to`.
    In,
    /// A symmetric relation: the company is either end.
    With,
}

/// The relations of one type and side, earliest first, undated last.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationGroup<'a> {
    /// The relations' type.
    #[serde(rename = "type")]
    pub kind: RelationKind,
    /// Which way they read.
    pub side: Side,
    /// The relations, each with its key.
    pub relations: Vec<KeyedRelation<'a>>,
}

/// A company and everything it is related to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile<'a> {
    /// The company's record.
    pub company: &'a Company,
    /// How many relations it has.
    pub relations: usize,
    /// Its relations, grouped by type then side.
    pub groups: Vec<RelationGroup<'a>>,
}

/// The profile of the company at `node`.
///
/// # Example
///
/// ```
/// use dealgraph::query::{profile, Side};
/// use dealgraph::RelationKind;
///
/// let graph = dealgraph::curated::load();
/// let oracle = graph.resolve("oracle").unwrap();
/// let profile = profile(&graph, oracle);
/// let leases_in = profile
///     .groups
///     .iter()
///     .find(|g| g.kind == RelationKind::Lease && g.side == Side::In)
///     .unwrap();
/// assert!(leases_in.relations.iter().any(|r| r.relation.from.as_str() == "crusoe"));
/// ```
pub fn profile(graph: &KnowledgeGraph, node: NodeIndex) -> Profile<'_> {
    let mut tagged: Vec<(RelationKind, Side, RelationId, &Relation)> = Vec::new();
    for (direction, side) in [
        (Direction::Outgoing, Side::Out),
        (Direction::Incoming, Side::In),
    ] {
        for edge in graph.graph().edges_directed(node, direction) {
            let index = RelationId::from(edge.id());
            let relation = graph.relation(index);
            let side = if relation.kind.is_symmetric() {
                Side::With
            } else {
                side
            };
            tagged.push((relation.kind, side, index, relation));
        }
    }
    tagged.sort_by_key(|&(kind, side, index, relation)| {
        (kind, side, relation.date.is_none(), relation.date, index)
    });
    let mut groups: Vec<RelationGroup<'_>> = Vec::new();
    let mut keys = KeyCache::new(graph);
    for (kind, side, index, _) in tagged {
        let keyed = keys.keyed(index);
        match groups.last_mut() {
            Some(group) if group.kind == kind && group.side == side => group.relations.push(keyed),
            _ => groups.push(RelationGroup {
                kind,
                side,
                relations: vec![keyed],
            }),
        }
    }
    Profile {
        company: graph.company(node),
        relations: groups.iter().map(|g| g.relations.len()).sum(),
        groups,
    }
}
