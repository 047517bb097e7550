//! Replacing a folder: staged beside it, then swapped in one step.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use super::{WriteError, parent_of};

/// What the target folder held before a replacement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderState {
    /// Nothing was there.
    Missing,
    /// An empty folder.
    Empty,
    /// A folder with files in it.
    Full,
}

/// Fills a new folder with `fill` and puts it at `out`, all or nothing: `fill` writes into a
/// staging folder beside `out`, which then takes `out`'s place in one step, and the old folder
/// is removed. A folder with files in it is replaced only with `force`. Returns what `fill`
/// returned.
///
/// A process killed at any moment leaves `out` as it was or as `fill` made it; the staging
/// folder it leaves is removed by the next replacement beside it. Where the file system cannot
/// swap two folders in one step, the old folder is moved aside first and a kill between the
/// two moves leaves it under its staging name.
///
/// # Errors
///
/// [`WriteError::Refused`] when `out` is not a folder, or has files and `force` is off;
/// [`WriteError::Io`] when the system refuses; and the error of `fill`, converted. On an
/// error `out` is untouched and the staging folder removed.
///
/// # Example
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let out = dir.path().join("graph");
/// dealgraph::write::replace_folder(&out, false, |staging| {
///     std::fs::write(staging.join("a.json"), "{}")?;
///     Ok::<(), Box<dyn std::error::Error>>(())
/// })
/// .unwrap();
/// assert!(out.join("a.json").is_file());
/// ```
pub fn replace_folder<T, E: From<WriteError>>(
    out: &Path,
    force: bool,
    fill: impl FnOnce(&Path) -> Result<T, E>,
) -> Result<T, E> {
    let out = &resolve_link(out)?;
    let state = folder_state(out)?;
    if state == FolderState::Full && !force {
        return Err(WriteError::refused(out, "is not empty; pass --force to replace it").into());
    }
    let parent = parent_of(out);
    fs::create_dir_all(parent).map_err(WriteError::io("create", parent))?;
    remove_leftovers(out);
    let staging = Staging::new(out)?;
    let result = fill(&staging.dir).and_then(|value| {
        staging.swap_into(out, state)?;
        Ok(value)
    });
    staging.remove();
    result
}

/// Where a symlink to a folder points, so that the folder, not the link, is replaced.
fn resolve_link(out: &Path) -> Result<PathBuf, WriteError> {
    match fs::symlink_metadata(out) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(out).map_err(|_| {
            WriteError::refused(
                out,
                "is a symlink to nothing; point it at a folder, or remove it and write again",
            )
        }),
        _ => Ok(out.to_owned()),
    }
}

fn folder_state(out: &Path) -> Result<FolderState, WriteError> {
    match fs::metadata(out) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(FolderState::Missing),
        Err(err) => Err(WriteError::io("read", out)(err)),
        Ok(meta) if !meta.is_dir() => Err(WriteError::refused(
            out,
            "exists and is not a folder; name a folder to write the graph to",
        )),
        Ok(_) => {
            let mut entries = fs::read_dir(out).map_err(WriteError::io("read", out))?;
            Ok(if entries.next().is_none() {
                FolderState::Empty
            } else {
                FolderState::Full
            })
        }
    }
}

/// The name staging folders beside `out` start with: `.NAME.staging-`.
fn staging_prefix(out: &Path) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(out.file_name().unwrap_or_default());
    prefix.push(".staging-");
    prefix
}

/// A staging folder and the lock file that marks it as in use while its run lives.
struct Staging {
    dir: PathBuf,
    lock_path: PathBuf,
    /// Held locked until the staging folder is gone; the system releases it if the run dies.
    _lock: File,
}

impl Staging {
    fn new(out: &Path) -> Result<Staging, WriteError> {
        let parent = parent_of(out);
        let lock = tempfile::Builder::new()
            .prefix(&staging_prefix(out))
            .suffix(".lock")
            .tempfile_in(parent)
            .map_err(|err| {
                WriteError::io("create a staging folder beside", out)(
                    super::file::without_temporary_path(err),
                )
            })?;
        lock.as_file()
            .lock()
            .map_err(WriteError::io("lock a staging folder beside", out))?;
        let (file, lock_path) = lock
            .keep()
            .map_err(|err| WriteError::io("create a staging folder beside", out)(err.error))?;
        let dir = staging_dir(&lock_path);
        if let Err(err) = fs::create_dir(&dir) {
            let _ = fs::remove_file(&lock_path);
            return Err(WriteError::io("create", &dir)(err));
        }
        Ok(Staging {
            dir,
            lock_path,
            _lock: file,
        })
    }

    /// Puts the staging folder at `out`; the old folder, if any, ends up at the staging path.
    fn swap_into(&self, out: &Path, state: FolderState) -> Result<(), WriteError> {
        if state == FolderState::Missing {
            return fs::rename(&self.dir, out).map_err(WriteError::io("create", out));
        }
        copy_permissions(out, &self.dir);
        match exchange(&self.dir, out) {
            Ok(()) => Ok(()),
            Err(_) => self.move_aside_and_in(out),
        }
    }

    /// Replaces `out` in two steps where the file system cannot swap folders.
    fn move_aside_and_in(&self, out: &Path) -> Result<(), WriteError> {
        let mut aside = self.dir.clone().into_os_string();
        aside.push(".old");
        let aside = PathBuf::from(aside);
        fs::rename(out, &aside).map_err(WriteError::io("replace", out))?;
        if let Err(err) = fs::rename(&self.dir, out) {
            let _ = fs::rename(&aside, out);
            return Err(WriteError::io("replace", out)(err));
        }
        fs::rename(&aside, &self.dir).map_err(WriteError::io("replace", out))
    }

    /// Removes the staging folder (the old folder, after a swap) and then its lock file.
    fn remove(self) {
        let _ = fs::remove_dir_all(&self.dir);
        let mut aside = self.dir.clone().into_os_string();
        aside.push(".old");
        let _ = fs::remove_dir_all(PathBuf::from(aside));
        let _ = fs::remove_file(&self.lock_path);
    }
}

/// The staging folder a lock file stands for: its path without `.lock`.
fn staging_dir(lock_path: &Path) -> PathBuf {
    lock_path.with_extension("")
}

/// Removes the staging folders beside `out` whose runs died: those whose lock file can be
/// locked. A live run holds its lock, so its folder is left alone.
fn remove_leftovers(out: &Path) {
    let prefix = staging_prefix(out);
    let Ok(entries) = fs::read_dir(parent_of(out)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_lock = name
            .as_encoded_bytes()
            .starts_with(prefix.as_encoded_bytes())
            && name.as_encoded_bytes().ends_with(b".lock");
        if !is_lock {
            continue;
        }
        let lock_path = entry.path();
        let Ok(file) = File::options().read(true).write(true).open(&lock_path) else {
            continue;
        };
        if file.try_lock().is_ok() {
            let dir = staging_dir(&lock_path);
            let _ = fs::remove_dir_all(&dir);
            let mut aside = dir.into_os_string();
            aside.push(".old");
            let _ = fs::remove_dir_all(PathBuf::from(aside));
            let _ = fs::remove_file(&lock_path);
        }
    }
}

/// Gives the new folder the old one's mode, so replacing a folder does not open or close it.
fn copy_permissions(from: &Path, to: &Path) {
    if let Ok(meta) = fs::metadata(from) {
        let _ = fs::set_permissions(to, meta.permissions());
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}
