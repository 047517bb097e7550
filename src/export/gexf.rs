//! GEXF 1.3, for Gephi: every field a typed attribute, and each dated relation given a spell
//! from the first day its date may stand for to the last day of its end, so Gephi's timeline
//! plays the graph over time. Undated relations have no spell, and so show at every time.
//!
//! Partnerships and competitors are `mutual` edges; lists are text joined with `; `, sources
//! and `extra` JSON text.

use std::io::{self, Write};

use crate::export::Selection;
use crate::export::columns::{Cell, Column, company_cells, relation_cells};
use crate::export::xml::{LIST_SEPARATOR, XmlOut, attribute_type, edge_columns, node_columns};
use crate::graph::KnowledgeGraph;
use crate::query::KeyCache;

/// Writes `selection` as GEXF 1.3; returns how many characters XML cannot hold were replaced.
///
/// # Example
///
/// ```
/// use dealgraph::export::{gexf, Selection};
///
/// let graph = dealgraph::curated::load();
/// let mut out = Vec::new();
/// gexf::write_gexf(&graph, &Selection::whole(&graph), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains(r#"<graph defaultedgetype="directed" mode="dynamic" timeformat="date">"#));
/// assert!(text.contains("<spell start=\"2024-10-02\""));
/// ```
pub fn write_gexf(
    graph: &KnowledgeGraph,
    selection: &Selection,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let mut xml = XmlOut::new(out);
    xml.document(
        "gexf",
        "http://gexf.net/1.3",
        "http://gexf.net/1.3/gexf.xsd",
        " version=\"1.3\"",
    )?;
    xml.raw(concat!(
        "  <meta>\n    <creator>dealgraph</creator>\n",
        "    <description>Company relationships: companies are nodes, relations directed edges ",
        "named by their keys</description>\n  </meta>\n",
        "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n"
    ))?;
    write_attributes(&mut xml, "node", node_columns())?;
    write_attributes(&mut xml, "edge", edge_columns())?;
    xml.raw("    <nodes>\n")?;
    for &node in &selection.companies {
        let company = graph.company(node);
        let attributes = [
            ("id", company.id.as_str()),
            ("label", company.name.as_str()),
        ];
        xml.start("      ", "node", &attributes, ">")?;
        write_values(&mut xml, node_columns(), company_cells(company))?;
        xml.raw("      </node>\n")?;
    }
    xml.raw("    </nodes>\n    <edges>\n")?;
    let mut keys = KeyCache::new(graph);
    for &id in &selection.relations {
        let key = keys.key(id);
        let facts = graph.facts(id);
        let kind = if facts.kind.is_symmetric() {
            "mutual"
        } else {
            "directed"
        };
        let type_name = facts.kind.as_str();
        let more = [("type", kind), ("kind", type_name), ("label", type_name)];
        xml.edge_start("      ", &key, &more)?;
        write_values(&mut xml, edge_columns(), relation_cells(graph, id, &key))?;
        if facts.date.is_some() || facts.end.is_some() {
            xml.raw("        <spells>\n          <spell")?;
            if let Some(date) = facts.date {
                xml.raw(&format!(" start=\"{}\"", date.first_day()))?;
            }
            if let Some(end) = facts.end {
                xml.raw(&format!(" end=\"{}\"", end.last_day()))?;
            }
            xml.raw("/>\n        </spells>\n")?;
        }
        xml.raw("      </edge>\n")?;
    }
    xml.raw("    </edges>\n  </graph>\n</gexf>\n")?;
    Ok(xml.replaced)
}

fn write_attributes<'c>(
    xml: &mut XmlOut<'_>,
    class: &str,
    columns: impl Iterator<Item = (usize, &'c Column)>,
) -> io::Result<()> {
    xml.raw(&format!("    <attributes class=\"{class}\">\n"))?;
    for (_, column) in columns {
        xml.raw(&format!(
            "      <attribute id=\"{0}\" title=\"{0}\" type=\"{1}\"/>\n",
            column.name,
            attribute_type(column.kind)
        ))?;
    }
    xml.raw("    </attributes>\n")
}

fn write_values<'c>(
    xml: &mut XmlOut<'_>,
    columns: impl Iterator<Item = (usize, &'c Column)>,
    cells: Vec<Cell>,
) -> io::Result<()> {
    let mut opened = false;
    for (index, column) in columns {
        let Some(text) = cells[index].to_text(LIST_SEPARATOR) else {
            continue;
        };
        if !opened {
            xml.raw("        <attvalues>\n")?;
            opened = true;
        }
        xml.raw(&format!(
            "          <attvalue for=\"{}\" value=\"",
            column.name
        ))?;
        xml.escaped(&text)?;
        xml.raw("\"/>\n")?;
    }
    if opened {
        xml.raw("        </attvalues>\n")?;
    }
    Ok(())
}
