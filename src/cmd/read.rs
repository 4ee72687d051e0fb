//! `newsdeck [PATH...]`: the full-screen reader in the terminal.

use std::path::PathBuf;

use super::{FAILED, OK, signal_exit, target};
use crate::app::{App, Stores};
use crate::settings::Settings;
use crate::theme::Theme;
use crate::tui::{self, Exit};

/// The reader's stores, sharing read state through the sync folder when the settings name one.
fn stores() -> Stores {
    // The settings are the defaults until the config file is read here (issue 14 needs only
    // `sync_dir` and `device` from them).
    Stores::open(true).with_sync(&Settings::default())
}

/// `newsdeck [PATH...]`: the full-screen reader. Messages go to stderr once the terminal is back.
pub fn run(paths: &[PathBuf], theme: &Theme) -> u8 {
    // The real size is set once the terminal is up; this only has to be a valid area.
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let app = match App::start(target(paths), stores(), area) {
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
