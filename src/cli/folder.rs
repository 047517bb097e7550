//! Writing a folder of files all or nothing: into a hidden folder beside it, renamed into place.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Writes the files `(name, contents)` into `out`, all or nothing: they go to a hidden folder
/// beside `out` first, which then replaces `out`. A non-empty `out` is replaced only with
/// `force`. Returns the number of bytes written.
pub fn write_all_or_nothing(
    out: &Path,
    force: bool,
    files: impl IntoIterator<Item = (String, String)>,
) -> anyhow::Result<usize> {
    let existing = match fs::metadata(out) {
        Ok(meta) if !meta.is_dir() => bail!("{} exists and is not a folder", out.display()),
        Ok(_) => Some(is_empty(out)?),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", out.display())),
    };
    if existing == Some(false) && !force {
        bail!("{} is not empty; pass --force to replace it", out.display());
    }
    let staging = sibling(out, "tmp")?;
    let written = (|| {
        fs::create_dir(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
        let mut bytes = 0;
        for (name, text) in files {
            let path = staging.join(&name);
            bytes += text.len();
            fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        }
        replace(&staging, out, existing.is_some())?;
        Ok(bytes)
    })();
    if written.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    written
}

fn is_empty(dir: &Path) -> anyhow::Result<bool> {
    let mut entries =
        fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    Ok(entries.next().is_none())
}

/// A fresh hidden path beside `path`, such as `.out.tmp-1234`, on the same file system so that
/// renaming it is atomic.
fn sibling(path: &Path, what: &str) -> anyhow::Result<PathBuf> {
    let name = path
        .file_name()
        .with_context(|| format!("{} names no folder", path.display()))?
        .to_string_lossy();
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let sibling = parent.join(format!(".{name}.{what}-{}", std::process::id()));
    if sibling.exists() {
        fs::remove_dir_all(&sibling)
            .with_context(|| format!("cannot remove the leftover {}", sibling.display()))?;
    }
    Ok(sibling)
}

/// Moves `staging` to `out`; an existing `out` is moved aside first and removed after.
fn replace(staging: &Path, out: &Path, exists: bool) -> anyhow::Result<()> {
    let rename = |from: &Path, to: &Path| {
        fs::rename(from, to)
            .with_context(|| format!("cannot move {} to {}", from.display(), to.display()))
    };
    if !exists {
        return rename(staging, out);
    }
    let old = sibling(out, "old")?;
    rename(out, &old)?;
    if let Err(err) = rename(staging, out) {
        let _ = fs::rename(&old, out);
        return Err(err);
    }
    fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))
}
