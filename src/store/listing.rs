//! Listing digests in any files and folders: which files are digests, reading them (with the
//! library index where there is one), and sorting.
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
use std::time::SystemTime;

use crate::format::FormatError;
use crate::model::digest::{ArticleId, DigestKey};
use crate::model::ids::IdList;
use crate::model::read_state::ReadState;
use crate::store::index::{IndexFile, LibraryIndex, Record, Stamp};
use crate::store::load::{self, LoadError, io_message, title_from_path};

/// The files `add DIR` takes from a folder: digests and feeds (`.json`, `.xml`, `.rss`,
/// `.atom`), not hidden, sorted by name so the output is stable.
pub fn addable_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let entries = std::fs::read_dir(dir).map_err(|e| LoadError {
        path: dir.to_path_buf(),
        error: FormatError::plain(io_message(&e)),
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            !name.starts_with('.')
                && [".json", ".xml", ".rss", ".atom"]
                    .iter()
                    .any(|ext| name.len() > ext.len() && name.ends_with(ext))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// One digest file as a list shows it; `error` says why it could not be read.
#[derive(Debug, Clone)]
pub struct LibraryItem {
    /// The file.
    pub path: PathBuf,
    /// The digest's title, else one made from the file name.
    pub title: String,
    /// When the digest says it was published, as written.
    pub published: Option<String>,
    /// Which digest it is, for read state.
    pub key: DigestKey,
    /// Its articles' keys, for unread counts.
    pub ids: IdList,
    /// The file's modification time, when known.
    pub mtime: Option<SystemTime>,
    /// Why the file is not a valid digest, if it is not.
    pub error: Option<LoadError>,
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

/// The digests in folder `dir`, newest first, with the help of an index if given; a missing
/// folder is an empty list, and one that cannot be read is a single item carrying the error.
pub(crate) fn list_folder(dir: &Path, index: Option<&IndexFile>) -> (Vec<LibraryItem>, ListStats) {
    let mut lister = Lister::new(index);
    let mut items = match digest_files(dir) {
        Ok(files) => lister.dir(dir, files),
        Err(e) => vec![failed(
            dir,
            format!("cannot read the library folder: {}", io_message(&e)),
        )],
    };
    let stats = lister.finish();
    sort_newest_first(&mut items);
    (items, stats)
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

/// Gives version-1 read marks to the one digest of `library` (the whole library: see
/// [`ReadState::migrate`]) that has their article; returns how many moved.
pub fn migrate_legacy(read: &mut ReadState, library: &[LibraryItem]) -> usize {
    let valid: Vec<(&DigestKey, Vec<ArticleId>)> = library
        .iter()
        .filter(|i| i.error.is_none())
        .map(|i| (&i.key, i.ids.to_ids()))
        .collect();
    read.migrate(valid.iter().map(|(k, ids)| (*k, ids.as_slice())))
}

/// Loads and validates one digest file, as `check` does; also says whether the file could be
/// read, so the record depends on its content alone and may be cached under its stamp. (Errors
/// reading it, such as permissions, depend on more than the file and are never cached.)
pub(crate) fn inspect(path: &Path) -> (Record, bool) {
    let invalid = |error: FormatError| Record {
        title: title_from_path(path),
        published: None,
        key: file_key(path),
        ids: IdList::default(),
        error: Some(error),
    };
    let bytes = match load::read_digest_bytes(path) {
        Ok(b) => b,
        Err(e) => return (invalid(e.error), false),
    };
    let record = match load::parse_valid(path, bytes) {
        Ok(d) => Record {
            title: d.title,
            published: d.published,
            key: d.key,
            ids: d.entries.into_iter().map(|e| e.id).collect(),
            error: None,
        },
        Err(e) => invalid(e.error),
    };
    (record, true)
}

/// The list item of the file at `path`, from what inspecting it found (now or earlier: hits
/// from the index and fresh reads build the same item).
pub(crate) fn item_from(path: &Path, mtime: Option<SystemTime>, record: Record) -> LibraryItem {
    match record.error {
        None => LibraryItem {
            path: path.to_path_buf(),
            title: record.title,
            published: record.published,
            key: record.key,
            ids: record.ids,
            mtime,
            error: None,
        },
        Some(error) => LibraryItem {
            mtime,
            error: Some(LoadError {
                path: path.to_path_buf(),
                error,
            }),
            ..failed(path, String::new())
        },
    }
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
                (Some(index), Some(stamp), Some(_)) => index
                    .get(&path, stamp)
                    .map(|record| item_from(&path, mtime, record)),
                _ => None,
            };
            if hit.is_none() {
                misses.push((items.len(), path, mtime, stamp));
            }
            items.push(hit);
        }
        self.stats.cached += items.len() - misses.len();
        self.stats.inspected += misses.len();
        let inspected = parallel_map(&misses, |(_, path, _, _)| inspect(path));
        for ((i, path, mtime, stamp), (record, cacheable)) in misses.into_iter().zip(inspected) {
            if let Some(index) = &mut self.index {
                match stamp {
                    Some(stamp) if cacheable => index.insert(&path, stamp, &record, self.started),
                    _ => index.remove(&path),
                }
            }
            items[i] = Some(item_from(&path, mtime, record));
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
pub(crate) fn parallel_map<T: Sync, R: Send>(work: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    // Asked first: counting the cores reads the process's cgroup files (seven system calls,
    // before the first frame for an empty library), which one file or none never needs.
    if work.len() <= 1 {
        return work.iter().map(f).collect();
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads <= 1 {
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

/// The item of a path that cannot be listed, with `message` as its error.
pub(crate) fn failed(path: &Path, message: String) -> LibraryItem {
    LibraryItem {
        path: path.to_path_buf(),
        title: title_from_path(path),
        published: None,
        key: file_key(path),
        ids: IdList::default(),
        mtime: None,
        error: Some(LoadError {
            path: path.to_path_buf(),
            error: FormatError::plain(message),
        }),
    }
}

/// The key of a file that is not a valid digest (it has no articles to key, but a key all the same).
fn file_key(path: &Path) -> DigestKey {
    DigestKey::derive(None, None, None, &title_from_path(path))
}

/// Whether a file name is one the library lists: visible and ending in `.json`.
pub(crate) fn is_digest_name(name: &str) -> bool {
    !name.starts_with('.') && name.len() > ".json".len() && name.ends_with(".json")
}

/// The digest files directly in `dir`, sorted by name.
pub(crate) fn digest_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
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

/// Sorts newest first; items with no date at all go last; ties by path, so order is stable.
/// Each date is parsed once (a comparison parsing two dates made sorting 10,000 items slow).
pub(crate) fn sort_newest_first(items: &mut [LibraryItem]) {
    items.sort_by_cached_key(|i| (std::cmp::Reverse(sort_key(i)), i.path.clone()));
}

/// Where an item goes in a list: its date (`published`, else the file's time), newest first.
pub(crate) fn sort_key(item: &LibraryItem) -> Option<i64> {
    crate::date::sort_key(item.published.as_deref(), item.mtime)
}
