//! `dealgraph impact COMPANY`: who depends on a company over the supply relations.

use std::fmt::Write;
use std::process::ExitCode;

use dealgraph::format::count;
use dealgraph::query::impact::{Affected, impact};
use dealgraph::query::{KeyCache, KeyedRelation, SUPPLY_KINDS};
use dealgraph::{CompanyId, KnowledgeGraph};
use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::filters::FilterArgs;
use super::output;
use super::render::name;

/// Who depends on COMPANY over lease, compute and supply relations (unless --via says
/// otherwise): everyone downstream, with the chain that reaches them, and those who would lose
/// every supply path if it failed.
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
struct ImpactView<'a> {
    company: &'a CompanyId,
    affected: Vec<AffectedView<'a>>,
}

#[derive(Serialize)]
struct AffectedView<'a> {
    id: &'a CompanyId,
    name: &'a str,
    depth: usize,
    loses_all_supply: bool,
    chain: Vec<&'a CompanyId>,
    via: Vec<KeyedRelation<'a>>,
}

/// Finds and prints who depends on the company.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    let company = graph.resolve(&args.company)?;
    let filter = args.filters.filter(&SUPPLY_KINDS)?;
    let affected = impact(graph, company, &filter);
    if args.json {
        let id = |node: NodeIndex| &graph.company(node).id;
        let mut keys = KeyCache::new(graph);
        let view = ImpactView {
            company: id(company),
            affected: affected
                .iter()
                .map(|a| AffectedView {
                    id: id(a.node),
                    name: &graph.company(a.node).name,
                    depth: a.depth,
                    loses_all_supply: a.loses_all_supply,
                    chain: a.chain.iter().map(|&n| id(n)).collect(),
                    via: keys.all(&a.via),
                })
                .collect(),
        };
        output::json(&view)?;
    } else {
        output::text(&render(graph, company, &affected))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render(graph: &KnowledgeGraph, company: NodeIndex, affected: &[Affected]) -> String {
    let mut text = String::new();
    let losing = affected.iter().filter(|a| a.loses_all_supply).count();
    writeln!(
        text,
        "{} downstream of {} ({}); {} would lose every supply path if it failed",
        count(affected.len(), "company"),
        name(graph, company),
        graph.company_id(company),
        losing
    )
    .expect("writing to a String");
    for a in affected {
        let chain: Vec<String> = a
            .chain
            .iter()
            .map(|&n| name(graph, n).to_string())
            .collect();
        let mark = if a.loses_all_supply {
            "  loses all supply"
        } else {
            ""
        };
        writeln!(text, "  tier {}  {}{mark}", a.depth, chain.join(" → "))
            .expect("writing to a String");
    }
    text
}
