//! A binary snapshot cache of loaded graphs, so a repeated question skips parsing JSON.
//!
//! Two files per graph in the cache folder:
//!
//! - `<path key>.stamps`: for each graph file, its path, length, modification and change times,
//!   inode and a 128-bit XXH3 hash of its contents, and when the files were read;
//! - `<content key>.snapshot`: the loaded graph in a compact binary form, with a checksum. The
//!   content key hashes every file's path and contents, so the snapshot is keyed on the content.
//!   It is read into memory whole and checked there; companies and relation facts are decoded
//!   at once, relations' details only when an answer shows them.
//!
//! A snapshot is used only when every file is proven unchanged: a file whose metadata all match
//! and whose times are older than the reading (by a margin for coarse clocks) is unchanged, as
//! any later write moves its change time, which no program can set back; any other file is
//! hashed and compared. This is git's answer to "racily clean" files. Anything unexpected (a
//! missing, truncated or corrupted cache file, another format version, an unwritable folder)
//! means the JSON is loaded as if there were no cache, and the cache is rebuilt when it can be.
//! Files are written to a unique temporary name and renamed into place, so processes that race
//! never see half a file.

mod framed;
mod prune;
mod snapshot;

pub use prune::{MAX_BYTES, MAX_GRAPHS};

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use crate::graph::KnowledgeGraph;
use crate::load::{self, DiskFiles, LoadError};

/// The version of the stamps and snapshot layout: snapshots of another version are ignored.
/// Bump the number with any change to what `snapshot.rs` or the relation store encode.
const FORMAT: &str = concat!(env!("CARGO_PKG_VERSION"), "/7");
/// How long before the reading a file's times must lie for its metadata to be trusted: above
/// the timestamp granularity of common file systems (FAT's is two seconds).
const RACY_MARGIN_NS: i128 = 3_000_000_000;

/// How a graph was loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// From a snapshot that matched every file.
    Hit,
    /// From the JSON files, and the snapshot was written.
    Rebuilt,
    /// From the JSON files; no snapshot could be written (or none was wanted).
    Uncached,
}

/// Loads the graph at `path` through the snapshot cache in `cache_dir`.
///
/// # Errors
///
/// Those of [`load::load_path`], when the JSON has to be read and does not load. The cache
/// itself never causes an error.
///
/// # Example
///
/// ```
/// use dealgraph::cache::{load_path, Outcome};
///
/// let cache = tempfile::tempdir().unwrap();
/// let (first, outcome) = load_path("graph".as_ref(), cache.path()).unwrap();
/// assert_eq!(outcome, Outcome::Rebuilt);
/// let (again, outcome) = load_path("graph".as_ref(), cache.path()).unwrap();
/// assert_eq!(outcome, Outcome::Hit);
/// assert!(first.relations().eq(again.relations()));
/// assert!(first.companies().eq(again.companies()));
/// assert_eq!(again.node("openai"), first.node("openai"));
/// ```
pub fn load_path(path: &Path, cache_dir: &Path) -> Result<(KnowledgeGraph, Outcome), LoadError> {
    if !is_cacheable(path) {
        return load::load_path(path).map(|graph| (graph, Outcome::Uncached));
    }
    let _lock = crate::lock::FolderLock::for_reading(path);
    let reads = load::graph_reads(path)?;
    if reads.journaled {
        // An interrupted edit's files are read as it left them, and not cached: the next edit
        // finishes it, and the files then stamped are the ones it leaves.
        let graph = load::load_files(&DiskFiles::new(reads), &|_, _| ())?;
        return Ok((graph, Outcome::Uncached));
    }
    let stamps_file = cache_dir.join(format!("{}.stamps", path_key(path)));
    let listed = list_files(path, &reads.files);
    if let Some(listed) = &listed
        && let Some(graph) = try_hit(&stamps_file, cache_dir, path, listed)
    {
        return Ok((graph, Outcome::Hit));
    }
    let read_at = now_ns();
    let files = DiskFiles::new(reads);
    let hashes: Vec<OnceLock<u128>> = files.paths().iter().map(|_| OnceLock::new()).collect();
    let graph = load::load_files(&files, &|file, bytes| {
        let _ = hashes[file].set(xxh3_128(bytes));
    })?;
    // The stamps hold each file's metadata from before it was read and the hash of the bytes
    // read, so a file changed meanwhile fails its metadata next time and is hashed again.
    let hashes: Option<Vec<u128>> = hashes.into_iter().map(OnceLock::into_inner).collect();
    let written = listed
        .as_deref()
        .zip(hashes)
        .and_then(|(listed, hashes)| {
            write_cache(
                path,
                &stamps_file,
                cache_dir,
                listed,
                &hashes,
                read_at,
                &graph,
            )
        })
        .is_some();
    Ok((
        graph,
        if written {
            Outcome::Rebuilt
        } else {
            Outcome::Uncached
        },
    ))
}

