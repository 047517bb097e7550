//! `dealgraph neighbors COMPANY`: every company within some hops, by depth.

use std::io::{self, Write};
use std::process::ExitCode;

use dealgraph::format::count;
use dealgraph::query::{self, Traversal};
use dealgraph::{CompanyId, KnowledgeGraph};
use serde::Serialize;

use super::filters::FilterArgs;
use super::output;
use super::render::name;

/// Which way to follow relations from the company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Direction {
    /// Along relations and against them.
    Both,
    /// Only along relations: whom the company invests in, leases to, supplies...
    Out,
    /// Only against relations: who invests in, leases to, supplies the company...
    In,
}

/// Every company within --depth hops of a company, by depth.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The company: id, name or alias.
    company: String,
    /// How many hops, at most 64.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = super::count::DEPTH)]
    depth: usize,
    /// Which way to follow relations.
    #[arg(long, value_enum, default_value_t = Direction::Both)]
    direction: Direction,
    #[command(flatten)]
    filters: FilterArgs,
    /// Print the neighbourhood as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct NeighborsView<'a> {
    company: &'a CompanyId,
    neighbors: Vec<NeighborView<'a>>,
}

#[derive(Serialize)]
struct NeighborView<'a> {
    id: &'a CompanyId,
    name: &'a str,
    depth: usize,
}

/// Finds and prints the neighbourhood.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    let company = graph.resolve(&args.company)?;
    let traversal = match args.direction {
        Direction::Both => Traversal::Undirected,
        Direction::Out => Traversal::Forward,
        Direction::In => Traversal::Backward,
    };
    let filter = args.filters.filter(&[])?;
    let near = query::neighbors(graph, company, args.depth, &filter, traversal);
    let view = NeighborsView {
        company: &graph.company(company).id,
        neighbors: near
            .iter()
            .map(|&(node, depth)| NeighborView {
                id: &graph.company(node).id,
                name: &graph.company(node).name,
                depth,
            })
            .collect(),
    };
    if args.json {
        output::json(&view)?;
        return Ok(ExitCode::SUCCESS);
    }
    output::stream(|out| {
        writeln!(
            out,
            "{} ({}): {} within {}",
            name(graph, company),
            view.company,
            count(near.len(), "company"),
            count(args.depth, "hop")
        )?;
        write_by_depth(out, &view.neighbors)
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The neighbours under a `depth N` heading per depth, each as its id and name.
fn write_by_depth(out: &mut dyn Write, neighbors: &[NeighborView<'_>]) -> io::Result<()> {
    let mut current = 0;
    for neighbor in neighbors {
        if neighbor.depth != current {
            current = neighbor.depth;
            writeln!(out, "depth {current}")?;
        }
        writeln!(
            out,
            "  {}  {}",
            dealgraph::display::text(neighbor.id.as_str()),
            dealgraph::display::text(neighbor.name)
        )?;
    }
    Ok(())
}
