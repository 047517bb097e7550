//! The command line: global options, the subcommands, and dispatch.

mod check;
mod output;
mod show;
mod stats;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use dealgraph::KnowledgeGraph;
use dealgraph::load::{self, GraphText};

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
}

/// Parses the command line and runs the command.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let graph = cli.graph.as_deref();
    match cli.command {
        Command::Check(args) => check::run(&read_texts(graph)?, args),
        Command::Stats(args) => stats::run(&load_graph(graph)?, args),
        Command::Show(args) => show::run(&load_graph(graph)?, args),
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
