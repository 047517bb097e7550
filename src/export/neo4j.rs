//! The node and relationship files of `neo4j-admin database import`, Neo4j's route for
//! millions of records: `companies.csv` (`id:ID(Company)`, typed property columns, `:LABEL`),
//! `relations.csv` (`:START_ID(Company)`, `:END_ID(Company)`, `:TYPE` in upper case, typed
//! property columns), and `import.sh`, the command that loads them.
//!
//! An empty cell is a missing property. Lists are `string[]` columns split on `;`, the
//! tool's default array delimiter; sources and `extra` are JSON text. Dates stay text, since
//! a partial date (`2024-10`) is not a Neo4j date.

use std::io::Write;

use crate::export::columns::{
    COMPANY_COLUMNS, Column, ColumnType, Lists, RELATION_COLUMNS, company_rows, relation_rows,
    write_table,
};
use crate::export::{ExportError, Part, Selection};
use crate::graph::KnowledgeGraph;

/// The array delimiter `neo4j-admin` splits list columns on, and lists are joined with.
const LISTS: Lists = (';', ";");

/// The files of the export, in the order they are written.
pub const PARTS: &[Part] = &[
    Part::new("companies.csv", write_companies),
    Part::new("relations.csv", write_relations),
    Part::new("import.sh", write_import_script),
];

/// The node file: one row per company.
///
/// # Example
///
/// ```
/// use dealgraph::export::{neo4j, Selection};
///
/// let graph = dealgraph::curated::load();
/// let mut out = Vec::new();
/// neo4j::write_companies(&graph, &Selection::whole(&graph), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("id:ID(Company),name,aliases:string[],sectors:string[],"));
/// ```
pub fn write_companies(
    graph: &KnowledgeGraph,
    selection: &Selection,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let mut header: Vec<String> = COMPANY_COLUMNS.iter().map(company_header).collect();
    header.push(":LABEL".to_owned());
    let columns = COMPANY_COLUMNS.iter().enumerate().collect();
    let rows = company_rows(graph, selection, columns, LISTS).map(|row| {
        row.map(|mut row| {
            row.push("Company".to_owned());
            row
        })
    });
    write_table(out, &header, rows)
}

/// The relationship file: one row per relation, its type in upper case.
pub fn write_relations(
    graph: &KnowledgeGraph,
    selection: &Selection,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let header: Vec<String> = RELATION_COLUMNS.iter().map(relation_header).collect();
    let type_at = RELATION_COLUMNS
        .iter()
        .position(|column| column.name == "type")
        .expect("relations have a type column");
    let columns = RELATION_COLUMNS.iter().enumerate().collect();
    let rows = relation_rows(graph, selection, columns, LISTS).map(|row| {
        row.map(|(id, mut row)| {
            row[type_at] = graph.facts(id).kind.as_str().to_uppercase();
            row
        })
    });
    write_table(out, &header, rows)
}

/// The command that loads the two files into a new database.
pub fn write_import_script(
    _: &KnowledgeGraph,
    _: &Selection,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    out.write_all(IMPORT_SCRIPT.as_bytes())?;
    Ok(())
}

/// `import.sh`: loads the folder it sits in with Neo4j 5's `neo4j-admin`.
const IMPORT_SCRIPT: &str = r#"#!/bin/sh
# Loads companies.csv and relations.csv into a Neo4j 5 database, replacing it.
# Stop the database first (neo4j stop), run this script, then start it (neo4j start).
# Usage: sh import.sh [DATABASE]     (default: neo4j)
# NEO4J_HOME, when set, says where Neo4j is installed; otherwise neo4j-admin must be on the PATH.
set -eu
cd "$(dirname "$0")"
admin=neo4j-admin
if [ -n "${NEO4J_HOME:-}" ]; then admin="$NEO4J_HOME/bin/neo4j-admin"; fi
"$admin" database import full \
  --overwrite-destination=true \
  --multiline-fields=true \
  --array-delimiter=';' \
  --nodes=companies.csv \
  --relationships=relations.csv \
  "${1:-neo4j}"
"#;

/// A company column's header: `id:ID(Company)`, or the name with its type.
fn company_header(column: &Column) -> String {
    if column.name == "id" {
        "id:ID(Company)".to_owned()
    } else {
        typed_header(column)
    }
}

/// A relation column's header: the ends and type under Neo4j's own names.
fn relation_header(column: &Column) -> String {
    match column.name {
        "from" => ":START_ID(Company)".to_owned(),
        "to" => ":END_ID(Company)".to_owned(),
        "type" => ":TYPE".to_owned(),
        _ => typed_header(column),
    }
}

fn typed_header(column: &Column) -> String {
    let kind = match column.kind {
        ColumnType::Text | ColumnType::Json => return column.name.to_owned(),
        ColumnType::Integer => "long",
        ColumnType::Number => "double",
        ColumnType::Boolean => "boolean",
        ColumnType::TextList => "string[]",
    };
    format!("{}:{kind}", column.name)
}
