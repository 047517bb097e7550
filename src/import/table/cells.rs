//! Reading one cell of a spreadsheet as a value of the graph format: amounts with their
//! currency, dates in the formats a mapping names, numbers with thousands separators, yes and
//! no. Each reader says what is wrong with a cell and how to write it instead.

use crate::date::PartialDate;

/// Why a cell could not be read: what is wrong, and how to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl CellProblem {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> CellProblem {
        CellProblem {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// An amount as a cell states it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Money {
    /// The ISO 4217 code of its currency.
    pub currency: String,
    /// The amount, or the bottom of a range.
    pub low: Option<f64>,
    /// The top of a range, or of an amount stated as "up to".
    pub high: Option<f64>,
    /// Whether the cell says the amount is approximate ("about", "~").
    pub estimated: bool,
}

/// Words that put an amount's ceiling.
const UP_TO: &[&str] = &["up to", "as much as", "at most", "upto"];

/// Words that say an amount is approximate.
const ABOUT: &[&str] = &[
    "about",
    "approximately",
    "approx.",
    "approx",
    "around",
    "roughly",
    "nearly",
    "almost",
    "est.",
    "~",
    "c.",
];

/// Currency signs and the codes they stand for; longer signs first.
const SIGNS: &[(&str, &str)] = &[
    ("us$", "USD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
];

/// Words that multiply the number before them.
const SCALES: &[(&str, f64)] = &[
    ("trillion", 1e12),
    ("billion", 1e9),
    ("million", 1e6),
    ("thousand", 1e3),
    ("tn", 1e12),
    ("bn", 1e9),
    ("mm", 1e6),
    ("mn", 1e6),
    ("t", 1e12),
    ("b", 1e9),
    ("m", 1e6),
    ("k", 1e3),
];

/// Reads an amount: `$3.4B`, `up to $100 billion`, `€2.1M`, `1,000,000`, `USD 5 bn`,
/// `$1-2B`, `about $500M`. A cell without a currency is in US dollars.
///
/// # Errors
///
/// When the cell holds no number, or words this reader does not know.
///
/// # Example
///
/// ```
/// use dealgraph::import::table::cells::read_money;
///
/// let up_to = read_money("up to $100 billion").unwrap();
/// assert_eq!((up_to.low, up_to.high), (None, Some(100e9)));
/// let euros = read_money("€2.1M").unwrap();
/// assert_eq!((euros.currency.as_str(), euros.low), ("EUR", Some(2_100_000.0)));
/// assert!(read_money("a lot").is_err());
/// ```
pub fn read_money(cell: &str) -> Result<Money, CellProblem> {
    let problem = |what: &str| {
        CellProblem::new(
            format!("cannot read `{cell}` as an amount: {what}"),
            "write an amount such as `$3.4B`, `up to $100 billion`, `€2.1M`, `$1-2B` or `1,000,000`",
        )
    };
    let mut text = cell.trim().to_lowercase();
    let mut money = Money::default();
    let mut ceiling = false;
    loop {
        let before = text.len();
        if let Some(rest) = strip_any(&text, UP_TO) {
            ceiling = true;
            text = rest;
        }
        if let Some(rest) = strip_any(&text, ABOUT) {
            money.estimated = true;
            text = rest;
        }
        if text.len() == before {
            break;
        }
    }
    let mut currency = None;
    let mut take_currency = |text: &mut String| -> Result<(), CellProblem> {
        if let Some((code, rest)) = currency_at_start(text) {
            if currency.is_some_and(|known| known != code) {
                return Err(problem("it names two currencies"));
            }
            currency = Some(code);
            *text = rest;
        }
        Ok(())
    };
    take_currency(&mut text)?;
    let (low_text, high_text) = split_range(&text);
    let mut low_text = low_text.to_owned();
    let mut high_text = high_text.map(str::to_owned);
    take_currency(&mut low_text)?;
    if let Some(high) = high_text.as_mut() {
        take_currency(high)?;
    }
    let (low, low_scale, low_code) =
        number_and_scale(&low_text).ok_or_else(|| problem("no number"))?;
    if let Some(code) = low_code {
        take_code(&mut currency, code).map_err(|()| problem("it names two currencies"))?;
    }
    let high = match &high_text {
        None => None,
        Some(high_text) => {
            let (high, high_scale, high_code) =
                number_and_scale(high_text).ok_or_else(|| problem("no number after the dash"))?;
            if let Some(code) = high_code {
                take_code(&mut currency, code).map_err(|()| problem("it names two currencies"))?;
            }
            // "$1-2B": the scale written once, after the top, counts for both.
            let scale = high_scale.unwrap_or(1.0);
            Some((high * scale, low * low_scale.unwrap_or(scale)))
        }
    };
    money.currency = currency.unwrap_or("USD").to_owned();
    match high {
        Some((top, bottom)) => {
            if bottom > top {
                return Err(problem("the range's bottom is above its top"));
            }
            money.low = Some(bottom);
            money.high = Some(top);
        }
        None if ceiling => money.high = Some(low * low_scale.unwrap_or(1.0)),
        None => money.low = Some(low * low_scale.unwrap_or(1.0)),
    }
    Ok(money)
}

fn take_code(currency: &mut Option<&'static str>, code: &'static str) -> Result<(), ()> {
    match currency {
        Some(known) if *known != code => Err(()),
        _ => {
            *currency = Some(code);
            Ok(())
        }
    }
}

/// `text` after the first of `words` it starts with, trimmed.
fn strip_any(text: &str, words: &[&str]) -> Option<String> {
    words
        .iter()
        .find_map(|word| text.strip_prefix(word))
        .map(|rest| rest.trim_start().to_owned())
}

/// A currency sign or ISO 4217 code at the start of `text`, and the rest.
fn currency_at_start(text: &str) -> Option<(&'static str, String)> {
    for (sign, code) in SIGNS {
        if let Some(rest) = text.strip_prefix(sign) {
            return Some((code, rest.trim_start().to_owned()));
        }
    }
    let word: String = text.chars().take_while(char::is_ascii_alphabetic).collect();
    let code = iso_code(&word)?;
    Some((code, text[word.len()..].trim_start().to_owned()))
}

/// The ISO 4217 code `word` spells, if any.
fn iso_code(word: &str) -> Option<&'static str> {
    if word.len() != 3 {
        return None;
    }
    iso_currency::Currency::from_code(&word.to_uppercase()).map(|currency| currency.code())
}

