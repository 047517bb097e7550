//! The command line: global options, the subcommands, and dispatch.

mod check;
mod conflicts;
mod dot;
mod filters;
mod folder;
mod generate;
mod import;
mod neighbors;
mod output;
mod path;
mod render;
mod show;
mod stats;
mod supply;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use dealgraph::KnowledgeGraph;
use dealgraph::load::{self, GraphText};
use dealgraph::query::SupplySide;

/// Company relationships of the AI-infrastructure build-out: who leases, rents, supplies and
/// funds whom, with every deal sourced.
///
/// Without --graph or DEALGRAPH_GRAPH, commands answer from the curated dataset built into
/// dealgraph.
#[derive(Debug, Parser)]
#[command(name = "dealgraph", version, max_term_width = 100)]
pub struct Cli {
    /// The graph: a JSON file, or a folder whose *.json files are merged.
    #[arg(long, global = true, env = "DEALGRAPH_GRAPH", value_name = "PATH")]
    graph: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Check(check::Args),
    Stats(stats::Args),
    Show(show::Args),
    Generate(generate::Args),
    Import(import::Args),
    Path(path::Args),
    /// Everyone upstream of a company (who leases, rents or supplies to it, and to them), over
    /// lease, compute and supply relations unless --via says otherwise, shown as a tree.
    Suppliers(supply::Args),
    /// Everyone downstream of a company (whom it leases, rents or supplies to, and whom they
    /// supply), over lease, compute and supply relations unless --via says otherwise, as a tree.
    Customers(supply::Args),
    Conflicts(conflicts::Args),
    Neighbors(neighbors::Args),
    Dot(dot::Args),
}

/// Parses the command line and runs the command. Every error, usage errors included, exits 1.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
            err.print()?;
            return Ok(code);
        }
    };
    let graph = cli.graph.as_deref();
    match cli.command {
        Command::Check(args) => check::run(&read_texts(graph)?, args),
        Command::Stats(args) => stats::run(&load_graph(graph)?, args),
        Command::Show(args) => show::run(&load_graph(graph)?, args),
        Command::Generate(args) => generate::run(args),
        Command::Import(args) => import::run(args),
        Command::Path(args) => path::run(&load_graph(graph)?, args),
        Command::Suppliers(args) => supply::run(&load_graph(graph)?, args, SupplySide::Suppliers),
        Command::Customers(args) => supply::run(&load_graph(graph)?, args, SupplySide::Customers),
        Command::Conflicts(args) => conflicts::run(&load_graph(graph)?, args),
        Command::Neighbors(args) => neighbors::run(&load_graph(graph)?, args),
        Command::Dot(args) => dot::run(&load_graph(graph)?, args),
    }
}

/// The files of the graph chosen by `--graph`, or of the curated dataset.
fn read_texts(path: Option<&Path>) -> anyhow::Result<Vec<GraphText>> {
    match path {
        Some(path) => Ok(load::read_graph(path)?),
        None => Ok(dealgraph::curated::texts()),
    }
}

/// The graph chosen by `--graph`, or the curated dataset.
fn load_graph(path: Option<&Path>) -> anyhow::Result<KnowledgeGraph> {
    let texts = read_texts(path)?;
    load::load(&texts).with_context(|| match path {
        Some(path) => format!("cannot load the graph at {}", path.display()),
        None => "cannot load the built-in dataset".to_owned(),
    })
}

/// Whether an error comes from writing to a closed pipe, as `dealgraph stats | head` does.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
