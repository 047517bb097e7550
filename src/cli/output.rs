//! Writing results: JSON with a stable key order, or text, to standard output.
//!
//! Everything is written as it is made, through one buffer, so a large answer never sits in
//! memory whole. A write error (a closed pipe) reaches the caller as the `io::Error` it is.

use std::io::{self, BufWriter, Write};

use serde::Serialize;

/// How much output is gathered before each write to standard output.
const BUFFER: usize = 64 * 1024;

/// Writes `value` as pretty JSON followed by a newline.
pub fn json(value: &impl Serialize) -> anyhow::Result<()> {
    stream(|out| {
        serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
        out.write_all(b"\n")
    })
}

/// Writes `text` as it is.
pub fn text(text: &str) -> anyhow::Result<()> {
    stream(|out| out.write_all(text.as_bytes()))
}

/// Runs `write` on a buffered standard output, then flushes it.
pub fn stream(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    let mut out = BufWriter::with_capacity(BUFFER, io::stdout().lock());
    write(&mut out)?;
    out.flush()?;
    Ok(())
}
