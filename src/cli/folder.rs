//! Writing a folder of files all or nothing, through [`dealgraph::write::replace_folder`].

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use dealgraph::display;

/// Writes the files `(name, contents)` into `out`, all or nothing: they go to a staging folder
/// beside `out` first, which then takes its place. A non-empty `out` is replaced only with
/// `force`. Returns the number of bytes written.
pub fn write_all_or_nothing(
    out: &Path,
    force: bool,
    files: impl IntoIterator<Item = (String, String)>,
) -> anyhow::Result<usize> {
    dealgraph::write::replace_folder(out, force, |staging| {
        let mut bytes = 0;
        for (name, text) in files {
            bytes += text.len();
            write_staged(staging, out, &name, |file| {
                Ok(file.write_all(text.as_bytes())?)
            })?;
        }
        Ok(bytes)
    })
}

/// Writes the file `name` into the staging folder of `out` through a buffer, flushed; an error
/// names the file where it would land, in `out`.
pub fn write_staged(
    staging: &Path,
    out: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let written = File::create(staging.join(name))
        .map_err(anyhow::Error::from)
        .and_then(|file| {
            let mut buffer = BufWriter::new(file);
            write(&mut buffer)?;
            Ok(buffer.flush()?)
        });
    written.with_context(|| format!("cannot write {}", display::path(&out.join(name))))
}
