//! `newsdeck show PATH[#ARTICLE-ID]`: prints one article, or every article of a digest, as text,
//! Markdown, HTML or format-v1 JSON (see [`crate::export`]).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::cli::ShowArgs;
use super::input::{self, Input};
use super::{FAILED, OK};
use crate::export::{self, DigestMeta, Item, TextOptions};
use crate::format::Digest;
use crate::model::digest::Article;
use crate::sanitize;
use crate::store::article_ref;
use crate::store::load::{self, LoadError, display_path};

/// At most this many ids are named when the one asked for is not there.
const MAX_IDS_NAMED: usize = 10;

/// The width `text` wraps to when neither `--width` nor a terminal says.
const DEFAULT_WIDTH: usize = 80;

/// `newsdeck show`: writes the article(s) to `out` (stdout); 1 when the file or the id is not there.
pub fn run(args: &ShowArgs, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let tty = std::io::stdout().is_terminal();
    // Piped output wraps to a fixed width, so what a script gets does not depend on the window.
    let width = args.width.map(usize::from).unwrap_or_else(|| {
        tty.then(|| crossterm::terminal::size().ok())
            .flatten()
            .map_or(DEFAULT_WIDTH, |(w, _)| usize::from(w))
    });
    let opts = TextOptions { width, styled: tty };
    show(args, opts, out, err)
}

/// [`run`] with the text layout decided and the writers given.
pub fn show(args: &ShowArgs, opts: TextOptions, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let (path, id_in_path) = target(&args.path);
    let id = args.article.clone().or(id_in_path);
    let digest = match open(&path) {
        Ok(d) => d,
        Err(e) => return fail(err, &e.to_string()),
    };
    let decode = |i: usize| {
        digest.article(i).map_err(|error| LoadError {
            path: path.clone(),
            error,
        })
    };
    let text = match &id {
        Some(id) => {
            let Some(i) = digest.entries.iter().position(|e| e.id.0 == *id) else {
                return fail(err, &unknown_id(&digest, &path, id));
            };
            match decode(i) {
                Ok(a) => {
                    let item = Item {
                        id: Some(&digest.entries[i].id),
                        article: &a,
                    };
                    export::render_article(args.format, item, opts)
                }
                Err(e) => return fail(err, &e.to_string()),
            }
        }
        None => {
            let articles: Result<Vec<Article>, LoadError> =
                (0..digest.entries.len()).map(decode).collect();
            let articles = match articles {
                Ok(a) => a,
                Err(e) => return fail(err, &e.to_string()),
            };
            let items: Vec<Item> = digest
                .entries
                .iter()
                .zip(&articles)
                .map(|(e, a)| Item {
                    id: Some(&e.id),
                    article: a,
                })
                .collect();
            export::render_digest(args.format, &meta(&digest), &items, opts)
        }
    };
    // A write error is noted by the caller's output, which turns it into the exit code.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    OK
}

/// The digest `arg` names and the article id it carries: `PATH#ID`, `-` (stdin), or `URL#ID`
/// (a fragment is never sent to a server, so after a URL's first `#` comes the article id).
fn target(arg: &Path) -> (PathBuf, Option<String>) {
    match (Input::from_arg(arg), arg.to_str()) {
        (Input::Url(_), Some(url)) => match url.split_once('#') {
            Some((url, id)) if !id.is_empty() => (PathBuf::from(url), Some(id.to_string())),
            _ => (PathBuf::from(url.trim_end_matches('#')), None),
        },
        (Input::Stdin, _) => (arg.to_path_buf(), None),
        _ => article_ref::split(arg),
    }
}

/// Loads the digest at `path`: a file through the loader, stdin or a URL read (capped) first,
/// as the reader and `check` read them.
fn open(path: &Path) -> Result<Digest, LoadError> {
    match Input::from_arg(path) {
        Input::Path(_) => load::load(path),
        stream => {
            let name = match stream {
                Input::Stdin => input::STDIN_NAME.to_string(),
                _ => display_path(path),
            };
            input::read(&stream).and_then(|s| load::parse_named(&name, s.bytes, s.url.as_deref()))
        }
    }
}

/// What the renderers need of the digest.
fn meta(d: &Digest) -> DigestMeta {
    DigestMeta {
        // Written back into JSON, the id keeps the copy's read marks and stars with the original's.
        id: d.key.own_id().map(str::to_string),
        title: d.title.clone(),
        published: d.published.clone(),
        source: d.source.clone(),
    }
}

/// "no article X in FILE; it has: a, b, ..." naming at most [`MAX_IDS_NAMED`] ids.
pub(crate) fn unknown_id(digest: &Digest, path: &std::path::Path, id: &str) -> String {
    let n = digest.entries.len();
    let named: Vec<String> = digest
        .entries
        .iter()
        .take(MAX_IDS_NAMED)
        .map(|e| sanitize::line(&e.id.0).into_owned())
        .collect();
    let more = match n.saturating_sub(MAX_IDS_NAMED) {
        0 => String::new(),
        k => format!(" and {k} more"),
    };
    let has = if n == 0 {
        "it has no articles".to_string()
    } else {
        format!("its ids are: {}{more}", named.join(", "))
    };
    format!(
        "no article \"{}\" in {}; {has}",
        sanitize::line(id),
        display_path(path)
    )
}

fn fail(err: &mut impl Write, message: &str) -> u8 {
    super::say(err, &format!("newsdeck: {message}"));
    FAILED
}
