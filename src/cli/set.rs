//! `dealgraph set`: change fields of a company or a relation.

use std::process::ExitCode;

use dealgraph::edit::{self, Assignment, Target};
use dealgraph::load::GraphSource;
use serde_json::json;

use super::edit::Outcome;

/// Set fields of a company (by id) or a relation (by key, as `show` prints it):
/// `FIELD=VALUE` sets, `FIELD+=VALUE` appends to a list, `FIELD=` removes.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The company id, or the relation key (FROM:TYPE:TO[:DATE][:N]).
    #[arg(value_name = "REL_OR_COMPANY")]
    target: Target,
    /// The changes, applied in order, e.g. `status=completed amount_usd=5e9 aliases+=Name`.
    #[arg(value_name = "FIELD=VALUE", required = true)]
    assignments: Vec<Assignment>,
    /// Print what changed as JSON.
    #[arg(long)]
    json: bool,
}

/// Sets the fields.
pub fn run(sources: &[GraphSource], args: Args) -> anyhow::Result<ExitCode> {
    super::edit::run(sources, args.json, |workspace| {
        let now = edit::set(workspace, &args.target, &args.assignments)?;
        let changes: Vec<String> = args.assignments.iter().map(ToString::to_string).collect();
        let mut lines = vec![format!("set {} on {}", changes.join(" "), args.target)];
        if now != args.target {
            lines.push(format!("its key is now {now}"));
        }
        Ok(Outcome {
            lines,
            json: json!({"target": args.target.to_string(), "key": now.to_string(), "set": changes}),
        })
    })
}