/// Whether the graph at `path` is a folder or a regular file. Anything else (a pipe, a FIFO,
/// `<(...)`, a device) is read as a stream, once, and never cached: its bytes cannot be read
/// again to prove them unchanged.
fn is_cacheable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|meta| meta.is_dir() || meta.is_file())
}

/// The graph a snapshot file's bytes hold, when they are whole and their checksum holds; `None`
/// for anything else. What [`load_path`] reads from the cache folder, for tools that check
/// snapshots (the fuzzer among them). The details of companies and relations are decoded when
/// first shown, trusting the checksum.
pub fn decode_snapshot(bytes: Vec<u8>) -> Option<KnowledgeGraph> {
    let (header, sections): (snapshot::Header, _) = framed::decode(bytes)?;
    snapshot::graph(&header, sections)
}

/// A file of the graph as the stamps record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    /// The file's path below the graph's folder; empty for a graph that is one file. Relative,
    /// so that `g`, `./g` and `/abs/g` share one snapshot.
    path: PathBuf,
    len: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
    device: u64,
    hash: u128,
}

/// The stamps of every file, when the files were read, and the snapshot they match.
#[derive(Debug, Serialize, Deserialize)]
struct Stamps {
    version: String,
    /// The graph's path, absolute: when it no longer exists, the cleanup removes its snapshot.
    root: PathBuf,
    read_at_ns: i128,
    content_key: u128,
    files: Vec<Stamp>,
}

/// A file's path and metadata, as listed now (its hash not yet known).
type Listed = Vec<Stamp>;

fn now_ns() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(i128::MAX))
}

/// The cache file name for a graph path: a hash of its absolute form.
fn path_key(path: &Path) -> String {
    let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    format!("{:032x}", xxh3_128(absolute.as_os_str().as_encoded_bytes()))
}

/// The stamps of the graph's `files` (as [`load::graph_files`] lists them for `path`), their
/// hashes not yet known; `None` when a file's metadata cannot be read.
fn list_files(path: &Path, files: &[PathBuf]) -> Option<Listed> {
    files
        .iter()
        .map(|file| {
            let relative = file.strip_prefix(path).ok()?;
            fs::metadata(file)
                .ok()
                .map(|metadata| stamp(relative, &metadata))
        })
        .collect()
}

fn stamp(relative: &Path, metadata: &fs::Metadata) -> Stamp {
    let (modified_ns, changed_ns, inode, device) = file_times(metadata);
    Stamp {
        path: relative.to_owned(),
        len: metadata.len(),
        modified_ns,
        changed_ns,
        inode,
        device,
        hash: 0,
    }
}

#[cfg(unix)]
fn file_times(metadata: &fs::Metadata) -> (i128, i128, u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let ns = |secs: i64, nanos: i64| i128::from(secs) * 1_000_000_000 + i128::from(nanos);
    (
        ns(metadata.mtime(), metadata.mtime_nsec()),
        ns(metadata.ctime(), metadata.ctime_nsec()),
        metadata.ino(),
        metadata.dev(),
    )
}

/// Without change times and inodes every file counts as racy, so each is hashed.
#[cfg(not(unix))]
fn file_times(_metadata: &fs::Metadata) -> (i128, i128, u64, u64) {
    (i128::MAX, i128::MAX, 0, 0)
}

