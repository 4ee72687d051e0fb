//! `newsdeck [PATH...]`: the full-screen reader in the terminal.

use super::{FAILED, OK, signal_exit};
use crate::app::{App, Stores, Target};
use crate::theme::Theme;
use crate::tui::{self, Exit};

/// `newsdeck [PATH...]`: the full-screen reader. Messages go to stderr once the terminal is back.
/// With `article`, the reader opens on that article of the one digest given.
pub fn run(target: Target, article: Option<&str>, theme: &Theme) -> u8 {
    // The real size is set once the terminal is up; this only has to be a valid area.
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let mut app = match App::start(target, Stores::open(true), area) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("newsdeck: {e}");
            return FAILED;
        }
    };
    // `E` saves articles where the user started newsdeck, as `curl -O` or `git clone` would.
    app.export_dir = Some(std::env::current_dir().unwrap_or_else(|_| ".".into()));
    if let Some(id) = article {
        // Before the first frame: the reader comes up on the article, not the first unread.
        app.open_article(id, crate::store::state::now_ms());
    }
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