/// The two sides of a range written with a dash or "to", or the whole text.
fn split_range(text: &str) -> (&str, Option<&str>) {
    for separator in [" to ", "–", "—", "-"] {
        if let Some((low, high)) = text.split_once(separator)
            && !low.trim().is_empty()
        {
            return (low.trim(), Some(high.trim()));
        }
    }
    (text, None)
}

/// A number with its scale word and currency code after it: `3.4b`, `100 billion`,
/// `2.1 mn eur`, `1,000,000`.
fn number_and_scale(text: &str) -> Option<(f64, Option<f64>, Option<&'static str>)> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '_'))
        .unwrap_or(text.len());
    let end = digits + exponent_length(&text[digits..]);
    let number = read_number(&text[..end])?;
    let mut rest = text[end..].trim();
    let mut scale = None;
    for (word, factor) in SCALES {
        if let Some(after) = rest.strip_prefix(word)
            && !after.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            scale = Some(*factor);
            rest = after.trim_start();
            break;
        }
    }
    let code = if rest.is_empty() {
        None
    } else {
        Some(iso_code(rest.trim_end_matches('.'))?)
    };
    Some((number, scale, code))
}

/// A number with optional thousands separators (`1,000,000`, `1_000`) and decimal point.
/// The length of the exponent `rest` starts with (`e+12` in `2.6e+12`, as spreadsheets
/// write large numbers), or 0.
fn exponent_length(rest: &str) -> usize {
    let Some(after) = rest.strip_prefix(['e', 'E']) else {
        return 0;
    };
    let signed = after.strip_prefix(['+', '-']).unwrap_or(after);
    let digits = signed
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(signed.len());
    if digits == 0 {
        0
    } else {
        rest.len() - signed.len() + digits
    }
}

