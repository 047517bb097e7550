//! Supply chains: everyone upstream (suppliers) or downstream (customers) of a company.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;

use super::filter::RelationFilter;
use super::hops::{Traversal, hops_from, sort_relations};
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
    let mut seen = vec![false; graph.companies().len()];
    seen[company.index()] = true;
    let mut tiers: Vec<Tier> = Vec::new();
    let mut frontier = vec![company];
    for level in 1..=depth {
        let mut reached: Vec<Tier> = Vec::new();
        let mut slot: HashMap<NodeIndex, usize> = HashMap::new();
        for &parent in &frontier {
            for hop in hops_from(graph, filter, traversal, parent) {
                if seen[hop.to.index()] {
                    continue;
                }
                match slot.get(&hop.to) {
                    Some(&at) => {
                        reached[at].parents.push(parent);
                        reached[at].via.extend(hop.relations);
                    }
                    None => {
                        slot.insert(hop.to, reached.len());
                        reached.push(Tier {
                            node: hop.to,
                            depth: level,
                            parents: vec![parent],
                            via: hop.relations,
                        });
                    }
                }
            }
        }
        for tier in &mut reached {
            seen[tier.node.index()] = true;
            tier.parents.sort_unstable();
            sort_relations(graph, &mut tier.via);
        }
        reached.sort_by_key(|tier| tier.node);
        frontier = reached.iter().map(|tier| tier.node).collect();
        tiers.extend(reached);
        if frontier.is_empty() {
            break;
        }
    }
    tiers
}
