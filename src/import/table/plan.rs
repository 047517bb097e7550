//! How a table's columns make one kind of record: which field each column gives, and how
//! `from` and `to` cells name companies.

use crate::export::columns::{COMPANY_COLUMNS, ColumnType, RELATION_COLUMNS, SOURCE_COLUMNS};

use super::mapping::{FieldSpec, Invalid};
use super::read::Table;

/// The kinds of table a mapping describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Companies,
    Relations,
    Sources,
}

impl Kind {
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Companies => "companies",
            Kind::Relations => "relations",
            Kind::Sources => "sources",
        }
    }

    /// The fields a table of this kind may map, with their types.
    pub(super) fn fields(self) -> Vec<(&'static str, ColumnType)> {
        let derived = ["symmetric", "reliability", "sources"];
        let mut fields: Vec<(&str, ColumnType)> = match self {
            Kind::Companies => COMPANY_COLUMNS.iter().map(|c| (c.name, c.kind)).collect(),
            Kind::Relations => RELATION_COLUMNS
                .iter()
                .filter(|c| !derived.contains(&c.name))
                .map(|c| (c.name, c.kind))
                .collect(),
            Kind::Sources => SOURCE_COLUMNS.iter().map(|c| (c.name, c.kind)).collect(),
        };
        match self {
            Kind::Relations => fields.push(("money", ColumnType::Text)),
            Kind::Sources => fields.push(("relation", ColumnType::Text)),
            Kind::Companies => {}
        }
        fields
    }
}

/// Where one field's value comes from in a table.
#[derive(Debug, Clone)]
pub(super) struct Mapped {
    pub(super) field: String,
    pub(super) kind: ColumnType,
    pub(super) column: Option<(usize, String)>,
    pub(super) spec: FieldSpec,
    /// `from`, `to`: how the cell names its company, and what describes one the import makes.
    pub(super) company: CompanyColumns,
    /// The pieces of a `template`, when the field is made of the row's cells.
    pub(super) template: Vec<Piece>,
}

impl Mapped {
    /// Whether a cell of this field that cannot be read may be kept under `extra`: not one
    /// naming a company, which the record cannot do without.
    pub(super) fn keepable(&self) -> bool {
        !matches!(self.field.as_str(), "from" | "to" | "relation")
    }

    /// The key a cell kept under `extra` goes by: its column's header, or the field's name.
    pub(super) fn kept_name(&self) -> String {
        self.column
            .as_ref()
            .map_or_else(|| self.field.clone(), |(_, header)| header.clone())
    }
}

/// A piece of a template: text as it is, or the cell of a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    /// Text written as it is.
    Text(String),
    /// The cell of the column at this index.
    Cell(usize),
}

/// How a `from` or `to` cell names its company, and the columns that describe a company the
/// import makes of it.
#[derive(Debug, Clone, Default)]
pub(super) struct CompanyColumns {
    /// The field the cell holds exactly (`crunchbase`, ...), or `None` for names.
    pub(super) by: Option<&'static str>,
    /// The column naming a company the import makes.
    pub(super) name: Option<(usize, String)>,
    /// The column of its sectors.
    pub(super) sectors: Option<(usize, String)>,
    /// The column of its country.
    pub(super) country: Option<(usize, String)>,
}

/// How a table's columns make one kind of record.
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// The record's fields.
    pub(super) fields: Vec<Mapped>,
    /// The fields of the source a relation row cites.
    pub(super) source: Vec<Mapped>,
    /// The columns kept under `extra`.
    pub(super) extra: Vec<(usize, String)>,
    /// What a cell that does not read does.
    pub(super) invalid: Invalid,
}

impl Plan {
    /// The mapped field `name`, if it is mapped.
    pub(super) fn field(&self, name: &str) -> Option<&Mapped> {
        self.fields.iter().find(|m| m.field == name)
    }
}

/// Why a template cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TemplateProblem {
    /// A brace without its partner.
    Unmatched,
    /// `{Header}` names no column of the table.
    NoColumn(String),
}

/// The pieces of a template: `{Header}` a column's cell, `{{` and `}}` a brace, the rest text.
pub(super) fn parse_template(text: &str, table: &Table) -> Result<Vec<Piece>, TemplateProblem> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        literal.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("{{").or_else(|| tail.strip_prefix("}}")) {
            literal.push_str(&tail[..1]);
            rest = after;
            continue;
        }
        let (header, after) = tail
            .strip_prefix('{')
            .and_then(|t| t.split_once('}'))
            .ok_or(TemplateProblem::Unmatched)?;
        let index = table
            .column(header)
            .ok_or_else(|| TemplateProblem::NoColumn(header.to_owned()))?;
        if !literal.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut literal)));
        }
        pieces.push(Piece::Cell(index));
        rest = after;
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        pieces.push(Piece::Text(literal));
    }
    Ok(pieces)
}
