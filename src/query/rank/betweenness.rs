//! Betweenness centrality by Brandes' algorithm (2001) on an unweighted directed graph, from
//! every company or from a sample of them, scaled as networkx scales it.
//!
//! Written here rather than taken from rustworkx-core: its `betweenness_centrality` has no
//! sample of sources, and on a million relations only a sample is within reach.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};

/// The betweenness of every node, summing the shortest paths from `sources`, normalized by
/// 1 / ((n − 1)(n − 2)) and, for a sample of k sources, scaled by n / k, as networkx's
/// `betweenness_centrality(G, k, normalized=True)` does.
pub(super) fn betweenness(graph: &DiGraph<(), ()>, sources: &[NodeIndex]) -> Vec<f64> {
    let n = graph.node_count();
    let mut centrality = vec![0.0; n];
    let mut sigma = vec![0.0_f64; n];
    let mut distance = vec![-1_i64; n];
    let mut delta = vec![0.0_f64; n];
    let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut queue: VecDeque<usize> = VecDeque::new();
    for &source in sources {
        for &v in &order {
            sigma[v] = 0.0;
            distance[v] = -1;
            delta[v] = 0.0;
            predecessors[v].clear();
        }
        order.clear();
        let s = source.index();
        sigma[s] = 1.0;
        distance[s] = 0;
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for w in graph.neighbors_directed(NodeIndex::new(v), Direction::Outgoing) {
                let w = w.index();
                if distance[w] < 0 {
                    distance[w] = distance[v] + 1;
                    queue.push_back(w);
                }
                if distance[w] == distance[v] + 1 {
                    sigma[w] += sigma[v];
                    predecessors[w].push(v);
                }
            }
        }
        for &w in order.iter().rev() {
            for &v in &predecessors[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                centrality[w] += delta[w];
            }
        }
    }
    if n > 2 {
        let mut scale = 1.0 / ((n - 1) * (n - 2)) as f64;
        if sources.len() < n && !sources.is_empty() {
            scale *= n as f64 / sources.len() as f64;
        }
        for value in &mut centrality {
            *value *= scale;
        }
    }
    centrality
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_passes_through_its_middle() {
        // 0 → 1 → 2: one shortest path between others, through 1, of (3−1)(3−2) = 2 ordered pairs.
        let graph: DiGraph<(), ()> = DiGraph::from_edges([(0, 1), (1, 2)]);
        let all: Vec<NodeIndex> = graph.node_indices().collect();
        assert_eq!(betweenness(&graph, &all), vec![0.0, 0.5, 0.0]);
    }
}
