//! The library index: a cache of what listing each digest file found (title, date, article ids,
//! or the error), so that listing a big library reads one small file instead of every digest.
//!
//! It is one versioned binary file under the cache folder (see [`crate::store::index_codec`]). An entry is used only while its file's
//! size and modification time (and, on Unix, change time) are the ones recorded; anything else is
//! inspected again in full. A missing, corrupt or other-version index is simply empty, and a save
//! that fails is ignored: deleting the index loses nothing, it only costs one slow listing.

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, Metadata};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::format::FormatError;
use crate::model::digest::DigestKey;
use crate::model::ids::IdList;
use crate::store::atomic;
use crate::store::index_codec;

/// The index's file name inside the cache folder.
pub const INDEX_FILE: &str = "library-index.bin";

/// The JSON index of earlier versions, removed when the binary one is first written.
const OLD_INDEX_FILE: &str = "library-index.json";

/// A file modified this recently is not cached: a later change within the file system's timestamp
/// granularity (up to 2 s on FAT) could leave size and time unchanged and go unnoticed.
const RACY_WINDOW: Duration = Duration::from_secs(3);

/// More entries than this and the ones not used by the latest listing are dropped, so listing
/// many different folders over time cannot grow the index without bound.
const MAX_ENTRIES: usize = 20_000;

/// Where listing keeps its index file, and whether it may write it (never for `snapshot`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    /// The index file, e.g. `<cache>/library-index.bin`.
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

/// What inspecting one digest file found: what the index remembers of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The digest's title, else one made from the file name.
    pub title: String,
    /// When the digest says it was published, as written.
    pub published: Option<String>,
    /// Which digest it is, for read state.
    pub key: DigestKey,
    /// Its articles' keys.
    pub ids: IdList,
    /// Why the file is not a valid digest, if it is not.
    pub error: Option<FormatError>,
}

/// What identifies one version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: i64,
    /// Status-change time on Unix, nanoseconds since the epoch: it moves on every write, chmod
    /// or replacement, even one that restores the old modification time (`cp -p`, `rsync -t`).
    pub ctime_ns: Option<i64>,
}

impl Stamp {
    /// The stamp of a regular file's metadata; `None` for anything else or an unknown time.
    pub fn of(meta: &Metadata) -> Option<Stamp> {
        if !meta.is_file() {
            return None;
        }
        Some(Stamp {
            size: meta.len(),
            mtime_ns: nanos(meta.modified().ok()?)?,
            ctime_ns: ctime_ns(meta),
        })
    }

    /// The modification time, as a time again.
    pub fn mtime(&self) -> Option<SystemTime> {
        let at = Duration::from_nanos(self.mtime_ns.unsigned_abs());
        if self.mtime_ns >= 0 {
            UNIX_EPOCH.checked_add(at)
        } else {
            UNIX_EPOCH.checked_sub(at)
        }
    }

    /// Whether the file was modified so recently (relative to `now`) that a change could still
    /// leave this stamp unchanged; such a file is inspected every time until it settles.
    pub(crate) fn racy(&self, now: SystemTime) -> bool {
        let Some(now) = nanos(now) else { return true };
        // Only `mtime` counts: any later write moves it past `now`, so an older one cannot repeat.
        // (A replacement that restores an old `mtime` is caught by `ctime` instead.)
        self.mtime_ns > now.saturating_sub(RACY_WINDOW.as_nanos() as i64)
    }
}

fn nanos(t: SystemTime) -> Option<i64> {
    let signed = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).ok()?,
        Err(e) => -i64::try_from(e.duration().as_nanos()).ok()?,
    };
    Some(signed)
}

#[cfg(unix)]
fn ctime_ns(meta: &Metadata) -> Option<i64> {
    use std::os::unix::fs::MetadataExt;
    meta.ctime()
        .checked_mul(1_000_000_000)?
        .checked_add(meta.ctime_nsec())
}

#[cfg(not(unix))]
fn ctime_ns(_meta: &Metadata) -> Option<i64> {
    None
}

/// What listing found in one version of a file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub(crate) stamp: Stamp,
    pub(crate) title: String,
    pub(crate) published: Option<String>,
    pub(crate) key: String,
    pub(crate) ids: IdList,
    pub(crate) error: Option<CachedError>,
}

/// A [`FormatError`] as stored; the path is the entry's own.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CachedError {
    pub(crate) line: Option<usize>,
    pub(crate) column: Option<usize>,
    pub(crate) message: String,
}

/// The index in memory: entries keyed by absolute path, and whether they changed since loading.
#[derive(Debug, Default)]
pub struct LibraryIndex {
    files: BTreeMap<String, Entry>,
    used: HashSet<String>,
    changed: bool,
}

impl LibraryIndex {
    /// Reads the index at `file`; a missing, unreadable, corrupt or other-version index is empty
    /// (and is replaced by the next save).
    pub fn load(file: &Path) -> LibraryIndex {
        let files = crate::store::read::read(file, crate::store::read::Kind::Index)
            .ok()
            .and_then(|bytes| index_codec::decode(&bytes))
            .unwrap_or_default();
        LibraryIndex {
            files,
            ..LibraryIndex::default()
        }
    }

