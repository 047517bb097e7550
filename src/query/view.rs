//! The graph as one question sees it: the relations a filter allows, walked the way a
//! traversal says, as a petgraph graph of its own.
//!
//! [`RelationView`] implements petgraph's visit traits, so [`Bfs`](petgraph::visit::Bfs),
//! [`Dfs`](petgraph::visit::Dfs), [`EdgeFiltered`](petgraph::visit::EdgeFiltered) and the
//! algorithms of `petgraph::algo` run on it, and every edge they see is a [`Step`]: one
//! relation, from the company a question stands on to the company it leads to.

use petgraph::graph::{DiGraph, Edges, NodeIndex};
use petgraph::visit::{
    Data, EdgeRef, GraphBase, GraphProp, IntoEdgeReferences, IntoEdges, IntoNeighbors,
    IntoNodeIdentifiers, NodeCompactIndexable, NodeCount, NodeIndexable, Visitable,
};
use petgraph::{Directed, Direction};

use super::filter::RelationFilter;
use super::hops::Traversal;
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::RelationKind;
use crate::store::RelationFacts;

/// The relations of a graph that a filter allows, each a step one way or both: along its
/// direction, against it, or both, as the [`Traversal`] says, symmetric types (partnership,
/// competitor) always both ways unless the traversal is undirected (which takes every type
/// both ways).
///
/// # Example
///
/// ```
/// use dealgraph::query::{RelationFilter, RelationView, Traversal, SUPPLY_KINDS};
/// use petgraph::visit::Bfs;
///
/// let graph = dealgraph::curated::load();
/// let filter = RelationFilter::for_kinds(&SUPPLY_KINDS, &[]).unwrap();
/// let upstream = RelationView::new(&graph, &filter, Traversal::Backward);
/// let openai = graph.resolve("openai").unwrap();
/// let mut bfs = Bfs::new(upstream, openai);
/// let mut suppliers = Vec::new();
/// while let Some(node) = bfs.next(upstream) {
///     suppliers.push(graph.company_id(node));
/// }
/// assert!(suppliers.contains(&"crusoe"), "Crusoe leases to Oracle, which serves OpenAI");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct RelationView<'g> {
    graph: &'g DiGraph<(), RelationFacts>,
    filter: &'g RelationFilter,
    traversal: Traversal,
    /// Whether the filter allows a symmetric type, which every traversal walks both ways.
    symmetric: bool,
    /// The types the filter allows, a bit each (by declaration order): tested once per
    /// relation walked, so a table rather than the filter's sets.
    kinds: u16,
}

impl<'g> RelationView<'g> {
    /// The relations of `graph` that `filter` allows, walked as `traversal` says.
    pub fn new(
        graph: &'g KnowledgeGraph,
        filter: &'g RelationFilter,
        traversal: Traversal,
    ) -> RelationView<'g> {
        let symmetric = RelationKind::ALL
            .iter()
            .any(|kind| kind.is_symmetric() && filter.allows_kind(*kind));
        let kinds = RelationKind::ALL
            .iter()
            .filter(|kind| filter.allows_kind(**kind))
            .fold(0, |kinds, kind| kinds | kind_bit(*kind));
        RelationView {
            graph: graph.graph(),
            filter,
            traversal,
            symmetric,
            kinds,
        }
    }

    /// The same relations walked the other way: who reaches a company rather than whom it
    /// reaches.
    pub fn reversed(self) -> RelationView<'g> {
        RelationView {
            traversal: self.traversal.reversed(),
            ..self
        }
    }

    /// Whether the view walks relations stored in `direction` from a company: outgoing ones
    /// for whom it reaches, incoming ones for who reaches it.
    fn walks(&self, direction: Direction) -> bool {
        match self.traversal {
            Traversal::Undirected => true,
            _ if self.symmetric => true,
            Traversal::Forward => direction == Direction::Outgoing,
            Traversal::Backward => direction == Direction::Incoming,
        }
    }

    /// Whether a relation with these facts, stored in `direction` from the company walked
    /// from, makes a step.
    fn steps(&self, facts: &RelationFacts, direction: Direction) -> bool {
        let way = match self.traversal {
            Traversal::Undirected => true,
            _ if facts.kind.is_symmetric() => true,
            Traversal::Forward => direction == Direction::Outgoing,
            Traversal::Backward => direction == Direction::Incoming,
        };
        way && self.kinds & kind_bit(facts.kind) != 0 && self.filter.allows_time_and_status(facts)
    }
}

