//! The mapping file of `dealgraph import csv`: which columns of which tables make companies,
//! relations and sources. Written in TOML; documented with examples in `graph/README.md`.
//!
//! ```toml
//! [relations]
//! type = { value = "investment" }          # a fixed type, or { column = "Kind", values = {...} }
//! from = "Investor"                         # a column: id, name, alias or ticker
//! to = "Company"
//! date = { column = "Date", formats = ["%m/%d/%Y", "%b %Y"] }
//! money = "Amount"                          # "$3.4B", "up to $100 billion", "€2.1M"
//! extra_columns = ["Partner"]               # kept under `extra`, by header name
//!
//! [relations.source]
//! url = "Link"
//! quote = "Quote"
//! ```
//!
//! A bare string names a column. Every field of the graph format can be mapped by its name
//! (`round`, `stake_percent`, `sectors`, ...), each cell read as that field's type.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A whole mapping: up to three tables, and how their files are split into cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// What problems in the mapping are reported under: its path.
    #[serde(skip, default = "unnamed")]
    pub name: String,
    /// The character between cells: `,`, `\t` or `;`; found from each file's first line
    /// when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// The tables of companies: one (`[companies]`) or several (`[[companies]]`), read in
    /// turn, each naming its `file`.
    #[serde(default, with = "one_or_many", skip_serializing_if = "Vec::is_empty")]
    pub companies: Vec<TableMapping>,
    /// The tables of relations, one relation per row: one or several, as for companies.
    #[serde(default, with = "one_or_many", skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<TableMapping>,
    /// The tables of sources, one per row, each naming its relation by key.
    #[serde(default, with = "one_or_many", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<TableMapping>,
}

/// One table: which file it is read from, and which column (or fixed value) gives each field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableMapping {
    /// The file name (as given on the command line, without its folder) the table is read
    /// from; needed only when several files are given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Relations: the source each row cites, field by field (`url`, `publisher`, `quote`, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub source: BTreeMap<String, Field>,
    /// Whether the file's first row names its columns (the default). A table without one names
    /// them as `columns` says, or else `column 1`, `column 2`, ...
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub header: bool,
    /// The names of the columns of a file without a header row (`header = false`), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// Companies tables: how a row finds a company already known (of the graph, or of an
    /// earlier row), tried in turn: `id`, `crunchbase`, `wikidata`, `lei`, `name` (ignoring case
    /// and punctuation; several bearers are reported) or `exact-name` (the first company given
    /// exactly that name). By default all but `exact-name`; `[]` makes every row a new company.
    /// A row that finds one adds what it
    /// says to a company of the import (sectors, `extra`, empty fields); a row that finds none
    /// is a new company, numbered (`acme-2`) when its id is taken.
    #[serde(default, rename = "match", skip_serializing_if = "Option::is_none")]
    pub match_by: Option<Vec<String>>,
    /// Relations tables: a row naming one company on both sides, which no relation can be,
    /// is kept in that company's `extra` under this key, as the row's cells by header (by
    /// default it is an error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_deals: Option<String>,
    /// Columns kept under `extra`, each under its header name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_columns: Vec<String>,
    /// What a cell that cannot be read as its field does: stop the import with its problem
    /// (`error`, the default), or stay as written under the record's `extra`, by its header
    /// (`extra`), so that nothing of a messy table is lost.
    #[serde(default, skip_serializing_if = "Invalid::is_default")]
    pub invalid: Invalid,
    /// The fields, by the graph format's names.
    #[serde(flatten)]
    pub fields: BTreeMap<String, Field>,
}

/// What a cell that cannot be read as its field does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Invalid {
    /// The import stops, naming the cell.
    #[default]
    Error,
    /// The cell is kept as written under the record's `extra`, by its header.
    Extra,
}

impl Invalid {
    fn is_default(&self) -> bool {
        *self == Invalid::Error
    }
}

/// Where a field's value comes from: a column named by a bare string, or a table that says
/// more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Field {
    /// The column with this header.
    Column(String),
    /// A column with options, a fixed value or a template.
    Detailed(Box<FieldSpec>),
}

