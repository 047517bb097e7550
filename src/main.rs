//! The `dealgraph` command: parse the arguments, run the command, report errors.

mod cli;

use std::process::ExitCode;

/// mimalloc serves the many short-lived strings of parsing a large graph markedly faster than
/// the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) if cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {}", cli::sanitized(&format!("{err:#}")));
            ExitCode::FAILURE
        }
    }
}
