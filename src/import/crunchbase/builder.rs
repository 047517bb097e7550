//! The graph built from the rows: companies by permalink, acquisitions and investments, with
//! what does not fit the format kept under `extra`.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::date::PartialDate;
use crate::model::{Company, CompanyId, GraphFile, Relation, RelationKind, Source, Status};
use crate::names::slugify;

use super::rows::{AcquisitionRow, CompanyRow, InvestmentRow, InvestmentRow2015, InvestorRow};
use super::table::{Table, csv_error};
use super::{FileRead, ImportError, ImportSummary};

/// The Crunchbase page of a permalink, percent-encoded so that any permalink makes a valid
/// address; Crunchbase's home page without one.
fn crunchbase_url(permalink: Option<&str>) -> String {
    let mut url = url::Url::parse("https://www.crunchbase.com").expect("a valid address");
    if let Some(permalink) = permalink {
        url.set_path(permalink);
    }
    url.to_string().trim_end_matches('/').to_owned()
}

/// The attribution every imported relation carries.
pub(super) fn crunchbase_source(permalink: Option<&str>, title: &str) -> Source {
    Source {
        publisher: Some("Crunchbase (2013 export, CC-BY)".to_owned()),
        title: Some(title.to_owned()),
        url: Some(crunchbase_url(permalink)),
        date: None,
        quote: None,
        reliability: None,
    }
}

/// The round name for a Crunchbase round code: `a` → "Series A".
pub(super) fn round_name(code: &str) -> String {
    match code {
        single if single.len() == 1 && single.bytes().all(|b| b.is_ascii_lowercase()) => {
            format!("Series {}", single.to_uppercase())
        }
        other => other.replace('_', " "),
    }
}

#[derive(Default)]
pub(super) struct Builder {
    pub(super) companies: BTreeMap<String, Company>,
    /// For each wanted id, the next number to try after it: so many companies wanting one id
    /// get theirs in constant time each.
    pub(super) next_number: HashMap<String, usize>,
    pub(super) by_permalink: HashMap<String, String>,
    pub(super) by_name: HashMap<String, String>,
    pub(super) acquisitions: Vec<Relation>,
    pub(super) investments: Vec<Relation>,
    pub(super) summary: ImportSummary,
}

