//! Editing a graph on disk: adding, changing, renaming, merging and removing records, and
//! writing graph files in their canonical form.
//!
//! Every edit goes the same way. [`Workspace::open`] locks the graph folder (a second edit
//! waits for the first) and reads every file; the edit changes the records of the files it
//! touches, parsed with every field and the free-form `extra` kept; [`Workspace::commit`]
//! checks the whole graph as it would become, exactly as `dealgraph check` does, and refuses
//! with the same diagnostics when it has errors; only then are the touched files written,
//! each in [canonical form](canonical_text) to a temporary file beside it, flushed and renamed
//! over it; an edit of several files goes through the folder's [journal](crate::journal), so a
//! process killed at any moment leaves the graph as it was or as the edit leaves it. Files the
//! edit does not touch keep their bytes. Commands that read the graph meanwhile wait for the
//! edit to finish ([`FolderLock`]).
//!
//! # Example
//!
//! ```
//! use dealgraph::edit::{self, Workspace};
//! use dealgraph::load::GraphSource;
//! use dealgraph::{Company, Relation, RelationKind};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let graph = [GraphSource::Path(dir.path().to_owned())];
//! let mut workspace = Workspace::open(&graph, || ()).unwrap();
//! for (id, name) in [("crusoe", "Crusoe"), ("oracle", "Oracle")] {
//!     let company: Company =
//!         serde_json::from_value(serde_json::json!({"id": id, "name": name})).unwrap();
//!     edit::add_company(&mut workspace, company, None).unwrap();
//! }
//! let lease = Relation::new(RelationKind::Lease, "crusoe", "oracle");
//! let key = edit::add_relation(&mut workspace, lease, None).unwrap();
//! assert_eq!(key.to_string(), "crusoe:lease:oracle");
//! let committed = workspace.commit().unwrap();
//! assert_eq!(committed.graph.relation_count(), 1);
//! assert!(dir.path().join("relations.json").is_file());
//! ```

mod assign;
mod canonical;
mod merge;
mod ops;
mod workspace;

use std::path::PathBuf;

pub use crate::lock::FolderLock;
pub use assign::{Assignment, AssignmentError};
pub use canonical::{canonical_bytes, canonical_text, is_canonical, parse_file};
pub use merge::{Merged, merge};
pub use ops::{Removed, Target, add_company, add_relation, remove, rename, set};
pub use workspace::{Committed, Workspace};

use crate::load::{Diagnostics, LoadError};
use crate::write::WriteError;

/// The file companies are added to in a graph folder, unless the command names another.
pub const COMPANIES_FILE: &str = "companies.json";
/// The file relations are added to in a graph folder, unless the command names another.
pub const RELATIONS_FILE: &str = "relations.json";

/// Why an edit was refused. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The graph could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A file could not be written; the files written before it are whole.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The graph folder could not be locked.
    #[error("cannot lock {} for editing", crate::display::path(folder))]
    Lock {
        /// The folder.
        folder: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A file is not a graph file.
    #[error(
        "{}:{line}:{column}: {message}\n  hint: fix the file (`dealgraph check` lists every problem)",
        crate::display::path(path)
    )]
    Parse {
        /// The file.
        path: PathBuf,
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The graph as the edit would leave it has errors: each, with its position and hint.
    #[error("{0}\nthe edit would leave the graph with errors; nothing was written")]
    Invalid(Diagnostics),
    /// The edit cannot be made as asked; the message says why and what to do instead.
    #[error("{0}")]
    Refused(String),
}

impl EditError {
    /// An edit refused for the reason given.
    pub(crate) fn refused(reason: impl Into<String>) -> EditError {
        EditError::Refused(reason.into())
    }
}
