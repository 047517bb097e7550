//! Partial calendar dates: news gives a year, a month or a day.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A date known to the year (`2024`), the month (`2024-10`) or the day (`2024-10-02`).
///
/// Dates order by their earliest day, and a less precise date sorts before a more precise one
/// that starts on the same day, so `2024 < 2024-01 < 2024-01-01 < 2024-01-02`.
///
/// # Example
///
/// ```
/// use dealgraph::PartialDate;
///
/// let month: PartialDate = "2024-10".parse().unwrap();
/// let day: PartialDate = "2024-10-02".parse().unwrap();
/// assert!(month < day);
/// assert_eq!(day.to_string(), "2024-10-02");
/// assert!("2024-02-30".parse::<PartialDate>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not of the form `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("malformed date `{0}`: write YYYY, YYYY-MM or YYYY-MM-DD")]
    Malformed(String),
    /// The month is not between 1 and 12.
    #[error("impossible date `{text}`: month {month} is not between 01 and 12")]
    Month {
        /// The date as written.
        text: String,
        /// The month it names.
        month: u32,
    },
    /// The day does not exist in that month.
    #[error("impossible date `{text}`: {month_name} {year} has {days} days")]
    Day {
        /// The date as written.
        text: String,
        /// The year it names.
        year: u16,
        /// The month's English name.
        month_name: &'static str,
        /// How many days that month has.
        days: u8,
    },
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// A date from parts already known to be valid, as a snapshot written from a loaded graph
    /// holds them.
    pub(crate) fn from_valid_parts(year: u16, month: Option<u8>, day: Option<u8>) -> PartialDate {
        PartialDate { year, month, day }
    }

    /// The date's year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The date's month (1 to 12), when known.
    pub fn month(self) -> Option<u8> {
        self.month
    }

    /// The date's day of the month, when known.
    pub fn day(self) -> Option<u8> {
        self.day
    }

    /// The last day this date may stand for: `2024-02` ends on `2024-02-29`.
    ///
    /// # Example
    ///
    /// ```
    /// use dealgraph::PartialDate;
    ///
    /// let month: PartialDate = "2024-02".parse().unwrap();
    /// assert_eq!(month.last_day().to_string(), "2024-02-29");
    /// ```
    pub fn last_day(self) -> PartialDate {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        PartialDate {
            year: self.year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// The first day this date may stand for: `2024-02` starts on `2024-02-01`.
    pub fn first_day(self) -> PartialDate {
        PartialDate {
            year: self.year,
            month: Some(self.month.unwrap_or(1)),
            day: Some(self.day.unwrap_or(1)),
        }
    }
}

impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A date known to the year, the month or the day: YYYY, YYYY-MM or YYYY-MM-DD.",
            "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
        })
    }
}

