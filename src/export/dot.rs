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

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use dot_writer::{Attributes, DotWriter, Scope};
use petgraph::graph::NodeIndex;

use super::diagram::{Diagram, Layout, RankKind, is_investor_clause};
use crate::format;
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::{Company, Relation, RelationKind, Status};
use crate::store::RelationFacts;

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

/// How companies of one sector are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectorStyle {
    /// The sector tag, e.g. `ai-lab`; `other` for [`OTHER_SECTOR`].
    pub sector: &'static str,
    /// The Graphviz node shape.
    pub shape: &'static str,
    /// Whether the box has rounded corners.
    pub rounded: bool,
    /// The fill colour, `#rrggbb`.
    pub fill: &'static str,
}

const fn style(
    sector: &'static str,
    shape: &'static str,
    rounded: bool,
    fill: &'static str,
) -> SectorStyle {
    SectorStyle {
        sector,
        shape,
        rounded,
        fill,
    }
}

/// The palette: how each known sector is drawn, sorted by sector.
pub const SECTOR_STYLES: [SectorStyle; 21] = [
    style("ai-app", "box", true, "#d4e9f7"),
    style("ai-lab", "box", true, "#8ec5ea"),
    style("ai-search", "box", true, "#b5d9f2"),
    style("automaker", "box", false, "#d9dee3"),
    style("autonomous-vehicles", "box", false, "#c4ced6"),
    style("bank", "house", false, "#f6c1bc"),
    style("chipmaker", "component", false, "#9fdbb5"),
    style("cloud", "box3d", false, "#ffd27a"),
    style("conglomerate", "box", false, "#f3e3b3"),
    style("crypto", "box", false, "#f7cde0"),
    style("datacenter", "cylinder", false, "#f7b27c"),
    style("energy", "cylinder", false, "#f9d29c"),
    style("fintech", "box", false, "#eed8f0"),
    style("gpu-cloud", "box3d", false, "#ffe6ad"),
    style("hardware", "component", false, "#c6ebd2"),
    style("investor", "ellipse", false, "#e2d9f3"),
    style("pension-fund", "octagon", false, "#e6dcf7"),
    style("project", "hexagon", false, "#efdcbf"),
    style("software", "box", true, "#e3eef7"),
    style("sovereign-fund", "octagon", false, "#c9b8e8"),
    style("vc", "ellipse", false, "#d3c4ee"),
];

/// How companies are drawn whose first sector is not in [`SECTOR_STYLES`], or who have none.
pub const OTHER_SECTOR: SectorStyle = style("other", "box", false, "#e0e0e0");

/// How a company is drawn: by its first sector.
///
/// # Example
///
/// ```
/// use dealgraph::export::dot::sector_style;
///
/// let graph = dealgraph::curated::load();
/// let openai = graph.company(graph.resolve("openai").unwrap());
/// assert_eq!(sector_style(openai).sector, "ai-lab");
/// assert_eq!(sector_style(openai).fill, "#8ec5ea");
/// ```
pub fn sector_style(company: &Company) -> SectorStyle {
    company
        .sectors
        .first()
        .and_then(|sector| {
            SECTOR_STYLES
                .binary_search_by(|style| style.sector.cmp(sector.as_str()))
                .ok()
        })
        .map_or(OTHER_SECTOR, |at| SECTOR_STYLES[at])
}

/// The colour of a relation type, `#rrggbb`.
///
/// # Example
///
/// ```
/// use dealgraph::export::dot::relation_color;
/// use dealgraph::RelationKind;
///
/// assert_eq!(relation_color(RelationKind::Exclusivity), "#e31a1c");
/// ```
pub fn relation_color(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Investment => "#6a51a3",
        RelationKind::Lease => "#e6700a",
        RelationKind::Compute => "#1f78b4",
        RelationKind::Supply => "#33a02c",
        RelationKind::Acquisition => "#222222",
        RelationKind::Ownership => "#8c510a",
        RelationKind::Exclusivity => "#e31a1c",
        RelationKind::Partnership => "#1b9e9e",
        RelationKind::Competitor => "#d4368f",
    }
}

