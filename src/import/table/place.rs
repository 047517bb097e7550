//! One row of a table as the fields read it: the text each field takes from its cells, and
//! where a problem with it is reported.

use std::collections::HashMap;

use super::ImportProblem;
use super::cells::CellProblem;
use super::plan::{Mapped, Producer};
use super::read::{Row, Table};
use super::template::Piece;

/// A row, and the companies its `from` and `to` cells named once resolved.
pub(super) struct Place<'t> {
    pub(super) table: &'t Table,
    pub(super) row: &'t Row,
    /// `to`, `to.crunchbase`, ...: the ids and fields of the row's companies, for templates.
    pub(super) companies: HashMap<String, String>,
}

impl<'t> Place<'t> {
    pub(super) fn new(table: &'t Table, row: &'t Row) -> Place<'t> {
        Place {
            table,
            row,
            companies: HashMap::new(),
        }
    }

    /// A problem with the cell `mapped` reads, or with the row.
    pub(super) fn problem(&self, mapped: Option<&Mapped>, problem: CellProblem) -> ImportProblem {
        let column = mapped.and_then(|m| m.column.as_ref());
        ImportProblem {
            file: self.table.name.clone(),
            line: Some(self.row.line),
            column: column.map(|(index, _)| index + 1),
            header: column.map(|(_, header)| header.clone()),
            message: problem.message,
            hint: Some(problem.hint),
        }
    }

    /// The cell at `index`, trimmed; `None` when empty.
    pub(super) fn cell(&self, index: usize) -> Option<&str> {
        self.row
            .cells
            .get(index)
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
    }

    /// A template filled in; `None` when a cell or company field it names is empty.
    fn fill(&self, pieces: &[Piece]) -> Option<String> {
        pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => Some(text.as_str()),
                Piece::Cell(index) => self.cell(*index),
                Piece::Company(side, field) => {
                    let key = field
                        .as_ref()
                        .map_or_else(|| side.clone(), |f| format!("{side}.{f}"));
                    self.companies.get(&key).map(String::as_str)
                }
            })
            .collect()
    }

    /// The text `mapped` gives as written: its cell, fixed value, template or joined cells;
    /// `None` when empty.
    pub(super) fn text(&self, mapped: &Mapped) -> Option<String> {
        let text = match &mapped.producer {
            Producer::Column(index) => self.cell(*index).map(str::to_owned),
            Producer::Fixed(value) => Some(value.clone()),
            Producer::Template(pieces) => self.fill(pieces),
            Producer::Joined(indices, join) => {
                let cells: Vec<&str> = indices.iter().filter_map(|i| self.cell(*i)).collect();
                Some(cells.join(join))
            }
        };
        text.filter(|text| !text.trim().is_empty())
    }

    /// The field's value as text: what it gives, through its `pattern`, or its `default` when
    /// it gives nothing. A text the pattern does not match is a problem.
    pub(super) fn value(&self, mapped: &Mapped) -> Result<Option<String>, CellProblem> {
        let Some(text) = self.text(mapped) else {
            return Ok(mapped.default.as_deref().and_then(|d| self.fill(d)));
        };
        let Some(pattern) = &mapped.pattern else {
            return Ok(Some(text));
        };
        let captures = pattern.captures(&text).ok_or_else(|| CellProblem {
            message: format!("`{text}` does not match the pattern `{pattern}`"),
            hint: "correct the cell, or the mapping's `pattern`".to_owned(),
        })?;
        let found = captures.get(1).or_else(|| captures.get(0));
        Ok(found
            .map(|m| m.as_str().to_owned())
            .filter(|t| !t.is_empty()))
    }
}
