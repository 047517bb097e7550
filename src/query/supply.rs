//! Supply chains: everyone upstream (suppliers) or downstream (customers) of a company.

use petgraph::graph::NodeIndex;

use super::filter::RelationFilter;
use super::hops::{Hop, Traversal, hops_from, sort_relations};
use crate::graph::KnowledgeGraph;
use crate::model::RelationKind;

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
    /// The relations to those parents, by index, ordered by type, then date.
    pub via: Vec<usize>,
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
    // Where each company reached so far sits in `tiers`; the company asked about sits nowhere.
    let mut slot = vec![UNREACHED; graph.company_count()];
    slot[company.index()] = ASKED;
    let mut tiers: Vec<Tier> = Vec::new();
    let mut frontier = vec![company];
    for level in 1..=depth {
        let level_start = tiers.len();
        for &parent in &frontier {
            for hop in hops_from(graph, filter, traversal, parent) {
                reach(&mut tiers, &mut slot, level_start, level, parent, hop);
            }
        }
        let reached = &mut tiers[level_start..];
        if reached.is_empty() {
            break;
        }
        for tier in reached.iter_mut() {
            // Parents arrive in frontier order, which is by id; each brings its relations in
            // display order, so only a tier with several needs them merged.
            if tier.parents.len() > 1 {
                sort_relations(graph, &mut tier.via);
            }
        }
        // Slots still point into this level after the sort, which is all `reach` asks of them.
        reached.sort_unstable_by_key(|tier| tier.node);
        frontier = reached.iter().map(|tier| tier.node).collect();
    }
    tiers
}

/// `slot` of a company not reached yet.
const UNREACHED: usize = usize::MAX;
/// `slot` of the company asked about.
const ASKED: usize = usize::MAX - 1;

/// Adds a hop from `parent` to the tiers of `level`, which start at `level_start`: a new tier
/// for a company not reached before, or one more parent for a company this level reached.
fn reach(
    tiers: &mut Vec<Tier>,
    slot: &mut [usize],
    level_start: usize,
    level: usize,
    parent: NodeIndex,
    hop: Hop,
) {
    let at = slot[hop.to.index()];
    if at == UNREACHED {
        slot[hop.to.index()] = tiers.len();
        tiers.push(Tier {
            node: hop.to,
            depth: level,
            parents: vec![parent],
            via: hop.relations,
        });
    } else if (level_start..tiers.len()).contains(&at) {
        let tier = &mut tiers[at];
        tier.parents.push(parent);
        tier.via.extend(hop.relations);
    }
}
