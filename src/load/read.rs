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
    graph_file_paths(path)?
        .into_iter()
        .map(|file| {
            let bytes = std::fs::read(&file).map_err(|source| io_error(&file, source))?;
            Ok(GraphText {
                path: file,
                bytes: Cow::Owned(bytes),
            })
        })
        .collect()
}

/// The `*.json` files below a directory, in sorted path order, skipping hidden files and
/// folders: the files [`read_graph`] reads.
///
/// # Errors
///
/// [`LoadError::Io`] when a folder cannot be listed, and [`LoadError::NoFiles`] when it holds
/// no `*.json` file.
pub fn graph_file_paths(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    for entry in graph_files(dir) {
        let entry = entry.map_err(|error| LoadError::Io {
            path: error.path().unwrap_or(dir).to_owned(),
            source: error.into(),
        })?;
        if entry.file_type().is_file() && is_json(&entry) {
            files.push(entry.into_path());
        }
    }
    if files.is_empty() {
        return Err(LoadError::NoFiles {
            path: dir.to_owned(),
        });
    }
    Ok(files)
}

/// Every entry below a directory, in sorted order, skipping hidden files and folders.
fn graph_files(dir: &Path) -> impl Iterator<Item = walkdir::Result<DirEntry>> {
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
