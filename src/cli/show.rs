//! `dealgraph show COMPANY`: a company's names, sectors and every relation, grouped by type.

use std::fmt::Write;
use std::process::ExitCode;

use dealgraph::display;
use dealgraph::format;
use dealgraph::query::{self, Profile, Side};
use dealgraph::{KnowledgeGraph, Relation};

use super::output;
use super::render::key_suffix;

/// Show a company: names, sectors, and every relation in and out, grouped by type.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The company: id, name or alias, in any case.
    company: String,
    /// Print the profile as JSON.
    #[arg(long)]
    json: bool,
}

/// Prints the company's profile.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    let node = graph.resolve(&args.company)?;
    let profile = query::profile(graph, node);
    if args.json {
        output::json(&profile)?;
    } else {
        output::text(&render(&profile, graph))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render(profile: &Profile<'_>, graph: &KnowledgeGraph) -> String {
    let company = profile.company;
    let mut text = format!(
        "{} ({})\n",
        display::text(&company.name),
        display::text(company.id.as_str())
    );
    let mut field = |label: &str, value: &str| {
        if !value.is_empty() {
            let value = display::text(value);
            writeln!(text, "  {label:<9}{value}").expect("writing to a String");
        }
    };
    field("aliases", &company.aliases.join(", "));
    field("sectors", &company.sectors.join(", "));
    field("country", company.country.as_deref().unwrap_or_default());
    field("ticker", company.ticker.as_deref().unwrap_or_default());
    field("url", company.url.as_deref().unwrap_or_default());
    field("notes", company.notes.as_deref().unwrap_or_default());
    for group in &profile.groups {
        let side = match group.side {
            Side::Out => "out",
            Side::In => "in",
            Side::With => "with",
        };
        writeln!(text, "\n{} {side} ({})", group.kind, group.relations.len())
            .expect("writing to a String");
        for keyed in &group.relations {
            writeln!(
                text,
                "  {}{}",
                relation_line(keyed.relation, graph),
                key_suffix(&keyed.key)
            )
            .expect("writing to a String");
        }
    }
    if profile.groups.is_empty() {
        text.push_str("\nno relations\n");
    }
    text
}

/// One relation on a line: date, ends, amount, status, type-specific facts and first source.
fn relation_line(relation: &Relation, graph: &KnowledgeGraph) -> String {
    let name = |id: &dealgraph::CompanyId| {
        graph
            .node(id.as_str())
            .map_or_else(|| id.to_string(), |node| graph.company(node).name.clone())
    };
    let arrow = if relation.kind.is_symmetric() {
        "--"
    } else {
        "->"
    };
    let mut parts = vec![
        relation
            .date
            .map_or_else(|| "undated".to_owned(), |d| d.to_string()),
        format!("{} {arrow} {}", name(&relation.from), name(&relation.to)),
    ];
    parts.extend(format::amount(relation));
    parts.extend(relation.status.map(|s| s.to_string()));
    let facts = super::render::facts_text(relation);
    if !facts.is_empty() {
        parts.push(facts);
    }
    parts.extend(format::first_source(relation).map(|s| format!("[{s}]")));
    parts.join("  ")
}
