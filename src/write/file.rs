//! Writing one file: atomically for regular files, as a stream for devices and pipes.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{WriteError, parent_of};

/// Writes what `write` writes to `path`, without harming what is there: see the
/// [module](super) for what each kind of target gets. On an error nothing was replaced, and no
/// temporary file is left behind.
///
/// # Errors
///
/// [`WriteError::Io`] when the system refuses, or `write` fails; [`WriteError::Refused`] when
/// `path` is a folder, a dangling symlink or a socket.
///
/// # Example
///
/// ```
/// use std::io::Write;
///
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.dot");
/// dealgraph::write::write_file(&path, |out| out.write_all(b"digraph {}\n")).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "digraph {}\n");
/// ```
pub fn write_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    let target = through_symlink(path)?;
    match fs::metadata(&target) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => write_new(&target, None, write),
        Err(err) => Err(WriteError::io("write", &target)(err)),
        Ok(meta) if meta.is_dir() => Err(WriteError::refused(
            path,
            "is a folder; name a file to write, e.g. -o DIR/diagram.svg",
        )),
        Ok(meta) if meta.is_file() => write_new(&target, Some(&meta), write),
        Ok(meta) => stream(&target, &meta, write),
    }
}

/// Writes what `write` writes to a temporary file beside `path`, flushed to disk and renamed
/// over `path`. With the metadata of the file it replaces, the new file gets its mode and
/// owner; without, the mode a newly created file gets.
///
/// # Errors
///
/// [`WriteError::Io`] when any step fails; the temporary file is removed.
pub fn write_new(
    path: &Path,
    replaces: Option<&fs::Metadata>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    filled_temporary(path, replaces, write)?
        .persist(path)
        .map(drop)
        .map_err(|err| WriteError::io("write", path)(err.error))
}

/// A file written in full beside the file it is to replace, not yet renamed over it: what an
/// edit of several files writes first, so that every file is whole on disk before any is
/// replaced (see [`crate::journal`]).
#[derive(Debug)]
pub struct Staged {
    temporary: PathBuf,
    target: PathBuf,
}

impl Staged {
    /// The temporary file holding the new bytes.
    pub fn temporary(&self) -> &Path {
        &self.temporary
    }

    /// The file it replaces: the file named, or the file a symlink of that name points at.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Renames the new bytes over the target.
    ///
    /// # Errors
    ///
    /// [`WriteError::Io`] when the rename fails; the temporary file is still there.
    pub fn install(&self) -> Result<(), WriteError> {
        fs::rename(&self.temporary, &self.target).map_err(WriteError::io("replace", &self.target))
    }

    /// Removes the temporary file: the target stays as it was.
    pub fn discard(self) {
        let _ = fs::remove_file(&self.temporary);
    }
}

/// Writes what `write` writes to a temporary file beside `path` (beside the file a symlink
/// points at), flushed to disk, with the mode and owner of the file it is to replace, and
/// keeps it there for [`Staged::install`].
///
/// # Errors
///
/// As [`write_file`], and [`WriteError::Refused`] for a device, FIFO or other file that is
/// not a regular one, which cannot be replaced; nothing is left behind.
pub fn stage_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Staged, WriteError> {
    let target = through_symlink(path)?;
    let replaces = match fs::metadata(&target) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => None,
        Err(err) => return Err(WriteError::io("write", &target)(err)),
        Ok(meta) if meta.is_file() => Some(meta),
        Ok(_) => {
            return Err(WriteError::refused(
                path,
                "is not a regular file, so it cannot be replaced as a graph file; \
                 make it a file",
            ));
        }
    };
    let temporary = filled_temporary(&target, replaces.as_ref(), write)?;
    let (_, temporary) = temporary
        .keep()
        .map_err(|err| WriteError::io("write", &target)(err.error))?;
    Ok(Staged { temporary, target })
}

/// The file `path` names, or the one it points at when it is a symlink.
fn through_symlink(path: &Path) -> Result<PathBuf, WriteError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).map_err(|_| {
            WriteError::refused(
                path,
                "is a symlink to nothing; point it at a file, or remove it and write again",
            )
        }),
        _ => Ok(path.to_owned()),
    }
}

/// A temporary file beside `path` (named `.NAME.*.tmp`, which the loader skips as hidden)
/// holding what `write` writes, flushed to disk, with the mode and owner of `replaces`.
fn filled_temporary(
    path: &Path,
    replaces: Option<&fs::Metadata>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<tempfile::NamedTempFile, WriteError> {
    let name = path
        .file_name()
        .ok_or_else(|| WriteError::refused(path, "names no file; name a file to write"))?;
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(new_file_permissions());
    let temporary = builder
        .tempfile_in(parent_of(path))
        .map_err(|err| WriteError::io("write", path)(without_temporary_path(err)))?;
    let written = (|| {
        let mut out = BufWriter::new(temporary.as_file());
        write(&mut out)?;
        out.flush()?;
        drop(out);
        if let Some(old) = replaces {
            keep_mode_and_owner(temporary.as_file(), old)?;
        }
        temporary.as_file().sync_all()
    })();
    written.map_err(WriteError::io("write", path))?;
    Ok(temporary)
}

/// The error without the temporary file's name, which tempfile adds and which names nothing
/// the user knows: `No such file or directory (os error 2) at path "..."`.
pub(super) fn without_temporary_path(err: io::Error) -> io::Error {
    let text = err.to_string();
    match text.split_once(" at path ") {
        Some((reason, _)) => io::Error::new(err.kind(), reason.to_owned()),
        None => err,
    }
}

/// Writes to a device, FIFO or other non-regular file as a stream: opened for writing, never
/// created, truncated or replaced.
fn stream(
    path: &Path,
    meta: &fs::Metadata,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    if is_socket(meta) {
        return Err(WriteError::refused(
            path,
            "is a socket, which cannot be opened as a file; write to a file or to standard output",
        ));
    }
    let file = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(WriteError::io("open", path))?;
    let mut out = BufWriter::new(file);
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(WriteError::io("write", path))
}

#[cfg(unix)]
fn new_file_permissions() -> Permissions {
    use std::os::unix::fs::PermissionsExt;
    // The mode a new file gets from `open`: 0666 less the umask, which the system applies.
    Permissions::from_mode(0o666)
}

#[cfg(unix)]
fn keep_mode_and_owner(file: &File, old: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let now = file.metadata()?;
    if (now.uid(), now.gid()) != (old.uid(), old.gid()) {
        std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()))?;
    }
    file.set_permissions(Permissions::from_mode(old.mode() & 0o7777))
}

#[cfg(not(unix))]
fn keep_mode_and_owner(file: &File, old: &fs::Metadata) -> io::Result<()> {
    file.set_permissions(old.permissions())
}

#[cfg(unix)]
fn is_socket(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_socket()
}

#[cfg(not(unix))]
fn is_socket(_: &fs::Metadata) -> bool {
    false
}
