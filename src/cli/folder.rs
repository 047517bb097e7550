//! Writing a folder of files all or nothing, through [`dealgraph::write::replace_folder`].

use std::fs;
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
            let path = staging.join(&name);
            bytes += text.len();
            fs::write(&path, text)
                .with_context(|| format!("cannot write {}", display::path(&path)))?;
        }
        Ok(bytes)
    })
}
