//! Reading a graph from disk: one file, or every `*.json` below a directory.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use walkdir::DirEntry;

use super::LoadError;
use super::walk::json_files_below;
use crate::journal;
use crate::lock::FolderLock;

/// The bytes of one graph file and the path they are reported under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphText {
    /// The path shown in messages.
    pub path: PathBuf,
    /// The file's contents, not yet decoded.
    pub bytes: Cow<'static, [u8]>,
}

/// One of the graphs a command reads: the built-in dataset, or a file or folder on disk.
/// Several are merged as the files of one folder are, in the order given.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GraphSource {
    /// The curated dataset built into dealgraph, named `builtin` on the command line.
    Builtin,
    /// A graph file, or a folder of them.
    Path(PathBuf),
}

impl GraphSource {
    /// The source a command-line value names: `builtin` (or nothing, as an empty
    /// `DEALGRAPH_GRAPH`) the built-in dataset, anything else a path (write `./builtin` for a
    /// folder of that name).
    ///
    /// # Example
    ///
    /// ```
    /// use dealgraph::load::GraphSource;
    ///
    /// assert_eq!(GraphSource::named("builtin".as_ref()), GraphSource::Builtin);
    /// assert_eq!(GraphSource::named("".as_ref()), GraphSource::Builtin, "an empty DEALGRAPH_GRAPH");
    /// assert_eq!(GraphSource::named("./builtin".as_ref()), GraphSource::Path("./builtin".into()));
    /// ```
    pub fn named(value: &std::ffi::OsStr) -> GraphSource {
        if value == "builtin" || value.is_empty() {
            GraphSource::Builtin
        } else {
            GraphSource::Path(PathBuf::from(value))
        }
    }
}

/// Reads every file of the sources, in order: the curated dataset's files for
/// [`GraphSource::Builtin`], [`read_graph`]'s for a path.
///
/// # Errors
///
/// [`read_graph`]'s, for the first path that cannot be read.
pub fn read_sources(sources: &[GraphSource]) -> Result<Vec<GraphText>, LoadError> {
    read_each(sources, read_graph)
}

/// [`read_sources`] for an edit, which holds the lock of the folder it reads already.
pub(crate) fn read_sources_locked(sources: &[GraphSource]) -> Result<Vec<GraphText>, LoadError> {
    read_each(sources, read_graph_locked)
}

fn read_each(
    sources: &[GraphSource],
    read: fn(&Path) -> Result<Vec<GraphText>, LoadError>,
) -> Result<Vec<GraphText>, LoadError> {
    let mut texts = Vec::new();
    for source in sources {
        match source {
            GraphSource::Builtin => texts.extend(crate::curated::texts()),
            GraphSource::Path(path) => texts.extend(read(path)?),
        }
    }
    Ok(texts)
}

/// Reads the graph at `path`: the files [`graph_files`] names, each whole, as an edit under
/// way leaves them (the folder's lock is held shared while reading, and an interrupted edit's
/// journal is followed: see [`crate::journal`]).
///
/// # Errors
///
/// [`LoadError::Io`] when a file or folder cannot be read, and [`LoadError::NoFiles`] when a
/// directory holds no `*.json` file.
pub fn read_graph(path: &Path) -> Result<Vec<GraphText>, LoadError> {
    let _lock = FolderLock::for_reading(path);
    read_graph_locked(path)
}

/// [`read_graph`] with the folder's lock held by the caller.
fn read_graph_locked(path: &Path) -> Result<Vec<GraphText>, LoadError> {
    let reads = graph_reads(path)?;
    reads
        .files
        .into_iter()
        .zip(reads.from)
        .map(|(file, from)| {
            let mut bytes = Vec::new();
            read_file_into(&from, &mut bytes).map_err(|source| LoadError::Io {
                path: file.clone(),
                source,
            })?;
            Ok(GraphText {
                path: file,
                bytes: Cow::Owned(bytes),
            })
        })
        .collect()
}

