//! A Cypher script that builds the graph: in Neo4j or Memgraph (`cypher-shell -f`, `mgconsole`),
//! or, with the Ladybug dialect, in Ladybug, the maintained fork of the embedded Kuzu database.
//!
//! Companies become `Company` nodes; each relation an edge whose type is its own in upper case
//! (`INVESTMENT`, `LEASE`), with every field as a property (sources and `extra` as JSON
//! text). Records go in batches of [`BATCH`] through `UNWIND`. Ladybug needs its schema
//! first (a node table and one relation table per type) and every property in every row, so
//! its rows spell out missing values as typed nulls.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::export::Selection;
use crate::export::columns::{
    COMPANY_COLUMNS, Cell, Column, ColumnType, RELATION_COLUMNS, company_cells, relation_cells,
};
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::RelationKind;
use crate::query::KeyCache;

/// How many records one `UNWIND` statement creates.
pub const BATCH: usize = 1000;

/// The database the script is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// Neo4j 5.
    #[default]
    Neo4j,
    /// Memgraph.
    Memgraph,
    /// Ladybug (and Kuzu): typed schema first, typed nulls in rows.
    Ladybug,
}

/// Writes `selection` as a Cypher script for `dialect`.
///
/// # Example
///
/// ```
/// use dealgraph::export::cypher::{write_cypher, Dialect};
/// use dealgraph::export::Selection;
///
/// let graph = dealgraph::curated::load();
/// let mut out = Vec::new();
/// write_cypher(&graph, &Selection::whole(&graph), Dialect::Ladybug, &mut out).unwrap();
/// let script = String::from_utf8(out).unwrap();
/// assert!(script.contains("CREATE NODE TABLE Company(`id` STRING, `name` STRING,"));
/// assert!(script.contains("CREATE REL TABLE LEASE(FROM Company TO Company,"));
/// ```
pub fn write_cypher(
    graph: &KnowledgeGraph,
    selection: &Selection,
    dialect: Dialect,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "// {} companies and {} relations, written by dealgraph for {}.",
        selection.companies.len(),
        selection.relations.len(),
        match dialect {
            Dialect::Neo4j => "Neo4j: cypher-shell -f FILE",
            Dialect::Memgraph => "Memgraph: mgconsole < FILE",
            Dialect::Ladybug => "Ladybug: run each line with Connection.execute",
        }
    )?;
    write_schema(dialect, out)?;
    for batch in selection.companies.chunks(BATCH) {
        let rows: Vec<String> = batch
            .iter()
            .map(|&node| {
                row(
                    COMPANY_COLUMNS,
                    &company_cells(graph.company(node)),
                    dialect,
                )
            })
            .collect();
        let create = match dialect {
            Dialect::Ladybug => format!("CREATE (:Company {{{}}})", assignments(COMPANY_COLUMNS)),
            Dialect::Neo4j | Dialect::Memgraph => "CREATE (c:Company) SET c = row".to_owned(),
        };
        writeln!(out, "UNWIND [{}] AS row {create};", rows.join(", "))?;
    }
    let mut keys = KeyCache::new(graph);
    for kind in RelationKind::ALL {
        let of_kind: Vec<RelationId> = selection
            .relations
            .iter()
            .copied()
            .filter(|&id| graph.facts(id).kind == kind)
            .collect();
        for batch in of_kind.chunks(BATCH) {
            let rows: Vec<String> = batch
                .iter()
                .map(|&id| {
                    let key = keys.key(id);
                    row(RELATION_COLUMNS, &relation_cells(graph, id, &key), dialect)
                })
                .collect();
            writeln!(out, "{};", relation_statement(kind, &rows, dialect))?;
        }
    }
    Ok(())
}

/// The statements that come before the data: a uniqueness constraint on company ids, and
/// Ladybug's tables.
fn write_schema(dialect: Dialect, out: &mut dyn Write) -> io::Result<()> {
    match dialect {
        Dialect::Neo4j => writeln!(
            out,
            "CREATE CONSTRAINT company_id IF NOT EXISTS FOR (c:Company) REQUIRE c.id IS UNIQUE;"
        ),
        Dialect::Memgraph => writeln!(
            out,
            "CREATE CONSTRAINT ON (c:Company) ASSERT c.id IS UNIQUE;\nCREATE INDEX ON :Company(id);"
        ),
        Dialect::Ladybug => {
            writeln!(
                out,
                "CREATE NODE TABLE Company({}, PRIMARY KEY (`id`));",
                declarations(COMPANY_COLUMNS.iter())
            )?;
            for kind in RelationKind::ALL {
                writeln!(
                    out,
                    "CREATE REL TABLE {}(FROM Company TO Company, {});",
                    edge_type(kind),
                    declarations(RELATION_COLUMNS.iter().filter(|c| !is_end(c)))
                )?;
            }
            Ok(())
        }
    }
}

