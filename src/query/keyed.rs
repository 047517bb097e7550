//! Relations as answers print them: each with the key that addresses it on the command line.

use serde::Serialize;

use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::{Relation, RelationKey};

/// A relation and its key, serialized as the relation's record with `key` first, so every
/// JSON answer names each relation the way `dealgraph set` and `dealgraph rm` take it.
///
/// # Example
///
/// ```
/// use dealgraph::RelationId;
/// use dealgraph::query::KeyedRelation;
/// use petgraph::visit::EdgeRef;
///
/// let graph = dealgraph::curated::load();
/// let crusoe = graph.resolve("crusoe").unwrap();
/// let first = graph.graph().edges(crusoe).next().unwrap();
/// let keyed = KeyedRelation::of(&graph, RelationId::from(first.id()));
/// let json = serde_json::to_value(&keyed).unwrap();
/// assert_eq!(json["key"], keyed.key.to_string());
/// assert_eq!(json["from"], "crusoe");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyedRelation<'a> {
    /// The key that addresses the relation.
    pub key: RelationKey,
    /// The relation's record.
    #[serde(flatten)]
    pub relation: &'a Relation,
}

impl<'a> KeyedRelation<'a> {
    /// The relation `id` of `graph`, with its key.
    pub fn of(graph: &'a KnowledgeGraph, id: RelationId) -> KeyedRelation<'a> {
        KeyedRelation {
            key: graph.relation_key(id),
            relation: graph.relation(id),
        }
    }

    /// Every relation of `ids`, with its key, in the order given.
    pub fn all(graph: &'a KnowledgeGraph, ids: &[RelationId]) -> Vec<KeyedRelation<'a>> {
        ids.iter().map(|&id| KeyedRelation::of(graph, id)).collect()
    }
}
