//! Competitor-funding conflicts: investors who fund both a company and its rival, or a company
//! that asked its investors not to fund that rival.

use std::collections::{BTreeSet, HashMap, HashSet};

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
    /// The investor's investments in the company, by index.
    pub company_investments: Vec<usize>,
    /// The family's investments in the rival, by index.
    pub rival_investments: Vec<usize>,
    /// The ownership relations that join the investor to `through`, by index.
    pub ownership: Vec<usize>,
}

impl Conflict {
    /// Every relation that proves the conflict, by index, ascending.
    pub fn relations(&self) -> Vec<usize> {
        let all: BTreeSet<usize> = self
            .rivalry
            .iter()
            .chain(&self.company_investments)
            .chain(&self.rival_investments)
            .chain(&self.ownership)
            .copied()
            .collect();
        all.into_iter().collect()
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
}

/// Competitor-funding conflicts, most serious first: clauses before competitors; within
/// clauses, stakes the clause covers first, then the rival funded after, around, undated, before
/// the clause, binding clauses first.
///
/// An investor's corporate family (companies joined to it by ownership, either way) counts as
/// the investor: SoftBank funds Perplexity through its Vision Fund 2.
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
    let index = FundingIndex::new(graph, &options.filter);
    let mut found = rivalry_conflicts(graph, &index, options, ConflictKind::Clause);
    let covered: HashSet<(usize, NodeIndex, NodeIndex)> = found
        .iter()
        .map(|c| {
            (
                index.family(c.investor),
                c.company.min(c.rival),
                c.company.max(c.rival),
            )
        })
        .collect();
    let mut rivals = rivalry_conflicts(graph, &index, options, ConflictKind::Competitor);
    if options.sector_rivals {
        rivals.extend(sector_conflicts(graph, &index));
    }
    let mut seen = covered;
    for conflict in rivals {
        let key = (
            index.family(conflict.investor),
            conflict.company.min(conflict.rival),
            conflict.company.max(conflict.rival),
        );
        if seen.insert(key) {
            found.push(conflict);
        }
    }
    found.retain(|c| wanted(c, &index, options));
    attach_ownership(&index, graph.companies().len(), &mut found);
    found.sort_by_cached_key(|c| rank(graph, c));
    found
}

/// Who funds whom, and which investors form one corporate family.
struct FundingIndex {
    /// For each company, its investors with the relations, sorted by investor.
    funders: HashMap<NodeIndex, Vec<(NodeIndex, usize)>>,
    /// For each company, the companies it funds.
    portfolio: HashMap<NodeIndex, BTreeSet<NodeIndex>>,
    /// Each company's corporate family, as the label of its ownership component.
    family: Vec<usize>,
    /// The ownership relations at each company, either way: `(other company, relation)`.
    owned: HashMap<NodeIndex, Vec<(NodeIndex, usize)>>,
}

impl FundingIndex {
    fn new(graph: &KnowledgeGraph, filter: &RelationFilter) -> FundingIndex {
        let mut funders: HashMap<NodeIndex, Vec<(NodeIndex, usize)>> = HashMap::new();
        let mut portfolio: HashMap<NodeIndex, BTreeSet<NodeIndex>> = HashMap::new();
        let mut families = UnionFind::new(graph.companies().len());
        let mut owned: HashMap<NodeIndex, Vec<(NodeIndex, usize)>> = HashMap::new();
        for edge in graph.graph().edge_references() {
            let facts = graph.facts(*edge.weight());
            if !filter.allows_facts(facts) {
                continue;
            }
            match facts.kind {
                RelationKind::Investment => {
                    funders
                        .entry(edge.target())
                        .or_default()
                        .push((edge.source(), *edge.weight()));
                    portfolio
                        .entry(edge.source())
                        .or_default()
                        .insert(edge.target());
                }
                RelationKind::Ownership => {
                    families.union(edge.source().index(), edge.target().index());
                    let (from, to, relation) = (edge.source(), edge.target(), *edge.weight());
                    owned.entry(from).or_default().push((to, relation));
                    owned.entry(to).or_default().push((from, relation));
                }
                _ => {}
            }
        }
        for list in funders.values_mut() {
            list.sort_unstable();
        }
        for links in owned.values_mut() {
            links.sort_unstable();
        }
        FundingIndex {
            funders,
            portfolio,
            family: families.into_labeling(),
            owned,
        }
    }

    fn family(&self, node: NodeIndex) -> usize {
        self.family[node.index()]
    }

    fn funders_of(&self, company: NodeIndex) -> &[(NodeIndex, usize)] {
        self.funders.get(&company).map_or(&[][..], Vec::as_slice)
    }

