//! `dealgraph search TEXT`: companies whose id, name, alias or ticker contains the text.

use std::process::ExitCode;

use anyhow::bail;
use dealgraph::KnowledgeGraph;
use dealgraph::display::text;
use dealgraph::format::count;
use dealgraph::query::search::{Found, MatchKind, SearchOptions, search};
use serde::Serialize;

use super::output;

/// Find companies by part of their id, name, alias or ticker, case and punctuation ignored.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The text to look for: `capital` finds Sequoia Capital and Thrive Capital.
    text: String,
    /// Only companies tagged with this sector (e.g. `neocloud`, `vc`).
    #[arg(long, value_name = "S")]
    sector: Option<String>,
    /// Only companies of this country (two-letter code, e.g. `US`).
    #[arg(long, value_name = "CC")]
    country: Option<String>,
    /// Show at most K companies, best first; the total is still told.
    #[arg(long, value_name = "K", default_value_t = 20)]
    limit: usize,
    /// Print the companies as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct SearchView<'a> {
    query: &'a str,
    companies: Vec<HitView<'a>>,
    total: usize,
    truncated: bool,
}

#[derive(Serialize)]
struct HitView<'a> {
    id: &'a str,
    name: &'a str,
    relations: usize,
    matched: MatchKind,
    matched_on: &'a str,
    sectors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
}

/// Searches and prints the companies found.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    if args.limit == 0 {
        bail!("--limit 0 would show no company; give 1 or more");
    }
    let options = SearchOptions {
        sector: args.sector.clone(),
        country: args.country.clone(),
        limit: Some(args.limit),
    };
    let found = search(graph, &args.text, &options);
    let view = view(graph, &args.text, &found);
    if args.json {
        output::json(&view)?;
    } else {
        output::stream(|out| {
            for hit in &view.companies {
                let how = if hit.matched_on == hit.name {
                    String::new()
                } else {
                    format!("  (as {})", text(hit.matched_on))
                };
                writeln!(
                    out,
                    "{}  {}  {}{how}",
                    text(hit.id),
                    text(hit.name),
                    count(hit.relations, "relation")
                )?;
            }
            if view.truncated {
                writeln!(
                    out,
                    "showing {} of {}; raise --limit for more",
                    view.companies.len(),
                    count(view.total, "company")
                )?;
            }
            Ok(())
        })?;
    }
    if found.total == 0 {
        eprintln!(
            "no company's id, name, alias or ticker contains `{}`{}",
            text(&args.text),
            if args.sector.is_some() || args.country.is_some() {
                " among those --sector and --country keep"
            } else {
                ""
            }
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn view<'a>(graph: &'a KnowledgeGraph, query: &'a str, found: &'a Found) -> SearchView<'a> {
    let companies = found
        .hits
        .iter()
        .map(|hit| {
            let company = graph.company(hit.node);
            HitView {
                id: company.id.as_str(),
                name: &company.name,
                relations: hit.relations,
                matched: hit.matched,
                matched_on: &hit.matched_on,
                sectors: &company.sectors,
                country: company.country.as_deref(),
            }
        })
        .collect();
    SearchView {
        query,
        companies,
        total: found.total,
        truncated: found.total > found.hits.len(),
    }
}
