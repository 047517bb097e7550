//! Any table of deals as a graph: `dealgraph import csv FILE... --mapping MAP.toml`.
//!
//! A [`Mapping`] says which columns make companies, relations and sources. Companies named in
//! relation cells are matched to the graph's (by id, name, alias, ticker or external id) or
//! to the import's own companies table; a name no company bears becomes a new company with a
//! slug id, and a name several bear is reported, never guessed. Every cell that cannot be
//! read is reported with its file, line and column and a hint, all at once.

pub mod cells;
mod companies;
mod directory;
mod fields;
mod mapping;
mod place;
mod plan;
mod read;
mod records;
mod template;

use std::fmt;

use serde::Serialize;

use crate::graph::KnowledgeGraph;
use crate::model::GraphFile;

pub use directory::Matched;
pub use mapping::{Field, FieldSpec, Invalid, Mapping, TableMapping};

/// One CSV file to import.
#[derive(Debug, Clone)]
pub struct CsvFile {
    /// The name problems are reported under: the path as given.
    pub name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// A problem with the input or the mapping: where it is, what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportProblem {
    /// The file: a CSV file, or the mapping.
    pub file: String,
    /// The line, from 1, when the problem is in a row.
    pub line: Option<u64>,
    /// The column, from 1, when the problem is in a cell.
    pub column: Option<usize>,
    /// The column's header.
    pub header: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl fmt::Display for ImportProblem {
    /// `file:line:column: error: column `Amount`: message`, the hint on a second line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = crate::display::text;
        write!(f, "{}", text(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": error: ")?;
        if let Some(header) = &self.header {
            write!(f, "column `{}`: ", text(header))?;
        }
        write!(f, "{}", text(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", text(hint))?;
        }
        Ok(())
    }
}

/// Every problem an import found, in file and line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblems(pub Vec<ImportProblem>);

impl fmt::Display for ImportProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = crate::format::count(self.0.len(), "problem");
        write!(f, "the import has {count}; nothing was written:")?;
        for problem in &self.0 {
            write!(f, "\n{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportProblems {}

/// Where a record of the import comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The file.
    pub file: String,
    /// The line its row starts on.
    pub line: u64,
}

/// What an import makes: the records to add, and how names were matched.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    /// The companies the graph does not have yet, and every relation.
    pub records: GraphFile,
    /// Where each relation of `records` comes from, in order.
    pub relation_origins: Vec<Origin>,
    /// Names in the tables matched to companies of the graph.
    pub matched: Vec<Matched>,
    /// Rows of the companies table that describe a company already known (of the graph, or
    /// of an earlier row), and so were merged into it rather than added.
    pub merged: Vec<Matched>,
    /// How many rows each file gave.
    pub rows: Vec<(String, usize)>,
    /// How many rows had every cell empty, and were skipped.
    pub blank_rows: usize,
    /// How many rows named one company on both sides, and were kept in its `extra`.
    pub self_deals: usize,
    /// The cells that could not be read as their fields and were kept under `extra`, where a
    /// table says `invalid = "extra"`: each with its place and what was wrong.
    pub kept_in_extra: Vec<ImportProblem>,
}

/// Imports `files` as `mapping` says, matching names to `graph`'s companies when given.
///
/// # Errors
///
/// Every problem found: a mapping that names unknown fields or columns, cells that cannot be
/// read, names that fit several companies.
///
/// # Example
///
/// ```
/// use dealgraph::import::table::{import_csv, CsvFile, Mapping};
///
/// let mapping = Mapping::from_toml(r#"
///     [relations]
///     type = { value = "investment" }
///     from = "Investor"
///     to = "Company"
///     money = "Amount"
/// "#).unwrap();
/// let file = CsvFile { name: "deals.csv".into(), bytes: b"Investor,Company,Amount\nNvidia,Open AI,$100B\n".to_vec() };
/// let graph = dealgraph::curated::load();
/// let imported = import_csv(&[file], &mapping, Some(&graph)).unwrap();
/// let relation = &imported.records.relations[0];
/// assert_eq!((relation.from.as_str(), relation.to.as_str()), ("nvidia", "openai"));
/// assert_eq!(relation.amount_usd, Some(100e9));
/// assert!(imported.records.companies.is_empty());
/// ```
pub fn import_csv(
    files: &[CsvFile],
    mapping: &Mapping,
    graph: Option<&KnowledgeGraph>,
) -> Result<Imported, ImportProblems> {
    let mut problems = Vec::new();
    let mut tables = Vec::new();
    for file in files {
        match read::read_table(file, mapping.delimiter) {
            Ok(table) => tables.push(table),
            Err(problem) => problems.push(*problem),
        }
    }
    if !problems.is_empty() {
        return Err(ImportProblems(problems));
    }
    let imported = records::Builder::new(graph).build(&tables, mapping);
    imported.map_err(|mut problems| {
        problems.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        ImportProblems(problems)
    })
}
