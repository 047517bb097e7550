//! `dealgraph cycles`: loops in which money that goes out comes back.

use std::fmt::Write;
use std::process::ExitCode;

use anyhow::bail;
use dealgraph::format::{count, usd};
use dealgraph::query::cycles::{
    self, Cycle, CycleOptions, Cycles, DEFAULT_BUDGET, DEFAULT_MAX_LENGTH, Significance,
};
use dealgraph::query::{KeyCache, KeyedRelation};
use dealgraph::{CompanyId, KnowledgeGraph};
use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::filters::FilterArgs;
use super::output;
use super::render::{name, relation_line};

/// Loops in which money that goes out comes back: investor to investee, acquirer to target,
/// lender to borrower, and customer to the provider of a lease, compute or supply relation.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only loops through this company: id, name or alias.
    #[arg(long, value_name = "COMPANY")]
    company: Option<String>,
    /// The longest loop, in hops (2 to 12).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_LENGTH,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(2..=12))]
    max_length: usize,
    /// Only loops whose deals all fall inside one window this long: 90d, 12w, 6m (months of
    /// 31 days), 2y (years of 366 days). Undated relations fall in none.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    within: Option<i64>,
    /// Show at most K loops, best first; `total` still counts every loop.
    #[arg(long, value_name = "K", default_value_t = 20)]
    limit: usize,
    /// Stop after examining N hops, and say so: loops grow exponentially with --max-length.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_BUDGET,
          value_parser = clap::value_parser!(u64).range(1..))]
    budget: u64,
    /// Compare the number of loops with N random rewirings of the money flow that keep every
    /// company's in- and out-degree, and report a z-score.
    #[arg(long, value_name = "N")]
    significance: Option<usize>,
    /// The seed of the rewirings of --significance.
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,
    #[command(flatten)]
    filters: FilterArgs,
    /// Print the loops as JSON.
    #[arg(long)]
    json: bool,
}

/// `90d`, `12w`, `6m`, `2y` as days.
fn parse_duration(text: &str) -> Result<i64, String> {
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let number: i64 = number.parse().map_err(|_| {
        format!("`{text}` is not a duration: write a number and a unit, such as 90d, 12w, 6m or 2y")
    })?;
    let days = match unit {
        "d" => 1,
        "w" => 7,
        "m" => 31,
        "y" => 366,
        _ => {
            return Err(format!(
                "`{text}` has no unit: write d (days), w (weeks), m (months) or y (years), such as 6m"
            ));
        }
    };
    Ok(number * days)
}

#[derive(Serialize)]
struct CyclesView<'a> {
    cycles: Vec<CycleView<'a>>,
    total: usize,
    complete: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    significance: Option<SignificanceView>,
}

#[derive(Serialize)]
struct CycleView<'a> {
    nodes: Vec<&'a CompanyId>,
    hops: Vec<HopView<'a>>,
    circulating_usd: Option<f64>,
    span_days: Option<i64>,
}

#[derive(Serialize)]
struct HopView<'a> {
    from: &'a CompanyId,
    to: &'a CompanyId,
    amount_usd: Option<f64>,
    relations: Vec<KeyedRelation<'a>>,
}

#[derive(Serialize)]
struct SignificanceView {
    observed: usize,
    samples: usize,
    mean: f64,
    std_dev: f64,
    z_score: Option<f64>,
    seed: u64,
    complete: bool,
}

