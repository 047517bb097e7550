//! Sector rivals: companies in one investor's portfolio that share a sector tag, and the most
//! serious of their conflicts, kept in memory of the order of the limit.

use std::collections::{BinaryHeap, HashMap};

use petgraph::graph::NodeIndex;

use super::funding::FundingIndex;
use super::weight::{Side, Weight, later, weight};
use super::{ConflictKind, Found, Rank, Seen, rank};
use crate::graph::KnowledgeGraph;

/// Pairs of companies in one investor's portfolio that share a sector tag, offered to `best`
/// when `wanted`, but for pairs already in `seen`. A pair is offered once: for the first sector
/// they share, by name, and the first investor of a corporate family, in index order, that
/// funds both.
pub(super) fn sector_conflicts<'g>(
    graph: &'g KnowledgeGraph,
    index: &FundingIndex,
    seen: &Seen,
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
        let mut by_sector: HashMap<&str, Vec<NodeIndex>> = HashMap::new();
        for &company in &index.portfolio[&investor] {
            for sector in &graph.company(company).sectors {
                by_sector.entry(sector.as_str()).or_default().push(company);
            }
        }
        if by_sector.values().all(|companies| companies.len() < 2) {
            continue;
        }
        let portfolio = Portfolio::of(graph, index, investor, earlier);
        let mut sectors: Vec<(&str, Vec<NodeIndex>)> = by_sector.into_iter().collect();
        sectors.sort_unstable();
        for (sector, companies) in sectors {
            let members: Vec<&Member<'g>> =
                companies.iter().map(|c| &portfolio.members[c]).collect();
            for (i, member) in members.iter().enumerate() {
                // Pairs that cannot be kept are still counted, so the total stays exact.
                let heaviest = portfolio.heaviest(member);
                let keep = best.may_take(graph, investor, member.node, heaviest);
                for other in &members[i + 1..] {
                    let (company, rival) = (member.node, other.node);
                    let first = !seen.contains(&(family, company.min(rival), company.max(rival)))
                        && !member.shares_earlier_sector(other, sector)
                        && !member.funded_by_earlier_kin_with(other);
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
                        stakes: member.side.and(other.side),
                        sizes: (member.size, other.size),
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

/// One company of an investor's portfolio, with what its sector conflicts need of it.
struct Member<'g> {
    node: NodeIndex,
    /// The investor's own stake in it.
    side: Side,
    /// How many relations it has.
    size: u32,
    /// Its sectors.
    sectors: &'g [String],
    /// The investor's kin earlier in index order that also fund it, sorted.
    earlier_kin: Vec<NodeIndex>,
}

impl Member<'_> {
    /// Whether the two share a sector that sorts before `sector`.
    fn shares_earlier_sector(&self, other: &Member<'_>, sector: &str) -> bool {
        (self.sectors.iter()).any(|s| s.as_str() < sector && other.sectors.contains(s))
    }

    /// Whether one of the investor's earlier kin funds both, and so offered the pair first.
    fn funded_by_earlier_kin_with(&self, other: &Member<'_>) -> bool {
        if self.earlier_kin.is_empty() || other.earlier_kin.is_empty() {
            return false;
        }
        (self.earlier_kin.iter()).any(|kin| other.earlier_kin.binary_search(kin).is_ok())
    }
}

/// An investor's portfolio: each company as a [`Member`], and the heaviest stake of any.
struct Portfolio<'g> {
    members: HashMap<NodeIndex, Member<'g>>,
    /// The most money in any one stake, and the latest date of any.
    most: Side,
}

