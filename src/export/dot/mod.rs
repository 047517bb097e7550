//! Graphviz DOT for a [`Diagram`]: companies shaped and coloured by sector, relations coloured
//! by type and drawn by status, a legend of what the diagram holds.
//!
//! # The look
//!
//! Companies are drawn by their first sector ([`SECTOR_STYLES`]; sectors not listed, and
//! companies without one, are grey boxes):
//!
//! | sectors | shape | fill |
//! | --- | --- | --- |
//! | `ai-lab`, `ai-search`, `ai-app`, `software` | rounded box | blues |
//! | `cloud`, `gpu-cloud` | 3-D box | ambers |
//! | `datacenter`, `energy` | cylinder | oranges |
//! | `project` (a site or joint venture) | hexagon | sand |
//! | `chipmaker`, `hardware` | component | greens |
//! | `investor`, `vc` | ellipse | lilacs |
//! | `sovereign-fund`, `pension-fund` | octagon | purples |
//! | `bank` | house | rose |
//! | `conglomerate`, `fintech`, `crypto`, `automaker`, `autonomous-vehicles` | box | pastels |
//!
//! Relations are coloured by type ([`relation_color`]) and drawn by status: solid when announced
//! or completed, dashed when reported (or without a status), dotted when rumoured, grey when
//! ended or cancelled. Symmetric types (partnership, competitor) have no arrowhead. Parallel
//! relations of one type between the same two companies are one line, labelled with each
//! relation's amount and date ("$3.4B, 2024-10"). Exclusivity clauses on investors are red,
//! heavy and labelled "asked investors not to fund". Highlighted companies and relations are
//! heavy; faded ones pale. The legend lists only the types, statuses and sectors drawn.
//!
//! # Safe output
//!
//! dot-writer writes attribute values as given, inside quotes or not. Every value here goes
//! through one private helper that escapes it ([`quoted`] shows the rules) and quotes it, and
//! every node id is `n{index}`, so no company name or label can break the DOT.

mod draw;
pub(crate) mod escape;
mod legend;
mod style;

use std::io::{self, Write};

use dot_writer::DotWriter;

use self::draw::{
    Drawing, header, write_defaults, write_edge, write_gathered, write_nodes, write_ranks,
};
use super::diagram::Diagram;
use crate::graph::KnowledgeGraph;

pub use self::escape::quoted;
pub use self::style::{
    ENDED_COLOR, OTHER_SECTOR, SECTOR_STYLES, SectorStyle, amount_width, line_style,
    relation_color, sector_style,
};

/// How to render a diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DotOptions {
    /// Group companies in boxes by their first sector.
    pub cluster: bool,
    /// Draw a legend of the relation types, statuses and sectors shown.
    pub legend: bool,
    /// Whether relations are labelled with their amounts and dates.
    pub edge_labels: EdgeLabels,
}

impl Default for DotOptions {
    /// No clusters, a legend, labels unless there are too many lines.
    fn default() -> Self {
        DotOptions {
            cluster: false,
            legend: true,
            edge_labels: EdgeLabels::Auto,
        }
    }
}

/// When relations are labelled with their amounts and dates. Investor clauses are always
/// labelled "asked investors not to fund".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EdgeLabels {
    /// Unless the diagram draws more than [`AUTO_LABEL_LIMIT`] lines, where labels would
    /// cover each other and the names.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The most lines a diagram draws with labels under [`EdgeLabels::Auto`].
pub const AUTO_LABEL_LIMIT: usize = 200;

/// The DOT for `diagram`: a pure function of its arguments, so the same graph and diagram give
/// the same bytes.
///
/// # Example
///
/// ```
/// use dealgraph::export::diagram::Diagram;
/// use dealgraph::export::dot::{to_dot, DotOptions};
/// use dealgraph::query::RelationFilter;
/// use dealgraph::RelationKind;
///
/// let graph = dealgraph::curated::load();
/// let leases = RelationFilter::for_kinds(&[RelationKind::Lease], &[]).unwrap();
/// let diagram = Diagram::whole(&graph, &leases);
/// let options = DotOptions { legend: false, ..DotOptions::default() };
/// let dot = to_dot(&graph, &diagram, &options);
/// let crusoe = graph.resolve("crusoe").unwrap().index();
/// let oracle = graph.resolve("oracle").unwrap().index();
/// let edge = format!(
///     "n{crusoe} -> n{oracle} [color=\"#e6700a\", style=\"dashed\", label=\"2024-10\\n2025-05\"];"
/// );
/// assert!(dot.starts_with("digraph {\n"));
/// assert!(dot.lines().any(|line| line.trim() == edge), "{dot}");
/// ```
pub fn to_dot(graph: &KnowledgeGraph, diagram: &Diagram, options: &DotOptions) -> String {
    let mut bytes = Vec::new();
    write_dot(graph, diagram, options, &mut bytes).expect("writing to a Vec cannot fail");
    String::from_utf8(bytes).expect("dot-writer writes only the UTF-8 strings it is given")
}

/// Writes the DOT for `diagram` to `out` as it is made: the bytes [`to_dot`] returns, without
/// holding them all.
///
/// # Errors
///
/// The first error `out` returns; nothing is written after it.
///
/// # Example
///
/// ```
/// use dealgraph::export::diagram::Diagram;
/// use dealgraph::export::dot::{to_dot, write_dot, DotOptions};
/// use dealgraph::query::RelationFilter;
///
/// let graph = dealgraph::curated::load();
/// let diagram = Diagram::whole(&graph, &RelationFilter::default());
/// let mut written = Vec::new();
/// write_dot(&graph, &diagram, &DotOptions::default(), &mut written).unwrap();
/// assert_eq!(written, to_dot(&graph, &diagram, &DotOptions::default()).into_bytes());
/// ```
pub fn write_dot(
    graph: &KnowledgeGraph,
    diagram: &Diagram,
    options: &DotOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let drawing = Drawing::of(graph, diagram);
    let mut latch = Latch { out, error: None };
    {
        let mut writer = DotWriter::from(&mut latch);
        writer.set_pretty_print(true);
        let mut root = writer.digraph();
        let header = header(graph, diagram, options, &drawing);
        write_defaults(&mut root, diagram, options, header);
        write_nodes(&mut root, graph, diagram, options, &drawing);
        write_ranks(&mut root, diagram, &drawing);
        let labels = match options.edge_labels {
            EdgeLabels::Auto => drawing.lines().nth(AUTO_LABEL_LIMIT).is_none(),
            EdgeLabels::Always => true,
            EdgeLabels::Never => false,
        };
        for line in drawing.lines() {
            write_edge(&mut root, graph, diagram, labels, line);
        }
        write_gathered(&mut root, diagram);
    }
    latch.error.map_or(Ok(()), Err)
}

/// A writer for dot-writer, which panics on errors: it keeps the first error of `out` for
/// [`write_dot`] to return, and writes nothing after it.
pub(super) struct Latch<'a> {
    out: &'a mut dyn Write,
    error: Option<io::Error>,
}

impl Write for Latch<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.error.is_none()
            && let Err(err) = self.out.write_all(buf)
        {
            self.error = Some(err);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.error.is_none()
            && let Err(err) = self.out.flush()
        {
            self.error = Some(err);
        }
        Ok(())
    }
}
