//! Crowded diagrams: past a number of companies a drawing stops being read, so a diagram keeps
//! the most connected and gathers the rest into "and N more" beside the company they hang on.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::graph::NodeIndex;

use super::diagram::Diagram;
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::RelationKind;

/// The most companies `dealgraph dot` draws by default: a diagram of more is a tangle at any
/// size one can print or scroll.
pub const MAX_DRAWN: usize = 150;

/// Companies a diagram leaves out, gathered beside one company it draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gathered {
    /// The company they hang on: their neighbour drawn with the most relations to them; `None`
    /// for companies with no neighbour drawn.
    pub beside: Option<NodeIndex>,
    /// How many companies.
    pub companies: usize,
    /// Their relations with `beside` (with the diagram, for `None`), by type.
    pub relations: BTreeMap<RelationKind, usize>,
}

/// What [`Diagram::reduce`] left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reduction {
    /// The companies the diagram held.
    pub companies: usize,
    /// The companies still drawn.
    pub drawn: usize,
    /// The relations no longer drawn.
    pub relations_left_out: usize,
}

impl Diagram {
    /// Keeps at most `limit` companies (but every highlighted one): those highlighted, then the
    /// most connected in the diagram, then by order in the graph; drops the relations of the
    /// others and gathers them into [`Diagram::gathered`]. `None`, and the diagram unchanged,
    /// when it holds no more than `limit`.
    ///
    /// # Example
    ///
    /// ```
    /// use dealgraph::export::diagram::Diagram;
    /// use dealgraph::query::RelationFilter;
    ///
    /// let graph = dealgraph::curated::load();
    /// let mut diagram = Diagram::whole(&graph, &RelationFilter::default());
    /// let cut = diagram.reduce(&graph, 20).unwrap();
    /// assert_eq!(cut.drawn, 20);
    /// let left_out: usize = diagram.gathered.iter().map(|g| g.companies).sum();
    /// assert_eq!(left_out, cut.companies - 20);
    /// assert!(diagram.nodes.contains(&graph.resolve("openai").unwrap()));
    /// ```
    pub fn reduce(&mut self, graph: &KnowledgeGraph, limit: usize) -> Option<Reduction> {
        let all = self.companies(graph);
        if all.len() <= limit {
            return None;
        }
        let degree = self.degrees(graph);
        let kept = self.most_connected(&all, &degree, limit);
        let mut dropped_edges: Vec<RelationId> = Vec::new();
        self.edges.retain(|&id| {
            let (from, to) = graph.ends(id);
            let keep = kept.contains(&from) && kept.contains(&to);
            if !keep {
                dropped_edges.push(id);
            }
            keep
        });
        self.gathered = gather(graph, &all, &kept, &dropped_edges);
        let note = format!(
            "the {} most connected of {} companies",
            kept.len(),
            all.len()
        );
        self.title = if self.title.is_empty() {
            format!("The graph: {note}")
        } else {
            format!("{} ({note})", self.title)
        };
        self.nodes = kept.clone();
        for set in [&mut self.highlighted_nodes, &mut self.faded_nodes] {
            set.retain(|node| kept.contains(node));
        }
        let edges = self.edges.clone();
        for set in [
            &mut self.highlighted_edges,
            &mut self.faded_edges,
            &mut self.loose_edges,
            &mut self.upward_edges,
        ] {
            set.retain(|id| edges.contains(id));
        }
        Some(Reduction {
            companies: all.len(),
            drawn: kept.len(),
            relations_left_out: dropped_edges.len(),
        })
    }

    /// Every company drawn: the diagram's, and the ends of its relations.
    fn companies(&self, graph: &KnowledgeGraph) -> BTreeSet<NodeIndex> {
        let mut all = self.nodes.clone();
        for &id in &self.edges {
            let (from, to) = graph.ends(id);
            all.extend([from, to]);
        }
        all
    }

    /// How many of the diagram's relations each company has.
    fn degrees(&self, graph: &KnowledgeGraph) -> HashMap<NodeIndex, usize> {
        let mut degree = HashMap::new();
        for &id in &self.edges {
            let (from, to) = graph.ends(id);
            *degree.entry(from).or_insert(0) += 1;
            *degree.entry(to).or_insert(0) += 1;
        }
        degree
    }

    fn most_connected(
        &self,
        all: &BTreeSet<NodeIndex>,
        degree: &HashMap<NodeIndex, usize>,
        limit: usize,
    ) -> BTreeSet<NodeIndex> {
        let mut order: Vec<NodeIndex> = all.iter().copied().collect();
        order.sort_by_key(|node| {
            let connections = degree.get(node).copied().unwrap_or(0);
            (
                !self.highlighted_nodes.contains(node),
                std::cmp::Reverse(connections),
                *node,
            )
        });
        let highlighted = order
            .iter()
            .take_while(|node| self.highlighted_nodes.contains(node))
            .count();
        order.truncate(limit.max(highlighted));
        order.into_iter().collect()
    }
}

/// The companies of `all` not `kept`, each gathered beside its kept neighbour with the most
/// relations to it (the first in the graph on a tie), sorted by that neighbour.
fn gather(
    graph: &KnowledgeGraph,
    all: &BTreeSet<NodeIndex>,
    kept: &BTreeSet<NodeIndex>,
    dropped_edges: &[RelationId],
) -> Vec<Gathered> {
    // For each company left out: its relations with each kept company, by type.
    let mut links: BTreeMap<NodeIndex, BTreeMap<NodeIndex, Vec<RelationKind>>> = BTreeMap::new();
    for &id in dropped_edges {
        let (from, to) = graph.ends(id);
        let kind = graph.facts(id).kind;
        for (outside, inside) in [(from, to), (to, from)] {
            if !kept.contains(&outside) && kept.contains(&inside) {
                links
                    .entry(outside)
                    .or_default()
                    .entry(inside)
                    .or_default()
                    .push(kind);
            }
        }
    }
    let mut groups: BTreeMap<Option<NodeIndex>, Gathered> = BTreeMap::new();
    for &company in all.iter().filter(|company| !kept.contains(company)) {
        let best = links.get(&company).and_then(|neighbours| {
            (neighbours.iter())
                .max_by_key(|(node, kinds)| (kinds.len(), std::cmp::Reverse(**node)))
                .map(|(node, kinds)| (*node, kinds.clone()))
        });
        let beside = best.as_ref().map(|(node, _)| *node);
        let group = groups.entry(beside).or_insert_with(|| Gathered {
            beside,
            companies: 0,
            relations: BTreeMap::new(),
        });
        group.companies += 1;
        for kind in best.map(|(_, kinds)| kinds).unwrap_or_default() {
            *group.relations.entry(kind).or_insert(0) += 1;
        }
    }
    groups.into_values().collect()
}
