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
    /// A file's header is not one of the layouts this import reads.
    #[error("{file}: {problem}\n  expected: {expected}\n  found: {found}")]
    Header {
        /// Which file, as the caller named it.
        file: String,
        /// What is wrong: a missing column, or a layout not recognised.
        problem: String,
        /// The columns expected.
        expected: String,
        /// The columns found.
        found: String,
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

/// The files of the exports; any may be left out.
#[derive(Default)]
pub struct CrunchbaseFiles<'a> {
    /// `crunchbase-companies.csv` of October 2013 (UTF-8), or the 2015 `companies.csv`: read by
    /// the names in its header.
    pub companies: Option<NamedReader<'a>>,
    /// `crunchbase-acquisitions.csv` of October 2013 (UTF-8), or the 2015 `acquisitions.csv`:
    /// read by the names in its header.
    pub acquisitions: Option<NamedReader<'a>>,
    /// `investments.csv`: the June 2013 VC-portfolio pull (no header, six columns), or the
    /// 2015 export's (a header naming its 18 columns), told apart by the first row.
    pub investments: Option<NamedReader<'a>>,
    /// `investors.csv` of the VC-portfolio pull: no header, four columns.
    pub investors: Option<NamedReader<'a>>,
}

/// One file an import read: its name, what it held, and how many rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRead {
    /// The file, as the caller named it.
    pub file: String,
    /// The layout it was read as, e.g. "2015 investments (by header)".
    pub layout: &'static str,
    /// Its rows, the header not counted.
    pub rows: usize,
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
    /// The files read, in the order read.
    pub files: Vec<FileRead>,
}

#[derive(Deserialize)]
struct CompanyRow {
    permalink: String,
    name: String,
    /// A single code in 2013; a `|`-separated list in 2015.
    #[serde(alias = "category_list")]
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
    #[serde(alias = "company_category_list")]
    company_category_code: String,
    company_country_code: String,
    acquirer_permalink: String,
    acquirer_name: String,
    #[serde(alias = "acquirer_category_list")]
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

/// A row of the 2015 export's `investments.csv`: one investor in one round.
#[derive(Deserialize)]
struct InvestmentRow2015 {
    company_permalink: String,
    company_name: String,
    company_category_list: String,
    company_country_code: String,
    investor_permalink: String,
    investor_name: String,
    investor_country_code: String,
    funding_round_permalink: String,
    funding_round_type: String,
    funding_round_code: String,
    funded_at: String,
    raised_amount_usd: String,
}

/// The columns of each layout read by header, as serde names them: every one must be there.
const COMPANY_COLUMNS: &[&[&str]] = &[
    &["permalink"],
    &["name"],
    &["category_code", "category_list"],
    &["funding_total_usd"],
    &["status"],
    &["country_code"],
    &["founded_at"],
];
const ACQUISITION_COLUMNS: &[&[&str]] = &[
    &["company_permalink"],
    &["company_name"],
    &["company_category_code", "company_category_list"],
    &["company_country_code"],
    &["acquirer_permalink"],
    &["acquirer_name"],
    &["acquirer_category_code", "acquirer_category_list"],
    &["acquirer_country_code"],
    &["acquired_at"],
    &["price_amount"],
    &["price_currency_code"],
];
const INVESTMENT_2015_COLUMNS: &[&[&str]] = &[
    &["company_permalink"],
    &["company_name"],
    &["company_category_list"],
    &["company_country_code"],
    &["investor_permalink"],
    &["investor_name"],
    &["investor_country_code"],
    &["funding_round_permalink"],
    &["funding_round_type"],
    &["funding_round_code"],
    &["funded_at"],
    &["raised_amount_usd"],
];
/// The 2013 VC-portfolio pull's `investments.csv`, which has no header.
const INVESTMENT_2013_COLUMNS: &str =
    "no header; 6 columns: company name, year, raised amount, currency, round code, investor name";
/// The 2013 VC-portfolio pull's `investors.csv`, which has no header.
const INVESTOR_COLUMNS: &str = "no header; 4 columns: name, founded year, city, state";

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
        let table = Table::with_header(input, COMPANY_COLUMNS, "companies (by header)")?;
        for row in builder.rows::<CompanyRow>(table)? {
            builder.listed_company(row);
        }
    }
    builder.summary.listed_companies = builder.companies.len();
    if let Some(input) = files.investors {
        let table = Table::headerless(input, 4, INVESTOR_COLUMNS, "2013 VC investors")?;
        for row in builder.rows::<InvestorRow>(table)? {
            builder.investor(row);
        }
    }
    if let Some(input) = files.acquisitions {
        let table = Table::with_header(input, ACQUISITION_COLUMNS, "acquisitions (by header)")?;
        for row in builder.rows::<AcquisitionRow>(table)? {
            builder.acquisition(row);
        }
    }
    if let Some(input) = files.investments {
        match Table::investments(input)? {
            Investments::Pull2013(table) => {
                for row in builder.rows::<InvestmentRow>(table)? {
                    builder.investment(row);
                }
            }
            Investments::Export2015(table) => {
                for row in builder.rows::<InvestmentRow2015>(table)? {
                    builder.investment_2015(row);
                }
            }
        }
    }
    Ok(builder.finish())
}

