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
mod relations;
mod repeats;
pub(crate) use repeats::RelationKey as RepeatKey;
mod validate;
mod walk;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub(crate) use read::{GraphReads, graph_reads, read_sources_locked};
pub use read::{GraphSource, GraphText, graph_files, read_graph, read_sources};

use crate::graph::KnowledgeGraph;
use crate::store::CompanyStore;
use locate::{Section, SourceMap};

/// Why a graph did not load.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A file or folder could not be read.
    #[error("{}: cannot read", crate::display::path(path))]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A directory holds no graph file.
    #[error("{}: no *.json graph files in this folder", crate::display::path(path))]
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

/// Loads the graph at `path`, a file or a directory of `*.json` files, as an edit under way
/// leaves it (see [`read_graph`]).
///
/// # Errors
///
/// [`LoadError::Io`] or [`LoadError::NoFiles`] when the files cannot be read, and
/// [`LoadError::Invalid`] with every problem when they hold errors.
pub fn load_path(path: &Path) -> Result<KnowledgeGraph, LoadError> {
    let _lock = crate::lock::FolderLock::for_reading(path);
    load_files(&DiskFiles::new(graph_reads(path)?), &|_, _| ())
}

/// Loads the graph at `path` reading each file once and showing its bytes to `inspect` (the
/// cache hashes them), without keeping the files in memory.
pub(crate) fn load_files(
    files: &dyn Files,
    inspect: &(dyn Fn(usize, &[u8]) + Sync),
) -> Result<KnowledgeGraph, LoadError> {
    let report = run(files, Mode::Load, inspect)?;
    report
        .graph
        .ok_or(LoadError::Invalid(Diagnostics(report.diagnostics)))
}

/// Loads a graph from files already read. Warnings are not collected.
///
/// # Errors
///
/// [`LoadError::Invalid`] with every problem when the files hold errors.
pub fn load(texts: &[GraphText]) -> Result<KnowledgeGraph, LoadError> {
    load_files(&InMemory(texts), &|_, _| ())
}

/// Checks a graph, collecting every error and warning; under `strict`, warnings (relations
/// without sources) are errors.
pub fn check(texts: &[GraphText], strict: bool) -> CheckReport {
    let mode = if strict { Mode::Strict } else { Mode::Check };
    run(&InMemory(texts), mode, &|_, _| ()).expect("files in memory are always readable")
}

/// Every error [`check`] finds in the files, without the warnings: what an edit is refused
/// for, found without the cost of describing every warning of a large graph.
pub fn check_errors(texts: &[GraphText]) -> CheckReport {
    run(&InMemory(texts), Mode::Errors, &|_, _| ()).expect("files in memory are always readable")
}

/// Where the loader gets each file's bytes: from memory, or from disk, read once to load and
/// again only to find the position of a problem.
pub(crate) trait Files: Sync {
    /// How many files.
    fn count(&self) -> usize;
    /// The path a file is reported under.
    fn path(&self, file: usize) -> &Path;
    /// A file's bytes, read into `buffer` when they are not in memory already.
    fn bytes<'a>(&'a self, file: usize, buffer: &'a mut Vec<u8>) -> Result<&'a [u8], LoadError>;
}

/// Files already in memory.
struct InMemory<'a>(&'a [GraphText]);

impl Files for InMemory<'_> {
    fn count(&self) -> usize {
        self.0.len()
    }

    fn path(&self, file: usize) -> &Path {
        &self.0[file].path
    }

    fn bytes<'a>(&'a self, file: usize, _: &'a mut Vec<u8>) -> Result<&'a [u8], LoadError> {
        Ok(&self.0[file].bytes)
    }
}

/// The files of a graph on disk.
pub(crate) struct DiskFiles {
    paths: Vec<PathBuf>,
    from: Vec<PathBuf>,
}

impl DiskFiles {
    /// The files [`graph_reads`] gives, read in that order.
    pub(crate) fn new(reads: GraphReads) -> DiskFiles {
        DiskFiles {
            paths: reads.files,
            from: reads.from,
        }
    }

