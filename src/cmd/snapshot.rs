//! `newsdeck snapshot`: replay keys without a terminal and print the screen as text.
//!
//! The rendering itself is [`crate::snapshot`], which tests and the fuzzer use too.

use std::io::Write;

use super::cli::SnapshotArgs;
use super::{FAILED, OK, USAGE, reader_target, say, target};
use crate::app::{App, Stores};
use crate::config::Config;
use crate::theme::Theme;
use crate::{keys, snapshot};

/// `newsdeck snapshot`: replay keys without a terminal and print the screen. Never writes files.
/// `config` gives the keys the replay goes through and the settings.
pub fn run(
    args: &SnapshotArgs,
    config: &Config,
    theme: &Theme,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let keys = match keys::parse(&args.keys) {
        Ok(k) => k,
        Err(e) => {
            say(err, &format!("newsdeck: {e}"));
            return USAGE;
        }
    };
    let area = snapshot::area(args.width, args.height);
    let (paths, article) = match reader_target(&args.paths, args.article.as_deref()) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "newsdeck: {e}");
            return USAGE;
        }
    };
    let mut app = match App::start(target(&paths), Stores::open(false), area) {
        Ok(app) => app,
        Err(e) => {
            say(err, &format!("newsdeck: {e}"));
            return FAILED;
        }
    };
    app.configure(config);
    if let Some(id) = &article {
        app.open_article(id, crate::store::state::now_ms());
    }
    for key in &keys {
        let effects = app.key(key, crate::store::state::now_ms());
        if effects.contains(&crate::model::Effect::Quit) {
            break;
        }
    }
    let text = snapshot::to_text(&snapshot::render(&app, theme));
    // The process ends next: freeing a big digest piece by piece would only delay the exit.
    std::mem::forget(app);
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return FAILED;
    }
    OK
}