/// The files of the graph at `path` and where each is read from.
#[derive(Debug)]
pub(crate) struct GraphReads {
    /// The files, as [`graph_files`] lists them, and the files an interrupted edit creates.
    pub(crate) files: Vec<PathBuf>,
    /// Where each file's bytes are: the file, or its replacement staged by an interrupted edit.
    pub(crate) from: Vec<PathBuf>,
    /// Whether an interrupted edit's journal was followed.
    pub(crate) journaled: bool,
}

/// [`graph_files`], with the journal of an interrupted edit followed.
///
/// # Errors
///
/// Those of [`graph_files`], and [`LoadError::Io`] when the journal cannot be read.
pub(crate) fn graph_reads(path: &Path) -> Result<GraphReads, LoadError> {
    let journal = match path.is_dir() {
        true => journal::pending(path).map_err(|source| LoadError::Io {
            path: path.join(journal::FILE_NAME),
            source,
        })?,
        false => None,
    };
    let Some(journal) = journal else {
        let files = graph_files(path)?;
        let from = files.clone();
        return Ok(GraphReads {
            files,
            from,
            journaled: false,
        });
    };
    let created = journal.new_files(path);
    let mut files = match graph_files(path) {
        Err(LoadError::NoFiles { .. }) if !created.is_empty() => Vec::new(),
        listed => listed?,
    };
    files.extend(created);
    files.sort();
    files.dedup();
    let from = files
        .iter()
        .map(|file| journal.read_from(path, file))
        .collect();
    Ok(GraphReads {
        files,
        from,
        journaled: true,
    })
}

/// The files that make up the graph at `path`: the file itself, or every `*.json` file below
/// the folder, in sorted path order, skipping hidden files and folders. What loading, the
/// cache, `check` and the embedded curated graph all read.
///
/// # Errors
///
/// [`LoadError::Io`] when `path` or a folder below it cannot be read, and
/// [`LoadError::NoFiles`] when a folder holds no `*.json` file.
///
/// # Example
///
/// ```
/// let files = dealgraph::load::graph_files("graph".as_ref()).unwrap();
/// assert!(files.is_sorted());
/// assert!(files.iter().all(|file| file.extension().is_some_and(|ext| ext == "json")));
/// ```
pub fn graph_files(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let io_error = |path: &Path, source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(|source| io_error(path, source))?;
    if !metadata.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let files = json_files_below(path)
        .map(|entry| {
            entry.map(DirEntry::into_path).map_err(|error| {
                let at = error.path().unwrap_or(path).to_owned();
                io_error(&at, error.into())
            })
        })
        .collect::<Result<Vec<PathBuf>, LoadError>>()?;
    if files.is_empty() {
        return Err(LoadError::NoFiles {
            path: path.to_owned(),
        });
    }
    Ok(files)
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

/// How much of a file is read at a time, and checked before the next piece is read.
const PIECE: usize = 1 << 20;

/// Reads the file at `path` into `buffer`, piece by piece, and stops at the first byte that no
/// graph file can hold (a control character other than tab, line feed and carriage return, or
/// a byte that is not UTF-8): the buffer then ends with that byte, where parsing reports it
/// with its line and column. So a large file of binary data is rejected after its first piece,
/// without being read whole.
pub(crate) fn read_file_into(path: &Path, buffer: &mut Vec<u8>) -> std::io::Result<()> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    buffer.clear();
    let size = file
        .metadata()
        .ok()
        .filter(std::fs::Metadata::is_file)
        .and_then(|meta| usize::try_from(meta.len()).ok());
    let mut checked = 0;
    for piece in 0.. {
        // Memory for the whole file is taken only once its first piece proved to be text.
        if piece == 1
            && let Some(size) = size
        {
            buffer.reserve_exact(size.saturating_sub(buffer.len()));
        }
        let read = (&mut file).take(PIECE as u64).read_to_end(buffer)?;
        if let Some(bad) = first_bad_byte(buffer, checked) {
            buffer.truncate(bad + 1);
            return Ok(());
        }
        if read == 0 {
            break;
        }
        // An incomplete UTF-8 sequence at the end is checked again with the next piece.
        checked = utf8_complete_up_to(buffer, checked);
    }
    Ok(())
}

