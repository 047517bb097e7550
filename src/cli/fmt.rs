//! `dealgraph fmt`: graph files in canonical form.

use std::process::ExitCode;

use dealgraph::display;
use dealgraph::edit::{self, EditError};
use dealgraph::load::{self, GraphSource};
use serde_json::json;

use super::edit::Outcome;
use super::output;

/// Rewrite the graph's files in canonical form: two-space indentation, fields in one fixed
/// order (graph/README.md), companies before relations, records in the order given. Every editing
/// command writes this form.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write nothing: list the files not in canonical form, and exit 1 if there are any.
    #[arg(long)]
    check: bool,
    /// Print the answer as JSON.
    #[arg(long)]
    json: bool,
}

/// Formats or checks the files.
pub fn run(sources: &[GraphSource], args: Args) -> anyhow::Result<ExitCode> {
    if args.check {
        return check(sources, args.json);
    }
    super::edit::run(sources, args.json, |workspace| {
        let files = workspace.writable_files();
        for &file in &files {
            workspace.records_mut(file)?;
        }
        Ok::<_, EditError>(Outcome {
            lines: vec![format!(
                "checked {} for canonical form",
                dealgraph::format::count(files.len(), "file")
            )],
            json: json!({"files": files.len()}),
        })
    })
}

/// Lists the files not in canonical form, or that do not parse.
fn check(sources: &[GraphSource], json: bool) -> anyhow::Result<ExitCode> {
    let texts = load::read_sources(sources)?;
    let mut differ = Vec::new();
    for text in &texts {
        match edit::parse_file(&text.bytes) {
            Ok(records) if edit::is_canonical(&records, &text.bytes) => {}
            Ok(_) => differ.push(format!("{}", display::path(&text.path))),
            Err(err) => differ.push(format!(
                "{}:{}:{}: not a graph file: {err}",
                display::path(&text.path),
                err.line(),
                err.column()
            )),
        }
    }
    if json {
        output::json(&json!({"files": texts.len(), "not_canonical": differ}))?;
    } else if differ.is_empty() {
        output::text(&format!(
            "{} in canonical form\n",
            dealgraph::format::count(texts.len(), "file")
        ))?;
    } else {
        let mut text = format!(
            "{} of {} not in canonical form (`dealgraph fmt` rewrites them):\n",
            differ.len(),
            dealgraph::format::count(texts.len(), "file")
        );
        for line in &differ {
            text.push_str(&format!("  {line}\n"));
        }
        output::text(&text)?;
    }
    Ok(if differ.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
