//! `dealgraph conflicts`: investors who fund rivals, or a company that asked them not to.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::bail;
use dealgraph::query::KeyedRelation;
use dealgraph::query::conflicts::Conflicts;
use dealgraph::query::{Conflict, ConflictKind, ConflictOptions, RelationFilter, Timing};
use dealgraph::{CompanyId, KnowledgeGraph, PartialDate, RelationId, Reliability, Status};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::render::{name, relation_line};

/// Competitor-funding conflicts, most serious first: an investor funds a company and a rival
/// the company asked its investors not to fund (clause), or both sides of a competitor relation.
/// An investor's parents and subsidiaries count as the investor.
///
/// Clauses come before competitors; then a stake the clause covers, a rival funded after the
/// clause and a binding clause first; then more money at stake on both sides, the latest stake
/// and the larger rivals.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    rivals: ConflictFilterArgs,
    /// Only relations in force on this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    as_of: Option<PartialDate>,
    /// Only relations at least this confirmed: rumored < reported < announced < completed.
    #[arg(long, value_name = "STATUS")]
    min_status: Option<Status>,
    /// Only relations with a source at least this reliable: low < syndicated < press <
    /// primary (relations whose sources say nothing of it are left out).
    #[arg(long, value_name = "LEVEL")]
    min_reliability: Option<Reliability>,
    /// Show only the K most serious conflicts, and say how many there are when there are more.
    #[arg(long, value_name = "K")]
    limit: Option<usize>,
    /// Print the conflicts as JSON.
    #[arg(long)]
    json: bool,
}

/// Which conflicts to look for, shared by `conflicts` and `dot --conflicts`.
#[derive(Debug, Clone, clap::Args)]
pub struct ConflictFilterArgs {
    /// Only conflicts of this investor or its corporate family.
    #[arg(long, value_name = "COMPANY")]
    pub investor: Option<String>,
    /// Only conflicts where this company is the funded company or the rival.
    #[arg(long, value_name = "COMPANY")]
    pub company: Option<String>,
    /// Also treat companies that share a sector tag as rivals (for data without competitor
    /// relations).
    #[arg(long)]
    pub sector_rivals: bool,
    /// Count lenders as investors (a loan is not a stake, so by default it is no conflict).
    #[arg(long)]
    pub include_lenders: bool,
}

impl ConflictFilterArgs {
    /// The search these options ask for, over the relations `filter` allows, keeping the
    /// most serious `limit`.
    pub fn options(
        &self,
        graph: &KnowledgeGraph,
        filter: RelationFilter,
        limit: Option<usize>,
    ) -> anyhow::Result<ConflictOptions> {
        let resolve = |name: &Option<String>| name.as_deref().map(|n| graph.resolve(n)).transpose();
        Ok(ConflictOptions {
            filter,
            sector_rivals: self.sector_rivals,
            investor: resolve(&self.investor)?,
            company: resolve(&self.company)?,
            include_lenders: self.include_lenders,
            limit,
        })
    }
}

