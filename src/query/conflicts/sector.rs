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

#[cfg(test)]
mod tests {
    use super::*;

    /// A graph of an investor and companies `a` to `e`, and the sector conflict of `vc` over
    /// `company` with `rival`.
    fn graph() -> KnowledgeGraph {
        let companies: Vec<String> = ["vc", "a", "b", "c", "d", "e"]
            .iter()
            .map(|id| format!(r#"{{"id": "{id}", "name": "{id}"}}"#))
            .collect();
        let text = format!(r#"{{"companies": [{}]}}"#, companies.join(","));
        crate::load::load(&[crate::load::GraphText::new("g.json", text.into_bytes())])
            .expect("the graph loads")
    }

    fn conflict<'g>(graph: &'g KnowledgeGraph, company: &str, rival: &str) -> Found<'g> {
        let node = |id: &str| graph.node(id).expect("a company of the graph");
        Found {
            kind: ConflictKind::Competitor,
            investor: node("vc"),
            company: node(company),
            rival: node(rival),
            timing: None,
            covered: None,
            sector: Some("ai"),
            rivalry: None,
            rival_stake: None,
        }
    }

    #[test]
    fn the_kept_conflicts_never_outnumber_the_limit_and_the_most_serious_stay() {
        let graph = graph();
        let mut best = Best::new(Some(2));
        for (company, rival) in [("d", "e"), ("c", "e"), ("b", "e"), ("a", "e"), ("c", "d")] {
            best.offer(&graph, conflict(&graph, company, rival));
            assert!(best.heap.len() <= 2, "kept {}", best.heap.len());
        }
        assert_eq!(best.offered, 5);
        let mut kept: Vec<&str> = best
            .into_found()
            .map(|found| graph.company_id(found.company))
            .collect();
        kept.sort_unstable();
        assert_eq!(kept, ["a", "b"]);
    }

    #[test]
    fn a_full_limit_takes_only_conflicts_that_rank_before_its_worst() {
        let graph = graph();
        let node = |id: &str| graph.node(id).expect("a company of the graph");
        let mut best = Best::new(Some(1));
        assert!(best.may_take(&graph, node("vc"), node("c")), "room left");
        best.offer(&graph, conflict(&graph, "c", "e"));
        assert!(
            best.may_take(&graph, node("vc"), node("b")),
            "ranks before the worst"
        );
        assert!(
            best.may_take(&graph, node("vc"), node("c")),
            "may rank before, by rival"
        );
        assert!(
            !best.may_take(&graph, node("vc"), node("d")),
            "ranks after the worst"
        );
        assert!(
            Best::new(None).may_take(&graph, node("vc"), node("e")),
            "no limit"
        );
    }

    #[test]
    fn ranked_conflicts_compare_by_rank_alone() {
        let graph = graph();
        let ranked = |company, rival| {
            let found = conflict(&graph, company, rival);
            Ranked(rank(&graph, &found), found)
        };
        let (first, second) = (ranked("a", "e"), ranked("b", "e"));
        assert!(first == ranked("a", "e"));
        assert!(first != second);
        assert_eq!(first.partial_cmp(&second), Some(std::cmp::Ordering::Less));
        assert_eq!(
            second.partial_cmp(&first),
            Some(std::cmp::Ordering::Greater)
        );
        assert_eq!(
            first.partial_cmp(&ranked("a", "e")),
            Some(std::cmp::Ordering::Equal)
        );
    }
}
