//! The loaded graph: companies as nodes, relations as directed edges.

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, EdgeReference, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{Company, Relation};
use crate::names::{NameIndex, ResolveError};

/// A validated graph of companies and the relations between them.
///
/// Node `i` of [`KnowledgeGraph::graph`] is company `i`, and each edge's weight is the index of
/// its relation, so petgraph's algorithms run on the graph directly. Companies are sorted by id;
/// relations keep the order of the files they come from.
#[derive(Debug, Clone)]
pub struct KnowledgeGraph {
    companies: Vec<Company>,
    relations: Vec<Relation>,
    graph: DiGraph<(), usize>,
    names: NameIndex,
}

impl KnowledgeGraph {
    /// Builds the graph from records that have passed validation: companies sorted by their
    /// unique ids, `names` indexing them, and relations that name known companies, whose
    /// nodes validation found: `ends[i]` holds relation `i`'s `from` and `to`.
    pub(crate) fn from_validated(
        companies: Vec<Company>,
        names: NameIndex,
        relations: Vec<Relation>,
        ends: Vec<Option<(NodeIndex, NodeIndex)>>,
    ) -> KnowledgeGraph {
        let mut graph = DiGraph::with_capacity(companies.len(), relations.len());
        for _ in &companies {
            graph.add_node(());
        }
        for (i, ends) in ends.into_iter().enumerate() {
            let (from, to) = ends.expect("validated: both ends are known");
            graph.add_edge(from, to, i);
        }
        KnowledgeGraph {
            companies,
            relations,
            graph,
            names,
        }
    }

    /// Every company, sorted by id; `companies()[i]` is node `i`.
    pub fn companies(&self) -> &[Company] {
        &self.companies
    }

    /// Every relation, in file order; an edge's weight indexes this slice.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// The petgraph graph: node `i` is company `i`, edge weights index [`Self::relations`].
    pub fn graph(&self) -> &DiGraph<(), usize> {
        &self.graph
    }

    /// The company at `node`.
    ///
    /// # Panics
    ///
    /// When `node` is not a node of this graph.
    pub fn company(&self, node: NodeIndex) -> &Company {
        &self.companies[node.index()]
    }

    /// The relation an edge stands for.
    pub fn relation(&self, edge: EdgeReference<'_, usize>) -> &Relation {
        &self.relations[*edge.weight()]
    }

    /// The relation at `edge`.
    ///
    /// # Panics
    ///
    /// When `edge` is not an edge of this graph.
    pub fn relation_at(&self, edge: EdgeIndex) -> &Relation {
        &self.relations[self.graph[edge]]
    }

    /// The node of the company with exactly this id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.names.id(id)
    }

    /// The name index, for lookups and suggestions.
    pub fn names(&self) -> &NameIndex {
        &self.names
    }

    /// Finds a company by id, name or alias, ignoring case and punctuation.
    ///
    /// # Errors
    ///
    /// When no company, or more than one, bears that name; the error lists the closest names.
    ///
    /// # Example
    ///
    /// ```
    /// let graph = dealgraph::curated::load();
    /// let node = graph.resolve("Open AI").unwrap();
    /// assert_eq!(graph.company(node).id.as_str(), "openai");
    /// let err = graph.resolve("opneai").unwrap_err();
    /// assert!(err.to_string().starts_with("unknown company `opneai`; did you mean `openai`"));
    /// ```
    pub fn resolve(&self, name: &str) -> Result<NodeIndex, ResolveError> {
        self.names.resolve(name, &self.companies)
    }

    /// The relations that leave (`Outgoing`) or reach (`Incoming`) a company, in file order.
    pub fn relations_of(
        &self,
        node: NodeIndex,
        direction: Direction,
    ) -> Vec<(EdgeIndex, &Relation)> {
        let mut edges: Vec<(EdgeIndex, &Relation)> = self
            .graph
            .edges_directed(node, direction)
            .map(|edge| (edge.id(), self.relation(edge)))
            .collect();
        edges.sort_by_key(|(edge, _)| self.graph[*edge]);
        edges
    }
}