/// Finds and prints the loops.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    if args.limit == 0 {
        bail!("--limit 0 would show no loop; give 1 or more");
    }
    let company = args
        .company
        .as_deref()
        .map(|name| graph.resolve(name))
        .transpose()?;
    let options = CycleOptions {
        company,
        max_length: args.max_length,
        within_days: args.within,
        limit: Some(args.limit),
        budget: args.budget,
        filter: args.filters.filter(&cycles::money_kinds())?,
    };
    let found = cycles::cycles(graph, &options);
    let tested = args
        .significance
        .map(|samples| cycles::significance(graph, &options, samples, args.seed));
    if args.json {
        output::json(&view(graph, &found, tested.as_ref()))?;
    } else {
        output::text(&render(graph, &found, tested.as_ref(), company, &args))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn view<'a>(
    graph: &'a KnowledgeGraph,
    found: &Cycles,
    tested: Option<&Significance>,
) -> CyclesView<'a> {
    let id = |node: NodeIndex| &graph.company(node).id;
    let mut keys = KeyCache::new(graph);
    let cycles = found
        .cycles
        .iter()
        .map(|cycle| CycleView {
            nodes: cycle.nodes.iter().map(|&n| id(n)).collect(),
            hops: cycle
                .hops
                .iter()
                .map(|hop| HopView {
                    from: id(hop.payer),
                    to: id(hop.payee),
                    amount_usd: hop.amount_usd,
                    relations: keys.all(&hop.relations),
                })
                .collect(),
            circulating_usd: cycle.circulating_usd,
            span_days: cycle.span_days,
        })
        .collect();
    CyclesView {
        cycles,
        total: found.total,
        complete: found.complete,
        significance: tested.map(|test| SignificanceView {
            observed: test.observed,
            samples: test.samples,
            mean: test.mean,
            std_dev: test.std_dev,
            z_score: test.z_score,
            seed: test.seed,
            complete: test.complete,
        }),
    }
}

fn render(
    graph: &KnowledgeGraph,
    found: &Cycles,
    tested: Option<&Significance>,
    company: Option<NodeIndex>,
    args: &Args,
) -> String {
    let mut text = String::new();
    let through = company
        .map(|node| {
            format!(
                " through {} ({})",
                name(graph, node),
                graph.company_id(node)
            )
        })
        .unwrap_or_default();
    let within = args
        .within
        .map(|days| format!(", deals within {days} days"))
        .unwrap_or_default();
    let shown = if found.total > found.cycles.len() {
        format!("; showing the first {}", found.cycles.len())
    } else {
        String::new()
    };
    writeln!(
        text,
        "{} of money{through}, up to {} hops{within}{shown}",
        count(found.total, "loop"),
        args.max_length
    )
    .expect("writing to a String");
    for (number, cycle) in found.cycles.iter().enumerate() {
        write_cycle(&mut text, graph, number + 1, cycle);
    }
    if !found.complete {
        writeln!(
            text,
            "\nthe search stopped after examining {} hops, its budget: there may be more loops; raise --budget, or lower --max-length",
            args.budget
        )
        .expect("writing to a String");
    }
    if let Some(test) = tested {
        write_significance(&mut text, test);
    }
    text
}

fn write_cycle(text: &mut String, graph: &KnowledgeGraph, number: usize, cycle: &Cycle) {
    let names: Vec<String> = cycle
        .nodes
        .iter()
        .chain(cycle.nodes.first())
        .map(|&node| name(graph, node).to_string())
        .collect();
    let round = cycle
        .circulating_usd
        .map(|amount| format!("  {} goes round", usd(amount)))
        .unwrap_or_default();
    let span = cycle
        .span_days
        .map(|days| format!("  deals within {days} days"))
        .unwrap_or_default();
    writeln!(text, "\n{number}. {}{round}{span}", names.join(" → ")).expect("writing to a String");
    for hop in &cycle.hops {
        let amount = hop
            .amount_usd
            .map(|amount| format!(" ({})", usd(amount)))
            .unwrap_or_default();
        writeln!(
            text,
            "   {} pays {}{amount}:",
            name(graph, hop.payer),
            name(graph, hop.payee)
        )
        .expect("writing to a String");
        for &relation in &hop.relations {
            let key = graph.relation_key(relation);
            writeln!(
                text,
                "     {}",
                relation_line(graph, relation).with_key(key)
            )
            .expect("writing to a String");
        }
    }
}

fn write_significance(text: &mut String, test: &Significance) {
    let z = test.z_score.map_or_else(
        || "no z-score (every rewiring counts the same)".to_owned(),
        |z| format!("z-score {z:.2}"),
    );
    writeln!(
        text,
        "\nagainst {} of the money flow keeping every company's in- and out-degree (seed {}): {} observed, {:.1} expected (standard deviation {:.1}); {z}",
        count(test.samples, "random rewiring"),
        test.seed,
        test.observed,
        test.mean,
        test.std_dev
    )
    .expect("writing to a String");
    if !test.complete {
        text.push_str("some counts stopped at the budget: the comparison is of partial counts\n");
    }
}
