use std::process::ExitCode;

use clap::Parser;
use newsdeck::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { files }) => ExitCode::from(newsdeck::check::check(
            &files,
            &mut std::io::stdout().lock(),
        )),
        _ => ExitCode::SUCCESS,
    }
}
