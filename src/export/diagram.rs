//! What a diagram shows: which companies and relations, which stand out, and how they line up.
//!
//! A [`Diagram`] is built from the answer to a question (the whole graph under a filter, a
//! neighbourhood, paths, a supply chain, conflicts) and says nothing about colours or shapes;
//! [`super::dot::to_dot`] decides the look. Its sets are ordered, so the same answer always
//! gives the same diagram.

use std::collections::BTreeSet;

use petgraph::graph::{EdgeReference, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::format;
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::{RelationKind, Scope};
use crate::query::cycles::Cycles;
use crate::query::{
    Conflict, ConflictKind, ConflictOptions, Paths, RelationFilter, SupplySide, Tier,
};
use crate::store::RelationFacts;

/// Which way the diagram's ranks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Top to bottom: sources (investors, suppliers) above the companies they reach.
    #[default]
    TopToBottom,
    /// Left to right: chains and supply tiers read like a sentence.
    LeftToRight,
    /// Force-directed, without ranks (Graphviz's `sfdp`, or `fdp` when clustering): for the
    /// whole graph and neighbourhoods, which have no one direction and would be too wide.
    Spring,
}

/// How a group of companies is placed relative to the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankKind {
    /// On one rank together.
    Same,
    /// On the first rank (top, or left).
    Min,
    /// On the last rank (bottom, or right).
    Max,
}

/// A group of companies to be placed on one rank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rank {
    /// Where the group goes.
    pub kind: RankKind,
    /// The companies, sorted.
    pub nodes: Vec<NodeIndex>,
}

/// What to draw: companies, relations (by index into [`KnowledgeGraph::relations`]), what is
/// highlighted or faded, and layout hints.
///
/// The endpoints of every relation in `edges` are drawn even when `nodes` omits them; ranks
/// that name companies not drawn ignore them. The fields are public so a caller can adjust a
/// diagram (highlight one more company, say) before rendering it.
///
/// # Example
///
/// ```
/// use dealgraph::export::diagram::Diagram;
/// use dealgraph::query::RelationFilter;
/// use dealgraph::RelationKind;
///
/// let graph = dealgraph::curated::load();
/// let leases = RelationFilter::for_kinds(&[RelationKind::Lease], &[]).unwrap();
/// let diagram = Diagram::whole(&graph, &leases);
/// let names: Vec<&str> = diagram.nodes.iter().map(|n| graph.company(*n).id.as_str()).collect();
/// assert!(names.contains(&"crusoe") && names.contains(&"oracle"));
/// assert!(diagram.edges.iter().all(|e| graph.facts(*e).kind == RelationKind::Lease));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagram {
    /// A title drawn above the diagram; empty for none.
    pub title: String,
    /// Which way ranks run.
    pub layout: Layout,
    /// The companies to draw.
    pub nodes: BTreeSet<NodeIndex>,
    /// The relations to draw, by index.
    pub edges: BTreeSet<RelationId>,
    /// Companies drawn with a heavy border: the company asked about, a path's ends.
    pub highlighted_nodes: BTreeSet<NodeIndex>,
    /// Relations drawn heavy: the hops of a path, the clause or rivalry behind a conflict.
    pub highlighted_edges: BTreeSet<RelationId>,
    /// Companies drawn pale: context around the answer.
    pub faded_nodes: BTreeSet<NodeIndex>,
    /// Relations drawn pale: context around the answer.
    pub faded_edges: BTreeSet<RelationId>,
    /// Relations that do not shape the layout (drawn with `constraint=false`): those that run
    /// against a supply chain's tiers, say.
    pub loose_edges: BTreeSet<RelationId>,
    /// Relations laid out against their direction, so that their target sits above (or left
    /// of) their source; their arrows still point from source to target.
    pub upward_edges: BTreeSet<RelationId>,
    /// What the highlighted relations are, for the legend: `on a path`; empty for none.
    pub highlight_meaning: String,
    /// Groups of companies to place on one rank, in order.
    pub ranks: Vec<Rank>,
    /// Companies left out of a crowded diagram, drawn as "and N more" beside the company they
    /// hang on ([`Diagram::reduce`]).
    pub gathered: Vec<crate::export::crowd::Gathered>,
}

