//! The rule for which files below a folder make up a graph: every `*.json` file, in sorted path
//! order, following symlinks, skipping hidden files and folders (names starting with `.`).
//!
//! It depends on walkdir alone, so `build.rs` embeds the curated folder by the same rule.

use std::path::Path;

use walkdir::{DirEntry, WalkDir};

/// The graph files below `dir`, and the errors met listing it, in sorted path order.
pub(crate) fn json_files_below(
    dir: &Path,
) -> impl Iterator<Item = walkdir::Result<DirEntry>> + use<> {
    WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry))
        .filter(|entry| {
            entry
                .as_ref()
                .map_or(true, |entry| entry.file_type().is_file() && is_json(entry))
        })
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

fn is_json(entry: &DirEntry) -> bool {
    entry.path().extension().is_some_and(|ext| ext == "json")
}
