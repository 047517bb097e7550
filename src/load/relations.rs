//! The checks of one relation on its own, run as its file is parsed: dates, amounts, the
//! fields its type allows, its sources and its deal.

use super::locate::Section;
use super::validate::{Reporter, slug_hint};
use super::{At, Mode, describe_relation};
use crate::model::{Relation, RelationKind};
use crate::names::is_slug;

/// Adds a problem to `report` for each thing wrong with relation `index` of `file`.
pub(super) fn check_relation(
    file: usize,
    index: usize,
    relation: &Relation,
    report: &mut Reporter<'_>,
) {
    let mut check = Check {
        file,
        index,
        relation,
        report,
    };
    check.dates();
    check.amounts();
    check.range_and_currency();
    check.type_fields();
    check.sources();
    if check.report.mode != Mode::Load {
        check.dates_not_ahead();
    }
    check.deal();
}

/// One relation being checked, and where its problems go.
struct Check<'a, 'r> {
    file: usize,
    index: usize,
    relation: &'a Relation,
    report: &'a mut Reporter<'r>,
}

impl Check<'_, '_> {
    /// The relation named as problems name it: `relations[7] (investment a -> b)`.
    fn label(&self) -> String {
        let relation = self.relation;
        describe_relation(
            self.index,
            Some(relation.kind.as_str()),
            Some(relation.from.as_str()),
            Some(relation.to.as_str()),
        )
    }

    /// An error at `field` of the relation, or at the relation itself for `None`.
    fn error(&mut self, field: Option<&'static str>, message: String, hint: &str) {
        let at = At::Record(Section::Relations, self.index, field);
        let label = self.label();
        self.report.error(self.file, at, label, message, hint);
    }

    /// A warning at `field` of the relation, or at the relation itself for `None`.
    fn warning(&mut self, field: Option<&'static str>, message: String, hint: &str) {
        let at = At::Record(Section::Relations, self.index, field);
        let label = self.label();
        self.report.warning(self.file, at, label, message, hint);
    }

    /// An end no earlier than the beginning.
    fn dates(&mut self) {
        if let (Some(start), Some(end)) = (self.relation.date, self.relation.end)
            && end.last_day() < start.first_day()
        {
            let message = format!("ends ({end}) before it begins ({start})");
            self.error(Some("end"), message, "check `date` and `end`");
        }
    }

    /// Numbers that are finite and not negative.
    fn amounts(&mut self) {
        let relation = self.relation;
        let amounts = [
            ("amount_usd", relation.amount_usd),
            ("amount_max_usd", relation.amount_max_usd),
            ("amount", relation.amount),
            ("valuation_usd", relation.valuation_usd),
            ("stake_percent", relation.stake_percent),
            ("capacity_mw", relation.capacity_mw),
            ("term_years", relation.term_years),
        ];
        for (field, value) in amounts {
            let Some(value) = value else { continue };
            if value.is_finite() && value >= 0.0 {
                continue;
            }
            let message = format!("`{field}` must be a finite number, not negative: {value}");
            let hint = "a flow the other way is a relation the other way: swap `from` and `to`";
            self.error(Some(field), message, hint);
        }
    }

    /// An "up to" range that does not run backwards, a stake of at most 100%, and an amount in
    /// another currency given with its currency, as an ISO 4217 code.
    fn range_and_currency(&mut self) {
        let relation = self.relation;
        if let (Some(low), Some(high)) = (relation.amount_usd, relation.amount_max_usd)
            && high < low
        {
            let message = format!("`amount_max_usd` ({high}) is below `amount_usd` ({low})");
            let hint = "`amount_max_usd` is the top of the range, `amount_usd` the bottom";
            self.error(Some("amount_max_usd"), message, hint);
        }
        if let Some(stake) = relation.stake_percent
            && stake > 100.0
        {
            let message = format!("`stake_percent` is {stake}, over 100");
            let hint = "give the share held in percent: 27 for 27%";
            self.error(Some("stake_percent"), message, hint);
        }
        match (&relation.currency, relation.amount) {
            (Some(code), _) if !is_currency_code(code) => {
                let message = format!("currency `{code}` is not an ISO 4217 code");
                let hint = "use the three capital letters of ISO 4217: EUR, GBP, JPY, CNY";
                self.error(Some("currency"), message, hint);
            }
            (Some(_), None) => {
                let message = "`currency` without the `amount` stated in it".to_owned();
                let hint = "add `amount`, the amount in that currency (`amount_usd` is in dollars)";
                self.error(Some("currency"), message, hint);
            }
            (None, Some(_)) => {
                let message = "`amount` without its `currency`".to_owned();
                let hint = "add `currency` (e.g. \"EUR\"), or give a dollar amount as `amount_usd`";
                self.error(Some("amount"), message, hint);
            }
            _ => {}
        }
    }