/// A type's bit in [`RelationView`]'s table of types.
fn kind_bit(kind: RelationKind) -> u16 {
    1 << kind as u16
}

/// One relation walked from one company to another: the edge a [`RelationView`] yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step<'g> {
    /// The company walked from.
    pub from: NodeIndex,
    /// The company walked to.
    pub to: NodeIndex,
    /// The relation walked.
    pub relation: RelationId,
    /// What questions filter on about it.
    pub facts: &'g RelationFacts,
}

impl<'g> EdgeRef for Step<'g> {
    type NodeId = NodeIndex;
    type EdgeId = RelationId;
    type Weight = RelationFacts;

    fn source(&self) -> NodeIndex {
        self.from
    }

    fn target(&self) -> NodeIndex {
        self.to
    }

    fn weight(&self) -> &'g RelationFacts {
        self.facts
    }

    fn id(&self) -> RelationId {
        self.relation
    }
}

/// The steps from one company in a [`RelationView`]: its outgoing relations, then its
/// incoming ones, each as the view allows.
#[derive(Clone)]
pub struct Steps<'g> {
    view: RelationView<'g>,
    from: NodeIndex,
    outgoing: Option<Edges<'g, RelationFacts, Directed>>,
    incoming: Option<Edges<'g, RelationFacts, Directed>>,
}

impl<'g> Steps<'g> {
    fn new(view: RelationView<'g>, from: NodeIndex) -> Steps<'g> {
        let edges = |direction| {
            view.walks(direction)
                .then(|| view.graph.edges_directed(from, direction))
        };
        Steps {
            view,
            from,
            outgoing: edges(Direction::Outgoing),
            incoming: edges(Direction::Incoming),
        }
    }
}

impl<'g> Iterator for Steps<'g> {
    type Item = Step<'g>;

    fn next(&mut self) -> Option<Step<'g>> {
        let view = self.view;
        if let Some(edges) = &mut self.outgoing {
            if let Some(edge) = edges.find(|edge| view.steps(edge.weight(), Direction::Outgoing)) {
                return Some(Step {
                    from: self.from,
                    to: edge.target(),
                    relation: edge.id().into(),
                    facts: edge.weight(),
                });
            }
            self.outgoing = None;
        }
        let edge = self
            .incoming
            .as_mut()?
            .find(|edge| view.steps(edge.weight(), Direction::Incoming))?;
        Some(Step {
            from: self.from,
            to: edge.source(),
            relation: edge.id().into(),
            facts: edge.weight(),
        })
    }
}

/// The companies the steps from one company lead to, once per step.
#[derive(Clone)]
pub struct Neighbors<'g>(Steps<'g>);

impl Iterator for Neighbors<'_> {
    type Item = NodeIndex;

    fn next(&mut self) -> Option<NodeIndex> {
        self.0.next().map(|step| step.to)
    }
}

/// Every step of a view, company by company.
pub struct AllSteps<'g> {
    view: RelationView<'g>,
    next_company: usize,
    steps: Option<Steps<'g>>,
}

impl<'g> Iterator for AllSteps<'g> {
    type Item = Step<'g>;

    fn next(&mut self) -> Option<Step<'g>> {
        loop {
            if let Some(step) = self.steps.as_mut().and_then(Iterator::next) {
                return Some(step);
            }
            if self.next_company >= self.view.graph.node_count() {
                return None;
            }
            let from = NodeIndex::new(self.next_company);
            self.next_company += 1;
            self.steps = Some(Steps::new(self.view, from));
        }
    }
}

impl petgraph::visit::GraphRef for RelationView<'_> {}

impl GraphBase for RelationView<'_> {
    type NodeId = NodeIndex;
    type EdgeId = RelationId;
}

impl Data for RelationView<'_> {
    type NodeWeight = ();
    type EdgeWeight = RelationFacts;
}

impl GraphProp for RelationView<'_> {
    type EdgeType = Directed;
}

