//! `newsdeck check FILE...`: validates digest files and prints one line per file.
//!
//! Each file gets `FILE: ok, N articles` or `FILE:LINE:COLUMN: message` (`FILE: message` when the
//! problem has no position). Duplicate article ids do not make a file invalid, since the reader
//! still works, but they make read state ambiguous, so each is reported on a line of its own after
//! the file's ok line: `FILE: warning: duplicate id "x" at articles[3] and articles[7]`. Dates
//! that are not ISO 8601 (RFC 3339, see `date.rs`) are warned about the same way, since
//! they are shown as written and do not sort: `FILE: warning: articles[2]: "published" is not an ISO 8601 date: "Oct 27"`.
//! A digest with neither `id` nor `published` keys its read state by its file name, which a
//! rename loses: `FILE: warning: read state will follow the file name; give the digest an id or a date`.
//! A commentator whose `name` or `viewpoint` is empty (or only spaces) loads, but shows as a
//! blank row: `FILE: warning: articles[2].commentators[0]: "name" is empty`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::input::{self, Input};
use super::{FAILED, OK};
use crate::format::Digest;
use crate::store::load;
use crate::{date, format, sanitize};

/// At most this many duplicate-id warnings per file; a generated digest can repeat thousands.
const MAX_WARNINGS: usize = 20;
/// At most this many article positions named in one warning.
const MAX_PLACES: usize = 5;

/// Checks `files`, writing one line per file (and per warning) to `out`; returns the exit code:
/// 0 when every file is valid, 1 otherwise (or when `out` cannot be written).
pub fn run(files: &[PathBuf], out: &mut impl Write) -> u8 {
    let mut all_ok = true;
    for file in files {
        match report(file, out) {
            Ok(ok) => all_ok &= ok,
            // A closed pipe (`newsdeck check ... | head`) must not pass for success.
            Err(_) => return FAILED,
        }
    }
    if all_ok { OK } else { FAILED }
}

fn report(file: &Path, out: &mut impl Write) -> io::Result<bool> {
    let input = Input::from_arg(file);
    let name = match input {
        Input::Stdin => input::STDIN_NAME.to_string(),
        _ => load::display_path(file),
    };
    // `-` and URLs are read (stdin, capped) or downloaded first; files go through the loader.
    let loaded = match input {
        Input::Path(_) => load::load_valid(file),
        stream => {
            input::read(&stream).and_then(|s| load::parse_named(&name, s.bytes, s.url.as_deref()))
        }
    };
    let digest = match loaded {
        Ok(d) => d,
        Err(e) => {
            // Error text can quote the file's content, which is untrusted.
            writeln!(out, "{}", sanitize::line(&e.to_string()))?;
            return Ok(false);
        }
    };
    let n = digest.entries.len();
    writeln!(
        out,
        "{name}: ok, {n} article{}",
        if n == 1 { "" } else { "s" }
    )?;
    for line in identity_warning(&digest)
        .into_iter()
        .chain(duplicate_warnings(&digest))
        .chain(date_warnings(&digest))
        .chain(commentator_warnings(&digest))
    {
        writeln!(out, "{name}: {}", sanitize::line(&line))?;
    }
    Ok(true)
}

/// The warning for a digest whose read state is keyed by its file name (it has neither `id` nor
/// `published`): renaming the file would lose its marks.
fn identity_warning(digest: &Digest) -> Option<String> {
    digest.key.follows_file_name().then(|| {
        "warning: read state will follow the file name; give the digest an id or a date".to_string()
    })
}

/// One warning per `published` that is not a date by [`crate::date`]'s rule, at most
/// [`MAX_WARNINGS`].
fn date_warnings(digest: &Digest) -> Vec<String> {
    let digest_date = digest
        .published
        .as_deref()
        .map(|p| ("digest".to_string(), p));
    // `check` has validated every article, so decoding them again cannot fail here.
    let article_dates = (0..digest.entries.len()).filter_map(|i| {
        let published = digest.article(i).ok()?.published?;
        Some((format::article_label(digest.form, i), published))
    });
    let bad: Vec<(String, String)> = digest_date
        .map(|(label, p)| (label, p.to_string()))
        .into_iter()
        .chain(article_dates)
        .filter(|(_, p)| !date::is_valid(p))
        .collect();
    let mut lines: Vec<String> = bad
        .iter()
        .take(MAX_WARNINGS)
        .map(|(label, p)| {
            let shown: String = p.chars().take(40).collect();
            format!("warning: {label}: \"published\" is not an ISO 8601 date: \"{shown}\"")
        })
        .collect();
    if bad.len() > MAX_WARNINGS {
        lines.push(format!(
            "warning: {} more dates not shown",
            bad.len() - MAX_WARNINGS
        ));
    }
    lines
}

