//! Competitor-funding conflicts: investors who fund both a company and its rival, or a company
//! that asked its investors not to fund that rival.

mod funding;
mod ownership;
mod rivalry;
mod sector;
mod weight;

use std::collections::HashSet;

use petgraph::graph::NodeIndex;
use serde::Serialize;

use self::funding::{FundingIndex, Stakes};
use self::ownership::OwnershipTree;
use self::rivalry::RivalrySearch;
use self::sector::{Best, sector_conflicts};
use self::weight::{Side, Weight, weight};
use super::filter::RelationFilter;
use crate::date::PartialDate;
use crate::graph::{KnowledgeGraph, RelationId};

/// What makes two funded companies rivals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// The company asked its investors not to fund the rival (an exclusivity clause with scope
    /// `investors`).
    Clause,
    /// The two compete (a competitor relation, or a shared sector with `sector_rivals`).
    Competitor,
}

/// When the rival was funded, relative to the clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// At least one investment in the rival began after the clause.
    After,
    /// The dates overlap: the same month or year as the clause, at the precision given.
    Around,
    /// No investment in the rival is dated.
    Undated,
    /// Every investment in the rival came before the clause.
    Before,
}

/// One conflict, with every relation that proves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Clause or competitor.
    pub kind: ConflictKind,
    /// The investor that funds `company`.
    pub investor: NodeIndex,
    /// Members of the investor's corporate family (by ownership) that fund `rival` in its
    /// stead, sorted; empty when the investor funds the rival itself.
    pub through: Vec<NodeIndex>,
    /// The company funded (for a clause, the one that imposed it).
    pub company: NodeIndex,
    /// Its rival, also funded.
    pub rival: NodeIndex,
    /// Clauses only: when the rival was funded relative to the clause.
    pub timing: Option<Timing>,
    /// Clauses only: whether the investor's stake in the company falls under the clause (taken
    /// on or after its date, or the clause is retroactive).
    pub covered: Option<bool>,
    /// The sector the two share, when rivals by sector.
    pub sector: Option<String>,
    /// The exclusivity or competitor relation; `None` for sector rivals.
    pub rivalry: Option<RelationId>,
    /// The investor's investments in the company, in file order.
    pub company_investments: Vec<RelationId>,
    /// The family's investments in the rival, in file order.
    pub rival_investments: Vec<RelationId>,
    /// The ownership relations that join the investor to `through`, in file order.
    pub ownership: Vec<RelationId>,
    /// The money the investor's side has at stake in both companies, in whole US dollars: the
    /// amounts its investments state (an "up to" at its ceiling), cancelled deals left out; 0
    /// when none states one.
    pub at_stake_usd: u64,
    /// The date of the latest of those investments.
    pub latest: Option<PartialDate>,
}

impl Conflict {
    /// Every relation that proves the conflict, in file order.
    pub fn relations(&self) -> Vec<RelationId> {
        let mut all: Vec<RelationId> = self
            .rivalry
            .iter()
            .chain(&self.company_investments)
            .chain(&self.rival_investments)
            .chain(&self.ownership)
            .copied()
            .collect();
        // Four ascending runs, which this sort merges in about linear time.
        all.sort();
        all.dedup();
        all
    }
}

/// Which conflicts to look for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConflictOptions {
    /// Which relations count (`as_of`, `min_status`; types are fixed by the question).
    pub filter: RelationFilter,
    /// Treat companies that share a sector tag as rivals too.
    pub sector_rivals: bool,
    /// Only conflicts of this investor or its corporate family.
    pub investor: Option<NodeIndex>,
    /// Only conflicts where this company is the company or the rival.
    pub company: Option<NodeIndex>,
    /// Count lenders as investors: a loan is debt, not a stake, so by default a bank that
    /// lends to two rivals is in no conflict.
    pub include_lenders: bool,
    /// Keep only the most serious `limit` conflicts, counting the rest: the memory a search
    /// takes is then of the order of the graph and the limit, however many pairs of sector
    /// rivals there are.
    pub limit: Option<usize>,
}

