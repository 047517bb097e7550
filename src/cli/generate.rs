//! `dealgraph generate`: write a realistic random graph to a folder, all or nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use dealgraph::generate::{self, Params};

use super::output;

/// Generate a realistic random graph (investors, sectors, supply tiers, competitors, clauses)
/// into a folder, for benchmarks and load tests.
///
/// The files are written to a temporary folder beside DIR and renamed into place, so DIR holds
/// either the whole graph or what it held before.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many relations to generate; the graph has about a fifth as many companies.
    #[arg(long, value_name = "N")]
    relations: usize,
    /// The random seed: the same seed gives the same files.
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,
    /// How many files to split the graph into.
    #[arg(long, value_name = "K", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    files: u32,
    /// The folder to write the graph to.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Replace DIR even when it is not empty.
    #[arg(long)]
    force: bool,
}

/// Generates the graph and moves it into place.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let out = &args.out;
    let existing = match fs::metadata(out) {
        Ok(meta) if !meta.is_dir() => bail!("{} exists and is not a folder", out.display()),
        Ok(_) => Some(is_empty(out)?),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", out.display())),
    };
    if existing == Some(false) && !args.force {
        bail!("{} is not empty; pass --force to replace it", out.display());
    }
    let params = Params {
        relations: args.relations,
        seed: args.seed,
    };
    let files = usize::try_from(args.files).context("--files does not fit this machine")?;
    let graph = generate::generate(&params);
    let staging = sibling(out, "tmp")?;
    let written = (|| {
        fs::create_dir(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
        let mut bytes = 0;
        // Each file is written as soon as it is serialized, and dropped, to keep memory low.
        for part in generate::split(&graph, files) {
            let path = staging.join(part.name());
            let text = part.to_json();
            bytes += text.len();
            fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        }
        replace(&staging, out, existing.is_some())?;
        Ok(bytes)
    })();
    let bytes = match written {
        Ok(bytes) => bytes,
        Err(err) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(err);
        }
    };
    output::text(&format!(
        "wrote {} companies and {} relations in {files} files ({bytes} bytes) to {}\n",
        graph.companies.len(),
        graph.relations.len(),
        out.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn is_empty(dir: &Path) -> anyhow::Result<bool> {
    let mut entries =
        fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    Ok(entries.next().is_none())
}

/// A fresh hidden path beside `path`, such as `.out.tmp-1234`, on the same file system so that
/// renaming it is atomic.
fn sibling(path: &Path, what: &str) -> anyhow::Result<PathBuf> {
    let name = path
        .file_name()
        .with_context(|| format!("{} names no folder", path.display()))?
        .to_string_lossy();
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let sibling = parent.join(format!(".{name}.{what}-{}", std::process::id()));
    if sibling.exists() {
        fs::remove_dir_all(&sibling)
            .with_context(|| format!("cannot remove the leftover {}", sibling.display()))?;
    }
    Ok(sibling)
}

/// Moves `staging` to `out`; an existing `out` is moved aside first and removed after.
fn replace(staging: &Path, out: &Path, exists: bool) -> anyhow::Result<()> {
    let rename = |from: &Path, to: &Path| {
        fs::rename(from, to)
            .with_context(|| format!("cannot move {} to {}", from.display(), to.display()))
    };
    if !exists {
        return rename(staging, out);
    }
    let old = sibling(out, "old")?;
    rename(out, &old)?;
    if let Err(err) = rename(staging, out) {
        let _ = fs::rename(&old, out);
        return Err(err);
    }
    fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))
}
