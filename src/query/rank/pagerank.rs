//! PageRank by power iteration, as networkx's `pagerank` computes it: a dangling company's rank
//! spread evenly over every company, stopping when the ranks change by less than n × 10⁻⁶.
//!
//! Written here rather than taken from petgraph: `petgraph::algo::page_rank` visits every pair
//! of nodes in each iteration (quadratic, out of reach on a million relations) and leaves out
//! the random jump from companies with links, so its ranks differ from networkx's.

use petgraph::graph::DiGraph;
use petgraph::visit::EdgeRef;

/// The damping factor, networkx's `alpha`.
pub const DAMPING: f64 = 0.85;
/// The most iterations before giving up, networkx's `max_iter`.
pub const MAX_ITERATIONS: usize = 100;
/// The tolerance per node, networkx's `tol`.
pub const TOLERANCE: f64 = 1e-6;

/// The rank of every node and the iterations run; the iterations run as the error when the
/// ranks do not converge.
pub(super) fn pagerank(graph: &DiGraph<(), ()>) -> Result<(Vec<f64>, usize), usize> {
    let n = graph.node_count();
    if n == 0 {
        return Ok((Vec::new(), 0));
    }
    let uniform = 1.0 / n as f64;
    let out_degree: Vec<usize> = graph
        .node_indices()
        .map(|node| graph.edges(node).count())
        .collect();
    let mut rank = vec![uniform; n];
    let mut next = vec![0.0; n];
    for iteration in 1..=MAX_ITERATIONS {
        let dangling: f64 = (0..n)
            .filter(|&v| out_degree[v] == 0)
            .map(|v| rank[v])
            .sum();
        let base = DAMPING * dangling * uniform + (1.0 - DAMPING) * uniform;
        next.iter_mut().for_each(|value| *value = 0.0);
        for edge in graph.edge_references() {
            let from = edge.source().index();
            next[edge.target().index()] += rank[from] / out_degree[from] as f64;
        }
        let mut change = 0.0;
        for v in 0..n {
            let value = DAMPING * next[v] + base;
            change += (value - rank[v]).abs();
            next[v] = value;
        }
        std::mem::swap(&mut rank, &mut next);
        if change < n as f64 * TOLERANCE {
            return Ok((rank, iteration));
        }
    }
    Err(MAX_ITERATIONS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_sum_to_one_and_a_sink_ranks_highest() {
        let graph: DiGraph<(), ()> = DiGraph::from_edges([(0, 2), (1, 2)]);
        let (rank, _) = pagerank(&graph).unwrap();
        assert!((rank.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(rank[2] > rank[0] && (rank[0] - rank[1]).abs() < 1e-12);
    }
}
