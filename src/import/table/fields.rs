//! One mapped cell read as the value of its field: words translated by the mapping's
//! `values`, dates in its formats, amounts into the amount fields, lists split.

use serde_json::{Map, Value};

use crate::export::columns::ColumnType;
use crate::model::{RelationKind, Reliability, Status};
use crate::names::slugify;

use super::cells::{self, CellProblem};
use super::mapping::FieldSpec;
use super::read::Row;

/// The cell's text as the field's `values` map translates it, matched ignoring case.
pub(super) fn translated(text: &str, spec: &FieldSpec) -> String {
    spec.values
        .iter()
        .find(|(word, _)| word.eq_ignore_ascii_case(text))
        .map_or_else(|| text.to_owned(), |(_, meant)| meant.clone())
}

/// The extra columns' cells, under `extra` by their headers.
pub(super) fn extra_cells(
    row: &Row,
    extra_columns: &[(usize, String)],
    fields: &mut Map<String, Value>,
) {
    let mut extra = match fields.remove("extra") {
        Some(Value::Object(extra)) => extra,
        _ => Map::new(),
    };
    for (index, header) in extra_columns {
        if let Some(cell) = row.cells.get(*index).map(|c| c.trim())
            && !cell.is_empty()
        {
            extra.insert(header.clone(), Value::String(cell.to_owned()));
        }
    }
    if !extra.is_empty() {
        fields.insert("extra".to_owned(), Value::Object(extra));
    }
}

/// An amount cell, in `currency` when a column gives its code, written into the relation's
/// amount fields that no column maps; the cell itself becomes `amount_text` unless it is a
/// plain number.
pub(super) fn read_money(
    text: &str,
    currency: Option<&str>,
    is_mapped: impl Fn(&str) -> bool,
    fields: &mut Map<String, Value>,
) -> Result<Value, CellProblem> {
    let money = match currency {
        Some(code) => cells::read_money(&format!("{text} {code}"))?,
        None => cells::read_money(text)?,
    };
    let mut set = |field: &str, value: Value| {
        if !is_mapped(field) && !value.is_null() {
            fields.insert(field.to_owned(), value);
        }
    };
    let number = |n: Option<f64>| n.map_or(Value::Null, Value::from);
    if money.currency == "USD" {
        set("amount_usd", number(money.low));
        set("amount_max_usd", number(money.high));
    } else {
        set("currency", Value::String(money.currency.clone()));
        set("amount", number(money.low.or(money.high)));
    }
    if money.estimated {
        set("estimated", Value::Bool(true));
    }
    if cells::read_decimal(text).is_err() || text.contains('%') {
        set("amount_text", Value::String(text.to_owned()));
    }
    Ok(Value::Null)
}

/// A cell as the value of `field`, a field of type `kind`.
pub(super) fn value_of(
    field: &str,
    kind: ColumnType,
    text: &str,
    spec: &FieldSpec,
) -> Result<Value, CellProblem> {
    let word_hint =
        |known: &str| format!("write one of {known}, or map the cell's word with `values`");
    match field {
        "date" | "end" => {
            return cells::read_date(text, &spec.formats).map(|d| Value::String(d.to_string()));
        }
        "type" => {
            return text
                .parse::<RelationKind>()
                .map(|k| Value::String(k.as_str().into()))
                .map_err(|e| CellProblem {
                    message: e.to_string(),
                    hint: word_hint("the relation types"),
                });
        }
        "status" => {
            return text
                .parse::<Status>()
                .map(|s| Value::String(s.as_str().into()))
                .map_err(|e| CellProblem {
                    message: e.to_string(),
                    hint: word_hint("the statuses"),
                });
        }
        "reliability" => {
            return text
                .parse::<Reliability>()
                .map(|r| Value::String(r.as_str().into()))
                .map_err(|e| CellProblem {
                    message: e.to_string(),
                    hint: word_hint("the levels"),
                });
        }
        "country" => return country(text).map(Value::String),
        "id" => {
            let slug = slugify(text);
            return if slug.is_empty() {
                Err(CellProblem {
                    message: format!("`{text}` has no letter or digit to make a company id of"),
                    hint: "write the company's id, a slug such as `openai`".to_owned(),
                })
            } else {
                Ok(Value::String(slug))
            };
        }
        "deal" => {
            let slug = slugify(text);
            return if slug.is_empty() {
                Err(CellProblem {
                    message: format!("`{text}` has no letter or digit to make a deal id of"),
                    hint: "a deal id groups the relations of one round: write a name for it"
                        .to_owned(),
                })
            } else {
                Ok(Value::String(slug))
            };
        }
        "scope" => {
            let word = Value::String(text.trim().to_lowercase());
            return serde_json::from_value::<crate::model::Scope>(word.clone())
                .map(|_| word)
                .map_err(|_| CellProblem {
                    message: format!("unknown scope `{text}`"),
                    hint: word_hint("investors, compute, supply, customers, talent"),
                });
        }
        _ => {}
    }
    match kind {
        ColumnType::Text => Ok(Value::String(text.to_owned())),
        ColumnType::Integer => cells::read_count(text).map(Value::from),
        ColumnType::Number => cells::read_decimal(text).map(Value::from),
        ColumnType::Boolean => cells::read_flag(text).map(Value::Bool),
        ColumnType::TextList => {
            let separator = spec.split.as_deref().unwrap_or(";");
            let items = list(text, separator, field == "sectors");
            Ok(if items.is_empty() {
                Value::Null
            } else {
                Value::from(items)
            })
        }
        ColumnType::Json => serde_json::from_str(text).map_err(|error| CellProblem {
            message: format!("`{text}` is not JSON: {error}"),
            hint: "write a JSON object, such as {\"key\": \"value\"}".to_owned(),
        }),
    }
}

/// The items of a list cell split on `separator`, trimmed, empty ones left out; sectors made
/// slugs (`AI Lab` is `ai-lab`, `games_video` `games-video`), as the format writes them.
pub(super) fn list(text: &str, separator: &str, sectors: bool) -> Vec<String> {
    text.split(separator)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            if sectors {
                slugify(item)
            } else {
                item.to_owned()
            }
        })
        .filter(|item| !item.is_empty())
        .collect()
}

/// A country as its ISO 3166-1 alpha-2 code, from that code or the alpha-3 one (`USA`).
fn country(text: &str) -> Result<String, CellProblem> {
    let code = text.trim();
    isocountry::CountryCode::for_alpha2_caseless(code)
        .or_else(|_| isocountry::CountryCode::for_alpha3_caseless(code))
        .map(|country| country.alpha2().to_owned())
        .map_err(|_| CellProblem {
            message: format!("`{text}` is not an ISO 3166 country code"),
            hint: "write the two-letter code (US, GB, DE) or the three-letter one (USA, GBR, DEU)"
                .to_owned(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_read_as_two_letter_codes() {
        assert_eq!(country("us").unwrap(), "US");
        assert_eq!(country("DEU").unwrap(), "DE");
        let problem = country("XX").unwrap_err();
        assert_eq!(problem.message, "`XX` is not an ISO 3166 country code");
    }
}
