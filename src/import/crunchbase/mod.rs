//! Crunchbase's 2013 exports: companies, acquisitions and VC portfolios, as a graph.
//!
//! Companies come from the October 2013 companies file; acquisitions give `acquisition`
//! relations (acquirer → target); the June 2013 VC-portfolio pull gives `investment` relations
//! (investor → company). Companies named only in acquisitions or portfolios are added from
//! what those rows say. Every relation is `completed` and cites Crunchbase, as its licence
//! (CC-BY) asks. Nothing in the input is dropped: values that do not fit the graph format (an
//! impossible year, a company recorded as acquiring itself) are kept under `extra`.

mod layout;

use std::io::Read;

use crate::import::table::{CsvFile, ImportProblems, Mapping, TableMapping, import_csv};
use crate::model::GraphFile;

use self::layout::Layout;

/// The mapping that reads the 2013 exports (October 2013 companies and acquisitions, the June
/// 2013 VC-portfolio pull), as TOML.
pub const MAPPING_2013: &str = include_str!("crunchbase-2013.toml");

/// The mapping that reads the 2015 export's companies, acquisitions and investments, as TOML.
pub const MAPPING_2015: &str = include_str!("crunchbase-2015.toml");

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
    /// A file could not be read.
    #[error("{file}: {source}")]
    Read {
        /// Which file, as the caller named it.
        file: String,
        /// What reading it said.
        #[source]
        source: std::io::Error,
    },
    /// Cells the shipped mapping could not read, each with its file, line and column.
    #[error(transparent)]
    Problems(#[from] ImportProblems),
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

/// Builds a graph from the exports with the shipped mappings ([`MAPPING_2013`],
/// [`MAPPING_2015`]), each file read by the table of its layout: companies sorted by id, then
/// acquisitions, then investments, each in file order.
///
/// # Errors
///
/// [`ImportError::Header`] for a file in none of the layouts, [`ImportError::Csv`] and
/// [`ImportError::Read`] for one that cannot be read, [`ImportError::Problems`] for cells
/// the mapping cannot read.
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
    type Detect = fn(&str, &[u8]) -> Result<Layout, ImportError>;
    let inputs: [(Option<NamedReader<'_>>, Detect); 4] = [
        (files.companies, layout::companies),
        (files.investors, layout::investors),
        (files.acquisitions, layout::acquisitions),
        (files.investments, layout::investments),
    ];
    let mut read: Vec<(Layout, CsvFile)> = Vec::new();
    for (input, detect) in inputs {
        let Some(mut input) = input else { continue };
        let mut bytes = Vec::new();
        input
            .reader
            .read_to_end(&mut bytes)
            .map_err(|source| ImportError::Read {
                file: input.name.clone(),
                source,
            })?;
        let layout = detect(&input.name, &bytes)?;
        read.push((
            layout,
            CsvFile {
                name: input.name,
                bytes,
            },
        ));
    }
    let mapping = mapping_of(&read);
    let files: Vec<CsvFile> = read.iter().map(|(_, file)| file.clone()).collect();
    let imported = import_csv(&files, &mapping, None)?;
    let mut graph = imported.records;
    graph.companies.sort_by(|a, b| a.id.cmp(&b.id));
    let count = |kind| graph.relations.iter().filter(|r| r.kind == kind).count();
    let listed = read
        .iter()
        .filter(|(layout, _)| matches!(layout, Layout::Companies { .. }))
        .map(|(_, file)| rows_of(&imported.rows, &file.name))
        .sum();
    let summary = ImportSummary {
        listed_companies: listed,
        added_companies: graph.companies.len() - listed,
        acquisitions: count(crate::model::RelationKind::Acquisition),
        investments: count(crate::model::RelationKind::Investment),
        kept_in_extra: imported.kept_in_extra.len() + imported.self_deals,
        blank_rows: imported.blank_rows,
        files: read
            .iter()
            .map(|(layout, file)| FileRead {
                file: file.name.clone(),
                layout: layout.describe(),
                rows: rows_of(&imported.rows, &file.name),
            })
            .collect(),
    };
    Ok((graph, summary))
}

/// The shipped mapping (2013 or 2015) as a [`Mapping`].
///
/// # Panics
///
/// Never: the shipped mappings are tested to read.
pub fn shipped_mapping(year: u16) -> Mapping {
    let (name, text) = if year == 2013 {
        ("crunchbase-2013.toml", MAPPING_2013)
    } else {
        ("crunchbase-2015.toml", MAPPING_2015)
    };
    let mut mapping = Mapping::from_toml(text).expect("the shipped mapping reads");
    mapping.name = name.to_owned();
    mapping
}

/// The tables of the shipped mappings that read `files`, each set to read its file by the name
/// it was given, in the order of `files`.
fn mapping_of(files: &[(Layout, CsvFile)]) -> Mapping {
    let shipped = [(2013, shipped_mapping(2013)), (2015, shipped_mapping(2015))];
    let mut mapping = Mapping::named("the Crunchbase mapping");
    for (layout, file) in files {
        let (year, reads) = layout.table();
        let source = &shipped.iter().find(|(y, _)| *y == year).expect("shipped").1;
        let find = |tables: &[TableMapping]| {
            tables
                .iter()
                .find(|table| table.file.as_deref() == Some(reads))
                .cloned()
        };
        let (sections, table) = match layout {
            Layout::Companies { .. } | Layout::Investors2013 => {
                (&mut mapping.companies, find(&source.companies))
            }
            _ => (&mut mapping.relations, find(&source.relations)),
        };
        let mut table = table.expect("every layout has its table");
        table.file = Some(file.name.clone());
        sections.push(table);
    }
    mapping
}

fn rows_of(rows: &[(String, usize)], file: &str) -> usize {
    rows.iter()
        .filter(|(name, _)| name == file)
        .map(|(_, rows)| rows)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_mappings_read_and_write_back_the_same() {
        for year in [2013, 2015] {
            let mapping = shipped_mapping(year);
            let again = Mapping::from_toml(&mapping.to_toml()).unwrap();
            assert_eq!(again.relations, mapping.relations, "{year}");
            assert_eq!(again.companies, mapping.companies, "{year}");
        }
    }
}
