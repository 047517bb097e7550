//! Writing files and folders without harming what was there.
//!
//! Every command that writes goes through here:
//!
//! - [`write_file`] writes one file. A new or regular file is written to a temporary file
//!   beside it and renamed over it, so readers see the old bytes or the new ones, never half;
//!   an existing file keeps its mode and owner. A symlink is written through: its target is
//!   what changes, and the link stays. A device, FIFO or socket is written to as a stream and
//!   never replaced (`-o /dev/stdout` works, `-o /dev/null` stays a device).
//! - [`replace_folder`] fills a staging folder beside the target and then swaps the two in one
//!   step (Linux's `renameat2(RENAME_EXCHANGE)`), so a process killed at any moment leaves the
//!   old folder or the new one, never neither. A staging folder left by a killed run is removed
//!   by the next run that writes beside it; a lock file tells a live run's from a dead one's.

mod file;
mod folder;

use std::path::{Path, PathBuf};

pub use file::{Staged, stage_file, write_file, write_new};
pub use folder::{FolderState, replace_folder};

/// Why a file or folder could not be written. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The system refused an operation.
    #[error("cannot {action} {}", crate::display::path(path))]
    Io {
        /// What was being done: "write", "create", "replace".
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The target is of a kind that cannot be written as asked.
    #[error("{} {reason}", crate::display::path(path))]
    Refused {
        /// The file or folder.
        path: PathBuf,
        /// Why, and what to do instead.
        reason: String,
    },
}

impl WriteError {
    fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> WriteError {
        let path = path.to_owned();
        move |source| WriteError::Io {
            action,
            path,
            source,
        }
    }

    fn refused(path: &Path, reason: impl Into<String>) -> WriteError {
        WriteError::Refused {
            path: path.to_owned(),
            reason: reason.into(),
        }
    }
}

/// The folder a path lies in, `.` for a bare name.
pub(crate) fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}