fn read_number(text: &str) -> Option<f64> {
    let plain: String = text.chars().filter(|c| *c != ',' && *c != '_').collect();
    if plain.is_empty() || !plain.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    plain.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Reads a plain number: `12.5`, `1,000`, `12%`.
///
/// # Errors
///
/// When the cell is not a finite number.
pub fn read_decimal(cell: &str) -> Result<f64, CellProblem> {
    let text = cell.trim().trim_end_matches('%').trim();
    read_number(text).ok_or_else(|| {
        CellProblem::new(
            format!("`{cell}` is not a number"),
            "write a number such as `12.5` or `1,000`",
        )
    })
}

/// Reads a whole number that is not negative: `1,000`, `25000`.
///
/// # Errors
///
/// When the cell is not one.
pub fn read_count(cell: &str) -> Result<u64, CellProblem> {
    let plain: String = cell
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .collect();
    plain.parse::<u64>().map_err(|_| {
        CellProblem::new(
            format!("`{cell}` is not a whole number"),
            "write a whole number such as `25000` or `25,000`",
        )
    })
}

/// Reads yes or no: `true`, `yes`, `y`, `1`, `x` and `false`, `no`, `n`, `0`.
///
/// # Errors
///
/// When the cell is none of these.
pub fn read_flag(cell: &str) -> Result<bool, CellProblem> {
    match cell.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "x" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err(CellProblem::new(
            format!("`{cell}` is not yes or no"),
            "write true or false (yes/no, y/n and 1/0 read too)",
        )),
    }
}

/// Reads a date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, then each of `formats` (strftime, as
/// chrono reads them) in turn. A format without a day gives a month; without a month, a year.
///
/// # Errors
///
/// When no format reads the cell, it names a day that does not exist, or a year before 1800.
///
/// # Example
///
/// ```
/// use dealgraph::import::table::cells::read_date;
///
/// let formats = ["%m/%d/%Y".to_owned(), "%b %Y".to_owned()];
/// assert_eq!(read_date("10/02/2024", &formats).unwrap().to_string(), "2024-10-02");
/// assert_eq!(read_date("Mar 2025", &formats).unwrap().to_string(), "2025-03");
/// assert_eq!(read_date("2024", &formats).unwrap().to_string(), "2024");
/// assert!(read_date("02/30/2024", &formats).is_err());
/// ```
pub fn read_date(cell: &str, formats: &[String]) -> Result<PartialDate, CellProblem> {
    let date = read_any_date(cell, formats)?;
    if date.year() < EARLIEST_YEAR {
        return Err(CellProblem::new(
            format!("`{cell}` is before {EARLIEST_YEAR}, which no deal of the graph is"),
            "exports write years such as 1000 for a date they do not know: leave the cell empty, or write the real date",
        ));
    }
    Ok(date)
}

/// The first year a date of the graph may have.
const EARLIEST_YEAR: u16 = 1800;

fn read_any_date(cell: &str, formats: &[String]) -> Result<PartialDate, CellProblem> {
    let text = cell.trim();
    if let Ok(date) = text.parse::<PartialDate>() {
        return Ok(date);
    }
    if let Some(impossible) = iso_like_problem(text) {
        return Err(impossible);
    }
    for format in formats {
        if let Some(date) = date_in_format(text, format) {
            return date;
        }
    }
    let tried = if formats.is_empty() {
        "YYYY, YYYY-MM or YYYY-MM-DD".to_owned()
    } else {
        format!("YYYY, YYYY-MM, YYYY-MM-DD, {}", formats.join(", "))
    };
    Err(CellProblem::new(
        format!("cannot read `{cell}` as a date in any of the formats {tried}"),
        "write the date as YYYY-MM-DD (or YYYY-MM, YYYY), or add its format to the mapping's `formats`",
    ))
}