    /// The investors of `company` with their investments, grouped by investor.
    fn investors_of(&self, company: NodeIndex) -> Vec<(NodeIndex, Vec<usize>)> {
        let mut grouped: Vec<(NodeIndex, Vec<usize>)> = Vec::new();
        for &(investor, relation) in self.funders_of(company) {
            match grouped.last_mut() {
                Some((last, relations)) if *last == investor => relations.push(relation),
                _ => grouped.push((investor, vec![relation])),
            }
        }
        grouped
    }

    /// The investments `investor` itself made in `company`.
    fn direct_investments(&self, investor: NodeIndex, company: NodeIndex) -> Vec<usize> {
        self.funders_of(company)
            .iter()
            .filter(|(funder, _)| *funder == investor)
            .map(|&(_, relation)| relation)
            .collect()
    }

    /// The ownership relations at `company`, either way: `(other company, relation)`, sorted.
    fn owned_by(&self, company: NodeIndex) -> &[(NodeIndex, usize)] {
        self.owned.get(&company).map_or(&[][..], Vec::as_slice)
    }

    /// The ownership relations between `a` and `b`, either way.
    fn ownership_between(&self, a: NodeIndex, b: NodeIndex) -> impl Iterator<Item = usize> + '_ {
        let links = self.owned_by(a);
        let start = links.partition_point(|&(other, _)| other < b);
        links[start..]
            .iter()
            .take_while(move |&&(other, _)| other == b)
            .map(|&(_, relation)| relation)
    }

    /// The investments in `company`, grouped by the investors' families: for each family, the
    /// members that invested (sorted) and their relations.
    fn by_family(&self, company: NodeIndex) -> HashMap<usize, (Vec<NodeIndex>, Vec<usize>)> {
        let mut grouped: HashMap<usize, (Vec<NodeIndex>, Vec<usize>)> = HashMap::new();
        for &(funder, relation) in self.funders_of(company) {
            let (members, relations) = grouped.entry(self.family(funder)).or_default();
            if members.last() != Some(&funder) {
                members.push(funder);
            }
            relations.push(relation);
        }
        grouped
    }
}

/// Conflicts over the relations that make two companies rivals: investor clauses
/// (`ConflictKind::Clause`) or competitor relations (`ConflictKind::Competitor`).
fn rivalry_conflicts(
    graph: &KnowledgeGraph,
    index: &FundingIndex,
    options: &ConflictOptions,
    kind: ConflictKind,
) -> Vec<Conflict> {
    let mut found = Vec::new();
    for edge in graph.graph().edge_references() {
        let facts = graph.facts(*edge.weight());
        let makes_rivals = match kind {
            ConflictKind::Clause => facts.kind == RelationKind::Exclusivity,
            ConflictKind::Competitor => facts.kind == RelationKind::Competitor,
        };
        let (company, rival) = (edge.source(), edge.target());
        let about_company = options
            .company
            .is_none_or(|wanted| wanted == company || wanted == rival);
        if !makes_rivals || !about_company || !options.filter.allows_facts(facts) {
            continue;
        }
        let rivalry = graph.edge_relation(edge);
        if kind == ConflictKind::Clause && rivalry.scope != Some(Scope::Investors) {
            continue;
        }
        let rival_funders = index.by_family(rival);
        for (investor, company_investments) in index.investors_of(company) {
            let family = index.family(investor);
            let Some((members, rival_investments)) = rival_funders.get(&family) else {
                continue;
            };
            if options
                .investor
                .is_some_and(|wanted| index.family(wanted) != family)
            {
                continue;
            }
            let (members, rival_investments) = (members.clone(), rival_investments.clone());
            let clause = (kind == ConflictKind::Clause).then_some(rivalry);
            found.push(Conflict {
                kind,
                investor,
                through: members.into_iter().filter(|m| *m != investor).collect(),
                company,
                rival,
                timing: clause.map(|clause| timing(graph, clause, &rival_investments)),
                covered: clause.map(|clause| covers(graph, clause, &company_investments)),
                sector: None,
                rivalry: Some(*edge.weight()),
                company_investments,
                rival_investments,
                ownership: Vec::new(),
            });
        }
    }
    found
}

