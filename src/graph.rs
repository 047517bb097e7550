//! The loaded graph: companies as nodes, relations as directed edges.

use std::sync::OnceLock;

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

use petgraph::visit::EdgeRef;

use crate::model::{Company, CompanyId, Relation, RelationKey};
use crate::names::{NameIndex, ResolveError};
use crate::store::{CompanyStore, RelationFacts, RelationStore};

/// The id of a relation in a [`KnowledgeGraph`]: its edge in [`KnowledgeGraph::graph`], and
/// its position in the files the graph was loaded from.
///
/// Ids order as the relations do in their files, which is how answers list relations that
/// are otherwise alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct RelationId(EdgeIndex);

impl RelationId {
    /// The id of the `index`-th relation, counting from 0 in file order.
    pub fn new(index: usize) -> RelationId {
        RelationId(EdgeIndex::new(index))
    }

    /// The relation's position in file order, counting from 0.
    pub fn index(self) -> usize {
        self.0.index()
    }

    /// The relation's edge in [`KnowledgeGraph::graph`].
    pub fn edge(self) -> EdgeIndex {
        self.0
    }
}

impl From<EdgeIndex> for RelationId {
    fn from(edge: EdgeIndex) -> RelationId {
        RelationId(edge)
    }
}

/// A validated graph of companies and the relations between them.
///
/// Node `i` of [`KnowledgeGraph::graph`] is company `i`, and edge `i` is relation `i`
/// ([`RelationId::edge`]), weighted with what questions filter on, so petgraph's algorithms
/// run on the graph directly.
/// Companies are sorted by id; relations keep the order of the files they come from.
///
/// Relations are held compactly: [`KnowledgeGraph::facts`] (the edge's weight) gives what
/// questions filter on, and [`KnowledgeGraph::relation`] decodes the whole relation on first use. A graph from the
/// snapshot cache holds its companies compactly too: [`KnowledgeGraph::company_id`] reads an
/// id, and [`KnowledgeGraph::company`] decodes the whole company on first use.
#[derive(Debug, Clone)]
pub struct KnowledgeGraph {
    companies: CompanyStore,
    relations: RelationStore,
    graph: DiGraph<(), RelationFacts>,
    /// Made on first use: questions that name companies by id never need it.
    names: OnceLock<NameIndex>,
    /// The keys of ids that are also another company's name or alias, sorted: naming one of
    /// them is ambiguous, which only the name index can tell in full.
    shadowed_ids: Vec<String>,
}

impl KnowledgeGraph {
    /// Builds the graph from companies sorted by id and a store whose relation `i` joins the
    /// `i`-th pair of `ends`.
    pub(crate) fn from_store(
        companies: CompanyStore,
        mut relations: RelationStore,
        ends: impl IntoIterator<Item = (NodeIndex, NodeIndex)>,
        shadowed_ids: Vec<String>,
    ) -> KnowledgeGraph {
        relations.seal();
        let facts = relations.take_facts();
        let mut graph = Self::empty_graph(companies.len(), facts.len());
        for ((from, to), facts) in ends.into_iter().zip(facts) {
            graph.add_edge(from, to, facts);
        }
        Self::from_graph(companies, relations, graph, shadowed_ids)
            .expect("one pair of ends per relation")
    }

    /// A graph with one node per company and room for `relations` edges, for
    /// [`Self::from_graph`].
    pub(crate) fn empty_graph(companies: usize, relations: usize) -> DiGraph<(), RelationFacts> {
        let mut graph = DiGraph::with_capacity(companies, relations);
        for _ in 0..companies {
            graph.add_node(());
        }
        graph
    }

    /// Builds the graph from companies sorted by id, a sealed store of the relations' details
    /// and a graph whose edge `i` is relation `i`, or `None` when they disagree in size.
    pub(crate) fn from_graph(
        companies: CompanyStore,
        relations: RelationStore,
        graph: DiGraph<(), RelationFacts>,
        shadowed_ids: Vec<String>,
    ) -> Option<KnowledgeGraph> {
        let sizes_agree =
            graph.node_count() == companies.len() && graph.edge_count() == relations.len();
        sizes_agree.then(|| KnowledgeGraph {
            companies,
            relations,
            graph,
            names: OnceLock::new(),
            shadowed_ids,
        })
    }

    /// The keys of ids that another company's name or alias folds to as well, sorted: what
    /// the snapshot keeps so that naming such an id stays ambiguous.
    pub(crate) fn shadowed_ids(&self) -> &[String] {
        &self.shadowed_ids
    }

    /// The store of relations, for the snapshot cache.
    pub(crate) fn store(&self) -> &RelationStore {
        &self.relations
    }

    /// The store of companies, for the snapshot cache.
    pub(crate) fn company_store(&self) -> &CompanyStore {
        &self.companies
    }

