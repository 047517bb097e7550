//! `dealgraph suppliers COMPANY` and `dealgraph customers COMPANY`: the supply chain as a tree.

use std::io::{self, Write};
use std::process::ExitCode;

use dealgraph::format::count;
use dealgraph::query::{self, SUPPLY_KINDS, SupplySide, Tier};
use dealgraph::query::{KeyCache, KeyedRelation};
use dealgraph::{CompanyId, KnowledgeGraph};
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
    /// How many tiers to follow, at most 64.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = super::count::DEPTH)]
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
    let filter = args.filters.filter(&SUPPLY_KINDS)?;
    let chain = query::supply_chain(graph, company, side, args.depth, &filter);
    if args.json {
        output::json(&json_view(graph, company, side, &chain))?;
    } else {
        let over = walked(&filter);
        output::stream(|out| write_tree(out, graph, company, side, &chain, args.depth, &over))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The relation types a filter follows, in words: `lease, compute, supply`.
fn walked(filter: &dealgraph::query::RelationFilter) -> String {
    let kinds: Vec<&str> = dealgraph::RelationKind::ALL
        .iter()
        .filter(|kind| filter.allows_kind(**kind))
        .map(|kind| kind.as_str())
        .collect();
    if kinds.len() == dealgraph::RelationKind::ALL.len() {
        "every relation type".to_owned()
    } else {
        kinds.join(", ")
    }
}

/// Writes the chain as a tree: the company, then each tier under its first parent, with the
/// relations that link it.
fn write_tree(
    out: &mut dyn Write,
    graph: &KnowledgeGraph,
    company: NodeIndex,
    side: SupplySide,
    chain: &[Tier],
    depth: usize,
    over: &str,
) -> io::Result<()> {
    let way = match side {
        SupplySide::Suppliers => "upstream",
        SupplySide::Customers => "downstream",
    };
    writeln!(
        out,
        "{} ({}): {} {way} over {over}, within {}",
        name(graph, company),
        dealgraph::display::text(graph.company(company).id.as_str()),
        count(chain.len(), "company"),
        count(depth, "tier")
    )?;
    let tree = Tree {
        graph,
        chain,
        children: Children::of(chain),
    };
    tree.write_children(out, company, &mut String::new())
}

/// The tiers under each company: those whose first parent it is, in chain order.
struct Children(Vec<(NodeIndex, usize)>);

impl Children {
    fn of(chain: &[Tier]) -> Children {
        let mut under: Vec<(NodeIndex, usize)> = chain
            .iter()
            .enumerate()
            .filter_map(|(at, tier)| tier.parents.first().map(|&parent| (parent, at)))
            .collect();
        under.sort_unstable();
        Children(under)
    }

    /// The positions in the chain of the tiers under `parent`.
    fn under(&self, parent: NodeIndex) -> impl ExactSizeIterator<Item = usize> + '_ {
        let start = self.0.partition_point(|&(p, _)| p < parent);
        let end = self.0.partition_point(|&(p, _)| p <= parent);
        self.0[start..end].iter().map(|&(_, at)| at)
    }
}

/// A chain and the tiers under each of its companies, for writing as a tree.
struct Tree<'a> {
    graph: &'a KnowledgeGraph,
    chain: &'a [Tier],
    children: Children,
}

impl Tree<'_> {
    /// Writes the tiers under `parent`, each with its relations, then theirs; `indent` is the
    /// prefix of their lines, and is left as it was found.
    fn write_children(
        &self,
        out: &mut dyn Write,
        parent: NodeIndex,
        indent: &mut String,
    ) -> io::Result<()> {
        let under = self.children.under(parent);
        let count = under.len();
        for (i, at) in under.enumerate() {
            let tier = &self.chain[at];
            let (branch, deeper) = if i + 1 == count {
                ("└─ ", "   ")
            } else {
                ("├─ ", "│  ")
            };
            self.write_tier(out, tier, indent, branch)?;
            let outer = indent.len();
            indent.push_str(deeper);
            for &index in &tier.via {
                writeln!(out, "{indent}  · {}", relation_line(self.graph, index))?;
            }
            self.write_children(out, tier.node, indent)?;
            indent.truncate(outer);
        }
        Ok(())
    }

    /// The line of a tier: the company, its depth, and the other companies it links to.
    fn write_tier(
        &self,
        out: &mut dyn Write,
        tier: &Tier,
        indent: &str,
        branch: &str,
    ) -> io::Result<()> {
        let graph = self.graph;
        write!(
            out,
            "{indent}{branch}{} ({})  depth {}",
            name(graph, tier.node),
            dealgraph::display::text(graph.company(tier.node).id.as_str()),
            tier.depth
        )?;
        for (i, &also) in tier.parents.iter().skip(1).enumerate() {
            let lead = if i == 0 { "  (also " } else { ", " };
            write!(out, "{lead}{}", name(graph, also))?;
        }
        if tier.parents.len() > 1 {
            out.write_all(b")")?;
        }
        out.write_all(b"\n")
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
    via: Vec<KeyedRelation<'a>>,
}

fn json_view<'a>(
    graph: &'a KnowledgeGraph,
    company: NodeIndex,
    side: SupplySide,
    chain: &[Tier],
) -> ChainView<'a> {
    let mut keys = KeyCache::new(graph);
    let tiers: Vec<TierView<'a>> = chain
        .iter()
        .map(|tier| TierView {
            id: &graph.company(tier.node).id,
            name: &graph.company(tier.node).name,
            depth: tier.depth,
            parents: tier.parents.iter().map(|p| &graph.company(*p).id).collect(),
            via: keys.all(&tier.via),
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
