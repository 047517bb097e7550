//! `FIELD=VALUE` assignments, as `dealgraph set` takes them, applied to a record through its
//! JSON form, so every field the format defines can be set and an unknown one is refused
//! with the list of fields.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// One change to a record's field.
///
/// - `FIELD=VALUE` sets the field. The value is read as JSON where the field takes a number,
///   a boolean, a list or an object (`amount_usd=5e9`, `lead=true`, `aliases=["A","B"]`), and
///   as text otherwise, so text needs no quotes (`status=completed`, `name=Crusoe Energy`).
/// - `FIELD+=VALUE` appends VALUE to a list (`aliases+=Crusoe Energy`, or a source as a JSON
///   object: `sources+={"publisher": "Reuters", "url": "https://..."}`).
/// - `FIELD=` (nothing after `=`) removes the field.
///
/// # Example
///
/// ```
/// use dealgraph::edit::Assignment;
///
/// let set: Assignment = "amount_usd=5e9".parse().unwrap();
/// assert_eq!(set.field, "amount_usd");
/// assert!("amount_usd".parse::<Assignment>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The field, as the graph format names it.
    pub field: String,
    /// What to do with it.
    pub change: Change,
}

/// What an [`Assignment`] does to its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Sets the field to the value.
    Set(String),
    /// Appends the value to the list the field holds.
    Append(String),
    /// Removes the field.
    Remove,
}

/// Why an assignment was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct AssignmentError(String);

impl FromStr for Assignment {
    type Err = AssignmentError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let Some((field, value)) = text.split_once('=') else {
            return Err(AssignmentError(format!(
                "`{text}` is not FIELD=VALUE; write e.g. `status=completed`, `aliases+=Name` \
                 or `notes=` to remove a field"
            )));
        };
        let (field, change) = match field.strip_suffix('+') {
            Some(field) => (field, Change::Append(value.to_owned())),
            None if value.is_empty() => (field, Change::Remove),
            None => (field, Change::Set(value.to_owned())),
        };
        if field.is_empty() {
            return Err(AssignmentError(format!(
                "`{text}` names no field before `=`"
            )));
        }
        Ok(Assignment {
            field: field.to_owned(),
            change,
        })
    }
}

impl fmt::Display for Assignment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.change {
            Change::Set(value) => write!(f, "{}={value}", self.field),
            Change::Append(value) => write!(f, "{}+={value}", self.field),
            Change::Remove => write!(f, "{}=", self.field),
        }
    }
}

/// `record` with every assignment applied, in order.
///
/// # Errors
///
/// When an assignment names a field the record does not have, appends to a field that is not
/// a list, or gives a value the field cannot hold: serde's message, which lists the fields.
pub(crate) fn assign<T: Serialize + DeserializeOwned>(
    record: &T,
    assignments: &[Assignment],
) -> Result<T, AssignmentError> {
    let mut object = match serde_json::to_value(record) {
        Ok(Value::Object(object)) => object,
        _ => unreachable!("records serialize as JSON objects"),
    };
    for assignment in assignments {
        object = apply::<T>(object, assignment)?;
    }
    serde_json::from_value(Value::Object(object)).map_err(|err| AssignmentError(err.to_string()))
}

/// The record's JSON object with one assignment applied, checked to still read as a record.
fn apply<T: DeserializeOwned>(
    object: serde_json::Map<String, Value>,
    assignment: &Assignment,
) -> Result<serde_json::Map<String, Value>, AssignmentError> {
    let field = assignment.field.as_str();
    let candidates = match &assignment.change {
        Change::Remove => vec![None],
        Change::Set(value) => readings(value).into_iter().map(Some).collect(),
        Change::Append(value) => readings(value).into_iter().map(Some).collect(),
    };
    let mut last_error = None;
    for candidate in candidates {
        let mut trial = object.clone();
        match (&assignment.change, candidate) {
            (Change::Remove, _) | (_, None) => {
                trial.remove(field);
            }
            (Change::Set(_), Some(value)) => {
                trial.insert(field.to_owned(), value);
            }
            (Change::Append(_), Some(value)) => {
                match trial.entry(field).or_insert(Value::Array(Vec::new())) {
                    Value::Array(items) => items.push(value),
                    _ => {
                        return Err(AssignmentError(format!(
                            "`{assignment}`: `{field}` is not a list; set it with `{field}=VALUE`"
                        )));
                    }
                }
            }
        }
        match serde_json::from_value::<T>(Value::Object(trial.clone())) {
            Ok(_) => return Ok(trial),
            Err(err) => last_error = Some(err),
        }
    }
    let err = last_error.expect("every assignment has a reading");
    Err(AssignmentError(format!("`{assignment}`: {err}")))
}

/// The JSON values a command-line value may mean: the JSON it spells, if any, then the text.
fn readings(value: &str) -> Vec<Value> {
    let text = Value::String(value.to_owned());
    match serde_json::from_str::<Value>(value) {
        Ok(Value::String(_)) | Err(_) => vec![text],
        Ok(json) => vec![json, text],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Company, Relation, RelationKind};

    fn assigned<T: Serialize + DeserializeOwned>(record: &T, texts: &[&str]) -> Result<T, String> {
        let assignments: Vec<Assignment> = texts.iter().map(|t| t.parse().unwrap()).collect();
        assign(record, &assignments).map_err(|err| err.to_string())
    }

    #[test]
    fn values_take_the_type_of_their_field() {
        let lease = Relation::new(RelationKind::Lease, "a", "b");
        let set = assigned(
            &lease,
            &[
                "capacity_mw=200",
                "status=completed",
                "site=100",
                "binding=false",
            ],
        )
        .unwrap();
        assert_eq!(set.capacity_mw, Some(200.0));
        assert_eq!(set.status.map(|s| s.as_str()), Some("completed"));
        assert_eq!(set.site.as_deref(), Some("100"));
        assert_eq!(set.binding, Some(false));
        let cleared = assigned(&set, &["site="]).unwrap();
        assert_eq!(cleared.site, None);
    }

    #[test]
    fn lists_are_appended_to() {
        let company: Company = serde_json::from_str(r#"{"id": "a", "name": "A"}"#).unwrap();
        let set = assigned(&company, &["aliases+=A Corp", "aliases+=true"]).unwrap();
        assert_eq!(set.aliases, ["A Corp", "true"]);
        let err = assigned(&company, &["name+=B"]).unwrap_err();
        assert!(err.contains("`name` is not a list"), "{err}");
    }

    #[test]
    fn unknown_fields_and_bad_values_are_refused_with_the_fields() {
        let lease = Relation::new(RelationKind::Lease, "a", "b");
        let err = assigned(&lease, &["ammount_usd=5"]).unwrap_err();
        assert!(
            err.contains("unknown field `ammount_usd`") && err.contains("`amount_usd`"),
            "{err}"
        );
        let err = assigned(&lease, &["status=complete"]).unwrap_err();
        assert!(err.contains("unknown variant `complete`"), "{err}");
    }
}
