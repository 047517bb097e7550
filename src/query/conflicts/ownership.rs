//! Corporate families: the ownership relations between companies, and the chains that join an
//! investor to the members that invest in its stead.

use petgraph::csr::Csr;
use petgraph::graph::NodeIndex;
use petgraph::visit::{Bfs, Visitable};

use crate::graph::RelationId;

/// The ownership relations between companies, either way, as a petgraph [`Csr`]: each
/// company's owners and subsidiaries in one sorted slice, what a search reads many times over,
/// with every relation between two companies, in file order, as their edge's weight.
pub(super) struct Ownership {
    links: Csr<(), Vec<RelationId>>,
}

impl Ownership {
    /// The ownership of `companies` companies with `links` as `(company, other, relation)`,
    /// each relation once each way.
    pub(super) fn new(
        companies: usize,
        mut links: Vec<(NodeIndex, NodeIndex, RelationId)>,
    ) -> Self {
        links.sort_unstable();
        let mut edges: Vec<(u32, u32, Vec<RelationId>)> = Vec::new();
        for (from, to, relation) in links {
            let (from, to) = (csr_node(from), csr_node(to));
            match edges.last_mut() {
                Some(edge) if (edge.0, edge.1) == (from, to) => edge.2.push(relation),
                _ => edges.push((from, to, vec![relation])),
            }
        }
        let mut links = Csr::from_sorted_edges(&edges).expect("links are sorted and grouped");
        while links.node_count() < companies {
            links.add_node(());
        }
        Ownership { links }
    }

    /// The relations between `company` and `other`, in file order.
    fn between(&self, company: u32, other: u32) -> &[RelationId] {
        let at = self.links.neighbors_slice(company).binary_search(&other);
        at.map_or(&[][..], |at| &self.links.edges_slice(company)[at])
    }
}

/// A [`NodeIndex`] as the [`Csr`] numbers it.
fn csr_node(node: NodeIndex) -> u32 {
    u32::try_from(node.index()).expect("a graph has fewer than 2^32 companies")
}

/// The breadth-first tree of ownership from one company over its corporate family, grown by
/// petgraph's [`Bfs`] only as far as the members asked for so far need, and resumed when a
/// later one needs more: for each company reached, the company it was first reached from.
pub(super) struct OwnershipTree {
    /// The company the tree grows from.
    root: Option<u32>,
    /// The search, paused.
    bfs: Bfs<u32, <&'static Csr<(), Vec<RelationId>> as Visitable>::Map>,
    /// For each company, the one it was reached from; `None` when not reached.
    parent: Vec<Option<u32>>,
    /// The companies reached, to clear for the next tree.
    reached: Vec<u32>,
    /// For each company, the last call of [`OwnershipTree::links`] that walked from it.
    walked: Vec<u32>,
    /// The calls of [`OwnershipTree::links`] so far.
    walks: u32,
}

impl OwnershipTree {
    /// A tree over `ownership`, not yet planted.
    pub(super) fn new(ownership: &Ownership) -> OwnershipTree {
        let companies = ownership.links.node_count();
        OwnershipTree {
            root: None,
            bfs: Bfs {
                stack: Default::default(),
                discovered: ownership.links.visit_map(),
            },
            parent: vec![None; companies],
            reached: Vec::new(),
            walked: vec![0; companies],
            walks: 0,
        }
    }

    /// Replants the tree at `root`, unless it grows from there already.
    pub(super) fn grow(&mut self, root: NodeIndex) {
        let root = csr_node(root);
        if self.root == Some(root) {
            return;
        }
        for node in self.reached.drain(..) {
            self.parent[node as usize] = None;
            self.bfs.discovered.set(node as usize, false);
        }
        self.root = Some(root);
        self.parent[root as usize] = Some(root);
        self.reached.push(root);
        self.bfs.stack.clear();
        self.bfs.discovered.insert(root as usize);
        self.bfs.stack.push_back(root);
    }

    /// Searches on until `member` is reached (or the family is exhausted): first in, first
    /// out, neighbours in id order, so each company gets the parent it would have on a search
    /// that stopped at it.
    fn reach(&mut self, ownership: &Ownership, member: u32) {
        while self.parent[member as usize].is_none() && !self.bfs.stack.is_empty() {
            // `Bfs::next` takes a company off the front of its queue and queues, at the back,
            // the companies it discovers from it.
            let queued = self.bfs.stack.len() - 1;
            let Some(node) = self.bfs.next(&ownership.links) else {
                break;
            };
            for &discovered in self.bfs.stack.range(queued..) {
                self.parent[discovered as usize] = Some(node);
                self.reached.push(discovered);
            }
        }
    }

    /// The ownership relations on the tree's chains from the root to each of `members`, with
    /// every parallel relation of each step, in file order.
    pub(super) fn links(
        &mut self,
        ownership: &Ownership,
        members: &[NodeIndex],
    ) -> Vec<RelationId> {
        let Some(root) = self.root else {
            return Vec::new();
        };
        if self.walks == u32::MAX {
            self.walked.fill(0);
            self.walks = 0;
        }
        self.walks += 1;
        let mut links = Vec::new();
        for &member in members {
            let member = csr_node(member);
            self.reach(ownership, member);
            let mut at = member;
            while at != root && self.walked[at as usize] != self.walks {
                self.walked[at as usize] = self.walks;
                let Some(previous) = self.parent[at as usize] else {
                    break;
                };
                links.extend_from_slice(ownership.between(previous, at));
                at = previous;
            }
        }
        links.sort_unstable();
        links.dedup();
        links
    }
}
