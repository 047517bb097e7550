//! The command line: global options, the subcommands, and dispatch.

mod add;
mod check;
mod completions;
mod conflicts;
mod count;
mod cycles;
mod dedupe;
mod diff;
mod dot;
mod edit;
mod export;
mod filters;
mod fmt;
mod folder;
mod generate;
mod html;
mod impact;
mod import;
mod import_csv;
mod init;
mod man;
mod merge;
mod money;
mod neighbors;
mod output;
mod path;
mod portfolio;
mod progress;
mod rank;
mod rename;
mod render;
mod rm;
mod schema;
mod search;
mod select;
mod set;
mod show;
mod stats;
mod supply;
mod timeline;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::builder::{OsStringValueParser, TypedValueParser};
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use dealgraph::KnowledgeGraph;
use dealgraph::display;
use dealgraph::load::{self, GraphSource, GraphText};
use dealgraph::query::SupplySide;

/// Company relationships of the AI-infrastructure build-out: who leases, rents, supplies and
/// funds whom, with every deal sourced.
///
/// Without --graph or DEALGRAPH_GRAPH, commands answer from the curated dataset built into
/// dealgraph. --graph may be given more than once: the graphs are merged as the files of one
/// folder are, and `--graph builtin` names the built-in dataset, so a folder of your own can
/// build on it. The editing commands write to the one graph on disk among them.
#[derive(Debug, Parser)]
#[command(name = "dealgraph", version, max_term_width = 100)]
pub struct Cli {
    /// The graph: a JSON file, a folder whose *.json files are merged, or `builtin` (the
    /// curated dataset; so is an empty value, as an empty DEALGRAPH_GRAPH); repeat to merge
    /// several.
    #[arg(
        long,
        global = true,
        env = "DEALGRAPH_GRAPH",
        value_name = "PATH",
        value_parser = OsStringValueParser::new().map(|value| GraphSource::named(&value))
    )]
    graph: Vec<GraphSource>,

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
    Cycles(cycles::Args),
    Neighbors(neighbors::Args),
    Search(search::Args),
    Rank(rank::Args),
    Impact(impact::Args),
    Timeline(timeline::Args),
    Diff(diff::Args),
    Money(money::Args),
    Portfolio(portfolio::Args),
    Dot(dot::Args),
    Html(html::Args),
    Export(export::Args),
    Init(init::Args),
    Add(Box<add::Args>),
    Set(set::Args),
    Rm(rm::Args),
    Rename(rename::Args),
    Merge(merge::Args),
    Dedupe(dedupe::Args),
    Fmt(fmt::Args),
    Completions(completions::Args),
    Man(man::Args),
    Schema(schema::Args),
}

