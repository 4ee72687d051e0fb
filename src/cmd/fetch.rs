//! `newsdeck fetch`: refreshes every subscription into the library.

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressStyle};

use super::{FAILED, OK, say, with_home};
use crate::net::Options;
use crate::net::fetch::{self, FeedOutcome, Outcome};
use crate::sanitize;
use crate::store::load::{display_path, io_message};
use crate::store::subscriptions::Subscriptions;

/// `newsdeck fetch`: downloads every subscription (a few at a time), writes the library files
/// and the subscription list, and ends with a one-line summary; 1 if any feed failed.
pub fn run(out: &mut impl Write, err: &mut impl Write) -> u8 {
    with_home(err, "nothing was fetched: ", |p, err| {
        let file = Subscriptions::file(p);
        let mut subs = match Subscriptions::load(&file) {
            Ok(s) => s,
            Err(e) => {
                say(err, &format!("newsdeck: {e}"));
                return FAILED;
            }
        };
        if subs.list().is_empty() {
            let _ = writeln!(
                out,
                "no subscriptions yet: add one with `newsdeck subscribe URL` or `newsdeck import FILE.opml`"
            );
            return OK;
        }
        // The bar is for a person watching; logs and pipes get the summary line only.
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(subs.list().len() as u64);
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} feeds {msg}") {
                bar.set_style(style);
            }
            bar
        });
        let on_done = |done: &FeedOutcome| {
            if let Some(bar) = &bar {
                bar.set_message(sanitize::line(&done.label).into_owned());
                bar.inc(1);
            }
        };
        let outcomes = fetch::fetch_all(
            &mut subs,
            &p.library,
            &Options::default(),
            fetch::DEFAULT_WORKERS,
            &on_done,
        );
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        let mut code = if outcomes
            .iter()
            .any(|o| matches!(o.outcome, Outcome::Failed(_)))
        {
            FAILED
        } else {
            OK
        };
        if let Err(e) = subs.save() {
            let _ = writeln!(
                err,
                "newsdeck: cannot save {} ({}); the next fetch downloads everything again",
                display_path(&file),
                io_message(&e)
            );
            code = FAILED;
        }
        let _ = writeln!(out, "{}", fetch::summary(&outcomes));
        code
    })
}
