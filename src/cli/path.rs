//! `dealgraph path FROM TO`: how one company reaches another, hop by hop, with sources.

use std::fmt::Write;
use std::process::ExitCode;

use anyhow::bail;
use dealgraph::format::count;
use dealgraph::query::no_path::{NoPath, why_no_path};
use dealgraph::query::{self, PathOptions, Paths, Traversal};
use dealgraph::query::{KeyCache, KeyedRelation};
use dealgraph::{CompanyId, KnowledgeGraph, RelationId};
use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::filters::FilterArgs;
use super::output;
use super::render::{arrow, name, relation_line};

/// The longest path `--all` looks for unless --max-hops says otherwise.
const DEFAULT_MAX_HOPS_ALL: usize = 4;

/// Find how FROM reaches TO: the shortest chains of relations, or every simple path with --all.
///
/// Relations are followed in their direction (investor -> investee, lessor -> lessee, provider
/// -> customer, ...); partnership and competitor both ways. Parallel relations between two
/// companies are shown on one hop.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where the path starts: id, name or alias.
    from: String,
    /// Where it ends: id, name or alias.
    to: String,
    #[command(flatten)]
    search: PathSearchArgs,
    #[command(flatten)]
    filters: FilterArgs,
    /// Print the paths as JSON.
    #[arg(long)]
    json: bool,
}

/// The companies a path question joins, which must be two different ones.
pub fn ends(
    graph: &KnowledgeGraph,
    from: &str,
    to: &str,
) -> anyhow::Result<(NodeIndex, NodeIndex)> {
    let (from, to) = (graph.resolve(from)?, graph.resolve(to)?);
    if from == to {
        bail!(
            "FROM and TO are the same company (`{}`); name two different companies",
            graph.company(from).id
        );
    }
    Ok((from, to))
}

/// The options of a path search, shared by `path` and `dot --path`.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct PathSearchArgs {
    /// Every simple path (no company twice), shortest first, not only the shortest.
    #[arg(long)]
    pub all: bool,
    /// The longest path, in hops, at most 64 [default: 4 with --all, no limit without].
    #[arg(long, value_name = "N", value_parser = super::count::HOPS)]
    pub max_hops: Option<usize>,
    /// At most K paths, saying so when there were more.
    #[arg(long, value_name = "K", default_value_t = 100)]
    pub limit: usize,
    /// With --all, stop after examining N hops, and say so: the simple paths (and the dead
    /// ends between them) can grow exponentially with --max-hops.
    #[arg(long, value_name = "N", default_value_t = query::path::DEFAULT_BUDGET,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub budget: u64,
    /// Follow every relation both ways, whatever its type.
    #[arg(long)]
    pub undirected: bool,
}

use dealgraph::query::path::DEAL_KINDS;

/// The search that path options ask for; `verb` says what a path question does with its paths
/// ("show", "draw"), for the error on `--limit 0`.
pub fn search(
    filters: &FilterArgs,
    args: &PathSearchArgs,
    verb: &str,
) -> anyhow::Result<PathOptions> {
    let PathSearchArgs {
        all,
        max_hops,
        limit,
        budget,
        undirected,
    } = *args;
    if limit == 0 {
        bail!("--limit 0 would {verb} no path; give 1 or more");
    }
    Ok(PathOptions {
        filter: filters.filter(&DEAL_KINDS)?,
        traversal: if undirected {
            Traversal::Undirected
        } else {
            Traversal::Forward
        },
        all,
        max_hops: max_hops.or(all.then_some(DEFAULT_MAX_HOPS_ALL)),
        limit,
        budget,
    })
}

