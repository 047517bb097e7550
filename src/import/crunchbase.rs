//! Crunchbase's 2013 exports: companies, acquisitions and VC portfolios, as a graph.
//!
//! Companies come from the October 2013 companies file; acquisitions give `acquisition`
//! relations (acquirer → target); the June 2013 VC-portfolio pull gives `investment` relations
//! (investor → company). Companies named only in acquisitions or portfolios are added from
//! what those rows say. Every relation is `completed` and cites Crunchbase, as its licence
//! (CC-BY) asks. Nothing in the input is dropped: values that do not fit the graph format (an
//! impossible year, a price in another currency) are kept under `extra`.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::date::PartialDate;
use crate::model::{Company, CompanyId, GraphFile, Relation, RelationKind, Source, Status};
use crate::names::slugify;

/// Why an export could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A row could not be read as CSV, or lacks a column.
    #[error("{file}: record {record} (line {line}): {source}")]
    Csv {
        /// Which file, as the caller named it.
        file: String,
        /// The record's number, counting from 1 after any header.
        record: u64,
        /// The line it starts on.
        line: u64,
        /// What the CSV reader said.
        #[source]
        source: csv::Error,
    },
}

/// A CSV input and the name its errors are reported under.
pub struct NamedReader<'a> {
    /// The name shown in errors, usually the file's path.
    pub name: String,
    /// The bytes.
    pub reader: Box<dyn Read + 'a>,
}

impl<'a> NamedReader<'a> {
    /// A reader reported under `name`.
    pub fn new(name: impl Into<String>, reader: impl Read + 'a) -> NamedReader<'a> {
        NamedReader {
            name: name.into(),
            reader: Box::new(reader),
        }
    }
}

/// The four files of the 2013 exports; any may be left out.
#[derive(Default)]
pub struct CrunchbaseFiles<'a> {
    /// `crunchbase-companies.csv` (UTF-8), with its header.
    pub companies: Option<NamedReader<'a>>,
    /// `crunchbase-acquisitions.csv` (UTF-8), with its header.
    pub acquisitions: Option<NamedReader<'a>>,
    /// `investments.csv` of the VC-portfolio pull: no header.
    pub investments: Option<NamedReader<'a>>,
    /// `investors.csv` of the VC-portfolio pull: no header.
    pub investors: Option<NamedReader<'a>>,
}

/// What an import made, in counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Companies from the companies file.
    pub listed_companies: usize,
    /// Companies added because an acquisition or a portfolio names them.
    pub added_companies: usize,
    /// Acquisition relations.
    pub acquisitions: usize,
    /// Investment relations.
    pub investments: usize,
    /// Values kept under `extra` because they do not fit the format (bad years, other currencies,
    /// a company recorded as acquiring itself).
    pub kept_in_extra: usize,
    /// Rows with every column empty, which hold nothing to import.
    pub blank_rows: usize,
}

#[derive(Deserialize)]
struct CompanyRow {
    permalink: String,
    name: String,
    category_code: String,
    funding_total_usd: String,
    status: String,
    country_code: String,
    founded_at: String,
}

#[derive(Deserialize)]
struct AcquisitionRow {
    company_permalink: String,
    company_name: String,
    company_category_code: String,
    company_country_code: String,
    acquirer_permalink: String,
    acquirer_name: String,
    acquirer_category_code: String,
    acquirer_country_code: String,
    acquired_at: String,
    price_amount: String,
    price_currency_code: String,
}

#[derive(Deserialize)]
struct InvestmentRow {
    company_name: String,
    year: String,
    raised_amount: String,
    currency: String,
    round_code: String,
    investor_name: String,
}

#[derive(Deserialize)]
struct InvestorRow {
    name: String,
    founded_year: String,
    city: String,
    state: String,
}