/// Parses the command line and runs the command. Every error, usage errors included, exits 1.
pub fn run() -> anyhow::Result<ExitCode> {
    let parsed = command()
        .try_get_matches()
        .and_then(|matches| Ok((Cli::from_arg_matches(&matches)?, matches)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(err) => {
            let code = if err.use_stderr() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
            match count::message(&err) {
                Some(line) => eprintln!("{line}"),
                None => err.print()?,
            }
            return Ok(code);
        }
    };
    if let Some(name) = reads_no_graph(&matches)
        && matches.value_source("graph") == Some(ValueSource::CommandLine)
    {
        bail!("`{name}` reads no graph, so --graph does not apply to it; leave it out");
    }
    let path = &cli.graph[..];
    match cli.command {
        Command::Check(args) => check::run(&read_texts(path)?, args),
        Command::Generate(args) => generate::run(args),
        Command::Import(args) => import::run(args),
        Command::Stats(args) => answer(path, |graph| stats::run(graph, args)),
        Command::Show(args) => answer(path, |graph| show::run(graph, args)),
        Command::Path(args) => answer(path, |graph| path::run(graph, args)),
        Command::Suppliers(args) => answer(path, |graph| {
            supply::run(graph, args, SupplySide::Suppliers)
        }),
        Command::Customers(args) => answer(path, |graph| {
            supply::run(graph, args, SupplySide::Customers)
        }),
        Command::Conflicts(args) => answer(path, |graph| conflicts::run(graph, args)),
        Command::Cycles(args) => answer(path, |graph| cycles::run(graph, args)),
        Command::Neighbors(args) => answer(path, |graph| neighbors::run(graph, args)),
        Command::Search(args) => answer(path, |graph| search::run(graph, args)),
        Command::Rank(args) => answer(path, |graph| rank::run(graph, args)),
        Command::Impact(args) => answer(path, |graph| impact::run(graph, args)),
        Command::Timeline(args) => answer(path, |graph| timeline::run(graph, args)),
        Command::Diff(args) => answer(path, |graph| diff::run(graph, args)),
        Command::Money(args) => answer(path, |graph| money::run(graph, args)),
        Command::Portfolio(args) => answer(path, |graph| portfolio::run(graph, args)),
        Command::Dot(args) => answer(path, |graph| dot::run(graph, args)),
        Command::Html(args) => answer(path, |graph| html::run(graph, args)),
        Command::Export(args) => answer(path, |graph| export::run(graph, args)),
        Command::Init(args) => init::run(args),
        Command::Add(args) => add::run(path, *args),
        Command::Set(args) => set::run(path, args),
        Command::Rm(args) => rm::run(path, args),
        Command::Rename(args) => rename::run(path, args),
        Command::Merge(args) => merge::run(path, args),
        Command::Dedupe(args) => answer(path, |graph| dedupe::run(graph, args)),
        Command::Fmt(args) => fmt::run(&sources_or_builtin(path), args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::Schema(args) => schema::run(args),
    }
}

/// The commands that read no graph: `--graph` (and `DEALGRAPH_GRAPH`) mean nothing to them.
const READ_NO_GRAPH: [&str; 6] = ["generate", "import", "init", "completions", "man", "schema"];

/// The command line: [`Cli`]'s, with the global `--graph` hidden from the help of the commands
/// that read no graph (and their subcommands), where giving it is refused.
pub fn command() -> clap::Command {
    fn hide_graph(command: clap::Command) -> clap::Command {
        let names: Vec<String> = command
            .get_subcommands()
            .map(|sub| sub.get_name().to_owned())
            .collect();
        let hidden = clap::Arg::new("graph")
            .long("graph")
            .hide(true)
            .action(clap::ArgAction::Append)
            .value_parser(OsStringValueParser::new().map(|value| GraphSource::named(&value)));
        names.iter().fold(command.arg(hidden), |command, name| {
            command.mut_subcommand(name, hide_graph)
        })
    }
    READ_NO_GRAPH.iter().fold(Cli::command(), |command, name| {
        command.mut_subcommand(name, hide_graph)
    })
}

/// The command run, when it is one that reads no graph.
fn reads_no_graph(matches: &clap::ArgMatches) -> Option<&'static str> {
    let (name, _) = matches.subcommand()?;
    READ_NO_GRAPH.iter().copied().find(|known| *known == name)
}

/// Loads the graph, answers the question, and leaves the graph's memory to the operating
/// system, which reclaims it at exit at once: freeing a million relations one allocation at a
/// time costs more than many answers.
fn answer(
    path: &[GraphSource],
    question: impl FnOnce(&KnowledgeGraph) -> anyhow::Result<ExitCode>,
) -> anyhow::Result<ExitCode> {
    let loading = progress::Progress::start("loading the graph");
    let graph = load_graph(path);
    drop(loading);
    let graph = graph?;
    let answer = question(&graph);
    std::mem::forget(graph);
    answer
}

/// The graphs `--graph` names, or the built-in dataset when it names none.
fn sources_or_builtin(sources: &[GraphSource]) -> Vec<GraphSource> {
    if sources.is_empty() {
        vec![GraphSource::Builtin]
    } else {
        sources.to_vec()
    }
}

/// The files of the graphs chosen by `--graph`, or of the curated dataset.
fn read_texts(sources: &[GraphSource]) -> anyhow::Result<Vec<GraphText>> {
    Ok(load::read_sources(&sources_or_builtin(sources))?)
}

/// The graph chosen by `--graph`, or the curated dataset. One graph on disk goes through the
/// snapshot cache unless `DEALGRAPH_NO_CACHE` is set (to anything but `0`) or no cache folder
/// is known; several are read and merged.
fn load_graph(sources: &[GraphSource]) -> anyhow::Result<KnowledgeGraph> {
    let path = match sources {
        [] | [GraphSource::Builtin] => {
            return load::load(&dealgraph::curated::texts())
                .context("cannot load the built-in dataset");
        }
        [GraphSource::Path(path)] => path,
        several => {
            return load::load(&load::read_sources(several)?)
                .context("cannot load the graphs given with --graph");
        }
    };
    let loaded = match cache_dir() {
        Some(dir) => dealgraph::cache::load_path(path, &dir).map(|(graph, _)| graph),
        None => load::load_path(path),
    };
    match loaded {
        Err(err @ load::LoadError::Invalid(_)) => {
            Err(err).with_context(|| format!("cannot load the graph at {}", display::path(path)))
        }
        other => Ok(other?),
    }
}

/// The snapshot cache folder, unless `DEALGRAPH_NO_CACHE` turns the cache off:
/// `DEALGRAPH_CACHE_DIR`, else `$XDG_CACHE_HOME/dealgraph`, else `$HOME/.cache/dealgraph`;
/// `None` when none is set.
fn cache_dir() -> Option<PathBuf> {
    let from_env = |name: &str| {
        std::env::var_os(name)
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
    };
    let off = std::env::var_os("DEALGRAPH_NO_CACHE").is_some_and(|value| value != "0");
    if off {
        return None;
    }
    from_env("DEALGRAPH_CACHE_DIR")
        .or_else(|| from_env("XDG_CACHE_HOME").map(|dir| dir.join("dealgraph")))
        .or_else(|| from_env("HOME").map(|home| home.join(".cache").join("dealgraph")))
}

pub use output::sanitized;

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
        command().debug_assert();
    }
}
