//! Writing results: JSON with a stable key order, or text, to standard output.
//!
//! Everything is written as it is made, through one buffer, so a large answer never sits in
//! memory whole. A write error (a closed pipe) reaches the caller as the `io::Error` it is.
//!
//! Control characters other than line feed and tab (C0, DEL and C1) are escaped on the way
//! out, as `\u{1b}`, so that no name in a graph can drive the terminal: retitle it, move the
//! cursor or hide text. Line feeds inside a value are escaped where the value is written
//! ([`dealgraph::display::text`]); JSON escapes them itself.

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
    let mut out = BufWriter::with_capacity(BUFFER, Sanitized::new(io::stdout().lock()));
    write(&mut out)?;
    out.flush()?;
    drop(
        out.into_inner()
            .map_err(io::IntoInnerError::into_error)?
            .finish()?,
    );
    Ok(())
}

/// `text` with its control characters but line feeds and tabs escaped, for standard error.
pub fn sanitized(text: &str) -> String {
    let mut out = Sanitized::new(Vec::new());
    out.write_all(text.as_bytes()).expect("writing to memory");
    let bytes = out.finish().expect("writing to memory");
    String::from_utf8(bytes).expect("escapes keep UTF-8 whole")
}

/// A writer that escapes control characters other than line feed and tab.
struct Sanitized<W: Write> {
    inner: W,
    /// The first byte of a two-byte UTF-8 sequence that a write ended on, held until the next
    /// write says whether it starts a C1 control character.
    pending: Option<u8>,
}

impl<W: Write> Sanitized<W> {
    fn new(inner: W) -> Sanitized<W> {
        Sanitized {
            inner,
            pending: None,
        }
    }

    /// Writes a byte held at the end of the last write.
    fn finish(mut self) -> io::Result<W> {
        if let Some(byte) = self.pending.take() {
            self.inner.write_all(&[byte])?;
        }
        self.inner.flush()?;
        Ok(self.inner)
    }

    fn write_escaped(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut start = 0;
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            let escaped = match byte {
                b'\n' | b'\t' => None,
                0x00..=0x1f | 0x7f => Some((u32::from(byte), 1)),
                0xc2 if at + 1 == bytes.len() => {
                    self.inner.write_all(&bytes[start..at])?;
                    self.pending = Some(byte);
                    return Ok(());
                }
                0xc2 if (0x80..=0x9f).contains(&bytes[at + 1]) => {
                    Some((u32::from(bytes[at + 1]), 2))
                }
                _ => None,
            };
            match escaped {
                Some((code, len)) => {
                    self.inner.write_all(&bytes[start..at])?;
                    write!(self.inner, "\\u{{{code:x}}}")?;
                    at += len;
                    start = at;
                }
                None => at += 1,
            }
        }
        self.inner.write_all(&bytes[start..])
    }
}

impl<W: Write> Write for Sanitized<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        match self.pending.take() {
            Some(_) if (0x80..=0x9f).contains(&buf[0]) => {
                write!(self.inner, "\\u{{{:x}}}", buf[0])?;
                self.write_escaped(&buf[1..])?;
            }
            Some(held) => {
                self.inner.write_all(&[held])?;
                self.write_escaped(buf)?;
            }
            None => self.write_escaped(buf)?,
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_but_lines_and_tabs_kept() {
        assert_eq!(
            sanitized("a\u{1b}]0;x\u{7}b\n\tc\u{9b}d\u{7f}é"),
            "a\\u{1b}]0;x\\u{7}b\n\tc\\u{9b}d\\u{7f}é"
        );
    }

    #[test]
    fn a_c1_character_split_between_writes_is_escaped() {
        let mut out = Sanitized::new(Vec::new());
        out.write_all(b"a\xc2").unwrap();
        out.write_all(b"\x9bb\xc2").unwrap();
        out.write_all(b"\xa9").unwrap();
        let bytes = out.finish().unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "a\\u{9b}b©");
    }
}