/// Competitor-funding conflicts, most serious first: clauses before competitors; within
/// clauses, stakes the clause covers first, then the rival funded after, around, undated, before
/// the clause, binding clauses first. Conflicts alike in all that (sector rivals all are) go by
/// weight: more money at stake on both sides together first (stated amounts, an "up to" at its
/// ceiling, cancelled deals left out), then the more recent stake, then larger rivals (the
/// smaller of the two by relations); names break the last ties.
///
/// An investor's corporate family (companies joined to it by ownership, either way) counts as
/// the investor: SoftBank funds Perplexity through its Vision Fund 2.
///
/// Every conflict is built with all its relations; on a large graph, [`Conflicts::find`] gives
/// the same conflicts one at a time.
///
/// # Example
///
/// ```
/// use dealgraph::query::{conflicts, ConflictKind, ConflictOptions};
///
/// let graph = dealgraph::curated::load();
/// let found = conflicts(&graph, &ConflictOptions::default());
/// let fidelity = graph.resolve("fidelity").unwrap();
/// let xai = graph.resolve("xai").unwrap();
/// assert!(found
///     .iter()
///     .any(|c| c.kind == ConflictKind::Clause && c.investor == fidelity && c.rival == xai));
/// ```
pub fn conflicts(graph: &KnowledgeGraph, options: &ConflictOptions) -> Vec<Conflict> {
    Conflicts::find(graph, options).iter().collect()
}

/// Competitor-funding conflicts found and ranked as [`conflicts()`] ranks them, each built with
/// its relations only when [`Conflicts::iter`] reaches it.
///
/// A conflict can cite thousands of relations (every investment of a large corporate family in
/// the rival, and the ownership chains to each member), so a large graph can have more
/// relations in its conflicts than memory holds; this keeps one conflict at a time.
pub struct Conflicts<'g> {
    index: FundingIndex,
    stakes: Stakes,
    found: Vec<Found<'g>>,
    total: usize,
}

impl<'g> Conflicts<'g> {
    /// Finds and ranks the conflicts that `options` ask for.
    ///
    /// # Example
    ///
    /// ```
    /// use dealgraph::query::conflicts::Conflicts;
    /// use dealgraph::query::ConflictOptions;
    ///
    /// let graph = dealgraph::curated::load();
    /// let options = ConflictOptions {
    ///     investor: Some(graph.resolve("softbank").unwrap()),
    ///     ..ConflictOptions::default()
    /// };
    /// let found = Conflicts::find(&graph, &options);
    /// let first = found.iter().next().unwrap();
    /// assert_eq!(graph.company(first.rival).id.as_str(), "perplexity");
    /// assert_eq!(found.len(), found.iter().count());
    /// ```
    pub fn find(graph: &'g KnowledgeGraph, options: &ConflictOptions) -> Conflicts<'g> {
        let index = FundingIndex::new(graph, options);
        let mut stakes = Stakes::default();
        let mut seen = Seen::default();
        let mut found = Vec::new();
        for kind in [ConflictKind::Clause, ConflictKind::Competitor] {
            let mut search = RivalrySearch {
                graph,
                index: &index,
                options,
                kind,
                stakes: &mut stakes,
                seen: &mut seen,
                found: &mut found,
            };
            search.run();
        }
        found.retain(|c| wanted(c, &index, options));
        let mut total = found.len();
        if options.sector_rivals {
            let mut best = Best::new(options.limit);
            sector_conflicts(graph, &index, &seen, &mut best, &mut |c| {
                wanted(c, &index, options)
            });
            total += best.offered;
            found.extend(best.into_found());
        }
        weigh_rivalries(graph, &index, &stakes, &mut found, options.limit);
        if let Some(limit) = options.limit.filter(|&limit| limit < found.len()) {
            if limit > 0 {
                found.select_nth_unstable_by_key(limit - 1, |c| rank(graph, c));
            }
            found.truncate(limit);
        }
        found.sort_by_cached_key(|c| rank(graph, c));
        Conflicts {
            index,
            stakes,
            found,
            total,
        }
    }

    /// How many conflicts are held: all of them, or the most serious `limit`.
    pub fn len(&self) -> usize {
        self.found.len()
    }

    /// How many conflicts there are in all, including those a limit left out.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// The conflicts, most serious first, each built with its relations as it is reached.
    pub fn iter(&self) -> impl Iterator<Item = Conflict> + '_ {
        let mut tree = OwnershipTree::new(&self.index.owned);
        self.found
            .iter()
            .map(move |found| self.build(found, &mut tree))
    }

    /// The whole conflict that `found` stands for; `tree` is regrown from its investor when it
    /// grew from another, so conflicts of one investor in a row share one search.
    fn build(&self, found: &Found<'g>, tree: &mut OwnershipTree) -> Conflict {
        let (through, rival_investments) = match found.rival_stake {
            Some(stake) => {
                let stake = &self.stakes.all[stake];
                let through = (stake.members.iter())
                    .filter(|&&member| member != found.investor)
                    .copied()
                    .collect();
                (through, stake.relations.clone())
            }
            None => (
                Vec::new(),
                self.index.own(found.investor, found.rival).collect(),
            ),
        };
        let ownership = if through.is_empty() {
            Vec::new()
        } else {
            tree.grow(found.investor);
            tree.links(&self.index.owned, &through)
        };
        Conflict {
            kind: found.kind,
            investor: found.investor,
            through,
            company: found.company,
            rival: found.rival,
            timing: found.timing,
            covered: found.covered,
            sector: found.sector.map(str::to_owned),
            rivalry: found.rivalry,
            company_investments: self.index.own(found.investor, found.company).collect(),
            rival_investments,
            ownership,
            at_stake_usd: found.stakes.usd,
            latest: found.stakes.latest,
        }
    }
}

