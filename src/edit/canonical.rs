//! The canonical form of a graph file: what `fmt` and every editing command write.
//!
//! One JSON object, indented by two spaces, with `companies` before `relations` and an empty
//! array left out; every record's fields in the order the model declares them, absent
//! fields left out; numbers without a fraction written as integers; the keys of `extra`
//! sorted; records in the order the file gives them (the tool never reorders what a user
//! arranged); a newline at the end.

use std::io::{self, Write};

use serde::Serialize;

use crate::model::{Company, GraphFile, Relation};

/// A graph file as the canonical form writes it: an empty array left out.
#[derive(Serialize)]
struct Canonical<'a> {
    #[serde(skip_serializing_if = "<[Company]>::is_empty")]
    companies: &'a [Company],
    #[serde(skip_serializing_if = "<[Relation]>::is_empty")]
    relations: &'a [Relation],
}

/// The canonical text of a graph file.
///
/// # Example
///
/// ```
/// use dealgraph::edit::canonical_text;
///
/// let file: dealgraph::GraphFile =
///     serde_json::from_str(r#"{"relations": [], "companies": [{"name": "A", "id": "a"}]}"#)
///         .unwrap();
/// assert_eq!(
///     canonical_text(&file),
///     "{\n  \"companies\": [\n    {\n      \"id\": \"a\",\n      \"name\": \"A\"\n    }\n  ]\n}\n"
/// );
/// ```
pub fn canonical_text(file: &GraphFile) -> String {
    let bytes = canonical_bytes(file, 0);
    String::from_utf8(bytes).expect("serde_json writes UTF-8")
}

/// [`canonical_text`] as bytes, in a buffer that starts with room for `size_hint` bytes: a
/// file's own size, so that writing a large file back does not copy it as the buffer grows.
pub fn canonical_bytes(file: &GraphFile, size_hint: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(size_hint + size_hint / 8);
    write_canonical(file, &mut bytes).expect("writing to memory cannot fail");
    bytes
}

/// Whether `bytes` are the canonical text of `file`: compared as it is written, without
/// building the text.
///
/// # Example
///
/// ```
/// use dealgraph::edit::{canonical_text, is_canonical, parse_file};
///
/// let loose = br#"{"companies": [{"name": "A", "id": "a"}]}"#;
/// let file = parse_file(loose).unwrap();
/// assert!(!is_canonical(&file, loose));
/// assert!(is_canonical(&file, canonical_text(&file).as_bytes()));
/// ```
pub fn is_canonical(file: &GraphFile, bytes: &[u8]) -> bool {
    let mut rest = Compare { rest: bytes };
    write_canonical(file, &mut rest).is_ok() && rest.rest.is_empty()
}

/// Writes the canonical text of `file` to `out`.
fn write_canonical(file: &GraphFile, mut out: impl Write) -> io::Result<()> {
    let canonical = Canonical {
        companies: &file.companies,
        relations: &file.relations,
    };
    serde_json::to_writer_pretty(&mut out, &canonical)?;
    out.write_all(b"\n")
}

/// A writer that checks what is written against the bytes expected, and fails at the first
/// difference.
struct Compare<'a> {
    rest: &'a [u8],
}

impl Write for Compare<'_> {
    fn write(&mut self, written: &[u8]) -> io::Result<usize> {
        match self.rest.strip_prefix(written) {
            Some(rest) => {
                self.rest = rest;
                Ok(written.len())
            }
            None => Err(io::Error::other("differs")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Parses a graph file's bytes as the editing commands read them: the records, with every
/// field the format defines and the free-form `extra` kept.
///
/// # Errors
///
/// serde_json's error, with its line and column, when the bytes are not a graph file.
pub fn parse_file(bytes: &[u8]) -> Result<GraphFile, serde_json::Error> {
    serde_json::from_slice(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_text_is_a_fixed_point() {
        let text = r#"{"relations": [{"to": "b", "from": "a", "type": "lease",
            "capacity_mw": 2.0e2, "extra": {"z": 1, "a": [true]}}],
            "companies": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]}"#;
        let once = canonical_text(&parse_file(text.as_bytes()).unwrap());
        assert!(once.contains("\"capacity_mw\": 200,"), "{once}");
        assert!(once.find("\"a\": [").unwrap() < once.find("\"z\": 1").unwrap());
        assert!(once.find("\"type\"").unwrap() < once.find("\"from\"").unwrap());
        assert_eq!(canonical_text(&parse_file(once.as_bytes()).unwrap()), once);
    }

    #[test]
    fn an_empty_file_is_an_empty_object() {
        assert_eq!(canonical_text(&GraphFile::default()), "{}\n");
    }
}
