//! Relation keys: the names by which a relation is addressed on the command line.
//!
//! A relation's key is `FROM:TYPE:TO`, then `:DATE` when it is dated, then `:N` for the N-th
//! (from 2) of relations alike in those four, counted in file order:
//! `crusoe:lease:oracle:2024-10`, `crusoe:lease:oracle:2024-10:2`; an undated relation's count
//! follows `:undated` (`openai:partnership:microsoft:undated:2`), so a count never reads as a
//! year. Company ids hold no colon,
//! so a key reads back unambiguously. A key is derived, not stored: it stays the same while
//! the relation's ends, type and date do, and while no relation alike in all four is inserted
//! before it.

use std::fmt;
use std::str::FromStr;

use crate::date::PartialDate;
use crate::model::{CompanyId, Relation, RelationKind};

/// The key of a relation: its ends, type and date, and which of the relations alike in those
/// it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelationKey {
    /// The company it reads from.
    pub from: CompanyId,
    /// Its type.
    pub kind: RelationKind,
    /// The company it reads to.
    pub to: CompanyId,
    /// When it began.
    pub date: Option<PartialDate>,
    /// Which of the relations alike in the four above it is, from 1 in file order.
    pub nth: usize,
}

impl RelationKey {
    /// The key of `relation`, the `nth` of its kind (from 1).
    pub fn of(relation: &Relation, nth: usize) -> RelationKey {
        RelationKey {
            from: relation.from.clone(),
            kind: relation.kind,
            to: relation.to.clone(),
            date: relation.date,
            nth,
        }
    }

    /// Whether `relation` is alike in ends, type and date with the relation this key names.
    pub fn is_alike(&self, relation: &Relation) -> bool {
        relation.kind == self.kind
            && relation.from == self.from
            && relation.to == self.to
            && relation.date == self.date
    }

    /// Whether `text` is written as a relation key rather than a company id.
    pub fn looks_like_key(text: &str) -> bool {
        text.contains(':')
    }
}

impl fmt::Display for RelationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.from, self.kind, self.to)?;
        match (self.date, self.nth) {
            (Some(date), 1) => write!(f, ":{date}")?,
            (Some(date), nth) => write!(f, ":{date}:{nth}")?,
            (None, 1) => {}
            (None, nth) => write!(f, ":undated:{nth}")?,
        }
        Ok(())
    }
}

impl serde::Serialize for RelationKey {
    /// A key serializes as the text `dealgraph set` and `rm` take.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Why a text is not a relation key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{given}` is not a relation key: {reason}; write FROM:TYPE:TO[:DATE][:N], \
     e.g. `crusoe:lease:oracle:2024-10`, as `show` prints it"
)]
pub struct KeyError {
    /// The text given.
    pub given: String,
    /// What is wrong with it.
    pub reason: String,
}

impl FromStr for RelationKey {
    type Err = KeyError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = |reason: String| KeyError {
            given: text.to_owned(),
            reason,
        };
        let parts: Vec<&str> = text.split(':').collect();
        let (from, kind, to, rest) = match parts.as_slice() {
            [from, kind, to, rest @ ..] if rest.len() <= 2 => (*from, *kind, *to, rest),
            _ => return Err(fail("it has not three to five parts".to_owned())),
        };
        let kind: RelationKind = kind.parse().map_err(|err| fail(format!("{err}")))?;
        let nth_of = |part: &str| -> Result<usize, KeyError> {
            match part.parse::<usize>() {
                Ok(nth) if nth >= 2 => Ok(nth),
                _ => Err(fail(format!(
                    "`{part}` is neither a date nor a count from 2"
                ))),
            }
        };
        let (date, nth) = match rest {
            [] => (None, 1),
            [one] => match one.parse::<PartialDate>() {
                Ok(date) => (Some(date), 1),
                Err(_) => (None, nth_of(one)?),
            },
            ["undated", nth] => (None, nth_of(nth)?),
            [date, nth] => (
                Some(
                    date.parse::<PartialDate>()
                        .map_err(|err| fail(format!("`{date}`: {err}")))?,
                ),
                nth_of(nth)?,
            ),
            _ => unreachable!("at most two parts after the ends"),
        };
        if from.is_empty() || to.is_empty() {
            return Err(fail("a company id is empty".to_owned()));
        }
        Ok(RelationKey {
            from: CompanyId(from.to_owned()),
            kind,
            to: CompanyId(to.to_owned()),
            date,
            nth,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_back_as_written() {
        for text in [
            "crusoe:lease:oracle",
            "crusoe:lease:oracle:2024-10",
            "crusoe:lease:oracle:2024",
            "crusoe:lease:oracle:2024-10-03:3",
            "a:competitor:b:undated:2",
        ] {
            let key: RelationKey = text.parse().unwrap();
            assert_eq!(key.to_string(), text);
        }
    }

    #[test]
    fn a_year_is_a_date_and_a_small_number_a_count() {
        let year: RelationKey = "a:lease:b:2024".parse().unwrap();
        assert_eq!((year.date.map(|d| d.year()), year.nth), (Some(2024), 1));
        let second: RelationKey = "a:lease:b:2".parse().unwrap();
        assert_eq!((second.date, second.nth), (None, 2));
        assert_eq!(second.to_string(), "a:lease:b:undated:2");
        let many = RelationKey {
            nth: 2024,
            ..second
        };
        assert_eq!(many.to_string().parse::<RelationKey>().unwrap(), many);
    }

    #[test]
    fn bad_keys_say_what_is_wrong() {
        let err = "a:leese:b".parse::<RelationKey>().unwrap_err();
        assert!(err.to_string().contains("did you mean `lease`"), "{err}");
        let err = "a:lease".parse::<RelationKey>().unwrap_err();
        assert!(err.to_string().contains("three to five parts"), "{err}");
        let err = "a:lease:b:1".parse::<RelationKey>().unwrap_err();
        assert!(err.to_string().contains("count from 2"), "{err}");
    }
}
