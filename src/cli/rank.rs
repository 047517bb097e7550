//! `dealgraph rank --by betweenness|pagerank|degree`: who is central over chosen relation types.

use std::fmt::Write;
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use dealgraph::format::count;
use dealgraph::query::rank::{self, MAX_ITERATIONS, Measure, RankOptions, Ranking};
use dealgraph::{CompanyId, KnowledgeGraph, RelationKind};
use serde::Serialize;

use super::filters::FilterArgs;
use super::output;
use super::render::name;

/// The relation types ranked over unless --via says otherwise: the deals, not the rivalries.
const RANKED_KINDS: [RelationKind; 7] = [
    RelationKind::Investment,
    RelationKind::Loan,
    RelationKind::Lease,
    RelationKind::Compute,
    RelationKind::Supply,
    RelationKind::Acquisition,
    RelationKind::Ownership,
];

/// What to rank by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum By {
    /// The share of shortest paths between other companies through each company (networkx's
    /// betweenness_centrality, normalized).
    Betweenness,
    /// PageRank, damping 0.85 (networkx's pagerank).
    Pagerank,
    /// The companies each is related to, either way, over all others (networkx's
    /// degree_centrality).
    Degree,
}

/// Who is central over the chosen relation types (investment, loan, lease, compute, supply,
/// acquisition and ownership unless --via says otherwise), parallel relations counted once.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to rank by.
    #[arg(long, value_enum)]
    by: By,
    /// Show the first K companies.
    #[arg(long, value_name = "K", default_value_t = 20)]
    limit: usize,
    /// Betweenness: sum the shortest paths from K companies drawn at random (seeded by
    /// --seed) rather than from every company, scaled as networkx's `k` does: for graphs of
    /// hundreds of thousands of companies, where the exact sum is out of reach.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(1..))]
    sample: Option<u64>,
    /// The seed of --sample.
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,
    #[command(flatten)]
    filters: FilterArgs,
    /// Print the ranking as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct RankingView<'a> {
    by: Measure,
    ranking: Vec<ScoreView<'a>>,
    total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    sample: Option<Vec<&'a CompanyId>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    iterations: Option<usize>,
}

#[derive(Serialize)]
struct ScoreView<'a> {
    id: &'a CompanyId,
    name: &'a str,
    score: f64,
}

/// Ranks and prints the companies.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    if args.limit == 0 {
        bail!("--limit 0 would show no company; give 1 or more");
    }
    let measure = match args.by {
        By::Betweenness => Measure::Betweenness,
        By::Pagerank => Measure::Pagerank,
        By::Degree => Measure::Degree,
    };
    if args.sample.is_some() && measure != Measure::Betweenness {
        bail!("--sample applies to --by betweenness");
    }
    let options = RankOptions {
        measure,
        filter: args.filters.filter(&RANKED_KINDS)?,
        limit: Some(args.limit),
        sample: args
            .sample
            .map(|k| usize::try_from(k).unwrap_or(usize::MAX)),
        seed: args.seed,
    };
    let ranking = rank::rank(graph, &options).map_err(|ran| {
        anyhow!("PageRank did not converge within {ran} iterations (networkx stops at {MAX_ITERATIONS} too)")
    })?;
    if args.json {
        output::json(&view(graph, measure, &ranking))?;
    } else {
        output::text(&render(graph, args.by, &ranking))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn view<'a>(graph: &'a KnowledgeGraph, by: Measure, ranking: &Ranking) -> RankingView<'a> {
    let id = |node| &graph.company(node).id;
    RankingView {
        by,
        ranking: ranking
            .scores
            .iter()
            .map(|score| ScoreView {
                id: id(score.node),
                name: &graph.company(score.node).name,
                score: score.score,
            })
            .collect(),
        total: ranking.total,
        sample: ranking
            .sources
            .as_ref()
            .map(|sources| sources.iter().map(|&n| id(n)).collect()),
        iterations: ranking.iterations,
    }
}

fn render(graph: &KnowledgeGraph, by: By, ranking: &Ranking) -> String {
    let mut text = String::new();
    let measure = match by {
        By::Betweenness => "betweenness",
        By::Pagerank => "PageRank",
        By::Degree => "degree centrality",
    };
    let sampled = ranking
        .sources
        .as_ref()
        .map(|sources| format!(", from a sample of {}", count(sources.len(), "company")))
        .unwrap_or_default();
    writeln!(
        text,
        "by {measure}{sampled}: the first {} of {}",
        ranking.scores.len(),
        count(ranking.total, "company")
    )
    .expect("writing to a String");
    for (place, score) in ranking.scores.iter().enumerate() {
        writeln!(
            text,
            "{:>3}. {:<8.6}  {} ({})",
            place + 1,
            score.score,
            name(graph, score.node),
            graph.company_id(score.node)
        )
        .expect("writing to a String");
    }
    text
}