/// A field read with options, or fixed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// The column with this header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// A value every row gets, instead of a column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// A value made of the row's cells, instead of a column: `{Header}` stands for the cell of
    /// that column, `{{` and `}}` for braces. A row with any of those cells empty gets none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Lists: what separates items in a cell (default `;`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<String>,
    /// A value made of several columns: their cells that are filled in, joined by `join`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// What joins the cells of `columns` (default a space).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join: Option<String>,
    /// A regular expression the value must match; its first group (or the whole match) is
    /// the field's value: `^/company/(.+)$` reads `/company/acme` as `acme`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// A template (`{Header}` for a cell) used when the field gives no value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// `money`: the column of the currency code (`USD`, `EUR`) of a plain-number amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Dates: the strftime formats tried in turn after `YYYY`, `YYYY-MM` and `YYYY-MM-DD`
    /// (`%m/%d/%Y`, `%b %Y`); a format without a day reads a month, without a month a year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<String>,
    /// `from`, `to`: which field of a company the cell holds: `crunchbase`, `wikidata`, `lei`
    /// or `id`, matched exactly; `exact-name`, the first company given exactly that name; by
    /// default its id, name, alias or ticker, ignoring case and punctuation. When the cell is
    /// empty, the company is the one first given exactly the name `name` gives.
    #[serde(default, rename = "match", skip_serializing_if = "Option::is_none")]
    pub match_by: Option<String>,
    /// `from`, `to`: the id of a company the import makes, made a slug (by default the slug of
    /// its name); numbered when taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Field>,
    /// `from`, `to`: the name of a company the import makes (by default the cell).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Field>,
    /// `from`, `to`: the sectors of a company the import makes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sectors: Option<Field>,
    /// `from`, `to`: the country of a company the import makes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Field>,
    /// Words in the cells and the words of the format they stand for
    /// (`{ "closed" = "completed" }`), matched ignoring case.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, String>,
}

fn yes() -> bool {
    true
}

fn is_yes(value: &bool) -> bool {
    *value
}

fn unnamed() -> String {
    "the mapping".to_owned()
}

impl Default for TableMapping {
    fn default() -> TableMapping {
        TableMapping {
            file: None,
            source: BTreeMap::new(),
            header: true,
            columns: Vec::new(),
            match_by: None,
            self_deals: None,
            extra_columns: Vec::new(),
            invalid: Invalid::Error,
            fields: BTreeMap::new(),
        }
    }
}

impl Field {
    /// The field's options: a bare column as a spec with only its column.
    pub fn spec(&self) -> FieldSpec {
        match self {
            Field::Column(column) => FieldSpec {
                column: Some(column.clone()),
                ..FieldSpec::default()
            },
            Field::Detailed(spec) => spec.as_ref().clone(),
        }
    }
}

impl Mapping {
    /// Reads a mapping from TOML.
    ///
    /// # Errors
    ///
    /// TOML's own error, with its line and column, when the text is not a mapping.
    ///
    /// # Example
    ///
    /// ```
    /// use dealgraph::import::table::Mapping;
    ///
    /// let mapping = Mapping::from_toml(r#"
    ///     [relations]
    ///     type = { value = "lease" }
    ///     from = "Landlord"
    ///     to = "Tenant"
    /// "#).unwrap();
    /// assert_eq!(mapping.relations[0].fields.len(), 3);
    /// ```
    pub fn from_toml(text: &str) -> Result<Mapping, toml::de::Error> {
        toml::from_str(text)
    }

    /// An empty mapping reported under `name`.
    pub fn named(name: impl Into<String>) -> Mapping {
        Mapping {
            name: name.into(),
            delimiter: None,
            companies: Vec::new(),
            relations: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// The mapping as TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a mapping always serializes")
    }
}

/// A section written as one table (`[relations]`) or a list of them (`[[relations]]`); one
/// table is written back as one.
mod one_or_many {
    use std::fmt;

    use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
    use serde::de::{MapAccess, SeqAccess, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::TableMapping;

    /// Reads a table or an array of tables, keeping the inner errors (a misspelt key) as
    /// they are.
    struct Tables;

    impl<'de> Visitor<'de> for Tables {
        type Value = Vec<TableMapping>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a table, or an array of tables")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            TableMapping::deserialize(MapAccessDeserializer::new(map)).map(|table| vec![table])
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            Vec::deserialize(SeqAccessDeserializer::new(seq))
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<TableMapping>, D::Error> {
        deserializer.deserialize_any(Tables)
    }

    pub fn serialize<S: Serializer>(
        tables: &[TableMapping],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match tables {
            [one] => one.serialize(serializer),
            many => many.serialize(serializer),
        }
    }
}
