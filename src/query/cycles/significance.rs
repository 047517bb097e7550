//! Whether a graph holds more loops than chance: its count of loops against the counts in
//! random rewirings of its money flow that keep every company's in- and out-degree, as the AI
//! Bubble Map's null model does.

use std::collections::HashSet;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::graph::KnowledgeGraph;

use super::enumerate::Walk;
use super::{CycleOptions, flow};

/// How many times the edges of the flow are swapped per rewiring, for each edge.
const SWAPS_PER_EDGE: usize = 10;

/// The loops of a graph against those of its random rewirings.
#[derive(Debug, Clone, PartialEq)]
pub struct Significance {
    /// The loops in the graph (each pair of companies one hop, dates not considered).
    pub observed: usize,
    /// How many rewirings were drawn.
    pub samples: usize,
    /// Their mean count of loops.
    pub mean: f64,
    /// Their standard deviation.
    pub std_dev: f64,
    /// How many standard deviations the observed count lies above the mean; `None` when the
    /// rewirings all count the same.
    pub z_score: Option<f64>,
    /// The seed of the rewirings: the same seed draws the same ones.
    pub seed: u64,
    /// Whether every count ran to its end within the budget.
    pub complete: bool,
}

/// The loops `options` asks for (through `company`, up to `max_length` hops; `within_days` is
/// not considered) in the graph and in `samples` rewirings of its money flow, each swapping
/// pairs of hops (a→b, c→d become a→d, c→b) so that every company keeps its in- and out-degree.
///
/// # Example
///
/// ```
/// use dealgraph::query::cycles::{significance, CycleOptions};
///
/// let graph = dealgraph::curated::load();
/// let test = significance(&graph, &CycleOptions::default(), 5, 7);
/// assert_eq!(test.samples, 5);
/// assert_eq!(test, significance(&graph, &CycleOptions::default(), 5, 7), "seeded");
/// ```
pub fn significance(
    graph: &KnowledgeGraph,
    options: &CycleOptions,
    samples: usize,
    seed: u64,
) -> Significance {
    let flow = flow::money_flow(graph, &options.filter);
    let edges: Vec<(NodeIndex, NodeIndex)> = flow
        .edge_references()
        .map(|edge| (edge.source(), edge.target()))
        .collect();
    let count = |edges: &[(NodeIndex, NodeIndex)]| -> (usize, bool) {
        let mut simple: DiGraph<(), ()> = DiGraph::with_capacity(flow.node_count(), edges.len());
        for _ in 0..flow.node_count() {
            simple.add_node(());
        }
        for &(a, b) in edges {
            simple.add_edge(a, b, ());
        }
        let mut loops = 0;
        let complete = Walk::new(&simple, options.max_length.max(2), options.budget)
            .run(options.company, &mut |_, _| loops += 1);
        (loops, complete)
    };
    let (observed, mut complete) = count(&edges);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut counts = Vec::with_capacity(samples);
    for _ in 0..samples {
        let rewired = rewire(&edges, &mut rng);
        let (loops, finished) = count(&rewired);
        complete &= finished;
        counts.push(loops as f64);
    }
    let mean = if counts.is_empty() {
        0.0
    } else {
        counts.iter().sum::<f64>() / counts.len() as f64
    };
    let variance = if counts.len() > 1 {
        counts.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / (counts.len() - 1) as f64
    } else {
        0.0
    };
    let std_dev = variance.sqrt();
    Significance {
        observed,
        samples,
        mean,
        std_dev,
        z_score: (std_dev > 0.0).then(|| (observed as f64 - mean) / std_dev),
        seed,
        complete,
    }
}

/// The edges rewired by swaps that keep every node's in- and out-degree and make no loop on
/// one node and no second edge between two nodes.
fn rewire(edges: &[(NodeIndex, NodeIndex)], rng: &mut ChaCha8Rng) -> Vec<(NodeIndex, NodeIndex)> {
    let mut edges = edges.to_vec();
    if edges.len() < 2 {
        return edges;
    }
    let mut present: HashSet<(NodeIndex, NodeIndex)> = edges.iter().copied().collect();
    for _ in 0..edges.len() * SWAPS_PER_EDGE {
        let i = rng.random_range(0..edges.len());
        let j = rng.random_range(0..edges.len());
        let ((a, b), (c, d)) = (edges[i], edges[j]);
        if a == d || c == b || present.contains(&(a, d)) || present.contains(&(c, b)) {
            continue;
        }
        present.remove(&(a, b));
        present.remove(&(c, d));
        present.insert((a, d));
        present.insert((c, b));
        edges[i] = (a, d);
        edges[j] = (c, b);
    }
    edges
}