/// The colour of ended and cancelled relations, whatever their type.
pub const ENDED_COLOR: &str = "#a6a6a6";

/// The Graphviz line style of a status: `solid`, `dashed` or `dotted`.
///
/// # Example
///
/// ```
/// use dealgraph::export::dot::line_style;
/// use dealgraph::Status;
///
/// assert_eq!(line_style(Some(Status::Reported)), "dashed");
/// assert_eq!(line_style(Some(Status::Rumored)), "dotted");
/// assert_eq!(line_style(Some(Status::Completed)), "solid");
/// assert_eq!(line_style(None), "dashed");
/// ```
pub fn line_style(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::Rumored) => "dotted",
        Some(Status::Reported) | None => "dashed",
        Some(Status::Cancelled) => "dashed",
        Some(Status::Announced | Status::Completed | Status::Ended) => "solid",
    }
}

/// A DOT quoted string holding `text` exactly, as Graphviz will display it.
///
/// `"` and `\` are escaped; a line break (`\n`, `\r\n` or `\r`) becomes DOT's centred line
/// break `\n`; other control characters become spaces; `&` becomes `&amp;`, because Graphviz
/// reads HTML entities such as `&lt;` in labels. Everything else, `<`, `{`, `-` and any Unicode
/// included, is valid inside quotes and is kept.
///
/// # Example
///
/// ```
/// use dealgraph::export::dot::quoted;
///
/// assert_eq!(quoted(r#"Say "hi" \o/"#), r#""Say \"hi\" \\o/""#);
/// assert_eq!(quoted("AT&T\nWidget-Co"), r#""AT&amp;T\nWidget-Co""#);
/// assert_eq!(quoted("node"), r#""node""#);
/// ```
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

/// The inside of [`quoted`]: `text` itself when nothing in it needs escaping.
fn escape(text: &str) -> Cow<'_, str> {
    let plain = |b: u8| matches!(b, b' '..=b'~') && !matches!(b, b'"' | b'\\' | b'&');
    if text.bytes().all(plain) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Escapes text for a Graphviz HTML-like label.
fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The only way this module sets attributes: every value escaped and quoted, and HTML labels
/// only from [`Html`], which escapes its text.
trait SafeAttributes: Attributes {
    /// Sets `name` to `value`, escaped and quoted.
    fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.set(name, &escape(value), true)
    }

    /// Sets `name` to an HTML-like label.
    fn html(&mut self, name: &'static str, value: &Html) -> &mut Self {
        self.set(name, &format!("<{}>", value.0), false)
    }
}

impl<T: Attributes> SafeAttributes for T {}

/// Markup for an HTML-like label, built only by this module from fixed tags and escaped text.
struct Html(String);

/// One column of the legend: a heading and its entries, each a sample cell (markup made here,
/// never user text) and the text beside it.
struct LegendSection {
    heading: &'static str,
    entries: Vec<(String, String)>,
}

/// The most rows a legend section has before it wraps into another column.
const LEGEND_ROWS: usize = 5;

impl LegendSection {
    /// The section as a table of `rows` rows (Graphviz stretches a shorter table to the
    /// height of its neighbours, so every section gets the same number), in as many columns as
    /// its entries need.
    fn markup(&self, rows: usize) -> String {
        let columns = self.entries.len().div_ceil(rows.max(1));
        let mut out = format!(
            "<table border=\"0\" cellspacing=\"1\" cellpadding=\"1\"><tr><td colspan=\"{}\" align=\"left\"><b>{}</b></td></tr>",
            2 * columns,
            html_escape(self.heading)
        );
        for row in 0..rows {
            out.push_str("<tr>");
            for column in 0..columns {
                match self.entries.get(column * rows + row) {
                    Some((sample, text)) => {
                        out.push_str(sample);
                        out.push_str("<td align=\"left\">");
                        out.push_str(&html_escape(text));
                        out.push_str("</td>");
                    }
                    None => out.push_str("<td></td><td></td>"),
                }
            }
            out.push_str("</tr>");
        }
        out.push_str("</table>");
        out
    }
}

