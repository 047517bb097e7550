//! `dealgraph import csv FILE... --mapping MAP.toml (--out DIR | --into GRAPH)`: any table of
//! deals, read as a mapping says.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use dealgraph::GraphFile;
use dealgraph::display;
use dealgraph::edit::{self, canonical_text};
use dealgraph::import::table::{CsvFile, ImportProblem, Imported, Mapping, import_csv};
use dealgraph::load::{self, Diagnostic, GraphSource, GraphText, Severity};
use serde_json::json;

use super::edit::Outcome;
use super::folder::write_all_or_nothing;
use super::output;

/// Any table of deals, as spreadsheets and funding databases export them (comma, tab or
/// semicolon between cells, quoted cells across lines, a byte-order mark), read as a mapping
/// file says: which columns make companies, relations and sources (graph/README.md,
/// "Importing a table").
///
/// Names in relation cells are matched to companies by id, name, alias or ticker (the graph's
/// with --into, and the import's own companies table); a name no company bears becomes a new
/// company; a name several bear is an error. Every cell that cannot be read is reported with
/// its file, line and column, all at once, and nothing is written.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("target").args(["out", "into"]).required(true)))]
pub struct Args {
    /// The tables: CSV files.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The mapping file (TOML).
    #[arg(long, value_name = "MAP.toml")]
    mapping: PathBuf,
    /// Write a new graph into DIR (companies.json and relations.json), all or nothing.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Add to the graph on disk at GRAPH, through the locked, checked writer of `dealgraph add`.
    #[arg(long, value_name = "GRAPH")]
    into: Option<PathBuf>,
    /// With --out: replace DIR even when it is not empty.
    #[arg(long, requires = "out")]
    force: bool,
    /// Say what would be added, matched and merged, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Report as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs the import.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mapping = read_mapping(&args.mapping)?;
    let files = args
        .files
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read {}", display::path(path)))?;
            Ok(CsvFile {
                name: display::path_string(path),
                bytes,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let graph = match &args.into {
        Some(path) => Some(
            load::load_path(path)
                .with_context(|| format!("cannot load the graph at {}", display::path(path)))?,
        ),
        None => None,
    };
    let progress = super::progress::Progress::start("importing");
    let imported = import_csv(&files, &mapping, graph.as_ref());
    drop(progress);
    let imported = imported?;
    check_records(&imported, args.into.as_deref())?;
    if args.dry_run {
        rendered(&imported, true, args.json)?.print()?;
        return Ok(ExitCode::SUCCESS);
    }
    match (&args.out, &args.into) {
        (Some(out), _) => {
            // The report is made first, so that the records can move into their files.
            let said = rendered(&imported, false, args.json)?;
            let GraphFile {
                companies,
                relations,
            } = imported.records;
            let files = [
                (
                    "companies.json",
                    GraphFile {
                        companies,
                        relations: Vec::new(),
                    },
                ),
                (
                    "relations.json",
                    GraphFile {
                        companies: Vec::new(),
                        relations,
                    },
                ),
            ];
            let texts = files.map(|(name, file)| (name.to_owned(), canonical_text(&file)));
            write_all_or_nothing(out, args.force, texts)?;
            said.print()?;
            Ok(ExitCode::SUCCESS)
        }
        (None, Some(graph_path)) => {
            let sources = [GraphSource::Path(graph_path.clone())];
            super::edit::run(&sources, args.json, |workspace| {
                for company in imported.records.companies.iter().cloned() {
                    edit::add_company(workspace, company, None)?;
                }
                let mut keys = Vec::new();
                for relation in imported.records.relations.iter().cloned() {
                    keys.push(edit::add_relation(workspace, relation, None)?.to_string());
                }
                Ok(outcome(&imported, Some(&keys)))
            })
        }
        (None, None) => unreachable!("clap requires --out or --into"),
    }
}

/// The mapping file, its TOML errors given with line and column.
fn read_mapping(path: &Path) -> anyhow::Result<Mapping> {
    let name = display::path_string(path);
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {name}"))?;
    let mut mapping = Mapping::from_toml(&text).map_err(|error| {
        let (line, column) = error
            .span()
            .map(|span| line_and_column(&text, span.start))
            .unwrap_or((1, 1));
        anyhow!(
            "the mapping is not valid TOML:\n{name}:{line}:{column}: error: {}\n  hint: graph/README.md, \"Importing a table\", shows mappings",
            error.message()
        )
    })?;
    mapping.name = name;
    Ok(mapping)
}

fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |at| at + 1) + 1;
    (line, column)
}

