//! `dealgraph rename`: give a company a new id.

use std::process::ExitCode;

use dealgraph::CompanyId;
use dealgraph::edit;
use dealgraph::format::count;
use dealgraph::load::GraphSource;
use serde_json::json;

use super::edit::Outcome;

/// Give a company a new id: every relation that names it, in every file, is rewritten, and
/// the old id is kept as an alias, so it still names the company on the command line.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The company's id now.
    old: String,
    /// Its new id: a lowercase slug.
    new: String,
    /// Print what changed as JSON.
    #[arg(long)]
    json: bool,
}

/// Renames the company.
pub fn run(sources: &[GraphSource], args: Args) -> anyhow::Result<ExitCode> {
    super::edit::run(sources, args.json, |workspace| {
        let old = CompanyId(args.old.clone());
        let new = CompanyId(args.new.clone());
        let rewritten = edit::rename(workspace, &old, &new)?;
        Ok(Outcome {
            lines: vec![format!(
                "renamed {old} to {new}; {} rewritten, `{old}` kept as an alias",
                count(rewritten, "relation")
            )],
            json: json!({"renamed": {"from": old, "to": new, "relations": rewritten}}),
        })
    })
}