/// The node id of a company in the DOT, `n{index}`, made on the stack: a diagram writes two per
/// line, a hundred thousand lines for a large neighbourhood.
struct NodeId {
    bytes: [u8; 21],
    start: usize,
}

impl NodeId {
    fn of(node: NodeIndex) -> NodeId {
        let mut bytes = [0; 21];
        let mut start = bytes.len();
        let mut rest = node.index();
        loop {
            start -= 1;
            bytes[start] = b'0' + u8::try_from(rest % 10).expect("a digit");
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        start -= 1;
        bytes[start] = b'n';
        NodeId { bytes, start }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_ref()).expect("`n` and digits")
    }
}

impl AsRef<[u8]> for NodeId {
    fn as_ref(&self) -> &[u8] {
        &self.bytes[self.start..]
    }
}

/// A relation to draw, with what its line needs to know of it.
#[derive(Debug, Clone, Copy)]
struct Drawn {
    from: NodeIndex,
    to: NodeIndex,
    facts: RelationFacts,
    index: RelationId,
}

impl Drawn {
    /// The line it is drawn on: relations between the same two companies, of the same type,
    /// are drawn as one.
    fn line(&self) -> (NodeIndex, NodeIndex, RelationKind) {
        (self.from, self.to, self.facts.kind)
    }
}

/// What the DOT draws: the companies, and the relations sorted into lines.
struct Drawing {
    /// Whether each company of the graph is drawn.
    drawn: Vec<bool>,
    /// The companies drawn, sorted: the diagram's, and the ends of its relations.
    nodes: Vec<NodeIndex>,
    /// The relations drawn, by line, then date (undated last), then index.
    relations: Vec<Drawn>,
}

impl Drawing {
    /// Gathers what `diagram` draws, copying the facts of each relation so that writing its
    /// line reads them in order.
    fn of(graph: &KnowledgeGraph, diagram: &Diagram) -> Drawing {
        let mut drawn = vec![false; graph.company_count()];
        for node in &diagram.nodes {
            drawn[node.index()] = true;
        }
        let mut relations: Vec<Drawn> = diagram
            .edges
            .iter()
            .map(|&index| {
                let (from, to) = graph
                    .graph()
                    .edge_endpoints(index.edge())
                    .expect("the diagram draws relations of this graph");
                drawn[from.index()] = true;
                drawn[to.index()] = true;
                let facts = *graph.facts(index);
                Drawn {
                    from,
                    to,
                    facts,
                    index,
                }
            })
            .collect();
        relations.sort_unstable_by_key(|relation| {
            let date = relation.facts.date;
            (relation.line(), date.is_none(), date, relation.index)
        });
        let nodes = (0..drawn.len())
            .filter(|&node| drawn[node])
            .map(NodeIndex::new)
            .collect();
        Drawing {
            drawn,
            nodes,
            relations,
        }
    }

    /// The relations drawn, one slice per line, by line.
    fn lines(&self) -> impl Iterator<Item = &[Drawn]> {
        self.relations.chunk_by(|a, b| a.line() == b.line())
    }
}

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
        write_nodes(&mut root, graph, diagram, options, &drawing.nodes);
        write_ranks(&mut root, diagram, &drawing);
        let labels = match options.edge_labels {
            EdgeLabels::Auto => drawing.lines().nth(AUTO_LABEL_LIMIT).is_none(),
            EdgeLabels::Always => true,
            EdgeLabels::Never => false,
        };
        for line in drawing.lines() {
            write_edge(&mut root, graph, diagram, labels, line);
        }
    }
    latch.error.map_or(Ok(()), Err)
}

/// A writer for dot-writer, which panics on errors: it keeps the first error of `out` for
/// [`write_dot`] to return, and writes nothing after it.
struct Latch<'a> {
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

