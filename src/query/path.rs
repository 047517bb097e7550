//! Paths between two companies: the shortest ones, or every simple path up to a length.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;

use super::filter::RelationFilter;
use super::hops::{Hop, Traversal, distances, hops_from};
use crate::graph::KnowledgeGraph;

/// What to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathOptions {
    /// Which relations may be followed.
    pub filter: RelationFilter,
    /// Which way relations may be followed.
    pub traversal: Traversal,
    /// Every simple path, shortest first, rather than only the shortest.
    pub all: bool,
    /// The longest path, in hops; `None`: no limit (only for shortest paths).
    pub max_hops: Option<usize>,
    /// How many paths at most; the answer says when there were more.
    pub limit: usize,
}

impl Default for PathOptions {
    fn default() -> Self {
        PathOptions {
            filter: RelationFilter::default(),
            traversal: Traversal::Forward,
            all: false,
            max_hops: None,
            limit: 100,
        }
    }
}

/// One step of a path: the two companies and every relation between them that was allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    /// The company the step leaves.
    pub from: NodeIndex,
    /// The company the step reaches.
    pub to: NodeIndex,
    /// The relations that make the step, by index, ordered by type, then date.
    pub relations: Vec<usize>,
}

/// A chain of companies from the start to the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// The steps, in order.
    pub steps: Vec<PathStep>,
}

impl Path {
    /// The companies along the path, start and end included.
    pub fn nodes(&self) -> Vec<NodeIndex> {
        let first = self.steps.first().map(|step| step.from);
        first
            .into_iter()
            .chain(self.steps.iter().map(|step| step.to))
            .collect()
    }
}

/// The paths found, shortest first, and whether the limit cut the answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paths {
    /// The paths, shortest first, then in order of the companies' ids.
    pub paths: Vec<Path>,
    /// Whether there were more paths than the limit.
    pub truncated: bool,
}

/// The paths from `from` to `to`.
///
/// Shortest paths by default; with `options.all`, every simple path (no company twice) of at
/// most `options.max_hops` hops, shortest first. Parallel relations between two companies make
/// one step. The search is pruned by each company's distance to `to`, so it only follows
/// relations that can still reach `to` in the hops left, and it stops once it has found one
/// path more than the limit.
///
/// # Example
///
/// ```
/// use dealgraph::query::{paths, PathOptions};
///
/// let graph = dealgraph::curated::load();
/// let crusoe = graph.resolve("crusoe").unwrap();
/// let openai = graph.resolve("openai").unwrap();
/// let options = PathOptions { all: true, max_hops: Some(4), ..PathOptions::default() };
/// let found = paths(&graph, crusoe, openai, &options);
/// let chains: Vec<Vec<&str>> = found
///     .paths
///     .iter()
///     .map(|p| p.nodes().iter().map(|n| graph.company(*n).id.as_str()).collect())
///     .collect();
/// assert!(chains.contains(&vec!["crusoe", "oracle", "microsoft", "openai"]));
/// ```
pub fn paths(
    graph: &KnowledgeGraph,
    from: NodeIndex,
    to: NodeIndex,
    options: &PathOptions,
) -> Paths {
    if from == to {
        return Paths::default();
    }
    let reverse = options.traversal.reversed();
    // Shortest paths only need the companies nearer to `to` than `from` is.
    let stop_at = (!options.all).then_some(from);
    let to_target = distances(
        graph,
        &options.filter,
        reverse,
        to,
        options.max_hops,
        stop_at,
    );
    let shortest = to_target[from.index()];
    if shortest == usize::MAX {
        return Paths::default();
    }
    let longest = if options.all {
        options.max_hops.unwrap_or(shortest).max(shortest)
    } else {
        shortest
    };
    let mut search = Search {
        graph,
        options,
        to,
        to_target: &to_target,
        hops: HashMap::new(),
        on_path: vec![false; graph.companies().len()],
        steps: Vec::new(),
        found: Vec::new(),
        wanted: options.limit.saturating_add(1),
    };
    for length in shortest..=longest {
        search.walk(from, length);
        if search.found.len() >= search.wanted {
            break;
        }
    }
    let truncated = search.found.len() > options.limit;
    search.found.truncate(options.limit);
    Paths {
        paths: search.found,
        truncated,
    }
}

/// A depth-first enumeration of the simple paths of one length, pruned by distance to the end.
struct Search<'a> {
    graph: &'a KnowledgeGraph,
    options: &'a PathOptions,
    to: NodeIndex,
    to_target: &'a [usize],
    hops: HashMap<NodeIndex, Vec<Hop>>,
    on_path: Vec<bool>,
    steps: Vec<PathStep>,
    found: Vec<Path>,
    wanted: usize,
}

impl Search<'_> {
    /// Extends the current path from `node` by exactly `left` hops to the end.
    fn walk(&mut self, node: NodeIndex, left: usize) {
        if self.found.len() >= self.wanted {
            return;
        }
        if node == self.to {
            if left == 0 {
                self.found.push(Path {
                    steps: self.steps.clone(),
                });
            }
            return;
        }
        self.on_path[node.index()] = true;
        let hops = self.hops_of(node);
        for hop in hops.iter() {
            let next = hop.to;
            let reachable = self.to_target[next.index()] < left;
            if !reachable || self.on_path[next.index()] {
                continue;
            }
            self.steps.push(PathStep {
                from: node,
                to: next,
                relations: hop.relations.clone(),
            });
            self.walk(next, left - 1);
            self.steps.pop();
            if self.found.len() >= self.wanted {
                break;
            }
        }
        self.hops.insert(node, hops);
        self.on_path[node.index()] = false;
    }

    /// The hops from `node`, computed once per search.
    fn hops_of(&mut self, node: NodeIndex) -> Vec<Hop> {
        self.hops.remove(&node).unwrap_or_else(|| {
            hops_from(
                self.graph,
                &self.options.filter,
                self.options.traversal,
                node,
            )
        })
    }
}
