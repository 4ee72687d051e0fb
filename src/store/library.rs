//! The library folder, and listing digests in any folder: list, add, remove.
//!
//! Only visible `*.json` files count as digests; hidden files (including the temporary files of
//! an interrupted add) are skipped. Lists are sorted newest first: by the digest's `published`,
//! else by the file's modification time.
//!
//! Listing can keep an index of what it found under the cache folder (see [`crate::store::index`]):
//! then only new and changed files are read, on every core, and the rest come from the index.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::format::{self, FormatError};
use crate::model::digest::ArticleId;
use crate::store::atomic;
use crate::store::index::{LibraryIndex, Stamp};
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

/// Where listing keeps its index file, and whether it may write it (never for `snapshot`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    /// The index file, e.g. `<cache>/library-index.json`.
    pub path: PathBuf,
    /// Whether listing may create or update it; if not, it is only read.
    pub write: bool,
}

impl IndexFile {
    /// An index at `path` that listing reads and keeps up to date.
    pub fn new(path: PathBuf) -> IndexFile {
        IndexFile { path, write: true }
    }

    /// An index at `path` that listing reads but never writes.
    pub fn read_only(path: PathBuf) -> IndexFile {
        IndexFile { path, write: false }
    }
}

/// What a listing did: how many files came from the index and how many were read in full.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListStats {
    /// Files whose item came from the index.
    pub cached: usize,
    /// Files loaded and validated (no index, or new, changed or not cacheable).
    pub inspected: usize,
    /// Whether the index file was written.
    pub saved: bool,
}

/// The library: a folder of digest files that newsdeck owns copies of.
#[derive(Debug, Clone)]
pub struct Library {
    dir: PathBuf,
    index: Option<IndexFile>,
}

impl Library {
    /// The library in folder `dir` (created on the first add), listed without an index.
    pub fn new(dir: PathBuf) -> Library {
        Library { dir, index: None }
    }

    /// The library in folder `dir`, listed with the help of the index `index`.
    pub fn with_index(dir: PathBuf, index: IndexFile) -> Library {
        Library {
            dir,
            index: Some(index),
        }
    }

    /// The library's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The library's digests, newest first; a missing folder is an empty library, and one that
    /// cannot be read is a single item carrying the error.
    pub fn list(&self) -> Vec<LibraryItem> {
        self.list_with_stats().0
    }

    /// [`Library::list`], and what it took.
    pub fn list_with_stats(&self) -> (Vec<LibraryItem>, ListStats) {
        let mut lister = Lister::new(self.index.as_ref());
        let mut items = match digest_files(&self.dir) {
            Ok(files) => lister.dir(&self.dir, files),
            Err(e) => vec![failed(
                &self.dir,
                format!("cannot read the library folder: {}", io_message(&e)),
            )],
        };
        let stats = lister.finish();
        sort_newest_first(&mut items);
        (items, stats)
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
    scan_with_index(paths, None).0
}

/// [`scan`] with the help of an index, and what it took.
pub fn scan_with_index(
    paths: &[PathBuf],
    index: Option<&IndexFile>,
) -> (Vec<LibraryItem>, ListStats) {
    let mut lister = Lister::new(index);
    let mut items = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match digest_files(path) {
                Ok(found) => items.extend(lister.dir(path, found)),
                Err(e) => items.push(failed(path, io_message(&e))),
            }
        } else {
            files.push(path.clone());
        }
    }
    items.extend(lister.files(files));
    let stats = lister.finish();
    sort_newest_first(&mut items);
    (items, stats)
}

/// Loads and validates one digest file into a list item, as `check` does, with its modification
/// time already known; also says whether the file could be read, so the result depends on its
/// content alone and may be cached under its stamp. (Errors reading it, such as permissions,
/// depend on more than the file and are never cached.)
fn inspect_with(path: &Path, mtime: Option<SystemTime>) -> (LibraryItem, bool) {
    let invalid = |e: LoadError| LibraryItem {
        mtime,
        error: Some(e),
        ..failed(path, String::new())
    };
    let bytes = match load::read_digest_bytes(path) {
        Ok(b) => b,
        Err(e) => return (invalid(e), false),
    };
    let loaded = format::parse(&bytes, &title_from_path(path)).and_then(|d| {
        d.validate()?;
        Ok(d)
    });
    let item = match loaded {
        Ok(d) => LibraryItem {
            path: path.to_path_buf(),
            title: d.title,
            published: d.published,
            ids: d.entries.into_iter().map(|e| e.id).collect(),
            mtime,
            error: None,
        },
        Err(error) => invalid(LoadError {
            path: path.to_path_buf(),
            error,
        }),
    };
    (item, true)
}

