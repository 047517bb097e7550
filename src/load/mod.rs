//! Loading and checking graphs: parse every file, validate every record, report every problem.
//!
//! # Example
//!
//! ```
//! use dealgraph::load::{check, GraphText};
//!
//! let text = br#"{"companies": [{"id": "a", "name": "A"}],
//!                 "relations": [{"type": "lease", "from": "a", "to": "b",
//!                                "sources": [{"publisher": "Reuters"}]}]}"#;
//! let report = check(&[GraphText::new("g.json", &text[..])], false);
//! assert!(report.graph.is_none());
//! assert_eq!(
//!     report.diagnostics[0].to_string(),
//!     "g.json:2:68: error: relations[0] (lease a -> b): unknown company `b` in `to`\n  \
//!      hint: define it under `companies`, or fix the id"
//! );
//! ```

mod diagnostic;
mod hints;
mod locate;
mod parse;
mod read;
mod validate;

use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use read::{GraphText, graph_file_paths, read_graph};

use crate::graph::KnowledgeGraph;
use locate::{Section, SourceMap};

/// Why a graph did not load.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A file or folder could not be read.
    #[error("{}: cannot read", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A directory holds no graph file.
    #[error("{}: no *.json graph files in this folder", path.display())]
    NoFiles {
        /// The folder.
        path: PathBuf,
    },
    /// The files hold errors; each has its position and a hint.
    #[error("{0}")]
    Invalid(Diagnostics),
}

/// What checking a graph found: the graph when it has no errors, and every problem.
#[derive(Debug)]
pub struct CheckReport {
    /// The graph, when it has no errors.
    pub graph: Option<KnowledgeGraph>,
    /// Every error and warning, in file and position order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads the graph at `path`, a file or a directory of `*.json` files.
///
/// # Errors
///
/// [`LoadError::Io`] or [`LoadError::NoFiles`] when the files cannot be read, and
/// [`LoadError::Invalid`] with every problem when they hold errors.
pub fn load_path(path: &Path) -> Result<KnowledgeGraph, LoadError> {
    load(&read_graph(path)?)
}

/// Loads a graph from files already read. Warnings are not collected.
///
/// # Errors
///
/// [`LoadError::Invalid`] with every problem when the files hold errors.
pub fn load(texts: &[GraphText]) -> Result<KnowledgeGraph, LoadError> {
    let report = run(texts, Mode::Load);
    report
        .graph
        .ok_or(LoadError::Invalid(Diagnostics(report.diagnostics)))
}

/// Checks a graph, collecting every error and warning; under `strict`, warnings (relations
/// without sources) are errors.
pub fn check(texts: &[GraphText], strict: bool) -> CheckReport {
    run(texts, if strict { Mode::Strict } else { Mode::Check })
}

/// How much to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Errors only.
    Load,
    /// Errors and warnings.
    Check,
    /// Errors, with warnings raised to errors.
    Strict,
}

