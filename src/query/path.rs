//! Paths between two companies: the shortest ones, or every simple path up to a length.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;

use super::filter::RelationFilter;
use super::hops::{Hop, Traversal, distances, hops_from};
use super::view::RelationView;
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::RelationKind;

/// The relation types a path follows unless asked otherwise: every type but competitor
/// and exclusivity, which are no chain of deals (`Nvidia -supply-> Meta -competitor- OpenAI`
/// is not a supply chain).
pub const DEAL_KINDS: [RelationKind; 8] = [
    RelationKind::Investment,
    RelationKind::Loan,
    RelationKind::Lease,
    RelationKind::Compute,
    RelationKind::Supply,
    RelationKind::Acquisition,
    RelationKind::Ownership,
    RelationKind::Partnership,
];

/// The longest path `--max-hops` may ask for: a chain of deals longer than this is no chain a
/// reader can follow, and each hop more multiplies the work of `--all`.
pub const MAX_HOPS: usize = 64;

/// How many hops [`paths`] examines at most by default before it stops and says so: from a
/// tenth of a second on one core, on a small graph held in the processor's caches, to a few
/// seconds on a graph of millions of relations.
pub const DEFAULT_BUDGET: u64 = 100_000_000;

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
    /// How many hops the search of every simple path examines at most; when it runs out, the
    /// answer holds the paths found so far and says it was cut.
    pub budget: u64,
}

impl Default for PathOptions {
    fn default() -> Self {
        PathOptions {
            filter: RelationFilter::default(),
            traversal: Traversal::Forward,
            all: false,
            max_hops: None,
            limit: 100,
            budget: DEFAULT_BUDGET,
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
    /// The relations that make the step, ordered by type, then date.
    pub relations: Vec<RelationId>,
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

/// The paths found, shortest first, and whether the limit or the budget cut the answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paths {
    /// The paths, shortest first, then in order of the companies' ids.
    pub paths: Vec<Path>,
    /// Whether there were more paths than the limit.
    pub truncated: bool,
    /// Whether the search ran out of its budget before it was done: there may be more paths,
    /// and longer ones than those found.
    pub budget_exhausted: bool,
    /// How many hops the search examined.
    pub work: u64,
}

/// The paths from `from` to `to`.
///
/// Shortest paths by default; with `options.all`, every simple path (no company twice) of at
/// most `options.max_hops` hops, shortest first. Parallel relations between two companies make
/// one step. The search is pruned by each company's distance to `to`, so it only follows
/// relations that can still reach `to` in the hops left, and it stops once it has found one
/// path more than the limit, or has examined `options.budget` hops: the number of simple paths
/// can grow exponentially with their length, and so can the dead ends between them.
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
    let view = RelationView::new(graph, &options.filter, options.traversal);
    // Shortest paths only need the companies nearer to `to` than `from` is.
    let stop_at = (!options.all).then_some(from);
    let to_target = distances(view.reversed(), to, options.max_hops, stop_at);
    let shortest = to_target[from.index()];
    if shortest == usize::MAX {
        return Paths::default();
    }
    // No simple path has more hops than there are other companies.
    let longest = if options.all {
        let most = graph.companies().len().saturating_sub(1);
        options.max_hops.unwrap_or(shortest).max(shortest).min(most)
    } else {
        shortest
    };
    let mut search = Search {
        view,
        to,
        to_target: &to_target,
        hops: HashMap::new(),
        on_path: vec![false; graph.companies().len()],
        steps: Vec::new(),
        found: Vec::new(),
        wanted: options.limit.saturating_add(1),
        budget: options.budget,
        work: 0,
    };
    for length in shortest..=longest {
        search.walk(from, length);
        if search.done() {
            break;
        }
    }
    let truncated = search.found.len() > options.limit;
    search.found.truncate(options.limit);
    let budget_exhausted = search.exhausted() && !truncated;
    Paths {
        paths: search.found,
        truncated,
        budget_exhausted,
        work: search.work,
    }
}

/// A depth-first enumeration of the simple paths of one length, pruned by distance to the end.
struct Search<'a> {
    view: RelationView<'a>,
    to: NodeIndex,
    to_target: &'a [usize],
    hops: HashMap<NodeIndex, Vec<Hop>>,
    on_path: Vec<bool>,
    steps: Vec<PathStep>,
    found: Vec<Path>,
    wanted: usize,
    /// How many hops may be examined in all.
    budget: u64,
    /// How many hops have been examined.
    work: u64,
}

impl Search<'_> {
    /// Whether the budget is spent.
    fn exhausted(&self) -> bool {
        self.work >= self.budget
    }

    /// Whether the search is to stop: enough paths, or no budget left.
    fn done(&self) -> bool {
        self.found.len() >= self.wanted || self.exhausted()
    }

    /// Extends the current path from `node` by exactly `left` hops to the end.
    fn walk(&mut self, node: NodeIndex, left: usize) {
        if self.done() {
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
            self.work += 1;
            if self.exhausted() {
                break;
            }
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
            if self.done() {
                break;
            }
        }
        self.hops.insert(node, hops);
        self.on_path[node.index()] = false;
    }

    /// The hops from `node`, computed once per search.
    fn hops_of(&mut self, node: NodeIndex) -> Vec<Hop> {
        self.hops
            .remove(&node)
            .unwrap_or_else(|| hops_from(self.view, node))
    }
}
