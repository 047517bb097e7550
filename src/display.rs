//! Text that is safe to print: names, ids and file names with their control characters
//! escaped, so that no value read from a graph or a file name can move the cursor, retitle the
//! terminal or forge a line of output.
//!
//! Control characters (U+0000 to U+001F, U+007F and U+0080 to U+009F) are written as Rust
//! escapes: `\n`, `\r`, `\t`, `\u{1b}`. File names that are not UTF-8 have each invalid byte
//! written as `\xNN`, so they print, and serialize as JSON, whatever their bytes.

use std::fmt::{self, Write};
use std::path::Path;

/// `text` with its control characters escaped, for printing.
///
/// # Example
///
/// ```
/// assert_eq!(dealgraph::display::text("a\u{1b}]0;x\u{7}b").to_string(), "a\\u{1b}]0;x\\u{7}b");
/// assert_eq!(dealgraph::display::text("Café").to_string(), "Café");
/// ```
pub fn text(text: &str) -> Escaped<'_> {
    Escaped(text)
}

/// A path with its control characters and non-UTF-8 bytes escaped, for printing.
///
/// # Example
///
/// ```
/// use std::path::Path;
/// assert_eq!(dealgraph::display::path(Path::new("a\nb.json")).to_string(), "a\\nb.json");
/// ```
pub fn path(path: &Path) -> EscapedPath<'_> {
    EscapedPath(path)
}

/// A path as a string that JSON can hold: [`path`]'s escapes, as a `String`.
pub fn path_string(path: &Path) -> String {
    EscapedPath(path).to_string()
}

/// Serializes a path as [`path_string`] does, for `#[serde(serialize_with = ...)]`.
///
/// # Errors
///
/// Those of the serializer.
pub fn serialize_path<S: serde::Serializer>(path: &Path, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&EscapedPath(path))
}

/// Whether a character is one [`text`] escapes.
pub fn is_control(c: char) -> bool {
    c.is_control()
}

/// Text whose `Display` escapes control characters: see [`text`].
#[derive(Debug, Clone, Copy)]
pub struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(is_control) {
            f.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().expect("found at a char boundary");
            escape(c, f)?;
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// A path whose `Display` escapes control characters and invalid bytes: see [`path`].
#[derive(Debug, Clone, Copy)]
pub struct EscapedPath<'a>(&'a Path);

impl fmt::Display for EscapedPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for chunk in self.0.as_os_str().as_encoded_bytes().utf8_chunks() {
            write!(f, "{}", Escaped(chunk.valid()))?;
            for byte in chunk.invalid() {
                write!(f, "\\x{byte:02x}")?;
            }
        }
        Ok(())
    }
}

fn escape(c: char, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match c {
        '\n' => f.write_str("\\n"),
        '\r' => f.write_str("\\r"),
        '\t' => f.write_str("\\t"),
        other => {
            f.write_str("\\u{")?;
            write!(f, "{:x}", u32::from(other))?;
            f.write_char('}')
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_and_delete_are_escaped() {
        assert_eq!(text("a\u{7f}b\u{9b}c").to_string(), "a\\u{7f}b\\u{9b}c");
    }

    #[cfg(unix)]
    #[test]
    fn invalid_bytes_of_a_file_name_are_escaped() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"g\xff\n.json");
        assert_eq!(path(Path::new(name)).to_string(), "g\\xff\\n.json");
    }
}
