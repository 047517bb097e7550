//! Competitor-funding conflicts: investors who fund both a company and its rival, or a company
//! that asked its investors not to fund that rival.

use std::collections::{BTreeSet, BinaryHeap, HashMap, HashSet};
use std::ops::Range;

use petgraph::graph::NodeIndex;
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::filter::RelationFilter;
use crate::graph::KnowledgeGraph;
use crate::model::{Relation, RelationKind, Scope};

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
    /// The exclusivity or competitor relation, by index; `None` for sector rivals.
    pub rivalry: Option<usize>,
    /// The investor's investments in the company, by index, ascending.
    pub company_investments: Vec<usize>,
    /// The family's investments in the rival, by index, ascending.
    pub rival_investments: Vec<usize>,
    /// The ownership relations that join the investor to `through`, by index, ascending.
    pub ownership: Vec<usize>,
}

impl Conflict {
    /// Every relation that proves the conflict, by index, ascending.
    pub fn relations(&self) -> Vec<usize> {
        let mut all: Vec<usize> = self
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
    /// Keep only the most serious `limit` conflicts, counting the rest: the memory a search
    /// takes is then of the order of the graph and the limit, however many pairs of sector
    /// rivals there are.
    pub limit: Option<usize>,
}

/// Competitor-funding conflicts, most serious first: clauses before competitors; within
/// clauses, stakes the clause covers first, then the rival funded after, around, undated, before
/// the clause, binding clauses first.
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
    graph: &'g KnowledgeGraph,
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
        let index = FundingIndex::new(graph, &options.filter, options.sector_rivals);
        let mut stakes = Stakes::default();
        let mut seen = HashSet::new();
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
        found.sort_by_cached_key(|c| rank(graph, c));
        if let Some(limit) = options.limit {
            found.truncate(limit);
        }
        Conflicts {
            graph,
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
        let mut tree = OwnershipTree::new(self.graph.companies().len());
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
            tree.links(&self.index, &through)
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
        }
    }
}

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
    rivalry: Option<usize>,
    /// The family's stake in the rival, in [`Stakes::all`]; `None` for sector rivals.
    rival_stake: Option<usize>,
}

/// Who funds whom, and which investors form one corporate family.
struct FundingIndex {
    /// For each company, its investors with the relations, sorted by investor.
    funders: HashMap<NodeIndex, Vec<(NodeIndex, usize)>>,
    /// For each company, the companies it funds; kept only for sector rivals.
    portfolio: HashMap<NodeIndex, BTreeSet<NodeIndex>>,
    /// Each company's corporate family, as the label of its ownership component.
    family: Vec<usize>,
    /// The ownership relations at each company, either way.
    owned: Adjacency,
}

impl FundingIndex {
    fn new(graph: &KnowledgeGraph, filter: &RelationFilter, with_portfolio: bool) -> FundingIndex {
        let mut funders: HashMap<NodeIndex, Vec<(NodeIndex, usize)>> = HashMap::new();
        let mut portfolio: HashMap<NodeIndex, BTreeSet<NodeIndex>> = HashMap::new();
        let mut families = UnionFind::new(graph.companies().len());
        let mut owned: Vec<(NodeIndex, NodeIndex, usize)> = Vec::new();
        for edge in graph.graph().edge_references() {
            let facts = graph.facts(*edge.weight());
            if !filter.allows_facts(facts) {
                continue;
            }
            let (from, to, relation) = (edge.source(), edge.target(), *edge.weight());
            match facts.kind {
                RelationKind::Investment => {
                    funders.entry(to).or_default().push((from, relation));
                    if with_portfolio {
                        portfolio.entry(from).or_default().insert(to);
                    }
                }
                RelationKind::Ownership => {
                    families.union(from.index(), to.index());
                    owned.extend([(from, to, relation), (to, from, relation)]);
                }
                _ => {}
            }
        }
        for list in funders.values_mut() {
            list.sort_unstable();
        }
        FundingIndex {
            funders,
            portfolio,
            family: families.into_labeling(),
            owned: Adjacency::new(graph.companies().len(), owned),
        }
    }

    fn family(&self, node: NodeIndex) -> usize {
        self.family[node.index()]
    }

    fn funders_of(&self, company: NodeIndex) -> &[(NodeIndex, usize)] {
        self.funders.get(&company).map_or(&[][..], Vec::as_slice)
    }

    /// The investments `investor` itself made in `company`, ascending.
    fn own(&self, investor: NodeIndex, company: NodeIndex) -> impl Iterator<Item = usize> + '_ {
        let funders = self.funders_of(company);
        let start = funders.partition_point(|&(funder, _)| funder < investor);
        funders[start..]
            .iter()
            .take_while(move |&&(funder, _)| funder == investor)
            .map(|&(_, relation)| relation)
    }
}