/// A CSV file opened and checked against the layout it is read as.
struct Table<'a> {
    name: String,
    layout: &'static str,
    csv: csv::Reader<Box<dyn Read + 'a>>,
    /// The header, for files read by column name.
    headers: Option<csv::StringRecord>,
    /// A first row already read to tell the layout, which is data.
    first: Option<(u64, csv::StringRecord)>,
}

/// A file's name, its reader past the first row, that row's line, and the row (`None` when the
/// file is empty).
type FirstRow<'a> = (
    String,
    csv::Reader<Box<dyn Read + 'a>>,
    u64,
    Option<csv::StringRecord>,
);

/// The two layouts of `investments.csv`.
enum Investments<'a> {
    Pull2013(Table<'a>),
    Export2015(Table<'a>),
}

impl<'a> Table<'a> {
    fn reader(input: NamedReader<'a>) -> (String, csv::Reader<Box<dyn Read + 'a>>) {
        let csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(input.reader);
        (input.name, csv)
    }

    /// The reader of a file whose first row has been read, with that row's line; `None` for
    /// an empty file.
    fn first_row(input: NamedReader<'a>) -> Result<FirstRow<'a>, ImportError> {
        let (name, mut csv) = Table::reader(input);
        let mut first = csv::StringRecord::new();
        let line = csv.position().line();
        let read = csv
            .read_record(&mut first)
            .map_err(|source| csv_error(&name, 1, line, source))?;
        Ok((name, csv, line, read.then_some(first)))
    }

    /// A file with a header that names every column in `columns` (one of each group's names).
    fn with_header(
        input: NamedReader<'a>,
        columns: &[&[&str]],
        layout: &'static str,
    ) -> Result<Table<'a>, ImportError> {
        let (name, mut csv) = Table::reader(input);
        let mut header = csv::StringRecord::new();
        let read = csv
            .read_record(&mut header)
            .map_err(|source| csv_error(&name, 0, 1, source))?;
        if !read {
            return Err(header_error(&name, "the file is empty", columns, &header));
        }
        trim_bom(&mut header);
        if let Some(missing) = columns
            .iter()
            .find(|names| !names.iter().any(|n| header.iter().any(|h| h == *n)))
        {
            let problem = format!("the header has no column `{}`", missing.join("` or `"));
            return Err(header_error(&name, &problem, columns, &header));
        }
        Ok(Table {
            name,
            layout,
            csv,
            headers: Some(header),
            first: None,
        })
    }

    /// A file without a header, of `width` columns; a first row that is a header is refused.
    fn headerless(
        input: NamedReader<'a>,
        width: usize,
        expected: &str,
        layout: &'static str,
    ) -> Result<Table<'a>, ImportError> {
        let (name, csv, line, first) = Table::first_row(input)?;
        let read = first.is_some();
        let first = first.unwrap_or_default();
        if read && (first.len() != width || looks_like_header(&first)) {
            return Err(ImportError::Header {
                problem: "the first row is not one of this layout".to_owned(),
                expected: expected.to_owned(),
                found: describe_columns(&first),
                file: name,
            });
        }
        Ok(Table {
            name,
            layout,
            csv,
            headers: None,
            first: read.then_some((line, first)),
        })
    }

    /// `investments.csv` in whichever of its two layouts the first row shows.
    fn investments(input: NamedReader<'a>) -> Result<Investments<'a>, ImportError> {
        let (name, csv, line, first) = Table::first_row(input)?;
        let read = first.is_some();
        let mut first = first.unwrap_or_default();
        trim_bom(&mut first);
        let mut table = Table {
            name,
            layout: "2013 VC portfolios",
            csv,
            headers: None,
            first: None,
        };
        if read && looks_like_header(&first) {
            let expected = INVESTMENT_2015_COLUMNS;
            if let Some(missing) = expected
                .iter()
                .find(|names| !names.iter().any(|n| first.iter().any(|h| h == *n)))
            {
                let problem = format!(
                    "the header has no column `{}`: it is neither the 2013 VC-portfolio pull ({INVESTMENT_2013_COLUMNS}) nor the 2015 export",
                    missing.join("` or `")
                );
                return Err(header_error(&table.name, &problem, expected, &first));
            }
            table.layout = "2015 investments (by header)";
            table.headers = Some(first);
            return Ok(Investments::Export2015(table));
        }
        if read && first.len() != 6 {
            return Err(ImportError::Header {
                problem: "the first row is not one of this layout".to_owned(),
                expected: INVESTMENT_2013_COLUMNS.to_owned(),
                found: describe_columns(&first),
                file: table.name,
            });
        }
        table.first = read.then_some((line, first));
        Ok(Investments::Pull2013(table))
    }
}

/// Drops a byte-order mark from the first cell.
fn trim_bom(record: &mut csv::StringRecord) {
    if record
        .get(0)
        .is_some_and(|cell| cell.starts_with('\u{feff}'))
    {
        let cells: Vec<String> = record
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                if i == 0 {
                    cell.trim_start_matches('\u{feff}').to_owned()
                } else {
                    cell.to_owned()
                }
            })
            .collect();
        *record = csv::StringRecord::from(cells);
    }
}

