//! `subscribe`, `unsubscribe`, `subscriptions`, `import` and `export`: the subscription list.

use std::io::Write;
use std::path::Path;

use super::{FAILED, OK, USAGE, say, with_home};
use crate::feed::opml::{self, OpmlFeed};
use crate::sanitize;
use crate::store::load::{self, display_path};
use crate::store::paths::Paths;
use crate::store::subscriptions::{Subscribed, Subscriptions};

/// Runs `f` on the user's subscription list, saving it afterwards when `f` says so.
fn with_subs<W: Write>(
    err: &mut W,
    save: bool,
    f: impl FnOnce(&mut Subscriptions, &mut W) -> u8,
) -> u8 {
    with_home(err, "", |p: &Paths, err| {
        let mut subs = match Subscriptions::load(&Subscriptions::file(p)) {
            Ok(s) => s,
            Err(e) => {
                say(err, &format!("newsdeck: {e}"));
                return FAILED;
            }
        };
        let code = f(&mut subs, err);
        if save
            && code != USAGE
            && let Err(e) = subs.save()
        {
            let _ = writeln!(
                err,
                "newsdeck: cannot save {} ({}); nothing was changed",
                display_path(&Subscriptions::file(p)),
                load::io_message(&e)
            );
            return FAILED;
        }
        code
    })
}

/// `newsdeck subscribe URL [--name NAME]`.
pub fn subscribe(url: &str, name: Option<&str>, out: &mut impl Write, err: &mut impl Write) -> u8 {
    if !crate::url::is_web(url) {
        let _ = writeln!(
            err,
            "newsdeck: {}: only http:// and https:// feeds can be subscribed to",
            sanitize::line(url)
        );
        return USAGE;
    }
    with_subs(err, true, |subs, _| {
        let what = match subs.subscribe(url, name) {
            Subscribed::Added => "subscribed to",
            Subscribed::AlreadyThere => "already subscribed to",
        };
        let _ = writeln!(out, "{what} {}", sanitize::line(url));
        OK
    })
}

/// `newsdeck unsubscribe URL|NAME`.
pub fn unsubscribe(key: &str, out: &mut impl Write, err: &mut impl Write) -> u8 {
    with_subs(err, true, |subs, err| {
        let gone = subs.unsubscribe(key);
        if gone.is_empty() {
            let _ = writeln!(
                err,
                "newsdeck: no subscription has the URL or name {}; see `newsdeck subscriptions`",
                sanitize::line(key)
            );
            return FAILED;
        }
        for s in gone {
            let _ = writeln!(out, "unsubscribed from {}", sanitize::line(&s.url));
        }
        OK
    })
}

/// `newsdeck subscriptions`: `URL\tNAME\tLAST FETCH\tLAST ERROR`, one line per feed.
pub fn list(out: &mut impl Write, err: &mut impl Write) -> u8 {
    with_subs(err, false, |subs, _| {
        for s in subs.list() {
            let field =
                |v: &Option<String>| sanitize::line(v.as_deref().unwrap_or("")).into_owned();
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}",
                sanitize::line(&s.url),
                field(&s.name),
                field(&s.last_fetched),
                field(&s.last_error)
            );
        }
        OK
    })
}

/// `newsdeck import FILE`: subscribes to every feed of an OPML file.
pub fn import(file: &Path, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let feeds = load::read_digest_bytes(file)
        .map_err(|e| e.to_string())
        .and_then(|bytes| opml::import(&bytes).map_err(|e| format!("{}: {e}", display_path(file))));
    let feeds = match feeds {
        Ok(f) => f,
        Err(e) => {
            say(err, &format!("newsdeck: {e}"));
            return FAILED;
        }
    };
    // The same rule as `subscribe`: a `javascript:` or `file:` outline is never stored.
    let (web, other): (Vec<&OpmlFeed>, Vec<&OpmlFeed>) =
        feeds.iter().partition(|f| crate::url::is_web(&f.url));
    for f in &other {
        let _ = writeln!(
            err,
            "{}: skipped {}: only http:// and https:// feeds can be subscribed to",
            display_path(file),
            sanitize::line(&f.url)
        );
    }
    with_subs(err, true, |subs, _| {
        let added = web
            .iter()
            .filter(|f| subs.subscribe(&f.url, f.name.as_deref()) == Subscribed::Added)
            .count();
        let _ = writeln!(
            out,
            "{}: {} feeds, {added} new subscriptions",
            display_path(file),
            web.len()
        );
        if other.is_empty() { OK } else { FAILED }
    })
}

/// `newsdeck export`: the subscriptions as OPML on stdout.
pub fn export(out: &mut impl Write, err: &mut impl Write) -> u8 {
    with_subs(err, false, |subs, err| {
        let feeds: Vec<OpmlFeed> = subs
            .list()
            .iter()
            .map(|s| OpmlFeed {
                url: s.url.clone(),
                name: s.name.clone(),
            })
            .collect();
        match opml::export(&feeds, "newsdeck subscriptions") {
            Ok(text) => {
                // Written by the opml crate: XML escapes markup; control characters go too.
                let _ = out.write_all(sanitize::block(&text).as_bytes());
                let _ = writeln!(out);
                OK
            }
            Err(e) => {
                say(err, &format!("newsdeck: {e}"));
                FAILED
            }
        }
    })
}
