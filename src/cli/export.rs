//! `dealgraph export FORMAT`: the graph, or one answer, in the formats of the tools analysts
//! move it to.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;
use dealgraph::KnowledgeGraph;
use dealgraph::display;
use dealgraph::export::cypher::{Dialect, write_cypher};
use dealgraph::export::{Part, Selection, gexf, graphml, jsonl, neo4j, tables};
use dealgraph::format::count;

use super::folder::write_staged;
use super::output;
use super::select::SelectionArgs;

/// Export the graph, or one answer, for other tools: GraphML (yEd, Gephi, networkx, igraph),
/// GEXF (Gephi, with dates as spells for its timeline), Neo4j's bulk-import files, a Cypher
/// script (Neo4j, Memgraph, Ladybug), CSV tables with the mapping that imports them back, or
/// JSON lines.
///
/// Without a selection, the whole graph, every company included; with one (--focus, --path,
/// --suppliers, --customers, --conflicts, or a filter), what `dot` would draw of it. One
/// relation is one edge or row, named by its key; partnerships and competitors are marked
/// symmetric. The same graph gives the same bytes.
///
/// graphml, gexf, cypher and jsonl write standard output, or -o FILE all or nothing. neo4j and
/// csv write several files into -o DIR, all or nothing; a DIR that is not empty is replaced
/// only with --force.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to write.
    #[arg(value_enum)]
    format: Format,

    #[command(flatten)]
    select: SelectionArgs,

    /// cypher: the database the script is for.
    #[arg(long, value_enum, help_heading = "Output")]
    dialect: Option<DialectArg>,
    /// Write to FILE (graphml, gexf, cypher, jsonl) or into DIR (neo4j, csv).
    #[arg(short, long, value_name = "FILE|DIR", help_heading = "Output")]
    output: Option<PathBuf>,
    /// neo4j, csv: replace DIR even when it is not empty.
    #[arg(long, help_heading = "Output")]
    force: bool,
}

/// The formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// GraphML: yEd, Gephi, networkx, igraph.
    Graphml,
    /// GEXF 1.3: Gephi, with a timeline.
    Gexf,
    /// The CSV files and command of `neo4j-admin database import` (into -o DIR).
    Neo4j,
    /// A Cypher script: Neo4j and Memgraph, or Ladybug with --dialect ladybug.
    Cypher,
    /// Companies, relations and sources as CSV tables, and the mapping that imports them
    /// back (into -o DIR).
    Csv,
    /// One JSON record a line.
    Jsonl,
}

/// The databases a Cypher script is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DialectArg {
    /// Neo4j 5 (cypher-shell -f FILE).
    Neo4j,
    /// Memgraph (mgconsole < FILE).
    Memgraph,
    /// Ladybug, the maintained fork of Kuzu: its schema first.
    Ladybug,
}

/// Writes the export.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    if args.dialect.is_some() && args.format != Format::Cypher {
        bail!("--dialect applies to `export cypher` only");
    }
    if args.force && !matches!(args.format, Format::Neo4j | Format::Csv) {
        bail!("--force applies to the exports that write a folder (neo4j, csv)");
    }
    let selection = args.select.selection(graph)?;
    let progress = super::progress::Progress::start(&format!("writing {}", name(args.format)));
    let parts = match args.format {
        Format::Neo4j => Some(neo4j::PARTS),
        Format::Csv => Some(tables::PARTS),
        _ => None,
    };
    if let Some(parts) = parts {
        let Some(dir) = &args.output else {
            bail!(
                "`export {}` writes several files: name the folder with -o DIR",
                name(args.format)
            );
        };
        write_folder(graph, &selection, parts, dir, args.force)?;
        drop(progress);
        eprintln!(
            "wrote {} and {} to {}",
            count(selection.companies.len(), "company"),
            count(selection.relations.len(), "relation"),
            display::path(dir)
        );
        return Ok(ExitCode::SUCCESS);
    }
    let dialect = match args.dialect {
        None | Some(DialectArg::Neo4j) => Dialect::Neo4j,
        Some(DialectArg::Memgraph) => Dialect::Memgraph,
        Some(DialectArg::Ladybug) => Dialect::Ladybug,
    };
    let mut replaced = 0;
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        match args.format {
            Format::Graphml => replaced = graphml::write_graphml(graph, &selection, out)?,
            Format::Gexf => replaced = gexf::write_gexf(graph, &selection, out)?,
            Format::Cypher => write_cypher(graph, &selection, dialect, out)?,
            Format::Jsonl => jsonl::write_jsonl(graph, &selection, out)?,
            Format::Neo4j | Format::Csv => unreachable!("written as a folder"),
        }
        Ok(())
    };
    match &args.output {
        Some(path) => dealgraph::write::write_file(path, write)?,
        None => output::stream(write)?,
    }
    drop(progress);
    if replaced > 0 {
        eprintln!(
            "warning: {} that XML cannot hold (control characters) written as U+FFFD",
            count(replaced, "character")
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn name(format: Format) -> &'static str {
    match format {
        Format::Graphml => "graphml",
        Format::Gexf => "gexf",
        Format::Neo4j => "neo4j",
        Format::Cypher => "cypher",
        Format::Csv => "csv",
        Format::Jsonl => "jsonl",
    }
}

/// Writes each part into a staging folder that then takes `dir`'s place.
fn write_folder(
    graph: &KnowledgeGraph,
    selection: &Selection,
    parts: &[Part],
    dir: &Path,
    force: bool,
) -> anyhow::Result<()> {
    dealgraph::write::replace_folder(dir, force, |staging| -> anyhow::Result<()> {
        for part in parts {
            write_staged(staging, dir, part.name, |out| {
                Ok((part.write)(graph, selection, out)?)
            })?;
        }
        Ok(())
    })
}