/// Finds and prints the paths.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    let (from, to) = ends(graph, &args.from, &args.to)?;
    let options = search(&args.filters, &args.search, "show")?;
    let found = query::paths(graph, from, to, &options);
    if found.paths.is_empty() {
        let message = no_path_message(graph, from, to, &found, &options);
        if !args.json {
            bail!("{message}");
        }
        let mut view = json_view(graph, from, to, &found);
        view.no_path = Some(message.clone());
        output::json(&view)?;
        eprintln!("error: {}", dealgraph::display::text(&message));
        return Ok(ExitCode::FAILURE);
    }
    if args.json {
        output::json(&json_view(graph, from, to, &found))?;
    } else {
        output::text(&render(graph, from, &found))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Why no path was found, as `path` and `dot --path` both say it (and exit 1): the search ran
/// out of budget, or the cause [`why_no_path`] finds, with what to do about it.
pub fn no_path_message(
    graph: &KnowledgeGraph,
    from: NodeIndex,
    to: NodeIndex,
    found: &Paths,
    options: &PathOptions,
) -> String {
    let (from_name, to_name) = (name(graph, from), name(graph, to));
    if found.budget_exhausted {
        return format!(
            "no path from {from_name} to {to_name} found within the search's budget of {} hops examined; there may be one: raise --budget, or lower --max-hops",
            found.work
        );
    }
    let within = options
        .max_hops
        .map(|n| format!(" within {}", count(n, "hop")))
        .unwrap_or_default();
    let why = match why_no_path(graph, from, to, options) {
        NoPath::NoRelations(node) => format!(
            "{} has no relation of the types and dates followed; check --via, --exclude, --as-of and --min-status, or `dealgraph show {}`",
            name(graph, node),
            graph.company_id(node)
        ),
        NoPath::TooLong(hops) => format!(
            "the shortest path has {}: raise --max-hops",
            count(hops, "hop")
        ),
        NoPath::AgainstDirection => {
            "relations are followed in their direction, and a path exists only against some: try --undirected, or swap FROM and TO".to_owned()
        }
        NoPath::NotInForce => {
            "a path exists only through relations that --as-of, --dated, --min-status or --min-reliability leave out".to_owned()
        }
        NoPath::OtherTypes => {
            "a path exists only through relation types not followed (competitor and exclusivity are followed only when --via names them): check --via and --exclude".to_owned()
        }
        NoPath::Apart => "no relation of any kind joins them".to_owned(),
    };
    format!("no path from {from_name} to {to_name}{within}: {why}")
}

fn render(graph: &KnowledgeGraph, from: NodeIndex, found: &Paths) -> String {
    let mut text = String::new();
    let mut keys = KeyCache::new(graph);
    for (number, path) in found.paths.iter().enumerate() {
        let mut chain = name(graph, from).to_string();
        for step in &path.steps {
            write!(
                chain,
                " {} {}",
                arrow(graph, step.from, &step.relations),
                name(graph, step.to)
            )
            .expect("writing to a String");
        }
        let hops = path.steps.len();
        writeln!(text, "{}. {chain}  ({})", number + 1, count(hops, "hop"))
            .expect("writing to a String");
        for step in &path.steps {
            for &index in &step.relations {
                let line = relation_line(graph, index).with_key(keys.key(index));
                writeln!(text, "     {line}").expect("writing to a String");
            }
        }
    }
    if found.truncated {
        let shown = match found.paths.len() {
            1 => "the first path".to_owned(),
            n => format!("the first {n} paths"),
        };
        writeln!(
            text,
            "showing {shown}; there are more: raise --limit to see them"
        )
        .expect("writing to a String");
    }
    if found.budget_exhausted {
        writeln!(
            text,
            "the search stopped after examining {} hops, its budget; there may be more paths: raise --budget, or lower --max-hops",
            found.work
        )
        .expect("writing to a String");
    }
    text
}

#[derive(Serialize)]
struct PathsView<'a> {
    from: &'a CompanyId,
    to: &'a CompanyId,
    paths: Vec<PathView<'a>>,
    truncated: bool,
    budget_exhausted: bool,
    /// Why there is no path, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    no_path: Option<String>,
}

#[derive(Serialize)]
struct PathView<'a> {
    nodes: Vec<&'a CompanyId>,
    hops: Vec<HopView<'a>>,
    relations: Vec<KeyedRelation<'a>>,
}

#[derive(Serialize)]
struct HopView<'a> {
    from: &'a CompanyId,
    to: &'a CompanyId,
    relations: Vec<KeyedRelation<'a>>,
}

fn json_view<'a>(
    graph: &'a KnowledgeGraph,
    from: petgraph::graph::NodeIndex,
    to: petgraph::graph::NodeIndex,
    found: &Paths,
) -> PathsView<'a> {
    let id = |node: petgraph::graph::NodeIndex| &graph.company(node).id;
    let keys = std::cell::RefCell::new(KeyCache::new(graph));
    let relations = |indexes: &[RelationId]| keys.borrow_mut().all(indexes);
    let paths = found
        .paths
        .iter()
        .map(|path| PathView {
            nodes: path.nodes().into_iter().map(id).collect(),
            hops: path
                .steps
                .iter()
                .map(|step| HopView {
                    from: id(step.from),
                    to: id(step.to),
                    relations: relations(&step.relations),
                })
                .collect(),
            relations: path
                .steps
                .iter()
                .flat_map(|step| relations(&step.relations))
                .collect(),
        })
        .collect();
    PathsView {
        from: id(from),
        to: id(to),
        paths,
        truncated: found.truncated,
        budget_exhausted: found.budget_exhausted,
        no_path: None,
    }
}
