//! `dealgraph suppliers COMPANY` and `dealgraph customers COMPANY`: the supply chain as a tree.

use std::fmt::Write;
use std::process::ExitCode;

use anyhow::bail;
use dealgraph::query::{self, SUPPLY_KINDS, SupplySide, Tier};
use dealgraph::{CompanyId, KnowledgeGraph, Relation};
use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::filters::FilterArgs;
use super::output;
use super::render::{name, relation_line};

/// The options of `suppliers` and `customers`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The company: id, name or alias.
    company: String,
    /// How many tiers to follow.
    #[arg(long, value_name = "N", default_value_t = 3)]
    depth: usize,
    #[command(flatten)]
    filters: FilterArgs,
    /// Print the chain as JSON.
    #[arg(long)]
    json: bool,
}

/// Finds and prints the chain on one side of the company.
pub fn run(graph: &KnowledgeGraph, args: Args, side: SupplySide) -> anyhow::Result<ExitCode> {
    let company = graph.resolve(&args.company)?;
    if args.depth == 0 {
        bail!("--depth 0 shows nothing; give 1 or more");
    }
    let filter = args.filters.filter(&SUPPLY_KINDS)?;
    let chain = query::supply_chain(graph, company, side, args.depth, &filter);
    if args.json {
        output::json(&json_view(graph, company, side, &chain))?;
    } else {
        output::text(&render(graph, company, side, &chain, args.depth))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn side_word(side: SupplySide) -> &'static str {
    match side {
        SupplySide::Suppliers => "suppliers",
        SupplySide::Customers => "customers",
    }
}

/// `supplier` or `customer`, plural unless `count` is 1.
fn side_noun(side: SupplySide, count: usize) -> &'static str {
    match (side, count) {
        (SupplySide::Suppliers, 1) => "supplier",
        (SupplySide::Customers, 1) => "customer",
        (side, _) => side_word(side),
    }
}

fn render(
    graph: &KnowledgeGraph,
    company: NodeIndex,
    side: SupplySide,
    chain: &[Tier],
    depth: usize,
) -> String {
    let mut text = format!(
        "{} ({}): {} {} within {depth} tier{}\n",
        name(graph, company),
        graph.company(company).id,
        chain.len(),
        side_noun(side, chain.len()),
        if depth == 1 { "" } else { "s" }
    );
    write_children(graph, chain, company, "", &mut text);
    text
}

/// Writes the tiers whose first parent is `parent`, each with its relations, then theirs.
fn write_children(
    graph: &KnowledgeGraph,
    chain: &[Tier],
    parent: NodeIndex,
    indent: &str,
    text: &mut String,
) {
    let children: Vec<&Tier> = chain
        .iter()
        .filter(|t| t.parents.first() == Some(&parent))
        .collect();
    for (i, tier) in children.iter().enumerate() {
        let last = i + 1 == children.len();
        let (branch, deeper) = if last {
            ("└─ ", "   ")
        } else {
            ("├─ ", "│  ")
        };
        let also: Vec<&str> = tier.parents[1..].iter().map(|p| name(graph, *p)).collect();
        let also = if also.is_empty() {
            String::new()
        } else {
            format!("  (also {})", also.join(", "))
        };
        writeln!(
            text,
            "{indent}{branch}{} ({})  depth {}{also}",
            name(graph, tier.node),
            graph.company(tier.node).id,
            tier.depth
        )
        .expect("writing to a String");
        let child_indent = format!("{indent}{deeper}");
        for &index in &tier.via {
            writeln!(
                text,
                "{child_indent}  · {}",
                relation_line(graph, graph.relation(index))
            )
            .expect("writing to a String");
        }
        write_children(graph, chain, tier.node, &child_indent, text);
    }
}

#[derive(Serialize)]
struct ChainView<'a> {
    company: &'a CompanyId,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppliers: Option<Vec<TierView<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    customers: Option<Vec<TierView<'a>>>,
}

#[derive(Serialize)]
struct TierView<'a> {
    id: &'a CompanyId,
    name: &'a str,
    depth: usize,
    parents: Vec<&'a CompanyId>,
    via: Vec<&'a Relation>,
}

fn json_view<'a>(
    graph: &'a KnowledgeGraph,
    company: NodeIndex,
    side: SupplySide,
    chain: &[Tier],
) -> ChainView<'a> {
    let tiers: Vec<TierView<'a>> = chain
        .iter()
        .map(|tier| TierView {
            id: &graph.company(tier.node).id,
            name: &graph.company(tier.node).name,
            depth: tier.depth,
            parents: tier.parents.iter().map(|p| &graph.company(*p).id).collect(),
            via: tier.via.iter().map(|&i| graph.relation(i)).collect(),
        })
        .collect();
    let (suppliers, customers) = match side {
        SupplySide::Suppliers => (Some(tiers), None),
        SupplySide::Customers => (None, Some(tiers)),
    };
    ChainView {
        company: &graph.company(company).id,
        suppliers,
        customers,
    }
}
