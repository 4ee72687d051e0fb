//! `newsdeck [PATH...]`: the full-screen reader in the terminal.

use std::path::PathBuf;

use super::{FAILED, OK, say_stderr, signal_exit, target};
use crate::app::{App, Stores};
use crate::theme::Theme;
use crate::tui::{self, Exit};

/// `newsdeck [PATH...]`: the full-screen reader. Messages go to stderr once the terminal is back.
pub fn run(paths: &[PathBuf], theme: &Theme) -> u8 {
    // The real size is set once the terminal is up; this only has to be a valid area.
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let app = match App::start(target(paths), Stores::open(true), area) {
        Ok(app) => app,
        Err(e) => {
            say_stderr(&format!("newsdeck: {e}"));
            return FAILED;
        }
    };
    match tui::run(app, *theme) {
        Ok(ended) => {
            if let Some(unsaved) = &ended.unsaved {
                // The screen is gone, so say it where the user will see it; quitting is then
                // not a success.
                say_stderr(&format!("newsdeck: {unsaved}"));
            }
            match ended.exit {
                Exit::Quit if ended.unsaved.is_some() => FAILED,
                Exit::Quit => OK,
                Exit::Signal(sig) => signal_exit(sig),
                Exit::Failed(e) => {
                    say_stderr(&format!("newsdeck: terminal input failed: {e}"));
                    FAILED
                }
            }
        }
        Err(e) => {
            say_stderr(&format!("newsdeck: terminal error: {e}"));
            FAILED
        }
    }
}
