//! `dealgraph init`: the built-in dataset as a graph folder to edit.

use std::path::PathBuf;
use std::process::ExitCode;

use dealgraph::display;
use dealgraph::format::count;

use super::folder::write_all_or_nothing;
use super::output;

/// Write the built-in dataset as a graph folder to start from, all or nothing. Refused when
/// DIR has files.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create (or an empty one to fill).
    dir: PathBuf,
    /// Make DIR an empty graph folder instead, for deals of your own to read beside the
    /// built-in dataset (`--graph builtin --graph DIR`).
    #[arg(long)]
    empty: bool,
}

/// Writes the folder.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.empty {
        write_all_or_nothing(&args.dir, false, std::iter::empty())?;
        output::text(&format!(
            "made the empty graph folder {}; add to it with --graph builtin --graph {}\n",
            display::path(&args.dir),
            args.dir.display()
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let texts = dealgraph::curated::texts();
    let files = texts.iter().map(|text| {
        let name = text
            .path
            .strip_prefix("graph")
            .unwrap_or(&text.path)
            .to_string_lossy()
            .into_owned();
        let contents = String::from_utf8_lossy(&text.bytes).into_owned();
        (name, contents)
    });
    write_all_or_nothing(&args.dir, false, files)?;
    output::text(&format!(
        "wrote {} of the built-in dataset to {}; edit it with --graph {}\n",
        count(texts.len(), "file"),
        display::path(&args.dir),
        args.dir.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
