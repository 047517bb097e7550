//! `dealgraph diff --from D --to D`: what began, ended or was reported on between two dates.

use std::fmt::Write;
use std::process::ExitCode;

use anyhow::bail;
use dealgraph::format::count;
use dealgraph::query::diff::{Changes, changes};
use dealgraph::query::{KeyCache, KeyedRelation};
use dealgraph::{KnowledgeGraph, PartialDate, RelationId};
use serde::Serialize;

use super::filters::FilterArgs;
use super::output;
use super::render::relation_line;

/// What began, ended or was reported on after --from and by --to.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The date before the changes (YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its end).
    #[arg(long, value_name = "DATE")]
    from: PartialDate,
    /// The date of the last changes counted (a partial date means its end).
    #[arg(long, value_name = "DATE")]
    to: PartialDate,
    #[command(flatten)]
    filters: FilterArgs,
    /// Print the changes as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct ChangesView<'a> {
    from: PartialDate,
    to: PartialDate,
    began: Vec<KeyedRelation<'a>>,
    ended: Vec<KeyedRelation<'a>>,
    changed: Vec<KeyedRelation<'a>>,
}

/// Finds and prints the changes.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    if args.from.last_day() >= args.to.last_day() {
        bail!(
            "--from {} is not before --to {}; give the earlier date to --from",
            args.from,
            args.to
        );
    }
    if args.filters.as_of.is_some() {
        bail!("--as-of does not apply to diff, which compares --from with --to");
    }
    let found = changes(graph, args.from, args.to, &args.filters.filter(&[])?);
    if args.json {
        let mut keys = KeyCache::new(graph);
        let view = ChangesView {
            from: args.from,
            to: args.to,
            began: keys.all(&found.began),
            ended: keys.all(&found.ended),
            changed: keys.all(&found.changed),
        };
        output::json(&view)?;
    } else {
        output::text(&render(graph, &found))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render(graph: &KnowledgeGraph, found: &Changes) -> String {
    let mut text = String::new();
    let sections: [(&str, &[RelationId]); 3] = [
        ("began", &found.began),
        ("ended", &found.ended),
        ("reported on (begun earlier; status as now)", &found.changed),
    ];
    for (heading, ids) in sections {
        writeln!(text, "{heading}: {}", count(ids.len(), "relation")).expect("writing to a String");
        for &id in ids {
            let key = graph.relation_key(id);
            writeln!(text, "  {}", relation_line(graph, id).with_key(key))
                .expect("writing to a String");
        }
    }
    text
}
