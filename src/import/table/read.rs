//! Reading a CSV file as spreadsheets export it: comma, tab or semicolon between cells (found
//! from the first line), a byte-order mark, quoted cells across lines, CRLF line ends.

use super::{CsvFile, ImportProblem};

/// A table read whole: its header and its rows, each with the line it starts on.
#[derive(Debug)]
pub(super) struct Table {
    /// The name problems are reported under.
    pub name: String,
    /// The file's name without its folder, which a mapping's `file` names.
    pub file_name: String,
    /// The header's cells, trimmed.
    pub headers: Vec<String>,
    /// The rows after the header.
    pub rows: Vec<Row>,
    /// The header's own row, as cells, for a table read without one.
    header_row: Row,
    /// The rows with every cell empty, which were skipped.
    pub blank_rows: usize,
}

/// One row of a table.
#[derive(Debug)]
pub(super) struct Row {
    /// The line the row starts on, from 1.
    pub line: u64,
    /// Its cells.
    pub cells: Vec<String>,
}

impl Table {
    /// The table read as having no header: its first row is data, and its columns are named
    /// by `names`, then `column 1`, `column 2`, ... (as wide as its widest row).
    pub fn headerless(&self, names: &[String]) -> Table {
        let mut rows = Vec::with_capacity(self.rows.len() + 1);
        rows.push(Row {
            line: self.header_row.line,
            cells: self.header_row.cells.clone(),
        });
        rows.extend(self.rows.iter().map(|row| Row {
            line: row.line,
            cells: row.cells.clone(),
        }));
        let width = rows.iter().map(|row| row.cells.len()).max().unwrap_or(0);
        Table {
            name: self.name.clone(),
            file_name: self.file_name.clone(),
            headers: (1..=width.max(names.len()))
                .map(|n| {
                    names
                        .get(n - 1)
                        .cloned()
                        .unwrap_or_else(|| format!("column {n}"))
                })
                .collect(),
            rows,
            header_row: Row {
                line: self.header_row.line,
                cells: Vec::new(),
            },
            blank_rows: self.blank_rows,
        }
    }

    /// The index of the column whose header is `name`, ignoring case and surrounding spaces.
    pub fn column(&self, name: &str) -> Option<usize> {
        let wanted = name.trim().to_lowercase();
        self.headers
            .iter()
            .position(|header| header.to_lowercase() == wanted)
    }
}

/// Reads `file` with `delimiter`, or the one its first line uses most of comma, tab and
/// semicolon. Blank rows are skipped.
pub(super) fn read_table(
    file: &CsvFile,
    delimiter: Option<char>,
) -> Result<Table, Box<ImportProblem>> {
    let bytes = file
        .bytes
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or(&file.bytes);
    let problem = |line: u64, message: String, hint: &str| {
        Box::new(ImportProblem {
            file: file.name.clone(),
            line: Some(line),
            column: None,
            header: None,
            message,
            hint: Some(hint.to_owned()),
        })
    };
    let delimiter = match delimiter {
        Some(c) if c.is_ascii() => c as u8,
        Some(c) => {
            return Err(problem(
                1,
                format!("the delimiter `{c}` is not an ASCII character"),
                "set `delimiter` to \",\", \"\\t\" or \";\"",
            ));
        }
        None => sniff_delimiter(bytes),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.records();
    let mut lines = LineCounter::new(bytes);
    let mut rows = Vec::new();
    let mut headers = None;
    let mut header_row = Row {
        line: 1,
        cells: Vec::new(),
    };
    let mut width = 0;
    let mut blank_rows = 0;
    loop {
        let at = records.reader().position().byte();
        let Some(record) = records.next() else { break };
        let start = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(at, |p| p.byte());
        let line = lines.line_at(start);
        let record = record.map_err(|error| {
            let hint = if matches!(error.kind(), csv::ErrorKind::Utf8 { .. }) {
                "the file is not UTF-8: save it from the spreadsheet as \"CSV UTF-8\""
            } else {
                "check the quotes on this line: a quote inside a cell is written twice (\"\")"
            };
            problem(line, format!("cannot read this row: {error}"), hint)
        })?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            blank_rows += 1;
            continue;
        }
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if headers.is_none() {
            width = cells.len();
            headers = Some(cells.iter().map(|c| c.trim().to_owned()).collect());
            header_row = Row { line, cells };
            continue;
        }
        if cells.len() > width {
            return Err(problem(
                line,
                format!("this row has {} cells and the header {width}", cells.len()),
                "a cell holding the delimiter must be quoted; or the header lacks a column",
            ));
        }
        rows.push(Row { line, cells });
    }
    let headers = headers.ok_or_else(|| {
        problem(
            1,
            "the file is empty".to_owned(),
            "a table starts with a header row naming its columns",
        )
    })?;
    Ok(Table {
        name: file.name.clone(),
        file_name: file_name(&file.name),
        headers,
        rows,
        header_row,
        blank_rows,
    })
}

/// The line a record starts on, from its byte offset: the csv crate's own line numbers miss
/// CRLF line ends and blank lines. Records are asked for in order, so each newline is counted
/// once.
struct LineCounter<'b> {
    bytes: &'b [u8],
    offset: usize,
    line: u64,
}

impl<'b> LineCounter<'b> {
    fn new(bytes: &'b [u8]) -> LineCounter<'b> {
        LineCounter {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    /// The line of the record whose offset is `start` (which may point at the end of the
    /// line before it: the line ends are skipped).
    fn line_at(&mut self, start: u64) -> u64 {
        let mut start = usize::try_from(start)
            .unwrap_or(self.bytes.len())
            .min(self.bytes.len());
        while self
            .bytes
            .get(start)
            .is_some_and(|b| *b == b'\r' || *b == b'\n')
        {
            start += 1;
        }
        if start > self.offset {
            let newlines = memchr::memchr_iter(b'\n', &self.bytes[self.offset..start]).count();
            self.line += newlines as u64;
            self.offset = start;
        }
        self.line
    }
}

/// The name of a file without its folders.
fn file_name(path: &str) -> String {
    std::path::Path::new(path).file_name().map_or_else(
        || path.to_owned(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Which of comma, tab and semicolon the first line holds most of, outside quotes; comma when
/// it holds none.
fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &byte in bytes {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b'\t' if !quoted => counts[1] += 1,
            b';' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b'\t', b';'];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        read_table(
            &CsvFile {
                name: "t.csv".into(),
                bytes: text.as_bytes().to_vec(),
            },
            None,
        )
        .unwrap()
    }

    #[test]
    fn spreadsheet_exports_read() {
        let semicolons = table("\u{feff}Name;Amount\r\n\"Open; AI\";\"$1,5B\"\r\n\r\nB;2\r\n");
        assert_eq!(semicolons.headers, ["Name", "Amount"]);
        assert_eq!(semicolons.rows[0].cells, ["Open; AI", "$1,5B"]);
        assert_eq!(semicolons.rows[1].line, 4);
        let tabs = table("a\tb\nx\t\"line one\nline two\"\ny\tz\n");
        assert_eq!(tabs.rows[0].cells[1], "line one\nline two");
        assert_eq!(tabs.rows[1].line, 4);
        assert_eq!(tabs.column(" B "), Some(1));
    }
}
