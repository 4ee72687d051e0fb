//! `newsdeck [PATH...]`: the full-screen reader in the terminal.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::CommandFactory;

use super::input::{self, Input};
use super::{FAILED, OK, USAGE, say_stderr, signal_exit, target};
use crate::app::{App, Stores};
use crate::config::{Config, ConfigError};
use crate::store::load;
use crate::tui::{self, Exit};

/// `newsdeck [PATH...]`: the full-screen reader. Messages go to stderr once the terminal is back.
/// Config `errors` show on the first screen and again on stderr at exit. With `article`, the
/// reader opens on that article of the one digest given.
pub fn run(
    paths: &[PathBuf],
    article: Option<&str>,
    config: Config,
    errors: &[ConfigError],
    color: bool,
) -> u8 {
    // The size the first frame will have: what opens is laid out once, at that size.
    let area = crate::terminal::first_area();
    let theme = config.theme(color);
    let mut app = match start(paths, &config, errors, area) {
        Ok(app) => app,
        Err(code) => return code,
    };
    app.configure(&config);
    // `E` saves articles where the user started newsdeck, as `curl -O` or `git clone` would.
    app.export_dir = Some(std::env::current_dir().unwrap_or_else(|_| ".".into()));
    if let Some(id) = article {
        // Before the first frame: the reader comes up on the article, not the first unread.
        app.open_article(id, crate::store::state::now_ms());
    }
    if let Some(first) = errors.first() {
        let more = match errors.len() {
            1 => String::new(),
            n => format!(" (and {} more: newsdeck config check)", n - 1),
        };
        // A warning that matters: it stays on screen, wrapped, until dismissed (and is said
        // again at exit below, with the others).
        app.model
            .warn_on_screen(format!("{first}{more}; using the defaults"));
    }
    // Checked once what was named has opened, so a wrong path is still the error said. The
    // screen would otherwise go, escape sequences and all, into a file or a pipe.
    if !std::io::stdout().is_terminal() {
        say_stderr(&format!(
            "newsdeck: standard output is not a terminal, and the reader draws on one; {NO_TERMINAL_HINT}"
        ));
        return FAILED;
    }
    let code = match tui::run(app, theme) {
        Ok(ended) => finish(&ended),
        Err(e) => {
            say_stderr(&format!(
                "newsdeck: cannot use the terminal: {e}; {NO_TERMINAL_HINT}"
            ));
            FAILED
        }
    };
    // The screen that showed them is gone: say them where they stay.
    for e in errors {
        say_stderr(&format!("newsdeck: {e}"));
    }
    code
}

/// The app on what the command line names, or the exit code once the reason (and the config
/// `errors`) are said.
fn start(
    paths: &[PathBuf],
    config: &Config,
    errors: &[ConfigError],
    area: ratatui::layout::Rect,
) -> Result<App, u8> {
    // Read state is shared through the sync folder when the settings name one.
    let stores = || Stores::open(true).with_sync(&config.settings);
    let started = match paths {
        // `-` and URLs are read before the terminal is taken: stdin is then done with, and the
        // terminal's keys come from /dev/tty (crossterm opens it when stdin is not a terminal).
        [one] if Input::is_stream(one) => {
            let input = Input::from_arg(one);
            input::read(&input).and_then(|s| {
                let name = match input {
                    Input::Stdin => input::STDIN_NAME.to_string(),
                    _ => load::display_path(&s.name),
                };
                let digest = load::parse_named(&name, s.bytes, s.url.as_deref())?;
                Ok(App::start_memory(name, digest, stores(), area))
            })
        }
        many if many.iter().any(|p| Input::is_stream(p)) => {
            say_stderr("newsdeck: `-` and URLs open on their own: give one, without other paths");
            return Err(USAGE);
        }
        // The library lists in the background: the screen never waits for thousands of files.
        _ => App::start_deferred(target(paths), stores(), area),
    };
    started.map_err(|e| {
        for e in errors {
            say_stderr(&format!("newsdeck: {e}"));
        }
        say_stderr(&format!("newsdeck: {e}"));
        FAILED
    })
}

/// What to do instead of the reader where there is no terminal to draw on.
const NO_TERMINAL_HINT: &str =
    "to print a digest, use newsdeck show FILE (or newsdeck snapshot FILE for the screen as text)";

/// Says what the session left to say now that the screen is gone; the exit code for how it
/// ended.
fn finish(ended: &tui::Ended) -> u8 {
    // Warnings shown on the screen stayed there until dismissed; the screen is gone, so say
    // them again where they stay.
    for w in ended
        .warnings
        .iter()
        .filter(|w| ended.unsaved.as_ref() != Some(*w))
    {
        say_stderr(&format!("newsdeck: {w}"));
    }
    if let Some(unsaved) = &ended.unsaved {
        // The screen is gone, so say it where the user will see it; quitting is then not a
        // success.
        say_stderr(&format!("newsdeck: {unsaved}"));
    }
    match &ended.exit {
        Exit::Quit if ended.unsaved.is_some() => FAILED,
        Exit::Quit => OK,
        Exit::Signal(sig) => signal_exit(*sig),
        Exit::Failed(e) => {
            say_stderr(&format!("newsdeck: terminal input failed: {e}"));
            FAILED
        }
    }
}

/// When the only thing on the command line is a word that is neither a file nor a subcommand
/// (`newsdeck bogus`), the message that says so; `None` lets the reader report the path.
pub fn unknown_word(paths: &[PathBuf]) -> Option<String> {
    let [one] = paths else { return None };
    let word = one.to_str()?;
    // `-` is stdin.
    if word == "-" || one.exists() || word.contains(std::path::MAIN_SEPARATOR) || word.contains('.')
    {
        return None;
    }
    let cmd = super::cli::Cli::command();
    let names = cmd.get_subcommands().map(|s| s.get_name());
    let hint = crate::config::did_you_mean(word, names);
    Some(format!(
        "{}: no such file or command{hint}; see newsdeck --help",
        crate::sanitize::line(word)
    ))
}
