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
pub(crate) mod config;
pub(crate) mod docs;
pub(crate) mod fetch;
pub(crate) mod input;
pub mod list;
pub(crate) mod merge;
pub(crate) mod paths;
pub mod people;
pub(crate) mod read;
pub mod search;
pub(crate) mod show;
pub(crate) mod snapshot;
pub(crate) mod subs;
pub mod sync;

use std::io::{Write, stderr, stdout};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::app::Target;
use crate::model::lsearch::people::PeopleSort;
use crate::model::read_state::ReadState;
use crate::sanitize;
use crate::store::article_ref;
use crate::store::load;
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

/// Writes `text` and a line break to `w`, sanitised: messages quote file names, file content
/// and serde errors, none of which may put a control character or escape sequence on a terminal.
/// Errors are ignored: a closed pipe is not a failure of the command.
pub(crate) fn say(w: &mut impl Write, text: &str) {
    let _ = writeln!(w, "{}", sanitize::line(text));
}

/// [`say`] on stderr, for the reader, which has no writers of its own.
pub(crate) fn say_stderr(text: &str) {
    say(&mut stderr(), text);
}

/// Exit code after signal `sig` ended the reader: 128 + the signal number, as shells expect.
pub fn signal_exit(sig: i32) -> u8 {
    128u8.saturating_add(sig as u8)
}

/// The `newsdeck` program: parses the command line (exiting with [`USAGE`] on a bad one) and runs it.
pub fn run() -> ExitCode {
    if crate::terminal::bench_frame() == Some("empty") {
        // The start-up benchmark's baseline: the same binary and terminal set-up, nothing else.
        return ExitCode::from(match crate::tui::empty_frame() {
            Ok(()) => OK,
            Err(_) => FAILED,
        });
    }
    ExitCode::from(dispatch(Cli::from_env()))
}

/// Standard output that remembers its first write error, so a command whose output was lost
/// (a full disk, a closed pipe) does not report success.
struct Output<W: Write> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).inspect_err(|e| self.note(e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().inspect_err(|e| self.note(e))
    }
}

impl<W: Write> Output<W> {
    fn note(&mut self, e: &std::io::Error) {
        if self.error.is_none() {
            self.error = Some(std::io::Error::new(e.kind(), e.to_string()));
        }
    }

    /// The command's exit `code`, made a failure (and said on `err`) when output was lost.
    /// A reader that went away (`newsdeck list | head -1`) is not worth a message.
    fn finish(mut self, code: u8, err: &mut impl Write) -> u8 {
        let _ = self.flush();
        match self.error {
            None => code,
            Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code.max(FAILED),
            Some(e) => {
                let _ = writeln!(err, "newsdeck: cannot write the output: {e}");
                code.max(FAILED)
            }
        }
    }
}

/// Runs the parsed command line `cli` on stdout and stderr; returns the exit code.
pub fn dispatch(cli: Cli) -> u8 {
    let color = !Theme::no_color_wanted(cli.no_color);
    let (mut out, mut err) = (
        Output {
            // Not locked: the reader draws on stdout from the terminal loop while this is alive.
            inner: stdout(),
            error: None,
        },
        stderr(),
    );
    let code = dispatch_to(cli, color, &mut out, &mut err);
    out.finish(code, &mut err)
}

