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
    /// The table of companies, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub companies: Option<TableMapping>,
    /// The table of relations, one per row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relations: Option<TableMapping>,
    /// The table of sources, one per row, each naming its relation by key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<TableMapping>,
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
    /// them `column 1`, `column 2`, ...
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub header: bool,
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
    /// Dates: the strftime formats tried in turn after `YYYY`, `YYYY-MM` and `YYYY-MM-DD`
    /// (`%m/%d/%Y`, `%b %Y`); a format without a day reads a month, without a month a year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<String>,
    /// `from`, `to`: which field of a company the cell holds: `crunchbase`, `wikidata`, `lei`
    /// or `id`, matched exactly; by default its id, name, alias or ticker, ignoring case and
    /// punctuation.
    #[serde(default, rename = "match", skip_serializing_if = "Option::is_none")]
    pub match_by: Option<String>,
    /// `from`, `to`: the column naming a company the import makes (by default the cell).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `from`, `to`: the column of the sectors of a company the import makes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sectors: Option<String>,
    /// `from`, `to`: the column of the country of a company the import makes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
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
    /// assert_eq!(mapping.relations.unwrap().fields.len(), 3);
    /// ```
    pub fn from_toml(text: &str) -> Result<Mapping, toml::de::Error> {
        toml::from_str(text)
    }

    /// An empty mapping reported under `name`.
    pub fn named(name: impl Into<String>) -> Mapping {
        Mapping {
            name: name.into(),
            delimiter: None,
            companies: None,
            relations: None,
            sources: None,
        }
    }

    /// The mapping as TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a mapping always serializes")
    }
}
