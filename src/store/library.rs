//! The library folder, and listing digests in any folder: list, add, remove.
//!
//! Only visible `*.json` files count as digests; hidden files (including the temporary files of
//! an interrupted add) are skipped. Lists are sorted newest first: by the digest's `published`,
//! else by the file's modification time.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::format::{self, FormatError};
use crate::model::digest::ArticleId;
use crate::store::atomic;
use crate::store::load::{self, LoadError, display_path, io_message, title_from_path};

/// How old an add's temporary file must be before it counts as abandoned; an add takes moments.
const STALE_TEMP_AGE: Duration = Duration::from_secs(3600);

/// One digest file as a list shows it; `error` says why it could not be read.
#[derive(Debug, Clone)]
pub struct LibraryItem {
    /// The file.
    pub path: PathBuf,
    /// The digest's title, else one made from the file name.
    pub title: String,
    /// When the digest says it was published, as written.
    pub published: Option<String>,
    /// The identities of its articles, for unread counts.
    pub ids: Vec<ArticleId>,
    /// The file's modification time, when known.
    pub mtime: Option<SystemTime>,
    /// Why the file is not a valid digest, if it is not.
    pub error: Option<LoadError>,
}

/// What `add` did with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddOutcome {
    /// Copied into the library under its own name.
    Added(PathBuf),
    /// The library already holds a file with identical content, here.
    AlreadyPresent(PathBuf),
    /// Copied under a new name, because a different file has its name.
    AddedAs(PathBuf),
}

/// The library: a folder of digest files that newsdeck owns copies of.
#[derive(Debug, Clone)]
pub struct Library {
    dir: PathBuf,
}

impl Library {
    /// The library in folder `dir` (created on the first add).
    pub fn new(dir: PathBuf) -> Library {
        Library { dir }
    }

    /// The library's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The library's digests, newest first; a missing folder is an empty library, and one that
    /// cannot be read is a single item carrying the error.
    pub fn list(&self) -> Vec<LibraryItem> {
        let mut items: Vec<LibraryItem> = match digest_files(&self.dir) {
            Ok(files) => files.iter().map(|p| inspect(p)).collect(),
            Err(e) => vec![failed(
                &self.dir,
                format!("cannot read the library folder: {}", io_message(&e)),
            )],
        };
        sort_newest_first(&mut items);
        items
    }

