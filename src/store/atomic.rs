//! Atomic file replacement: a reader (or a crash) sees the old file or the new one, never a part.
//!
//! The bytes go to a temporary file in the same folder (a rename is only atomic within one file
//! system), which is flushed to disk before it is renamed over the target; then the folder is
//! flushed so the rename itself survives a power cut. Temporary files are named
//! `.<target>.tmp-<pid>-<n>`, so those a killed writer leaves behind can be recognised and removed.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// What every temporary file name contains, after the target's name.
const TEMP_MARK: &str = ".tmp-";

/// Replaces `path` with `bytes` atomically (see the module documentation).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// Like [`write_atomic`], with the content written by `fill`; an error from `fill` leaves the
/// target untouched and removes the temporary file.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let temp = write_temp(path, fill)?;
    if let Err(e) = fs::rename(&temp, path) {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    sync_dir(parent_of(path));
    Ok(())
}

/// Writes `bytes` to `path` atomically only if `path` does not exist yet; if it does, fails with
/// [`io::ErrorKind::AlreadyExists`] and leaves it alone.
pub fn write_atomic_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, |f| f.write_all(bytes))?;
    // A hard link never replaces an existing file, so two adders cannot overwrite each other.
    let linked = fs::hard_link(&temp, path);
    let result = match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // Some file systems (FAT, some network shares) have no hard links: check, then rename.
        // This leaves a small race with another adder, which only such file systems have.
        Err(_) if path.symlink_metadata().is_ok() => {
            Err(io::Error::from(io::ErrorKind::AlreadyExists))
        }
        Err(_) => fs::rename(&temp, path),
    };
    let _ = fs::remove_file(&temp);
    if result.is_ok() {
        sync_dir(parent_of(path));
    }
    result
}

/// Creates, fills and flushes a new temporary file beside `path`; removes it on any failure.
fn write_temp(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = parent_of(path).join(format!(
        "{}{}-{n}",
        temp_prefix(&name.to_string_lossy()),
        std::process::id()
    ));
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)?;
    let written = fill(&mut file).and_then(|()| file.sync_all());
    if let Err(e) = written {
        drop(file);
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    Ok(temp)
}

/// The folder a path is in; `.` for a bare file name.
pub(crate) fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Flushes a folder's entries so a rename in it is durable. Best effort: the data itself is
/// already safe, and some platforms and file systems cannot open or flush a folder.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The most bytes of the target's name a temporary name repeats: with the dot, the mark, a pid
/// and a counter it stays well inside the 255 bytes file systems allow, whatever the target's
/// name (which may itself be 255 bytes long).
const TEMP_NAME_BYTES: usize = 200;

/// The start of every temporary name for a target named `name`: `.<name, cut short>.tmp-`.
fn temp_prefix(name: &str) -> String {
    let mut end = name.len().min(TEMP_NAME_BYTES);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}{TEMP_MARK}", &name[..end])
}

/// Whether a file name is one of this module's temporary files.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.contains(TEMP_MARK)
}

/// Removes temporary files in `dir` left by killed writers (only those for the file named
/// `target`, when given) if at least `min_age` old; returns how many it removed.
///
/// A live writer's temporary file must not be removed under it: callers either hold the lock
/// that every writer of that file holds, and pass zero, or pass an age no write can take.
pub fn clean_stale_temps(dir: &Path, target: Option<&str>, min_age: Duration) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let for_target = target.is_none_or(|t| name.starts_with(&temp_prefix(t)));
        if !is_temp_name(&name) || !for_target {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let age = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .unwrap_or(Duration::ZERO);
        if meta.is_file() && age >= min_age && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::store::test_files as names;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["state.json"]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        write_atomic(&path, b"old content").unwrap();
        // A writer that fails half-way, as a full disk would.
        let err = write_atomic_with(&path, |w| {
            w.write_all(b"new con")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"))
        })
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read(&path).unwrap(), b"old content");
        assert_eq!(names(dir.path()), ["state.json"], "the temporary is gone");
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope").join("state.json");
        assert_eq!(
            write_atomic(&path, b"x").unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
    }

    #[test]
    fn write_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic_new(&path, b"first").unwrap();
        let err = write_atomic_new(&path, b"second").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"first");
        assert_eq!(names(dir.path()), ["a.json"]);
    }

    #[test]
    fn stale_temporaries_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            ".state.json.tmp-999-0",
            ".a.json.tmp-1-2",
            "state.json",
            ".hidden",
        ] {
            fs::write(dir.path().join(name), b"x").unwrap();
        }
        // Too young to be stale: a live writer may own them.
        assert_eq!(
            clean_stale_temps(dir.path(), None, Duration::from_secs(3600)),
            0
        );
        assert_eq!(
            clean_stale_temps(dir.path(), Some("state.json"), Duration::ZERO),
            1
        );
        assert_eq!(clean_stale_temps(dir.path(), None, Duration::ZERO), 1);
        assert_eq!(names(dir.path()), [".hidden", "state.json"]);
    }
}
