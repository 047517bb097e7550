//! Compact text for amounts and relations, shared by the command line and the diagrams.

use crate::model::Relation;

/// An amount of US dollars in short form: `$6.6B`, `$400M`, `$1.25T`, `$950`.
///
/// # Example
///
/// ```
/// use dealgraph::format::usd;
///
/// assert_eq!(usd(6_600_000_000.0), "$6.6B");
/// assert_eq!(usd(400_000_000.0), "$400M");
/// assert_eq!(usd(1_250_000_000.0), "$1.25B");
/// assert_eq!(usd(73_600_000.0), "$73.6M");
/// assert_eq!(usd(-0.0), "$0");
/// assert_eq!(usd(1.5e300), "$1.5e300");
/// assert_eq!(usd(999_999.999), "$1M");
/// ```
///
/// Past a thousand trillion, the amount is written in scientific notation rather than with
/// hundreds of digits; `-0` is written `0`.
pub fn usd(amount: f64) -> String {
    const SCALES: [(f64, &str); 4] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];
    let amount = if amount == 0.0 { 0.0 } else { amount };
    if amount.abs() >= 1e15 {
        let text = format!("{amount:.2e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        return format!("${mantissa}e{exponent}");
    }
    for (scale, suffix) in SCALES {
        // Rounded as it is shown, so 999,999.999 is `$1M`, not `$1000K`.
        let shown = (amount / scale * 100.0).round() / 100.0;
        if shown >= 1.0 {
            return format!("${}{suffix}", trim_decimals(shown));
        }
    }
    format!("${}", trim_decimals(amount))
}

/// A number with at most two decimals, without trailing zeros.
fn trim_decimals(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_owned()
}

/// The relation's amount as shown: `$1.25B`, `~$100M` when estimated, `up to $100B` or
/// `$17.4B to $19.4B` for a range, or the reported wording when there is no number.
///
/// # Example
///
/// ```
/// use dealgraph::{Relation, RelationKind};
/// use dealgraph::format::amount;
///
/// let mut pledge = Relation::new(RelationKind::Investment, "nvidia", "anthropic");
/// pledge.amount_max_usd = Some(10e9);
/// assert_eq!(amount(&pledge).as_deref(), Some("up to $10B"));
/// pledge.amount_usd = Some(5e9);
/// assert_eq!(amount(&pledge).as_deref(), Some("$5B to $10B"));
/// ```
pub fn amount(relation: &Relation) -> Option<String> {
    let about = if relation.estimated == Some(true) {
        "~"
    } else {
        ""
    };
    match (
        relation.amount_usd,
        relation.amount_max_usd,
        &relation.amount_text,
    ) {
        (Some(low), Some(high), _) => Some(format!("{about}{} to {}", usd(low), usd(high))),
        (Some(value), None, _) => Some(format!("{about}{}", usd(value))),
        (None, Some(high), _) => Some(format!("up to {about}{}", usd(high))),
        (None, None, Some(text)) => Some(text.clone()),
        (None, None, None) => None,
    }
}

/// A short label for a relation: amount and date, such as `$3.4B, 2024-10`.
///
/// # Example
///
/// ```
/// use dealgraph::{Relation, RelationKind};
/// use dealgraph::format::short_label;
///
/// let mut lease = Relation::new(RelationKind::Lease, "crusoe", "oracle");
/// assert_eq!(short_label(&lease), "");
/// lease.amount_usd = Some(3.4e9);
/// lease.date = Some("2024-10".parse().unwrap());
/// assert_eq!(short_label(&lease), "$3.4B, 2024-10");
/// ```
pub fn short_label(relation: &Relation) -> String {
    let parts: Vec<String> = [amount(relation), relation.date.map(|d| d.to_string())]
        .into_iter()
        .flatten()
        .collect();
    parts.join(", ")
}

/// The first source's publisher, or its address when it names no publisher.
pub fn first_source(relation: &Relation) -> Option<&str> {
    let source = relation.sources.first()?;
    source.publisher.as_deref().or(source.url.as_deref())
}

/// `n` and a noun, singular for one and plural otherwise: "1 hop", "3 hops", "2 companies".
///
/// # Example
///
/// ```
/// use dealgraph::format::count;
///
/// assert_eq!(count(1, "hop"), "1 hop");
/// assert_eq!(count(0, "path"), "0 paths");
/// assert_eq!(count(2, "company"), "2 companies");
/// ```
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {}", plural(noun))
    }
}

/// Words joined as a reader lists alternatives: "lease", "investment or loan", "lease,
/// compute or supply".
///
/// # Example
///
/// ```
/// use dealgraph::format::either;
///
/// assert_eq!(either(&["lease"]), "lease");
/// assert_eq!(either(&["investment", "loan"]), "investment or loan");
/// assert_eq!(either(&["lease", "compute", "supply"]), "lease, compute or supply");
/// ```
pub fn either(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The plural of an English noun of the kinds these messages use: "company" becomes
/// "companies", "hop" "hops".
fn plural(noun: &str) -> String {
    match noun.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{noun}s"),
    }
}
