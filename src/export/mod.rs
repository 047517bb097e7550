//! Exporters: diagrams of the graph and of its answers, as Graphviz DOT, and the graph (or one
//! answer) in the formats of the tools analysts move it to: GraphML, GEXF, Neo4j's bulk import
//! files, Cypher, CSV tables and JSON lines.
//!
//! Build a [`Diagram`] from an answer, then render it with [`to_dot`], or take its
//! [`Selection`] and write that; all are pure, so the command line does the writing of files
//! and the running of Graphviz.
//!
//! ```
//! use dealgraph::export::{to_dot, Diagram, DotOptions};
//! use dealgraph::query::{supply_chain, RelationFilter, SupplySide, SUPPLY_KINDS};
//!
//! let graph = dealgraph::curated::load();
//! let openai = graph.resolve("openai").unwrap();
//! let filter = RelationFilter::for_kinds(&SUPPLY_KINDS, &[]).unwrap();
//! let chain = supply_chain(&graph, openai, SupplySide::Suppliers, 3, &filter);
//! let diagram = Diagram::from_supply_chain(&graph, openai, SupplySide::Suppliers, 3, &chain, &filter);
//! let dot = to_dot(&graph, &diagram, &DotOptions::default());
//! assert!(dot.contains("rankdir=\"LR\""));
//! assert_eq!(dot, to_dot(&graph, &diagram, &DotOptions::default()));
//! ```

pub mod columns;
pub mod crowd;
pub mod cypher;
pub mod diagram;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod jsonl;
pub mod layout;
pub mod neo4j;
mod selection;
pub mod tables;
pub mod timeline_svg;
mod xml;

use std::io::Write;

use crate::graph::KnowledgeGraph;

pub use diagram::{Diagram, Layout};
pub use dot::{DotOptions, EdgeLabels, to_dot, write_dot};
pub use selection::Selection;

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A list item holds the character the format separates list items with.
    #[error(
        "{record}: the {field} item `{value}` holds `{delimiter}`, which this format separates list items with; rename it without `{delimiter}` (dealgraph set), or export to graphml, gexf, jsonl or cypher, which keep it"
    )]
    Delimiter {
        /// The record: "company `x`".
        record: String,
        /// The field.
        field: &'static str,
        /// The item.
        value: String,
        /// The separator.
        delimiter: char,
    },
}

impl From<csv::Error> for ExportError {
    fn from(error: csv::Error) -> ExportError {
        ExportError::Io(error.into())
    }
}

/// The function that writes one file of an export made of several.
pub type WritePart = fn(&KnowledgeGraph, &Selection, &mut dyn Write) -> Result<(), ExportError>;

/// One file of an export made of several: its name in the folder, and what writes it.
#[derive(Debug, Clone, Copy)]
pub struct Part {
    /// The file's name.
    pub name: &'static str,
    /// Writes the file's contents.
    pub write: WritePart,
}

impl Part {
    /// The file `name`, written by `write`.
    pub const fn new(name: &'static str, write: WritePart) -> Part {
        Part { name, write }
    }
}
