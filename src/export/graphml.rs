//! GraphML, for yEd, Gephi, networkx and igraph: every field a typed attribute key.
//!
//! Companies are nodes named by id; relations are edges named by their key, directed, with a
//! `symmetric` attribute on partnerships and competitors. Lists (aliases, sectors) are written
//! as text joined with `; `, and sources and `extra` as JSON text, since GraphML's attribute
//! types are scalars.

use std::io::{self, Write};

use crate::export::Selection;
use crate::export::columns::{Cell, Column, company_cells, relation_cells};
use crate::export::xml::{LIST_SEPARATOR, XmlOut, attribute_type, edge_columns, node_columns};
use crate::graph::KnowledgeGraph;
use crate::query::KeyCache;

/// Writes `selection` as GraphML; returns how many characters XML cannot hold were replaced.
///
/// # Example
///
/// ```
/// use dealgraph::export::{graphml, Selection};
///
/// let graph = dealgraph::curated::load();
/// let mut out = Vec::new();
/// graphml::write_graphml(&graph, &Selection::whole(&graph), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains(r#"<key id="e_amount_usd" for="edge" attr.name="amount_usd" attr.type="double"/>"#));
/// assert!(text.contains(r#"<node id="openai">"#));
/// ```
pub fn write_graphml(
    graph: &KnowledgeGraph,
    selection: &Selection,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let mut xml = XmlOut::new(out);
    xml.document(
        "graphml",
        "http://graphml.graphdrawing.org/xmlns",
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        "",
    )?;
    for (_, column) in node_columns() {
        write_key(&mut xml, "n", "node", column)?;
    }
    for (_, column) in edge_columns() {
        write_key(&mut xml, "e", "edge", column)?;
    }
    xml.raw("  <graph id=\"dealgraph\" edgedefault=\"directed\">\n")?;
    for &node in &selection.companies {
        let company = graph.company(node);
        xml.start("    ", "node", &[("id", company.id.as_str())], ">")?;
        write_data(&mut xml, "n", node_columns(), &company_cells(company))?;
        xml.raw("    </node>\n")?;
    }
    let mut keys = KeyCache::new(graph);
    for &id in &selection.relations {
        let key = keys.key(id);
        xml.edge_start("    ", &key, &[])?;
        let cells = relation_cells(graph, id, &key);
        write_data(&mut xml, "e", edge_columns(), &cells)?;
        xml.raw("    </edge>\n")?;
    }
    xml.raw("  </graph>\n</graphml>\n")?;
    Ok(xml.replaced)
}

fn write_key(xml: &mut XmlOut<'_>, prefix: &str, owner: &str, column: &Column) -> io::Result<()> {
    xml.raw(&format!(
        "  <key id=\"{prefix}_{name}\" for=\"{owner}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>\n",
        name = column.name,
        kind = attribute_type(column.kind),
    ))
}

/// One `<data>` element per cell of `columns` that has a value.
fn write_data<'c>(
    xml: &mut XmlOut<'_>,
    prefix: &str,
    columns: impl Iterator<Item = (usize, &'c Column)>,
    cells: &[Cell],
) -> io::Result<()> {
    for (index, column) in columns {
        let Some(text) = cells[index].to_text(LIST_SEPARATOR) else {
            continue;
        };
        xml.raw(&format!("      <data key=\"{prefix}_{}\">", column.name))?;
        xml.escaped(&text)?;
        xml.raw("</data>\n")?;
    }
    Ok(())
}
