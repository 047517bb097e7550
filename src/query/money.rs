//! Money: what a company raised (by round and by investor, each round counted once) and what
//! it committed to as a customer; what an investor funds.

use std::collections::BTreeMap;

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::filter::RelationFilter;
use crate::date::PartialDate;
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::{Relation, RelationKind};

/// How a round's total was told from its relations' amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Counted {
    /// The sum of its relations' amounts: each is one investor's part.
    SumOfParts,
    /// Every relation states the same amount: the round's, repeated on each investor's
    /// relation, counted once.
    SameOnEach,
    /// One relation states the sum of the others': the round's total beside its parts,
    /// counted once.
    TotalBesideParts,
    /// No relation of the round states an amount.
    Unknown,
}

/// One round (the relations of one `deal`, or one relation without a deal).
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    /// The deal id, when the relations name one.
    pub deal: Option<String>,
    /// The round's name (`Series C`), when a relation gives one.
    pub round: Option<String>,
    /// Its earliest date.
    pub date: Option<PartialDate>,
    /// Its relations, in date order.
    pub relations: Vec<RelationId>,
    /// Its total in US dollars, counted once ([`Counted`] says how); `None` when unknown.
    pub total_usd: Option<f64>,
    /// The sum of the amounts its relations state.
    pub parts_usd: f64,
    /// How the total was told.
    pub counted: Counted,
    /// Whether an amount is stated as a range or a ceiling (`$1-2B`, `up to $5B`).
    pub range: bool,
    /// Whether an amount is an estimate.
    pub estimated: bool,
    /// How many of its relations state no amount: when any do, the total is a floor.
    pub unstated: usize,
}

/// One counterpart's share: an investor's in what a company raised, a provider's in what it
/// committed to, a company's in an investor's portfolio.
#[derive(Debug, Clone, PartialEq)]
pub struct Share {
    /// The counterpart.
    pub node: NodeIndex,
    /// The sum of the amounts its relations state.
    pub amount_usd: f64,
    /// Its relations, in date order.
    pub relations: Vec<RelationId>,
    /// How many of them state no amount.
    pub unstated: usize,
}

/// What a company raised and committed to.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    /// Its equity and debt raised, round by round, in date order.
    pub rounds: Vec<Round>,
    /// The sum of the rounds' totals, each counted once.
    pub raised_usd: f64,
    /// Its investors and lenders, the largest first.
    pub investors: Vec<Share>,
    /// What it committed to as a customer of leases, compute and supply, by provider, the
    /// largest first.
    pub providers: Vec<Share>,
    /// The sum of those commitments.
    pub committed_usd: f64,
}

/// The relation types a company raises money by.
const RAISED: [RelationKind; 2] = [RelationKind::Investment, RelationKind::Loan];
/// The relation types a customer commits money by.
const COMMITTED: [RelationKind; 3] = [
    RelationKind::Lease,
    RelationKind::Compute,
    RelationKind::Supply,
];

/// What `company` raised (investment and loan relations into it, by round and investor) and
/// committed to as a customer, among the relations `filter` keeps; cancelled ones count for
/// nothing.
///
/// # Example
///
/// ```
/// use dealgraph::query::money::money;
/// use dealgraph::query::RelationFilter;
///
/// let graph = dealgraph::curated::load();
/// let xai = graph.resolve("xai").unwrap();
/// let raised = money(&graph, xai, &RelationFilter::default());
/// let series_c = raised.rounds.iter().find(|r| r.round.as_deref() == Some("Series C")).unwrap();
/// assert!(series_c.relations.len() > 5, "one round of many investors");
/// assert!(raised.raised_usd > 0.0);
/// ```
pub fn money(graph: &KnowledgeGraph, company: NodeIndex, filter: &RelationFilter) -> Money {
    let raised = relations(graph, company, Direction::Incoming, &RAISED, filter);
    let rounds = rounds(graph, &raised);
    let investors = shares(graph, &raised, |relation| relation.0);
    let committed = relations(graph, company, Direction::Incoming, &COMMITTED, filter);
    let providers = shares(graph, &committed, |relation| relation.0);
    Money {
        raised_usd: rounds.iter().filter_map(|r| r.total_usd).sum(),
        rounds,
        investors,
        committed_usd: providers.iter().map(|p| p.amount_usd).sum(),
        providers,
    }
}

/// What `investor` funds: the companies it invests in or lends to, the largest first.
///
/// # Example
///
/// ```
/// use dealgraph::query::money::portfolio;
/// use dealgraph::query::RelationFilter;
///
/// let graph = dealgraph::curated::load();
/// let nvidia = graph.resolve("nvidia").unwrap();
/// let funded = portfolio(&graph, nvidia, &RelationFilter::default());
/// let openai = graph.resolve("openai").unwrap();
/// assert!(funded.iter().any(|share| share.node == openai));
/// ```
pub fn portfolio(
    graph: &KnowledgeGraph,
    investor: NodeIndex,
    filter: &RelationFilter,
) -> Vec<Share> {
    let funded = relations(graph, investor, Direction::Outgoing, &RAISED, filter);
    shares(graph, &funded, |relation| relation.1)
}

