//! The journal that makes an edit of several files all or nothing.
//!
//! An edit that changes one file renames its new bytes over it in one step. An edit that
//! changes several (`rename`, `merge`, `rm --cascade`, `add --from-json`) would otherwise leave,
//! when killed between two renames, some files changed and others not: a `rename` half done
//! names a company that no file defines, and the graph does not load. So such an edit first
//! writes every new file beside its old one ([`write::stage_file`]), flushed to disk; then
//! writes the journal, `.dealgraph-journal` in the graph folder, listing each staged file and
//! the file it replaces; then renames each over its file; then removes the journal. From the
//! moment the journal exists the edit counts as done:
//!
//! - every command that reads the graph reads a staged file in place of the file it replaces
//!   ([`Journal::read_from`]), so it sees the graph as the edit left it;
//! - the next edit of the folder, holding its lock, finishes the renames first ([`finish`]).
//!
//! Before the journal exists, nothing has changed: the staged files are hidden temporary files
//! (`.NAME.*.tmp`) that the loader never reads and the next edit of the file removes. A staged
//! file replaces its file only while that file holds the bytes the edit read (their hash is in
//! the journal): a file changed by hand since is kept, and its staged copy dropped.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_128;

use crate::write::{self, Staged, WriteError};

/// The journal's file name in the graph folder: hidden, so never read as a graph file.
pub const FILE_NAME: &str = ".dealgraph-journal";

/// The version of the journal's layout; a journal of another version is an error, not a guess.
const VERSION: u32 = 1;

/// The files an edit of several files replaces, once every new one is whole on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    version: u32,
    files: Vec<Entry>,
}

/// One file the edit replaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    /// The graph file, as the graph lists it, relative to the folder.
    file: PathBuf,
    /// The file the new bytes are renamed over: the graph file, or the file its symlink points
    /// at (relative to the folder, or absolute when outside it).
    target: PathBuf,
    /// The new bytes, beside the target.
    staged: PathBuf,
    /// The XXH3-128 hash (hex) of the bytes the edit read, or `None` for a file it creates.
    was: Option<String>,
}

/// A staged file and the bytes the file it replaces held when the edit read it.
#[derive(Debug)]
pub struct Replacement<'a> {
    /// The graph file, as the graph lists it.
    pub file: &'a Path,
    /// Its new bytes, staged.
    pub staged: &'a Staged,
    /// The XXH3-128 hash of what it held, or `None` for a file the edit creates.
    pub was: Option<u128>,
}

impl Journal {
    /// Where the bytes of `file` (a path [`crate::load::graph_files`] gives for the graph
    /// folder `folder`) are to be read from: its staged replacement while that is still
    /// there and `file` still holds what the edit read, `file` itself otherwise.
    pub fn read_from(&self, folder: &Path, file: &Path) -> PathBuf {
        let relative = file.strip_prefix(folder).unwrap_or(file);
        self.files
            .iter()
            .find(|entry| entry.file == relative)
            .filter(|entry| replaces(folder, entry))
            .map_or_else(|| file.to_owned(), |entry| folder.join(&entry.staged))
    }

    /// The graph files the edit creates that are not on disk yet, as paths in `folder`.
    pub fn new_files(&self, folder: &Path) -> Vec<PathBuf> {
        self.files
            .iter()
            .filter(|entry| entry.was.is_none() && !folder.join(&entry.file).exists())
            .filter(|entry| folder.join(&entry.staged).is_file())
            .map(|entry| folder.join(&entry.file))
            .collect()
    }
}

/// The journal of the graph folder `folder`, when an edit left one.
///
/// # Errors
///
/// When the journal cannot be read, or is not one (an [`io::ErrorKind::InvalidData`] error
/// that says what to do).
pub fn pending(folder: &Path) -> io::Result<Option<Journal>> {
    let bytes = match fs::read(folder.join(FILE_NAME)) {
        Ok(bytes) => bytes,
        Err(err)
            if matches!(
                err.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(None);
        }
        Err(err) => return Err(err),
    };
    match serde_json::from_slice::<Journal>(&bytes) {
        Ok(journal) if journal.version == VERSION => Ok(Some(journal)),
        _ => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{FILE_NAME} is not a journal this version of dealgraph wrote; remove it if no \
                 edit of the graph was interrupted"
            ),
        )),
    }
}