/// Links between companies, each company's in one slice: what a search reads many times over.
struct Adjacency {
    /// Where each company's links start in `links`; one more entry marks the end.
    starts: Vec<usize>,
    /// `(other company, relation)`, by company, then sorted.
    links: Vec<(NodeIndex, usize)>,
}

impl Adjacency {
    /// The adjacency of `companies` companies with `links` as `(company, other, relation)`.
    fn new(companies: usize, mut links: Vec<(NodeIndex, NodeIndex, usize)>) -> Adjacency {
        links.sort_unstable();
        let mut starts = Vec::with_capacity(companies + 1);
        let mut at = 0;
        for company in 0..companies {
            starts.push(at);
            while links.get(at).is_some_and(|link| link.0.index() == company) {
                at += 1;
            }
        }
        starts.push(at);
        Adjacency {
            starts,
            links: links.into_iter().map(|(_, other, r)| (other, r)).collect(),
        }
    }

    /// The links of `company`, with their positions.
    fn of(&self, company: NodeIndex) -> impl Iterator<Item = (usize, NodeIndex)> + '_ {
        let positions = self.starts[company.index()]..self.starts[company.index() + 1];
        positions.map(|at| (at, self.links[at].0))
    }

    /// The relations of the link of `company` at position `at` and of the parallel links after
    /// it (the company's other links to the same company).
    fn parallel(&self, company: NodeIndex, at: usize) -> impl Iterator<Item = usize> + '_ {
        let other = self.links[at].0;
        self.links[at..self.starts[company.index() + 1]]
            .iter()
            .take_while(move |link| link.0 == other)
            .map(|&(_, relation)| relation)
    }
}

/// The investments of one corporate family in one company.
struct Stake {
    /// The family, as [`FundingIndex::family`] labels it.
    family: usize,
    /// The members that invested, sorted.
    members: Vec<NodeIndex>,
    /// Their investments, ascending.
    relations: Vec<usize>,
}

/// The stakes in each company looked at so far, grouped by family once per company, as one
/// company can be in thousands of rivalries.
#[derive(Default)]
struct Stakes {
    /// Every stake, each company's together, sorted by family.
    all: Vec<Stake>,
    /// Where each company's stakes are in `all`.
    of: HashMap<NodeIndex, Range<usize>>,
}

impl Stakes {
    /// The stakes in `company`, grouped on first use.
    fn of(&mut self, index: &FundingIndex, company: NodeIndex) -> Range<usize> {
        if let Some(range) = self.of.get(&company) {
            return range.clone();
        }
        let mut by_family: HashMap<usize, Stake> = HashMap::new();
        for &(funder, relation) in index.funders_of(company) {
            let family = index.family(funder);
            let stake = by_family.entry(family).or_insert_with(|| Stake {
                family,
                members: Vec::new(),
                relations: Vec::new(),
            });
            if stake.members.last() != Some(&funder) {
                stake.members.push(funder);
            }
            stake.relations.push(relation);
        }
        let mut stakes: Vec<Stake> = by_family.into_values().collect();
        stakes.sort_unstable_by_key(|stake| stake.family);
        for stake in &mut stakes {
            stake.relations.sort_unstable();
        }
        let range = self.all.len()..self.all.len() + stakes.len();
        self.all.extend(stakes);
        self.of.insert(company, range.clone());
        range
    }

    /// The stake of `family` among `stakes`, if it has one.
    fn find(&self, stakes: Range<usize>, family: usize) -> Option<usize> {
        let start = stakes.start;
        self.all[stakes]
            .binary_search_by_key(&family, |stake| stake.family)
            .ok()
            .map(|at| start + at)
    }

    /// The families with a stake in both companies, as pairs of stakes, by family; only
    /// `family` when given.
    fn shared(
        &self,
        ours: Range<usize>,
        theirs: Range<usize>,
        family: Option<usize>,
    ) -> Vec<(usize, usize)> {
        if let Some(family) = family {
            return self
                .find(ours, family)
                .zip(self.find(theirs, family))
                .into_iter()
                .collect();
        }
        if ours.len() <= theirs.len() {
            ours.filter_map(|our| Some((our, self.find(theirs.clone(), self.all[our].family)?)))
                .collect()
        } else {
            theirs
                .filter_map(|their| Some((self.find(ours.clone(), self.all[their].family)?, their)))
                .collect()
        }
    }
}

