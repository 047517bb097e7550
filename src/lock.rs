//! The lock that lets one edit of a graph folder run at a time.

use std::fs::{File, TryLockError};
use std::io;
use std::path::Path;

/// A lock on a graph folder, held until dropped: an advisory lock on the folder itself, so
/// taking it leaves no file behind, and a process killed while holding it releases it.
#[derive(Debug)]
pub struct FolderLock {
    _folder: File,
}

impl FolderLock {
    /// Locks `folder`; when another edit holds the lock, calls `waiting` and waits for it.
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
}