impl<'g> IntoNeighbors for RelationView<'g> {
    type Neighbors = Neighbors<'g>;

    fn neighbors(self, company: NodeIndex) -> Neighbors<'g> {
        Neighbors(Steps::new(self, company))
    }
}

impl<'g> IntoEdgeReferences for RelationView<'g> {
    type EdgeRef = Step<'g>;
    type EdgeReferences = AllSteps<'g>;

    fn edge_references(self) -> AllSteps<'g> {
        AllSteps {
            view: self,
            next_company: 0,
            steps: None,
        }
    }
}

impl<'g> IntoEdges for RelationView<'g> {
    type Edges = Steps<'g>;

    fn edges(self, company: NodeIndex) -> Steps<'g> {
        Steps::new(self, company)
    }
}

impl IntoNodeIdentifiers for RelationView<'_> {
    type NodeIdentifiers = petgraph::graph::NodeIndices;

    fn node_identifiers(self) -> Self::NodeIdentifiers {
        self.graph.node_indices()
    }
}

impl NodeCount for RelationView<'_> {
    fn node_count(&self) -> usize {
        self.graph.node_count()
    }
}

impl NodeIndexable for RelationView<'_> {
    fn node_bound(&self) -> usize {
        self.graph.node_count()
    }

    fn to_index(&self, company: NodeIndex) -> usize {
        company.index()
    }

    fn from_index(&self, index: usize) -> NodeIndex {
        NodeIndex::new(index)
    }
}

impl NodeCompactIndexable for RelationView<'_> {}

/// The visit map of the graph a view is of.
type VisitMapOf<'g> = <&'g DiGraph<(), RelationFacts> as Visitable>::Map;

impl<'g> Visitable for RelationView<'g> {
    type Map = VisitMapOf<'g>;

    fn visit_map(&self) -> Self::Map {
        self.graph.visit_map()
    }

    fn reset_map(&self, map: &mut Self::Map) {
        self.graph.reset_map(map);
    }
}

#[cfg(test)]
mod tests {
    use petgraph::visit::{Dfs, VisitMap};

    use super::*;
    use crate::query::SUPPLY_KINDS;

    #[test]
    fn every_step_of_the_view_is_a_step_from_its_company() {
        let graph = crate::curated::load();
        let filter = RelationFilter::for_kinds(&SUPPLY_KINDS, &[]).expect("a filter");
        let view = RelationView::new(&graph, &filter, Traversal::Backward);
        assert_eq!(view.node_count(), graph.company_count());
        let mut each: Vec<(NodeIndex, NodeIndex, RelationId)> = Vec::new();
        for company in view.node_identifiers() {
            assert_eq!(view.from_index(view.to_index(company)), company);
            for step in view.edges(company) {
                assert_eq!(step.source(), company);
                assert_eq!(*step.weight(), *graph.facts(step.id()));
                each.push((step.source(), step.target(), step.id()));
            }
        }
        let all: Vec<(NodeIndex, NodeIndex, RelationId)> = view
            .edge_references()
            .map(|step| (step.source(), step.target(), step.id()))
            .collect();
        assert_eq!(
            all, each,
            "edge_references walks every company's edges in order"
        );
        let supply = graph
            .graph()
            .edge_weights()
            .filter(|facts| SUPPLY_KINDS.contains(&facts.kind))
            .count();
        assert_eq!(
            all.len(),
            supply,
            "each directed relation once, against its direction"
        );
        assert!(all.iter().all(|&(from, to, relation)| {
            graph.graph().edge_endpoints(relation.edge()) == Some((to, from))
        }));
    }

    #[test]
    fn a_visit_map_reset_by_the_view_is_empty_again() {
        let graph = crate::curated::load();
        let filter = RelationFilter::default();
        let view = RelationView::new(&graph, &filter, Traversal::Undirected);
        let openai = graph.resolve("openai").expect("in the graph");
        let mut dfs = Dfs::new(view, openai);
        while dfs.next(view).is_some() {}
        assert!(dfs.discovered.is_visited(&openai));
        view.reset_map(&mut dfs.discovered);
        assert!(!dfs.discovered.is_visited(&openai));
        assert_eq!(dfs.discovered.len(), view.node_bound());
    }
}
