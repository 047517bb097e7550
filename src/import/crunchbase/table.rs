//! A CSV export opened, its layout told by its header (or its first row), and its errors
//! named by file, record and line.

use std::io::Read;

use super::rows::{INVESTMENT_2013_COLUMNS, INVESTMENT_2015_COLUMNS};
use super::{ImportError, NamedReader};

/// A CSV file opened and checked against the layout it is read as.
pub(super) struct Table<'a> {
    pub(super) name: String,
    pub(super) layout: &'static str,
    pub(super) csv: csv::Reader<Box<dyn Read + 'a>>,
    /// The header, for files read by column name.
    pub(super) headers: Option<csv::StringRecord>,
    /// A first row already read to tell the layout, which is data.
    pub(super) first: Option<(u64, csv::StringRecord)>,
}

/// A file's name, its reader past the first row, that row's line, and the row (`None` when the
/// file is empty).
pub(super) type FirstRow<'a> = (
    String,
    csv::Reader<Box<dyn Read + 'a>>,
    u64,
    Option<csv::StringRecord>,
);

/// The two layouts of `investments.csv`.
pub(super) enum Investments<'a> {
    Pull2013(Table<'a>),
    Export2015(Table<'a>),
}

impl<'a> Table<'a> {
    pub(super) fn reader(input: NamedReader<'a>) -> (String, csv::Reader<Box<dyn Read + 'a>>) {
        let csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .trim(csv::Trim::All)
            .from_reader(input.reader);
        (input.name, csv)
    }

    /// The reader of a file whose first row has been read, with that row's line; `None` for
    /// an empty file.
    pub(super) fn first_row(input: NamedReader<'a>) -> Result<FirstRow<'a>, ImportError> {
        let (name, mut csv) = Table::reader(input);
        let mut first = csv::StringRecord::new();
        let line = csv.position().line();
        let read = csv
            .read_record(&mut first)
            .map_err(|source| csv_error(&name, 1, line, source))?;
        Ok((name, csv, line, read.then_some(first)))
    }

    /// A file with a header that names every column in `columns` (one of each group's names).
    pub(super) fn with_header(
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
    pub(super) fn headerless(
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
    pub(super) fn investments(input: NamedReader<'a>) -> Result<Investments<'a>, ImportError> {
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
pub(super) fn trim_bom(record: &mut csv::StringRecord) {
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
pub(super) fn looks_like_header(record: &csv::StringRecord) -> bool {
    let names_columns = record.iter().any(|cell| {
        matches!(
            cell,
            "permalink" | "name" | "company_permalink" | "company_name" | "investor_name"
        )
    });
    names_columns && !record.iter().any(|cell| cell.parse::<f64>().is_ok())
}

pub(super) fn describe_columns(record: &csv::StringRecord) -> String {
    let cells: Vec<&str> = record.iter().collect();
    format!("{} columns: {}", cells.len(), cells.join(", "))
}

pub(super) fn header_error(
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

pub(super) fn csv_error(file: &str, record: u64, line: u64, source: csv::Error) -> ImportError {
    ImportError::Csv {
        file: file.to_owned(),
        record,
        line,
        source,
    }
}
