//! `newsdeck [PATH...]`: the full-screen reader in the terminal.

use std::path::PathBuf;

use super::input::{self, Input};
use super::{FAILED, OK, USAGE, signal_exit, target};
use crate::app::{App, Stores};
use crate::store::load;
use crate::theme::Theme;
use crate::tui::{self, Exit};

/// `newsdeck [PATH...]`: the full-screen reader. Messages go to stderr once the terminal is back.
pub fn run(paths: &[PathBuf], theme: &Theme) -> u8 {
    // The real size is set once the terminal is up; this only has to be a valid area.
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
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
                Ok(App::start_memory(name, digest, Stores::open(true), area))
            })
        }
        many if many.iter().any(|p| Input::is_stream(p)) => {
            eprintln!("newsdeck: `-` and URLs open on their own: give one, without other paths");
            return USAGE;
        }
        _ => App::start(target(paths), Stores::open(true), area),
    };
    let app = match started {
        Ok(app) => app,
        Err(e) => {
            eprintln!("newsdeck: {e}");
            return FAILED;
        }
    };
    match tui::run(app, *theme) {
        Ok(Exit::Quit) => OK,
        Ok(Exit::Signal(sig)) => signal_exit(sig),
        Ok(Exit::Failed(e)) => {
            eprintln!("newsdeck: terminal input failed: {e}");
            FAILED
        }
        Err(e) => {
            eprintln!("newsdeck: terminal error: {e}");
            FAILED
        }
    }
}