/// The relations of `kinds` at `company` on `side`, kept by `filter`, not cancelled, as
/// (from, to, id), in date order.
fn relations(
    graph: &KnowledgeGraph,
    company: NodeIndex,
    side: Direction,
    kinds: &[RelationKind],
    filter: &RelationFilter,
) -> Vec<(NodeIndex, NodeIndex, RelationId)> {
    let mut found: Vec<(NodeIndex, NodeIndex, RelationId)> = graph
        .graph()
        .edges_directed(company, side)
        .filter(|edge| {
            let facts = edge.weight();
            kinds.contains(&facts.kind)
                && filter.allows_facts(facts)
                && facts.status != Some(crate::model::Status::Cancelled)
        })
        .map(|edge| {
            (
                edge.source(),
                edge.target(),
                RelationId::new(edge.id().index()),
            )
        })
        .collect();
    found.sort_by_key(|&(_, _, id)| (graph.facts(id).date.map(PartialDate::first_day), id));
    found
}

/// The relations grouped by deal (a relation without one is a round of its own), in date order.
fn rounds(graph: &KnowledgeGraph, raised: &[(NodeIndex, NodeIndex, RelationId)]) -> Vec<Round> {
    let mut by_deal: BTreeMap<String, Vec<RelationId>> = BTreeMap::new();
    let mut alone: Vec<Vec<RelationId>> = Vec::new();
    for &(_, _, id) in raised {
        match &graph.relation(id).deal {
            Some(deal) => by_deal.entry(deal.clone()).or_default().push(id),
            None => alone.push(vec![id]),
        }
    }
    let mut rounds: Vec<Round> = by_deal
        .into_values()
        .chain(alone)
        .map(|ids| round(graph, ids))
        .collect();
    rounds.sort_by_key(|round| (round.date.map(PartialDate::first_day), round.relations[0]));
    rounds
}

fn round(graph: &KnowledgeGraph, ids: Vec<RelationId>) -> Round {
    let relations: Vec<&Relation> = ids.iter().map(|&id| graph.relation(id)).collect();
    let amounts: Vec<f64> = relations.iter().filter_map(|r| r.amount_usd).collect();
    let parts_usd: f64 = amounts.iter().sum();
    let largest = amounts.iter().copied().fold(0.0, f64::max);
    let (total_usd, counted) = match amounts.as_slice() {
        [] => (None, Counted::Unknown),
        [_] => (Some(parts_usd), Counted::SumOfParts),
        several if several.iter().all(|&a| close(a, several[0])) => {
            (Some(several[0]), Counted::SameOnEach)
        }
        _ if close(largest, parts_usd - largest) => (Some(largest), Counted::TotalBesideParts),
        _ => (Some(parts_usd), Counted::SumOfParts),
    };
    Round {
        deal: relations[0].deal.clone(),
        round: relations.iter().find_map(|r| r.round.clone()),
        date: relations
            .iter()
            .filter_map(|r| r.date)
            .min_by_key(|d| d.first_day()),
        total_usd,
        parts_usd,
        counted,
        range: relations.iter().any(|r| r.amount_max_usd.is_some()),
        estimated: relations.iter().any(|r| r.estimated == Some(true)),
        unstated: relations.iter().filter(|r| r.amount_usd.is_none()).count(),
        relations: ids,
    }
}

/// Whether two amounts are the same, to within a hundredth.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.01 * a.abs().max(b.abs())
}

/// The relations summed by the counterpart `of` picks, the largest first, ties by node.
fn shares(
    graph: &KnowledgeGraph,
    relations: &[(NodeIndex, NodeIndex, RelationId)],
    of: impl Fn(&(NodeIndex, NodeIndex, RelationId)) -> NodeIndex,
) -> Vec<Share> {
    let mut by_node: BTreeMap<NodeIndex, Share> = BTreeMap::new();
    for relation in relations {
        let node = of(relation);
        let share = by_node.entry(node).or_insert_with(|| Share {
            node,
            amount_usd: 0.0,
            relations: Vec::new(),
            unstated: 0,
        });
        match graph.relation(relation.2).amount_usd {
            Some(amount) => share.amount_usd += amount,
            None => share.unstated += 1,
        }
        share.relations.push(relation.2);
    }
    let mut shares: Vec<Share> = by_node.into_values().collect();
    shares.sort_by(|a, b| {
        b.amount_usd
            .total_cmp(&a.amount_usd)
            .then(a.node.cmp(&b.node))
    });
    shares
}

#[cfg(test)]
mod tests {
    use super::close;

    #[test]
    fn amounts_within_a_hundredth_are_the_same() {
        assert!(close(6e9, 6.05e9));
        assert!(!close(6e9, 6.2e9));
    }
}
