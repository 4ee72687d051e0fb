//! Start-up for the two ways of running the reader: in the terminal, and headless (`snapshot`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::app::{App, Stores, Target};
use crate::cli::SnapshotArgs;
use crate::theme::Theme;
use crate::tui::{self, Exit};
use crate::{keys, snapshot};

fn target(paths: &[PathBuf]) -> Target {
    if paths.is_empty() {
        Target::Library
    } else {
        Target::Paths(paths.to_vec())
    }
}

/// `newsdeck [PATH...]`: the full-screen reader.
pub fn interactive(paths: &[PathBuf], theme: &Theme) -> ExitCode {
    // The real size is set once the terminal is up; this only has to be a valid area.
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let app = match App::start(target(paths), Stores::open(true), area) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("newsdeck: {e}");
            return ExitCode::from(1);
        }
    };
    match tui::run(app, *theme) {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Signal(sig)) => ExitCode::from(128u8.saturating_add(sig as u8)),
        Ok(Exit::Failed(e)) => {
            eprintln!("newsdeck: terminal input failed: {e}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("newsdeck: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

/// `newsdeck snapshot`: replay keys without a terminal and print the screen. Never writes files.
pub fn snapshot(args: &SnapshotArgs, theme: &Theme) -> ExitCode {
    let keys = match keys::parse(&args.keys) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("newsdeck: {e}");
            return ExitCode::from(2);
        }
    };
    let area = snapshot::area(args.width, args.height);
    let mut app = match App::start(target(&args.paths), Stores::open(false), area) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("newsdeck: {e}");
            return ExitCode::from(1);
        }
    };
    for key in &keys {
        let effects = app.key(key, crate::store::state::now_ms());
        if effects.contains(&crate::model::Effect::Quit) {
            break;
        }
    }
    let text = snapshot::to_text(&snapshot::render(&app, theme));
    // The process ends next: freeing a big digest piece by piece would only delay the exit.
    std::mem::forget(app);
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