impl Diagram {
    /// The whole graph under `filter`: every company when the filter allows every relation,
    /// otherwise only the companies the allowed relations join.
    ///
    /// # Example
    ///
    /// ```
    /// use dealgraph::export::diagram::Diagram;
    /// use dealgraph::query::RelationFilter;
    ///
    /// let graph = dealgraph::curated::load();
    /// let diagram = Diagram::whole(&graph, &RelationFilter::default());
    /// assert_eq!(diagram.nodes.len(), graph.companies().len());
    /// assert_eq!(diagram.edges.len(), graph.relation_count());
    /// ```
    pub fn whole(graph: &KnowledgeGraph, filter: &RelationFilter) -> Diagram {
        let mut diagram = Diagram {
            layout: Layout::Spring,
            ..Diagram::default()
        };
        for edge in graph.graph().edge_references() {
            if filter.allows_facts(edge.weight()) {
                diagram.edges.insert(edge.id().into());
                diagram.nodes.insert(edge.source());
                diagram.nodes.insert(edge.target());
            }
        }
        if *filter == RelationFilter::default() {
            diagram
                .nodes
                .extend(graph.graph().node_indices().collect::<Vec<_>>());
        }
        diagram
    }

    /// A neighbourhood, as [`crate::query::neighbors()`] finds it: `company` in bold, the
    /// companies `near` it, and every relation `filter` allows among them.
    ///
    /// # Example
    ///
    /// ```
    /// use dealgraph::export::diagram::Diagram;
    /// use dealgraph::query::{neighbors, RelationFilter, Traversal};
    ///
    /// let graph = dealgraph::curated::load();
    /// let crusoe = graph.resolve("crusoe").unwrap();
    /// let filter = RelationFilter::default();
    /// let near = neighbors(&graph, crusoe, 1, &filter, Traversal::Undirected);
    /// let diagram = Diagram::from_neighbors(&graph, crusoe, 1, &near, &filter);
    /// assert_eq!(diagram.title, "Within 1 hop of Crusoe");
    /// assert!(diagram.highlighted_nodes.contains(&crusoe));
    /// assert_eq!(diagram.nodes.len(), near.len() + 1);
    /// ```
    pub fn from_neighbors(
        graph: &KnowledgeGraph,
        company: NodeIndex,
        depth: usize,
        near: &[(NodeIndex, usize)],
        filter: &RelationFilter,
    ) -> Diagram {
        let mut diagram = Diagram {
            title: format!(
                "Within {} of {}",
                format::count(depth, "hop"),
                graph.company(company).name
            ),
            layout: Layout::Spring,
            ..Diagram::default()
        };
        diagram.nodes.insert(company);
        diagram.nodes.extend(near.iter().map(|&(node, _)| node));
        diagram.edges = relations_among(graph, &diagram.nodes, filter);
        diagram.highlighted_nodes.insert(company);
        diagram
    }

