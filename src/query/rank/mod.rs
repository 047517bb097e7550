//! Who is central over chosen relation types: betweenness, PageRank or degree, on the directed
//! graph of those relations with every company a node and parallel relations counted once
//! (a symmetric relation, such as a partnership, counts both ways).

mod betweenness;
mod pagerank;

use std::collections::HashSet;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use rand::SeedableRng;
use rand::seq::index::sample;
use rand_chacha::ChaCha8Rng;

use crate::graph::KnowledgeGraph;
use crate::query::RelationFilter;

pub use self::pagerank::{DAMPING, MAX_ITERATIONS, TOLERANCE};

/// What a ranking measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// The share of shortest paths between other companies that pass through a company, as
    /// networkx's `betweenness_centrality(normalized=True)` computes it.
    Betweenness,
    /// PageRank with damping 0.85, as networkx's `pagerank(alpha=0.85)` computes it.
    Pagerank,
    /// The companies a company is related to, either way, over those of the graph minus one,
    /// as networkx's `degree_centrality` computes it.
    Degree,
}

/// How to rank.
#[derive(Debug, Clone)]
pub struct RankOptions {
    /// What to measure.
    pub measure: Measure,
    /// The relations that count.
    pub filter: RelationFilter,
    /// Keep the first this many companies; `None` keeps all.
    pub limit: Option<usize>,
    /// Betweenness: sum the shortest paths from this many companies drawn at random (and scale
    /// as networkx's `k` does), for graphs too large for every company; `None` for all.
    pub sample: Option<usize>,
    /// The seed of the sample.
    pub seed: u64,
}

/// A company's score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// The company.
    pub node: NodeIndex,
    /// Its score.
    pub score: f64,
}

/// A ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// The companies kept, highest score first, ties by the graph's company order.
    pub scores: Vec<Score>,
    /// How many companies were ranked.
    pub total: usize,
    /// Betweenness from a sample: the companies its shortest paths start from.
    pub sources: Option<Vec<NodeIndex>>,
    /// PageRank: how many iterations it took to converge.
    pub iterations: Option<usize>,
}

/// Ranks the companies of `graph` as `options` says.
///
/// # Errors
///
/// PageRank that does not converge within [`MAX_ITERATIONS`] iterations (networkx raises
/// `PowerIterationFailedConvergence` then), as the number of iterations run.
///
/// # Example
///
/// ```
/// use dealgraph::query::rank::{rank, Measure, RankOptions};
/// use dealgraph::query::RelationFilter;
///
/// let graph = dealgraph::curated::load();
/// let options = RankOptions {
///     measure: Measure::Pagerank,
///     filter: RelationFilter::default(),
///     limit: Some(5),
///     sample: None,
///     seed: 0,
/// };
/// let ranking = rank(&graph, &options).unwrap();
/// assert_eq!(ranking.scores.len(), 5);
/// assert!(ranking.scores[0].score >= ranking.scores[4].score);
/// ```
pub fn rank(graph: &KnowledgeGraph, options: &RankOptions) -> Result<Ranking, usize> {
    let simple = simple_digraph(graph, &options.filter);
    let n = simple.node_count();
    let mut sources = None;
    let mut iterations = None;
    let scores = match options.measure {
        Measure::Degree => degree(&simple),
        Measure::Pagerank => {
            let (scores, ran) = pagerank::pagerank(&simple)?;
            iterations = Some(ran);
            scores
        }
        Measure::Betweenness => {
            let chosen: Vec<NodeIndex> = match options.sample {
                Some(k) if k < n => {
                    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
                    let mut drawn: Vec<NodeIndex> = sample(&mut rng, n, k)
                        .into_iter()
                        .map(NodeIndex::new)
                        .collect();
                    drawn.sort_unstable();
                    sources = Some(drawn.clone());
                    drawn
                }
                _ => simple.node_indices().collect(),
            };
            betweenness::betweenness(&simple, &chosen)
        }
    };
    let mut ranked: Vec<Score> = scores
        .into_iter()
        .enumerate()
        .map(|(index, score)| Score {
            node: NodeIndex::new(index),
            score,
        })
        .collect();
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.node.cmp(&b.node)));
    if let Some(limit) = options.limit {
        ranked.truncate(limit);
    }
    Ok(Ranking {
        scores: ranked,
        total: n,
        sources,
        iterations,
    })
}

/// The directed graph of the relations `filter` keeps, every company a node (same indices),
/// parallel relations one edge, symmetric ones both ways, none from a company to itself.
pub(crate) fn simple_digraph(graph: &KnowledgeGraph, filter: &RelationFilter) -> DiGraph<(), ()> {
    let source = graph.graph();
    let mut simple: DiGraph<(), ()> = DiGraph::with_capacity(source.node_count(), 0);
    for _ in 0..source.node_count() {
        simple.add_node(());
    }
    let mut seen: HashSet<(NodeIndex, NodeIndex)> = HashSet::new();
    let mut edges = Vec::new();
    for edge in source.edge_references() {
        let facts = edge.weight();
        if !filter.allows_facts(facts) || edge.source() == edge.target() {
            continue;
        }
        let (a, b) = (edge.source(), edge.target());
        let mut add = |from, to| {
            if seen.insert((from, to)) {
                edges.push((from, to));
            }
        };
        add(a, b);
        if facts.kind.is_symmetric() {
            add(b, a);
        }
    }
    edges.sort_unstable();
    for (from, to) in edges {
        simple.add_edge(from, to, ());
    }
    simple
}

/// Degree centrality: each company's neighbours, in and out, over n − 1.
fn degree(simple: &DiGraph<(), ()>) -> Vec<f64> {
    let n = simple.node_count();
    let scale = if n > 1 { 1.0 / (n - 1) as f64 } else { 1.0 };
    let mut degree = vec![0usize; n];
    for edge in simple.edge_references() {
        degree[edge.source().index()] += 1;
        degree[edge.target().index()] += 1;
    }
    degree.into_iter().map(|d| d as f64 * scale).collect()
}
