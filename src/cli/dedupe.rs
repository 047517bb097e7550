//! `dealgraph dedupe`: records that may be one company, ranked, with their reasons.

use std::fmt::Write as _;
use std::num::NonZeroUsize;
use std::process::ExitCode;

use dealgraph::KnowledgeGraph;
use dealgraph::display;
use dealgraph::format::count;
use dealgraph::query::{self, Candidate};
use serde::Serialize;

use super::output;

/// List candidate duplicates, best first: records with a shared external id (Wikidata, LEI,
/// Crunchbase, ticker), names equal once case, punctuation and legal suffixes (Inc., Ltd.,
/// GmbH...) are set aside, the same web domain, or close names. It proposes; `dealgraph merge
/// KEEP DUPLICATE` acts, and refuses while the two differ in a field that holds one value.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show at most this many candidates (every pair is still counted).
    #[arg(long, value_name = "K", default_value = "20")]
    limit: NonZeroUsize,
    /// Print the candidates as JSON.
    #[arg(long)]
    json: bool,
}

/// The JSON answer.
#[derive(Serialize)]
struct DuplicatesView<'a> {
    candidates: Vec<CandidateView<'a>>,
    total: usize,
    truncated: bool,
}

/// One candidate, with the command that merges it.
#[derive(Serialize)]
struct CandidateView<'a> {
    #[serde(flatten)]
    candidate: &'a Candidate,
    command: String,
}

/// Finds and prints the candidates.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    let found = query::duplicates(graph, args.limit.get());
    if args.json {
        output::json(&DuplicatesView {
            candidates: found
                .candidates
                .iter()
                .map(|candidate| CandidateView {
                    candidate,
                    command: merge_command(candidate),
                })
                .collect(),
            total: found.total,
            truncated: found.truncated,
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = String::new();
    for (number, candidate) in found.candidates.iter().enumerate() {
        write_candidate(&mut text, graph, number + 1, candidate)?;
    }
    if found.candidates.is_empty() {
        text.push_str("no candidate duplicates\n");
    } else if found.truncated {
        writeln!(
            text,
            "showing the {} best of {}; raise --limit to see more",
            found.candidates.len(),
            count(found.total, "candidate")
        )?;
    }
    output::text(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// One candidate: the two records, the reasons, what stands in a merge's way, and the command.
fn write_candidate(
    text: &mut String,
    graph: &KnowledgeGraph,
    number: usize,
    candidate: &Candidate,
) -> std::fmt::Result {
    let describe = |id: &dealgraph::CompanyId, relations: usize| {
        let name = graph
            .node(id.as_str())
            .map(|node| graph.company(node).name.as_str())
            .unwrap_or_default();
        format!(
            "{} ({}, {})",
            display::text(name),
            display::text(id.as_str()),
            count(relations, "relation")
        )
    };
    writeln!(
        text,
        "{number}. {} and {}  score {}",
        describe(&candidate.keep, candidate.relations[0]),
        describe(&candidate.duplicate, candidate.relations[1]),
        candidate.score
    )?;
    for reason in &candidate.reasons {
        let reason_text = reason.reason.replace('_', " ");
        writeln!(text, "   {reason_text}: {}", display::text(&reason.detail))?;
    }
    if !candidate.related.is_empty() {
        let kinds: Vec<&str> = candidate.related.iter().map(|kind| kind.as_str()).collect();
        writeln!(
            text,
            "   related by {}: most likely two companies",
            kinds.join(", ")
        )?;
    }
    for field in &candidate.differing {
        writeln!(text, "   differs in {}", display::text(field))?;
    }
    writeln!(text, "   merge: {}", merge_command(candidate))
}

/// The command that merges the candidate.
fn merge_command(candidate: &Candidate) -> String {
    format!("dealgraph merge {} {}", candidate.keep, candidate.duplicate)
}
