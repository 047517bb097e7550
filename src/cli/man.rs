//! `dealgraph man`: the manual page, made by clap_mangen from the command line's definition.

use std::process::ExitCode;

/// Print the manual page (roff). Read it with `dealgraph man | man -l -`, or install it with
/// `dealgraph man > ~/.local/share/man/man1/dealgraph.1`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Prints the page.
pub fn run(_: Args) -> anyhow::Result<ExitCode> {
    let page = clap_mangen::Man::new(super::command());
    let mut roff = Vec::new();
    page.render(&mut roff)?;
    super::output::stream(|out| out.write_all(&roff))?;
    Ok(ExitCode::SUCCESS)
}