/// The companies, grouped in a box per first sector with `cluster`.
fn write_nodes(
    root: &mut Scope<'_, '_>,
    graph: &KnowledgeGraph,
    diagram: &Diagram,
    options: &DotOptions,
    nodes: &[NodeIndex],
) {
    if options.cluster {
        let mut by_sector: BTreeMap<&str, Vec<NodeIndex>> = BTreeMap::new();
        for &node in nodes {
            let sector = graph.company(node).sectors.first();
            let sector = sector.map_or(OTHER_SECTOR.sector, String::as_str);
            by_sector.entry(sector).or_default().push(node);
        }
        for (sector, members) in &by_sector {
            let mut cluster = root.cluster();
            cluster
                .attr("label", sector)
                .attr("style", "rounded")
                .attr("color", "#bbbbbb")
                .attr("fontcolor", "#666666");
            for &node in members {
                write_node(&mut cluster, graph, diagram, node);
            }
        }
    } else {
        for &node in nodes {
            write_node(root, graph, diagram, node);
        }
    }
}

/// The groups of companies placed on one rank, leaving out companies not drawn.
fn write_ranks(root: &mut Scope<'_, '_>, diagram: &Diagram, drawing: &Drawing) {
    for rank in &diagram.ranks {
        let members: Vec<&NodeIndex> = rank
            .nodes
            .iter()
            .filter(|node| drawing.drawn[node.index()])
            .collect();
        if members.is_empty() {
            continue;
        }
        let mut group = root.subgraph();
        group.attr(
            "rank",
            match rank.kind {
                RankKind::Same => "same",
                RankKind::Min => "min",
                RankKind::Max => "max",
            },
        );
        for node in members {
            group.node_named(NodeId::of(*node).as_str());
        }
    }
}

/// Graph, node and edge defaults, and the header: the title and the legend.
fn write_defaults(
    root: &mut Scope<'_, '_>,
    diagram: &Diagram,
    options: &DotOptions,
    header: Option<Html>,
) {
    {
        let mut attributes = root.graph_attributes();
        match diagram.layout {
            Layout::TopToBottom | Layout::LeftToRight => {
                let (rankdir, nodesep, ranksep) = match diagram.layout {
                    Layout::LeftToRight => ("LR", "0.3", "0.8"),
                    _ => ("TB", "0.25", "0.5"),
                };
                attributes
                    .attr("rankdir", rankdir)
                    .attr("nodesep", nodesep)
                    .attr("ranksep", ranksep)
                    .attr("newrank", "true");
            }
            Layout::Spring => {
                attributes
                    .attr("layout", if options.cluster { "fdp" } else { "sfdp" })
                    .attr("overlap", "false")
                    .attr("sep", "+8");
            }
        }
        attributes
            .attr("fontname", "Helvetica")
            .attr("fontsize", "10")
            .attr("pad", "0.2")
            .attr("outputorder", "edgesfirst");
        if let Some(header) = header {
            attributes.html("label", &header).attr("labelloc", "t");
        }
    }
    root.node_attributes()
        .attr("fontname", "Helvetica")
        .attr("fontsize", "10")
        .attr("style", "filled")
        .attr("color", "#555555")
        .attr("margin", "0.1,0.04")
        .attr("height", "0.3");
    root.edge_attributes()
        .attr("fontname", "Helvetica")
        .attr("fontsize", "8")
        .attr("fontcolor", "#444444")
        .attr("arrowsize", "0.6")
        .attr("penwidth", "1.2");
}

/// The title above the legend, either of which may be left out; `None` when both are.
fn header(
    graph: &KnowledgeGraph,
    diagram: &Diagram,
    options: &DotOptions,
    drawing: &Drawing,
) -> Option<Html> {
    let mut rows: Vec<String> = Vec::new();
    if !diagram.title.is_empty() {
        rows.push(format!(
            "<font point-size=\"14\">{}</font>",
            html_escape(&diagram.title)
        ));
    }
    if options.legend && !drawing.nodes.is_empty() {
        let sections = legend(graph, diagram, drawing);
        let height = sections
            .iter()
            .map(|section| section.entries.len())
            .max()
            .unwrap_or(0)
            .min(LEGEND_ROWS);
        let sections: String = sections
            .iter()
            .filter(|section| !section.entries.is_empty())
            .map(|section| format!("<td valign=\"top\">{}</td>", section.markup(height)))
            .collect();
        rows.push(format!(
            "<table border=\"1\" color=\"#bbbbbb\" cellborder=\"0\" cellspacing=\"4\" cellpadding=\"2\"><tr>{sections}</tr></table>"
        ));
    }
    if rows.is_empty() {
        return None;
    }
    let cells: String = rows
        .iter()
        .map(|row| format!("<tr><td>{row}</td></tr>"))
        .collect();
    Some(Html(format!(
        "<table border=\"0\" cellspacing=\"2\" cellpadding=\"0\">{cells}</table>"
    )))
}