    /// Every company, sorted by id; the `i`-th is node `i`. Each is decoded on first use, so
    /// ask [`Self::company_count`] or [`Self::company_id`] when that is all you need.
    pub fn companies(&self) -> impl ExactSizeIterator<Item = &Company> + '_ {
        (0..self.company_count()).map(|index| self.companies.get(index))
    }

    /// How many companies there are.
    pub fn company_count(&self) -> usize {
        self.companies.len()
    }

    /// The id of the company at `node`, without decoding the company.
    ///
    /// # Panics
    ///
    /// When `node` is not a node of this graph.
    pub fn company_id(&self, node: NodeIndex) -> &str {
        self.companies.id(node.index())
    }

    /// How many relations there are.
    pub fn relation_count(&self) -> usize {
        self.relations.len()
    }

    /// The relation `id`, decoded on first use.
    ///
    /// # Panics
    ///
    /// When `id` is not a relation of this graph.
    pub fn relation(&self, id: RelationId) -> &Relation {
        self.relations.get(id.index(), || {
            let (from, to) = self.ends(id);
            (self.facts(id), self.company_id(from), self.company_id(to))
        })
    }

    /// The two companies of the relation `id`: from, to.
    ///
    /// # Panics
    ///
    /// When `id` is not a relation of this graph.
    ///
    /// # Example
    ///
    /// ```
    /// let graph = dealgraph::curated::load();
    /// let id = dealgraph::RelationId::new(0);
    /// let (from, to) = graph.ends(id);
    /// assert_eq!(graph.company_id(from), graph.relation(id).from.as_str());
    /// assert_eq!(graph.company_id(to), graph.relation(id).to.as_str());
    /// ```
    pub fn ends(&self, id: RelationId) -> (NodeIndex, NodeIndex) {
        self.graph
            .edge_endpoints(id.edge())
            .expect("the relation is in this graph")
    }

    /// What questions filter on for the relation `id`: type, status and dates.
    ///
    /// # Panics
    ///
    /// When `id` is not a relation of this graph.
    pub fn facts(&self, id: RelationId) -> &RelationFacts {
        &self.graph[id.edge()]
    }

    /// The key that addresses the relation `id` on the command line: its ends, type and date,
    /// and which of the relations alike in those it is, in file order ([`RelationKey`]).
    ///
    /// # Panics
    ///
    /// When `id` is not a relation of this graph.
    ///
    /// # Example
    ///
    /// ```
    /// let graph = dealgraph::curated::load();
    /// let key = graph.relation_key(dealgraph::RelationId::new(0));
    /// assert_eq!(graph.find_relation(&key), Some(dealgraph::RelationId::new(0)));
    /// ```
    pub fn relation_key(&self, id: RelationId) -> RelationKey {
        let (from, to) = self.ends(id);
        let facts = self.facts(id);
        let nth = 1 + self
            .edges_between(from, to)
            .into_iter()
            .filter(|&edge| {
                edge < id.edge()
                    && self.graph[edge].kind == facts.kind
                    && self.graph[edge].date == facts.date
            })
            .count();
        RelationKey {
            from: CompanyId(self.company_id(from).to_owned()),
            kind: facts.kind,
            to: CompanyId(self.company_id(to).to_owned()),
            date: facts.date,
            nth,
        }
    }

    /// The relation that `key` addresses, if any.
    pub fn find_relation(&self, key: &RelationKey) -> Option<RelationId> {
        let from = self.node(key.from.as_str())?;
        let to = self.node(key.to.as_str())?;
        let mut alike: Vec<EdgeIndex> = self
            .edges_between(from, to)
            .into_iter()
            .filter(|&edge| self.graph[edge].kind == key.kind && self.graph[edge].date == key.date)
            .collect();
        alike.sort_unstable();
        alike.get(key.nth.checked_sub(1)?).copied().map(RelationId)
    }

    /// The relations from `from` to `to`: found by walking `from`'s outgoing and `to`'s
    /// incoming relations in turn until one list ends, so the cost is that of the shorter
    /// (a relation of a hub is found through its other end).
    fn edges_between(&self, from: NodeIndex, to: NodeIndex) -> Vec<EdgeIndex> {
        let mut outgoing = self.graph.edges_directed(from, Direction::Outgoing);
        let mut incoming = self.graph.edges_directed(to, Direction::Incoming);
        let (mut by_out, mut by_in) = (Vec::new(), Vec::new());
        loop {
            match outgoing.next() {
                Some(edge) if edge.target() == to => by_out.push(edge.id()),
                Some(_) => {}
                None => return by_out,
            }
            match incoming.next() {
                Some(edge) if edge.source() == from => by_in.push(edge.id()),
                Some(_) => {}
                None => return by_in,
            }
        }
    }

    /// Every relation's id, in file order.
    pub fn relation_ids(&self) -> impl ExactSizeIterator<Item = RelationId> + use<> {
        (0..self.relation_count()).map(RelationId::new)
    }

    /// Every relation, in file order, each decoded on first use.
    pub fn relations(&self) -> impl ExactSizeIterator<Item = &Relation> + '_ {
        self.relation_ids().map(|id| self.relation(id))
    }

    /// The petgraph graph: node `i` is company `i`, edge `i` is relation `i`, weighted with
    /// its facts.
    pub fn graph(&self) -> &DiGraph<(), RelationFacts> {
        &self.graph
    }

    /// The company at `node`.
    ///
    /// # Panics
    ///
    /// When `node` is not a node of this graph.
    pub fn company(&self, node: NodeIndex) -> &Company {
        self.companies.get(node.index())
    }

    /// The node of the company with exactly this id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.companies.position(id).map(NodeIndex::new)
    }

    /// The name index, for lookups and suggestions; made on first use.
    pub fn names(&self) -> &NameIndex {
        self.names.get_or_init(|| {
            NameIndex::new((0..self.company_count()).map(|i| self.companies.get_passing(i)))
        })
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
        let shadowed = || {
            self.shadowed_ids
                .binary_search_by(|key| key.as_str().cmp(crate::names::name_key(name).as_str()))
                .is_ok()
        };
        match self.node(name) {
            Some(node) if !shadowed() => Ok(node),
            _ => self.names().resolve(name, |node| self.company(node)),
        }
    }
}
