//! Keeping the cache folder small: after a snapshot is written, the snapshots of graphs that
//! changed or no longer exist are removed, and past [`MAX_GRAPHS`] graphs or [`MAX_BYTES`] of
//! snapshots the least recently used go, but never a snapshot another process is reading.
//!
//! A reader holds a shared lock on a cache file while it reads it ([`super::framed::read`]);
//! a snapshot is removed only under an exclusive lock taken without waiting, so one being read
//! is skipped and removed by a later cleanup. A question answered from a snapshot marks its
//! stamps as used, so the graphs asked about stay.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{FORMAT, Stamps, framed, snapshot_file};

/// The most graphs whose snapshots the cache keeps.
pub const MAX_GRAPHS: usize = 16;

/// The most bytes of snapshots the cache keeps (4 GiB); the snapshot just written is kept
/// whatever its size.
pub const MAX_BYTES: u64 = 4 << 30;

/// A graph's stamps found in the cache folder, still of use.
struct Live {
    stamps: PathBuf,
    content_key: u128,
    used: SystemTime,
}

/// Removes what the cache no longer needs, keeping the graph whose stamps are `current` (just
/// written). Every failure is ignored: a file left behind is removed next time.
pub(super) fn prune(cache_dir: &Path, current: &Path) {
    let Ok(entries) = fs::read_dir(cache_dir) else {
        return;
    };
    let mut live: Vec<Live> = Vec::new();
    let mut snapshots: Vec<PathBuf> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("stamps") => match still_of_use(&path) {
                Some(found) => live.push(found),
                None => {
                    let _ = fs::remove_file(&path);
                }
            },
            Some("snapshot") => snapshots.push(path),
            _ => {}
        }
    }
    // The graph just written first, then the most recently used.
    live.sort_by_key(|graph| (graph.stamps != current, std::cmp::Reverse(graph.used)));
    let mut kept: Vec<u128> = Vec::new();
    let mut bytes = 0u64;
    for (rank, graph) in live.iter().enumerate() {
        let size = fs::metadata(snapshot_file(cache_dir, graph.content_key)).map_or(0, |m| m.len());
        let over = rank >= MAX_GRAPHS || (rank > 0 && bytes.saturating_add(size) > MAX_BYTES);
        if over {
            let _ = fs::remove_file(&graph.stamps);
            continue;
        }
        bytes = bytes.saturating_add(size);
        kept.push(graph.content_key);
    }
    for snapshot in snapshots {
        let referenced = kept
            .iter()
            .any(|&key| snapshot_file(cache_dir, key) == snapshot);
        if !referenced {
            remove_unless_in_use(&snapshot);
        }
    }
}

/// The stamps at `path`, when they are of this version and their graph still exists.
fn still_of_use(path: &Path) -> Option<Live> {
    let (stamps, _): (Stamps, _) = framed::read(path)?;
    if stamps.version != FORMAT || !stamps.root.exists() {
        return None;
    }
    let used = fs::metadata(path).and_then(|m| m.modified()).ok()?;
    Some(Live {
        stamps: path.to_owned(),
        content_key: stamps.content_key,
        used,
    })
}

/// Removes the snapshot at `path` unless another process holds a lock on it (is reading it).
fn remove_unless_in_use(path: &Path) {
    let Ok(file) = File::open(path) else {
        return;
    };
    if file.try_lock().is_ok() {
        let _ = fs::remove_file(path);
    }
}

/// Marks the stamps at `path` as used now, so the cleanup keeps the graph they stand for.
pub(super) fn mark_used(path: &Path) {
    if let Ok(file) = File::options().write(true).open(path) {
        let _ = file.set_modified(SystemTime::now());
    }
}
