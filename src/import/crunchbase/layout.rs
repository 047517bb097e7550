//! Which layout each export file is in, told by its header (or its first row), so that it is
//! read by the right table of the shipped mappings; a file in none is refused, naming the
//! columns expected and found.

use super::ImportError;

/// The columns of each layout read by header: one name of each group must be there.
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

/// The layouts of the export files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// Companies, by header: `category_code` (2013) or `category_list` (2015).
    Companies { year: u16 },
    /// Acquisitions, by header, 2013 or 2015 as for companies.
    Acquisitions { year: u16 },
    /// The June 2013 VC-portfolio pull: no header, six columns.
    Portfolios2013,
    /// The 2015 export's investments, by header.
    Investments2015,
    /// The firms of the VC-portfolio pull: no header, four columns.
    Investors2013,
}

impl Layout {
    /// How the import reports the layout it read a file as.
    pub(super) fn describe(self) -> &'static str {
        match self {
            Layout::Companies { .. } => "companies (by header)",
            Layout::Acquisitions { .. } => "acquisitions (by header)",
            Layout::Portfolios2013 => "2013 VC portfolios",
            Layout::Investments2015 => "2015 investments (by header)",
            Layout::Investors2013 => "2013 VC investors",
        }
    }

    /// The shipped mapping that reads the layout, and the file name its table reads.
    pub(super) fn table(self) -> (u16, &'static str) {
        match self {
            Layout::Companies { year: 2013 } => (2013, "crunchbase-companies.csv"),
            Layout::Companies { .. } => (2015, "companies.csv"),
            Layout::Acquisitions { year: 2013 } => (2013, "crunchbase-acquisitions.csv"),
            Layout::Acquisitions { .. } => (2015, "acquisitions.csv"),
            Layout::Portfolios2013 => (2013, "investments.csv"),
            Layout::Investments2015 => (2015, "investments.csv"),
            Layout::Investors2013 => (2013, "investors.csv"),
        }
    }
}

/// The first row of `bytes` (a byte-order mark dropped), or `None` when there is none.
fn first_row(name: &str, bytes: &[u8]) -> Result<Option<csv::StringRecord>, ImportError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => Ok(Some(record)),
        Ok(false) => Ok(None),
        Err(source) => Err(ImportError::Csv {
            file: name.to_owned(),
            record: 0,
            line: 1,
            source,
        }),
    }
}

/// The layout of the companies file `name`.
pub(super) fn companies(name: &str, bytes: &[u8]) -> Result<Layout, ImportError> {
    let header = with_header(name, bytes, COMPANY_COLUMNS)?;
    let year = if has(&header, "category_code") {
        2013
    } else {
        2015
    };
    Ok(Layout::Companies { year })
}

/// The layout of the acquisitions file `name`.
pub(super) fn acquisitions(name: &str, bytes: &[u8]) -> Result<Layout, ImportError> {
    let header = with_header(name, bytes, ACQUISITION_COLUMNS)?;
    let year = if has(&header, "company_category_code") {
        2013
    } else {
        2015
    };
    Ok(Layout::Acquisitions { year })
}

/// The layout of the investors file `name`: no header, four columns.
pub(super) fn investors(name: &str, bytes: &[u8]) -> Result<Layout, ImportError> {
    if let Some(first) = first_row(name, bytes)?
        && (first.len() != 4 || looks_like_header(&first))
    {
        return Err(ImportError::Header {
            file: name.to_owned(),
            problem: "the first row is not one of this layout".to_owned(),
            expected: INVESTOR_COLUMNS.to_owned(),
            found: describe_columns(&first),
        });
    }
    Ok(Layout::Investors2013)
}

/// The layout of `investments.csv`: the 2013 pull (no header, six columns) or the 2015
/// export (a header naming its columns), told apart by the first row.
pub(super) fn investments(name: &str, bytes: &[u8]) -> Result<Layout, ImportError> {
    let Some(first) = first_row(name, bytes)? else {
        return Ok(Layout::Portfolios2013);
    };
    if looks_like_header(&first) {
        if let Some(missing) = missing(&first, INVESTMENT_2015_COLUMNS) {
            let problem = format!(
                "the header has no column `{missing}`: it is neither the 2013 VC-portfolio pull ({INVESTMENT_2013_COLUMNS}) nor the 2015 export"
            );
            return Err(header_error(
                name,
                &problem,
                INVESTMENT_2015_COLUMNS,
                &first,
            ));
        }
        return Ok(Layout::Investments2015);
    }
    if first.len() != 6 {
        return Err(ImportError::Header {
            file: name.to_owned(),
            problem: "the first row is not one of this layout".to_owned(),
            expected: INVESTMENT_2013_COLUMNS.to_owned(),
            found: describe_columns(&first),
        });
    }
    Ok(Layout::Portfolios2013)
}

/// The header of a file read by column name, which must name one of each group of `columns`.
fn with_header(
    name: &str,
    bytes: &[u8],
    columns: &[&[&str]],
) -> Result<csv::StringRecord, ImportError> {
    let Some(header) = first_row(name, bytes)? else {
        let empty = csv::StringRecord::new();
        return Err(header_error(name, "the file is empty", columns, &empty));
    };
    if let Some(missing) = missing(&header, columns) {
        let problem = format!("the header has no column `{missing}`");
        return Err(header_error(name, &problem, columns, &header));
    }
    Ok(header)
}

fn has(header: &csv::StringRecord, column: &str) -> bool {
    header.iter().any(|h| h == column)
}

/// The first group of `columns` the header names none of, its names joined by "` or `".
fn missing(header: &csv::StringRecord, columns: &[&[&str]]) -> Option<String> {
    columns
        .iter()
        .find(|names| !names.iter().any(|n| has(header, n)))
        .map(|names| names.join("` or `"))
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
