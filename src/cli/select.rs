//! The options that choose what `dot` draws and `export` writes: the whole graph, or one
//! answer (a neighbourhood, paths, a supply chain, conflicts), under the relation filters.

use anyhow::bail;
use clap::ArgGroup;
use dealgraph::KnowledgeGraph;
use dealgraph::export::{Diagram, Selection};
use dealgraph::query::cycles::{CycleOptions, cycles};
use dealgraph::query::{self, SUPPLY_KINDS, SupplySide, Traversal};

use super::conflicts::ConflictFilterArgs;
use super::filters::FilterArgs;
use super::path::PathSearchArgs;

/// The whole graph, or one answer, under the relation filters.
#[derive(Debug, clap::Args)]
#[command(group(ArgGroup::new("mode").args(["focus", "path", "suppliers", "customers", "conflicts", "cycles"])))]
#[command(group(ArgGroup::new("tiered").args(["focus", "suppliers", "customers"]).multiple(true)))]
#[command(group(ArgGroup::new("path_search")
    .args(["all", "max_hops", "limit", "budget", "undirected"]).multiple(true).requires("path")))]
#[command(group(ArgGroup::new("answers_of_a_company").args(["conflicts", "cycles"])))]
#[command(group(ArgGroup::new("conflict_filters")
    .args(["company", "investor", "sector_rivals"]).multiple(true).requires("answers_of_a_company")))]
pub struct SelectionArgs {
    /// COMPANY (in bold, when drawn) and every company within --depth hops (either way) of it.
    #[arg(long, value_name = "COMPANY")]
    focus: Option<String>,
    /// The paths from FROM to TO (bold, when drawn), among the relations between their
    /// companies (as `dealgraph path` finds them, with the same options).
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    path: Option<Vec<String>>,
    /// Everyone upstream of COMPANY (drawn one tier per column, left to right), over lease,
    /// compute and supply relations unless --via says otherwise.
    #[arg(long, value_name = "COMPANY")]
    suppliers: Option<String>,
    /// Everyone downstream of COMPANY (drawn one tier per column).
    #[arg(long, value_name = "COMPANY")]
    customers: Option<String>,
    /// Competitor-funding conflicts: investors, the rivals they fund, and the clause or
    /// competitor relation that makes them rivals (bold, when drawn).
    #[arg(long)]
    conflicts: bool,
    /// Loops of money (as `dealgraph cycles` finds them, through --company when given, the
    /// --limit best), their hops drawn heavy.
    #[arg(long)]
    cycles: bool,

    /// --focus: how many hops [default: 1]; --suppliers, --customers: how many tiers
    /// [default: 3].
    #[arg(long, value_name = "N", requires = "tiered", value_parser = super::count::DEPTH)]
    depth: Option<usize>,

    #[command(flatten, next_help_heading = "With --path")]
    search: PathSearchArgs,
    /// Also draw, pale, the companies one hop from a path and their relations to it.
    #[arg(long, requires = "path")]
    context: bool,

    #[command(flatten, next_help_heading = "With --conflicts")]
    rivals: ConflictFilterArgs,

    #[command(flatten, next_help_heading = "Relations")]
    filters: FilterArgs,
}

impl SelectionArgs {
    /// The diagram of the answer asked for, or of the whole graph under the filters.
    pub fn diagram(&self, graph: &KnowledgeGraph) -> anyhow::Result<Diagram> {
        let args = self;
        if let Some(name) = &args.focus {
            let company = graph.resolve(name)?;
            let depth = args.depth.unwrap_or(1);
            let filter = args.filters.filter(&[])?;
            let near = query::neighbors(graph, company, depth, &filter, Traversal::Undirected);
            return Ok(Diagram::from_neighbors(
                graph, company, depth, &near, &filter,
            ));
        }
        if let Some(ends) = &args.path {
            return path_diagram(graph, args, ends);
        }
        let tiered = [
            (&args.suppliers, SupplySide::Suppliers),
            (&args.customers, SupplySide::Customers),
        ];
        for (name, side) in tiered {
            if let Some(name) = name {
                let company = graph.resolve(name)?;
                let depth = args.depth.unwrap_or(3);
                let filter = args.filters.filter(&SUPPLY_KINDS)?;
                let chain = query::supply_chain(graph, company, side, depth, &filter);
                return Ok(Diagram::from_supply_chain(
                    graph, company, side, depth, &chain, &filter,
                ));
            }
        }
        if args.cycles {
            return cycles_diagram(graph, args);
        }
        if args.conflicts {
            if !args.filters.via.is_empty() || !args.filters.exclude.is_empty() {
                bail!(
                    "--via and --exclude do not apply to --conflicts, which follows investment, ownership, exclusivity and competitor relations"
                );
            }
            let options = args
                .rivals
                .options(graph, args.filters.filter(&[])?, None)?;
            let found = query::conflicts(graph, &options);
            return Ok(Diagram::from_conflicts(graph, &found, &options));
        }
        Ok(Diagram::whole(graph, &args.filters.filter(&[])?))
    }

    /// What an export writes: the whole graph, every company included, when no answer or
    /// filter is asked for; otherwise what the diagram of the answer would draw.
    pub fn selection(&self, graph: &KnowledgeGraph) -> anyhow::Result<Selection> {
        let whole = [
            self.focus.is_none(),
            self.path.is_none(),
            self.suppliers.is_none(),
            self.customers.is_none(),
            !self.conflicts,
            !self.cycles,
        ];
        if whole.iter().all(|&none| none) && self.filters.is_empty() {
            return Ok(Selection::whole(graph));
        }
        Ok(Selection::of_diagram(graph, &self.diagram(graph)?))
    }
}

fn path_diagram(
    graph: &KnowledgeGraph,
    args: &SelectionArgs,
    ends: &[String],
) -> anyhow::Result<Diagram> {
    let [from, to] = ends else {
        bail!("--path takes two companies, FROM and TO");
    };
    let (from, to) = super::path::ends(graph, from, to)?;
    let options = super::path::search(&args.filters, &args.search, "draw")?;
    let found = query::paths(graph, from, to, &options);
    if found.paths.is_empty() {
        bail!(
            "{}",
            super::path::no_path_message(graph, from, to, &found, &options)
        );
    }
    Ok(Diagram::from_paths(
        graph,
        from,
        to,
        &found,
        &options.filter,
        args.context,
    ))
}

/// The loops of money through `--company` (or all), the `--limit` best, at most four hops.
fn cycles_diagram(graph: &KnowledgeGraph, args: &SelectionArgs) -> anyhow::Result<Diagram> {
    if args.rivals.investor.is_some() || args.rivals.sector_rivals {
        bail!("--investor and --sector-rivals apply to --conflicts; --cycles takes --company");
    }
    let company = args
        .rivals
        .company
        .as_deref()
        .map(|name| graph.resolve(name))
        .transpose()?;
    let options = CycleOptions {
        company,
        limit: Some(args.search.limit),
        filter: args
            .filters
            .filter(&dealgraph::query::cycles::money_kinds())?,
        ..CycleOptions::default()
    };
    let found = cycles(graph, &options);
    if found.cycles.is_empty() {
        bail!(
            "no loop of money to draw{}",
            if company.is_some() {
                " through that company"
            } else {
                ""
            }
        );
    }
    Ok(Diagram::from_cycles(graph, &found, company))
}