impl Builder {
    /// Every row of `table`, read by the header's names or by position, and recorded among
    /// the files read.
    pub(super) fn rows<T: for<'de> Deserialize<'de>>(
        &mut self,
        mut table: Table<'_>,
    ) -> Result<Vec<T>, ImportError> {
        let file = table.name.as_str();
        let mut rows = Vec::new();
        let mut number = 0;
        let decode = |number: u64, line: u64, record: &csv::StringRecord, headers| {
            record
                .deserialize(headers)
                .map_err(|source| csv_error(file, number, line, source))
        };
        if let Some((line, record)) = table.first.take() {
            number += 1;
            rows.push(decode(number, line, &record, table.headers.as_ref())?);
        }
        let mut record = csv::StringRecord::new();
        loop {
            let line = table.csv.position().line();
            match table.csv.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(source) => return Err(csv_error(file, number + 1, line, source)),
            }
            number += 1;
            rows.push(decode(number, line, &record, table.headers.as_ref())?);
        }
        self.summary.files.push(FileRead {
            file: table.name.clone(),
            layout: table.layout,
            rows: rows.len(),
        });
        Ok(rows)
    }

    pub(super) fn listed_company(&mut self, row: CompanyRow) {
        let id = self.free_id(&slugify(permalink_name(&row.permalink)), &row.name);
        let mut extra = Map::new();
        for (key, value) in [
            ("status", &row.status),
            ("funding_total_usd", &row.funding_total_usd),
            ("founded_at", &row.founded_at),
        ] {
            if !value.is_empty() {
                extra.insert(key.to_owned(), Value::String(value.clone()));
            }
        }
        let (name, name_extra) = display_name(&row.name, &id);
        if let Some((key, value)) = name_extra {
            extra.insert(key, value);
            self.summary.kept_in_extra += 1;
        }
        let country = country(&row.country_code);
        if let Err(code) = &country {
            extra.insert("country_code".to_owned(), Value::String(code.clone()));
            self.summary.kept_in_extra += 1;
        }
        let company = Company {
            id: CompanyId(id.clone()),
            name,
            aliases: Vec::new(),
            sectors: sectors(&row.category_code),
            country: country.ok().flatten(),
            ticker: None,
            wikidata: None,
            lei: None,
            crunchbase: Some(row.permalink.clone()),
            url: None,
            notes: None,
            extra: (!extra.is_empty()).then_some(extra),
        };
        self.by_permalink.insert(row.permalink, id.clone());
        self.by_name.entry(row.name).or_insert_with(|| id.clone());
        self.companies.insert(id, company);
    }

    /// An id for a new company: the slug, or the slug with a number when taken.
    pub(super) fn free_id(&mut self, wanted: &str, name: &str) -> String {
        let base = non_empty(wanted.to_owned())
            .or_else(|| non_empty(slugify(name)))
            .unwrap_or_else(|| "company".to_owned());
        let next = self.next_number.entry(base.clone()).or_insert(1);
        let id = (*next..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|id| !self.companies.contains_key(id))
            .expect("some numbered id is free");
        *next = id
            .strip_prefix(&base)
            .and_then(|rest| rest.strip_prefix('-'))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(1)
            + 1;
        id
    }

    /// The id of a company named in a row, adding it when it is not known yet.
    pub(super) fn company_for(
        &mut self,
        permalink: Option<&str>,
        name: &str,
        sector: &str,
        country: &str,
    ) -> String {
        if let Some(id) = permalink.and_then(|p| self.by_permalink.get(p)) {
            return id.clone();
        }
        if permalink.is_none()
            && let Some(id) = self.by_name.get(name)
        {
            return id.clone();
        }
        let wanted = permalink.map_or_else(|| slugify(name), |p| slugify(permalink_name(p)));
        let id = self.free_id(&wanted, name);
        let (display, name_extra) = display_name(name, &id);
        if name_extra.is_some() && !name.is_empty() {
            self.summary.kept_in_extra += 1;
        }
        let mut extra: Map<String, Value> = name_extra
            .filter(|_| !name.is_empty())
            .into_iter()
            .collect();
        let country = self::country(country);
        if let Err(code) = &country {
            extra.insert("country_code".to_owned(), Value::String(code.clone()));
            self.summary.kept_in_extra += 1;
        }
        let company = Company {
            id: CompanyId(id.clone()),
            name: display,
            aliases: Vec::new(),
            sectors: sectors(sector),
            country: country.ok().flatten(),
            ticker: None,
            wikidata: None,
            lei: None,
            crunchbase: permalink.map(str::to_owned),
            url: None,
            notes: None,
            extra: (!extra.is_empty()).then_some(extra),
        };
        if let Some(permalink) = permalink {
            self.by_permalink.insert(permalink.to_owned(), id.clone());
        }
        self.by_name
            .entry(name.to_owned())
            .or_insert_with(|| id.clone());
        self.companies.insert(id.clone(), company);
        self.summary.added_companies += 1;
        id
    }

    pub(super) fn investor(&mut self, row: InvestorRow) {
        let id = self.company_for(None, &row.name, "investor", "");
        let company = self.companies.get_mut(&id).expect("just added or found");
        for sector in ["investor", "vc"] {
            if !company.sectors.iter().any(|s| s == sector) {
                company.sectors.push(sector.to_owned());
            }
        }
        let place = [row.city.as_str(), row.state.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let mut extra = Map::new();
        if !place.is_empty() {
            extra.insert("location".to_owned(), Value::String(place));
        }
        if !row.founded_year.is_empty() {
            extra.insert("founded_year".to_owned(), Value::String(row.founded_year));
        }
        if !extra.is_empty() {
            company.extra.get_or_insert_with(Map::new).extend(extra);
        }
    }

    pub(super) fn acquisition(&mut self, row: AcquisitionRow) {
        if row.company_permalink.is_empty() && row.acquirer_permalink.is_empty() {
            self.summary.blank_rows += 1;
            return;
        }
        let target = self.company_for(
            Some(&row.company_permalink),
            &row.company_name,
            &row.company_category_code,
            &row.company_country_code,
        );
        let acquirer = self.company_for(
            Some(&row.acquirer_permalink),
            &row.acquirer_name,
            &row.acquirer_category_code,
            &row.acquirer_country_code,
        );
        if acquirer == target {
            self.self_acquisition(&target, &row);
            return;
        }
        let mut relation = Relation::new(RelationKind::Acquisition, &acquirer, &target);
        relation.status = Some(Status::Completed);
        let mut extra = Map::new();
        relation.date = self.date(&row.acquired_at, "acquired_at", &mut extra);
        self.amount(
            &row.price_amount,
            &row.price_currency_code,
            &mut relation,
            &mut extra,
            "price",
        );
        relation.sources = vec![crunchbase_source(
            Some(&row.company_permalink),
            "Crunchbase acquisitions, October 2013",
        )];
        relation.extra = (!extra.is_empty()).then_some(extra);
        self.acquisitions.push(relation);
    }

    /// Keeps a row that names one company as both acquirer and target, which the graph cannot
    /// hold as a relation, under the company's `extra.self_acquisitions`.
    pub(super) fn self_acquisition(&mut self, id: &str, row: &AcquisitionRow) {
        let kept = serde_json::json!({
            "acquired_at": row.acquired_at,
            "price_amount": row.price_amount,
            "price_currency_code": row.price_currency_code,
        });
        self.keep_self_deal(id, "self_acquisitions", kept);
    }

    /// Keeps a deal of a company with itself, which the graph cannot hold as a relation, in the
    /// list `key` of the company's `extra`.
    pub(super) fn keep_self_deal(&mut self, id: &str, key: &str, deal: Value) {
        let company = self.companies.get_mut(id).expect("added by company_for");
        let extra = company.extra.get_or_insert_with(Map::new);
        let list = extra.entry(key).or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            list.push(deal);
        }
        self.summary.kept_in_extra += 1;
    }

    pub(super) fn investment(&mut self, row: InvestmentRow) {
        let investor = self.company_for(None, &row.investor_name, "investor", "");
        let company = self.company_for(None, &row.company_name, "", "");
        if investor == company {
            // A firm listed in its own portfolio, or a row that names neither side: the graph
            // holds no relation of a company with itself, so the row is kept on the company.
            let kept = serde_json::json!({
                "year": row.year,
                "raised_amount": row.raised_amount,
                "currency": row.currency,
                "round_code": row.round_code,
            });
            self.keep_self_deal(&company, "self_investments", kept);
            return;
        }
        let mut relation = Relation::new(RelationKind::Investment, &investor, &company);
        relation.status = Some(Status::Completed);
        let mut extra = Map::new();
        relation.date = self.date(&row.year, "year", &mut extra);
        if !row.round_code.is_empty() {
            relation.round = Some(round_name(&row.round_code));
        }
        relation.deal = non_empty(slugify(&format!(
            "{} {} {}",
            company, row.year, row.round_code
        )));
        if !row.raised_amount.is_empty() {
            let text = [row.raised_amount.as_str(), row.currency.as_str()].join(" ");
            extra.insert(
                "round_amount".to_owned(),
                Value::String(text.trim().to_owned()),
            );
        }
        let permalink = self
            .companies
            .get(&company)
            .and_then(|c| c.crunchbase.clone());
        relation.sources = vec![crunchbase_source(
            permalink.as_deref(),
            "Crunchbase VC portfolios, June 2013",
        )];
        relation.extra = (!extra.is_empty()).then_some(extra);
        self.investments.push(relation);
    }

    /// A row of the 2015 export: one investor's part in one round.
    pub(super) fn investment_2015(&mut self, row: InvestmentRow2015) {
        let investor_permalink = non_empty(row.investor_permalink.clone());
        let investor = self.company_for(
            investor_permalink.as_deref(),
            &row.investor_name,
            "investor",
            &row.investor_country_code,
        );
        let company_permalink = non_empty(row.company_permalink.clone());
        let company = self.company_for(
            company_permalink.as_deref(),
            &row.company_name,
            &row.company_category_list,
            &row.company_country_code,
        );
        if investor == company {
            let kept = serde_json::json!({
                "funding_round_permalink": row.funding_round_permalink,
                "funded_at": row.funded_at,
                "raised_amount_usd": row.raised_amount_usd,
            });
            self.keep_self_deal(&company, "self_investments", kept);
            return;
        }
        let mut relation = Relation::new(RelationKind::Investment, &investor, &company);
        relation.status = Some(Status::Completed);
        let mut extra = Map::new();
        relation.date = self.date(&row.funded_at, "funded_at", &mut extra);
        relation.round = match (
            row.funding_round_code.as_str(),
            row.funding_round_type.as_str(),
        ) {
            ("", "") => None,
            ("", kind) => Some(round_name(kind)),
            (code, _) => Some(round_name(code)),
        };
        relation.deal = non_empty(slugify(permalink_name(&row.funding_round_permalink)));
        if !row.raised_amount_usd.is_empty() {
            extra.insert(
                "round_amount_usd".to_owned(),
                Value::String(row.raised_amount_usd.clone()),
            );
        }
        relation.sources = vec![crunchbase_source(
            company_permalink.as_deref(),
            "Crunchbase investments, 2015 export",
        )];
        relation.extra = (!extra.is_empty()).then_some(extra);
        self.investments.push(relation);
    }

    /// A date from the export, or `None` with the raw value kept under `extra[key]`. Years
    /// written as floats (`2009.0`), as some portfolio rows have them, are read as years.
    pub(super) fn date(
        &mut self,
        text: &str,
        key: &str,
        extra: &mut Map<String, Value>,
    ) -> Option<PartialDate> {
        if text.is_empty() {
            return None;
        }
        match text
            .strip_suffix(".0")
            .unwrap_or(text)
            .parse::<PartialDate>()
        {
            Ok(date) if date.year() >= 1800 => Some(date),
            _ => {
                extra.insert(key.to_owned(), Value::String(text.to_owned()));
                self.summary.kept_in_extra += 1;
                None
            }
        }
    }

    /// A price in US dollars as `amount_usd`; in another currency as `amount` and `currency`.
    pub(super) fn amount(
        &mut self,
        amount: &str,
        currency: &str,
        relation: &mut Relation,
        extra: &mut Map<String, Value>,
        key: &str,
    ) {
        let Ok(value) = amount.parse::<f64>() else {
            if !amount.is_empty() {
                extra.insert(key.to_owned(), Value::String(amount.to_owned()));
                self.summary.kept_in_extra += 1;
            }
            return;
        };
        if currency == "USD" || currency.is_empty() {
            relation.amount_usd = Some(value).filter(|v| v.is_finite() && *v >= 0.0);
        } else {
            relation.currency = Some(currency.to_owned());
            relation.amount = Some(value).filter(|v| v.is_finite() && *v >= 0.0);
        }
    }

    pub(super) fn finish(mut self) -> (GraphFile, ImportSummary) {
        self.summary.acquisitions = self.acquisitions.len();
        self.summary.investments = self.investments.len();
        let mut relations = self.acquisitions;
        relations.extend(self.investments);
        let graph = GraphFile {
            companies: self.companies.into_values().collect(),
            relations,
        };
        (graph, self.summary)
    }
}

