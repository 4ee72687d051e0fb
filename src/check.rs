//! `newsdeck check FILE...`: validates digest files and prints one line per file.
//!
//! Each file gets `FILE: ok, N articles` or `FILE:LINE:COLUMN: message` (`FILE: message` when the
//! problem has no position). Duplicate article ids do not make a file invalid, since the reader
//! still works, but they make read state ambiguous, so each is reported on a line of its own after
//! the file's ok line: `FILE: warning: duplicate id "x" at articles[3] and articles[7]`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::format;
use crate::model::digest::Digest;
use crate::store::load::{self, LoadError};

/// At most this many duplicate-id warnings per file; a generated digest can repeat thousands.
const MAX_WARNINGS: usize = 20;
/// At most this many article positions named in one warning.
const MAX_PLACES: usize = 5;

/// Checks `files`, writing one line per file (and per warning) to `out`; returns the exit code:
/// 0 when every file is valid, 1 otherwise (or when `out` cannot be written).
pub fn check(files: &[PathBuf], out: &mut impl Write) -> u8 {
    let mut all_ok = true;
    for file in files {
        match report(file, out) {
            Ok(ok) => all_ok &= ok,
            // A closed pipe (`newsdeck check ... | head`) must not pass for success.
            Err(_) => return 1,
        }
    }
    u8::from(!all_ok)
}

fn report(file: &Path, out: &mut impl Write) -> io::Result<bool> {
    let name = load::display_path(file);
    let digest = match load::load(file).and_then(|d| {
        d.validate().map_err(|error| LoadError {
            path: file.to_path_buf(),
            error,
        })?;
        Ok(d)
    }) {
        Ok(d) => d,
        Err(e) => {
            writeln!(out, "{e}")?;
            return Ok(false);
        }
    };
    let n = digest.entries.len();
    writeln!(
        out,
        "{name}: ok, {n} article{}",
        if n == 1 { "" } else { "s" }
    )?;
    for line in duplicate_warnings(&digest) {
        writeln!(out, "{name}: {line}")?;
    }
    Ok(true)
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
        assert_eq!(check(&[f], &mut Closed), 1);
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