/// The rivalries found so far, as `(family, company, rival)` with the smaller company first:
/// a family has one conflict per pair of rivals. Only looked up, never listed, so its order
/// does not matter.
type Seen = HashSet<(usize, NodeIndex, NodeIndex), foldhash::fast::RandomState>;

/// A conflict as found, before its relations are gathered: the investments behind it are the
/// investor's own in the company, and its family's stake in the rival (or, for sector rivals,
/// its own).
struct Found<'g> {
    kind: ConflictKind,
    investor: NodeIndex,
    company: NodeIndex,
    rival: NodeIndex,
    timing: Option<Timing>,
    covered: Option<bool>,
    sector: Option<&'g str>,
    rivalry: Option<RelationId>,
    /// The family's stake in the rival, in [`Stakes::all`]; `None` for sector rivals.
    rival_stake: Option<usize>,
    /// The investor's side's investments in both companies, summed up: with `sizes`, what
    /// the conflict weighs among conflicts equally serious by kind and timing.
    stakes: Side,
    /// How many relations the company and the rival have.
    sizes: (u32, u32),
}

fn wanted(conflict: &Found<'_>, index: &FundingIndex, options: &ConflictOptions) -> bool {
    let investor_ok = options
        .investor
        .is_none_or(|investor| index.family(investor) == index.family(conflict.investor));
    let company_ok = options
        .company
        .is_none_or(|company| company == conflict.company || company == conflict.rival);
    investor_ok && company_ok
}

/// Weighs the conflicts of rivalries (sector conflicts come weighed) that can be among the
/// `limit` most serious: those whose [`class`] is no later than the limit's, as at least
/// `limit` conflicts rank before any other. Weighing reads every investment of both stakes, so
/// a limit spares reading those of conflicts it leaves out.
fn weigh_rivalries(
    graph: &KnowledgeGraph,
    index: &FundingIndex,
    stakes: &Stakes,
    found: &mut [Found<'_>],
    limit: Option<usize>,
) {
    let last_kept = limit
        .filter(|&limit| limit > 0 && limit < found.len())
        .map(|limit| {
            let mut classes: Vec<Class> = found.iter().map(|c| class(graph, c)).collect();
            *classes.select_nth_unstable(limit - 1).1
        });
    for conflict in found {
        let Some(rival_stake) = conflict.rival_stake else {
            continue;
        };
        if last_kept.is_some_and(|last| class(graph, conflict) > last) {
            continue;
        }
        let rival = stakes.all[rival_stake].relations.iter().copied();
        let own = index.own(conflict.investor, conflict.company);
        conflict.stakes = Side::of(graph, own).and(Side::of(graph, rival));
    }
}

/// How serious a conflict is before its weight: kind, covered, timing, binding.
type Class = (ConflictKind, bool, Option<Timing>, bool);

fn class(graph: &KnowledgeGraph, conflict: &Found<'_>) -> Class {
    let binding = (conflict.rivalry)
        .filter(|_| conflict.kind == ConflictKind::Clause)
        .and_then(|r| graph.relation(r).binding)
        .unwrap_or(false);
    (
        conflict.kind,
        !conflict.covered.unwrap_or(false),
        conflict.timing,
        !binding,
    )
}

/// How serious a conflict is, most serious least: kind, covered, timing, binding, then its
/// weight (money at stake, recency, the rivals' size), then the ids of investor, company and
/// rival, the sector, and the clause or competitor relation (two clauses between one pair are
/// two conflicts) in file order.
type Rank<'g> = (
    ConflictKind,
    bool,
    Option<Timing>,
    bool,
    Weight,
    &'g str,
    &'g str,
    &'g str,
    Option<&'g str>,
    Option<RelationId>,
);

/// The sort key that puts the most serious conflicts first.
fn rank<'g>(graph: &'g KnowledgeGraph, conflict: &Found<'g>) -> Rank<'g> {
    let (kind, uncovered, timing, unbinding) = class(graph, conflict);
    (
        kind,
        uncovered,
        timing,
        unbinding,
        weight(conflict.stakes, conflict.sizes),
        graph.company(conflict.investor).id.as_str(),
        graph.company(conflict.company).id.as_str(),
        graph.company(conflict.rival).id.as_str(),
        conflict.sector,
        conflict.rivalry,
    )
}
