//! Who funds whom: each company's investors, each investor's portfolio, and the stakes of
//! corporate families.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use petgraph::graph::NodeIndex;
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;

use super::ConflictOptions;
use super::ownership::Ownership;
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::RelationKind;

/// Who funds whom, and which investors form one corporate family.
pub(super) struct FundingIndex {
    /// For each company, its investors with the relations, sorted by investor.
    funders: HashMap<NodeIndex, Vec<(NodeIndex, RelationId)>>,
    /// For each company, the companies it funds; kept only for sector rivals.
    pub(super) portfolio: HashMap<NodeIndex, BTreeSet<NodeIndex>>,
    /// Each company's corporate family, as the label of its ownership component.
    family: Vec<usize>,
    /// The ownership relations at each company, either way.
    pub(super) owned: Ownership,
    /// How many relations each company has among those the filter allows, by node index.
    relations: Vec<u32>,
}

impl FundingIndex {
    /// Who funds whom among the relations `options` allow, with lenders when it asks, and
    /// each investor's portfolio when it looks for sector rivals.
    pub(super) fn new(graph: &KnowledgeGraph, options: &ConflictOptions) -> FundingIndex {
        let (filter, with_portfolio) = (&options.filter, options.sector_rivals);
        let mut funders: HashMap<NodeIndex, Vec<(NodeIndex, RelationId)>> = HashMap::new();
        let mut portfolio: HashMap<NodeIndex, BTreeSet<NodeIndex>> = HashMap::new();
        let mut families = UnionFind::new(graph.companies().len());
        let mut owned: Vec<(NodeIndex, NodeIndex, RelationId)> = Vec::new();
        let mut relations = vec![0u32; graph.companies().len()];
        for edge in graph.graph().edge_references() {
            let facts = edge.weight();
            if !filter.allows_facts(facts) {
                continue;
            }
            let (from, to, relation) = (edge.source(), edge.target(), edge.id().into());
            for end in [from, to] {
                relations[end.index()] = relations[end.index()].saturating_add(1);
            }
            let funds = facts.kind == RelationKind::Investment
                || (facts.kind == RelationKind::Loan && options.include_lenders);
            match facts.kind {
                _ if funds => {
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
            owned: Ownership::new(graph.companies().len(), owned),
            relations,
        }
    }

    /// How many relations `company` has among those the filter allows.
    pub(super) fn relations_at(&self, company: NodeIndex) -> u32 {
        self.relations[company.index()]
    }

    /// How many relations each of two companies has, as [`FundingIndex::relations_at`].
    pub(super) fn sizes(&self, company: NodeIndex, rival: NodeIndex) -> (u32, u32) {
        (self.relations_at(company), self.relations_at(rival))
    }

    pub(super) fn family(&self, node: NodeIndex) -> usize {
        self.family[node.index()]
    }

    fn funders_of(&self, company: NodeIndex) -> &[(NodeIndex, RelationId)] {
        self.funders.get(&company).map_or(&[][..], Vec::as_slice)
    }

    /// The investments `investor` itself made in `company`, ascending.
    pub(super) fn own(
        &self,
        investor: NodeIndex,
        company: NodeIndex,
    ) -> impl Iterator<Item = RelationId> + '_ {
        let funders = self.funders_of(company);
        let start = funders.partition_point(|&(funder, _)| funder < investor);
        funders[start..]
            .iter()
            .take_while(move |&&(funder, _)| funder == investor)
            .map(|&(_, relation)| relation)
    }
}

/// The investments of one corporate family in one company.
pub(super) struct Stake {
    /// The family, as [`FundingIndex::family`] labels it.
    pub(super) family: usize,
    /// The members that invested, sorted.
    pub(super) members: Vec<NodeIndex>,
    /// Their investments, in file order.
    pub(super) relations: Vec<RelationId>,
}

/// The stakes in each company looked at so far, grouped by family once per company, as one
/// company can be in thousands of rivalries.
#[derive(Default)]
pub(super) struct Stakes {
    /// Every stake, each company's together, sorted by family.
    pub(super) all: Vec<Stake>,
    /// Where each company's stakes are in `all`.
    of: HashMap<NodeIndex, Range<usize>>,
}

impl Stakes {
    /// The stakes in `company`, grouped on first use.
    pub(super) fn of(&mut self, index: &FundingIndex, company: NodeIndex) -> Range<usize> {
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
    pub(super) fn shared(
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
