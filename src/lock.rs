//! The lock on a graph folder: one edit at a time, and readers never in the middle of one.
//!
//! An edit holds the folder's lock exclusively from reading the graph to the last file
//! written; a command that reads the graph holds it shared while it reads the files, so it
//! waits for an edit under way and then sees the graph as it was or as it became, never some
//! files of each. The lock is an advisory lock on the folder itself (`flock`), so taking it
//! leaves no file behind, and a process killed while holding it releases it.

use std::fs::{File, TryLockError};
use std::io;
use std::path::Path;

/// A lock on a graph folder, held until dropped.
#[derive(Debug)]
pub struct FolderLock {
    _folder: File,
}

impl FolderLock {
    /// Locks `folder` for an edit; when another edit (or a reader) holds the lock, calls
    /// `waiting` and waits for it.
    ///
    /// # Errors
    ///
    /// When the folder cannot be opened or locked.
    pub fn acquire(folder: &Path, waiting: impl FnOnce()) -> io::Result<FolderLock> {
        let file = File::open(folder)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                waiting();
                file.lock()?;
            }
            Err(TryLockError::Error(err)) => return Err(err),
        }
        Ok(FolderLock { _folder: file })
    }

    /// Locks `folder` for reading, waiting for an edit under way to finish. `None` when the
    /// folder cannot be opened or locked (it does not exist, or its file system has no locks):
    /// reading then goes on unlocked, and reports its own errors.
    pub fn shared(folder: &Path) -> Option<FolderLock> {
        let file = File::open(folder).ok()?;
        file.lock_shared().ok()?;
        Some(FolderLock { _folder: file })
    }

    /// [`FolderLock::shared`] for the folder a graph at `path` (a folder, or a file in one)
    /// is edited under.
    pub fn for_reading(path: &Path) -> Option<FolderLock> {
        if path.is_dir() {
            FolderLock::shared(path)
        } else {
            FolderLock::shared(crate::write::parent_of(path))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::acquire(dir.path(), || panic!("nobody holds it")).unwrap();
        let path = dir.path().to_owned();
        let (waited, told) = std::sync::mpsc::channel();
        let second = std::thread::spawn(move || {
            FolderLock::acquire(&path, || waited.send(()).unwrap()).unwrap();
        });
        told.recv().unwrap();
        drop(first);
        second.join().unwrap();
    }

    #[test]
    fn readers_share_the_lock_and_an_edit_waits_for_them() {
        let dir = tempfile::tempdir().unwrap();
        let reader = FolderLock::shared(dir.path()).unwrap();
        let other_reader = FolderLock::shared(dir.path()).unwrap();
        let path = dir.path().to_owned();
        let (waited, told) = std::sync::mpsc::channel();
        let editor = std::thread::spawn(move || {
            FolderLock::acquire(&path, || waited.send(()).unwrap()).unwrap();
        });
        told.recv().unwrap();
        drop((reader, other_reader));
        editor.join().unwrap();
    }
}
