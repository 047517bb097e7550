//! The typed columns that tabular and attributed exports write: one per field of a company or
//! a relation, read from the record's serde form, so each format names and types them alike.
//!
//! A test serializes a company and a relation with every field set and checks that each key is
//! a column here: a field added to the format without a column fails it, rather than going
//! missing from every export.

use serde_json::{Map, Number, Value};

use crate::export::{ExportError, Selection};
use crate::graph::{KnowledgeGraph, RelationId};
use crate::model::{Company, RelationKey};
use crate::query::KeyCache;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text.
    Text,
    /// A whole number.
    Integer,
    /// A number, whole or not.
    Number,
    /// True or false.
    Boolean,
    /// A list of texts.
    TextList,
    /// A JSON value written as text: sources, `extra`.
    Json,
}

/// A column: the field's name as the graph format spells it, and its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The field's name.
    pub name: &'static str,
    /// What it holds.
    pub kind: ColumnType,
}

const fn column(name: &'static str, kind: ColumnType) -> Column {
    Column { name, kind }
}

use ColumnType::{Boolean, Integer, Json, Number as Num, Text, TextList};

/// A company's columns, `id` first.
pub const COMPANY_COLUMNS: &[Column] = &[
    column("id", Text),
    column("name", Text),
    column("aliases", TextList),
    column("sectors", TextList),
    column("country", Text),
    column("ticker", Text),
    column("wikidata", Text),
    column("lei", Text),
    column("crunchbase", Text),
    column("url", Text),
    column("notes", Text),
    column("extra", Json),
];

/// A relation's columns: its key, ends and type first, then its fields in the format's order,
/// then two derived ones (`symmetric`, `reliability`).
pub const RELATION_COLUMNS: &[Column] = &[
    column("key", Text),
    column("type", Text),
    column("from", Text),
    column("to", Text),
    column("symmetric", Boolean),
    column("date", Text),
    column("end", Text),
    column("status", Text),
    column("amount_usd", Num),
    column("amount_max_usd", Num),
    column("amount_text", Text),
    column("currency", Text),
    column("amount", Num),
    column("estimated", Boolean),
    column("deal", Text),
    column("round", Text),
    column("lead", Boolean),
    column("valuation_usd", Num),
    column("stake_percent", Num),
    column("site", Text),
    column("capacity_mw", Num),
    column("term_years", Num),
    column("chips", Text),
    column("gpus", Integer),
    column("scope", Text),
    column("binding", Boolean),
    column("retroactive", Boolean),
    column("reliability", Text),
    column("notes", Text),
    column("sources", Json),
    column("extra", Json),
];

/// A source's columns, as the CSV export's sources table writes them.
pub const SOURCE_COLUMNS: &[Column] = &[
    column("publisher", Text),
    column("title", Text),
    column("url", Text),
    column("date", Text),
    column("quote", Text),
    column("reliability", Text),
];

/// One value of a record under a column; `Missing` where the record leaves the field out.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value.
    Missing,
    /// Text.
    Text(String),
    /// A number as the graph file writes it (whole amounts without a fraction).
    Number(Number),
    /// True or false.
    Boolean(bool),
    /// A list of texts.
    List(Vec<String>),
    /// A JSON value.
    Json(Value),
}

impl Cell {
    /// The cell as text: lists joined with `separator`, JSON compact; `None` when missing.
    pub fn to_text(&self, separator: &str) -> Option<String> {
        match self {
            Cell::Missing => None,
            Cell::Text(text) => Some(text.clone()),
            Cell::Number(number) => Some(number.to_string()),
            Cell::Boolean(value) => Some(value.to_string()),
            Cell::List(items) => Some(items.join(separator)),
            Cell::Json(value) => Some(value.to_string()),
        }
    }

    /// Whether the record leaves the field out.
    pub fn is_missing(&self) -> bool {
        matches!(self, Cell::Missing)
    }
}

/// The cells of `columns` (each with its index among `cells`) as text, lists joined with
/// `join`; a list item holding `separator`, which the format splits lists on, cannot be written.
pub(crate) fn text_row<'c>(
    columns: impl Iterator<Item = (usize, &'c Column)>,
    cells: &[Cell],
    (separator, join): Lists,
    record: impl Fn() -> String,
) -> Result<Vec<String>, ExportError> {
    columns
        .map(|(index, column)| {
            let cell = &cells[index];
            if let Cell::List(items) = cell
                && let Some(item) = items.iter().find(|item| item.contains(separator))
            {
                return Err(ExportError::Delimiter {
                    record: record(),
                    field: column.name,
                    value: item.clone(),
                    delimiter: separator,
                });
            }
            Ok(cell.to_text(join).unwrap_or_default())
        })
        .collect()
}

