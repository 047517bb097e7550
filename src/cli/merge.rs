//! `dealgraph merge`: fold a duplicate record of a company into the one kept.

use std::process::ExitCode;

use dealgraph::CompanyId;
use dealgraph::edit;
use dealgraph::format::count;
use dealgraph::load::GraphSource;
use serde_json::json;

use super::edit::Outcome;

/// Merge a duplicate company into the one kept: its relations are re-pointed, its id, name
/// and aliases become aliases, its sectors and external ids are merged. Refused when the two
/// hold different values of one external id (or country, home page, extra key).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The id of the company to keep.
    keep: String,
    /// The id of its duplicate, which is removed.
    duplicate: String,
    /// Print what changed as JSON.
    #[arg(long)]
    json: bool,
}

/// Merges the two.
pub fn run(sources: &[GraphSource], args: Args) -> anyhow::Result<ExitCode> {
    super::edit::run(sources, args.json, |workspace| {
        let keep = CompanyId(args.keep.clone());
        let duplicate = CompanyId(args.duplicate.clone());
        let merged = edit::merge(workspace, &keep, &duplicate)?;
        Ok(Outcome {
            lines: vec![format!(
                "merged {duplicate} into {keep}: {} re-pointed, aliases added: {}",
                count(merged.repointed, "relation"),
                if merged.aliases_added.is_empty() {
                    "none".to_owned()
                } else {
                    merged.aliases_added.join(", ")
                }
            )],
            json: json!({"merged": {
                "keep": keep,
                "duplicate": duplicate,
                "relations": merged.repointed,
                "aliases_added": merged.aliases_added,
            }}),
        })
    })
}