fn write_node(
    scope: &mut Scope<'_, '_>,
    graph: &KnowledgeGraph,
    diagram: &Diagram,
    node: NodeIndex,
) {
    let company = graph.company(node);
    let look = sector_style(company);
    let faded = diagram.faded_nodes.contains(&node);
    let highlighted = diagram.highlighted_nodes.contains(&node);
    let mut statement = scope.node_named(NodeId::of(node).as_str());
    statement
        .attr("label", &wrap(&company.name, 18))
        .attr("shape", look.shape)
        .attr("fillcolor", if faded { "#f4f4f4" } else { look.fill });
    if look.rounded {
        statement.attr("style", "rounded,filled");
    }
    if faded {
        statement
            .attr("color", "#bbbbbb")
            .attr("fontcolor", "#888888");
    }
    if highlighted {
        statement.attr("penwidth", "2.5").attr("color", "#000000");
    }
}

fn write_edge(
    scope: &mut Scope<'_, '_>,
    graph: &KnowledgeGraph,
    diagram: &Diagram,
    labels: bool,
    line: &[Drawn],
) {
    let (from, to, kind) = line[0].line();
    let all_in = |set: &BTreeSet<RelationId>| line.iter().all(|r| set.contains(&r.index));
    let status = group_status(line.iter().map(|relation| relation.facts.status));
    let ended = matches!(status, Some(Status::Ended | Status::Cancelled));
    let highlighted = line
        .iter()
        .any(|relation| diagram.highlighted_edges.contains(&relation.index));
    let faded = !highlighted && all_in(&diagram.faded_edges);
    // Only an exclusivity relation can be a clause; the others are never decoded here.
    let clause = kind == RelationKind::Exclusivity
        && line
            .iter()
            .any(|relation| is_investor_clause(graph.relation(relation.index)));
    let color = if ended {
        ENDED_COLOR
    } else {
        relation_color(kind)
    };
    let color: Cow<'_, str> = if faded {
        format!("{color}66").into()
    } else {
        color.into()
    };
    let upward = all_in(&diagram.upward_edges);
    let (tail, head) = if upward { (to, from) } else { (from, to) };
    let mut statement = scope.edge(NodeId::of(tail), NodeId::of(head)).attributes();
    statement
        .attr("color", &color)
        .attr("style", line_style(status));
    if labels || clause {
        let all: Vec<&Relation> = line.iter().map(|r| graph.relation(r.index)).collect();
        let label = edge_label(&all);
        if !label.is_empty() {
            statement.attr("label", &label);
        }
        if faded {
            statement.attr("fontcolor", "#999999");
        } else if clause {
            statement.attr("fontcolor", relation_color(RelationKind::Exclusivity));
        }
    }
    if highlighted {
        statement.attr("penwidth", "3");
    } else if clause {
        statement.attr("penwidth", "2.2");
    }
    if kind.is_symmetric() {
        statement.attr("dir", "none");
    } else if upward {
        statement.attr("dir", "back");
    }
    if kind.is_symmetric() || all_in(&diagram.loose_edges) {
        statement.attr("constraint", "false");
    }
}

/// The status a line of parallel relations is drawn with: the most confirmed one still in
/// force, or ended (cancelled) when every one has ended (was cancelled).
fn group_status(statuses: impl Iterator<Item = Option<Status>> + Clone) -> Option<Status> {
    let live = statuses
        .clone()
        .flatten()
        .filter(|status| !matches!(status, Status::Ended | Status::Cancelled))
        .max();
    if live.is_some() {
        return live;
    }
    if statuses.clone().any(|status| status.is_none()) {
        return None;
    }
    statuses
        .flatten()
        .min_by_key(|status| *status == Status::Cancelled)
}

