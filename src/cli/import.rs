//! `dealgraph import crunchbase`: Crunchbase's 2013 exports as a graph folder.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use dealgraph::GraphFile;
use dealgraph::display;
use dealgraph::import::crunchbase::{self, CrunchbaseFiles, NamedReader};
use walkdir::WalkDir;

use super::folder::write_all_or_nothing;
use super::output;

/// Import a dataset into the graph format.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    source: Source,
}

#[derive(Debug, clap::Subcommand)]
enum Source {
    /// Crunchbase's 2013 exports: companies and acquisitions (October 2013) and VC portfolios
    /// (June 2013), or the 2015 export, read by the mapping shipped for them (see
    /// --print-mapping). Writes companies.json, acquisitions.json and investments.json.
    Crunchbase(CrunchbaseArgs),
    Csv(super::import_csv::Args),
}

/// Where the export files are and where the graph goes.
#[derive(Debug, clap::Args)]
struct CrunchbaseArgs {
    /// A folder holding the files, found by name below it: crunchbase-companies.csv and
    /// crunchbase-acquisitions.csv (October 2013, the UTF-8 copies), or companies.csv and
    /// acquisitions.csv (2015); investments.csv (the June 2013 VC-portfolio pull or the 2015
    /// export, told apart by their first row) and investors.csv. Each is read by the names in
    /// its header where it has one; every file read or skipped is listed on standard error.
    #[arg(long, value_name = "DIR", required_unless_present = "print_mapping")]
    from: Option<PathBuf>,
    /// The folder to write the graph to; written all or nothing.
    #[arg(long, value_name = "DIR", required_unless_present = "print_mapping")]
    out: Option<PathBuf>,
    /// Print the mapping the import runs for the 2013 exports or the 2015 export, to read
    /// them (or files like them) with `import csv --mapping`, or to adapt.
    #[arg(long, value_name = "YEAR", value_parser = ["2013", "2015"], conflicts_with_all = ["from", "out"])]
    print_mapping: Option<String>,
    /// Replace DIR even when it is not empty.
    #[arg(long)]
    force: bool,
}

/// Runs the import.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let args = match args.source {
        Source::Crunchbase(args) => args,
        Source::Csv(args) => return super::import_csv::run(args),
    };
    let (from, out) = match (&args.print_mapping, args.from, args.out) {
        (Some(year), _, _) => {
            let text = if year == "2013" {
                crunchbase::MAPPING_2013
            } else {
                crunchbase::MAPPING_2015
            };
            output::text(text)?;
            return Ok(ExitCode::SUCCESS);
        }
        (None, Some(from), Some(out)) => (from, out),
        _ => bail!("give --from and --out, or --print-mapping"),
    };
    let csvs = csv_files(&from);
    let mut chosen: Vec<PathBuf> = Vec::new();
    let mut find = |names: &[&str]| {
        let found = names.iter().find_map(|name| pick(&csvs, name));
        if let Some(path) = &found {
            chosen.push(path.clone());
        }
        found.map(|path| open(&path)).transpose()
    };
    let files = CrunchbaseFiles {
        companies: find(&["crunchbase-companies.csv", "companies.csv"])?,
        acquisitions: find(&["crunchbase-acquisitions.csv", "acquisitions.csv"])?,
        investments: find(&["investments.csv"])?,
        investors: find(&["investors.csv"])?,
    };
    let found = [
        &files.companies,
        &files.acquisitions,
        &files.investments,
        &files.investors,
    ];
    if found.iter().all(|file| file.is_none()) {
        bail!(
            "{}: no Crunchbase export files below this folder (looked for crunchbase-companies.csv, crunchbase-acquisitions.csv, investments.csv and investors.csv)",
            display::path(&from)
        );
    }
    let progress = super::progress::Progress::start("importing");
    let imported = crunchbase::import(files);
    drop(progress);
    let (graph, summary) = imported?;
    let (companies, relations) = (graph.companies, graph.relations);
    let (acquisitions, investments): (Vec<_>, Vec<_>) = relations
        .into_iter()
        .partition(|r| r.kind == dealgraph::RelationKind::Acquisition);
    let parts = [
        (
            "companies.json",
            GraphFile {
                companies,
                relations: Vec::new(),
            },
        ),
        (
            "acquisitions.json",
            GraphFile {
                companies: Vec::new(),
                relations: acquisitions,
            },
        ),
        (
            "investments.json",
            GraphFile {
                companies: Vec::new(),
                relations: investments,
            },
        ),
    ];
    let files = parts
        .into_iter()
        .map(|(name, graph)| (name.to_owned(), to_json(&graph)));
    let bytes = write_all_or_nothing(&out, args.force, files)?;
    report_files(&csvs, &chosen, &summary.files);
    output::text(&format!(
        "imported {} companies ({} listed, {} named only in deals), {} acquisitions and {} investments ({} values kept under `extra`, {} blank rows skipped) into {} ({bytes} bytes)\n",
        summary.listed_companies + summary.added_companies,
        summary.listed_companies,
        summary.added_companies,
        summary.acquisitions,
        summary.investments,
        summary.kept_in_extra,
        summary.blank_rows,
        display::path(&out)
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// A graph file as pretty JSON with a final newline.
pub fn to_json(graph: &GraphFile) -> String {
    let mut text = serde_json::to_string_pretty(graph).expect("a graph always serializes");
    text.push('\n');
    text
}

/// Every `*.csv` file below `dir`, in sorted order.
fn csv_files(dir: &Path) -> Vec<PathBuf> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| {
            entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "csv")
        })
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// The first file with this name among `files`, preferring `utf8/` copies.
fn pick(files: &[PathBuf], name: &str) -> Option<PathBuf> {
    let mut found: Vec<&PathBuf> = files
        .iter()
        .filter(|path| path.file_name().is_some_and(|n| n == name))
        .collect();
    found.sort_by_key(|path| !path.components().any(|c| c.as_os_str() == "utf8"));
    found.first().map(|path| (*path).clone())
}

/// Says on standard error which files were read, as what, and which were skipped and why.
fn report_files(csvs: &[PathBuf], chosen: &[PathBuf], read: &[crunchbase::FileRead]) {
    for file in read {
        eprintln!(
            "read {}: {} rows, as {}",
            display::text(&file.file),
            file.rows,
            file.layout
        );
    }
    for path in csvs.iter().filter(|path| !chosen.contains(path)) {
        let name = path.file_name().unwrap_or_default();
        let copy_read = chosen.iter().any(|c| c.file_name() == Some(name));
        let why = if copy_read {
            "another copy of this file was read (the utf8/ one, where there is one)"
        } else {
            "not a file this import reads (it reads companies, acquisitions, investments and investors)"
        };
        eprintln!("skipped {}: {why}", display::path(path));
    }
}

fn open(path: &Path) -> anyhow::Result<NamedReader<'static>> {
    let file = File::open(path).with_context(|| format!("cannot read {}", display::path(path)))?;
    Ok(NamedReader::new(
        display::path(path).to_string(),
        BufReader::new(file),
    ))
}