/// Where a problem is, before it is turned into a line and column.
#[derive(Debug, Clone, Copy)]
pub(crate) enum At {
    /// A byte offset in the file.
    Offset(usize),
    /// A record, or one of its fields.
    Record(Section, usize, Option<&'static str>),
}

/// A problem whose position is not yet a line and column.
#[derive(Debug)]
pub(crate) struct Pending {
    pub(crate) severity: Severity,
    pub(crate) file: usize,
    pub(crate) at: At,
    pub(crate) record: Option<String>,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

fn run(texts: &[GraphText], mode: Mode) -> CheckReport {
    let mut problems = Vec::new();
    let decoded: Vec<Result<&str, &str>> = texts
        .iter()
        .enumerate()
        .map(|(file, text)| decode(file, &text.bytes, &mut problems))
        .collect();
    let maps: Vec<SourceMap<'_>> = decoded
        .iter()
        .map(|text| SourceMap::new(text.unwrap_or_else(|prefix| prefix)))
        .collect();
    let parsed = parse_all(&decoded, &maps, &mut problems);
    let locator = Locator { texts, maps: &maps };
    let valid = validate::validate(parsed, &locator, mode, &mut problems);
    let diagnostics = locator.resolve(problems);
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let graph = valid.filter(|_| !has_errors).map(|valid| {
        KnowledgeGraph::from_validated(valid.companies, valid.names, valid.relations, valid.ends)
    });
    CheckReport { graph, diagnostics }
}

/// Parses every file, in parallel when there are several.
fn parse_all(
    decoded: &[Result<&str, &str>],
    maps: &[SourceMap<'_>],
    problems: &mut Vec<Pending>,
) -> Vec<parse::ParsedFile> {
    let parse_one = |file: usize| {
        let mut found = Vec::new();
        let parsed = match decoded[file] {
            Ok(text) => parse::parse_file(file, text, &maps[file], &mut found),
            Err(_) => parse::ParsedFile::default(),
        };
        (parsed, found)
    };
    let results: Vec<(parse::ParsedFile, Vec<Pending>)> = if decoded.len() < 2 {
        (0..decoded.len()).map(parse_one).collect()
    } else {
        parallel_map(decoded.len(), &parse_one)
    };
    results
        .into_iter()
        .map(|(parsed, found)| {
            problems.extend(found);
            parsed
        })
        .collect()
}

/// Runs `work` on `0..count` over the machine's cores, keeping the results in order.
fn parallel_map<T: Send>(count: usize, work: &(impl Fn(usize) -> T + Sync)) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut results: Vec<Option<T>> = (0..count).map(|_| None).collect();
    let chunk = count.div_ceil(threads);
    std::thread::scope(|scope| {
        for (index, slots) in results.chunks_mut(chunk).enumerate() {
            scope.spawn(move || {
                for (offset, slot) in slots.iter_mut().enumerate() {
                    *slot = Some(work(index * chunk + offset));
                }
            });
        }
    });
    results
        .into_iter()
        .map(|slot| slot.expect("every slot is filled by its thread"))
        .collect()
}

/// Decodes a file's bytes as UTF-8 without its byte-order mark; on invalid UTF-8, reports it
/// and returns the valid prefix as the error, so the problem still gets a line and column.
fn decode<'a>(
    file: usize,
    bytes: &'a [u8],
    problems: &mut Vec<Pending>,
) -> Result<&'a str, &'a str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let valid = error.valid_up_to();
            problems.push(Pending {
                severity: Severity::Error,
                file,
                at: At::Offset(valid),
                record: None,
                message: format!("invalid UTF-8 (byte 0x{:02x})", bytes[valid]),
                hint: Some("save the file as UTF-8".to_owned()),
            });
            Err(std::str::from_utf8(&bytes[..valid]).expect("the prefix up to the error is valid"))
        }
    }
}

/// Turns problem sites into paths, lines and columns.
pub(crate) struct Locator<'a> {
    texts: &'a [GraphText],
    maps: &'a [SourceMap<'a>],
}

impl Locator<'_> {
    /// `path:line:column` of a site, as hints cite other records.
    pub(crate) fn position(&self, file: usize, at: At) -> String {
        let (line, column) = self.line_column(file, at);
        format!("{}:{line}:{column}", self.texts[file].path.display())
    }

    fn line_column(&self, file: usize, at: At) -> (usize, usize) {
        let map = &self.maps[file];
        let offset = match at {
            At::Offset(offset) => offset,
            At::Record(section, index, field) => map.locate(section, index, field),
        };
        map.line_column(offset)
    }

    /// The problems as diagnostics, sorted by file, line and column; a file that failed to
    /// decode has a valid-prefix text, so its error still gets a position.
    fn resolve(&self, problems: Vec<Pending>) -> Vec<Diagnostic> {
        let mut located: Vec<(usize, Diagnostic)> = problems
            .into_iter()
            .map(|problem| {
                let (line, column) = self.line_column(problem.file, problem.at);
                let diagnostic = Diagnostic {
                    severity: problem.severity,
                    path: self.texts[problem.file].path.clone(),
                    line,
                    column,
                    record: problem.record,
                    message: problem.message,
                    hint: problem.hint,
                };
                (problem.file, diagnostic)
            })
            .collect();
        located.sort_by(|(fa, a), (fb, b)| {
            (fa, a.line, a.column, &a.message).cmp(&(fb, b.line, b.column, &b.message))
        });
        located.into_iter().map(|(_, d)| d).collect()
    }
}

/// Names a company record: `` companies[3] `openai` ``.
pub(crate) fn describe_company(index: usize, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("companies[{index}] `{id}`"),
        None => format!("companies[{index}]"),
    }
}

/// Names a relation record: `relations[7] (investment thrive-capital -> openai)`.
pub(crate) fn describe_relation(
    index: usize,
    kind: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> String {
    let unknown = "?";
    format!(
        "relations[{index}] ({} {} -> {})",
        kind.unwrap_or(unknown),
        from.unwrap_or(unknown),
        to.unwrap_or(unknown)
    )
}
