//! Who depends on a company over the supply relations: everyone downstream of it, and among
//! them those who would lose every supply path if it failed (the companies it dominates).

use petgraph::algo::dominators::simple_fast;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, Walker};

use super::filter::RelationFilter;
use super::rank::simple_digraph;
use super::supply::{Side, supply_chain};
use crate::graph::{KnowledgeGraph, RelationId};

/// The most tiers downstream a company's impact is followed.
pub const MAX_DEPTH: usize = crate::query::path::MAX_HOPS;

/// A company that depends on the one asked about.
#[derive(Debug, Clone, PartialEq)]
pub struct Affected {
    /// The company.
    pub node: NodeIndex,
    /// How many hops downstream (1: a direct customer).
    pub depth: usize,
    /// The companies from the one asked about down to this one, both included, along the
    /// first chain (by company id) that reaches it.
    pub chain: Vec<NodeIndex>,
    /// The relations of that chain's last hop.
    pub via: Vec<RelationId>,
    /// Whether every supply path to it passes through the company asked about: it would lose
    /// all its supply if that company failed.
    pub loses_all_supply: bool,
}

/// Everyone downstream of `company` over the relations `filter` allows (supply relations,
/// for the usual question), nearest first, each with its chain and whether `company`
/// dominates it. Supply paths start at the origins: the companies no one supplies, and, for a
/// ring of companies supplying each other that no one outside supplies, its first company.
///
/// # Example
///
/// ```
/// use dealgraph::query::impact::impact;
/// use dealgraph::query::{RelationFilter, SUPPLY_KINDS};
///
/// let graph = dealgraph::curated::load();
/// let oracle = graph.resolve("oracle").unwrap();
/// let filter = RelationFilter::for_kinds(&SUPPLY_KINDS, &[]).unwrap();
/// let affected = impact(&graph, oracle, &filter);
/// let openai = graph.resolve("openai").unwrap();
/// assert!(affected.iter().any(|a| a.node == openai));
/// ```
pub fn impact(
    graph: &KnowledgeGraph,
    company: NodeIndex,
    filter: &RelationFilter,
) -> Vec<Affected> {
    let chain = supply_chain(graph, company, Side::Customers, MAX_DEPTH, filter);
    let dominated = dominated_by(graph, company, filter);
    let parent: std::collections::HashMap<NodeIndex, NodeIndex> = chain
        .iter()
        .filter_map(|tier| tier.parents.first().map(|&p| (tier.node, p)))
        .collect();
    chain
        .iter()
        .map(|tier| {
            let mut path = vec![tier.node];
            let mut at = tier.node;
            while let Some(&up) = parent.get(&at) {
                path.push(up);
                at = up;
                if up == company {
                    break;
                }
            }
            path.reverse();
            Affected {
                node: tier.node,
                depth: tier.depth,
                chain: path,
                via: tier.via.clone(),
                loses_all_supply: dominated[tier.node.index()],
            }
        })
        .collect()
}

/// For every company, whether `company` dominates it in the supply graph rooted at the origins.
fn dominated_by(graph: &KnowledgeGraph, company: NodeIndex, filter: &RelationFilter) -> Vec<bool> {
    let mut supply = simple_digraph(graph, filter);
    let n = supply.node_count();
    let root = supply.add_node(());
    add_origins(&mut supply, root, n);
    let dominators = simple_fast(&supply, root);
    (0..n)
        .map(|index| {
            let node = NodeIndex::new(index);
            node != company
                && dominators
                    .strict_dominators(node)
                    .is_some_and(|mut above| above.any(|d| d == company))
        })
        .collect()
}

/// Links `root` to every origin of supply: each company with no supplier, then, in company
/// order, each company the root does not reach yet (the first of a ring no one outside
/// supplies).
fn add_origins(supply: &mut DiGraph<(), ()>, root: NodeIndex, companies: usize) {
    for index in 0..companies {
        let node = NodeIndex::new(index);
        if supply
            .neighbors_directed(node, petgraph::Direction::Incoming)
            .next()
            .is_none()
        {
            supply.add_edge(root, node, ());
        }
    }
    let mut reached = vec![false; supply.node_count()];
    for node in Bfs::new(&*supply, root).iter(&*supply) {
        reached[node.index()] = true;
    }
    for index in 0..companies {
        if reached[index] {
            continue;
        }
        let node = NodeIndex::new(index);
        supply.add_edge(root, node, ());
        for found in Bfs::new(&*supply, node).iter(&*supply) {
            reached[found.index()] = true;
        }
    }
}