/// The search for conflicts over the relations that make two companies rivals: investor
/// clauses (`ConflictKind::Clause`) or competitor relations (`ConflictKind::Competitor`).
struct RivalrySearch<'a, 'g> {
    graph: &'g KnowledgeGraph,
    index: &'a FundingIndex,
    options: &'a ConflictOptions,
    kind: ConflictKind,
    stakes: &'a mut Stakes,
    /// `(family, company, rival)` with the smaller company first, for each conflict found: a
    /// family has one competitor conflict per pair, and none where it has a clause conflict.
    seen: &'a mut HashSet<(usize, NodeIndex, NodeIndex)>,
    found: &'a mut Vec<Found<'g>>,
}

impl RivalrySearch<'_, '_> {
    fn run(&mut self) {
        for edge in self.graph.graph().edge_references() {
            let (company, rival) = (edge.source(), edge.target());
            if self.makes_rivals(company, rival, *edge.weight()) {
                self.rivalry(company, rival, *edge.weight());
            }
        }
    }

    /// Whether the relation at `rivalry` is of the kind searched for, and asked about.
    fn makes_rivals(&self, company: NodeIndex, rival: NodeIndex, rivalry: usize) -> bool {
        let facts = self.graph.facts(rivalry);
        let kind_ok = match self.kind {
            ConflictKind::Clause => facts.kind == RelationKind::Exclusivity,
            ConflictKind::Competitor => facts.kind == RelationKind::Competitor,
        };
        let about_company =
            (self.options.company).is_none_or(|wanted| wanted == company || wanted == rival);
        kind_ok
            && about_company
            && self.options.filter.allows_facts(facts)
            && (self.kind != ConflictKind::Clause
                || self.graph.relation(rivalry).scope == Some(Scope::Investors))
    }

    /// The conflicts of one rivalry: for each family with a stake in both companies, every
    /// member that funds `company` under a clause, or the first one for competitors.
    fn rivalry(&mut self, company: NodeIndex, rival: NodeIndex, rivalry: usize) {
        let ours = self.stakes.of(self.index, company);
        let theirs = self.stakes.of(self.index, rival);
        let family = self
            .options
            .investor
            .map(|wanted| self.index.family(wanted));
        for (our, their) in self.stakes.shared(ours, theirs, family) {
            let family = self.stakes.all[our].family;
            let fresh = self
                .seen
                .insert((family, company.min(rival), company.max(rival)));
            let members = &self.stakes.all[our].members;
            let conflict = |investor| Found {
                kind: self.kind,
                investor,
                company,
                rival,
                timing: None,
                covered: None,
                sector: None,
                rivalry: Some(rivalry),
                rival_stake: Some(their),
            };
            match self.kind {
                ConflictKind::Clause => {
                    let clause = self.graph.relation(rivalry);
                    let timing = timing(self.graph, clause, &self.stakes.all[their].relations);
                    self.found.extend(members.iter().map(|&investor| Found {
                        timing: Some(timing),
                        covered: Some(covers(
                            self.graph,
                            clause,
                            self.index.own(investor, company),
                        )),
                        ..conflict(investor)
                    }));
                }
                ConflictKind::Competitor if fresh => self.found.push(conflict(members[0])),
                ConflictKind::Competitor => {}
            }
        }
    }
}

/// Pairs of companies in one investor's portfolio that share a sector tag, offered to `best`
/// when `wanted`, but for pairs already in `seen`. A pair is offered once: for the first sector
/// they share, by name, and the first investor of a corporate family, in index order, that
/// funds both.
fn sector_conflicts<'g>(
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
struct Best<'g> {
    limit: Option<usize>,
    /// The conflicts kept, with the worst on top once the limit is reached.
    heap: BinaryHeap<Ranked<'g>>,
    /// Every conflict offered, kept or not.
    offered: usize,
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
    fn new(limit: Option<usize>) -> Best<'g> {
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

    fn into_found(self) -> impl Iterator<Item = Found<'g>> {
        self.heap.into_iter().map(|Ranked(_, found)| found)
    }
}

/// When the rival was funded, relative to the clause's date.
fn timing(graph: &KnowledgeGraph, clause: &Relation, rival_investments: &[usize]) -> Timing {
    let Some(clause_date) = clause.date else {
        return Timing::Undated;
    };
    let dates: Vec<_> = rival_investments
        .iter()
        .map(|&r| graph.relation(r).date)
        .collect();
    if dates
        .iter()
        .flatten()
        .any(|d| d.first_day() > clause_date.last_day())
    {
        Timing::After
    } else if dates.iter().any(Option::is_none) {
        Timing::Undated
    } else if dates
        .iter()
        .flatten()
        .any(|d| d.last_day() >= clause_date.first_day())
    {
        Timing::Around
    } else {
        Timing::Before
    }
}

