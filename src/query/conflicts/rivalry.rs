//! The conflicts of rivalries: exclusivity clauses and competitor relations between two
//! companies that one corporate family funds both of.

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::funding::{FundingIndex, Stakes};
use super::weight::Side;
use super::{ConflictKind, ConflictOptions, Found, Seen, Timing};
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::{Relation, RelationKind, Scope};

/// The search for conflicts over the relations that make two companies rivals: investor
/// clauses (`ConflictKind::Clause`) or competitor relations (`ConflictKind::Competitor`).
pub(super) struct RivalrySearch<'a, 'g> {
    pub(super) graph: &'g KnowledgeGraph,
    pub(super) index: &'a FundingIndex,
    pub(super) options: &'a ConflictOptions,
    pub(super) kind: ConflictKind,
    pub(super) stakes: &'a mut Stakes,
    /// `(family, company, rival)` with the smaller company first, for each conflict found: a
    /// family has one competitor conflict per pair, and none where it has a clause conflict.
    pub(super) seen: &'a mut Seen,
    pub(super) found: &'a mut Vec<Found<'g>>,
}

impl RivalrySearch<'_, '_> {
    pub(super) fn run(&mut self) {
        for edge in self.graph.graph().edge_references() {
            let (company, rival) = (edge.source(), edge.target());
            let rivalry = RelationId::from(edge.id());
            if self.makes_rivals(company, rival, rivalry) {
                self.rivalry(company, rival, rivalry);
            }
        }
    }

    /// Whether the relation at `rivalry` is of the kind searched for, and asked about.
    fn makes_rivals(&self, company: NodeIndex, rival: NodeIndex, rivalry: RelationId) -> bool {
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
    fn rivalry(&mut self, company: NodeIndex, rival: NodeIndex, rivalry: RelationId) {
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
            if self.kind == ConflictKind::Competitor && !fresh {
                continue;
            }
            let members = &self.stakes.all[our].members;
            let sizes = self.index.sizes(company, rival);
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
                // Weighed once the search knows which conflicts a limit keeps.
                stakes: Side::default(),
                sizes,
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
                ConflictKind::Competitor => self.found.push(conflict(members[0])),
            }
        }
    }
}

/// When the rival was funded, relative to the clause's date.
pub(super) fn timing(
    graph: &KnowledgeGraph,
    clause: &Relation,
    rival_investments: &[RelationId],
) -> Timing {
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
pub(super) fn covers(
    graph: &KnowledgeGraph,
    clause: &Relation,
    mut company_investments: impl Iterator<Item = RelationId>,
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
