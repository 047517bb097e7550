//! How a table's columns make one kind of record: which field each column gives, and how
//! `from` and `to` cells name companies.

use crate::export::columns::{COMPANY_COLUMNS, ColumnType, RELATION_COLUMNS, SOURCE_COLUMNS};

use super::mapping::{FieldSpec, Invalid};

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