    /// How many files the index knows (for tests: nothing else needs to know).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.files.len()
    }

    /// The record for `path` if the file still has `stamp`.
    pub fn get(&mut self, path: &Path, stamp: &Stamp) -> Option<Record> {
        let key = key(path)?;
        let entry = self.files.get(&key).filter(|e| e.stamp == *stamp)?;
        let record = record_of(entry);
        self.used.insert(key);
        Some(record)
    }

    /// Every file directly in folder `dir` the index knows, with its stamp and record, in path
    /// order, without looking at the files, taken out of the index (what is left is the index
    /// of other folders): what the library screen shows before its listing has checked them.
    pub fn take_in(&mut self, dir: &Path) -> Vec<(PathBuf, Stamp, Record)> {
        let Some(dir_key) = key(dir) else {
            return Vec::new();
        };
        let prefix = format!(
            "{}{}",
            dir_key.trim_end_matches('/'),
            std::path::MAIN_SEPARATOR
        );
        let mut inside = self.files.split_off(&prefix);
        // Keys from the separator's successor on are outside the folder.
        let mut end = prefix.clone();
        end.pop();
        end.push(char::from(std::path::MAIN_SEPARATOR as u8 + 1));
        let mut after = inside.split_off(&end);
        self.files.append(&mut after);
        let mut taken = Vec::with_capacity(inside.len());
        for (k, e) in inside {
            if k[prefix.len()..].contains(std::path::MAIN_SEPARATOR) {
                self.files.insert(k, e);
            } else {
                taken.push((PathBuf::from(k), e.stamp, into_record(e)));
            }
        }
        taken
    }

    /// Records what inspecting the file at `path` found, for the version of it with `stamp`;
    /// `now` is when it was inspected, and a file changed just before is not recorded (it could
    /// change again without its stamp changing).
    pub fn insert(&mut self, path: &Path, stamp: Stamp, record: &Record, now: SystemTime) {
        let Some(key) = key(path) else { return };
        self.used.insert(key.clone());
        if stamp.racy(now) {
            // An older entry for this path is stale now; drop it rather than keep a wrong one.
            self.changed |= self.files.remove(&key).is_some();
            return;
        }
        let entry = Entry {
            stamp,
            title: record.title.clone(),
            published: record.published.clone(),
            key: record.key.0.clone(),
            ids: record.ids.clone(),
            error: record.error.as_ref().map(|e| CachedError {
                line: e.line,
                column: e.column,
                message: e.message.clone(),
            }),
        };
        if self.files.get(&key) != Some(&entry) {
            self.files.insert(key, entry);
            self.changed = true;
        }
    }

    /// Forgets the file at `path` (it is gone, or is no longer a regular file).
    pub fn remove(&mut self, path: &Path) {
        if let Some(key) = key(path) {
            self.changed |= self.files.remove(&key).is_some();
        }
    }

    /// Forgets the files directly in folder `dir` that are not in `present`, which lists all of
    /// its digest files: they were deleted or renamed.
    pub fn retain_in_dir(&mut self, dir: &Path, present: &[PathBuf]) {
        let Some(dir_key) = key(dir) else { return };
        let keep: HashSet<String> = present.iter().filter_map(|p| key(p)).collect();
        let before = self.files.len();
        self.files.retain(|k, _| {
            let in_dir = Path::new(k).parent() == Some(Path::new(&dir_key));
            !in_dir || keep.contains(k)
        });
        self.changed |= self.files.len() != before;
    }

    /// Writes the index to `file` atomically if it changed; creates the cache folder if needed.
    /// Failing is not an error for the caller (a read-only or full cache only costs speed), so
    /// this reports only whether it wrote.
    pub fn save(&mut self, file: &Path) -> bool {
        if self.files.len() > MAX_ENTRIES {
            let used = &self.used;
            self.files.retain(|k, _| used.contains(k));
            self.changed = true;
        }
        if !self.changed {
            return false;
        }
        let bytes = index_codec::encode(&self.files);
        if let Some(dir) = file.parent() {
            // The JSON index of earlier versions is never read again.
            let old = dir.join(OLD_INDEX_FILE);
            if old != file {
                let _ = fs::remove_file(old);
            }
            if fs::create_dir_all(dir).is_err() {
                return false;
            }
            // Temporaries of a killed save; no save takes an hour.
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            atomic::clean_stale_temps(dir, name.as_deref(), Duration::from_secs(3600));
        }
        let wrote = atomic::write_atomic(file, &bytes).is_ok();
        if wrote {
            self.changed = false;
        }
        wrote
    }
}

/// The record an entry remembers.
fn record_of(entry: &Entry) -> Record {
    Record {
        title: entry.title.clone(),
        published: entry.published.clone(),
        key: DigestKey(entry.key.clone()),
        ids: entry.ids.clone(),
        error: entry.error.as_ref().map(|e| FormatError {
            line: e.line,
            column: e.column,
            message: e.message.clone(),
        }),
    }
}

/// The record an entry remembers, taking its strings.
fn into_record(entry: Entry) -> Record {
    Record {
        title: entry.title,
        published: entry.published,
        key: DigestKey(entry.key),
        ids: entry.ids,
        error: entry.error.map(|e| FormatError {
            line: e.line,
            column: e.column,
            message: e.message,
        }),
    }
}

/// The key for a path: absolute, so that the same relative name in another folder is another
/// file; `None` for a path that is not UTF-8 (such a file is simply never cached).
fn key(path: &Path) -> Option<String> {
    std::path::absolute(path)
        .ok()?
        .into_os_string()
        .into_string()
        .ok()
}