/// The name a company is shown by: the export's, or its id when the export's has no letter or
/// digit (`***`, or nothing), which the graph format refuses; the name as given is then kept
/// under `extra.name_as_given`.
pub(super) fn display_name(name: &str, id: &str) -> (String, Option<(String, Value)>) {
    if crate::names::name_key(name).is_empty() {
        let kept = ("name_as_given".to_owned(), Value::String(name.to_owned()));
        (id.to_owned(), Some(kept))
    } else {
        (name.to_owned(), None)
    }
}

/// The name part of a permalink: `/company/facebook` and `/organization/facebook` give
/// `facebook`.
pub(super) fn permalink_name(permalink: &str) -> &str {
    permalink
        .trim_start_matches('/')
        .split_once('/')
        .map_or(permalink, |(_, name)| name)
}

/// Sector tags from a category: one code (2013), or a `|`-separated list (2015).
pub(super) fn sectors(category: &str) -> Vec<String> {
    let mut tags: Vec<String> = category
        .split('|')
        .map(slugify)
        .filter(|t| !t.is_empty())
        .collect();
    tags.dedup();
    tags
}

pub(super) fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// Crunchbase's country code, ISO 3166-1 alpha-3 (`USA`), as the graph's alpha-2 (`US`):
/// `Ok(None)` when there is none, and the code itself as the error when it is neither, for
/// the caller to keep under `extra` rather than lose.
fn country(code: &str) -> Result<Option<String>, String> {
    let code = code.trim();
    if code.is_empty() {
        return Ok(None);
    }
    isocountry::CountryCode::for_alpha3_caseless(code)
        .or_else(|_| isocountry::CountryCode::for_alpha2_caseless(code))
        .map(|country| Some(country.alpha2().to_owned()))
        .map_err(|_| code.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_codes_read_as_round_names() {
        assert_eq!(round_name("a"), "Series A");
        assert_eq!(round_name("seed"), "seed");
        assert_eq!(round_name("debt_round"), "debt round");
    }

    #[test]
    fn countries_become_two_letter_codes() {
        assert_eq!(country("USA"), Ok(Some("US".to_owned())));
        assert_eq!(country("gbr"), Ok(Some("GB".to_owned())));
        assert_eq!(country("FR"), Ok(Some("FR".to_owned())));
        assert_eq!(country(""), Ok(None));
        assert_eq!(country("XXX"), Err("XXX".to_owned()));
    }
}