/// List items are split on `.0` and joined with `.1` in a text cell.
pub(crate) type Lists = (char, &'static str);

/// The companies of `selection` as rows of `columns` (each with its index among
/// [`COMPANY_COLUMNS`]).
pub(crate) fn company_rows<'g>(
    graph: &'g KnowledgeGraph,
    selection: &'g Selection,
    columns: Vec<(usize, &'static Column)>,
    lists: Lists,
) -> impl Iterator<Item = Result<Vec<String>, ExportError>> + 'g {
    selection.companies.iter().map(move |&node| {
        let company = graph.company(node);
        let cells = company_cells(company);
        let record = || format!("company `{}`", company.id);
        text_row(columns.iter().copied(), &cells, lists, record)
    })
}

/// The relations of `selection`, each with its id, as rows of `columns` (each with its index
/// among [`RELATION_COLUMNS`]).
pub(crate) fn relation_rows<'g>(
    graph: &'g KnowledgeGraph,
    selection: &'g Selection,
    columns: Vec<(usize, &'static Column)>,
    lists: Lists,
) -> impl Iterator<Item = Result<(RelationId, Vec<String>), ExportError>> + 'g {
    let mut keys = KeyCache::new(graph);
    selection.relations.iter().map(move |&id| {
        let key = keys.key(id);
        let cells = relation_cells(graph, id, &key);
        let record = || format!("relation `{key}`");
        text_row(columns.iter().copied(), &cells, lists, record).map(|row| (id, row))
    })
}

/// Writes a CSV table: its header, then its rows, stopping at the first that cannot be written.
pub(crate) fn write_table(
    out: &mut dyn std::io::Write,
    header: &[String],
    rows: impl Iterator<Item = Result<Vec<String>, ExportError>>,
) -> Result<(), ExportError> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(header)?;
    for row in rows {
        csv.write_record(&row?)?;
    }
    csv.flush()?;
    Ok(())
}

/// A company's cells, one per column of [`COMPANY_COLUMNS`], in order.
///
/// # Example
///
/// ```
/// use dealgraph::export::columns::{company_cells, Cell, COMPANY_COLUMNS};
///
/// let graph = dealgraph::curated::load();
/// let openai = graph.company(graph.resolve("openai").unwrap());
/// let cells = company_cells(openai);
/// assert_eq!(cells.len(), COMPANY_COLUMNS.len());
/// assert_eq!(cells[1], Cell::Text("OpenAI".to_owned()));
/// ```
pub fn company_cells(company: &Company) -> Vec<Cell> {
    let record = to_map(company);
    cells_of(record, COMPANY_COLUMNS)
}

/// A relation's cells, one per column of [`RELATION_COLUMNS`], in order; `key` is the key
/// that addresses it (from [`crate::query::KeyCache`] when writing many).
pub fn relation_cells(graph: &KnowledgeGraph, id: RelationId, key: &RelationKey) -> Vec<Cell> {
    let relation = graph.relation(id);
    let mut record = to_map(relation);
    record.insert("key".to_owned(), Value::String(key.to_string()));
    record.insert(
        "symmetric".to_owned(),
        Value::Bool(relation.kind.is_symmetric()),
    );
    if let Some(reliability) = relation.reliability() {
        record.insert(
            "reliability".to_owned(),
            Value::String(reliability.as_str().to_owned()),
        );
    }
    cells_of(record, RELATION_COLUMNS)
}

/// A source's cells, one per column of [`SOURCE_COLUMNS`], in order.
pub fn source_cells(source: &crate::model::Source) -> Vec<Cell> {
    cells_of(to_map(source), SOURCE_COLUMNS)
}

/// The record as a JSON object.
fn to_map(record: &impl serde::Serialize) -> Map<String, Value> {
    match serde_json::to_value(record) {
        Ok(Value::Object(map)) => map,
        _ => unreachable!("records serialize as JSON objects"),
    }
}

