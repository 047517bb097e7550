//! Drawing: the companies and relations of a diagram, grouped into lines and written as DOT.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use dot_writer::Scope;
use petgraph::graph::NodeIndex;

use super::DotOptions;
use super::escape::{Html, SafeAttributes, html_escape};
use super::legend::{LEGEND_ROWS, legend};
use super::style::{
    ENDED_COLOR, OTHER_SECTOR, amount_width, line_style, relation_color, sector_style,
};
use crate::export::diagram::{Diagram, Layout, RankKind, is_investor_clause};
use crate::format;
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::{Relation, RelationKind, Status};
use crate::store::RelationFacts;

/// The node id of a company in the DOT, `n{index}`, made on the stack: a diagram writes two per
/// line, a hundred thousand lines for a large neighbourhood.
pub(super) struct NodeId {
    pub(super) bytes: [u8; 21],
    pub(super) start: usize,
}

impl NodeId {
    pub(super) fn of(node: NodeIndex) -> NodeId {
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

    pub(super) fn as_str(&self) -> &str {
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
pub(super) struct Drawn {
    pub(super) from: NodeIndex,
    pub(super) to: NodeIndex,
    pub(super) facts: RelationFacts,
    pub(super) index: RelationId,
}

impl Drawn {
    /// The line it is drawn on: relations between the same two companies, of the same type,
    /// are drawn as one.
    pub(super) fn line(&self) -> (NodeIndex, NodeIndex, RelationKind) {
        (self.from, self.to, self.facts.kind)
    }
}

/// What the DOT draws: the companies, and the relations sorted into lines.
pub(super) struct Drawing {
    /// Whether each company of the graph is drawn.
    pub(super) drawn: Vec<bool>,
    /// The companies drawn, sorted: the diagram's, and the ends of its relations.
    pub(super) nodes: Vec<NodeIndex>,
    /// The relations drawn, by line, then date (undated last), then index.
    pub(super) relations: Vec<Drawn>,
    /// How many relations drawn each company has, by index.
    pub(super) degree: Vec<u32>,
}

impl Drawing {
    /// Gathers what `diagram` draws, copying the facts of each relation so that writing its
    /// line reads them in order.
    pub(super) fn of(graph: &KnowledgeGraph, diagram: &Diagram) -> Drawing {
        let mut drawn = vec![false; graph.company_count()];
        for node in &diagram.nodes {
            drawn[node.index()] = true;
        }
        let mut relations: Vec<Drawn> = diagram
            .edges
            .iter()
            .map(|&index| {
                let (from, to) = graph.ends(index);
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
        let mut degree = vec![0u32; drawn.len()];
        for relation in &relations {
            for end in [relation.from, relation.to] {
                degree[end.index()] = degree[end.index()].saturating_add(1);
            }
        }
        Drawing {
            drawn,
            nodes,
            relations,
            degree,
        }
    }

    /// The relations drawn, one slice per line, by line.
    pub(super) fn lines(&self) -> impl Iterator<Item = &[Drawn]> {
        self.relations.chunk_by(|a, b| a.line() == b.line())
    }
}

/// The companies, grouped in a box per first sector with `cluster`.
pub(super) fn write_nodes(
    root: &mut Scope<'_, '_>,
    graph: &KnowledgeGraph,
    diagram: &Diagram,
    options: &DotOptions,
    drawing: &Drawing,
) {
    let nodes = &drawing.nodes;
    let size = |node: NodeIndex| match diagram.layout {
        Layout::Spring => font_size(drawing.degree[node.index()]),
        Layout::TopToBottom | Layout::LeftToRight => None,
    };
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
                write_node(&mut cluster, graph, diagram, node, size(node));
            }
        }
    } else {
        for &node in nodes {
            write_node(root, graph, diagram, node, size(node));
        }
    }
}

/// The groups of companies placed on one rank, leaving out companies not drawn.
pub(super) fn write_ranks(root: &mut Scope<'_, '_>, diagram: &Diagram, drawing: &Drawing) {
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
pub(super) fn write_defaults(
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
pub(super) fn header(
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

/// The font size of a hub's name on a force-directed diagram, larger the more relations it
/// has (up to 18 points), so that the companies everything hangs on are read first; `None`
/// for the default, under five relations.
fn font_size(relations: u32) -> Option<String> {
    (relations >= 5).then(|| format!("{:.0}", (8.0 + 2.0 * f64::from(relations).sqrt()).min(18.0)))
}

pub(super) fn write_node(
    scope: &mut Scope<'_, '_>,
    graph: &KnowledgeGraph,
    diagram: &Diagram,
    node: NodeIndex,
    font_size: Option<String>,
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
    if let Some(size) = font_size {
        statement.attr("fontsize", &size);
    }
}

pub(super) fn write_edge(
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
    let width = line_width(graph, line);
    if highlighted {
        statement.attr("penwidth", &pen(width.max(2.5) + 0.5));
    } else if clause {
        statement.attr("penwidth", &pen(width.max(2.2)));
    } else if width > EDGE_WIDTH {
        statement.attr("penwidth", &pen(width));
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

/// The width of the edges whose relations state no amount (the `edge` default).
pub(super) const EDGE_WIDTH: f64 = 1.2;

/// The width of a line of parallel relations: the edge default scaled by [`amount_width`] of
/// their amounts together, each counted once; cancelled deals count for nothing.
fn line_width(graph: &KnowledgeGraph, line: &[Drawn]) -> f64 {
    let total: f64 = (line.iter())
        .filter(|drawn| drawn.facts.status != Some(Status::Cancelled))
        .filter_map(|drawn| {
            let relation = graph.relation(drawn.index);
            relation.amount_usd.or(relation.amount_max_usd)
        })
        .sum();
    EDGE_WIDTH * amount_width((total > 0.0).then_some(total))
}

/// A pen width as DOT writes it: one decimal.
fn pen(width: f64) -> String {
    format!("{width:.1}")
}

/// The companies a crowded diagram left out: one "and N more" note per company they hang on,
/// joined to it by a grey line.
pub(super) fn write_gathered(root: &mut Scope<'_, '_>, diagram: &Diagram) {
    for gathered in &diagram.gathered {
        let id = gathered
            .beside
            .map_or_else(|| "more".to_owned(), |node| format!("more{}", node.index()));
        let noun = if gathered.companies == 1 {
            "company"
        } else {
            "companies"
        };
        let mut label = format!("and {} more {noun}", gathered.companies);
        let kinds: Vec<String> = (gathered.relations.iter())
            .map(|(kind, count)| format!("{count} {kind}"))
            .collect();
        if !kinds.is_empty() {
            label.push('\n');
            label.push_str(&kinds.join(", "));
        }
        root.node_named(id.as_str())
            .attr("label", &label)
            .attr("shape", "note")
            .attr("fillcolor", "#f4f4f4")
            .attr("color", "#999999")
            .attr("fontcolor", "#555555");
        if let Some(beside) = gathered.beside {
            root.edge(NodeId::of(beside).as_str(), id.as_str())
                .attributes()
                .attr("dir", "none")
                .attr("style", "dashed")
                .attr("color", "#aaaaaa");
        }
    }
}

/// The status a line of parallel relations is drawn with: the most confirmed one still in
/// force, or ended (cancelled) when every one has ended (was cancelled).
pub(super) fn group_status(
    statuses: impl Iterator<Item = Option<Status>> + Clone,
) -> Option<Status> {
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
pub(super) const LABEL_LINES: usize = 3;

/// One line per relation (amount and date, and `ended` or `cancelled`), repeats dropped, at
/// most [`LABEL_LINES`]; an investor clause is headed "asked investors not to fund".
pub(super) fn edge_label(relations: &[&Relation]) -> String {
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
pub(super) fn wrap(name: &str, width: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
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
