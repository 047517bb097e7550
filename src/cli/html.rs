//! `dealgraph html`: the graph, or one answer, as an interactive map in one HTML file.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use dealgraph::KnowledgeGraph;
use dealgraph::export::Selection;
use dealgraph::export::html::{MapOptions, check_size, write_html};

use super::output;
use super::select::SelectionArgs;

/// Write an interactive map: one HTML file that works offline, opened from disk.
///
/// It shows what `dot` would draw (the whole graph, or one answer, under the filters), placed
/// by a force-directed layout: search companies by name, alias or ticker; click a company for
/// its relations and their sources, a relation for its sources; filter by type, status,
/// reliability and date (a slider shows the graph as of a month); find paths as `dealgraph
/// path` does; highlight conflicts and loops of money; export the view as PNG or SVG. The view
/// is kept in the link's fragment, so a link reopens it.
///
/// A map holds at most 5,000 companies and 20,000 relations, past which a page stops being
/// responsive; narrow a larger selection. The file is written all or nothing.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    select: SelectionArgs,

    /// The page's title [default: what the map shows].
    #[arg(long, help_heading = "Output", value_name = "TEXT")]
    title: Option<String>,
    /// Write to FILE instead of standard output (which must then not be a terminal).
    #[arg(short, long, help_heading = "Output", value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Builds the map and writes it.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    let diagram = args.select.diagram(graph)?;
    let selection = Selection::of_diagram(graph, &diagram);
    check_size(&selection)?;
    let title = args.title.unwrap_or_else(|| {
        if diagram.title.is_empty() {
            "dealgraph map".to_owned()
        } else {
            diagram.title.clone()
        }
    });
    let options = MapOptions {
        title,
        highlighted_companies: diagram.highlighted_nodes.clone(),
        highlighted_relations: diagram.highlighted_edges.clone(),
    };
    // The page is made in memory first (the layout takes seconds on a large map), so the
    // file is open only for the moment of writing it: a kill meanwhile leaves nothing behind.
    let mut page = Vec::new();
    write_html(graph, &selection, &options, &mut page)?;
    let page = |out: &mut dyn Write| out.write_all(&page);
    match &args.output {
        Some(path) => dealgraph::write::write_file(path, page)?,
        None if std::io::stdout().is_terminal() => {
            bail!("html writes a whole page; name a file with -o map.html, or pipe the output")
        }
        None => output::stream(page)?,
    }
    Ok(ExitCode::SUCCESS)
}
