//! `newsdeck list [PATH...]`: the library's digests, or those in the given files and folders.

use std::io::Write;
use std::path::PathBuf;

use super::{FAILED, OK, open_state, say};
use crate::model::read_state::ReadState;
use crate::sanitize;
use crate::store::index::IndexFile;
use crate::store::library::Library;
use crate::store::listing::{self, LibraryItem, scan, scan_with_index};
use crate::store::load::display_path;
use crate::store::paths::Paths;
use crate::store::starred;

/// `newsdeck list [PATH...]`: one line per digest, `unread\ttotal\ttitle\tpath`, newest first;
/// 1 if any file is invalid (listed as `-\t-\tinvalid: ERROR\tpath`).
/// With `starred`, the starred articles instead (see [`starred_with`]).
pub fn run(targets: &[PathBuf], starred: bool, out: &mut impl Write, err: &mut impl Write) -> u8 {
    match Paths::resolve() {
        Ok(p) if starred => starred_with(&p, targets, out, err),
        Ok(p) => list_with(&p, targets, out, err),
        Err(e) if starred => {
            let _ = writeln!(err, "newsdeck: cannot find the read state: {e}");
            FAILED
        }
        Err(e) if targets.is_empty() => {
            say(err, &format!("newsdeck: cannot find the library: {e}"));
            FAILED
        }
        Err(e) => {
            say(
                err,
                &format!("newsdeck: counting every article unread: {e}"),
            );
            print_items(&scan(targets), &Default::default(), out)
        }
    }
}

/// `newsdeck list` with the locations in `p`.
pub fn list_with(p: &Paths, targets: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> u8 {
    let (items, state) = items_and_state(p, targets, err);
    print_items(&items, &state, out)
}

/// `newsdeck list --starred` with the locations in `p`: one line per starred article found in the
/// library (or in `targets`), newest star first: `path\tid\theadline`, so that `path#id` opens
/// it. Stars whose digest is not there are counted on `err`; 1 if a digest cannot be read again.
pub fn starred_with(
    p: &Paths,
    targets: &[PathBuf],
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let (items, state) = items_and_state(p, targets, err);
    let (found, missing) = starred::find(&state, &items);
    let mut code = OK;
    for s in found {
        let path = display_path(&s.path);
        let id = sanitize::line(&s.id.0).into_owned();
        match s.headline {
            Ok(h) => {
                let _ = writeln!(out, "{path}\t{id}\t{}", sanitize::line(&h));
            }
            Err(e) => {
                code = FAILED;
                let _ = writeln!(err, "newsdeck: {path}#{id}: {}", sanitize::line(&e));
            }
        }
    }
    if missing > 0 {
        let s = if missing == 1 { " is" } else { "s are" };
        let _ = writeln!(
            err,
            "newsdeck: {missing} starred article{s} in digests not found here"
        );
    }
    code
}

/// The digests to list and the read state (with version-1 marks migrated).
fn items_and_state(
    p: &Paths,
    targets: &[PathBuf],
    err: &mut impl Write,
) -> (Vec<LibraryItem>, ReadState) {
    let (_, mut state) = open_state(p, err);
    // The index makes listing a big library fast; it is a cache, so it is written freely.
    let index = IndexFile::new(p.index_file());
    let items = if targets.is_empty() {
        let items = Library::with_index(p.library.clone(), index).list();
        listing::migrate_legacy(&mut state, &items);
        if items.is_empty() {
            say(
                err,
                &format!(
                    "newsdeck: the library {} is empty; add digests with `newsdeck add FILE`",
                    display_path(&p.library)
                ),
            );
        }
        items
    } else {
        Library::with_index(p.library.clone(), index.clone()).migrate_legacy(&mut state);
        scan_with_index(targets, Some(&index)).0
    };
    (items, state)
}

/// `newsdeck list --trash`: one line per digest in the trash, `name\ttrashed-file`, newest first.
pub fn run_trash(out: &mut impl Write, err: &mut impl Write) -> u8 {
    match Paths::resolve() {
        Ok(p) => list_trash(&p, out, err),
        Err(e) => {
            let _ = writeln!(err, "newsdeck: cannot find the library: {e}");
            FAILED
        }
    }
}

/// `newsdeck list --trash` with the locations in `p`.
pub fn list_trash(p: &Paths, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let items = crate::store::trash::list(&p.library);
    if items.is_empty() {
        let _ = writeln!(
            err,
            "newsdeck: the trash {} is empty",
            display_path(&crate::store::trash::folder(&p.library))
        );
    }
    for (path, name) in items {
        // File names are the user's, but may hold anything: print them tamed.
        let name = sanitize::line(&name).into_owned();
        let _ = writeln!(out, "{name}\t{}", display_path(&path));
    }
    OK
}

fn print_items(items: &[LibraryItem], state: &ReadState, out: &mut impl Write) -> u8 {
    let mut code = OK;
    for item in items {
        let path = display_path(&item.path);
        match &item.error {
            None => {
                let unread = state.unread_in(&item.key, &item.ids);
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
    use crate::cmd::add::add_to;
    use crate::store::state::StateStore;
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
        let d = crate::model::digest::DigestKey::derive(None, Some("T\tab"), None, "d");
        state.set(&d, &crate::model::digest::ArticleId("a".into()), true, 1);
        store.save(&state).unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(list_with(&p, &[], &mut out, &mut err), OK);
        let out = String::from_utf8(out).unwrap();
        let lib_file = display_path(&p.library.join("d.json"));
        assert_eq!(out, format!("1\t2\tT ab\t{lib_file}\n"));
        assert!(err.is_empty());
    }
}
