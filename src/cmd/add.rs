//! `newsdeck add FILE|DIR|-|URL...`: copies valid digests (and feeds, converted) into the library.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::input::{self, Input};
use super::{FAILED, OK, say, with_home};
use crate::store::library::{AddOutcome, Library};
use crate::store::load::display_path;

/// `newsdeck add ...`: copies the valid digests into the library; 1 if any failed.
pub fn run(files: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> u8 {
    // Stdin can be read once: a second `-` would only find it empty.
    if files
        .iter()
        .filter(|f| Input::from_arg(f) == Input::Stdin)
        .count()
        > 1
    {
        say(
            err,
            "newsdeck: `-` (stdin) can be given once; nothing was added",
        );
        return super::USAGE;
    }
    with_home(err, "nothing was added: ", |p, err| {
        add_to(&Library::new(p.library.clone()), files, out, err)
    })
}

/// `newsdeck add` into the given library: each argument a file, a folder (its digest and feed
/// files, each added or refused on its own), `-` (stdin) or a URL.
pub fn add_to(
    library: &Library,
    files: &[PathBuf],
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let mut code = OK;
    for arg in files {
        let input = Input::from_arg(arg);
        let results: Vec<(PathBuf, Result<AddOutcome, String>)> = match &input {
            Input::Path(dir) if dir.is_dir() => match crate::store::listing::addable_files(dir) {
                Ok(found) if found.is_empty() => {
                    vec![(
                        dir.clone(),
                        Err(format!(
                            "{}: no digest or feed files (.json, .xml, .rss, .atom) in this folder; nothing was added",
                            display_path(dir)
                        )),
                    )]
                }
                Ok(found) => found
                    .into_iter()
                    .map(|f| {
                        let r = library.add(&f);
                        (f, r)
                    })
                    .collect(),
                Err(e) => vec![(dir.clone(), Err(e.to_string()))],
            },
            Input::Path(file) => vec![(file.clone(), library.add(file))],
            Input::Stdin | Input::Url(_) => {
                let result = input::read(&input)
                    .map_err(|e| e.to_string())
                    .and_then(|s| {
                        library.add_bytes(
                            &s.name,
                            &library_name(&s.name),
                            s.bytes,
                            s.url.as_deref(),
                        )
                    });
                let shown = match input {
                    Input::Stdin => PathBuf::from(input::STDIN_NAME),
                    _ => arg.clone(),
                };
                vec![(shown, result)]
            }
        };
        for (src, result) in results {
            if !report(&src, result, out, err) {
                code = FAILED;
            }
        }
    }
    code
}

/// What names downloaded or piped bytes in the library: a URL's last path segment (the
/// library adds `.json`), else its host; `stdin` for stdin.
fn library_name(name: &Path) -> PathBuf {
    let s = name.to_string_lossy();
    if !crate::url::is_web(&s) {
        return name.to_path_buf();
    }
    let rest = s.split_once("://").map_or(&*s, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let last = rest
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(rest);
    PathBuf::from(last)
}

/// Prints one add's outcome; false when it failed.
fn report(
    src: &Path,
    result: Result<AddOutcome, String>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> bool {
    let src = display_path(src);
    match result {
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
        Ok(AddOutcome::Replaced(dest)) => {
            let _ = writeln!(
                out,
                "{src}: replaced {} (a new version of the same digest; the old copy is in the trash)",
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
            say(err, &e);
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downloads_are_named_after_their_last_segment() {
        let name = |s: &str| library_name(Path::new(s)).to_string_lossy().into_owned();
        assert_eq!(name("https://x.org/a/feed.xml?x=1"), "feed.xml");
        assert_eq!(name("https://x.org/"), "x.org");
        assert_eq!(name("stdin"), "stdin");
    }
}
