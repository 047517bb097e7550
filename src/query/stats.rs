//! Counts: companies and relations by type, status and year, and companies with no relation.

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::graph::KnowledgeGraph;
use crate::model::CompanyId;

/// What a graph holds, in numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// How many companies.
    pub companies: usize,
    /// How many relations.
    pub relations: usize,
    /// Relations by type.
    pub by_type: BTreeMap<&'static str, usize>,
    /// Relations by status; `unknown` where none is given.
    pub by_status: BTreeMap<&'static str, usize>,
    /// Relations by the year they began; `undated` where no date is given.
    pub by_year: BTreeMap<String, usize>,
    /// The companies with no relation at all, by id.
    pub unconnected: Vec<CompanyId>,
}

/// Counts what `graph` holds.
///
/// # Example
///
/// ```
/// let graph = dealgraph::curated::load();
/// let stats = dealgraph::query::stats(&graph);
/// assert_eq!(stats.relations, graph.relation_count());
/// assert_eq!(stats.by_type.values().sum::<usize>(), stats.relations);
/// ```
pub fn stats(graph: &KnowledgeGraph) -> Stats {
    let mut by_type = BTreeMap::new();
    let mut by_status = BTreeMap::new();
    let mut by_year = BTreeMap::new();
    for relation in graph.graph().edge_weights() {
        *by_type.entry(relation.kind.as_str()).or_insert(0) += 1;
        let status = relation.status.map_or("unknown", |s| s.as_str());
        *by_status.entry(status).or_insert(0) += 1;
        let year = relation
            .date
            .map_or_else(|| "undated".to_owned(), |d| d.year().to_string());
        *by_year.entry(year).or_insert(0) += 1;
    }
    let mut connected = vec![false; graph.companies().len()];
    for edge in graph.graph().edge_references() {
        connected[edge.source().index()] = true;
        connected[edge.target().index()] = true;
    }
    let unconnected = connected
        .iter()
        .enumerate()
        .filter(|(_, connected)| !**connected)
        .map(|(node, _)| CompanyId(graph.company_id(NodeIndex::new(node)).to_owned()))
        .collect();
    Stats {
        companies: graph.companies().len(),
        relations: graph.relation_count(),
        by_type,
        by_status,
        by_year,
        unconnected,
    }
}
