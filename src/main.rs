//! The `newsdeck` binary: parse the command line and hand over to the library.

use std::io::{stderr, stdout};
use std::process::ExitCode;

use clap::Parser;
use newsdeck::cli::{Cli, Command};
use newsdeck::{check, commands, launch};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let theme = newsdeck::theme::Theme::from_env(cli.no_color);
    match cli.command {
        Some(Command::Check { files }) => {
            ExitCode::from(check::check(&files, &mut stdout().lock()))
        }
        Some(Command::Snapshot(args)) => launch::snapshot(&args, &theme),
        Some(Command::Add { files }) => {
            ExitCode::from(commands::add(&files, &mut stdout(), &mut stderr()))
        }
        Some(Command::List { paths }) => {
            ExitCode::from(commands::list(&paths, &mut stdout(), &mut stderr()))
        }
        Some(Command::Paths) => ExitCode::from(commands::paths(&mut stdout(), &mut stderr())),
        Some(Command::Merge { files }) => {
            ExitCode::from(commands::merge(&files, &mut stdout(), &mut stderr()))
        }
        None => launch::interactive(&cli.paths, &theme),
    }
}