/// The cached graph, when the stamps prove every file unchanged and the snapshot is intact.
fn try_hit(
    stamps_file: &Path,
    cache_dir: &Path,
    root: &Path,
    listed: &Listed,
) -> Option<KnowledgeGraph> {
    let (stamps, _): (Stamps, _) = framed::read(stamps_file)?;
    if stamps.version != FORMAT || stamps.files.len() != listed.len() {
        return None;
    }
    let mut refreshed = false;
    for (recorded, now) in stamps.files.iter().zip(listed) {
        if trusted_by_metadata(recorded, now, stamps.read_at_ns) {
            continue;
        }
        let same_content = recorded.path == now.path
            && recorded.len == now.len
            && fs::read(file_path(root, &now.path))
                .ok()
                .is_some_and(|bytes| xxh3_128(&bytes) == recorded.hash);
        if !same_content {
            return None;
        }
        refreshed = true;
    }
    let (header, sections) = framed::read(&snapshot_file(cache_dir, stamps.content_key))?;
    let graph = snapshot::graph(&header, sections)?;
    if refreshed {
        refresh_stamps(stamps_file, &stamps, listed);
    } else {
        prune::mark_used(stamps_file);
    }
    Some(graph)
}

/// A file of the graph at `root` from its path as stamped.
fn file_path(root: &Path, relative: &Path) -> PathBuf {
    if relative.as_os_str().is_empty() {
        root.to_owned()
    } else {
        root.join(relative)
    }
}

/// Whether a file's metadata alone prove it unchanged since the stamps were taken.
fn trusted_by_metadata(recorded: &Stamp, now: &Stamp, read_at_ns: i128) -> bool {
    let same = recorded.path == now.path
        && recorded.len == now.len
        && recorded.modified_ns == now.modified_ns
        && recorded.changed_ns == now.changed_ns
        && recorded.inode == now.inode
        && recorded.device == now.device;
    let settled = recorded.modified_ns.max(recorded.changed_ns) < read_at_ns - RACY_MARGIN_NS;
    same && settled
}

/// Rewrites the stamps after files were proven unchanged by their hashes, so later runs can
/// trust their metadata once they have settled.
fn refresh_stamps(stamps_file: &Path, stamps: &Stamps, listed: &Listed) {
    let files = stamps
        .files
        .iter()
        .zip(listed)
        .map(|(recorded, now)| Stamp {
            hash: recorded.hash,
            ..now.clone()
        })
        .collect();
    let fresh = Stamps {
        version: stamps.version.clone(),
        root: stamps.root.clone(),
        read_at_ns: now_ns(),
        content_key: stamps.content_key,
        files,
    };
    let _ = framed::write(stamps_file, &fresh, &[]);
}

fn snapshot_file(cache_dir: &Path, content_key: u128) -> PathBuf {
    cache_dir.join(format!("{content_key:032x}.snapshot"))
}

/// Writes the snapshot and its stamps, then cleans the folder up ([`prune`]); `None` when
/// anything fails.
fn write_cache(
    root: &Path,
    stamps_file: &Path,
    cache_dir: &Path,
    listed: &[Stamp],
    hashes: &[u128],
    read_at_ns: i128,
    graph: &KnowledgeGraph,
) -> Option<()> {
    if hashes.len() != listed.len() {
        return None;
    }
    let mut content = Xxh3::new();
    let mut files = Vec::with_capacity(listed.len());
    for (now, &hash) in listed.iter().zip(hashes) {
        content.update(now.path.as_os_str().as_encoded_bytes());
        content.update(&hash.to_le_bytes());
        files.push(Stamp {
            hash,
            ..now.clone()
        });
    }
    let content_key = content.digest128();
    fs::create_dir_all(cache_dir).ok()?;
    let (header, sections) = snapshot::sections(graph);
    let sections: Vec<&[u8]> = sections.iter().map(|section| &section[..]).collect();
    framed::write(&snapshot_file(cache_dir, content_key), &header, &sections)?;
    let stamps = Stamps {
        version: FORMAT.to_owned(),
        root: fs::canonicalize(root).ok()?,
        read_at_ns,
        content_key,
        files,
    };
    framed::write(stamps_file, &stamps, &[])?;
    prune::prune(cache_dir, stamps_file);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn file_times_keep_the_modification_time_to_the_nanosecond() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("g.json");
        let file = fs::File::create(&path).expect("a file");
        let when = std::time::UNIX_EPOCH + std::time::Duration::new(1_700_000_000, 123_456_789);
        file.set_modified(when).expect("the time can be set");
        let (modified, ..) = file_times(&fs::metadata(&path).expect("metadata"));
        assert_eq!(modified, 1_700_000_000_123_456_789);
    }
}