/// Whether the clause reaches the investor's stake: the clause is retroactive; or it belongs to
/// a deal (the round it came with) and the investor took part in that deal; or, when it names
/// no deal, the stake was taken on or after the clause's date. Undated stakes are not known to
/// be covered.
fn covers(
    graph: &KnowledgeGraph,
    clause: &Relation,
    mut company_investments: impl Iterator<Item = usize>,
) -> bool {
    if clause.retroactive == Some(true) {
        return true;
    }
    if let Some(deal) = &clause.deal {
        return company_investments.any(|r| graph.relation(r).deal.as_ref() == Some(deal));
    }
    let Some(clause_date) = clause.date else {
        return false;
    };
    company_investments.any(|r| {
        graph
            .relation(r)
            .date
            .is_some_and(|d| d.last_day() >= clause_date.first_day())
    })
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

/// The breadth-first tree of ownership from one company over its corporate family: for each
/// company reached, the company it was first reached from. The search goes only as far as the
/// members asked for so far need, and resumes when a later one needs more.
struct OwnershipTree {
    /// The company the tree grows from.
    root: NodeIndex,
    /// For each company, the one it was reached from and the position of the first link that
    /// reached it in [`FundingIndex::owned`]; `None` when not reached.
    parent: Vec<Option<(NodeIndex, usize)>>,
    /// The companies reached, in the order reached: the search's queue, and what to clear for
    /// the next tree.
    reached: Vec<NodeIndex>,
    /// How many companies of `reached` had their links followed.
    followed: usize,
    /// For each company, the last call of [`OwnershipTree::links`] that walked from it.
    walked: Vec<u32>,
    /// The calls of [`OwnershipTree::links`] so far.
    walks: u32,
}

impl OwnershipTree {
    fn new(companies: usize) -> OwnershipTree {
        OwnershipTree {
            root: NodeIndex::end(),
            parent: vec![None; companies],
            reached: Vec::new(),
            followed: 0,
            walked: vec![0; companies],
            walks: 0,
        }
    }

    /// Replants the tree at `root`, unless it grows from there already.
    fn grow(&mut self, root: NodeIndex) {
        if root == self.root {
            return;
        }
        for node in self.reached.drain(..) {
            self.parent[node.index()] = None;
        }
        self.root = root;
        self.parent[root.index()] = Some((root, usize::MAX));
        self.reached.push(root);
        self.followed = 0;
    }

    /// Searches on until `member` is reached (or the family is exhausted): first in, first
    /// out, neighbours in the order of [`Adjacency::of`], so each company gets the parent it
    /// would have on a search that stopped at it.
    fn reach(&mut self, index: &FundingIndex, member: NodeIndex) {
        while self.parent[member.index()].is_none() && self.followed < self.reached.len() {
            let node = self.reached[self.followed];
            self.followed += 1;
            for (at, other) in index.owned.of(node) {
                if self.parent[other.index()].is_none() {
                    self.parent[other.index()] = Some((node, at));
                    self.reached.push(other);
                }
            }
        }
    }

    /// The ownership relations on the tree's chains from the root to each of `members`, with
    /// every parallel relation of each step, ascending.
    fn links(&mut self, index: &FundingIndex, members: &[NodeIndex]) -> Vec<usize> {
        if self.walks == u32::MAX {
            self.walked.fill(0);
            self.walks = 0;
        }
        self.walks += 1;
        let mut links = Vec::new();
        for &member in members {
            self.reach(index, member);
            let mut at = member;
            while at != self.root && self.walked[at.index()] != self.walks {
                self.walked[at.index()] = self.walks;
                let Some((previous, link)) = self.parent[at.index()] else {
                    break;
                };
                links.extend(index.owned.parallel(previous, link));
                at = previous;
            }
        }
        links.sort_unstable();
        links.dedup();
        links
    }
}

/// How serious a conflict is, most serious least: kind, covered, timing, binding, then the ids
/// of investor, company and rival, and the sector.
type Rank<'g> = (
    ConflictKind,
    bool,
    Option<Timing>,
    bool,
    &'g str,
    &'g str,
    &'g str,
    Option<&'g str>,
);

/// The sort key that puts the most serious conflicts first.
fn rank<'g>(graph: &'g KnowledgeGraph, conflict: &Found<'g>) -> Rank<'g> {
    let binding = conflict
        .rivalry
        .and_then(|r| graph.relation(r).binding)
        .unwrap_or(false);
    (
        conflict.kind,
        !conflict.covered.unwrap_or(false),
        conflict.timing,
        !binding,
        graph.company(conflict.investor).id.as_str(),
        graph.company(conflict.company).id.as_str(),
        graph.company(conflict.rival).id.as_str(),
        conflict.sector,
    )
}