impl<'g> Portfolio<'g> {
    fn of(
        graph: &'g KnowledgeGraph,
        index: &FundingIndex,
        investor: NodeIndex,
        earlier: &[NodeIndex],
    ) -> Portfolio<'g> {
        let member = |company: NodeIndex| Member {
            node: company,
            side: Side::of(graph, index.own(investor, company)),
            size: index.relations_at(company),
            sectors: &graph.company(company).sectors,
            earlier_kin: (earlier.iter())
                .filter(|kin| index.portfolio[kin].contains(&company))
                .copied()
                .collect(),
        };
        let members: HashMap<NodeIndex, Member<'g>> = (index.portfolio[&investor].iter())
            .map(|&company| (company, member(company)))
            .collect();
        let most = Side {
            usd: members.values().map(|m| m.side.usd).max().unwrap_or(0),
            latest: (members.values()).fold(None, |latest, m| later(latest, m.side.latest)),
        };
        Portfolio { members, most }
    }

    /// A weight no conflict over `member` with another company of the portfolio can beat:
    /// its stake with the largest and latest of any, at its size.
    fn heaviest(&self, member: &Member<'_>) -> Weight {
        weight(member.side.and(self.most), (member.size, member.size))
    }
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
    /// the limit is reached and the worst kept one ranks before every such conflict, whose
    /// weight is at most `heaviest`.
    fn may_take(
        &self,
        graph: &'g KnowledgeGraph,
        investor: NodeIndex,
        company: NodeIndex,
        heaviest: Weight,
    ) -> bool {
        if self.limit.is_none_or(|limit| self.heap.len() < limit) {
            return true;
        }
        // Every sector conflict has the same kind, coverage, timing and binding; each later
        // part of this rank is at most the conflict's own, so the tuple ranks no later than
        // any conflict over `company` (a rank orders its parts one after another).
        let best_possible: Rank<'g> = (
            ConflictKind::Competitor,
            true,
            None,
            true,
            heaviest,
            graph.company(investor).id.as_str(),
            graph.company(company).id.as_str(),
            "",
            None,
            None,
        );
        self.heap
            .peek()
            .is_none_or(|Ranked(worst, _)| best_possible < *worst)
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

    /// The weight of a conflict with `usd` at stake, undated, between companies of one relation,
    /// as [`weighing`] makes it.
    fn at_stake(usd: u64) -> Weight {
        weight(Side { usd, latest: None }, (1, 1))
    }

    fn conflict<'g>(graph: &'g KnowledgeGraph, company: &str, rival: &str) -> Found<'g> {
        weighing(graph, company, rival, 0)
    }

    fn weighing<'g>(graph: &'g KnowledgeGraph, company: &str, rival: &str, usd: u64) -> Found<'g> {
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
            stakes: Side { usd, latest: None },
            sizes: (1, 1),
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
    fn money_at_stake_outranks_names() {
        let graph = graph();
        let mut best = Best::new(Some(1));
        best.offer(&graph, weighing(&graph, "a", "b", 10));
        best.offer(&graph, weighing(&graph, "d", "e", 20));
        best.offer(&graph, weighing(&graph, "b", "c", 15));
        let kept: Vec<&str> = best
            .into_found()
            .map(|found| graph.company_id(found.company))
            .collect();
        assert_eq!(kept, ["d"]);
    }

    #[test]
    fn a_full_limit_takes_only_conflicts_that_rank_before_its_worst() {
        let graph = graph();
        let node = |id: &str| graph.node(id).expect("a company of the graph");
        let may_take = |best: &Best, company, usd| {
            best.may_take(&graph, node("vc"), node(company), at_stake(usd))
        };
        let mut best = Best::new(Some(1));
        assert!(may_take(&best, "c", 0), "room left");
        best.offer(&graph, weighing(&graph, "c", "e", 5));
        assert!(may_take(&best, "d", 6), "may weigh more");
        assert!(!may_take(&best, "b", 4), "weighs less at most");
        assert!(may_take(&best, "b", 5), "as heavy, ranks before by name");
        assert!(
            may_take(&best, "c", 5),
            "as heavy, may rank before by rival"
        );
        assert!(!may_take(&best, "d", 5), "as heavy, ranks after by name");
        assert!(may_take(&Best::new(None), "e", 0), "no limit");
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
