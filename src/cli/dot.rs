//! `dealgraph dot`: the graph, or one answer, as a Graphviz diagram, optionally rendered.

use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context, bail};
use dealgraph::KnowledgeGraph;
use dealgraph::export::crowd::MAX_DRAWN;
use dealgraph::export::dot::write_dot;
use dealgraph::export::{DotOptions, EdgeLabels};

use super::output;
use super::select::SelectionArgs;

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
pub struct Args {
    #[command(flatten)]
    select: SelectionArgs,

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
    /// Draw at most N companies: past that, the most connected (and every highlighted one),
    /// with the rest gathered into "and N more" notes beside the company they hang on, and a
    /// note on standard error saying so.
    #[arg(long, help_heading = "Output", value_name = "N", default_value_t = MAX_DRAWN)]
    max_companies: usize,
    /// Render with Graphviz's `dot` to this format instead of writing DOT.
    #[arg(long, help_heading = "Output", value_enum, value_name = "FORMAT")]
    render: Option<Format>,
    /// Write to FILE instead of standard output; without --render, in the format its name
    /// says (.dot or .gv: DOT; .svg, .png, .pdf: rendered by Graphviz).
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
    let mut diagram = args.select.diagram(graph)?;
    if let Some(cut) = diagram.reduce(graph, args.max_companies) {
        eprintln!(
            "note: the diagram holds {} companies; it draws the {} most connected and gathers the other {} into \"and N more\" notes, leaving out {} of their relations (narrow the selection, or raise --max-companies)",
            cut.companies,
            cut.drawn,
            cut.companies - cut.drawn,
            cut.relations_left_out
        );
    }
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
    let render_as = match (args.render, &args.output) {
        (None, Some(path)) => format_of(path)?,
        (render, _) => render,
    };
    match (render_as, &args.output) {
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

/// The format a file name asks for when --render is not given: DOT for `.dot`, `.gv` or no
/// extension, the image for `.svg`, `.png` and `.pdf`; any other extension is refused rather
/// than filled with DOT text.
fn format_of(path: &std::path::Path) -> anyhow::Result<Option<Format>> {
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    Ok(match extension.as_deref() {
        None | Some("dot" | "gv") => None,
        Some("svg") => Some(Format::Svg),
        Some("png") => Some(Format::Png),
        Some("pdf") => Some(Format::Pdf),
        Some(other) => bail!(
            "cannot tell what to write into {}: `.{other}` is none of .dot, .gv, .svg, .png and .pdf; name the file so, or give --render",
            dealgraph::display::path(path)
        ),
    })
}
