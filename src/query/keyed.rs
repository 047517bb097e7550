//! Relations as answers print them: each with the key that addresses it on the command line.

use std::collections::{HashMap, HashSet};

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use serde::Serialize;

use crate::date::PartialDate;
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::{Relation, RelationKey, RelationKind};

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

/// The keys of a graph's relations, for an answer that lists many. Finding one key walks the
/// relations between its two companies, which for two hubs means thousands; the cache walks
/// each company's outgoing relations once, the first time a key from it is asked for, and
/// numbers every group of relations alike in ends, type and date at once. Nearly every
/// relation is the only one of its group, so only the later members of a group are kept: a
/// relation walked and not kept is the first.
#[derive(Debug)]
pub struct KeyCache<'a> {
    graph: &'a KnowledgeGraph,
    /// The count among those alike of each relation that is not the first, for every company
    /// walked.
    repeats: HashMap<RelationId, usize>,
    walked: HashSet<NodeIndex>,
    /// The outgoing relations of the company being walked, reused from walk to walk.
    scratch: Vec<(NodeIndex, RelationKind, Option<PartialDate>, RelationId)>,
}

impl<'a> KeyCache<'a> {
    /// An empty cache of `graph`'s keys.
    pub fn new(graph: &'a KnowledgeGraph) -> KeyCache<'a> {
        KeyCache {
            graph,
            repeats: HashMap::new(),
            walked: HashSet::new(),
            scratch: Vec::new(),
        }
    }

    /// The key of relation `id`, as [`KnowledgeGraph::relation_key`] gives it.
    pub fn key(&mut self, id: RelationId) -> RelationKey {
        let (from, to) = self.graph.ends(id);
        if self.walked.insert(from) {
            self.walk(from);
        }
        let facts = self.graph.facts(id);
        RelationKey {
            from: self.graph.company(from).id.clone(),
            kind: facts.kind,
            to: self.graph.company(to).id.clone(),
            date: facts.date,
            nth: self.repeats.get(&id).copied().unwrap_or(1),
        }
    }

    /// Numbers the outgoing relations of `from` within each group alike in end, type and date,
    /// in file order, keeping the numbers after the first.
    fn walk(&mut self, from: NodeIndex) {
        self.scratch.clear();
        self.scratch
            .extend(self.graph.graph().edges(from).map(|edge| {
                let facts = edge.weight();
                (
                    edge.target(),
                    facts.kind,
                    facts.date,
                    RelationId::from(edge.id()),
                )
            }));
        // Sorted, each group is a run, its members in id (file) order.
        self.scratch.sort_unstable();
        let alike =
            |a: &(NodeIndex, RelationKind, Option<PartialDate>, RelationId),
             b: &(NodeIndex, RelationKind, Option<PartialDate>, RelationId)| {
                (a.0, a.1, a.2) == (b.0, b.1, b.2)
            };
        for group in self.scratch.chunk_by(alike) {
            for (n, &(.., id)) in group.iter().enumerate().skip(1) {
                self.repeats.insert(id, n + 1);
            }
        }
    }

    /// The relation `id`, with its key.
    pub fn keyed(&mut self, id: RelationId) -> KeyedRelation<'a> {
        KeyedRelation {
            key: self.key(id),
            relation: self.graph.relation(id),
        }
    }

    /// Every relation of `ids`, with its key, in the order given.
    pub fn all(&mut self, ids: &[RelationId]) -> Vec<KeyedRelation<'a>> {
        ids.iter().map(|&id| self.keyed(id)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_gives_the_keys_the_graph_gives() {
        let text = br#"{"companies": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            "relations": [{"type": "lease", "from": "a", "to": "b", "date": "2024", "site": "x"},
                          {"type": "lease", "from": "a", "to": "b"},
                          {"type": "lease", "from": "a", "to": "b", "date": "2024", "site": "y"},
                          {"type": "supply", "from": "b", "to": "a"}]}"#;
        let graph = crate::load::load(&[crate::load::GraphText::new("g.json", &text[..])]).unwrap();
        let mut cache = KeyCache::new(&graph);
        let mut ids: Vec<RelationId> = graph.relation_ids().collect();
        ids.reverse();
        for id in ids {
            assert_eq!(cache.key(id), graph.relation_key(id));
        }
        assert_eq!(
            cache.key(RelationId::new(2)).to_string(),
            "a:lease:b:2024:2"
        );
    }
}
