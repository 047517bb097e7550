//! Crunchbase's 2013 exports: companies, acquisitions and VC portfolios, as a graph.
//!
//! Companies come from the October 2013 companies file; acquisitions give `acquisition`
//! relations (acquirer → target); the June 2013 VC-portfolio pull gives `investment` relations
//! (investor → company). Companies named only in acquisitions or portfolios are added from
//! what those rows say. Every relation is `completed` and cites Crunchbase, as its licence
//! (CC-BY) asks. Nothing in the input is dropped: values that do not fit the graph format (an
//! impossible year, a company recorded as acquiring itself) are kept under `extra`.

mod builder;
mod rows;
mod table;

use std::io::Read;

use crate::model::GraphFile;

use self::builder::Builder;
use self::rows::{
    ACQUISITION_COLUMNS, AcquisitionRow, COMPANY_COLUMNS, CompanyRow, INVESTOR_COLUMNS,
    InvestmentRow, InvestmentRow2015, InvestorRow,
};
use self::table::{Investments, Table};

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
    /// Values kept under `extra` because they do not fit the format (bad years, a company recorded as acquiring itself).
    pub kept_in_extra: usize,
    /// Rows with every column empty, which hold nothing to import.
    pub blank_rows: usize,
    /// The files read, in the order read.
    pub files: Vec<FileRead>,
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

#[cfg(test)]
mod tests {
    use crate::names::slugify;

    #[test]
    fn slugs_keep_only_ascii_words() {
        assert_eq!(slugify("#waywire"), "waywire");
        assert_eq!(slugify("Andreessen Horowitz"), "andreessen-horowitz");
        assert_eq!(slugify("###"), "");
    }
}
