//! Supply chains: everyone upstream (suppliers) or downstream (customers) of a company.

use petgraph::graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdges, NodeIndexable, Visitable};

use super::filter::RelationFilter;
use super::hops::{DisplayKey, Traversal, display_key, reach};
use super::view::RelationView;
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::RelationKind;
use crate::store::RelationFacts;

/// The relation types a supply chain follows unless told otherwise.
pub const SUPPLY_KINDS: [RelationKind; 3] = [
    RelationKind::Lease,
    RelationKind::Compute,
    RelationKind::Supply,
];

/// Upstream or downstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Who supplies the company, and who supplies them.
    Suppliers,
    /// Whom the company supplies, and whom they supply.
    Customers,
}

/// A company in the chain: how far it is, whom it links to one tier closer, and through what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tier {
    /// The company.
    pub node: NodeIndex,
    /// How many hops from the company asked about (1: a direct supplier or customer).
    pub depth: usize,
    /// The companies one tier closer that it links to, sorted by id; the first is its parent
    /// in the tree.
    pub parents: Vec<NodeIndex>,
    /// The relations to those parents, ordered by type, then date.
    pub via: Vec<RelationId>,
}

/// Everyone upstream (`Side::Suppliers`) or downstream (`Side::Customers`) of `company` within
/// `depth` hops, over the relations `filter` allows (pass one made with [`SUPPLY_KINDS`] for
/// the usual chain). Each company appears once, at its least depth, ordered by depth then id.
///
/// # Example
///
/// ```
/// use dealgraph::query::{supply_chain, RelationFilter, SupplySide, SUPPLY_KINDS};
///
/// let graph = dealgraph::curated::load();
/// let openai = graph.resolve("openai").unwrap();
/// let filter = RelationFilter::for_kinds(&SUPPLY_KINDS, &[]).unwrap();
/// let chain = supply_chain(&graph, openai, SupplySide::Suppliers, 3, &filter);
/// let ids: Vec<&str> = chain.iter().map(|t| graph.company(t.node).id.as_str()).collect();
/// for supplier in ["microsoft", "oracle", "crusoe"] {
///     assert!(ids.contains(&supplier), "{supplier} supplies OpenAI");
/// }
/// ```
pub fn supply_chain(
    graph: &KnowledgeGraph,
    company: NodeIndex,
    side: Side,
    depth: usize,
    filter: &RelationFilter,
) -> Vec<Tier> {
    let traversal = match side {
        Side::Suppliers => Traversal::Backward,
        Side::Customers => Traversal::Forward,
    };
    tiers(RelationView::new(graph, filter, traversal), company, depth)
}

/// The companies `graph` leads to from `start` within `depth` hops, in tiers: each once, at
/// its least depth, with every company one tier closer that leads to it, ordered by depth
/// then index.
pub fn tiers<G>(graph: G, start: NodeIndex, depth: usize) -> Vec<Tier>
where
    G: IntoEdges<NodeId = NodeIndex, EdgeId = RelationId, EdgeWeight = RelationFacts>
        + Visitable
        + NodeIndexable,
{
    let reached = reach(graph, start, Some(depth), None);
    let mut tiers = Vec::new();
    let distance = |node: NodeIndex| reached.distance[graph.to_index(node)];
    let mut level_start = 0;
    // The companies at the last depth lead to no tier.
    while level_start < reached.order.len() && distance(reached.order[level_start]) < depth {
        let level = distance(reached.order[level_start]);
        let level_end = level_start
            + reached.order[level_start..]
                .iter()
                .take_while(|&&node| distance(node) == level)
                .count();
        let mut parents = reached.order[level_start..level_end].to_vec();
        parents.sort_unstable();
        let mut links: Vec<(NodeIndex, NodeIndex, DisplayKey)> = Vec::new();
        for &parent in &parents {
            for step in graph.edges(parent) {
                if distance(step.target()) == level + 1 {
                    let key = display_key(step.weight(), step.id());
                    links.push((step.target(), parent, key));
                }
            }
        }
        tiers.extend(tiers_of(level + 1, links));
        level_start = level_end;
    }
    tiers
}

/// The tiers at `depth`, from every `(company, parent, relation)` that reaches them.
fn tiers_of(depth: usize, mut links: Vec<(NodeIndex, NodeIndex, DisplayKey)>) -> Vec<Tier> {
    links.sort_unstable();
    links.dedup();
    links
        .chunk_by(|a, b| a.0 == b.0)
        .map(|links| {
            let mut parents: Vec<NodeIndex> = links.iter().map(|link| link.1).collect();
            parents.dedup();
            let mut via: Vec<DisplayKey> = links.iter().map(|link| link.2).collect();
            via.sort_unstable();
            via.dedup();
            Tier {
                node: links[0].0,
                depth,
                parents,
                via: via.into_iter().map(|(.., relation)| relation).collect(),
            }
        })
        .collect()
}
