//! Sector rivals: companies in one investor's portfolio that share a sector tag, and the most
//! serious of their conflicts, kept in memory of the order of the limit.

use std::collections::{BinaryHeap, HashMap, HashSet};

use petgraph::graph::NodeIndex;

use super::funding::FundingIndex;
use super::{ConflictKind, Found, Rank, rank};
use crate::graph::KnowledgeGraph;

/// Pairs of companies in one investor's portfolio that share a sector tag, offered to `best`
/// when `wanted`, but for pairs already in `seen`. A pair is offered once: for the first sector
/// they share, by name, and the first investor of a corporate family, in index order, that
/// funds both.
pub(super) fn sector_conflicts<'g>(
    graph: &'g KnowledgeGraph,
    index: &FundingIndex,
    seen: &HashSet<(usize, NodeIndex, NodeIndex)>,
    best: &mut Best<'g>,
    wanted: &mut dyn FnMut(&Found<'g>) -> bool,
) {
    let mut investors: Vec<NodeIndex> = index.portfolio.keys().copied().collect();
    investors.sort_unstable();
    let mut families: HashMap<usize, Vec<NodeIndex>> = HashMap::new();
    for &investor in &investors {
        families
            .entry(index.family(investor))
            .or_default()
            .push(investor);
    }
    for &investor in &investors {
        let family = index.family(investor);
        let kin = &families[&family];
        let earlier = &kin[..kin.partition_point(|&other| other < investor)];
        let funds_both = |company: NodeIndex, rival: NodeIndex| {
            earlier.iter().any(|&other| {
                index.portfolio[&other].contains(&company)
                    && index.portfolio[&other].contains(&rival)
            })
        };
        let mut by_sector: HashMap<&str, Vec<NodeIndex>> = HashMap::new();
        for &company in &index.portfolio[&investor] {
            for sector in &graph.company(company).sectors {
                by_sector.entry(sector.as_str()).or_default().push(company);
            }
        }
        let mut sectors: Vec<(&str, Vec<NodeIndex>)> = by_sector.into_iter().collect();
        sectors.sort_unstable();
        for (sector, companies) in sectors {
            for (i, &company) in companies.iter().enumerate() {
                // Pairs that cannot be kept are still counted, so the total stays exact.
                let keep = best.may_take(graph, investor, company);
                for &rival in &companies[i + 1..] {
                    let key = (family, company.min(rival), company.max(rival));
                    let first = !seen.contains(&key)
                        && !shares_earlier_sector(graph, company, rival, sector)
                        && !funds_both(company, rival);
                    if !first {
                        continue;
                    }
                    let conflict = Found {
                        kind: ConflictKind::Competitor,
                        investor,
                        company,
                        rival,
                        timing: None,
                        covered: None,
                        sector: Some(sector),
                        rivalry: None,
                        rival_stake: None,
                    };
                    if !wanted(&conflict) {
                        continue;
                    }
                    if keep {
                        best.offer(graph, conflict);
                    } else {
                        best.offered += 1;
                    }
                }
            }
        }
    }
}

/// Whether two companies share a sector that sorts before `sector`.
fn shares_earlier_sector(
    graph: &KnowledgeGraph,
    company: NodeIndex,
    rival: NodeIndex,
    sector: &str,
) -> bool {
    let theirs = &graph.company(rival).sectors;
    graph
        .company(company)
        .sectors
        .iter()
        .any(|s| s.as_str() < sector && theirs.contains(s))
}

/// The most serious conflicts offered, up to a limit, and how many were offered in all.
pub(super) struct Best<'g> {
    limit: Option<usize>,
    /// The conflicts kept, with the worst on top once the limit is reached.
    heap: BinaryHeap<Ranked<'g>>,
    /// Every conflict offered, kept or not.
    pub(super) offered: usize,
}

/// A conflict with its rank, ordered by rank.
struct Ranked<'g>(Rank<'g>, Found<'g>);

impl PartialEq for Ranked<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for Ranked<'_> {}

impl PartialOrd for Ranked<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(&other.0)
    }
}

impl<'g> Best<'g> {
    pub(super) fn new(limit: Option<usize>) -> Best<'g> {
        Best {
            limit,
            heap: BinaryHeap::new(),
            offered: 0,
        }
    }

    /// Whether a sector conflict of `investor` over `company` could still be kept: not when
    /// the limit is reached and the worst kept one ranks before every such conflict.
    fn may_take(&self, graph: &'g KnowledgeGraph, investor: NodeIndex, company: NodeIndex) -> bool {
        if self.limit.is_none_or(|limit| self.heap.len() < limit) {
            return true;
        }
        // Every sector conflict has the same kind, coverage, timing and binding, so the ids
        // of investor and company decide, before the rival's.
        self.heap.peek().is_none_or(|Ranked(worst, _)| {
            let ids = (
                graph.company(investor).id.as_str(),
                graph.company(company).id.as_str(),
            );
            (worst.4, worst.5) >= ids
        })
    }

    fn offer(&mut self, graph: &'g KnowledgeGraph, conflict: Found<'g>) {
        self.offered += 1;
        let Some(limit) = self.limit else {
            let ranked = Ranked(rank(graph, &conflict), conflict);
            self.heap.push(ranked);
            return;
        };
        if limit == 0 {
            return;
        }
        let ranked = Ranked(rank(graph, &conflict), conflict);
        if self.heap.len() < limit {
            self.heap.push(ranked);
        } else if self.heap.peek().is_some_and(|worst| ranked < *worst) {
            self.heap.pop();
            self.heap.push(ranked);
        }
    }

    pub(super) fn into_found(self) -> impl Iterator<Item = Found<'g>> {
        self.heap.into_iter().map(|Ranked(_, found)| found)
    }
}