/// Finds and prints the conflicts, each as it is built, so that an answer of millions of
/// lines needs memory for one conflict at a time.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    if args.limit == Some(0) {
        bail!("--limit 0 would show no conflict; give 1 or more");
    }
    let filter = RelationFilter {
        as_of: args.as_of,
        min_status: args.min_status,
        min_reliability: args.min_reliability,
        ..RelationFilter::default()
    };
    let options = args.rivals.options(graph, filter, args.limit)?;
    let found = Conflicts::find(graph, &options);
    let shown = Shown {
        found: &found,
        limit: args.limit,
    };
    super::output::stream(|out| {
        if args.json {
            write_json(out, graph, shown)
        } else {
            write_text(out, graph, shown)
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The conflicts to show: all, or the first `limit`.
#[derive(Clone, Copy)]
struct Shown<'a, 'g> {
    found: &'a Conflicts<'g>,
    limit: Option<usize>,
}

impl Shown<'_, '_> {
    fn iter(&self) -> impl Iterator<Item = Conflict> + '_ {
        self.found.iter().take(self.limit.unwrap_or(usize::MAX))
    }

    /// Whether the limit left conflicts out.
    fn truncated(&self) -> bool {
        self.limit.is_some_and(|limit| limit < self.found.total())
    }
}

/// Writes the conflicts as text, numbered, each with the relations that prove it.
fn write_text(
    out: &mut (impl Write + ?Sized),
    graph: &KnowledgeGraph,
    shown: Shown,
) -> io::Result<()> {
    if shown.found.is_empty() {
        return writeln!(out, "no competitor-funding conflicts");
    }
    let mut lines = RelationLines::new(graph);
    for (number, conflict) in shown.iter().enumerate() {
        writeln!(out, "{}. {}", number + 1, headline(graph, &conflict))?;
        if let Some(detail) = detail(graph, &conflict) {
            writeln!(out, "   {detail}")?;
        }
        writeln!(out, "   {}", at_stake(&conflict))?;
        for index in conflict.relations() {
            out.write_all(lines.line(index).as_bytes())?;
        }
    }
    if let Some(limit) = shown.limit.filter(|_| shown.truncated()) {
        let most = match limit {
            1 => "the most serious".to_owned(),
            n => format!("the {n} most serious"),
        };
        let total = shown.found.total();
        writeln!(
            out,
            "showing {most} of {total} conflicts; there are more: raise --limit to see them"
        )?;
    }
    Ok(())
}

/// Each relation's line of text under a conflict, made once: the same investments prove
/// thousands of conflicts when a large family funds a much-funded rival.
struct RelationLines<'g> {
    graph: &'g KnowledgeGraph,
    /// The line of each relation made so far, by index.
    lines: Vec<Option<Box<str>>>,
}

impl<'g> RelationLines<'g> {
    fn new(graph: &'g KnowledgeGraph) -> RelationLines<'g> {
        RelationLines {
            graph,
            lines: vec![None; graph.relation_count()],
        }
    }

    /// The line of the relation `id`: [`relation_line`] in a list item, with its newline.
    fn line(&mut self, id: RelationId) -> &str {
        let graph = self.graph;
        self.lines[id.index()]
            .get_or_insert_with(|| format!("   - {}\n", relation_line(graph, id)).into())
    }
}

fn headline(graph: &KnowledgeGraph, conflict: &Conflict) -> String {
    let investor = name(graph, conflict.investor);
    let company = name(graph, conflict.company);
    let rival = name(graph, conflict.rival);
    let through = if conflict.through.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = (conflict.through.iter())
            .map(|n| name(graph, *n).to_string())
            .collect();
        format!(" (through {})", names.join(", "))
    };
    match (conflict.kind, &conflict.sector) {
        (ConflictKind::Clause, _) => format!(
            "clause: {investor} funds {company} and {rival}{through}, which {company} asked its investors not to fund"
        ),
        (ConflictKind::Competitor, Some(sector)) => {
            format!("sector rivals: {investor} funds {company} and {rival}, both `{sector}`")
        }
        (ConflictKind::Competitor, None) => {
            format!("competitors: {investor} funds {company} and its competitor {rival}{through}")
        }
    }
}

/// What the conflict weighs: the money at stake on both sides and the latest stake's date.
fn at_stake(conflict: &Conflict) -> String {
    let money = match conflict.at_stake_usd {
        0 => "no amount stated".to_owned(),
        usd => format!(
            "{} at stake on both sides",
            dealgraph::format::usd(usd as f64)
        ),
    };
    let latest = conflict
        .latest
        .map_or_else(|| "undated".to_owned(), |d| format!("the latest stake {d}"));
    format!("{money}; {latest}")
}

/// For clauses: when the rival was funded, whether the stake is covered, and the clause's terms.
fn detail(graph: &KnowledgeGraph, conflict: &Conflict) -> Option<String> {
    let timing = conflict.timing?;
    let clause = graph.relation(conflict.rivalry?);
    let date = clause
        .date
        .map_or_else(|| "undated".to_owned(), |d| d.to_string());
    let when = match timing {
        Timing::After => "after",
        Timing::Around => "around the time of",
        Timing::Undated => "at an undated time relative to",
        Timing::Before => "before",
    };
    let company = name(graph, conflict.company);
    let covered = match (conflict.covered, &clause.deal) {
        (Some(true), Some(_)) => "the investor is in the deal the clause came with".to_owned(),
        (Some(true), None) => format!("the clause covers the investor's stake in {company}"),
        (_, Some(_)) => format!(
            "the investor's stake in {company} is outside the deal the clause came with, so the clause may not bind it"
        ),
        (_, None) => format!(
            "the investor's stake in {company} predates the clause or is undated, so the clause may not bind it"
        ),
    };
    let terms = |value: Option<bool>, yes: &str, no: &str| match value {
        Some(true) => yes.to_owned(),
        Some(false) => no.to_owned(),
        None => format!("{yes} unknown"),
    };
    Some(format!(
        "rival funded {when} the clause ({date}); {covered}; {}, {}",
        terms(clause.binding, "binding", "not binding"),
        terms(clause.retroactive, "retroactive", "not retroactive")
    ))
}

/// Writes the conflicts as pretty JSON, `{"conflicts": [...]}`, each conflict serialized as it
/// is built; with --limit, also `total` and `truncated`. A failed write keeps its `io::Error`.
fn write_json(
    out: &mut (impl Write + ?Sized),
    graph: &KnowledgeGraph,
    shown: Shown,
) -> io::Result<()> {
    let view = ConflictsView { graph, shown };
    serde_json::to_writer_pretty(&mut *out, &view).map_err(io::Error::from)?;
    writeln!(out)
}

/// The JSON answer: the conflicts, and with a limit, how many there are and whether some were
/// left out.
struct ConflictsView<'a, 'g> {
    graph: &'g KnowledgeGraph,
    shown: Shown<'a, 'g>,
}

impl Serialize for ConflictsView<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = if self.shown.limit.is_some() { 3 } else { 1 };
        let mut view = serializer.serialize_struct("ConflictsView", fields)?;
        view.serialize_field("conflicts", &ConflictList(self))?;
        if self.shown.limit.is_some() {
            view.serialize_field("total", &self.shown.found.total())?;
            view.serialize_field("truncated", &self.shown.truncated())?;
        }
        view.end()
    }
}