    /// Paths from `from` to `to`, as [`crate::query::paths()`] finds them, left to right: their
    /// hops in bold, in the context of every relation `filter` allows among their companies.
    /// With `context`, the companies one hop from a path (under `filter`, either way) are drawn
    /// pale, with their relations to the path.
    ///
    /// # Example
    ///
    /// ```
    /// use dealgraph::export::diagram::Diagram;
    /// use dealgraph::query::{paths, PathOptions};
    ///
    /// let graph = dealgraph::curated::load();
    /// let crusoe = graph.resolve("crusoe").unwrap();
    /// let openai = graph.resolve("openai").unwrap();
    /// let options = PathOptions::default();
    /// let found = paths(&graph, crusoe, openai, &options);
    /// let diagram = Diagram::from_paths(&graph, crusoe, openai, &found, &options.filter, false);
    /// assert_eq!(diagram.title, "Crusoe to OpenAI: 1 path");
    /// let oracle = graph.resolve("oracle").unwrap();
    /// assert_eq!(diagram.nodes.iter().copied().collect::<Vec<_>>(), [crusoe, openai, oracle]);
    /// ```
    pub fn from_paths(
        graph: &KnowledgeGraph,
        from: NodeIndex,
        to: NodeIndex,
        found: &Paths,
        filter: &RelationFilter,
        context: bool,
    ) -> Diagram {
        let count = found.paths.len();
        let more = if found.truncated { ", and more" } else { "" };
        let mut diagram = Diagram {
            title: format!(
                "{} to {}: {}{more}",
                graph.company(from).name,
                graph.company(to).name,
                format::count(count, "path")
            ),
            layout: Layout::LeftToRight,
            highlight_meaning: "on a path".to_owned(),
            ..Diagram::default()
        };
        diagram.nodes.insert(from);
        diagram.nodes.insert(to);
        for path in &found.paths {
            diagram.nodes.extend(path.nodes());
            for step in &path.steps {
                diagram
                    .highlighted_edges
                    .extend(step.relations.iter().copied());
            }
        }
        diagram.edges = relations_among(graph, &diagram.nodes, filter);
        diagram
            .edges
            .extend(diagram.highlighted_edges.iter().copied());
        diagram.highlighted_nodes.extend([from, to]);
        if context {
            let on_path = diagram.nodes.clone();
            for edge in graph.graph().edge_references() {
                let index = RelationId::from(edge.id());
                let (source, target) = (edge.source(), edge.target());
                let touches = on_path.contains(&source) != on_path.contains(&target);
                if touches && filter.allows_facts(edge.weight()) {
                    let outside = if on_path.contains(&source) {
                        target
                    } else {
                        source
                    };
                    diagram.nodes.insert(outside);
                    diagram.faded_nodes.insert(outside);
                    diagram.edges.insert(index);
                    diagram.faded_edges.insert(index);
                }
            }
        }
        diagram.ranks = vec![
            Rank {
                kind: RankKind::Min,
                nodes: vec![from],
            },
            Rank {
                kind: RankKind::Max,
                nodes: vec![to],
            },
        ];
        diagram
    }

    /// A supply chain, as [`crate::query::supply_chain()`] finds it, left to right: each tier on
    /// its own rank, `company` in bold, and every relation `filter` allows among the chain's
    /// companies (so a supplier that is also a peer's customer shows it; such relations do not
    /// shape the layout).
    ///
    /// # Example
    ///
    /// ```
    /// use dealgraph::export::diagram::{Diagram, RankKind};
    /// use dealgraph::query::{supply_chain, RelationFilter, SupplySide, SUPPLY_KINDS};
    ///
    /// let graph = dealgraph::curated::load();
    /// let openai = graph.resolve("openai").unwrap();
    /// let filter = RelationFilter::for_kinds(&SUPPLY_KINDS, &[]).unwrap();
    /// let chain = supply_chain(&graph, openai, SupplySide::Suppliers, 2, &filter);
    /// let diagram = Diagram::from_supply_chain(&graph, openai, SupplySide::Suppliers, 2, &chain, &filter);
    /// assert_eq!(diagram.title, "Suppliers of OpenAI, 2 tiers");
    /// // OpenAI, then one rank per tier.
    /// assert_eq!(diagram.ranks.len(), 3);
    /// assert!(diagram.ranks.iter().all(|rank| rank.kind == RankKind::Same));
    /// ```
    pub fn from_supply_chain(
        graph: &KnowledgeGraph,
        company: NodeIndex,
        side: SupplySide,
        depth: usize,
        chain: &[Tier],
        filter: &RelationFilter,
    ) -> Diagram {
        let word = match side {
            SupplySide::Suppliers => "Suppliers",
            SupplySide::Customers => "Customers",
        };
        let mut diagram = Diagram {
            title: format!(
                "{word} of {}, {}",
                graph.company(company).name,
                format::count(depth, "tier")
            ),
            layout: Layout::LeftToRight,
            ..Diagram::default()
        };
        diagram.nodes.insert(company);
        diagram.highlighted_nodes.insert(company);
        diagram.ranks.push(Rank {
            kind: RankKind::Same,
            nodes: vec![company],
        });
        let deepest = chain.iter().map(|tier| tier.depth).max().unwrap_or(0);
        for level in 1..=deepest {
            let mut nodes: Vec<NodeIndex> = chain
                .iter()
                .filter(|tier| tier.depth == level)
                .map(|tier| tier.node)
                .collect();
            nodes.sort_unstable();
            diagram.ranks.push(Rank {
                kind: RankKind::Same,
                nodes,
            });
        }
        for tier in chain {
            diagram.nodes.insert(tier.node);
            diagram.edges.extend(tier.via.iter().copied());
        }
        for index in relations_among(graph, &diagram.nodes, filter) {
            if diagram.edges.insert(index) {
                diagram.loose_edges.insert(index);
            }
        }
        diagram
    }

