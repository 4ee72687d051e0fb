//! `newsdeck add FILE...`: copies valid digests into the library.

use std::io::Write;
use std::path::PathBuf;

use super::{FAILED, OK, say, with_home};
use crate::store::library::{AddOutcome, Library};
use crate::store::load::display_path;

/// `newsdeck add FILE...`: copies the valid digests into the library; 1 if any failed.
pub fn run(files: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> u8 {
    with_home(err, "nothing was added: ", |p, err| {
        add_to(&Library::new(p.library.clone()), files, out, err)
    })
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
                say(err, &e);
            }
        }
    }
    code
}