/// Checks the records as the graph will hold them, and reports each error at the row it
/// comes from: an impossible country code, a relation from a company to itself.
fn check_records(imported: &Imported, into: Option<&Path>) -> anyhow::Result<()> {
    const IMPORTED: &str = "<import>";
    let mut texts = match into {
        Some(path) => load::read_sources(&[GraphSource::Path(path.to_owned())])?,
        None => Vec::new(),
    };
    texts.push(GraphText {
        path: PathBuf::from(IMPORTED),
        bytes: Cow::Owned(canonical_text(&imported.records).into_bytes()),
    });
    let report = load::check_errors(&texts);
    let errors: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    let mut text = format!(
        "the imported records make {}; nothing was written:",
        dealgraph::format::count(errors.len(), "error")
    );
    for diagnostic in errors {
        text.push('\n');
        text.push_str(&at_row(imported, diagnostic, IMPORTED));
    }
    Err(anyhow!(text))
}

/// A diagnostic of the imported records, placed at the row its relation comes from.
fn at_row(imported: &Imported, diagnostic: &Diagnostic, imported_path: &str) -> String {
    let record = diagnostic.record.as_deref().unwrap_or_default();
    let relation = record
        .strip_prefix("relations[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(index, _)| index.parse::<usize>().ok())
        .and_then(|index| imported.relation_origins.get(index));
    match relation {
        Some(origin) if diagnostic.path == Path::new(imported_path) => {
            let mut line = format!(
                "{}:{}: error: {}",
                display::text(&origin.file),
                origin.line,
                display::text(&diagnostic.message)
            );
            if let Some(hint) = &diagnostic.hint {
                let _ = write!(line, "\n  hint: {}", display::text(hint));
            }
            line
        }
        _ => diagnostic.to_string(),
    }
}

/// The report of an import: rows read, companies added, names matched, rows merged, and the
/// relations added, by key when they are known (added to a graph).
fn outcome(imported: &Imported, keys: Option<&[String]>) -> Outcome {
    let mut lines = Vec::new();
    for (file, rows) in &imported.rows {
        lines.push(format!(
            "read {file}: {}",
            dealgraph::format::count(*rows, "row")
        ));
    }
    for company in &imported.records.companies {
        lines.push(format!("added company {} ({})", company.id, company.name));
    }
    for matched in &imported.matched {
        lines.push(format!(
            "matched `{}` to {} by {}",
            matched.name, matched.id, matched.by
        ));
    }
    for kept in &imported.kept_in_extra {
        lines.push(kept_line(kept));
    }
    for merged in &imported.merged {
        lines.push(format!(
            "merged `{}` into {} (same {})",
            merged.name, merged.id, merged.by
        ));
    }
    match keys {
        Some(keys) => lines.extend(keys.iter().map(|key| format!("added relation {key}"))),
        None => lines.push(format!(
            "added {}",
            dealgraph::format::count(imported.records.relations.len(), "relation")
        )),
    }
    let mut json = json!({
        "rows": imported.rows.iter().map(|(file, rows)| json!({"file": file, "rows": rows})).collect::<Vec<_>>(),
        "added": {
            "companies": imported.records.companies.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            "relations": imported.records.relations.len(),
        },
        "matched": imported.matched,
        "merged": imported.merged,
        "kept_in_extra": imported.kept_in_extra,
    });
    if let Some(keys) = keys {
        json["added"]["relation_keys"] = json!(keys);
    }
    Outcome { lines, json }
}

/// `file:line:column: kept under extra: column `H`: what was wrong`.
fn kept_line(kept: &ImportProblem) -> String {
    let mut place = kept.file.clone();
    for number in [kept.line.map(|l| l as usize), kept.column]
        .into_iter()
        .flatten()
    {
        let _ = write!(place, ":{number}");
    }
    let header = kept.header.as_deref().unwrap_or_default();
    format!(
        "{place}: kept under extra: column `{header}`: {}",
        kept.message
    )
}

/// A report, made and not yet printed.
enum Rendered {
    Json(serde_json::Value),
    Text(String),
}

impl Rendered {
    fn print(self) -> anyhow::Result<()> {
        match self {
            Rendered::Json(value) => output::json(&value),
            Rendered::Text(text) => output::text(&text),
        }
    }
}

/// The report, as JSON or text; for a dry run, it says that nothing was written.
fn rendered(imported: &Imported, dry_run: bool, json: bool) -> anyhow::Result<Rendered> {
    let Outcome {
        lines,
        json: mut value,
    } = outcome(imported, None);
    if json {
        value["dry_run"] = json!(dry_run);
        return Ok(Rendered::Json(value));
    }
    let mut text = String::new();
    for line in lines {
        let line = if dry_run {
            line.replacen("added", "would add", 1)
                .replacen("merged", "would merge", 1)
        } else {
            line
        };
        writeln!(text, "{}", display::text(&line))?;
    }
    if dry_run {
        text.push_str("nothing written (--dry-run)\n");
    }
    Ok(Rendered::Text(text))
}
