//! `dealgraph dot`: the graph, or one answer, as a Graphviz diagram, optionally rendered.

use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context, bail};
use clap::ArgGroup;
use dealgraph::KnowledgeGraph;
use dealgraph::export::dot::write_dot;
use dealgraph::export::{Diagram, DotOptions, EdgeLabels};
use dealgraph::format::count;
use dealgraph::query::{self, SUPPLY_KINDS, SupplySide, Traversal};

use super::conflicts::ConflictFilterArgs;
use super::filters::FilterArgs;
use super::output;
use super::path::PathSearchArgs;

/// Draw the graph, or one answer, as a Graphviz diagram: DOT on standard output, or with
/// --render an SVG, PNG or PDF made by Graphviz's `dot`.
///
/// Without a mode, the whole graph (under --via, --as-of and the other filters). Companies are
/// shaped and coloured by sector; relations coloured by type, dashed when reported, dotted when
/// rumoured, grey when ended; the highlighted answer is bold; a legend lists what is drawn.
///
/// Plain DOT never needs Graphviz. --render needs `dot` on the PATH and writes to -o FILE; it
/// writes to standard output only when that is not a terminal (a pipe or a file). A file is
/// written all or nothing (to a temporary file beside FILE, renamed into place, keeping FILE's
/// mode and owner); a symlink is written through; a device or FIFO is written to as a stream.
#[derive(Debug, clap::Args)]
#[command(group(ArgGroup::new("mode").args(["focus", "path", "suppliers", "customers", "conflicts"])))]
#[command(group(ArgGroup::new("tiered").args(["focus", "suppliers", "customers"]).multiple(true)))]
#[command(group(ArgGroup::new("path_search")
    .args(["all", "max_hops", "limit", "budget", "undirected"]).multiple(true).requires("path")))]
#[command(group(ArgGroup::new("conflict_filters")
    .args(["company", "investor", "sector_rivals"]).multiple(true).requires("conflicts")))]
pub struct Args {
    /// Draw COMPANY, in bold, and every company within --depth hops (either way) of it.
    #[arg(long, value_name = "COMPANY")]
    focus: Option<String>,
    /// Draw the paths from FROM to TO in bold, among the relations between their companies
    /// (as `dealgraph path` finds them, with the same options).
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    path: Option<Vec<String>>,
    /// Draw everyone upstream of COMPANY, one tier per column, left to right (lease, compute
    /// and supply relations unless --via says otherwise).
    #[arg(long, value_name = "COMPANY")]
    suppliers: Option<String>,
    /// Draw everyone downstream of COMPANY, one tier per column.
    #[arg(long, value_name = "COMPANY")]
    customers: Option<String>,
    /// Draw competitor-funding conflicts: investors, the rivals they fund, and the clause or
    /// competitor relation that makes them rivals in bold.
    #[arg(long)]
    conflicts: bool,

    /// --focus: how many hops [default: 1]; --suppliers, --customers: how many tiers
    /// [default: 3].
    #[arg(long, value_name = "N", requires = "tiered", value_parser = super::count::DEPTH)]
    depth: Option<usize>,

    #[command(flatten, next_help_heading = "With --path")]
    search: PathSearchArgs,
    /// Also draw, pale, the companies one hop from a path and their relations to it.
    #[arg(long, requires = "path")]
    context: bool,

    #[command(flatten, next_help_heading = "With --conflicts")]
    rivals: ConflictFilterArgs,

    #[command(flatten, next_help_heading = "Relations")]
    filters: FilterArgs,

    /// Group companies in boxes by their first sector.
    #[arg(long, help_heading = "Output")]
    cluster: bool,
    /// Leave out the legend.
    #[arg(long, help_heading = "Output")]
    no_legend: bool,
    /// When to label relations with their amounts and dates: auto leaves them out when more
    /// than 200 lines would cover each other and the names.
    #[arg(long, help_heading = "Output", value_enum, value_name = "WHEN", default_value_t = Labels::Auto)]
    labels: Labels,
    /// Render with Graphviz's `dot` to this format instead of writing DOT.
    #[arg(long, help_heading = "Output", value_enum, value_name = "FORMAT")]
    render: Option<Format>,
    /// Write to FILE instead of standard output.
    #[arg(short, long, help_heading = "Output", value_name = "FILE")]
    output: Option<PathBuf>,
}

/// When to label relations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Labels {
    /// Unless the diagram has more than 200 lines.
    Auto,
    /// Always.
    Always,
    /// Never (investor clauses keep theirs).
    Never,
}

/// What --render makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Scalable vector graphics.
    Svg,
    /// A bitmap.
    Png,
    /// A document.
    Pdf,
}

impl Format {
    fn as_str(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
        }
    }
}

