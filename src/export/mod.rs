//! Exporters: diagrams of the graph and of its answers, as Graphviz DOT.
//!
//! Build a [`Diagram`] from an answer, then render it with [`to_dot`]; both are pure, so the
//! command line does the writing and the running of Graphviz.
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

pub mod diagram;
pub mod dot;

pub use diagram::{Diagram, Layout};
pub use dot::{DotOptions, EdgeLabels, to_dot, write_dot};