/// The offset of the first byte from `from` on that is a forbidden control character or not
/// UTF-8; an incomplete sequence at the very end is not counted as bad.
fn first_bad_byte(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = &bytes[from..];
    let control = first_control(rest);
    let utf8 = match std::str::from_utf8(&rest[..control.unwrap_or(rest.len())]) {
        Ok(_) => None,
        Err(err) if err.error_len().is_none() => None,
        Err(err) => Some(err.valid_up_to()),
    };
    utf8.or(control).map(|at| from + at)
}

/// How far `bytes` holds complete UTF-8 sequences, looking from `from` on.
fn utf8_complete_up_to(bytes: &[u8], from: usize) -> usize {
    match std::str::from_utf8(&bytes[from..]) {
        Ok(_) => bytes.len(),
        Err(err) => from + err.valid_up_to(),
    }
}

/// The offset of the first byte below 0x20 other than tab, line feed and carriage return,
/// eight bytes at a time.
fn first_control(bytes: &[u8]) -> Option<usize> {
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const SPACE: u64 = u64::from_ne_bytes([0x20; 8]);
    let allowed = |b: u8| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r');
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let value = u64::from_ne_bytes(word.try_into().expect("chunks of 8 bytes"));
        // A high bit in each byte below 0x20, and perhaps in some others; checked below.
        if value.wrapping_sub(SPACE) & !value & HIGH != 0
            && let Some(i) = word.iter().position(|&b| !allowed(b))
        {
            return Some(at + i);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| !allowed(b))
        .map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_bytes_are_found_wherever_they_are() {
        assert_eq!(first_control(b"{\"a\": 1}\n\t\r"), None);
        for at in 0..20 {
            let mut bytes = vec![b'a'; 20];
            bytes[at] = 0;
            assert_eq!(first_control(&bytes), Some(at));
            bytes[at] = 0x1b;
            assert_eq!(first_control(&bytes), Some(at));
        }
        assert_eq!(first_control("ÿ€ü Café".as_bytes()), None);
    }

    #[test]
    fn a_file_is_read_whole_into_memory_of_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.json");
        let text = format!("{{\"notes\": \"{}\"}}", "é".repeat(1_800_000));
        std::fs::write(&path, &text).unwrap();
        let mut buffer = Vec::new();
        read_file_into(&path, &mut buffer).unwrap();
        assert_eq!(
            buffer,
            text.as_bytes(),
            "a character cut between pieces is read whole"
        );
        assert_eq!(
            buffer.capacity(),
            text.len(),
            "the file's size is reserved once"
        );
        let mut folder = Vec::new();
        assert!(read_file_into(dir.path(), &mut folder).is_err());
    }

    #[test]
    fn a_bad_byte_past_the_first_piece_ends_the_reading_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.json");
        let mut bytes = vec![b' '; 3 * PIECE];
        bytes[PIECE + 5] = 0;
        std::fs::write(&path, &bytes).unwrap();
        let mut buffer = Vec::new();
        read_file_into(&path, &mut buffer).unwrap();
        assert_eq!(buffer.len(), PIECE + 6);
    }

    #[test]
    fn bad_utf8_is_found_but_a_sequence_cut_at_the_end_is_not() {
        assert_eq!(first_bad_byte(b"ab\xffcd", 0), Some(2));
        assert_eq!(first_bad_byte(b"ab\xc3", 0), None);
        assert_eq!(utf8_complete_up_to(b"ab\xc3", 0), 2);
        assert_eq!(first_bad_byte(b"ab\x00\xff", 0), Some(2));
    }
}