    /// Validates `src` (as `check` does) and copies it into the library atomically.
    ///
    /// Identical content already in the library is not copied again; a different file with the
    /// same name is kept under a new name (`name-2.json`, ...). Errors name the file and say why.
    pub fn add(&self, src: &Path) -> Result<AddOutcome, String> {
        // Validate the very bytes that get copied, so a file changing meanwhile cannot slip in.
        let bytes = load::read_digest_bytes(src).map_err(|e| e.to_string())?;
        let invalid = |error: FormatError| {
            LoadError {
                path: src.to_path_buf(),
                error,
            }
            .to_string()
        };
        let digest = format::parse(&bytes, &title_from_path(src)).map_err(invalid)?;
        digest.validate().map_err(invalid)?;

        let cannot = |what: &str, e: &io::Error| {
            format!(
                "{}: cannot {what} the library {} ({}); nothing was added",
                display_path(src),
                display_path(&self.dir),
                io_message(e)
            )
        };
        fs::create_dir_all(&self.dir).map_err(|e| cannot("create", &e))?;
        atomic::clean_stale_temps(&self.dir, None, STALE_TEMP_AGE);
        let existing = digest_files(&self.dir).map_err(|e| cannot("read", &e))?;
        if let Some(same) = existing.iter().find(|p| same_content(p, &bytes)) {
            return Ok(AddOutcome::AlreadyPresent(same.clone()));
        }
        let (stem, plain) = library_name(src);
        for n in 1..=10_000u32 {
            let name = if n == 1 {
                plain.clone()
            } else {
                format!("{stem}-{n}.json")
            };
            let dest = self.dir.join(&name);
            match atomic::write_atomic_new(&dest, &bytes) {
                Ok(()) if n == 1 => return Ok(AddOutcome::Added(dest)),
                Ok(()) => return Ok(AddOutcome::AddedAs(dest)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(cannot("write to", &e)),
            }
        }
        Err(format!(
            "{}: the library already has too many files named like it; nothing was added",
            display_path(src)
        ))
    }

    /// Deletes a digest's copy from the library (read state is kept: it is keyed by article).
    pub fn remove(&self, path: &Path) -> Result<(), String> {
        // Only the library's own copies may be deleted, never a file the user opened elsewhere.
        let inside = path.parent() == Some(self.dir.as_path())
            && path
                .file_name()
                .is_some_and(|n| is_digest_name(&n.to_string_lossy()));
        if !inside {
            return Err(format!(
                "{}: not a digest in the library {}; nothing was removed",
                display_path(path),
                display_path(&self.dir)
            ));
        }
        fs::remove_file(path).map_err(|e| {
            format!(
                "{}: cannot remove it ({})",
                display_path(path),
                io_message(&e)
            )
        })
    }
}

/// The digests in the given files and folders (folders contribute their `*.json` files), newest
/// first. A path that cannot be read is listed with its error instead.
pub fn scan(paths: &[PathBuf]) -> Vec<LibraryItem> {
    let mut items = Vec::new();
    for path in paths {
        if path.is_dir() {
            match digest_files(path) {
                Ok(files) => items.extend(files.iter().map(|p| inspect(p))),
                Err(e) => items.push(failed(path, io_message(&e))),
            }
        } else {
            items.push(inspect(path));
        }
    }
    sort_newest_first(&mut items);
    items
}

/// Loads and validates one digest file into a list item.
pub fn inspect(path: &Path) -> LibraryItem {
    let mtime = fs::metadata(path).and_then(|m| m.modified()).ok();
    let loaded = load::load(path).and_then(|d| {
        d.validate().map_err(|error| LoadError {
            path: path.to_path_buf(),
            error,
        })?;
        Ok(d)
    });
    match loaded {
        Ok(d) => LibraryItem {
            path: path.to_path_buf(),
            title: d.title,
            published: d.published,
            ids: d.entries.into_iter().map(|e| e.id).collect(),
            mtime,
            error: None,
        },
        Err(e) => LibraryItem {
            mtime,
            error: Some(e),
            ..failed(path, String::new())
        },
    }
}

fn failed(path: &Path, message: String) -> LibraryItem {
    LibraryItem {
        path: path.to_path_buf(),
        title: title_from_path(path),
        published: None,
        ids: Vec::new(),
        mtime: None,
        error: Some(LoadError {
            path: path.to_path_buf(),
            error: FormatError::plain(message),
        }),
    }
}

/// Whether a file name is one the library lists: visible and ending in `.json`.
fn is_digest_name(name: &str) -> bool {
    !name.starts_with('.') && name.len() > ".json".len() && name.ends_with(".json")
}

/// The digest files directly in `dir`, sorted by name.
fn digest_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| is_digest_name(&e.file_name().to_string_lossy()))
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .map(|e| e.path())
        .collect();
    files.sort();
    Ok(files)
}

/// Whether the file at `path` holds exactly `bytes` (sizes first, to read little).
fn same_content(path: &Path, bytes: &[u8]) -> bool {
    fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|b| b == bytes)
}

/// The stem and file name a digest gets in the library: its own name, visible and ending in
/// `.json` so that listing finds it.
fn library_name(src: &Path) -> (String, String) {
    let name = src
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.trim_start_matches('.');
    let stem = name.strip_suffix(".json").unwrap_or(name);
    let stem = if stem.is_empty() { "digest" } else { stem };
    (stem.to_string(), format!("{stem}.json"))
}

/// Sorts newest first; items with no date at all go last; ties by path, so order is stable.
fn sort_newest_first(items: &mut [LibraryItem]) {
    items.sort_by(|a, b| {
        sort_key(b)
            .cmp(&sort_key(a))
            .then_with(|| a.path.cmp(&b.path))
    });
}

fn sort_key(item: &LibraryItem) -> Option<i64> {
    item.published
        .as_deref()
        .and_then(date_seconds)
        .or_else(|| {
            item.mtime
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map(|d| d.as_secs() as i64)
        })
}

