//! `dealgraph rm`: remove a company or a relation.

use std::process::ExitCode;

use dealgraph::edit::{self, Target};
use dealgraph::load::GraphSource;
use serde_json::json;

use super::edit::Outcome;

/// Remove a company (by id) or a relation (by key, as `show` prints it). A company that
/// relations still name is refused, listing them, unless --cascade.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The company id, or the relation key (FROM:TYPE:TO[:DATE][:N]).
    #[arg(value_name = "REL_OR_COMPANY")]
    target: Target,
    /// Remove a company's relations with it.
    #[arg(long)]
    cascade: bool,
    /// Print what was removed as JSON.
    #[arg(long)]
    json: bool,
}

/// Removes the record.
pub fn run(sources: &[GraphSource], args: Args) -> anyhow::Result<ExitCode> {
    super::edit::run(sources, args.json, |workspace| {
        let removed = edit::remove(workspace, &args.target, args.cascade)?;
        let mut lines = Vec::new();
        if let Some(company) = &removed.company {
            lines.push(format!("removed company {company}"));
        }
        lines.extend(
            removed
                .relations
                .iter()
                .map(|key| format!("removed relation {key}")),
        );
        let keys: Vec<String> = removed.relations.iter().map(ToString::to_string).collect();
        Ok(Outcome {
            lines,
            json: json!({"removed": {"company": removed.company, "relations": keys}}),
        })
    })
}