    /// The files' paths, in the order they are read.
    pub(crate) fn paths(&self) -> &[PathBuf] {
        &self.paths
    }
}

impl Files for DiskFiles {
    fn count(&self) -> usize {
        self.paths.len()
    }

    fn path(&self, file: usize) -> &Path {
        &self.paths[file]
    }

    /// Reads the file into `buffer`, which keeps its memory from one file to the next: fresh
    /// memory for each file would cost the kernel as much time as reading it.
    fn bytes<'a>(&'a self, file: usize, buffer: &'a mut Vec<u8>) -> Result<&'a [u8], LoadError> {
        let path = &self.paths[file];
        let io = |source| LoadError::Io {
            path: path.clone(),
            source,
        };
        read::read_file_into(&self.from[file], buffer).map_err(io)?;
        Ok(buffer)
    }
}

/// How much to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Errors only.
    Load,
    /// Errors and warnings.
    Check,
    /// Every error `Check` finds, without its warnings: for an edit, refused on errors only.
    Errors,
    /// Errors, with warnings raised to errors.
    Strict,
}

impl Mode {
    /// Whether warnings are reported (as warnings, or as errors under `--strict`).
    pub(crate) fn warns(self) -> bool {
        matches!(self, Mode::Check | Mode::Strict)
    }
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
    /// Another site whose `path:line:column` replaces `{cited}` in the hint.
    pub(crate) cite: Option<(usize, At)>,
}

/// Loads every file, in parallel, keeping each only while it is parsed; then checks what
/// spans files; then finds the positions of the problems, reading again only the files that
/// have problems found after they were let go.
fn run(
    files: &dyn Files,
    mode: Mode,
    inspect: &(dyn Fn(usize, &[u8]) + Sync),
) -> Result<CheckReport, LoadError> {
    let load_one =
        |buffer: &mut Vec<u8>, file: usize| load_file(files, file, mode, inspect, buffer);
    let loaded: Vec<Result<LoadedFile, LoadError>> = if files.count() < 2 {
        let mut buffer = Vec::new();
        (0..files.count())
            .map(|file| load_one(&mut buffer, file))
            .collect()
    } else {
        parallel_map(files.count(), &load_one)
    };
    let mut diagnostics = Vec::new();
    let mut parts = Vec::with_capacity(loaded.len());
    for result in loaded {
        let loaded = result?;
        diagnostics.extend(loaded.diagnostics);
        parts.push((loaded.companies, loaded.relations));
    }
    let mut problems = Vec::new();
    let valid = validate::validate(parts, mode, &mut problems);
    diagnostics.extend(locate_all(files, problems)?);
    diagnostics.sort_by(|(fa, a), (fb, b)| {
        (fa, a.line, a.column, &a.message).cmp(&(fb, b.line, b.column, &b.message))
    });
    let diagnostics: Vec<Diagnostic> = diagnostics.into_iter().map(|(_, d)| d).collect();
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let graph = valid.filter(|_| !has_errors).map(|valid| {
        let shadowed = crate::names::shadowed_ids(&valid.companies);
        KnowledgeGraph::from_store(
            CompanyStore::Decoded(valid.companies),
            valid.store,
            valid.ends,
            shadowed,
        )
    });
    Ok(CheckReport { graph, diagnostics })
}

/// One file, parsed and checked on its own: its companies, its relations in compact form, and
/// its problems, already located.
struct LoadedFile {
    companies: parse::Records<crate::model::Company>,
    relations: validate::Chunk,
    diagnostics: Vec<(usize, Diagnostic)>,
}

