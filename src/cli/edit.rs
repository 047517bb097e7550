//! What every editing command shares: opening the graph for editing, committing, and
//! reporting what was written.

use std::fmt::Write as _;
use std::process::ExitCode;

use dealgraph::display;
use dealgraph::edit::{Committed, EditError, Workspace};
use dealgraph::load::GraphSource;
use serde::Serialize;
use serde_json::Value;

use super::output;

/// What an edit reports, as text and as JSON.
pub struct Outcome {
    /// One line a change, for people.
    pub lines: Vec<String>,
    /// What the change was, for scripts: joined with the files written.
    pub json: Value,
}

/// The JSON report of an edit.
#[derive(Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    outcome: &'a Value,
    written: Vec<String>,
    reformatted: Vec<String>,
}

/// Opens the graph for editing, makes the change, checks and writes it, and reports: one line
/// per change and per file reformatted (or the JSON report with `json`).
pub fn run(
    sources: &[GraphSource],
    json: bool,
    change: impl FnOnce(&mut Workspace) -> Result<Outcome, EditError>,
) -> anyhow::Result<ExitCode> {
    let mut workspace = Workspace::open(sources, || {
        eprintln!("waiting for another edit of the graph to finish");
    })?;
    let outcome = change(&mut workspace)?;
    let committed = workspace.commit()?;
    report(&outcome, &committed, json)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints what the edit did and wrote.
fn report(outcome: &Outcome, committed: &Committed, json: bool) -> anyhow::Result<()> {
    let paths = |paths: &[std::path::PathBuf]| -> Vec<String> {
        paths.iter().map(|p| p.display().to_string()).collect()
    };
    if json {
        return output::json(&Report {
            outcome: &outcome.json,
            written: paths(&committed.written),
            reformatted: paths(&committed.reformatted),
        });
    }
    let mut text = String::new();
    for line in &outcome.lines {
        writeln!(text, "{}", display::text(line))?;
    }
    if committed.written.is_empty() {
        text.push_str("nothing changed\n");
    }
    for path in &committed.reformatted {
        writeln!(
            text,
            "reformatted {}: it was not in canonical form (`dealgraph fmt` writes it)",
            display::path(path)
        )?;
    }
    output::text(&text)
}
