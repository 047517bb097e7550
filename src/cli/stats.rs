//! `dealgraph stats`: counts by type, status and year, and companies with no relation.

use std::fmt::Write;
use std::process::ExitCode;

use dealgraph::KnowledgeGraph;
use dealgraph::query::{self, Stats};

use super::output;

/// Count companies and relations by type, status and year; list companies with no relation.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the counts as JSON.
    #[arg(long)]
    json: bool,
}

/// Prints the graph's counts.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    let stats = query::stats(graph);
    if args.json {
        output::json(&stats)?;
    } else {
        output::text(&render(&stats, graph))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render(stats: &Stats, graph: &KnowledgeGraph) -> String {
    let mut text = String::new();
    let line = |text: &mut String, label: &str, count: usize| {
        writeln!(text, "  {label:<14}{count:>8}").expect("writing to a String");
    };
    writeln!(text, "companies {:>14}", stats.companies).expect("writing to a String");
    writeln!(text, "relations {:>14}", stats.relations).expect("writing to a String");
    text.push_str("\nby type\n");
    for (kind, count) in &stats.by_type {
        line(&mut text, kind, *count);
    }
    text.push_str("\nby status\n");
    for (status, count) in &stats.by_status {
        line(&mut text, status, *count);
    }
    text.push_str("\nby year\n");
    for (year, count) in &stats.by_year {
        line(&mut text, year, *count);
    }
    writeln!(
        text,
        "\ncompanies with no relation: {}",
        stats.unconnected.len()
    )
    .expect("writing to a String");
    for id in &stats.unconnected {
        let name = graph
            .node(id.as_str())
            .map_or("", |node| &graph.company(node).name);
        writeln!(text, "  {id}  {name}").expect("writing to a String");
    }
    text
}