/// One warning per commentator `name` or `viewpoint` that is empty or only white space (a blank
/// row in the table), at most [`MAX_WARNINGS`].
fn commentator_warnings(digest: &Digest) -> Vec<String> {
    let mut bad: Vec<String> = Vec::new();
    for i in 0..digest.entries.len() {
        // `check` has validated every article, so decoding them again cannot fail here.
        let Ok(article) = digest.article(i) else {
            continue;
        };
        for (k, c) in article.commentators.iter().enumerate() {
            for (field, value) in [("name", &c.name), ("viewpoint", &c.viewpoint)] {
                if value.trim().is_empty() {
                    let label = format::article_label(digest.form, i);
                    bad.push(format!("{label}.commentators[{k}]: \"{field}\" is empty"));
                }
            }
        }
    }
    let mut lines: Vec<String> = bad
        .iter()
        .take(MAX_WARNINGS)
        .map(|b| format!("warning: {b}"))
        .collect();
    if bad.len() > MAX_WARNINGS {
        lines.push(format!(
            "warning: {} more empty commentator fields not shown",
            bad.len() - MAX_WARNINGS
        ));
    }
    lines
}

/// One warning per duplicated id, naming where it occurs, in first-seen order.
fn duplicate_warnings(digest: &Digest) -> Vec<String> {
    let dups = digest.duplicate_ids();
    let mut lines: Vec<String> = dups
        .iter()
        .take(MAX_WARNINGS)
        .map(|id| {
            let places: Vec<usize> = digest
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| &e.id == *id)
                .map(|(i, _)| i)
                .collect();
            let mut named: Vec<String> = places
                .iter()
                .take(MAX_PLACES)
                .map(|i| format::article_label(digest.form, *i))
                .collect();
            if places.len() > MAX_PLACES {
                named.push(format!("{} more", places.len() - MAX_PLACES));
            }
            let last = named.pop().unwrap_or_default();
            let list = if named.is_empty() {
                last
            } else {
                format!("{} and {last}", named.join(", "))
            };
            format!("warning: duplicate id \"{}\" at {list}", id.0)
        })
        .collect();
    if dups.len() > MAX_WARNINGS {
        lines.push(format!(
            "warning: {} more duplicate ids not shown",
            dups.len() - MAX_WARNINGS
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose reader has gone away, like a closed pipe.
    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn an_unwritable_output_is_a_failure() {
        let dir = tempfile::TempDir::new().unwrap();
        let f = dir.path().join("a.json");
        std::fs::write(&f, "[]").unwrap();
        assert_eq!(run(&[f], &mut Closed), FAILED);
    }

    #[test]
    fn dates_that_are_not_iso_are_warned_about() {
        let d = format::parse(
            br#"{"published": "yesterday", "articles": [{"headline": "a", "published": "2025-10-27"},
                {"headline": "b", "published": "Oct 27"}]}"#,
            "t",
        )
        .unwrap();
        assert_eq!(
            date_warnings(&d),
            [
                "warning: digest: \"published\" is not an ISO 8601 date: \"yesterday\"",
                "warning: articles[1]: \"published\" is not an ISO 8601 date: \"Oct 27\"",
            ]
        );
    }

    #[test]
    fn empty_commentator_names_and_viewpoints_are_warned_about() {
        let d = format::parse(
            br#"[{"headline": "a", "commentators": [{"name": "Ann", "viewpoint": "yes"},
                {"name": "", "viewpoint": "no"}, {"name": "Bo", "role": "", "viewpoint": " \n "}]}]"#,
            "t",
        )
        .unwrap();
        assert_eq!(
            commentator_warnings(&d),
            [
                "warning: [0].commentators[1]: \"name\" is empty",
                "warning: [0].commentators[2]: \"viewpoint\" is empty",
            ]
        );
    }

    #[test]
    fn many_empty_commentators_are_cut_short() {
        let c = r#"{"name": "", "viewpoint": ""}"#;
        let json = format!(
            r#"[{{"headline": "h", "commentators": [{}]}}]"#,
            [c; 11].join(",")
        );
        let d = format::parse(json.as_bytes(), "t").unwrap();
        let w = commentator_warnings(&d);
        assert_eq!(w.len(), MAX_WARNINGS + 1);
        assert_eq!(
            w[MAX_WARNINGS],
            "warning: 2 more empty commentator fields not shown"
        );
    }

    #[test]
    fn long_duplicate_lists_are_cut_short() {
        let json = format!("[{}]", [r#"{"headline": "h", "id": "same"}"#; 9].join(","));
        let d = format::parse(json.as_bytes(), "t").unwrap();
        assert_eq!(
            duplicate_warnings(&d),
            ["warning: duplicate id \"same\" at [0], [1], [2], [3], [4] and 4 more"]
        );
    }
}
