//! Simple directed cycles up to a length, each found once: from each start, a depth-first
//! walk that stays within the start's strongly connected component and, unless the cycles must
//! pass through one company, visits only nodes after the start (so a cycle is found from its
//! first node alone). Before each walk, a breadth-first search against the edges finds how
//! many hops each node is from the start, so the walk only enters nodes that can still get
//! back in the hops left. Bounded by a number of steps, past which the walk stops and says so.

use std::collections::{HashMap, VecDeque};

use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeRef, VisitMap, Visitable};

/// Where the walk starts, and how far it may go.
pub(crate) struct Walk<'f, E> {
    flow: &'f DiGraph<(), E>,
    component: Vec<usize>,
    max_length: usize,
    budget: u64,
    steps: u64,
    on_path: <DiGraph<(), E> as Visitable>::Map,
    /// Hops from each node back to the current start, within the hops a loop may have.
    back: Vec<usize>,
    /// The nodes `back` holds a distance for, to clear after each start.
    touched: Vec<usize>,
    /// The edge from each node that has one straight back to the current start.
    closing: HashMap<NodeIndex, EdgeIndex>,
    nodes: Vec<NodeIndex>,
    hops: Vec<EdgeIndex>,
}

impl<'f, E> Walk<'f, E> {
    /// A walk of `flow` for cycles of at most `max_length` hops, taking at most `budget` steps.
    pub(crate) fn new(flow: &'f DiGraph<(), E>, max_length: usize, budget: u64) -> Walk<'f, E> {
        let mut component = vec![usize::MAX; flow.node_count()];
        for (index, members) in tarjan_scc(flow).into_iter().enumerate() {
            if members.len() > 1 {
                for node in members {
                    component[node.index()] = index;
                }
            }
        }
        Walk {
            flow,
            component,
            max_length,
            budget,
            steps: 0,
            on_path: flow.visit_map(),
            back: vec![usize::MAX; flow.node_count()],
            touched: Vec::new(),
            closing: HashMap::new(),
            nodes: Vec::new(),
            hops: Vec::new(),
        }
    }

    /// Calls `found` with the nodes and hops of every cycle: through `through` only, each
    /// starting there, or else every cycle once, starting at its first node. Returns whether
    /// the walk finished within its budget.
    pub(crate) fn run(
        &mut self,
        through: Option<NodeIndex>,
        found: &mut dyn FnMut(&[NodeIndex], &[EdgeIndex]),
    ) -> bool {
        let starts: Vec<NodeIndex> = match through {
            Some(node) => vec![node],
            None => self.flow.node_indices().collect(),
        };
        let canonical = through.is_none();
        for start in starts {
            if self.component[start.index()] == usize::MAX {
                continue;
            }
            if !self.measure_back(start, canonical) {
                return false;
            }
            self.nodes.push(start);
            self.on_path.visit(start);
            let finished = self.extend(start, start, found);
            self.on_path.unvisit(start);
            self.nodes.pop();
            if !finished {
                return false;
            }
        }
        true
    }

    /// Whether `node` may be on a loop from `start`.
    fn allowed(&self, start: NodeIndex, node: NodeIndex, canonical: bool) -> bool {
        self.component[node.index()] == self.component[start.index()]
            && (!canonical || node > start)
    }

    /// Finds, against the edges, how many hops each allowed node is from `start` (up to one
    /// less than a loop's length), and the edges straight back to it; `false` when the budget
    /// ran out.
    fn measure_back(&mut self, start: NodeIndex, canonical: bool) -> bool {
        for node in self.touched.drain(..) {
            self.back[node] = usize::MAX;
        }
        self.closing.clear();
        let flow = self.flow;
        let mut queue = VecDeque::from([start]);
        self.back[start.index()] = 0;
        self.touched.push(start.index());
        while let Some(node) = queue.pop_front() {
            let hops = self.back[node.index()];
            if hops + 1 >= self.max_length {
                continue;
            }
            for edge in flow.edges_directed(node, Direction::Incoming) {
                self.steps += 1;
                if self.steps > self.budget {
                    return false;
                }
                let before = edge.source();
                if before == start || !self.allowed(start, before, canonical) {
                    continue;
                }
                if node == start {
                    self.closing.insert(before, edge.id());
                }
                if self.back[before.index()] == usize::MAX {
                    self.back[before.index()] = hops + 1;
                    self.touched.push(before.index());
                    queue.push_back(before);
                }
            }
        }
        true
    }

    /// Extends the path ending at `at`; `false` when the budget ran out.
    fn extend(
        &mut self,
        start: NodeIndex,
        at: NodeIndex,
        found: &mut dyn FnMut(&[NodeIndex], &[EdgeIndex]),
    ) -> bool {
        if at != start
            && let Some(&back) = self.closing.get(&at)
        {
            self.hops.push(back);
            found(&self.nodes, &self.hops);
            self.hops.pop();
        }
        let left = self.max_length - self.hops.len() - 1;
        if left == 0 {
            return true;
        }
        let flow = self.flow;
        for edge in flow.edges(at) {
            self.steps += 1;
            if self.steps > self.budget {
                return false;
            }
            let next = edge.target();
            let useful =
                next != start && self.back[next.index()] <= left && !self.on_path.is_visited(&next);
            if !useful {
                continue;
            }
            self.nodes.push(next);
            self.hops.push(edge.id());
            self.on_path.visit(next);
            let finished = self.extend(start, next, found);
            self.on_path.unvisit(next);
            self.hops.pop();
            self.nodes.pop();
            if !finished {
                return false;
            }
        }
        true
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    fn count(edges: &[(u32, u32)], max_length: usize, through: Option<u32>) -> usize {
        let flow: DiGraph<(), ()> = DiGraph::from_edges(edges);
        let mut total = 0;
        let finished = Walk::new(&flow, max_length, u64::MAX)
            .run(through.map(NodeIndex::new_u32), &mut |_, _| total += 1);
        assert!(finished);
        total
    }

    trait NewU32 {
        fn new_u32(index: u32) -> NodeIndex;
    }

    impl NewU32 for NodeIndex {
        fn new_u32(index: u32) -> NodeIndex {
            NodeIndex::new(index as usize)
        }
    }

    #[test]
    fn each_cycle_is_counted_once_and_the_length_bound_holds() {
        // 0→1→2→0, 0→2→0 (via the back edge), 2→3→2.
        let edges = [(0, 1), (1, 2), (2, 0), (0, 2), (2, 3), (3, 2)];
        assert_eq!(count(&edges, 3, None), 3);
        assert_eq!(count(&edges, 2, None), 2);
        assert_eq!(count(&edges, 3, Some(2)), 3);
        assert_eq!(count(&edges, 3, Some(3)), 1);
    }
}
