//! Circular deals: loops in which money that goes out comes back. Money flows from investor to
//! investee, acquirer to target and lender to borrower, and from the customer to the provider
//! of a lease, compute or supply relation; ownership, partnership, competitor and exclusivity
//! carry none. A loop is a simple directed cycle of that flow, counted once whichever company
//! it starts at, parallel relations making one hop.

mod enumerate;
mod flow;
mod significance;
mod window;

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

use crate::graph::{KnowledgeGraph, RelationId};
use crate::query::RelationFilter;

use self::enumerate::Walk;
pub use self::flow::{money_kinds, money_moves_forward};
pub use self::significance::{Significance, significance};

/// The longest loop searched unless asked otherwise, in hops.
pub const DEFAULT_MAX_LENGTH: usize = 4;
/// The steps of the walk after which it stops unless asked otherwise: enough for every loop of
/// four hops in the built-in data many times over, and a few seconds on a million relations.
pub const DEFAULT_BUDGET: u64 = 200_000_000;

/// Which loops to find, and how much work to spend.
#[derive(Debug, Clone)]
pub struct CycleOptions {
    /// Only loops through this company.
    pub company: Option<NodeIndex>,
    /// The longest loop, in hops (2 or more).
    pub max_length: usize,
    /// Only loops whose deals can all be chosen inside one window of this many days.
    pub within_days: Option<i64>,
    /// Keep at most this many loops, best first; every loop is still counted.
    pub limit: Option<usize>,
    /// The walk stops after this many steps, and says so.
    pub budget: u64,
    /// The relations the flow may use.
    pub filter: RelationFilter,
}

impl Default for CycleOptions {
    fn default() -> CycleOptions {
        CycleOptions {
            company: None,
            max_length: DEFAULT_MAX_LENGTH,
            within_days: None,
            limit: None,
            budget: DEFAULT_BUDGET,
            filter: RelationFilter::default(),
        }
    }
}

/// One hop of a loop: money moving from `payer` to `payee` through `relations`.
#[derive(Debug, Clone, PartialEq)]
pub struct CycleHop {
    /// Who pays.
    pub payer: NodeIndex,
    /// Who is paid.
    pub payee: NodeIndex,
    /// The relations moving money that way, in file order.
    pub relations: Vec<RelationId>,
    /// The sum of the amounts in US dollars those relations state; `None` when none does.
    pub amount_usd: Option<f64>,
}

/// One loop.
#[derive(Debug, Clone, PartialEq)]
pub struct Cycle {
    /// Its companies in the order money moves, from the first (the company asked about, or
    /// the company first in the graph).
    pub nodes: Vec<NodeIndex>,
    /// Its hops: from each company to the next, the last back to the first.
    pub hops: Vec<CycleHop>,
    /// The least amount of its hops: what can have gone all the way round; `None` when a hop
    /// states no amount.
    pub circulating_usd: Option<f64>,
    /// The fewest days one window needs to hold a deal of every hop (dates read as their first
    /// day); `None` when a hop has no dated relation.
    pub span_days: Option<i64>,
}

/// The loops found.
#[derive(Debug, Clone, PartialEq)]
pub struct Cycles {
    /// The loops kept, best first: the largest amount going round, then the shortest span,
    /// then the fewest hops, then by their companies' order in the graph.
    pub cycles: Vec<Cycle>,
    /// Every loop found, kept or not.
    pub total: usize,
    /// Whether the walk ran to its end; when not, `total` counts the loops found before the
    /// budget ran out.
    pub complete: bool,
}

/// The loops of money in `graph` that `options` asks for.
///
/// # Example
///
/// ```
/// use dealgraph::query::cycles::{cycles, CycleOptions};
///
/// let graph = dealgraph::curated::load();
/// let nvidia = graph.resolve("nvidia").unwrap();
/// let options = CycleOptions { company: Some(nvidia), ..CycleOptions::default() };
/// let found = cycles(&graph, &options);
/// let openai = graph.resolve("openai").unwrap();
/// let oracle = graph.resolve("oracle").unwrap();
/// assert!(found.cycles.iter().any(|c| c.nodes.contains(&openai) && c.nodes.contains(&oracle)));
/// ```
pub fn cycles(graph: &KnowledgeGraph, options: &CycleOptions) -> Cycles {
    let flow = flow::money_flow(graph, &options.filter);
    let mut kept: BinaryHeap<Ranked> = BinaryHeap::new();
    let mut total = 0;
    let mut walk = Walk::new(&flow, options.max_length.max(2), options.budget);
    let complete = walk.run(options.company, &mut |nodes, hops| {
        let cycle = describe(graph, &flow, nodes, hops);
        if let Some(within) = options.within_days
            && cycle.span_days.is_none_or(|span| span > within)
        {
            return;
        }
        total += 1;
        kept.push(Ranked(cycle));
        if options.limit.is_some_and(|limit| kept.len() > limit) {
            kept.pop();
        }
    });
    let mut cycles: Vec<Cycle> = kept.into_iter().map(|ranked| ranked.0).collect();
    cycles.sort_by(compare);
    Cycles {
        cycles,
        total,
        complete,
    }
}

/// A loop of the flow as a [`Cycle`], with its amounts and span.
fn describe(
    graph: &KnowledgeGraph,
    flow: &DiGraph<(), Vec<RelationId>>,
    nodes: &[NodeIndex],
    hops: &[EdgeIndex],
) -> Cycle {
    let hops: Vec<CycleHop> = hops
        .iter()
        .map(|&edge| {
            let (payer, payee) = flow.edge_endpoints(edge).expect("an edge of the flow");
            let relations = flow[edge].clone();
            let amounts: Vec<f64> = relations
                .iter()
                .filter_map(|&id| graph.relation(id).amount_usd)
                .collect();
            CycleHop {
                payer,
                payee,
                relations,
                amount_usd: (!amounts.is_empty()).then(|| amounts.iter().sum()),
            }
        })
        .collect();
    let circulating_usd = hops
        .iter()
        .map(|hop| hop.amount_usd)
        .collect::<Option<Vec<f64>>>()
        .and_then(|amounts| amounts.into_iter().reduce(f64::min));
    let span_days = window::shortest_span(graph, &hops);
    Cycle {
        nodes: nodes.to_vec(),
        hops,
        circulating_usd,
        span_days,
    }
}

/// How two loops rank: the larger amount going round first (a known one before none), then
/// the shorter span, then the fewer hops, then by their companies' order in the graph.
fn compare(a: &Cycle, b: &Cycle) -> Ordering {
    let amount = |c: &Cycle| c.circulating_usd.unwrap_or(-1.0);
    let span = |c: &Cycle| c.span_days.unwrap_or(i64::MAX);
    amount(b)
        .total_cmp(&amount(a))
        .then_with(|| span(a).cmp(&span(b)))
        .then_with(|| a.nodes.len().cmp(&b.nodes.len()))
        .then_with(|| a.nodes.cmp(&b.nodes))
}

/// A loop in the heap of the best ones, the worst on top so that it is the one dropped.
struct Ranked(Cycle);

impl PartialEq for Ranked {
    fn eq(&self, other: &Ranked) -> bool {
        compare(&self.0, &other.0) == Ordering::Equal
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Ranked) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Ranked) -> Ordering {
        compare(&self.0, &other.0)
    }
}