fn load_file(
    files: &dyn Files,
    file: usize,
    mode: Mode,
    inspect: &(dyn Fn(usize, &[u8]) + Sync),
    buffer: &mut Vec<u8>,
) -> Result<LoadedFile, LoadError> {
    let bytes = files.bytes(file, buffer)?;
    inspect(file, bytes);
    let mut problems = Vec::new();
    let decoded = decode(file, bytes, &mut problems);
    let map = SourceMap::new(decoded.unwrap_or_else(|prefix| prefix));
    let mut builder = validate::ChunkBuilder::new(file, mode, bytes.len());
    let parsed = match decoded {
        Ok(text) => parse::parse_file(file, text, &map, &mut problems, &mut builder),
        Err(_) => parse::ParsedFile::default(),
    };
    let (relations, found) = builder.finish();
    problems.extend(found);
    validate::check_companies(file, &parsed.companies, mode, &mut problems);
    let diagnostics = problems
        .into_iter()
        .map(|problem| (file, locate(problem, files.path(file), &map, None)))
        .collect();
    Ok(LoadedFile {
        companies: parsed.companies,
        relations,
        diagnostics,
    })
}

/// Finds the positions of problems found after their files were let go, reading each file
/// with problems (or cited by one) once more.
fn locate_all(
    files: &dyn Files,
    problems: Vec<Pending>,
) -> Result<Vec<(usize, Diagnostic)>, LoadError> {
    let mut wanted: Vec<usize> = problems
        .iter()
        .flat_map(|p| std::iter::once(p.file).chain(p.cite.map(|(file, _)| file)))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut buffers: Vec<(usize, Vec<u8>)> = wanted.into_iter().map(|f| (f, Vec::new())).collect();
    let mut texts: HashMap<usize, &[u8]> = HashMap::new();
    for (file, buffer) in &mut buffers {
        texts.insert(*file, files.bytes(*file, buffer)?);
    }
    let text = |file: usize| {
        let bytes = &texts[&file];
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        std::str::from_utf8(bytes).unwrap_or_default()
    };
    let maps: HashMap<usize, SourceMap<'_>> = texts
        .keys()
        .map(|&file| (file, SourceMap::new(text(file))))
        .collect();
    Ok(problems
        .into_iter()
        .map(|problem| {
            let file = problem.file;
            let cited = problem
                .cite
                .map(|(cited, at)| (files.path(cited), &maps[&cited], at));
            (file, locate(problem, files.path(file), &maps[&file], cited))
        })
        .collect())
}

/// A problem as a diagnostic, with the cited site's position put into its hint.
fn locate(
    problem: Pending,
    path: &Path,
    map: &SourceMap<'_>,
    cited: Option<(&Path, &SourceMap<'_>, At)>,
) -> Diagnostic {
    let (line, column) = line_column(map, problem.at);
    let hint = match (problem.hint, cited) {
        (Some(hint), Some((path, map, at))) => {
            let (line, column) = line_column(map, at);
            Some(hint.replace(
                "{cited}",
                &format!("{}:{line}:{column}", crate::display::path(path)),
            ))
        }
        (hint, _) => hint,
    };
    Diagnostic {
        severity: problem.severity,
        path: path.to_owned(),
        line,
        column,
        record: problem.record,
        message: problem.message,
        hint,
    }
}

fn line_column(map: &SourceMap<'_>, at: At) -> (usize, usize) {
    let offset = match at {
        At::Offset(offset) => offset,
        At::Record(section, index, field) => map.locate(section, index, field),
    };
    map.line_column(offset)
}

/// Runs `work` on `0..count` over the machine's cores, keeping the results in order; each
/// thread lends `work` a buffer of its own.
fn parallel_map<T: Send>(
    count: usize,
    work: &(impl Fn(&mut Vec<u8>, usize) -> T + Sync),
) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut results: Vec<Option<T>> = (0..count).map(|_| None).collect();
    let chunk = count.div_ceil(threads);
    std::thread::scope(|scope| {
        for (index, slots) in results.chunks_mut(chunk).enumerate() {
            scope.spawn(move || {
                let mut buffer = Vec::new();
                for (offset, slot) in slots.iter_mut().enumerate() {
                    *slot = Some(work(&mut buffer, index * chunk + offset));
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
                cite: None,
            });
            Err(std::str::from_utf8(&bytes[..valid]).expect("the prefix up to the error is valid"))
        }
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
