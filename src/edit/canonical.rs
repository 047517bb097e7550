//! The canonical form of a graph file: what `fmt` and every editing command write.
//!
//! One JSON object, indented by two spaces, with `companies` before `relations` and an empty
//! array left out; every record's fields in the order `graph/README.md` lists them, absent
//! fields left out; numbers without a fraction written as integers; the keys of `extra`
//! sorted; records in the order the file gives them (the tool never reorders what a user
//! arranged); a newline at the end.

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
    let canonical = Canonical {
        companies: &file.companies,
        relations: &file.relations,
    };
    let mut text =
        serde_json::to_string_pretty(&canonical).expect("a graph file always serializes");
    text.push('\n');
    text
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