/// The conflicts of a [`ConflictsView`], serialized one at a time.
struct ConflictList<'v, 'a, 'g>(&'v ConflictsView<'a, 'g>);

impl Serialize for ConflictList<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let graph = self.0.graph;
        serializer.collect_seq(
            self.0
                .shown
                .iter()
                .map(|conflict| Owned { graph, conflict }),
        )
    }
}

/// One conflict, serialized as its [`ConflictView`].
struct Owned<'g> {
    graph: &'g KnowledgeGraph,
    conflict: Conflict,
}

impl Serialize for Owned<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        view(self.graph, &self.conflict).serialize(serializer)
    }
}

#[derive(serde::Serialize)]
struct ConflictView<'a> {
    kind: ConflictKind,
    investor: &'a CompanyId,
    through: Vec<&'a CompanyId>,
    company: &'a CompanyId,
    rival: &'a CompanyId,
    timing: Option<Timing>,
    covered: Option<bool>,
    binding: Option<bool>,
    retroactive: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sector: Option<&'a str>,
    at_stake_usd: u64,
    latest: Option<PartialDate>,
    relations: Vec<KeyedRelation<'a>>,
}

fn view<'a>(graph: &'a KnowledgeGraph, conflict: &'a Conflict) -> ConflictView<'a> {
    let id = |node: petgraph::graph::NodeIndex| &graph.company(node).id;
    let clause = conflict
        .rivalry
        .filter(|_| conflict.kind == ConflictKind::Clause)
        .map(|r| graph.relation(r));
    ConflictView {
        kind: conflict.kind,
        investor: id(conflict.investor),
        through: conflict.through.iter().map(|n| id(*n)).collect(),
        company: id(conflict.company),
        rival: id(conflict.rival),
        timing: conflict.timing,
        covered: conflict.covered,
        binding: clause.and_then(|c| c.binding),
        retroactive: clause.and_then(|c| c.retroactive),
        sector: conflict.sector.as_deref(),
        at_stake_usd: conflict.at_stake_usd,
        latest: conflict.latest,
        relations: KeyedRelation::all(graph, &conflict.relations()),
    }
}
