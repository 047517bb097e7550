//! `dealgraph timeline [COMPANY...]`: deals in date order, counted and summed per period.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use dealgraph::export::timeline_svg::timeline_svg;
use dealgraph::format::{count, usd};
use dealgraph::query::timeline::{Period, Timeline, TimelineOptions, timeline};
use dealgraph::query::{KeyCache, KeyedRelation};
use dealgraph::{KnowledgeGraph, PartialDate};
use serde::Serialize;

use super::filters::FilterArgs;
use super::output;
use super::render::relation_line;

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum By {
    /// Calendar months.
    Month,
    /// Calendar quarters.
    Quarter,
    /// Calendar years.
    Year,
}

/// What --render draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Chart {
    /// An SVG bar chart of the relations per period.
    Svg,
}

/// Deals in date order, with their count and the sum of their amounts per period.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only the relations of these companies (either end): ids, names or aliases.
    companies: Vec<String>,
    /// Only relations dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<PartialDate>,
    /// Only relations dated on or before this date; a partial date means the end of it.
    #[arg(long, value_name = "DATE")]
    to: Option<PartialDate>,
    /// How long a period is.
    #[arg(long, value_enum, default_value_t = By::Year)]
    by: By,
    /// List at most N deals under their periods (the counts and sums still cover every one).
    #[arg(long, value_name = "N", default_value_t = 50)]
    limit: usize,
    /// Draw the timeline as a chart, written to -o FILE.
    #[arg(long, value_enum, requires = "output")]
    render: Option<Chart>,
    /// The file --render writes, written whole or not at all.
    #[arg(short, long, value_name = "FILE", requires = "render")]
    output: Option<PathBuf>,
    #[command(flatten)]
    filters: FilterArgs,
    /// Print the timeline as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct TimelineView<'a> {
    by: Period,
    periods: Vec<PeriodView<'a>>,
    undated: usize,
    listed: usize,
}

#[derive(Serialize)]
struct PeriodView<'a> {
    period: &'a str,
    relations: usize,
    amount_usd: f64,
    deals: Vec<KeyedRelation<'a>>,
}

/// Builds and prints (or draws) the timeline.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    let companies = args
        .companies
        .iter()
        .map(|name| graph.resolve(name))
        .collect::<Result<Vec<_>, _>>()?;
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from.first_day() > to.last_day()
    {
        bail!("--from {from} is after --to {to}; give the earlier date to --from");
    }
    let by = match args.by {
        By::Month => Period::Month,
        By::Quarter => Period::Quarter,
        By::Year => Period::Year,
    };
    let options = TimelineOptions {
        companies: companies.clone(),
        from: args.from,
        to: args.to,
        by,
        filter: args.filters.filter(&[])?,
    };
    let found = timeline(graph, &options);
    if let (Some(Chart::Svg), Some(path)) = (args.render, &args.output) {
        let title = title(graph, &companies, args.by);
        let svg = timeline_svg(&found, &title)
            .map_err(|error| anyhow!("cannot draw the chart: {error}"))?;
        dealgraph::write::write_file(path, |out| out.write_all(svg.as_bytes()))?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.json {
        output::json(&view(graph, &found, by, args.limit))?;
    } else {
        output::text(&render(graph, &found, args.limit))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn title(graph: &KnowledgeGraph, companies: &[petgraph::graph::NodeIndex], by: By) -> String {
    let per = match by {
        By::Month => "month",
        By::Quarter => "quarter",
        By::Year => "year",
    };
    let names: Vec<&str> = companies
        .iter()
        .map(|&node| graph.company(node).name.as_str())
        .collect();
    if names.is_empty() {
        format!("Relations per {per}")
    } else {
        format!("Relations of {} per {per}", names.join(", "))
    }
}

fn view<'a>(
    graph: &'a KnowledgeGraph,
    found: &'a Timeline,
    by: Period,
    limit: usize,
) -> TimelineView<'a> {
    let mut keys = KeyCache::new(graph);
    let mut left = limit;
    let periods = found
        .periods
        .iter()
        .map(|period| {
            let shown = period.relations.len().min(left);
            left -= shown;
            PeriodView {
                period: &period.period,
                relations: period.relations.len(),
                amount_usd: period.amount_usd,
                deals: keys.all(&period.relations[..shown]),
            }
        })
        .collect();
    TimelineView {
        by,
        periods,
        undated: found.undated,
        listed: limit - left,
    }
}

fn render(graph: &KnowledgeGraph, found: &Timeline, limit: usize) -> String {
    let mut text = String::new();
    let mut left = limit;
    let total: usize = found.periods.iter().map(|p| p.relations.len()).sum();
    for period in &found.periods {
        let amount = if period.amount_usd > 0.0 {
            format!("  {} stated", usd(period.amount_usd))
        } else {
            String::new()
        };
        writeln!(
            text,
            "{}  {}{amount}",
            period.period,
            count(period.relations.len(), "relation")
        )
        .expect("writing to a String");
        for &id in period.relations.iter().take(left) {
            writeln!(text, "  {}", relation_line(graph, id)).expect("writing to a String");
        }
        left = left.saturating_sub(period.relations.len());
    }
    if total > limit {
        writeln!(
            text,
            "listed {limit} of {total} dated relations; raise --limit for more"
        )
        .expect("writing to a String");
    }
    if found.undated > 0 {
        writeln!(
            text,
            "{} without a date, in no period",
            count(found.undated, "relation")
        )
        .expect("writing to a String");
    }
    text
}
