use std::io::{stderr, stdout};
use std::process::ExitCode;

use clap::Parser;
use newsdeck::cli::{Cli, Command};
use newsdeck::store::load;
use newsdeck::{commands, launch};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let theme = newsdeck::theme::Theme::from_env(cli.no_color);
    match cli.command {
        Some(Command::Check { files }) => {
            let mut ok = true;
            for f in &files {
                match load::load(f).and_then(|d| {
                    d.validate().map_err(|error| load::LoadError {
                        path: f.clone(),
                        error,
                    })?;
                    Ok(d)
                }) {
                    Ok(d) => println!(
                        "{}: ok, {} articles",
                        load::display_path(f),
                        d.entries.len()
                    ),
                    Err(e) => {
                        ok = false;
                        println!("{e}");
                    }
                }
            }
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Some(Command::Snapshot(args)) => launch::snapshot(&args, &theme),
        None => launch::interactive(&cli.paths, &theme),
        Some(Command::Add { files }) => {
            ExitCode::from(commands::add(&files, &mut stdout(), &mut stderr()))
        }
        Some(Command::List { paths }) => {
            ExitCode::from(commands::list(&paths, &mut stdout(), &mut stderr()))
        }
        Some(Command::Paths) => ExitCode::from(commands::paths(&mut stdout(), &mut stderr())),
    }
}
