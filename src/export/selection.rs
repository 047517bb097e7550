//! What an export writes: a set of companies and the relations among them, in a fixed order.

use std::collections::BTreeSet;

use petgraph::graph::NodeIndex;

use crate::export::Diagram;
use crate::graph::{KnowledgeGraph, RelationId};

/// The companies and relations an export writes, each sorted (companies by id, relations in
/// file order), so the same selection always gives the same bytes. Every relation's two ends
/// are among the companies.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    /// The companies, sorted by node (and so by id).
    pub companies: Vec<NodeIndex>,
    /// The relations, in file order.
    pub relations: Vec<RelationId>,
}

impl Selection {
    /// Every company and every relation of `graph`.
    ///
    /// # Example
    ///
    /// ```
    /// use dealgraph::export::Selection;
    ///
    /// let graph = dealgraph::curated::load();
    /// let all = Selection::whole(&graph);
    /// assert_eq!(all.companies.len(), graph.company_count());
    /// assert_eq!(all.relations.len(), graph.relation_count());
    /// ```
    pub fn whole(graph: &KnowledgeGraph) -> Selection {
        Selection {
            companies: graph.graph().node_indices().collect(),
            relations: graph.relation_ids().collect(),
        }
    }

    /// What `diagram` draws: its companies and relations, and the ends of those relations.
    pub fn of_diagram(graph: &KnowledgeGraph, diagram: &Diagram) -> Selection {
        let mut companies: BTreeSet<NodeIndex> = diagram.nodes.clone();
        for id in &diagram.edges {
            let (from, to) = graph.ends(*id);
            companies.insert(from);
            companies.insert(to);
        }
        Selection {
            companies: companies.into_iter().collect(),
            relations: diagram.edges.iter().copied().collect(),
        }
    }
}
