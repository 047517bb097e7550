//! Writing results: JSON with a stable key order, or text, to standard output.

use std::io::Write;

use serde::Serialize;

/// Writes `value` as pretty JSON followed by a newline. The JSON is built in memory first, so
/// a write error (a closed pipe) reaches the caller as the `io::Error` it is.
pub fn json(value: &impl Serialize) -> anyhow::Result<()> {
    let mut text = serde_json::to_vec_pretty(value)?;
    text.push(b'\n');
    let mut out = std::io::stdout().lock();
    out.write_all(&text)?;
    out.flush()?;
    Ok(())
}

/// Writes `text` as it is.
pub fn text(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