/// Builds a graph from the exports: companies sorted by id, then acquisitions, then investments,
/// each in file order.
///
/// # Errors
///
/// [`ImportError::Csv`] naming the file, record and line of the first row that cannot be read.
///
/// # Example
///
/// ```
/// use dealgraph::import::crunchbase::{import, CrunchbaseFiles, NamedReader};
///
/// let companies = "permalink,name,category_code,funding_total_usd,status,country_code,state_code,region,city,funding_rounds,founded_at,founded_month,founded_quarter,founded_year,first_funding_at,last_funding_at,last_milestone_at\n\
///     /company/facebook,Facebook,social,2425700000,ipo,USA,CA,SF Bay,Menlo Park,11,2004-02-01,2004-02,2004-Q1,2004,2004-09-01,2013-01-15,2013-05-01\n";
/// let investments = "Facebook,2005,12700000.0,USD,a,Accel Partners\n";
/// let files = CrunchbaseFiles {
///     companies: Some(NamedReader::new("companies.csv", companies.as_bytes())),
///     investments: Some(NamedReader::new("investments.csv", investments.as_bytes())),
///     ..CrunchbaseFiles::default()
/// };
/// let (graph, summary) = import(files).unwrap();
/// assert_eq!(summary.investments, 1);
/// let relation = &graph.relations[0];
/// assert_eq!((relation.from.as_str(), relation.to.as_str()), ("accel-partners", "facebook"));
/// assert_eq!(relation.round.as_deref(), Some("Series A"));
/// ```
pub fn import(files: CrunchbaseFiles<'_>) -> Result<(GraphFile, ImportSummary), ImportError> {
    let mut builder = Builder::default();
    if let Some(input) = files.companies {
        for row in rows::<CompanyRow>(input, true)? {
            builder.listed_company(row);
        }
    }
    builder.summary.listed_companies = builder.companies.len();
    if let Some(input) = files.investors {
        for row in rows::<InvestorRow>(input, false)? {
            builder.investor(row);
        }
    }
    if let Some(input) = files.acquisitions {
        for row in rows::<AcquisitionRow>(input, true)? {
            builder.acquisition(row);
        }
    }
    if let Some(input) = files.investments {
        for row in rows::<InvestmentRow>(input, false)? {
            builder.investment(row);
        }
    }
    Ok(builder.finish())
}

fn rows<T: for<'de> Deserialize<'de>>(
    input: NamedReader<'_>,
    has_headers: bool,
) -> Result<Vec<T>, ImportError> {
    let file = input.name.as_str();
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(has_headers)
        .from_reader(input.reader);
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let headers = if has_headers {
        Some(
            csv.headers()
                .map_err(|source| csv_error(file, 0, 1, source))?
                .clone(),
        )
    } else {
        None
    };
    let mut number = 0;
    loop {
        let line = csv.position().line();
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(source) => return Err(csv_error(file, number + 1, line, source)),
        }
        number += 1;
        let row = record
            .deserialize(headers.as_ref())
            .map_err(|source| csv_error(file, number, line, source))?;
        rows.push(row);
    }
    Ok(rows)
}

fn csv_error(file: &str, record: u64, line: u64, source: csv::Error) -> ImportError {
    ImportError::Csv {
        file: file.to_owned(),
        record,
        line,
        source,
    }
}

/// The attribution every imported relation carries.
fn crunchbase_source(permalink: Option<&str>, title: &str) -> Source {
    Source {
        publisher: Some("Crunchbase (2013 export, CC-BY)".to_owned()),
        title: Some(title.to_owned()),
        url: Some(match permalink {
            Some(permalink) => format!("https://www.crunchbase.com{permalink}"),
            None => "https://www.crunchbase.com".to_owned(),
        }),
        date: None,
        quote: None,
    }
}

/// The round name for a Crunchbase round code: `a` → "Series A".
fn round_name(code: &str) -> String {
    match code {
        single if single.len() == 1 && single.bytes().all(|b| b.is_ascii_lowercase()) => {
            format!("Series {}", single.to_uppercase())
        }
        other => other.replace('_', " "),
    }
}

