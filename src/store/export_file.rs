//! Writes an exported article (`E` in the reader) to a new file, never over an existing one.
//!
//! `<dir>/<stem>.md` is tried first, then `<stem>-2.md`, `<stem>-3.md`, ... Each name is opened
//! with `create_new`, which the file system checks and creates in one step, so two writers (two
//! newsdeck windows exporting the same article) each get their own file and neither overwrites
//! the other or anything the user already had. The file is not written atomically: it is a new
//! document, not state, and a failed write removes what it had started.

use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::load::{display_path, io_message};

/// How many numbered names are tried before giving up (a folder with 1,000 copies is a mistake).
const MAX_TRIES: usize = 1_000;

/// Why an export could not be written, with the file (or folder) it concerns.
#[derive(Debug)]
pub struct WriteError {
    /// The file that could not be written, or the folder when no name was free.
    pub path: PathBuf,
    /// What went wrong.
    pub error: io::Error,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            display_path(&self.path),
            io_message(&self.error)
        )
    }
}

impl std::error::Error for WriteError {}

/// Writes `content` to `<dir>/<stem>.md`, or the first free `<stem>-N.md`, and returns the path
/// written. `stem` must be a plain file-name stem (as `export::slug` makes): no separators, not
/// empty, not `.` or `..`.
pub fn write_new_md(dir: &Path, stem: &str, content: &str) -> Result<PathBuf, WriteError> {
    if stem.is_empty() || stem == "." || stem == ".." || stem.contains(['/', '\\', '\0']) {
        return Err(WriteError {
            path: dir.join(stem),
            error: io::Error::new(io::ErrorKind::InvalidInput, "not a file name"),
        });
    }
    for n in 1..=MAX_TRIES {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let path = dir.join(name);
        let mut file = match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(WriteError { path, error }),
        };
        return match file
            .write_all(content.as_bytes())
            .and_then(|()| file.sync_all())
        {
            Ok(()) => Ok(path),
            Err(error) => {
                // The file is ours (create_new made it), so a half-written one is removed.
                drop(file);
                let _ = fs::remove_file(&path);
                Err(WriteError { path, error })
            }
        };
    }
    Err(WriteError {
        path: dir.to_path_buf(),
        error: io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{stem}.md to {stem}-{MAX_TRIES}.md all exist; tidy the folder"),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_files;

    #[test]
    fn never_overwrites_and_numbers_from_two() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("note.md"), "mine").unwrap();
        let second = write_new_md(dir.path(), "note", "a").unwrap();
        let third = write_new_md(dir.path(), "note", "b").unwrap();
        assert_eq!(second, dir.path().join("note-2.md"));
        assert_eq!(third, dir.path().join("note-3.md"));
        assert_eq!(
            fs::read_to_string(dir.path().join("note.md")).unwrap(),
            "mine"
        );
        assert_eq!(fs::read_to_string(&second).unwrap(), "a");
        assert_eq!(fs::read_to_string(&third).unwrap(), "b");
        assert_eq!(
            test_files(dir.path()),
            ["note-2.md", "note-3.md", "note.md"]
        );
    }

    #[test]
    fn writes_the_plain_name_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_new_md(dir.path(), "fresh", "# Fresh\n").unwrap();
        assert_eq!(path, dir.path().join("fresh.md"));
        assert_eq!(fs::read_to_string(path).unwrap(), "# Fresh\n");
    }

    #[test]
    fn a_dangling_symlink_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&target, dir.path().join("x.md")).unwrap();
            let path = write_new_md(dir.path(), "x", "y").unwrap();
            assert_eq!(path, dir.path().join("x-2.md"));
            assert!(!target.exists(), "create_new wrote through the link");
        }
    }

    #[test]
    fn concurrent_writers_each_get_their_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|i| {
                    let d = dir.path();
                    s.spawn(move || write_new_md(d, "same", &i.to_string()).unwrap())
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut contents: Vec<String> = paths
            .iter()
            .map(|p| fs::read_to_string(p).unwrap())
            .collect();
        contents.sort();
        assert_eq!(contents, (0..8).map(|i| i.to_string()).collect::<Vec<_>>());
        assert_eq!(test_files(dir.path()).len(), 8);
    }

    #[test]
    fn refuses_stems_that_are_not_file_names() {
        let dir = tempfile::tempdir().unwrap();
        for stem in ["", ".", "..", "../x", "a/b", "a\\b"] {
            let e = write_new_md(dir.path(), stem, "x").unwrap_err();
            assert_eq!(e.error.kind(), io::ErrorKind::InvalidInput, "{stem:?}");
        }
        assert!(test_files(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_folder_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let e = write_new_md(&dir.path().join("gone"), "x", "y").unwrap_err();
        assert!(e.to_string().contains("gone/x.md: no such file"), "{e}");
    }
}
