//! `dealgraph generate`: write a realistic random graph to a folder, all or nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use dealgraph::display;
use dealgraph::generate::{self, Params};

use super::folder::write_all_or_nothing;
use super::output;

/// The most relations `generate` makes: beyond this the files outgrow what a benchmark needs
/// and what the machines it runs on hold.
const MAX_RELATIONS: u64 = 20_000_000;

/// Generate a realistic random graph (investors, sectors, supply tiers, competitors, clauses)
/// into a folder, for benchmarks and load tests.
///
/// The files are written to a temporary folder beside DIR and renamed into place, so DIR holds
/// either the whole graph or what it held before.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many relations to generate, from 1 to 20,000,000 (about 5 GB of JSON); the graph
    /// has about a fifth as many companies.
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=MAX_RELATIONS))]
    relations: u64,
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
    let params = Params {
        relations: usize::try_from(args.relations)
            .context("--relations does not fit this machine")?,
        seed: args.seed,
    };
    let files = usize::try_from(args.files).context("--files does not fit this machine")?;
    let progress = super::progress::Progress::start("generating");
    let graph = generate::generate(&params);
    // Each file is serialized only when it is written, and dropped, to keep memory low.
    let parts = generate::split(&graph, files)
        .into_iter()
        .map(|part| (part.name(), part.to_json()));
    let bytes = write_all_or_nothing(&args.out, args.force, parts)?;
    drop(progress);
    output::text(&format!(
        "wrote {} companies and {} relations in {files} files ({bytes} bytes) to {}\n",
        graph.companies.len(),
        graph.relations.len(),
        display::path(&args.out)
    ))?;
    Ok(ExitCode::SUCCESS)
}