/// Whether a row reads as a header: it names columns such as `company_permalink`, and no cell
/// is a number.
fn looks_like_header(record: &csv::StringRecord) -> bool {
    let names_columns = record.iter().any(|cell| {
        matches!(
            cell,
            "permalink" | "name" | "company_permalink" | "company_name" | "investor_name"
        )
    });
    names_columns && !record.iter().any(|cell| cell.parse::<f64>().is_ok())
}

fn describe_columns(record: &csv::StringRecord) -> String {
    let cells: Vec<&str> = record.iter().collect();
    format!("{} columns: {}", cells.len(), cells.join(", "))
}

fn header_error(
    file: &str,
    problem: &str,
    columns: &[&[&str]],
    found: &csv::StringRecord,
) -> ImportError {
    let expected: Vec<String> = columns.iter().map(|names| names.join(" or ")).collect();
    ImportError::Header {
        file: file.to_owned(),
        problem: problem.to_owned(),
        expected: format!("a header with the columns {}", expected.join(", ")),
        found: describe_columns(found),
    }
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
    /// For each wanted id, the next number to try after it: so many companies wanting one id
    /// get theirs in constant time each.
    next_number: HashMap<String, usize>,
    by_permalink: HashMap<String, String>,
    by_name: HashMap<String, String>,
    acquisitions: Vec<Relation>,
    investments: Vec<Relation>,
    summary: ImportSummary,
}

impl Builder {
    /// Every row of `table`, read by the header's names or by position, and recorded among
    /// the files read.
    fn rows<T: for<'de> Deserialize<'de>>(
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

    fn listed_company(&mut self, row: CompanyRow) {
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
        let company = Company {
            id: CompanyId(id.clone()),
            name,
            aliases: Vec::new(),
            sectors: sectors(&row.category_code),
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
    fn free_id(&mut self, wanted: &str, name: &str) -> String {
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
        let wanted = permalink.map_or_else(|| slugify(name), |p| slugify(permalink_name(p)));
        let id = self.free_id(&wanted, name);
        let (display, name_extra) = display_name(name, &id);
        if name_extra.is_some() && !name.is_empty() {
            self.summary.kept_in_extra += 1;
        }
        let company = Company {
            id: CompanyId(id.clone()),
            name: display,
            aliases: Vec::new(),
            sectors: sectors(sector),
            country: non_empty(country.to_owned()),
            ticker: None,
            wikidata: None,
            lei: None,
            crunchbase: permalink.map(str::to_owned),
            url: None,
            notes: None,
            extra: name_extra
                .filter(|_| !name.is_empty())
                .map(|(key, value)| Map::from_iter([(key, value)])),
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
        let kept = serde_json::json!({
            "acquired_at": row.acquired_at,
            "price_amount": row.price_amount,
            "price_currency_code": row.price_currency_code,
        });
        self.keep_self_deal(id, "self_acquisitions", kept);
    }

    /// Keeps a deal of a company with itself, which the graph cannot hold as a relation, in the
    /// list `key` of the company's `extra`.
    fn keep_self_deal(&mut self, id: &str, key: &str, deal: Value) {
        let company = self.companies.get_mut(id).expect("added by company_for");
        let extra = company.extra.get_or_insert_with(Map::new);
        let list = extra.entry(key).or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            list.push(deal);
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

    /// A row of the 2015 export: one investor's part in one round.
    fn investment_2015(&mut self, row: InvestmentRow2015) {
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

/// The name a company is shown by: the export's, or its id when the export's has no letter or
/// digit (`***`, or nothing), which the graph format refuses; the name as given is then kept
/// under `extra.name_as_given`.
fn display_name(name: &str, id: &str) -> (String, Option<(String, Value)>) {
    if crate::names::name_key(name).is_empty() {
        let kept = ("name_as_given".to_owned(), Value::String(name.to_owned()));
        (id.to_owned(), Some(kept))
    } else {
        (name.to_owned(), None)
    }
}

/// The name part of a permalink: `/company/facebook` and `/organization/facebook` give
/// `facebook`.
fn permalink_name(permalink: &str) -> &str {
    permalink
        .trim_start_matches('/')
        .split_once('/')
        .map_or(permalink, |(_, name)| name)
}

/// Sector tags from a category: one code (2013), or a `|`-separated list (2015).
fn sectors(category: &str) -> Vec<String> {
    let mut tags: Vec<String> = category
        .split('|')
        .map(slugify)
        .filter(|t| !t.is_empty())
        .collect();
    tags.dedup();
    tags
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