/// Writes the journal of an edit that replaces each staged file's target, in `folder`: from
/// then on the edit counts as done.
///
/// # Errors
///
/// [`WriteError`] when the journal cannot be written; then nothing counts as changed.
pub fn begin(folder: &Path, replacements: &[Replacement<'_>]) -> Result<Journal, WriteError> {
    let relative = |path: &Path| path.strip_prefix(folder).unwrap_or(path).to_owned();
    let journal = Journal {
        version: VERSION,
        files: replacements
            .iter()
            .map(|replacement| Entry {
                file: relative(replacement.file),
                target: relative(replacement.staged.target()),
                staged: relative(replacement.staged.temporary()),
                was: replacement.was.map(hex),
            })
            .collect(),
    };
    let text = serde_json::to_vec_pretty(&journal).expect("a journal is plain data");
    write::write_new(&folder.join(FILE_NAME), None, |out| out.write_all(&text))?;
    sync_folder(folder);
    Ok(journal)
}

/// Completes the edit that wrote `journal` and still holds the folder's lock: renames every
/// staged file over its target, then removes the journal.
///
/// # Errors
///
/// When a rename fails; the journal stays, and the next edit finishes it.
pub fn complete(folder: &Path, journal: &Journal) -> io::Result<()> {
    install(folder, journal, |_| true)
}

/// Finishes the edit `journal` records in `folder`, which was interrupted: renames each staged
/// file still there over its target (or drops it, when the target changed since the edit read
/// it), then removes the journal. Run with the folder locked, by the next edit.
///
/// # Errors
///
/// When a rename fails; the journal stays, and the next edit tries again.
pub fn finish(folder: &Path, journal: &Journal) -> io::Result<()> {
    install(folder, journal, |entry| replaces(folder, entry))
}

/// Renames each staged file of the journal that `keep` keeps over its target, removes the
/// others, then the journal.
fn install(folder: &Path, journal: &Journal, keep: impl Fn(&Entry) -> bool) -> io::Result<()> {
    for entry in &journal.files {
        let staged = folder.join(&entry.staged);
        if !staged.exists() {
            continue;
        }
        if keep(entry) {
            fs::rename(&staged, folder.join(&entry.target))?;
        } else {
            fs::remove_file(&staged)?;
        }
    }
    sync_folder(folder);
    fs::remove_file(folder.join(FILE_NAME))?;
    sync_folder(folder);
    Ok(())
}

/// Whether the entry's staged file is there and its target still holds what the edit read.
fn replaces(folder: &Path, entry: &Entry) -> bool {
    if !folder.join(&entry.staged).is_file() {
        return false;
    }
    match (&entry.was, fs::read(folder.join(&entry.target))) {
        (None, Err(err)) => err.kind() == io::ErrorKind::NotFound,
        (Some(was), Ok(bytes)) => *was == hex(xxh3_128(&bytes)),
        _ => false,
    }
}

/// A hash in hex, as the journal keeps it.
fn hex(hash: u128) -> String {
    format!("{hash:032x}")
}

/// Flushes the folder's entries (the renames) to disk, where the system allows it.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(path: &Path, text: &str) -> Staged {
        write::stage_file(path, |out| out.write_all(text.as_bytes())).unwrap()
    }

    #[test]
    fn a_journal_reads_staged_files_until_finished() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path();
        let (a, b) = (folder.join("a.json"), folder.join("b.json"));
        fs::write(&a, "old a").unwrap();
        let (staged_a, staged_b) = (stage(&a, "new a"), stage(&b, "new b"));
        assert_eq!(pending(folder).unwrap(), None);
        begin(
            folder,
            &[
                Replacement {
                    file: &a,
                    staged: &staged_a,
                    was: Some(xxh3_128(b"old a")),
                },
                Replacement {
                    file: &b,
                    staged: &staged_b,
                    was: None,
                },
            ],
        )
        .unwrap();
        staged_a.install().unwrap();
        let journal = pending(folder).unwrap().unwrap();
        assert_eq!(journal.read_from(folder, &a), a, "installed already");
        assert_eq!(
            fs::read_to_string(journal.read_from(folder, &b)).unwrap(),
            "new b"
        );
        assert_eq!(journal.new_files(folder), std::slice::from_ref(&b));
        finish(folder, &journal).unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "new a");
        assert_eq!(fs::read_to_string(&b).unwrap(), "new b");
        assert_eq!(pending(folder).unwrap(), None);
        assert_eq!(
            fs::read_dir(folder).unwrap().count(),
            2,
            "no file left behind"
        );
    }

    #[test]
    fn a_file_changed_since_the_edit_read_it_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path();
        let a = folder.join("a.json");
        fs::write(&a, "old a").unwrap();
        let staged = stage(&a, "new a");
        let was = Some(xxh3_128(b"old a"));
        begin(
            folder,
            &[Replacement {
                file: &a,
                staged: &staged,
                was,
            }],
        )
        .unwrap();
        fs::write(&a, "changed by hand").unwrap();
        let journal = pending(folder).unwrap().unwrap();
        assert_eq!(journal.read_from(folder, &a), a);
        finish(folder, &journal).unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "changed by hand");
        assert_eq!(fs::read_dir(folder).unwrap().count(), 1);
    }

    #[test]
    fn a_journal_that_is_not_one_is_an_error_saying_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(FILE_NAME), "{").unwrap();
        let err = pending(dir.path()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert!(err.to_string().contains("remove it if no edit"), "{err}");
    }
}
