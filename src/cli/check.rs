//! `dealgraph check`: every problem in a graph at once, with its position and a hint.

use std::fmt::Write;
use std::process::ExitCode;

use dealgraph::Severity;
use dealgraph::format::count;
use dealgraph::load::{self, GraphText};
use serde::Serialize;

use super::output;

/// Check a graph: report every problem with file:line:column and a hint; exit 1 on errors.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Treat warnings (relations without sources) as errors.
    #[arg(long)]
    strict: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Report<'a> {
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [dealgraph::Diagnostic],
}

/// Checks the files and prints the report.
pub fn run(texts: &[GraphText], args: Args) -> anyhow::Result<ExitCode> {
    let report = load::check(texts, args.strict);
    let count = |severity| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let summary = Report {
        files: texts.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        diagnostics: &report.diagnostics,
    };
    if args.json {
        output::json(&summary)?;
    } else {
        output::text(&render(&summary, report.graph.as_ref()))?;
    }
    Ok(if summary.errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn render(report: &Report<'_>, graph: Option<&dealgraph::KnowledgeGraph>) -> String {
    let mut text = String::new();
    for diagnostic in report.diagnostics {
        writeln!(text, "{diagnostic}").expect("writing to a String");
    }
    let found = format!(
        "{}, {} in {}",
        count(report.errors, "error"),
        count(report.warnings, "warning"),
        count(report.files, "file")
    );
    match graph {
        Some(graph) => writeln!(
            text,
            "ok: {} and {}; {found}",
            count(graph.companies().len(), "company"),
            count(graph.relation_count(), "relation"),
        ),
        None => writeln!(text, "failed: {found}"),
    }
    .expect("writing to a String");
    text
}
