//! The curated AI-infrastructure dataset, embedded in the library at build time.

use crate::graph::KnowledgeGraph;
use crate::load::{self, GraphText};

/// The files of `graph/`, as `(path, contents)`, in the order a folder is read.
const FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/curated_files.rs"));

/// The curated dataset's files, reported under their paths in the repository (`graph/...`).
pub fn texts() -> Vec<GraphText> {
    FILES
        .iter()
        .map(|(path, bytes)| GraphText::new(*path, *bytes))
        .collect()
}

/// The curated dataset: companies and sourced relations of the AI-infrastructure build-out.
///
/// # Panics
///
/// Never in a released build: the test suite checks that the dataset loads under `--strict`.
///
/// # Example
///
/// ```
/// let graph = dealgraph::curated::load();
/// assert!(graph.companies().len() >= 60);
/// assert!(graph.relations().all(|r| !r.sources.is_empty()));
/// ```
pub fn load() -> KnowledgeGraph {
    load::load(&texts()).expect("the curated dataset is checked by the test suite")
}
