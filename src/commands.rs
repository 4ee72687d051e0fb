//! The non-interactive subcommands `add`, `list` and `paths`: output goes to the given writers
//! and each returns its exit code (0 ok, 1 failure), so tests can run them without a process.
//!
//! Writes to `out` ignore errors: a closed pipe (`newsdeck list | head`) is not a failure.

use std::io::Write;
use std::path::PathBuf;

use crate::sanitize;
use crate::store::index::{INDEX_FILE, IndexFile};
use crate::store::library::{AddOutcome, Library};
use crate::store::listing::{LibraryItem, scan, scan_with_index};
use crate::store::load::display_path;
use crate::store::paths::Paths;
use crate::store::state::StateStore;

/// Exit code for success.
pub const OK: u8 = 0;
/// Exit code for failure.
pub const FAILED: u8 = 1;

/// `newsdeck paths`: prints `library: PATH`, `state: PATH` and `config: PATH`, one per line.
pub fn paths(out: &mut impl Write, err: &mut impl Write) -> u8 {
    match Paths::resolve() {
        Ok(p) => print_paths(&p, out),
        Err(e) => {
            let _ = writeln!(err, "newsdeck: {e}");
            FAILED
        }
    }
}

/// `newsdeck merge FILE...`: merges read marks from other copies of the state file (per article,
/// the newer change wins) into this machine's state. Exit 1 if any file could not be merged.
pub fn merge(files: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> u8 {
    match Paths::resolve() {
        Ok(p) => merge_into(&p, files, out, err),
        Err(e) => {
            let _ = writeln!(err, "newsdeck: {e}");
            FAILED
        }
    }
}

/// [`merge`] into the state file under `p`.
pub fn merge_into(p: &Paths, files: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> u8 {
    let (mut store, mut state, warnings) = StateStore::open(&p.state);
    for w in warnings {
        let _ = writeln!(err, "newsdeck: {w}");
    }
    let mut code = OK;
    for file in files {
        match StateStore::read_copy(file) {
            Ok(other) => {
                state.merge(&other);
                let n = other.len();
                let _ = writeln!(
                    out,
                    "{}: {n} mark{}",
                    display_path(file),
                    if n == 1 { "" } else { "s" }
                );
            }
            Err(e) => {
                let _ = writeln!(err, "newsdeck: {e}");
                code = FAILED;
            }
        }
    }
    // `save` merges with the file once more under its lock, so a newsdeck running meanwhile
    // loses nothing either.
    match store.save(&state) {
        Ok(_) if store.can_save() => {
            let _ = writeln!(out, "merged into {}", display_path(&p.state));
            code
        }
        Ok(_) => {
            let _ = writeln!(
                err,
                "newsdeck: {} cannot be written; nothing was merged",
                display_path(&p.state)
            );
            FAILED
        }
        Err(e) => {
            let _ = writeln!(err, "newsdeck: {e}");
            FAILED
        }
    }
}

/// Prints the locations in `p` as `newsdeck paths` does.
pub fn print_paths(p: &Paths, out: &mut impl Write) -> u8 {
    let _ = writeln!(out, "library: {}", display_path(&p.library));
    let _ = writeln!(out, "state: {}", display_path(&p.state));
    let _ = writeln!(out, "config: {}", display_path(&p.config));
    OK
}

/// `newsdeck add FILE...`: copies the valid digests into the library; 1 if any failed.
pub fn add(files: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> u8 {
    match Paths::resolve() {
        Ok(p) => add_to(&Library::new(p.library), files, out, err),
        Err(e) => {
            let _ = writeln!(err, "newsdeck: nothing was added: {e}");
            FAILED
        }
    }
}

/// `newsdeck add` into the given library.
pub fn add_to(
    library: &Library,
    files: &[PathBuf],
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let mut code = OK;
    for file in files {
        let src = display_path(file);
        match library.add(file) {
            Ok(AddOutcome::Added(dest)) => {
                let _ = writeln!(out, "{src}: added as {}", display_path(&dest));
            }
            Ok(AddOutcome::AddedAs(dest)) => {
                let _ = writeln!(
                    out,
                    "{src}: added as {} (the library has a different digest of that name)",
                    display_path(&dest)
                );
            }
            Ok(AddOutcome::AlreadyPresent(dest)) => {
                let _ = writeln!(
                    out,
                    "{src}: already in the library as {}",
                    display_path(&dest)
                );
            }
            Err(e) => {
                code = FAILED;
                let _ = writeln!(err, "{e}");
            }
        }
    }
    code
}

/// `newsdeck list [PATH...]`: one line per digest, `unread\ttotal\ttitle\tpath`, newest first;
/// 1 if any file is invalid (listed as `-\t-\tinvalid: ERROR\tpath`).
pub fn list(targets: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> u8 {
    match Paths::resolve() {
        Ok(p) => list_with(&p, targets, out, err),
        Err(e) if targets.is_empty() => {
            let _ = writeln!(err, "newsdeck: cannot find the library: {e}");
            FAILED
        }
        Err(e) => {
            let _ = writeln!(err, "newsdeck: counting every article unread: {e}");
            print_items(&scan(targets), &Default::default(), out)
        }
    }
}

/// `newsdeck list` with the locations in `p`.
pub fn list_with(p: &Paths, targets: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> u8 {
    let (_, state, warnings) = StateStore::open(&p.state);
    for w in warnings {
        let _ = writeln!(err, "newsdeck: {w}");
    }
    // The index makes listing a big library fast; it is a cache, so it is written freely.
    let index = IndexFile::new(p.cache.join(INDEX_FILE));
    let items = if targets.is_empty() {
        let items = Library::with_index(p.library.clone(), index).list();
        if items.is_empty() {
            let _ = writeln!(
                err,
                "newsdeck: the library {} is empty; add digests with `newsdeck add FILE`",
                display_path(&p.library)
            );
        }
        items
    } else {
        scan_with_index(targets, Some(&index)).0
    };
    print_items(&items, &state, out)
}

fn print_items(
    items: &[LibraryItem],
    state: &crate::model::read_state::ReadState,
    out: &mut impl Write,
) -> u8 {
    let mut code = OK;
    for item in items {
        let path = display_path(&item.path);
        match &item.error {
            None => {
                let unread = state.unread_count(item.ids.iter());
                let total = item.ids.len();
                let _ = writeln!(out, "{unread}\t{total}\t{}\t{path}", item.title);
            }
            Some(e) => {
                code = FAILED;
                // Error text can quote the file's content, which is untrusted.
                let why = sanitize::line(&e.error.to_string()).into_owned();
                let _ = writeln!(out, "-\t-\tinvalid: {why}\t{path}");
            }
        }
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn list_counts_unread_from_the_state_file() {
        let tmp = tempfile::tempdir().unwrap();
        let p = Paths::under(tmp.path());
        let src = tmp.path().join("d.json");
        fs::write(
            &src,
            r#"{"title": "T\tab", "articles": [{"id": "a", "headline": "A"}, {"id": "b", "headline": "B"}]}"#,
        )
        .unwrap();
        let lib = Library::new(p.library.clone());
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(add_to(&lib, &[src], &mut out, &mut err), OK);
        let (mut store, mut state, _) = StateStore::open(&p.state);
        state.set(&crate::model::digest::ArticleId("a".into()), true, 1);
        store.save(&state).unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(list_with(&p, &[], &mut out, &mut err), OK);
        let out = String::from_utf8(out).unwrap();
        let lib_file = display_path(&p.library.join("d.json"));
        assert_eq!(out, format!("1\t2\tT ab\t{lib_file}\n"));
        assert!(err.is_empty());
    }

    #[test]
    fn print_paths_prints_three_lines() {
        let mut out = Vec::new();
        print_paths(&Paths::under(std::path::Path::new("/r")), &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "library: /r/data/digests\nstate: /r/state/state.json\nconfig: /r/config\n"
        );
    }
}