fn dispatch_to(cli: Cli, color: bool, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let flag = cli.config.as_deref();
    match cli.command {
        Some(Command::Check { files }) => check::run(&files, out),
        Some(Command::Snapshot(args)) => {
            let (config, errors) = user_config(flag);
            for e in &errors {
                let _ = writeln!(err, "newsdeck: {e}");
            }
            let theme = config.theme(color);
            snapshot::run(&args, &config, &theme, out, err)
        }
        Some(Command::Add { files }) => add::run(&files, out, err),
        Some(Command::List { trash: true, .. }) => list::run_trash(out, err),
        Some(Command::List { paths, starred, .. }) => list::run(&paths, starred, out, err),
        Some(Command::Show(args)) => show::run(&args, out, err),
        Some(Command::Paths) => paths::run(out, err),
        Some(Command::Merge { files }) => merge::run(&files, out, err),
        Some(Command::Search { query, json }) => search::run(&query, json, out, err),
        Some(Command::People { name, sort }) => {
            let sort = match sort.as_str() {
                "count" => PeopleSort::Count,
                "recent" => PeopleSort::Recent,
                _ => PeopleSort::Name,
            };
            people::run(&name, sort, out, err)
        }
        Some(Command::Sync { dir, device }) => {
            let (config, _) = user_config(flag);
            sync::run(dir, device, &config.settings, out, err)
        }
        Some(Command::Subscribe { url, name }) => subs::subscribe(&url, name.as_deref(), out, err),
        Some(Command::Unsubscribe { key }) => subs::unsubscribe(&key, out, err),
        Some(Command::Subscriptions) => subs::list(out, err),
        Some(Command::Import { file }) => subs::import(&file, out, err),
        Some(Command::Export) => subs::export(out, err),
        Some(Command::Fetch) => fetch::run(out, err),
        Some(Command::Config { action }) => config::run(action.as_ref(), flag, out, err),
        Some(Command::Completions { shell }) => docs::completions(shell, out),
        Some(Command::Man) => docs::man(out),
        Some(Command::Format) => docs::format(out),
        Some(Command::Help { topic }) => docs::help(topic.as_deref(), out, err),
        None => {
            if let Some(word) = read::unknown_word(&cli.paths) {
                let _ = writeln!(err, "newsdeck: {word}");
                return USAGE;
            }
            let (paths, article) = match reader_target(&cli.paths, cli.article.as_deref()) {
                Ok(t) => t,
                Err(e) => {
                    let _ = writeln!(err, "newsdeck: {e}");
                    return USAGE;
                }
            };
            let (config, errors) = user_config(flag);
            read::run(&paths, article.as_deref(), config, &errors, color)
        }
    }
}

/// The user's config (`--config FILE`, `$NEWSDECK_CONFIG` or the default place) and its errors.
/// A file named with `--config` must exist; elsewhere a missing file means the defaults.
fn user_config(
    flag: Option<&std::path::Path>,
) -> (crate::config::Config, Vec<crate::config::ConfigError>) {
    if let Some(f) = flag.filter(|f| !f.exists()) {
        let e = crate::config::ConfigError {
            file: crate::store::load::display_path(f),
            at: None,
            message: "no such file (given with --config); using the defaults".into(),
        };
        return (crate::config::Config::default(), vec![e]);
    }
    crate::config::resolve(flag)
}

/// Runs `f` with the user's locations and `err`; where there is no home for them, says so on
/// `err` after `newsdeck: ` and `what` (e.g. `"nothing was added: "`) and fails.
fn with_home<W: Write>(err: &mut W, what: &str, f: impl FnOnce(&Paths, &mut W) -> u8) -> u8 {
    match Paths::resolve() {
        Ok(p) => f(&p, err),
        Err(e) => {
            say(err, &format!("newsdeck: {what}{e}"));
            FAILED
        }
    }
}

/// Opens the read-state file under `p`, passing its warnings (a corrupt file set aside) to `err`.
fn open_state(p: &Paths, err: &mut impl Write) -> (StateStore, ReadState) {
    let (store, state, warnings) = StateStore::open(&p.state);
    for w in warnings {
        say(err, &format!("newsdeck: {w}"));
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

/// What the reader opens, and the article to open in it: `--article ID`, else `#ID` at the end
/// of the one path given (see [`article_ref::split`]). An id needs exactly one digest file.
fn reader_target(
    paths: &[PathBuf],
    article: Option<&str>,
) -> Result<(Vec<PathBuf>, Option<String>), String> {
    let (paths, ids): (Vec<PathBuf>, Vec<Option<String>>) =
        paths.iter().map(|p| article_ref::split(p)).unzip();
    let from_path = ids.into_iter().flatten().next();
    let id = article.map(str::to_string).or(from_path);
    if id.is_some() && (paths.len() != 1 || paths.iter().any(|p| load::is_folder(p))) {
        return Err("an article id (PATH#ID or --article) needs exactly one digest file".into());
    }
    Ok((paths, id))
}
