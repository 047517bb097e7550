//! `dealgraph money COMPANY`: what a company raised, round by round and by investor, each
//! round counted once, and what it committed to as a customer.

use std::fmt::Write;
use std::process::ExitCode;

use dealgraph::format::{count, usd};
use dealgraph::query::money::{Counted, Money, Round, Share, money};
use dealgraph::query::{KeyCache, KeyedRelation};
use dealgraph::{CompanyId, KnowledgeGraph, PartialDate};
use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::filters::FilterArgs;
use super::output;
use super::render::{name, relation_line};

/// What a company raised (investment and loan relations, by round and by investor, without
/// counting a round twice) and what it committed to as a customer of leases, compute and
/// supply. Cancelled relations count for nothing.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The company: id, name or alias.
    company: String,
    #[command(flatten)]
    filters: FilterArgs,
    /// Print the answer as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct MoneyView<'a> {
    company: &'a CompanyId,
    raised_usd: f64,
    rounds: Vec<RoundView<'a>>,
    investors: Vec<ShareView<'a>>,
    committed_usd: f64,
    providers: Vec<ShareView<'a>>,
}

#[derive(Serialize)]
struct RoundView<'a> {
    deal: Option<&'a str>,
    round: Option<&'a str>,
    date: Option<PartialDate>,
    total_usd: Option<f64>,
    parts_usd: f64,
    counted: Counted,
    range: bool,
    estimated: bool,
    unstated: usize,
    relations: Vec<KeyedRelation<'a>>,
}

/// A counterpart's share, as `money` and `portfolio` print it.
#[derive(Serialize)]
pub struct ShareView<'a> {
    id: &'a CompanyId,
    name: &'a str,
    amount_usd: f64,
    unstated: usize,
    relations: Vec<KeyedRelation<'a>>,
}

/// Finds and prints the money.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    let company = graph.resolve(&args.company)?;
    let found = money(graph, company, &args.filters.filter(&[])?);
    if args.json {
        let mut keys = KeyCache::new(graph);
        let view = MoneyView {
            company: &graph.company(company).id,
            raised_usd: found.raised_usd,
            rounds: found
                .rounds
                .iter()
                .map(|round| round_view(round, &mut keys))
                .collect(),
            investors: shares_view(graph, &found.investors, &mut keys),
            committed_usd: found.committed_usd,
            providers: shares_view(graph, &found.providers, &mut keys),
        };
        output::json(&view)?;
    } else {
        output::text(&render(graph, company, &found))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn round_view<'a>(round: &'a Round, keys: &mut KeyCache<'a>) -> RoundView<'a> {
    RoundView {
        deal: round.deal.as_deref(),
        round: round.round.as_deref(),
        date: round.date,
        total_usd: round.total_usd,
        parts_usd: round.parts_usd,
        counted: round.counted,
        range: round.range,
        estimated: round.estimated,
        unstated: round.unstated,
        relations: keys.all(&round.relations),
    }
}

/// Each share with its company and keyed relations.
pub fn shares_view<'a>(
    graph: &'a KnowledgeGraph,
    shares: &[Share],
    keys: &mut KeyCache<'a>,
) -> Vec<ShareView<'a>> {
    shares
        .iter()
        .map(|share| ShareView {
            id: &graph.company(share.node).id,
            name: &graph.company(share.node).name,
            amount_usd: share.amount_usd,
            unstated: share.unstated,
            relations: keys.all(&share.relations),
        })
        .collect()
}

fn render(graph: &KnowledgeGraph, company: NodeIndex, found: &Money) -> String {
    let mut text = String::new();
    let line = |text: &mut String, line: String| {
        writeln!(text, "{line}").expect("writing to a String");
    };
    let floor = |partial: bool| if partial { "at least " } else { "" };
    let raised_partial = found.rounds.iter().any(|r| r.unstated > 0);
    let committed_partial = found.providers.iter().any(|p| p.unstated > 0);
    line(
        &mut text,
        format!(
            "{} ({}) raised {}{} in {}, each counted once; committed {}{} as a customer",
            name(graph, company),
            graph.company_id(company),
            floor(raised_partial),
            usd(found.raised_usd),
            count(found.rounds.len(), "round"),
            floor(committed_partial),
            usd(found.committed_usd)
        ),
    );
    line(&mut text, "\nrounds".to_owned());
    for round in &found.rounds {
        let date = round
            .date
            .map_or_else(|| "undated".to_owned(), |d| d.to_string());
        let title = round
            .round
            .as_deref()
            .or(round.deal.as_deref())
            .unwrap_or("");
        let total = match (round.total_usd, round.counted) {
            (None, _) => "amount unknown".to_owned(),
            (Some(total), Counted::SameOnEach) => {
                format!("{} (stated on each relation, counted once)", usd(total))
            }
            (Some(total), Counted::TotalBesideParts) => {
                format!("{} (the total, stated beside its parts)", usd(total))
            }
            (Some(total), _) if round.unstated > 0 => format!(
                "at least {} ({} of {} state an amount)",
                usd(total),
                round.relations.len() - round.unstated,
                count(round.relations.len(), "relation")
            ),
            (Some(total), _) => usd(total),
        };
        let marks = [
            (round.range, ", stated as a range or a ceiling"),
            (round.estimated, ", estimated"),
        ]
        .iter()
        .filter(|(set, _)| *set)
        .map(|(_, mark)| *mark)
        .collect::<String>();
        line(&mut text, format!("  {date}  {title}  {total}{marks}"));
        for &id in &round.relations {
            line(&mut text, format!("    {}", relation_line(graph, id)));
        }
    }
    write_shares(&mut text, graph, "investors and lenders", &found.investors);
    write_shares(
        &mut text,
        graph,
        "as a customer, by provider",
        &found.providers,
    );
    text
}

/// A heading and each share on a line: the counterpart, its amount, its relations.
pub fn write_shares(text: &mut String, graph: &KnowledgeGraph, heading: &str, shares: &[Share]) {
    writeln!(text, "\n{heading}").expect("writing to a String");
    for share in shares {
        let amount = match (share.unstated, share.relations.len()) {
            (0, _) => usd(share.amount_usd),
            (unstated, all) if unstated == all => "amount unknown".to_owned(),
            _ => format!("at least {}", usd(share.amount_usd)),
        };
        let unstated = if share.unstated > 0 {
            format!(", {} without an amount", share.unstated)
        } else {
            String::new()
        };
        writeln!(
            text,
            "  {}  {amount}  ({}{unstated})",
            name(graph, share.node),
            count(share.relations.len(), "relation")
        )
        .expect("writing to a String");
    }
}