    /// The loops of money found: their companies and the relations of their hops, drawn heavy;
    /// the company they pass through, when asked, in bold.
    pub fn from_cycles(
        graph: &KnowledgeGraph,
        found: &Cycles,
        company: Option<NodeIndex>,
    ) -> Diagram {
        let through = company
            .map(|node| format!(" through {}", graph.company(node).name))
            .unwrap_or_default();
        let shown = if found.total > found.cycles.len() {
            format!(" (the first {} drawn)", found.cycles.len())
        } else {
            String::new()
        };
        let mut diagram = Diagram {
            title: format!(
                "{} of money{through}{shown}",
                format::count(found.total, "loop")
            ),
            layout: Layout::LeftToRight,
            highlight_meaning: "money going round".to_owned(),
            ..Diagram::default()
        };
        for cycle in &found.cycles {
            diagram.nodes.extend(cycle.nodes.iter().copied());
            for hop in &cycle.hops {
                diagram.edges.extend(hop.relations.iter().copied());
                diagram
                    .highlighted_edges
                    .extend(hop.relations.iter().copied());
            }
        }
        diagram.highlighted_nodes.extend(company);
        diagram
    }

    /// Competitor-funding conflicts, as [`crate::query::conflicts()`] finds them: companies that
    /// asked their investors not to fund rivals on top, the investors below them, the rivals
    /// (and both sides of competitor relations) at the bottom, and the clause or competitor
    /// relation behind each conflict in bold. The company or investor `options`
    /// names is drawn in bold too.
    ///
    /// # Example
    ///
    /// ```
    /// use dealgraph::export::diagram::Diagram;
    /// use dealgraph::query::{conflicts, ConflictOptions};
    ///
    /// let graph = dealgraph::curated::load();
    /// let options = ConflictOptions {
    ///     investor: Some(graph.resolve("softbank").unwrap()),
    ///     ..ConflictOptions::default()
    /// };
    /// let found = conflicts(&graph, &options);
    /// let diagram = Diagram::from_conflicts(&graph, &found, &options);
    /// assert_eq!(diagram.title, "Competitor-funding conflicts of SoftBank Group");
    /// let names: Vec<&str> = diagram.nodes.iter().map(|n| graph.company(*n).id.as_str()).collect();
    /// assert_eq!(names, ["openai", "perplexity", "softbank", "softbank-vision-fund-2"]);
    /// ```
    pub fn from_conflicts(
        graph: &KnowledgeGraph,
        found: &[Conflict],
        options: &ConflictOptions,
    ) -> Diagram {
        let name = |node: NodeIndex| graph.company(node).name.as_str();
        let title = match (options.investor, options.company) {
            (Some(investor), Some(company)) => format!(
                "Competitor-funding conflicts of {} around {}",
                name(investor),
                name(company)
            ),
            (Some(investor), None) => {
                format!("Competitor-funding conflicts of {}", name(investor))
            }
            (None, Some(company)) => {
                format!("Competitor-funding conflicts around {}", name(company))
            }
            (None, None) => "Competitor-funding conflicts".to_owned(),
        };
        let mut diagram = Diagram {
            title,
            highlight_meaning: "behind a conflict".to_owned(),
            ..Diagram::default()
        };
        // Companies that imposed a clause on top, investors below them, the companies they
        // fund against it (and both sides of a competitor relation) at the bottom, so each
        // clause runs down past the investors it binds.
        let mut imposers = BTreeSet::new();
        let mut funded = BTreeSet::new();
        let mut investors = BTreeSet::new();
        for conflict in found {
            if conflict.kind == ConflictKind::Clause {
                imposers.insert(conflict.company);
                diagram
                    .upward_edges
                    .extend(conflict.company_investments.iter().copied());
            } else {
                funded.insert(conflict.company);
            }
            funded.insert(conflict.rival);
            investors.insert(conflict.investor);
            diagram.nodes.extend(conflict.through.iter().copied());
            diagram.edges.extend(conflict.relations());
            diagram.highlighted_edges.extend(conflict.rivalry);
        }
        diagram.nodes.extend(imposers.iter().copied());
        diagram.nodes.extend(funded.iter().copied());
        diagram.nodes.extend(investors.iter().copied());
        diagram
            .highlighted_nodes
            .extend(options.company.into_iter().chain(options.investor));
        let funded: BTreeSet<NodeIndex> = funded.difference(&imposers).copied().collect();
        let investors: Vec<NodeIndex> = investors
            .into_iter()
            .filter(|node| !imposers.contains(node) && !funded.contains(node))
            .collect();
        for (kind, nodes) in [
            (RankKind::Same, imposers.into_iter().collect()),
            (RankKind::Same, investors),
            (RankKind::Same, funded.into_iter().collect::<Vec<_>>()),
        ] {
            if !nodes.is_empty() {
                diagram.ranks.push(Rank { kind, nodes });
            }
        }
        diagram
    }
}

