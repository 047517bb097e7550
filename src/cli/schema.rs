//! `dealgraph schema`: the JSON Schema of a graph file, for editors that check JSON as it is
//! typed.

use std::process::ExitCode;

/// Print the JSON Schema (draft 2020-12) of a graph file: its companies and relations, every
/// field with its type and meaning. Editors check a file against it as it is typed; see
/// graph/README.md, "Checking as you type". `dealgraph check` finds more: unknown companies,
/// repeated records, impossible codes.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Prints the schema.
pub fn run(_: Args) -> anyhow::Result<ExitCode> {
    super::output::json(&dealgraph::model::schema())?;
    Ok(ExitCode::SUCCESS)
}
