//! `dealgraph completions SHELL`: the shell's completion script, made by clap_complete from
//! the command line's own definition, so it never falls behind it.

use std::process::ExitCode;

use clap_complete::Shell;

/// Print the completion script for a shell. Load it, for example, with
/// `dealgraph completions bash > ~/.local/share/bash-completion/completions/dealgraph`,
/// `dealgraph completions zsh > "${fpath[1]}/_dealgraph"`, or
/// `dealgraph completions fish > ~/.config/fish/completions/dealgraph.fish`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    shell: Shell,
}

/// Prints the script.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut command = super::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "dealgraph", &mut script);
    super::output::stream(|out| out.write_all(&script))?;
    Ok(ExitCode::SUCCESS)
}
