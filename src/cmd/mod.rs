//! The subcommands: the command line ([`cli`]), dispatch, and the exit codes, in one place.
//!
//! Each subcommand has a file of its own with a `run` function that writes to the writers it is
//! given and returns its exit code, so tests can run it without a process. To add one: a variant
//! in [`cli::Command`], a file here with `pub fn run(..) -> u8`, and an arm in [`dispatch`].
//!
//! Writes to `out` ignore errors where a closed pipe (`newsdeck list | head`) is not a failure.

pub(crate) mod add;
pub mod check;
pub mod cli;
pub mod list;
pub(crate) mod merge;
pub(crate) mod paths;
pub mod people;
pub(crate) mod read;
pub mod search;
pub(crate) mod snapshot;
pub mod sync;

use std::io::{Write, stderr, stdout};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::app::Target;
use crate::model::lsearch::people::PeopleSort;
use crate::model::read_state::ReadState;
use crate::settings::Settings;
use crate::store::paths::Paths;
use crate::store::state::StateStore;
use crate::theme::Theme;
use cli::{Cli, Command};

/// Exit code for success.
pub const OK: u8 = 0;
/// Exit code for failure: a file that is invalid, cannot be read or cannot be written.
pub const FAILED: u8 = 1;
/// Exit code for a command line that makes no sense (clap uses it for its own errors too).
pub const USAGE: u8 = 2;

/// Exit code after signal `sig` ended the reader: 128 + the signal number, as shells expect.
pub fn signal_exit(sig: i32) -> u8 {
    128u8.saturating_add(sig as u8)
}

/// The `newsdeck` program: parses the command line (exiting with [`USAGE`] on a bad one) and runs it.
pub fn run() -> ExitCode {
    ExitCode::from(dispatch(Cli::parse()))
}

/// Runs the parsed command line `cli` on stdout and stderr; returns the exit code.
pub fn dispatch(cli: Cli) -> u8 {
    let theme = Theme::from_env(cli.no_color);
    let (mut out, mut err) = (stdout(), stderr());
    match cli.command {
        Some(Command::Check { files }) => check::run(&files, &mut out.lock()),
        Some(Command::Snapshot(args)) => snapshot::run(&args, &theme, &mut out.lock(), &mut err),
        Some(Command::Add { files }) => add::run(&files, &mut out, &mut err),
        Some(Command::List { paths }) => list::run(&paths, &mut out, &mut err),
        Some(Command::Paths) => paths::run(&mut out, &mut err),
        Some(Command::Merge { files }) => merge::run(&files, &mut out, &mut err),
        Some(Command::Search { query, json }) => search::run(&query, json, &mut out, &mut err),
        Some(Command::People { name, sort }) => {
            let sort = match sort.as_str() {
                "count" => PeopleSort::Count,
                "recent" => PeopleSort::Recent,
                _ => PeopleSort::Name,
            };
            people::run(&name, sort, &mut out, &mut err)
        }
        Some(Command::Sync { dir, device }) => {
            sync::run(dir, device, &Settings::default(), &mut out, &mut err)
        }
        None => read::run(&cli.paths, &theme),
    }
}

/// Runs `f` with the user's locations and `err`; where there is no home for them, says so on
/// `err` after `newsdeck: ` and `what` (e.g. `"nothing was added: "`) and fails.
fn with_home<W: Write>(err: &mut W, what: &str, f: impl FnOnce(&Paths, &mut W) -> u8) -> u8 {
    match Paths::resolve() {
        Ok(p) => f(&p, err),
        Err(e) => {
            let _ = writeln!(err, "newsdeck: {what}{e}");
            FAILED
        }
    }
}

/// Opens the read-state file under `p`, passing its warnings (a corrupt file set aside) to `err`.
fn open_state(p: &Paths, err: &mut impl Write) -> (StateStore, ReadState) {
    let (store, state, warnings) = StateStore::open(&p.state);
    for w in warnings {
        let _ = writeln!(err, "newsdeck: {w}");
    }
    (store, state)
}

/// What the reader opens: the given files and folders, or the library when there are none.
fn target(paths: &[PathBuf]) -> Target {
    if paths.is_empty() {
        Target::Library
    } else {
        Target::Paths(paths.to_vec())
    }
}
