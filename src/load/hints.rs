//! Hints: how to fix what serde_json reports, and "did you mean" for misspelt names.

use serde_json::error::Category;

use crate::suggest::closest_word as closest;

/// What a graph file looks like, for problems with the file as a whole.
pub(crate) const GRAPH_FILE_HINT: &str =
    "a graph file is one JSON object: {\"companies\": [...], \"relations\": [...]}";

/// Splits a serde_json error into its message, without serde_json's position suffix, and a hint.
pub(crate) fn explain_json_error(error: &serde_json::Error) -> (String, Option<String>) {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
    let hint = match error.classify() {
        Category::Io => None,
        Category::Syntax => Some(syntax_hint(&message)),
        Category::Eof => {
            Some("the file ends in the middle of a value: is it truncated?".to_owned())
        }
        Category::Data => data_hint(&message),
    };
    (shorten(message), hint)
}

/// Drops serde's list of expected words from unknown-field and unknown-value messages (the
/// hint names the closest word, or lists them), and says JSON's words where serde says Rust's.
fn shorten(message: String) -> String {
    if let Some((head, _)) = message.split_once(", expected")
        && (head.starts_with("unknown field") || head.starts_with("unknown variant"))
    {
        return head.replacen("unknown variant", "unknown value", 1);
    }
    match message.strip_prefix("invalid type: ") {
        Some(rest) => match rest.rsplit_once(", expected ") {
            Some((found, expected)) => format!(
                "invalid type: {}, expected {}",
                json_word(found),
                json_word(expected)
            ),
            None => message,
        },
        None => message,
    }
}

/// A serde type description in JSON's words: `f64` is a number, a `sequence` an array.
fn json_word(word: &str) -> &str {
    match word {
        "f64" => "a number",
        "u64" => "a whole number",
        "a sequence" => "an array",
        "sequence" => "array",
        "map" => "object",
        _ if word.starts_with("struct ") => "an object",
        _ => word,
    }
}

fn syntax_hint(message: &str) -> String {
    if message.starts_with("recursion limit exceeded") {
        "values nest deeper than 128 levels; a graph file never needs to".to_owned()
    } else if message.starts_with("number out of range") {
        "numbers must fit a 64-bit float; write amounts in plain US dollars, e.g. 6600000000"
            .to_owned()
    } else if message.starts_with("trailing comma") {
        "remove the comma after the last element".to_owned()
    } else if message.starts_with("control character") {
        "write line breaks and tabs inside strings as \\n and \\t".to_owned()
    } else {
        GRAPH_FILE_HINT.to_owned()
    }
}

fn data_hint(message: &str) -> Option<String> {
    let words = backticked(message);
    if message.starts_with("unknown field") {
        let (unknown, known) = words.split_first()?;
        let guess = closest(unknown, known)
            .map(|word| format!("did you mean `{word}`? "))
            .unwrap_or_default();
        return Some(format!(
            "{guess}data of your own goes in the free-form `extra` object"
        ));
    }
    if message.starts_with("unknown variant") {
        let (unknown, known) = words.split_first()?;
        return Some(match closest(unknown, known) {
            Some(word) => format!("did you mean `{word}`?"),
            None => format!("use one of: {}", known.join(", ")),
        });
    }
    if message.starts_with("missing field") {
        return Some(
            "every company needs `id` and `name`; every relation `type`, `from` and `to`"
                .to_owned(),
        );
    }
    if message.starts_with("invalid type") {
        return type_hint(message);
    }
    if message.contains("date") {
        return Some(
            "dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and must exist on the calendar"
                .to_owned(),
        );
    }
    None
}

/// How to write a value of the type serde expected.
fn type_hint(message: &str) -> Option<String> {
    let (_, expected) = message.rsplit_once(", expected ")?;
    let hint = match expected {
        "f64" | "u64" => "write numbers without quotes, units or commas, e.g. 6600000000",
        "a string" => "write text in double quotes",
        "a boolean" => "write `true` or `false`, without quotes",
        "a sequence" => "write a list in brackets: [\"...\", \"...\"]",
        "struct RawSections" | "struct GraphFile" => GRAPH_FILE_HINT,
        "struct Company" => "a company is an object: {\"id\": \"acme\", \"name\": \"Acme\"}",
        "struct Relation" => {
            "a relation is an object: {\"type\": \"investment\", \"from\": \"a\", \"to\": \"b\"}"
        }
        "struct Source" => {
            "a source is an object: {\"publisher\": ..., \"url\": ..., \"quote\": ...}"
        }
        _ => return None,
    };
    Some(hint.to_owned())
}

/// The words between backticks in a message, in order.
fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Relation;

    fn explain(json: &str) -> (String, Option<String>) {
        let error = serde_json::from_str::<Relation>(json).unwrap_err();
        explain_json_error(&error)
    }

    #[test]
    fn suggests_the_field_meant() {
        let (message, hint) =
            explain(r#"{"type": "lease", "from": "a", "to": "b", "ammount_usd": 1}"#);
        assert_eq!(message, "unknown field `ammount_usd`");
        assert_eq!(
            hint.as_deref(),
            Some(
                "did you mean `amount_usd`? data of your own goes in the free-form `extra` object"
            )
        );
    }

    #[test]
    fn suggests_the_type_meant() {
        let (message, hint) = explain(r#"{"type": "leese", "from": "a", "to": "b"}"#);
        assert_eq!(message, "unknown value `leese`");
        assert_eq!(hint.as_deref(), Some("did you mean `lease`?"));
    }
}