    /// A warning for a relation or a source dated after today: a typo in the year, most often.
    fn dates_not_ahead(&mut self) {
        let today = crate::date::today();
        let relation = self.relation;
        let source_dates = relation
            .sources
            .iter()
            .map(|source| ("sources", source.date));
        for (field, date) in std::iter::once(("date", relation.date)).chain(source_dates) {
            if let Some(date) = date.filter(|d| d.first_day() > today) {
                let message = format!("dated {date}, after today ({today})");
                let hint = "check the year; a deal still to come is dated when it was announced";
                self.warning(Some(field), message, hint);
            }
        }
    }

    /// Only the fields of the relation's type, and an exclusivity clause's scope.
    fn type_fields(&mut self) {
        let relation = self.relation;
        for (field, owners) in relation.type_fields() {
            if !owners.contains(&relation.kind) {
                let names: Vec<&str> = owners.iter().map(|kind| kind.as_str()).collect();
                let message = format!(
                    "`{field}` belongs to {} relations, not to {}",
                    crate::format::either(&names),
                    relation.kind
                );
                let hint = "remove it, fix the `type`, or move it into `extra`";
                self.error(Some(field), message, hint);
            }
        }
        if relation.kind == RelationKind::Exclusivity && relation.scope.is_none() {
            let message = "exclusivity relation without a `scope`".to_owned();
            let hint = "add `scope`: one of investors, compute, supply, customers, talent";
            self.error(None, message, hint);
        }
    }

    /// Sources (a warning without), each naming where it comes from, at a web address.
    fn sources(&mut self) {
        let relation = self.relation;
        let checking = self.report.mode != Mode::Load;
        // Without warnings, skip building this one's label for every relation.
        if relation.sources.is_empty() && self.report.mode.warns() {
            let hint = "add `sources`: [{\"publisher\": ..., \"url\": ..., \"quote\": ...}]";
            self.warning(None, "no sources".to_owned(), hint);
        }
        for (n, source) in relation.sources.iter().enumerate() {
            // Parsing every address costs loading a tenth of its time on a large graph; a
            // malformed one harms no question, so only `check` looks.
            if checking
                && let Some(url) = &source.url
                && let Err(problem) = web_address(url)
            {
                let message = format!("sources[{n}] `url` `{url}` is not a web address: {problem}");
                let hint = "give the page's full address, from `https://`";
                self.error(Some("sources"), message, hint);
            }
            if source.publisher.is_none() && source.url.is_none() {
                let message = format!("sources[{n}] names neither a `publisher` nor a `url`");
                self.error(
                    Some("sources"),
                    message,
                    "say where the information comes from",
                );
            }
        }
    }

    /// A deal id that is a slug.
    fn deal(&mut self) {
        if let Some(deal) = &self.relation.deal
            && !is_slug(deal)
        {
            let message = format!("invalid deal id `{deal}`");
            self.error(Some("deal"), message, &slug_hint("deal ids", deal));
        }
    }
}

/// Whether `code` is an ISO 4217 currency code.
fn is_currency_code(code: &str) -> bool {
    iso_currency::Currency::from_code(code).is_some()
}

/// Warns of a relation or a source dated after today: a typo in the year, most often.
/// Checks that `text` is an absolute `http` or `https` address with a host.
fn web_address(text: &str) -> Result<(), String> {
    let url = url::Url::parse(text).map_err(|error| error.to_string())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "the scheme is `{}`, not http or https",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("it names no host".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_absolute_http_with_a_host() {
        assert_eq!(web_address("https://example.com/a(2)/?l=de"), Ok(()));
        assert!(web_address("example.com/page").is_err(), "no scheme");
        assert!(web_address("ftp://example.com/").is_err(), "not the web");
        assert!(web_address("https://").is_err(), "no host");
        assert!(
            web_address("https://exa mple.com/").is_err(),
            "a space in the host"
        );
    }

    #[test]
    fn currencies_are_iso_4217_codes() {
        assert!(is_currency_code("EUR"));
        assert!(is_currency_code("JPY"));
        assert!(!is_currency_code("eur"));
        assert!(!is_currency_code("EURO"));
        assert!(!is_currency_code("XYZ"));
    }
}
