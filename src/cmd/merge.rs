//! `newsdeck merge FILE...`: read marks from other copies of the state file.

use std::io::Write;
use std::path::PathBuf;

use super::{FAILED, OK, open_state, say, with_home};
use crate::store::index::IndexFile;
use crate::store::library::Library;
use crate::store::load::display_path;
use crate::store::paths::Paths;
use crate::store::state::StateStore;

/// `newsdeck merge FILE...`: merges read marks from other copies of the state file (per article,
/// the newer change wins) into this machine's state. Exit 1 if any file could not be merged.
pub fn run(files: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> u8 {
    with_home(err, "", |p, err| merge_into(p, files, out, err))
}

/// [`run`] into the state file under `p`. Only what was merged is claimed: with no file read,
/// nothing is saved and "merged into" is not printed.
pub fn merge_into(p: &Paths, files: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> u8 {
    let (mut store, mut state) = open_state(p, err);
    let mut code = OK;
    let mut merged = 0;
    for file in files {
        match StateStore::read_copy(file) {
            Ok(other) => {
                state.merge(&other);
                merged += 1;
                let n = other.len();
                say(
                    out,
                    &format!(
                        "{}: {n} mark{}",
                        display_path(file),
                        if n == 1 { "" } else { "s" }
                    ),
                );
            }
            Err(e) => {
                say(err, &format!("newsdeck: {e}"));
                code = FAILED;
            }
        }
    }
    if merged == 0 {
        say(
            err,
            "newsdeck: no state file could be read; nothing was merged",
        );
        return FAILED;
    }
    // Marks from version-1 files go to the library digest they belong to, where that is clear.
    let index = IndexFile::new(p.index_file());
    Library::with_index(p.library.clone(), index).migrate_legacy(&mut state);
    // `save` merges with the file once more under its lock, so a newsdeck running meanwhile
    // loses nothing either.
    match store.save(&state) {
        Ok(_) if store.can_save() => {
            let what = if code == OK {
                String::new()
            } else {
                format!("{merged} of {} files ", files.len())
            };
            say(
                out,
                &format!("merged {what}into {}", display_path(&p.state)),
            );
            code
        }
        Ok(_) => {
            say(
                err,
                &format!(
                    "newsdeck: {} cannot be written; nothing was merged",
                    display_path(&p.state)
                ),
            );
            FAILED
        }
        Err(e) => {
            say(err, &format!("newsdeck: {e}"));
            FAILED
        }
    }
}