#[derive(Default)]
struct Builder {
    companies: BTreeMap<String, Company>,
    by_permalink: HashMap<String, String>,
    by_name: HashMap<String, String>,
    acquisitions: Vec<Relation>,
    investments: Vec<Relation>,
    summary: ImportSummary,
}

impl Builder {
    fn listed_company(&mut self, row: CompanyRow) {
        let id = self.free_id(
            &slugify(row.permalink.trim_start_matches("/company/")),
            &row.name,
        );
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
        let company = Company {
            id: CompanyId(id.clone()),
            name: row.name.clone(),
            aliases: Vec::new(),
            sectors: non_empty(slugify(&row.category_code)).into_iter().collect(),
            country: non_empty(row.country_code),
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
    fn free_id(&self, wanted: &str, name: &str) -> String {
        let base = non_empty(wanted.to_owned())
            .or_else(|| non_empty(slugify(name)))
            .unwrap_or_else(|| "company".to_owned());
        (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|id| !self.companies.contains_key(id))
            .expect("some numbered id is free")
    }

    /// The id of a company named in a row, adding it when it is not known yet.
    fn company_for(
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
        let wanted = permalink.map_or_else(
            || slugify(name),
            |p| slugify(p.trim_start_matches("/company/")),
        );
        let id = self.free_id(&wanted, name);
        let company = Company {
            id: CompanyId(id.clone()),
            name: if name.is_empty() {
                id.clone()
            } else {
                name.to_owned()
            },
            aliases: Vec::new(),
            sectors: non_empty(slugify(sector)).into_iter().collect(),
            country: non_empty(country.to_owned()),
            ticker: None,
            wikidata: None,
            lei: None,
            crunchbase: permalink.map(str::to_owned),
            url: None,
            notes: None,
            extra: None,
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

    fn investor(&mut self, row: InvestorRow) {
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
        let extra = company.extra.get_or_insert_with(Map::new);
        if !place.is_empty() {
            extra.insert("location".to_owned(), Value::String(place));
        }
        if !row.founded_year.is_empty() {
            extra.insert("founded_year".to_owned(), Value::String(row.founded_year));
        }
    }

    fn acquisition(&mut self, row: AcquisitionRow) {
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
    fn self_acquisition(&mut self, id: &str, row: &AcquisitionRow) {
        let company = self.companies.get_mut(id).expect("added by company_for");
        let extra = company.extra.get_or_insert_with(Map::new);
        let list = extra
            .entry("self_acquisitions")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            list.push(serde_json::json!({
                "acquired_at": row.acquired_at,
                "price_amount": row.price_amount,
                "price_currency_code": row.price_currency_code,
            }));
        }
        self.summary.kept_in_extra += 1;
    }

    fn investment(&mut self, row: InvestmentRow) {
        let investor = self.company_for(None, &row.investor_name, "investor", "");
        let company = self.company_for(None, &row.company_name, "", "");
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

    /// A date from the export, or `None` with the raw value kept under `extra[key]`. Years
    /// written as floats (`2009.0`), as some portfolio rows have them, are read as years.
    fn date(
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

    /// A price in US dollars as `amount_usd`; in another currency, kept as text and under `extra`.
    fn amount(
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
            relation.amount_text = Some(format!("{amount} {currency}"));
            extra.insert(
                key.to_owned(),
                Value::String(format!("{amount} {currency}")),
            );
            self.summary.kept_in_extra += 1;
        }
    }

    fn finish(mut self) -> (GraphFile, ImportSummary) {
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

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
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
    fn slugs_keep_only_ascii_words() {
        assert_eq!(slugify("#waywire"), "waywire");
        assert_eq!(slugify("Andreessen Horowitz"), "andreessen-horowitz");
        assert_eq!(slugify("###"), "");
    }
}