/// Seconds since the epoch of an ISO 8601 `YYYY-MM-DD[THH:MM[:SS]]` prefix (offset ignored:
/// ordering digests needs no better than hours).
fn date_seconds(s: &str) -> Option<i64> {
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if s.get(4..5) != Some("-") || s.get(7..8) != Some("-") || !(1..=12).contains(&m) {
        return None;
    }
    let time = match s.get(10..11) {
        Some("T" | " ") => num(11..13).unwrap_or(0) * 3600 + num(14..16).unwrap_or(0) * 60,
        _ => 0,
    } + num(17..19).unwrap_or(0);
    // Days from civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400 + time)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(title: &str, published: &str, id: &str) -> String {
        format!(
            r#"{{"title": "{title}", "published": "{published}", "articles": [{{"id": "{id}", "headline": "H"}}]}}"#
        )
    }

    #[test]
    fn dates_order_like_time() {
        assert_eq!(date_seconds("1970-01-01"), Some(0));
        assert_eq!(date_seconds("2026-01-01"), Some(1_767_225_600));
        assert_eq!(
            date_seconds("2026-01-01T01:01:01Z"),
            Some(1_767_225_600 + 3661)
        );
        assert!(date_seconds("2025-12-31T23:00") < date_seconds("2026-01-01"));
        assert_eq!(date_seconds("yesterday"), None);
        assert_eq!(date_seconds("2025-13-01"), None);
    }

    #[test]
    fn add_list_remove() {
        let tmp = tempfile::tempdir().unwrap();
        let lib = Library::new(tmp.path().join("lib"));
        assert!(
            lib.list().is_empty(),
            "a missing folder is an empty library"
        );
        let src = tmp.path().join("news.json");
        fs::write(&src, digest("Old", "2025-01-01", "a")).unwrap();
        let added = lib.add(&src).unwrap();
        assert_eq!(added, AddOutcome::Added(lib.dir().join("news.json")));
        assert_eq!(
            lib.add(&src).unwrap(),
            AddOutcome::AlreadyPresent(lib.dir().join("news.json"))
        );
        let other = tmp.path().join("other").join("news.json");
        fs::create_dir(other.parent().unwrap()).unwrap();
        fs::write(&other, digest("New", "2026-01-01", "b")).unwrap();
        assert_eq!(
            lib.add(&other).unwrap(),
            AddOutcome::AddedAs(lib.dir().join("news-2.json"))
        );
        let titles: Vec<_> = lib.list().into_iter().map(|i| i.title).collect();
        assert_eq!(titles, ["New", "Old"]);
        lib.remove(&lib.dir().join("news.json")).unwrap();
        assert_eq!(lib.list().len(), 1);
        assert!(src.exists(), "the original is untouched");
        assert!(lib.remove(&src).is_err(), "files outside the library stay");
    }

    #[test]
    fn invalid_files_are_refused_and_listed_with_their_error() {
        let tmp = tempfile::tempdir().unwrap();
        let lib = Library::new(tmp.path().join("lib"));
        let bad = tmp.path().join("bad.json");
        fs::write(&bad, r#"{"articles": [{"headline": "H", "tags": 3}]}"#).unwrap();
        let err = lib.add(&bad).unwrap_err();
        assert!(err.contains("bad.json") && err.contains("tags"), "{err}");
        assert!(!lib.dir().exists(), "nothing was touched");
        let good = tmp.path().join("good.json");
        fs::write(&good, digest("Good", "2025-01-01", "a")).unwrap();
        let items = scan(&[tmp.path().to_path_buf(), tmp.path().join("missing.json")]);
        assert_eq!(items.len(), 3);
        assert_eq!(items.iter().filter(|i| i.error.is_some()).count(), 2);
        // The invalid file has no `published`, so its (current) mtime places it before 2025.
        let titles: Vec<_> = items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["bad", "Good", "missing"]);
    }

    #[test]
    fn hidden_and_non_json_files_are_not_digests() {
        let tmp = tempfile::tempdir().unwrap();
        for name in [".a.json.tmp-1-0", ".hidden.json", "notes.txt", "d.json"] {
            fs::write(tmp.path().join(name), digest("T", "2025-01-01", "a")).unwrap();
        }
        let items = Library::new(tmp.path().to_path_buf()).list();
        assert_eq!(items.len(), 1);
        assert!(items[0].path.ends_with("d.json"));
    }

    #[test]
    fn added_names_are_visible_json() {
        assert_eq!(library_name(Path::new("/x/.secret")).1, "secret.json");
        assert_eq!(library_name(Path::new("feed.txt")).1, "feed.txt.json");
        assert_eq!(library_name(Path::new("a.json")).0, "a");
        assert_eq!(library_name(Path::new("/x/...")).1, "digest.json");
    }
}
