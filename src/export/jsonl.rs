//! JSON lines, for streaming tools: one record a line, companies first, then relations, each
//! as the graph format writes it with a `record` field (`company` or `relation`) first and,
//! for a relation, its `key`.

use std::io::{self, Write};

use serde::Serialize;

use crate::export::Selection;
use crate::graph::KnowledgeGraph;
use crate::model::Company;
use crate::query::{KeyCache, KeyedRelation};

/// One line of the export.
#[derive(Serialize)]
#[serde(tag = "record", rename_all = "snake_case")]
enum Line<'a> {
    Company(&'a Company),
    Relation(KeyedRelation<'a>),
}

/// Writes `selection` as JSON lines.
///
/// # Example
///
/// ```
/// use dealgraph::export::{jsonl, Selection};
///
/// let graph = dealgraph::curated::load();
/// let mut out = Vec::new();
/// jsonl::write_jsonl(&graph, &Selection::whole(&graph), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert_eq!(text.lines().count(), graph.company_count() + graph.relation_count());
/// assert!(text.starts_with(r#"{"record":"company","id":"#));
/// ```
pub fn write_jsonl(
    graph: &KnowledgeGraph,
    selection: &Selection,
    out: &mut dyn Write,
) -> io::Result<()> {
    for &node in &selection.companies {
        write_line(out, &Line::Company(graph.company(node)))?;
    }
    let mut keys = KeyCache::new(graph);
    for &id in &selection.relations {
        write_line(out, &Line::Relation(keys.keyed(id)))?;
    }
    Ok(())
}

fn write_line(out: &mut dyn Write, line: &Line<'_>) -> io::Result<()> {
    serde_json::to_writer(&mut *out, line)?;
    out.write_all(b"\n")
}