/// Today's date in UTC, from the system clock, read once per process.
pub fn today() -> PartialDate {
    static TODAY: std::sync::OnceLock<PartialDate> = std::sync::OnceLock::new();
    *TODAY.get_or_init(|| {
        let now = time::OffsetDateTime::now_utc().date();
        // Past 9999 (a clock gone wrong), every date counts as already past.
        let year = u16::try_from(now.year()).unwrap_or(9999).min(9999);
        PartialDate {
            year,
            month: Some(u8::from(now.month())),
            day: Some(now.day()),
        }
    })
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn parse_digits(part: &str, width: usize) -> Option<u32> {
    (part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
        .then(|| part.parse().ok())
        .flatten()
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let malformed = || DateError::Malformed(text.to_owned());
        let mut parts = text.split('-');
        let year = parts
            .next()
            .and_then(|p| parse_digits(p, 4))
            .ok_or_else(malformed)?;
        let month = parts
            .next()
            .map(|p| parse_digits(p, 2).ok_or_else(malformed))
            .transpose()?;
        let day = parts
            .next()
            .map(|p| parse_digits(p, 2).ok_or_else(malformed))
            .transpose()?;
        if parts.next().is_some() {
            return Err(malformed());
        }
        let year = u16::try_from(year).map_err(|_| malformed())?;
        if let Some(month) = month
            && !(1..=12).contains(&month)
        {
            return Err(DateError::Month {
                text: text.to_owned(),
                month,
            });
        }
        let month = month.map(|m| u8::try_from(m).expect("month checked to be 1..=12"));
        if let (Some(month), Some(day)) = (month, day) {
            let days = days_in_month(year, month);
            if day == 0 || day > u32::from(days) {
                return Err(DateError::Day {
                    text: text.to_owned(),
                    year,
                    month_name: MONTH_NAMES[usize::from(month) - 1],
                    days,
                });
            }
        }
        let day = day.map(|d| u8::try_from(d).expect("day checked to fit its month"));
        Ok(PartialDate { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;

        impl Visitor<'_> for DateVisitor {
            type Value = PartialDate;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date string: YYYY, YYYY-MM or YYYY-MM-DD")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<PartialDate, E> {
                text.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        text.parse().expect("valid date")
    }

    #[test]
    fn parses_every_precision() {
        assert_eq!(date("2024").to_string(), "2024");
        assert_eq!(date("2024-10").to_string(), "2024-10");
        assert_eq!(date("2024-02-29").to_string(), "2024-02-29");
    }

    #[test]
    fn rejects_impossible_dates_with_the_reason() {
        assert_eq!(
            "2024-13".parse::<PartialDate>().unwrap_err().to_string(),
            "impossible date `2024-13`: month 13 is not between 01 and 12"
        );
        assert_eq!(
            "2024-02-30".parse::<PartialDate>().unwrap_err().to_string(),
            "impossible date `2024-02-30`: February 2024 has 29 days"
        );
        assert_eq!(
            "2023-02-29".parse::<PartialDate>().unwrap_err().to_string(),
            "impossible date `2023-02-29`: February 2023 has 28 days"
        );
    }

    #[test]
    fn thirty_day_months_have_no_31st() {
        for month in ["04", "06", "09", "11"] {
            let text = format!("2024-{month}-31");
            let err = text.parse::<PartialDate>().unwrap_err().to_string();
            assert!(err.ends_with(" 2024 has 30 days"), "{err}");
            assert_eq!(
                date(&format!("2024-{month}-30")).to_string(),
                format!("2024-{month}-30")
            );
        }
        for month in ["01", "03", "05", "07", "08", "10", "12"] {
            assert_eq!(date(&format!("2024-{month}-31")).day(), Some(31));
        }
        assert_eq!(
            "2024-04-31".parse::<PartialDate>().unwrap_err().to_string(),
            "impossible date `2024-04-31`: April 2024 has 30 days"
        );
    }

    #[test]
    fn leap_years_follow_the_400_year_rule() {
        assert_eq!(date("2000-02-29").to_string(), "2000-02-29");
        assert_eq!(date("2400-02-29").to_string(), "2400-02-29");
        assert_eq!(date("0000-02-29").to_string(), "0000-02-29");
        for century in ["1900", "2100", "2200", "2300"] {
            assert!(
                format!("{century}-02-29").parse::<PartialDate>().is_err(),
                "{century}"
            );
        }
        assert_eq!(date("2000-02").last_day(), date("2000-02-29"));
        assert_eq!(date("2100-02").last_day(), date("2100-02-28"));
    }

    #[test]
    fn the_deserializer_says_what_it_expects() {
        let err = serde_json::from_str::<PartialDate>("2024")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "invalid type: integer `2024`, expected a date string: YYYY, YYYY-MM or YYYY-MM-DD at line 1 column 4"
        );
        let err = serde_json::from_str::<PartialDate>("\"2024-13\"")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("impossible date `2024-13`"), "{err}");
        assert_eq!(
            serde_json::from_str::<PartialDate>("\"2024-10\"").unwrap(),
            date("2024-10")
        );
    }

    #[test]
    fn rejects_malformed_dates() {
        for text in [
            "",
            "24",
            "2024-1",
            "2024/10",
            "2024-10-02T00:00",
            "２０２４",
            "2024-10-",
        ] {
            assert!(
                matches!(text.parse::<PartialDate>(), Err(DateError::Malformed(_))),
                "{text:?} should be malformed"
            );
        }
    }

    #[test]
    fn orders_by_first_day_then_precision() {
        assert!(date("2024") < date("2024-01"));
        assert!(date("2024-01") < date("2024-01-01"));
        assert!(date("2024-12") < date("2025"));
        assert_eq!(date("1900-02").last_day(), date("1900-02-28"));
    }
}
