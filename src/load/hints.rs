//! Hints: how to fix what serde_json reports, and "did you mean" for misspelt names.

use serde_json::error::Category;

use crate::names::closest_word as closest;


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

/// Drops serde's list of expected words from an unknown-field message: the hint names the
/// closest one instead.
fn shorten(message: String) -> String {
    match message.split_once(", expected") {
        Some((head, _)) if head.starts_with("unknown field") => head.to_owned(),
        _ => message,
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
        "a graph file is one JSON object: {\"companies\": [...], \"relations\": [...]}".to_owned()
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
    if message.contains("date") {
        return Some(
            "dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and must exist on the calendar"
                .to_owned(),
        );
    }
    None
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
        assert!(message.starts_with("unknown variant `leese`, expected one of `investment`"));
        assert_eq!(hint.as_deref(), Some("did you mean `lease`?"));
    }
}