/// Builds the diagram, and writes it as DOT or renders it.
pub fn run(graph: &KnowledgeGraph, args: Args) -> anyhow::Result<ExitCode> {
    let diagram = diagram(graph, &args)?;
    let options = DotOptions {
        cluster: args.cluster,
        legend: !args.no_legend,
        edge_labels: match args.labels {
            Labels::Auto => EdgeLabels::Auto,
            Labels::Always => EdgeLabels::Always,
            Labels::Never => EdgeLabels::Never,
        },
    };
    let dot = |out: &mut dyn Write| write_dot(graph, &diagram, &options, out);
    match (args.render, &args.output) {
        (None, None) => output::stream(dot)?,
        (None, Some(path)) => dealgraph::write::write_file(path, dot)?,
        (Some(format), Some(path)) => {
            let image = render(dot, format)?;
            dealgraph::write::write_file(path, |out| out.write_all(&image))?;
        }
        (Some(format), None) => {
            let mut out = std::io::stdout().lock();
            if out.is_terminal() {
                bail!(
                    "--render {} writes a binary file; name it with -o FILE, or pipe the output",
                    format.as_str()
                );
            }
            out.write_all(&render(dot, format)?)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The diagram of the mode asked for.
fn diagram(graph: &KnowledgeGraph, args: &Args) -> anyhow::Result<Diagram> {
    if let Some(name) = &args.focus {
        let company = graph.resolve(name)?;
        let depth = args.depth.unwrap_or(1);
        let filter = args.filters.filter(&[])?;
        let near = query::neighbors(graph, company, depth, &filter, Traversal::Undirected);
        return Ok(Diagram::from_neighbors(
            graph, company, depth, &near, &filter,
        ));
    }
    if let Some(ends) = &args.path {
        return path_diagram(graph, args, ends);
    }
    let tiered = [
        (&args.suppliers, SupplySide::Suppliers),
        (&args.customers, SupplySide::Customers),
    ];
    for (name, side) in tiered {
        if let Some(name) = name {
            let company = graph.resolve(name)?;
            let depth = args.depth.unwrap_or(3);
            let filter = args.filters.filter(&SUPPLY_KINDS)?;
            let chain = query::supply_chain(graph, company, side, depth, &filter);
            return Ok(Diagram::from_supply_chain(
                graph, company, side, depth, &chain, &filter,
            ));
        }
    }
    if args.conflicts {
        if !args.filters.via.is_empty() || !args.filters.exclude.is_empty() {
            bail!(
                "--via and --exclude do not apply to --conflicts, which follows investment, ownership, exclusivity and competitor relations"
            );
        }
        let options = args
            .rivals
            .options(graph, args.filters.filter(&[])?, None)?;
        let found = query::conflicts(graph, &options);
        return Ok(Diagram::from_conflicts(graph, &found, &options));
    }
    Ok(Diagram::whole(graph, &args.filters.filter(&[])?))
}

fn path_diagram(graph: &KnowledgeGraph, args: &Args, ends: &[String]) -> anyhow::Result<Diagram> {
    let [from, to] = ends else {
        bail!("--path takes two companies, FROM and TO");
    };
    let (from, to) = super::path::ends(graph, from, to)?;
    let options = super::path::search(&args.filters, &args.search, "draw")?;
    let found = query::paths(graph, from, to, &options);
    if found.paths.is_empty() {
        let within = options
            .max_hops
            .map(|n| format!(" within {}", count(n, "hop")))
            .unwrap_or_default();
        let hint = if args.search.undirected {
            ""
        } else {
            "; relations are followed in their direction: try --undirected, or swap FROM and TO"
        };
        bail!(
            "no path from {} to {}{within}{hint}",
            graph.company(from).name,
            graph.company(to).name
        );
    }
    Ok(Diagram::from_paths(
        graph,
        from,
        to,
        &found,
        &options.filter,
        args.context,
    ))
}

/// Runs Graphviz's `dot` on what `dot` writes, returning what Graphviz writes. Its warnings
/// are passed on to standard error.
fn render(
    dot: impl FnOnce(&mut dyn Write) -> std::io::Result<()> + Send,
    format: Format,
) -> anyhow::Result<Vec<u8>> {
    let mut command = Command::new("dot");
    command
        .arg(format!("-T{}", format.as_str()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    die_with_parent(&mut command);
    let spawned = command.spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => bail!(
            "--render needs Graphviz's `dot`, which is not installed or not on the PATH; install it (`apt-get install graphviz`, `brew install graphviz`, or see https://graphviz.org/download/), or leave out --render to write DOT, which needs no Graphviz"
        ),
        Err(err) => return Err(err).context("cannot run Graphviz's `dot`"),
    };
    let stdin = child.stdin.take().expect("stdin is piped");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    // Feed and drain on threads, so a large diagram cannot fill a pipe and stall `dot`.
    let (written, image, errors) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            let mut stdin = BufWriter::new(stdin);
            dot(&mut stdin)?;
            stdin.flush()
        });
        let errors = scope.spawn(move || {
            let mut text = String::new();
            stderr.read_to_string(&mut text).map(|_| text)
        });
        let mut image = Vec::new();
        let read = stdout.read_to_end(&mut image).map(|_| image);
        (
            writer.join().expect("the writing thread does not panic"),
            read,
            errors.join().expect("the reading thread does not panic"),
        )
    });
    let status = child.wait().context("cannot wait for Graphviz's `dot`")?;
    let errors = errors.context("cannot read what Graphviz's `dot` reports")?;
    if !status.success() {
        bail!("Graphviz's `dot` failed ({status}): {}", errors.trim());
    }
    written.context("cannot send the diagram to Graphviz's `dot`")?;
    let image = image.context("cannot read what Graphviz's `dot` rendered")?;
    if !errors.trim().is_empty() {
        eprint!("{errors}");
    }
    Ok(image)
}

/// Asks the system to kill the child when dealgraph dies, so a killed `dealgraph dot --render`
/// leaves no `dot` running.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn die_with_parent(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs in the child between fork and exec, where only async-signal-safe
    // calls are allowed; it makes one system call (prctl) and allocates nothing.
    unsafe {
        command.pre_exec(|| {
            rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL))
                .map_err(std::io::Error::from)
        });
    }
}

/// Elsewhere the child outlives a killed parent until it reads the end of its input.
#[cfg(not(target_os = "linux"))]
fn die_with_parent(_: &mut Command) {}