/// One listing: turns files into items, from the index where it can, and saves the index.
struct Lister<'a> {
    file: Option<&'a IndexFile>,
    index: Option<LibraryIndex>,
    stats: ListStats,
    started: SystemTime,
}

impl<'a> Lister<'a> {
    fn new(file: Option<&'a IndexFile>) -> Lister<'a> {
        Lister {
            file,
            index: file.map(|f| LibraryIndex::load(&f.path)),
            stats: ListStats::default(),
            // Taken before any file is looked at: only files older than this by a margin are
            // cached (see `Stamp`), so a change made while listing is never missed.
            started: SystemTime::now(),
        }
    }

    /// The items of `files`, all the digest files of folder `dir`.
    fn dir(&mut self, dir: &Path, files: Vec<PathBuf>) -> Vec<LibraryItem> {
        if let Some(index) = &mut self.index {
            index.retain_in_dir(dir, &files);
        }
        self.files(files)
    }

    /// The items of `files`, in order: hits from the index, misses inspected on every core.
    fn files(&mut self, files: Vec<PathBuf>) -> Vec<LibraryItem> {
        let mut items: Vec<Option<LibraryItem>> = Vec::with_capacity(files.len());
        let mut misses: Vec<(usize, PathBuf, Option<SystemTime>, Option<Stamp>)> = Vec::new();
        for path in files {
            let meta = fs::metadata(&path).ok();
            let mtime = meta.as_ref().and_then(|m| m.modified().ok());
            let stamp = meta.as_ref().and_then(Stamp::of);
            let hit = match (&mut self.index, &stamp, mtime) {
                (Some(index), Some(stamp), Some(mtime)) => index.get(&path, stamp, mtime),
                _ => None,
            };
            if hit.is_none() {
                misses.push((items.len(), path, mtime, stamp));
            }
            items.push(hit);
        }
        self.stats.cached += items.len() - misses.len();
        self.stats.inspected += misses.len();
        let inspected = parallel_map(&misses, |(_, path, mtime, _)| inspect_with(path, *mtime));
        for ((i, path, _, stamp), (item, cacheable)) in misses.into_iter().zip(inspected) {
            if let Some(index) = &mut self.index {
                match stamp {
                    Some(stamp) if cacheable => index.insert(&path, stamp, &item, self.started),
                    _ => index.remove(&path),
                }
            }
            items[i] = Some(item);
        }
        items.into_iter().flatten().collect()
    }

    /// Saves the index if it may and something changed; returns what the listing took.
    fn finish(mut self) -> ListStats {
        if let (Some(file), Some(index)) = (self.file, &mut self.index) {
            self.stats.saved = file.write && index.save(&file.path);
        }
        self.stats
    }
}

/// `f` over `work`, in order, split into one chunk per core: reading many digests is CPU-bound
/// (parsing and validating), so a cold listing scales with the cores.
fn parallel_map<T: Sync, R: Send>(work: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads <= 1 || work.len() <= 1 {
        return work.iter().map(f).collect();
    }
    let chunk = work.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = work
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        // A worker panics only on a bug; pass it on rather than list fewer files than exist.
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
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
    crate::date::sort_key(item.published.as_deref(), item.mtime)
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

    /// Sets a file's modification time an hour back: listings cache only files that have
    /// settled (see `index::Stamp`), as a library's files have.
    fn age(path: &Path, secs: u64) {
        let t = SystemTime::now() - Duration::from_secs(3600 + secs);
        let f = fs::File::options().write(true).open(path).unwrap();
        f.set_modified(t).unwrap();
    }

    /// A library of 20 files: synthetic digests, hand-made ones with other dates or none, and
    /// invalid ones (a field of the wrong type deep in a body, and not JSON at all).
    fn sample_library(dir: &Path) {
        fs::create_dir_all(dir).unwrap();
        for i in 0..15u64 {
            fs::write(
                dir.join(format!("syn-{i:02}.json")),
                crate::synth::digest(3, i),
            )
            .unwrap();
        }
        fs::write(dir.join("old.json"), digest("Old", "2024-05-01", "o")).unwrap();
        fs::write(dir.join("new.json"), digest("New", "2026-03-01T10:00", "n")).unwrap();
        fs::write(
            dir.join("undated.json"),
            r#"[{"headline": "No id, no date"}]"#,
        )
        .unwrap();
        let deep_error = r#"{"title": "Bad", "articles": [
            {"id": "x", "headline": "H", "sections": [{"heading": "S", "bullets": [1]}]}]}"#;
        fs::write(dir.join("bad-body.json"), deep_error).unwrap();
        fs::write(dir.join("not-json.json"), "<rss></rss>").unwrap();
        for (n, entry) in fs::read_dir(dir).unwrap().enumerate() {
            age(&entry.unwrap().path(), n as u64);
        }
    }

    type Row = (
        PathBuf,
        String,
        Option<String>,
        Vec<ArticleId>,
        Option<SystemTime>,
        Option<String>,
    );

    fn rows(items: &[LibraryItem]) -> Vec<Row> {
        items
            .iter()
            .map(|i| {
                (
                    i.path.clone(),
                    i.title.clone(),
                    i.published.clone(),
                    i.ids.clone(),
                    i.mtime,
                    i.error.as_ref().map(|e| e.to_string()),
                )
            })
            .collect()
    }

    /// What `newsdeck check` says about a file.
    fn check(path: &Path) -> Option<String> {
        load::load(path)
            .and_then(|d| {
                d.validate().map_err(|error| LoadError {
                    path: path.to_path_buf(),
                    error,
                })
            })
            .err()
            .map(|e| e.to_string())
    }

    #[test]
    fn the_index_gives_the_same_rows_and_errors_as_reading_every_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("lib");
        sample_library(&dir);
        let index = IndexFile::new(
            tmp.path()
                .join("cache")
                .join(crate::store::index::INDEX_FILE),
        );
        let full = Library::new(dir.clone()).list();
        assert_eq!(full.len(), 20);
        let lib = Library::with_index(dir.clone(), index.clone());
        let (cold, stats) = lib.list_with_stats();
        assert_eq!((stats.cached, stats.inspected, stats.saved), (0, 20, true));
        let (warm, stats) = lib.list_with_stats();
        assert_eq!((stats.cached, stats.inspected, stats.saved), (20, 0, false));
        assert_eq!(rows(&cold), rows(&full));
        assert_eq!(rows(&warm), rows(&full));
        // Errors from the index are `check`'s, word for word.
        let errors: Vec<_> = warm.iter().filter(|i| i.error.is_some()).collect();
        assert_eq!(errors.len(), 2);
        for item in errors {
            let shown = item.error.as_ref().map(|e| e.to_string());
            assert_eq!(shown, check(&item.path));
        }
        assert!(
            warm.iter()
                .any(|i| i.error.as_ref().is_some_and(|e| e.error.line == Some(2))),
            "positions survive the index"
        );
        // Folders and files given on the command line.
        let targets = [
            dir.clone(),
            dir.join("new.json"),
            tmp.path().join("gone.json"),
        ];
        let plain = scan(&targets);
        let (first, _) = scan_with_index(&targets, Some(&index));
        let (again, stats) = scan_with_index(&targets, Some(&index));
        assert_eq!(
            stats.cached, 21,
            "the folder's 20 and new.json; gone.json is read"
        );
        assert_eq!(rows(&first), rows(&plain));
        assert_eq!(rows(&again), rows(&plain));
    }

    #[test]
    fn only_changed_files_are_read_again() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("lib");
        sample_library(&dir);
        let cache = tmp.path().join("cache").join("index.json");
        let lib = Library::with_index(dir.clone(), IndexFile::new(cache.clone()));
        lib.list();

        // A different size.
        let changed = dir.join("old.json");
        fs::write(&changed, digest("Older", "2024-05-01", "o2")).unwrap();
        age(&changed, 0);
        let (items, stats) = lib.list_with_stats();
        assert_eq!((stats.cached, stats.inspected), (19, 1));
        assert!(items.iter().any(|i| i.title == "Older"));
        assert_eq!(rows(&items), rows(&Library::new(dir.clone()).list()));

        // The same size, another modification time.
        age(&changed, 7);
        assert_eq!(lib.list_with_stats().1.inspected, 1);

        // The same size and modification time, other content (as `cp -p` leaves it): Unix sees
        // the change time move.
        if cfg!(unix) {
            let mtime = fs::metadata(&changed).unwrap().modified().unwrap();
            fs::write(&changed, digest("Newer", "2024-05-01", "o3")).unwrap();
            let f = fs::File::options().write(true).open(&changed).unwrap();
            f.set_modified(mtime).unwrap();
            let (items, stats) = lib.list_with_stats();
            assert_eq!(stats.inspected, 1);
            assert!(items.iter().any(|i| i.title == "Newer"));
        }

        // A file that became invalid reports its new error; a deleted one is forgotten.
        fs::write(&changed, r#"{"articles": [{"headline": "H", "tags": 3}]}"#).unwrap();
        age(&changed, 0);
        fs::remove_file(dir.join("new.json")).unwrap();
        let (items, stats) = lib.list_with_stats();
        assert_eq!((stats.cached, stats.inspected, stats.saved), (18, 1, true));
        let bad = items.iter().find(|i| i.path == changed).unwrap();
        assert_eq!(bad.error.as_ref().map(|e| e.to_string()), check(&changed));
        assert_eq!(rows(&items), rows(&Library::new(dir).list()));
        assert_eq!(crate::store::index::LibraryIndex::load(&cache).len(), 19);
    }

    #[test]
    fn just_written_files_are_read_every_time() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("lib");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("a.json"), digest("A", "2025-01-01", "a")).unwrap();
        let lib = Library::with_index(dir, IndexFile::new(tmp.path().join("i.json")));
        lib.list();
        // It could change again within the file system's time granularity, unnoticed.
        assert_eq!(lib.list_with_stats().1.inspected, 1);
    }

    #[test]
    fn deleting_or_corrupting_the_index_loses_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("lib");
        sample_library(&dir);
        let cache = tmp.path().join("cache").join("index.json");
        let lib = Library::with_index(dir.clone(), IndexFile::new(cache.clone()));
        let first = rows(&lib.list());
        fs::remove_file(&cache).unwrap();
        let (items, stats) = lib.list_with_stats();
        assert_eq!((stats.inspected, stats.saved), (20, true));
        assert_eq!(rows(&items), first);
        let valid = fs::read(&cache).unwrap();
        for garbage in [
            &valid[..valid.len() / 2],
            b"\x00\xff not json",
            br#"{"version": 999, "files": {}}"#,
            br#"{"version": 1, "files": {"x": {"size": "big"}}}"#,
        ] {
            fs::write(&cache, garbage).unwrap();
            let (items, stats) = lib.list_with_stats();
            assert_eq!((stats.inspected, stats.saved), (20, true));
            assert_eq!(rows(&items), first);
            assert_eq!(lib.list_with_stats().1.cached, 20, "rebuilt");
        }
    }

    #[test]
    fn a_read_only_or_unusable_index_is_never_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("lib");
        sample_library(&dir);
        let cache = tmp.path().join("cache").join("index.json");
        let peek = Library::with_index(dir.clone(), IndexFile::read_only(cache.clone()));
        let (items, stats) = peek.list_with_stats();
        assert_eq!((stats.inspected, stats.saved), (20, false));
        assert!(
            !tmp.path().join("cache").exists(),
            "read-only writes nothing"
        );
        Library::with_index(dir.clone(), IndexFile::new(cache.clone())).list();
        let (warm, stats) = peek.list_with_stats();
        assert_eq!(stats.cached, 20, "but reads what exists");
        assert_eq!(rows(&warm), rows(&items));
        // A cache folder that cannot be created (a file is in the way): listed all the same.
        let blocked = tmp.path().join("file");
        fs::write(&blocked, "x").unwrap();
        let lib = Library::with_index(dir, IndexFile::new(blocked.join("cache").join("i.json")));
        let (again, stats) = lib.list_with_stats();
        assert_eq!((stats.inspected, stats.saved), (20, false));
        assert_eq!(rows(&again), rows(&items));
    }

    #[test]
    fn added_names_are_visible_json() {
        assert_eq!(library_name(Path::new("/x/.secret")).1, "secret.json");
        assert_eq!(library_name(Path::new("feed.txt")).1, "feed.txt.json");
        assert_eq!(library_name(Path::new("a.json")).0, "a");
        assert_eq!(library_name(Path::new("/x/...")).1, "digest.json");
    }
}
