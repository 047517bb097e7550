//! CSV tables for spreadsheets: `companies.csv`, `relations.csv` (one row per relation, named
//! by its key) and `sources.csv` (one row per source, naming its relation's key), with
//! `mapping.toml`, the mapping `dealgraph import csv` reads them back with.
//!
//! Lists (aliases, sectors) are joined with `; `; `extra` is JSON text. Amounts are plain
//! numbers, dates as the graph writes them.

use std::collections::BTreeMap;
use std::io::Write;

use crate::export::columns::{
    COMPANY_COLUMNS, Column, Lists, RELATION_COLUMNS, SOURCE_COLUMNS, company_rows, relation_rows,
    source_cells, text_row, write_table,
};
use crate::export::{ExportError, Part, Selection};
use crate::graph::KnowledgeGraph;
use crate::import::table::{Field, Mapping, TableMapping};
use crate::query::KeyCache;

/// What list items in a cell are split on, and joined with.
const LISTS: Lists = (';', "; ");

/// The files of the export, in the order they are written.
pub const PARTS: &[Part] = &[
    Part::new("companies.csv", write_companies),
    Part::new("relations.csv", write_relations),
    Part::new("sources.csv", write_sources),
    Part::new("mapping.toml", write_mapping),
];

/// The relation columns of `relations.csv`: all but those derived from others or kept in
/// `sources.csv`.
fn relation_columns() -> impl Iterator<Item = (usize, &'static Column)> {
    RELATION_COLUMNS
        .iter()
        .enumerate()
        .filter(|(_, c)| !matches!(c.name, "symmetric" | "reliability" | "sources"))
}

/// `companies.csv`: one row per company.
///
/// # Example
///
/// ```
/// use dealgraph::export::{tables, Selection};
///
/// let graph = dealgraph::curated::load();
/// let mut out = Vec::new();
/// tables::write_companies(&graph, &Selection::whole(&graph), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("id,name,aliases,sectors,country,"));
/// ```
pub fn write_companies(
    graph: &KnowledgeGraph,
    selection: &Selection,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let header: Vec<String> = COMPANY_COLUMNS.iter().map(|c| c.name.to_owned()).collect();
    let columns = COMPANY_COLUMNS.iter().enumerate().collect();
    write_table(out, &header, company_rows(graph, selection, columns, LISTS))
}

/// `relations.csv`: one row per relation, its key first.
pub fn write_relations(
    graph: &KnowledgeGraph,
    selection: &Selection,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let header: Vec<String> = relation_columns().map(|(_, c)| c.name.to_owned()).collect();
    let rows = relation_rows(graph, selection, relation_columns().collect(), LISTS);
    write_table(out, &header, rows.map(|row| row.map(|(_, row)| row)))
}

/// `sources.csv`: one row per source of each relation, in order, naming the relation's key.
pub fn write_sources(
    graph: &KnowledgeGraph,
    selection: &Selection,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let mut csv = csv::Writer::from_writer(out);
    let header = std::iter::once("relation").chain(SOURCE_COLUMNS.iter().map(|c| c.name));
    csv.write_record(header)?;
    let mut keys = KeyCache::new(graph);
    for &id in &selection.relations {
        let sources = &graph.relation(id).sources;
        if sources.is_empty() {
            continue;
        }
        let key = keys.key(id).to_string();
        for source in sources {
            let cells = source_cells(source);
            let rest = text_row(SOURCE_COLUMNS.iter().enumerate(), &cells, LISTS, || {
                format!("a source of relation `{key}`")
            })?;
            csv.write_record(std::iter::once(key.clone()).chain(rest))?;
        }
    }
    csv.flush()?;
    Ok(())
}

/// `mapping.toml`: how `import csv` reads the three tables back.
pub fn write_mapping(
    _: &KnowledgeGraph,
    _: &Selection,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    out.write_all(
        b"# Reads this folder back into a graph:\n\
          #   dealgraph import csv companies.csv relations.csv sources.csv --mapping mapping.toml --out DIR\n\n",
    )?;
    out.write_all(mapping().to_toml().as_bytes())?;
    Ok(())
}

/// The mapping of the three tables: each column read into the field it is named after.
pub fn mapping() -> Mapping {
    let table = |file: &str, names: &mut dyn Iterator<Item = &'static str>| TableMapping {
        file: Some(file.to_owned()),
        fields: names
            .map(|name| (name.to_owned(), Field::Column(name.to_owned())))
            .collect::<BTreeMap<_, _>>(),
        ..TableMapping::default()
    };
    let mut mapping = Mapping::named("mapping.toml");
    mapping.companies = vec![table(
        "companies.csv",
        &mut COMPANY_COLUMNS.iter().map(|c| c.name),
    )];
    mapping.relations = vec![table(
        "relations.csv",
        &mut relation_columns().map(|(_, c)| c.name),
    )];
    let source_fields = std::iter::once("relation").chain(SOURCE_COLUMNS.iter().map(|c| c.name));
    mapping.sources = vec![table("sources.csv", &mut source_fields.into_iter())];
    mapping
}
