//! # dealgraph
//!
//! A knowledge graph of company relationships: who leases data centres to whom, who rents GPUs
//! to whom, who funds whom, and which deals come with strings attached. Companies are nodes;
//! relations are typed, directed edges, each with its date, amount, status and sources.
//!
//! The graph format is documented in `graph/README.md`. Load a graph with
//! [`load::load_path`], or use the curated dataset with [`curated::load`]:
//!
//! ```
//! let graph = dealgraph::curated::load();
//! let oracle = graph.resolve("Oracle").unwrap();
//! assert_eq!(graph.company(oracle).name, "Oracle");
//! ```

pub mod cache;
pub mod curated;
pub mod date;
pub mod display;
pub mod edit;
pub mod export;
pub mod format;
pub mod generate;
pub mod graph;
pub mod import;
pub mod journal;
pub mod load;
pub mod lock;
pub mod model;
pub mod names;
pub mod query;
pub mod store;
pub mod suggest;
pub mod write;

pub use date::{DateError, PartialDate};
pub use graph::{KnowledgeGraph, RelationId};
pub use load::{Diagnostic, LoadError, Severity};
pub use model::{
    Company, CompanyId, GraphFile, Relation, RelationKey, RelationKind, Reliability, Scope, Source,
    Status,
};
pub use names::ResolveError;
pub use store::RelationFacts;