/// Whether a relation is an exclusivity clause on a company's investors, which diagrams
/// label "asked investors not to fund".
///
/// # Example
///
/// ```
/// use dealgraph::export::diagram::is_investor_clause;
/// use dealgraph::{Relation, RelationKind, Scope};
///
/// let mut clause = Relation::new(RelationKind::Exclusivity, "openai", "xai");
/// assert!(!is_investor_clause(&clause));
/// clause.scope = Some(Scope::Investors);
/// assert!(is_investor_clause(&clause));
/// ```
pub fn is_investor_clause(relation: &crate::model::Relation) -> bool {
    relation.kind == RelationKind::Exclusivity && relation.scope == Some(Scope::Investors)
}

/// Every relation `filter` allows whose two ends are both in `nodes`.
///
/// The relations leaving each company are walked while they are few. Walking touches them at
/// random, about twenty times slower per relation than reading every relation in order (at a
/// million relations), so once it has walked one in [`WALK_SHARE`] of the graph's relations it
/// reads them all instead: never much more than twice the cheaper of the two.
fn relations_among(
    graph: &KnowledgeGraph,
    nodes: &BTreeSet<NodeIndex>,
    filter: &RelationFilter,
) -> BTreeSet<RelationId> {
    let mut member = vec![false; graph.company_count()];
    for node in nodes {
        member[node.index()] = true;
    }
    let inside = |edge: EdgeReference<'_, RelationFacts>| {
        member[edge.source().index()]
            && member[edge.target().index()]
            && filter.allows_facts(edge.weight())
    };
    let budget = graph.relation_count() / WALK_SHARE;
    let mut walked = 0;
    let mut edges = Vec::new();
    for &node in nodes {
        for edge in graph.graph().edges(node) {
            walked += 1;
            if walked > budget {
                return every_relation_among(graph, &member, filter);
            }
            if inside(edge) {
                edges.push(RelationId::from(edge.id()));
            }
        }
    }
    // Collected from a Vec, the set is built sorted in one pass rather than node by node.
    edges.into_iter().collect()
}

/// The relations between members that `filter` allows, read in one pass over every relation
/// (in id order, so the set is built sorted).
fn every_relation_among(
    graph: &KnowledgeGraph,
    member: &[bool],
    filter: &RelationFilter,
) -> BTreeSet<RelationId> {
    let mut among = Vec::new();
    for (index, edge) in graph.graph().raw_edges().iter().enumerate() {
        let inside = member[edge.source().index()] && member[edge.target().index()];
        if inside && filter.allows_facts(&edge.weight) {
            among.push(RelationId::new(index));
        }
    }
    among.into_iter().collect()
}

/// How many of the graph's relations (one in this many) [`relations_among`] walks from company
/// to company before it reads every relation instead.
const WALK_SHARE: usize = 16;
