//! Reading a graph from disk: one file, or every `*.json` below a directory.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use super::LoadError;

/// The bytes of one graph file and the path they are reported under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphText {
    /// The path shown in messages.
    pub path: PathBuf,
    /// The file's contents, not yet decoded.
    pub bytes: Cow<'static, [u8]>,
}

/// Reads the graph at `path`: the file itself, or every `*.json` file below the directory, in
/// sorted path order, skipping hidden files and folders.
///
/// # Errors
///
/// [`LoadError::Io`] when a file or folder cannot be read, and [`LoadError::NoFiles`] when a
/// directory holds no `*.json` file.
pub fn read_graph(path: &Path) -> Result<Vec<GraphText>, LoadError> {
    let io_error = |path: &Path, source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(|source| io_error(path, source))?;
    if !metadata.is_dir() {
        let bytes = std::fs::read(path).map_err(|source| io_error(path, source))?;
        return Ok(vec![GraphText {
            path: path.to_owned(),
            bytes: Cow::Owned(bytes),
        }]);
    }
    let mut texts = Vec::new();
    for entry in graph_files(path) {
        let entry = entry.map_err(|error| {
            let at = error.path().unwrap_or(path).to_owned();
            io_error(&at, error.into())
        })?;
        if !entry.file_type().is_file() || !is_json(&entry) {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|source| io_error(entry.path(), source))?;
        texts.push(GraphText {
            path: entry.into_path(),
            bytes: Cow::Owned(bytes),
        });
    }
    if texts.is_empty() {
        return Err(LoadError::NoFiles {
            path: path.to_owned(),
        });
    }
    Ok(texts)
}

/// The paths `read_graph` reads below a directory, in the order it reads them.
pub(crate) fn graph_files(dir: &Path) -> impl Iterator<Item = walkdir::Result<DirEntry>> {
    WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry))
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

fn is_json(entry: &DirEntry) -> bool {
    entry.path().extension().is_some_and(|ext| ext == "json")
}

impl GraphText {
    /// A graph file held in memory, reported under `path`.
    pub fn new(path: impl Into<PathBuf>, bytes: impl Into<Cow<'static, [u8]>>) -> GraphText {
        GraphText {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}