/// The record's values under `columns`, in order.
fn cells_of(mut record: Map<String, Value>, columns: &[Column]) -> Vec<Cell> {
    columns
        .iter()
        .map(|column| match record.remove(column.name) {
            None | Some(Value::Null) => Cell::Missing,
            Some(value) => cell(value, column.kind),
        })
        .collect()
}

/// One value as a cell of a column of type `kind`.
fn cell(value: Value, kind: ColumnType) -> Cell {
    match (kind, value) {
        (ColumnType::Json, value) => Cell::Json(value),
        (_, Value::String(text)) => Cell::Text(text),
        (_, Value::Number(number)) => Cell::Number(number),
        (_, Value::Bool(value)) => Cell::Boolean(value),
        (_, Value::Array(items)) => Cell::List(
            items
                .into_iter()
                .map(|item| match item {
                    Value::String(text) => text,
                    other => other.to_string(),
                })
                .collect(),
        ),
        (_, other) => Cell::Json(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Relation, RelationKind, Source};

    /// A relation with every field set.
    fn full_relation() -> Relation {
        let mut relation = Relation::new(RelationKind::Investment, "a", "b");
        let date = Some("2024-01".parse().unwrap());
        relation.date = date;
        relation.end = date;
        relation.status = Some(crate::Status::Completed);
        relation.amount_usd = Some(1.0);
        relation.amount_max_usd = Some(2.0);
        relation.amount_text = Some("t".into());
        relation.currency = Some("EUR".into());
        relation.amount = Some(1.0);
        relation.estimated = Some(true);
        relation.deal = Some("d".into());
        relation.round = Some("r".into());
        relation.lead = Some(true);
        relation.valuation_usd = Some(1.0);
        relation.stake_percent = Some(1.0);
        relation.site = Some("s".into());
        relation.capacity_mw = Some(1.0);
        relation.term_years = Some(1.0);
        relation.chips = Some("c".into());
        relation.gpus = Some(1);
        relation.scope = Some(crate::Scope::Investors);
        relation.binding = Some(true);
        relation.retroactive = Some(true);
        relation.sources = vec![full_source()];
        relation.notes = Some("n".into());
        relation.extra = Some(Map::from_iter([("x".to_owned(), Value::from(1))]));
        relation
    }

    fn full_source() -> Source {
        Source {
            publisher: Some("p".into()),
            title: Some("t".into()),
            url: Some("https://example.com".into()),
            date: Some("2024".parse().unwrap()),
            quote: Some("q".into()),
            reliability: Some(crate::Reliability::Press),
        }
    }

    fn assert_every_key_is_a_column(record: Map<String, Value>, columns: &[Column]) {
        for key in record.keys() {
            assert!(
                columns.iter().any(|column| column.name == key),
                "the field `{key}` has no export column"
            );
        }
    }

    #[test]
    fn every_field_of_the_format_has_a_column() {
        assert_every_key_is_a_column(to_map(&full_relation()), RELATION_COLUMNS);
        assert_every_key_is_a_column(to_map(&full_source()), SOURCE_COLUMNS);
        let company: Company = serde_json::from_value(serde_json::json!({
            "id": "a", "name": "A", "aliases": ["x"], "sectors": ["cloud"], "country": "US",
            "ticker": "A", "wikidata": "Q1", "lei": "L", "crunchbase": "a", "url": "https://a.com",
            "notes": "n", "extra": {"k": 1}
        }))
        .unwrap();
        let record = to_map(&company);
        assert_eq!(
            record.len(),
            COMPANY_COLUMNS.len(),
            "a company field is not set above"
        );
        assert_every_key_is_a_column(record, COMPANY_COLUMNS);
    }

    #[test]
    fn cells_keep_the_type_of_their_column() {
        let cells = cells_of(to_map(&full_relation()), RELATION_COLUMNS);
        let at = |name: &str| {
            &cells[RELATION_COLUMNS
                .iter()
                .position(|c| c.name == name)
                .unwrap()]
        };
        assert_eq!(at("gpus"), &Cell::Number(1.into()));
        assert_eq!(at("lead"), &Cell::Boolean(true));
        assert_eq!(at("date"), &Cell::Text("2024-01".into()));
        assert!(matches!(at("sources"), Cell::Json(Value::Array(_))));
        assert_eq!(
            at("key"),
            &Cell::Missing,
            "the key is added by relation_cells"
        );
    }
}