/// The most lines an edge label shows before `+N more`.
const LABEL_LINES: usize = 3;

/// One line per relation (amount and date, and `ended` or `cancelled`), repeats dropped, at
/// most [`LABEL_LINES`]; an investor clause is headed "asked investors not to fund".
fn edge_label(relations: &[&Relation]) -> String {
    let mut lines: Vec<String> = Vec::new();
    if relations
        .iter()
        .any(|relation| is_investor_clause(relation))
    {
        lines.push("asked investors not to fund".to_owned());
    }
    let mut details: Vec<String> = Vec::new();
    for relation in relations {
        let mut line = format::short_label(relation);
        if let Some(status @ (Status::Ended | Status::Cancelled)) = relation.status {
            if line.is_empty() {
                line = status.to_string();
            } else {
                line = format!("{line} ({status})");
            }
        }
        if !line.is_empty() && !details.contains(&line) {
            details.push(line);
        }
    }
    if details.len() > LABEL_LINES {
        let more = details.len() - (LABEL_LINES - 1);
        details.truncate(LABEL_LINES - 1);
        details.push(format!("+{more} more"));
    }
    lines.extend(details);
    lines.join("\n")
}

/// Breaks a name into lines of about `width` characters, at spaces; line breaks in the name
/// are kept.
fn wrap(name: &str, width: usize) -> String {
    let name = name.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<String> = Vec::new();
    for given in name.split('\n') {
        let mut line = String::new();
        for word in given.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            } else if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// The legend: the relation types, statuses and sectors (of companies not faded) the diagram
/// draws, and what its highlighted relations are.
fn legend(graph: &KnowledgeGraph, diagram: &Diagram, drawing: &Drawing) -> [LegendSection; 3] {
    let sample = |color: &str, style: &str, width: &str| {
        format!(
            "<td sides=\"b\" border=\"{width}\" style=\"{style}\" color=\"{color}\" width=\"30\" height=\"8\"></td>"
        )
    };
    let kinds: BTreeSet<RelationKind> = drawing.relations.iter().map(|r| r.facts.kind).collect();
    let relations = RelationKind::ALL
        .iter()
        .filter(|kind| kinds.contains(kind))
        .map(|kind| {
            let name = if kind.is_symmetric() {
                format!("{kind} (both ways)")
            } else {
                kind.to_string()
            };
            (sample(relation_color(*kind), "solid", "2"), name)
        })
        .collect();

    let present: BTreeSet<Option<Status>> = drawing
        .relations
        .iter()
        .map(|relation| relation.facts.status)
        .collect();
    // One row per look, naming every status drawn that way.
    let mut looks: Vec<(&str, &str, Vec<&str>)> = Vec::new();
    for status in Status::ALL
        .map(Some)
        .into_iter()
        .chain([None])
        .filter(|status| present.contains(status))
    {
        let color = match status {
            Some(Status::Ended | Status::Cancelled) => ENDED_COLOR,
            _ => "#333333",
        };
        let line = line_style(status);
        let name = status.map_or("no status", Status::as_str);
        match looks
            .iter_mut()
            .find(|look| look.0 == color && look.1 == line)
        {
            Some(look) => look.2.push(name),
            None => looks.push((color, line, vec![name])),
        }
    }
    let mut statuses: Vec<(String, String)> = looks
        .into_iter()
        .map(|(color, line, names)| (sample(color, line, "1"), names.join(", ")))
        .collect();
    let drawn_highlight = diagram
        .highlighted_edges
        .iter()
        .any(|index| diagram.edges.contains(index));
    if drawn_highlight && !diagram.highlight_meaning.is_empty() {
        statuses.push((
            sample("#333333", "solid", "3"),
            diagram.highlight_meaning.clone(),
        ));
    }

    let mut looks: Vec<SectorStyle> = drawing
        .nodes
        .iter()
        .filter(|node| !diagram.faded_nodes.contains(node))
        .map(|&node| sector_style(graph.company(node)))
        .collect();
    looks.sort_by_key(|look| (look.sector == OTHER_SECTOR.sector, look.sector));
    looks.dedup();
    let sectors = looks
        .into_iter()
        .map(|look| {
            let swatch = format!(
                "<td bgcolor=\"{}\" border=\"1\" color=\"#555555\" width=\"30\" height=\"8\"></td>",
                look.fill
            );
            (swatch, look.sector.to_owned())
        })
        .collect();
    [
        LegendSection {
            heading: "relations",
            entries: relations,
        },
        LegendSection {
            heading: "status",
            entries: statuses,
        },
        LegendSection {
            heading: "sectors",
            entries: sectors,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sector_styles_are_sorted_for_binary_search() {
        assert!(SECTOR_STYLES.is_sorted_by_key(|style| style.sector));
    }

    #[test]
    fn node_ids_are_n_and_the_index() {
        for index in [0, 7, 10, 8366, 199_999, u32::MAX as usize] {
            assert_eq!(
                NodeId::of(NodeIndex::new(index)).as_str(),
                format!("n{index}")
            );
        }
    }

    #[test]
    fn escape_keeps_plain_text() {
        assert_eq!(escape("OpenAI"), "OpenAI");
        assert_eq!(escape(""), "");
        assert_eq!(escape("Widget-Co"), "Widget-Co");
    }

    #[test]
    fn escape_quotes_and_backslashes() {
        assert_eq!(escape(r#"a "b" c"#), r#"a \"b\" c"#);
        assert_eq!(escape(r"C:\dir\"), r"C:\\dir\\");
        assert_eq!(escape(r#"\""#), r#"\\\""#);
        assert_eq!(escape(r"\N \G \l"), r"\\N \\G \\l");
    }

    #[test]
    fn escape_line_breaks_and_controls() {
        assert_eq!(escape("a\nb"), r"a\nb");
        assert_eq!(escape("a\r\nb"), r"a\nb");
        assert_eq!(escape("a\rb"), r"a\nb");
        assert_eq!(escape("a\tb\u{0}c\u{7f}"), "a b c ");
    }

    #[test]
    fn escape_entities_and_markup() {
        assert_eq!(escape("AT&T"), "AT&amp;T");
        assert_eq!(escape("&lt;"), "&amp;lt;");
        assert_eq!(escape("<b>{x}</b>"), "<b>{x}</b>");
    }

    #[test]
    fn escape_keeps_unicode() {
        assert_eq!(escape("Société 🚀 שלום"), "Société 🚀 שלום");
        assert_eq!(quoted("graph"), "\"graph\"");
    }

    #[test]
    fn html_escape_escapes_markup() {
        assert_eq!(
            html_escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(wrap("OpenAI", 18), "OpenAI");
        assert_eq!(
            wrap("Abilene campus (Lancium Clean Campus)", 18),
            "Abilene campus\n(Lancium Clean\nCampus)"
        );
        assert_eq!(
            wrap("Averyveryveryverylongname x", 5),
            "Averyveryveryverylongname\nx"
        );
        assert_eq!(wrap("a  b", 18), "a  b");
        assert_eq!(
            wrap("Line one\nLine two\r\nthree\rfour", 18),
            "Line one\nLine two\nthree\nfour"
        );
    }

    #[test]
    fn group_status_prefers_live_confirmed() {
        let with = |status: Option<Status>| {
            let mut relation = Relation::new(RelationKind::Lease, "a", "b");
            relation.status = status;
            relation
        };
        let (reported, ended, cancelled, none) = (
            with(Some(Status::Reported)),
            with(Some(Status::Ended)),
            with(Some(Status::Cancelled)),
            with(None),
        );
        let of = |relations: &[&Relation]| group_status(relations.iter().map(|r| r.status));
        assert_eq!(of(&[&ended, &reported]), Some(Status::Reported));
        assert_eq!(of(&[&ended, &cancelled]), Some(Status::Ended));
        assert_eq!(of(&[&cancelled]), Some(Status::Cancelled));
        assert_eq!(of(&[&cancelled, &none]), None);
    }
}