/// The `UNWIND` statement that creates one batch of relations of `kind`.
fn relation_statement(kind: RelationKind, rows: &[String], dialect: Dialect) -> String {
    let ends = "MATCH (a:Company {id: row.`from`}) MATCH (b:Company {id: row.`to`})";
    let create = match dialect {
        Dialect::Ladybug => {
            let properties: Vec<&Column> = RELATION_COLUMNS.iter().filter(|c| !is_end(c)).collect();
            let set: Vec<String> = properties
                .iter()
                .map(|c| format!("`{0}`: row.`{0}`", c.name))
                .collect();
            format!(
                "CREATE (a)-[:{} {{{}}}]->(b)",
                edge_type(kind),
                set.join(", ")
            )
        }
        Dialect::Neo4j | Dialect::Memgraph => format!(
            "CREATE (a)-[r:{}]->(b) SET r = row, r.`from` = null, r.`to` = null",
            edge_type(kind)
        ),
    };
    format!("UNWIND [{}] AS row {ends} {create}", rows.join(", "))
}

/// A relation type's edge type: its name in upper case.
fn edge_type(kind: RelationKind) -> String {
    kind.as_str().to_uppercase()
}

fn is_end(column: &Column) -> bool {
    matches!(column.name, "from" | "to")
}

/// Ladybug's column declarations: `` `name` TYPE ``, comma-separated.
fn declarations<'c>(columns: impl Iterator<Item = &'c Column>) -> String {
    let declared: Vec<String> = columns
        .map(|column| format!("`{}` {}", column.name, ladybug_type(column.kind)))
        .collect();
    declared.join(", ")
}

fn ladybug_type(kind: ColumnType) -> &'static str {
    match kind {
        ColumnType::Text | ColumnType::Json => "STRING",
        ColumnType::Integer => "INT64",
        ColumnType::Number => "DOUBLE",
        ColumnType::Boolean => "BOOLEAN",
        ColumnType::TextList => "STRING[]",
    }
}

/// Ladybug's node properties, each taken from the row.
fn assignments(columns: &[Column]) -> String {
    let set: Vec<String> = columns
        .iter()
        .map(|c| format!("`{0}`: row.`{0}`", c.name))
        .collect();
    set.join(", ")
}

/// A record as a map literal: Neo4j and Memgraph leave missing values out, Ladybug writes them
/// as typed nulls.
fn row(columns: &[Column], cells: &[Cell], dialect: Dialect) -> String {
    let mut map = String::from("{");
    for (column, cell) in columns.iter().zip(cells) {
        let value = match (cell, dialect) {
            (Cell::Missing, Dialect::Ladybug) => {
                format!("CAST(NULL AS {})", ladybug_type(column.kind))
            }
            (Cell::Missing, _) => continue,
            (cell, _) => literal(cell, column.kind),
        };
        if map.len() > 1 {
            map.push_str(", ");
        }
        let _ = write!(map, "`{}`: {value}", column.name);
    }
    map.push('}');
    map
}

/// A cell as a Cypher literal of its column's type.
fn literal(cell: &Cell, kind: ColumnType) -> String {
    match cell {
        Cell::Missing => "null".to_owned(),
        Cell::Text(text) => string(text),
        Cell::Boolean(value) => value.to_string(),
        Cell::Number(number) if kind == ColumnType::Number => {
            float(number.as_f64().expect("amounts are finite numbers"))
        }
        Cell::Number(number) => number.to_string(),
        Cell::List(items) => {
            let quoted: Vec<String> = items.iter().map(|item| string(item)).collect();
            format!("[{}]", quoted.join(", "))
        }
        Cell::Json(value) => string(&value.to_string()),
    }
}

/// A number written as a float literal, so that every value of a column has one type.
fn float(value: f64) -> String {
    let mut text = value.to_string();
    if !text.contains('.') {
        text.push_str(".0");
    }
    text
}

/// A single-quoted string literal: quotes, backslashes and control characters escaped.
fn string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('\'');
    for c in text.chars() {
        match c {
            '\'' => quoted.push_str("\\'"),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04x}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('\'');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_numbers_are_cypher_literals() {
        assert_eq!(string("it's a \\ \n\u{1b}"), r"'it\'s a \\ \n\u001b'");
        assert_eq!(float(1_250_000_000.0), "1250000000.0");
        assert_eq!(float(1.5), "1.5");
    }
}
