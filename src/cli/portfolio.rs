//! `dealgraph portfolio INVESTOR`: what an investor funds, and which of those are rivals.

use std::fmt::Write;
use std::process::ExitCode;

use dealgraph::format::{count, usd};
use dealgraph::query::conflicts::Conflicts;
use dealgraph::query::money::portfolio;
use dealgraph::query::{ConflictOptions, KeyCache, KeyedRelation, RelationFilter};
use dealgraph::{CompanyId, KnowledgeGraph, RelationId};
use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::filters::FilterArgs;
use super::money::{ShareView, shares_view, write_shares};
use super::output;
use super::render::name;

/// What an investor funds (investment and loan relations), with amounts and dates, and which
/// of those companies are rivals of each other (a competitor relation, or a clause one of them
/// imposed on its investors).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The investor: id, name or alias.
    investor: String,
    #[command(flatten)]
    filters: FilterArgs,
    /// Print the answer as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct PortfolioView<'a> {
    investor: &'a CompanyId,
    invested_usd: f64,
    companies: Vec<ShareView<'a>>,
    rivals: Vec<RivalsView<'a>>,
}

#[derive(Serialize)]
struct RivalsView<'a> {
    company: &'a CompanyId,
    rival: &'a CompanyId,
    kind: &'static str,
    rivalry: Option<KeyedRelation<'a>>,
}

/// Two rivals the investor funds: the company, its rival, `clause` or `competitor`, and the
/// relation that makes them rivals.
type Pair = (NodeIndex, NodeIndex, &'static str, Option<RelationId>);

/// Finds and prints the portfolio.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    let investor = graph.resolve(&args.investor)?;
    let filter = args.filters.filter(&[])?;
    let funded = portfolio(graph, investor, &filter);
    let options = ConflictOptions {
        filter: RelationFilter {
            as_of: filter.as_of,
            min_status: filter.min_status,
            min_reliability: filter.min_reliability,
            ..RelationFilter::default()
        },
        investor: Some(investor),
        ..ConflictOptions::default()
    };
    let found = Conflicts::find(graph, &options);
    let mut pairs: Vec<Pair> = found
        .iter()
        .filter(|conflict| conflict.through.is_empty())
        .map(|conflict| {
            let kind = match conflict.kind {
                dealgraph::query::ConflictKind::Clause => "clause",
                _ => "competitor",
            };
            (conflict.company, conflict.rival, kind, conflict.rivalry)
        })
        .collect();
    pairs.sort_by_key(|&(a, b, kind, _)| {
        (
            graph.company_id(a).to_owned(),
            graph.company_id(b).to_owned(),
            kind,
        )
    });
    pairs.dedup_by_key(|pair| (pair.0, pair.1, pair.2));
    let invested: f64 = funded.iter().map(|share| share.amount_usd).sum();
    if args.json {
        let mut keys = KeyCache::new(graph);
        let id = |node| &graph.company(node).id;
        let view = PortfolioView {
            investor: id(investor),
            invested_usd: invested,
            companies: shares_view(graph, &funded, &mut keys),
            rivals: pairs
                .iter()
                .map(|&(company, rival, kind, rivalry)| RivalsView {
                    company: id(company),
                    rival: id(rival),
                    kind,
                    rivalry: rivalry.map(|r| keys.keyed(r)),
                })
                .collect(),
        };
        output::json(&view)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = String::new();
    writeln!(
        text,
        "{} ({}) funds {}, {} stated",
        name(graph, investor),
        graph.company_id(investor),
        count(funded.len(), "company"),
        usd(invested)
    )
    .expect("writing to a String");
    write_shares(&mut text, graph, "companies", &funded);
    writeln!(text, "\nrivals among them: {}", count(pairs.len(), "pair"))
        .expect("writing to a String");
    for &(company, rival, kind, _) in &pairs {
        let why = if kind == "clause" {
            "asked its investors not to fund"
        } else {
            "competes with"
        };
        writeln!(
            text,
            "  {} {why} {}",
            name(graph, company),
            name(graph, rival)
        )
        .expect("writing to a String");
    }
    output::text(&text)?;
    Ok(ExitCode::SUCCESS)
}