/// Pairs of companies in one investor's portfolio that share a sector tag.
fn sector_conflicts(graph: &KnowledgeGraph, index: &FundingIndex) -> Vec<Conflict> {
    let mut found = Vec::new();
    let mut investors: Vec<&NodeIndex> = index.portfolio.keys().collect();
    investors.sort_unstable();
    for &investor in investors {
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
                for &rival in &companies[i + 1..] {
                    found.push(Conflict {
                        kind: ConflictKind::Competitor,
                        investor,
                        through: Vec::new(),
                        company,
                        rival,
                        timing: None,
                        covered: None,
                        sector: Some(sector.to_owned()),
                        rivalry: None,
                        company_investments: index.direct_investments(investor, company),
                        rival_investments: index.direct_investments(investor, rival),
                        ownership: Vec::new(),
                    });
                }
            }
        }
    }
    found
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
fn covers(graph: &KnowledgeGraph, clause: &Relation, company_investments: &[usize]) -> bool {
    if clause.retroactive == Some(true) {
        return true;
    }
    if let Some(deal) = &clause.deal {
        return company_investments
            .iter()
            .any(|&r| graph.relation(r).deal.as_ref() == Some(deal));
    }
    let Some(clause_date) = clause.date else {
        return false;
    };
    company_investments.iter().any(|&r| {
        graph
            .relation(r)
            .date
            .is_some_and(|d| d.last_day() >= clause_date.first_day())
    })
}

fn wanted(conflict: &Conflict, index: &FundingIndex, options: &ConflictOptions) -> bool {
    let investor_ok = options
        .investor
        .is_none_or(|investor| index.family(investor) == index.family(conflict.investor));
    let company_ok = options
        .company
        .is_none_or(|company| company == conflict.company || company == conflict.rival);
    investor_ok && company_ok
}

/// Fills in each conflict's ownership relations: those joining the investor to each member of
/// `through`, along a shortest chain of ownership. The chains from one investor all come from
/// one breadth-first search over its family, so conflicts are taken investor by investor.
fn attach_ownership(index: &FundingIndex, companies: usize, found: &mut [Conflict]) {
    let mut order: Vec<(NodeIndex, usize)> = (found.iter().enumerate())
        .filter(|(_, conflict)| !conflict.through.is_empty())
        .map(|(i, conflict)| (conflict.investor, i))
        .collect();
    order.sort_unstable();
    let mut tree = OwnershipTree::new(companies);
    for group in order.chunk_by(|a, b| a.0 == b.0) {
        tree.grow(index, group[0].0);
        for &(_, i) in group {
            found[i].ownership = tree.links(index, &found[i].through);
        }
    }
}

/// The breadth-first tree of ownership from one company over its corporate family: for each
/// company reached, the company it was first reached from.
struct OwnershipTree {
    /// The company the tree grows from.
    root: NodeIndex,
    /// For each company, the one it was reached from; `None` when not reached.
    parent: Vec<Option<NodeIndex>>,
    /// The companies reached, to clear `parent` for the next tree.
    reached: Vec<NodeIndex>,
}

impl OwnershipTree {
    fn new(companies: usize) -> OwnershipTree {
        OwnershipTree {
            root: NodeIndex::end(),
            parent: vec![None; companies],
            reached: Vec::new(),
        }
    }

    /// Regrows the tree from `root`: neighbours in the order of [`FundingIndex::owned_by`], so
    /// each company keeps the parent it would have on a search that stopped at it.
    fn grow(&mut self, index: &FundingIndex, root: NodeIndex) {
        for node in self.reached.drain(..) {
            self.parent[node.index()] = None;
        }
        self.root = root;
        self.parent[root.index()] = Some(root);
        self.reached.push(root);
        let mut frontier = vec![root];
        while !frontier.is_empty() {
            let mut next = Vec::new();
            for node in frontier {
                for &(other, _) in index.owned_by(node) {
                    if self.parent[other.index()].is_none() {
                        self.parent[other.index()] = Some(node);
                        self.reached.push(other);
                        next.push(other);
                    }
                }
            }
            frontier = next;
        }
    }

    /// The ownership relations on the tree's chains from the root to each of `members`, with
    /// every parallel relation of each step, ascending.
    fn links(&self, index: &FundingIndex, members: &[NodeIndex]) -> Vec<usize> {
        let mut links = Vec::new();
        let mut walked = HashSet::new();
        for &member in members {
            let mut at = member;
            while at != self.root && walked.insert(at) {
                let Some(previous) = self.parent[at.index()] else {
                    break;
                };
                links.extend(index.ownership_between(previous, at));
                at = previous;
            }
        }
        links.sort_unstable();
        links.dedup();
        links
    }
}

/// The sort key that puts the most serious conflicts first.
fn rank(graph: &KnowledgeGraph, conflict: &Conflict) -> impl Ord + use<> {
    let binding = conflict
        .rivalry
        .and_then(|r| graph.relation(r).binding)
        .unwrap_or(false);
    (
        conflict.kind,
        !conflict.covered.unwrap_or(false),
        conflict.timing,
        !binding,
        graph.company(conflict.investor).id.clone(),
        graph.company(conflict.company).id.clone(),
        graph.company(conflict.rival).id.clone(),
        conflict.sector.clone(),
    )
}