/// The problem with a date written as ISO dates are but impossible (`2024-02-30`).
fn iso_like_problem(text: &str) -> Option<CellProblem> {
    let iso_shaped = text.len() >= 7
        && text.as_bytes()[4] == b'-'
        && text.chars().all(|c| c.is_ascii_digit() || c == '-');
    match text.parse::<PartialDate>() {
        Err(error) if iso_shaped => Some(CellProblem::new(
            error.to_string(),
            "write a day that exists, or only the month (YYYY-MM)",
        )),
        _ => None,
    }
}

/// The date `text` reads as in `format`, if it does: `Some(Err)` when it reads but names a
/// day that does not exist.
fn date_in_format(text: &str, format: &str) -> Option<Result<PartialDate, CellProblem>> {
    use chrono::format::{Parsed, StrftimeItems, parse};
    let mut parsed = Parsed::new();
    parse(&mut parsed, text, StrftimeItems::new(format)).ok()?;
    let year = parsed.year()?;
    let written = match (parsed.month(), parsed.day()) {
        (Some(month), Some(day)) => format!("{year:04}-{month:02}-{day:02}"),
        (Some(month), None) => format!("{year:04}-{month:02}"),
        _ => format!("{year:04}"),
    };
    Some(written.parse::<PartialDate>().map_err(|error| {
        CellProblem::new(
            format!("`{text}` read as `{format}`: {error}"),
            "write a day that exists",
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(cell: &str) -> (Option<f64>, Option<f64>) {
        let money = read_money(cell).unwrap();
        assert_eq!(money.currency, "USD", "{cell}");
        (money.low, money.high)
    }

    #[test]
    fn amounts_read_as_analysts_write_them() {
        assert_eq!(usd("$3.4B"), (Some(3.4e9), None));
        assert_eq!(usd("1,000,000"), (Some(1e6), None));
        assert_eq!(usd("US$ 500 million"), (Some(5e8), None));
        assert_eq!(usd("$1-2B"), (Some(1e9), Some(2e9)));
        assert_eq!(usd("$1B to $2.5B"), (Some(1e9), Some(2.5e9)));
        assert_eq!(usd("Up to $4bn"), (None, Some(4e9)));
        assert_eq!(usd("USD 5 bn"), (Some(5e9), None));
        assert!(read_money("~$40B").unwrap().estimated);
        let pounds = read_money("£2.1m").unwrap();
        assert_eq!((pounds.currency.as_str(), pounds.low), ("GBP", Some(2.1e6)));
        let euros = read_money("2.1 million EUR").unwrap();
        assert_eq!((euros.currency.as_str(), euros.low), ("EUR", Some(2.1e6)));
    }

    #[test]
    fn amounts_that_do_not_read_say_so() {
        for cell in ["", "lots", "$", "$3.4 gazillion", "€1 - $2", "$5-2B"] {
            let problem = read_money(cell).unwrap_err();
            assert!(
                problem.message.starts_with("cannot read"),
                "{cell}: {problem:?}"
            );
        }
    }

    #[test]
    fn numbers_flags_and_counts() {
        assert_eq!(read_decimal("12.5%").unwrap(), 12.5);
        assert_eq!(read_count("25,000").unwrap(), 25_000);
        assert!(read_count("-3").is_err());
        assert!(read_flag("Yes").unwrap());
        assert!(!read_flag("n").unwrap());
        assert!(read_flag("maybe").is_err());
    }

    #[test]
    fn impossible_iso_dates_are_named() {
        let problem = read_date("2024-02-30", &[]).unwrap_err();
        assert_eq!(
            problem.message,
            "impossible date `2024-02-30`: February 2024 has 29 days"
        );
    }
}
