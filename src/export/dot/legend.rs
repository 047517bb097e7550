//! The legend: the relation types, statuses and sectors a diagram draws.

use std::collections::BTreeSet;

use super::draw::Drawing;
use super::escape::html_escape;
use super::style::{
    ENDED_COLOR, OTHER_SECTOR, SectorStyle, line_style, relation_color, sector_style,
};
use crate::export::diagram::Diagram;
use crate::graph::KnowledgeGraph;
use crate::model::{RelationKind, Status};

/// One column of the legend: a heading and its entries, each a sample cell (markup made here,
/// never user text) and the text beside it.
pub(super) struct LegendSection {
    pub(super) heading: &'static str,
    pub(super) entries: Vec<(String, String)>,
}

/// The most rows a legend section has before it wraps into another column.
pub(super) const LEGEND_ROWS: usize = 5;

impl LegendSection {
    /// The section as a table of `rows` rows (Graphviz stretches a shorter table to the
    /// height of its neighbours, so every section gets the same number), in as many columns as
    /// its entries need.
    pub(super) fn markup(&self, rows: usize) -> String {
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

/// The legend: the relation types, statuses and sectors (of companies not faded) the diagram
/// draws, and what its highlighted relations are.
pub(super) fn legend(
    graph: &KnowledgeGraph,
    diagram: &Diagram,
    drawing: &Drawing,
) -> [LegendSection; 3] {
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
