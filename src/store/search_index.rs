//! The library search index on disk: one versioned binary file under the cache folder
//! (`search-index.bin`), holding each digest's segment ([`packed`]) under the stamp (size,
//! mtime, ctime) of the file it was built from.
//!
//! [`update`] lists the library folder, reuses every entry whose file still has its stamp,
//! re-reads only new and changed files (on every core), drops entries for files that are gone,
//! and writes the file back if anything changed. A missing, corrupt or other-version file is
//! simply empty: it is a cache, so losing it costs one slow search. Binary and read in place
//! (the file's bytes are the index in memory; nothing is decoded until a query needs it),
//! because a warm search must cost a small fraction of decoding the library. [`snippets`] cuts
//! what `search` prints from the digests with hits only. [`of_paths`] indexes the digests given on
//! the command line instead, without the file.

mod codec;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::model::finder::{SnippetJob, Snippets};
use crate::model::lsearch::packed::{self, DigestRef, Seg};
use crate::model::lsearch::query::{self, Hit, snippet_around};
use crate::model::lsearch::{IndexedDigest, WordIndex};
use crate::store::atomic;
use crate::store::index::Stamp;
use crate::store::listing::{digest_files, parallel_map};
use crate::store::load;

/// The search index's file name inside the cache folder.
pub const SEARCH_INDEX_FILE: &str = "search-index.bin";

/// What an update did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpdateStats {
    /// Digests whose entry was reused.
    pub cached: usize,
    /// Digests read and indexed again.
    pub indexed: usize,
    /// Whether the file was written.
    pub saved: bool,
}

/// An entry: the stamp of the file it was built from (`None`: do not reuse), and where its
/// segment sits in the index's bytes.
type Entry = (Option<Stamp>, Seg);

/// Reads the index file (through the guarded reader: a FIFO or device there never hangs or
/// floods newsdeck): its bytes and its entries by path; anything unreadable is empty.
fn load_file(file: &Path) -> (Vec<u8>, HashMap<String, Entry>) {
    let bytes = super::read::read(file, super::read::Kind::Index).unwrap_or_default();
    let Some(entries) = codec::decode(&bytes) else {
        return (Vec::new(), HashMap::new());
    };
    let by_path = entries
        .into_iter()
        .map(|(stamp, seg)| {
            let path = DigestRef::new(&bytes, &seg).path().to_string();
            (path, (Some(stamp), seg))
        })
        .collect();
    (bytes, by_path)
}

/// The search index of the library folder `dir`, brought up to date with the index file `file`
/// (written back if `write` and anything changed).
pub fn update(dir: &Path, file: &Path, write: bool) -> (WordIndex, UpdateStats) {
    let files = digest_files(dir).unwrap_or_default();
    index_files(files, Some((file, write)))
}

/// The search index of the digests given on the command line (files, and the digests of
/// folders), built afresh: it is not the library's, so no index file is read or written.
pub fn of_paths(paths: &[PathBuf]) -> WordIndex {
    let files = paths
        .iter()
        .flat_map(|p| match fs::metadata(p) {
            Ok(m) if m.is_dir() => digest_files(p).unwrap_or_default(),
            _ => vec![p.clone()],
        })
        .collect();
    index_files(files, None).0
}

/// The index of `files`, reusing and (if asked) writing back the index file of `cache`.
fn index_files(files: Vec<PathBuf>, cache: Option<(&Path, bool)>) -> (WordIndex, UpdateStats) {
    let started = SystemTime::now();
    let (mut bytes, mut old) = cache.map(|(f, _)| load_file(f)).unwrap_or_default();
    let mut stats = UpdateStats::default();
    let mut entries: Vec<Option<Entry>> = Vec::with_capacity(files.len());
    let mut misses: Vec<(usize, PathBuf, String, Option<Stamp>)> = Vec::new();
    for path in files {
        let Some(key) = absolute(&path) else { continue };
        let stamp = fs::metadata(&path).ok().as_ref().and_then(Stamp::of);
        match old.remove(&key) {
            Some((Some(s), seg)) if Some(s) == stamp => entries.push(Some((Some(s), seg))),
            _ => {
                misses.push((entries.len(), path, key, stamp));
                entries.push(None);
            }
        }
    }
    let mut changed = !old.is_empty();
    stats.cached = entries.len() - misses.len();
    stats.indexed = misses.len();
    changed |= !misses.is_empty();
    let built = parallel_map(&misses, |(_, path, key, _)| {
        load::load(path)
            .ok()
            .map(|digest| IndexedDigest::build(key.clone(), &digest))
    });
    for ((i, _, _, stamp), digest) in misses.into_iter().zip(built) {
        // A file changed just now could change again without its stamp moving: used, not kept.
        let stamp = stamp.filter(|s| !s.racy(started));
        entries[i] = digest.and_then(|d| {
            // New segments go after the old ones; the file is written from the entries' order.
            let start = bytes.len();
            packed::encode(&d, &mut bytes);
            Seg::check(&bytes, start, bytes.len()).map(|seg| (stamp, seg))
        });
    }
    let mut entries: Vec<Entry> = entries.into_iter().flatten().collect();
    // Each date parsed once, not once per comparison.
    entries.sort_by_cached_key(|(s, seg)| {
        let d = DigestRef::new(&bytes, seg);
        (std::cmp::Reverse(sort_key(d, s)), d.path().to_string())
    });
    if let Some((file, true)) = cache
        && changed
    {
        stats.saved = save(file, &bytes, &entries);
    }
    let index = WordIndex::from_parts(bytes, entries.into_iter().map(|(_, seg)| seg).collect());
    (index, stats)
}

/// Newest first, as the library lists: the digest's date, else its file's modification time.
fn sort_key(d: DigestRef, stamp: &Option<Stamp>) -> Option<i64> {
    let mtime = stamp.map(|s| {
        SystemTime::UNIX_EPOCH + Duration::from_nanos(u64::try_from(s.mtime_ns).unwrap_or(0))
    });
    crate::date::sort_key(d.published(), mtime)
}

fn save(file: &Path, bytes: &[u8], entries: &[Entry]) -> bool {
    // Entries that must not be reused are not written at all.
    let keep: Vec<(Stamp, &Seg)> = entries
        .iter()
        .filter_map(|(s, seg)| s.map(|s| (s, seg)))
        .collect();
    let out = codec::encode(bytes, &keep);
    if let Some(dir) = file.parent() {
        if fs::create_dir_all(dir).is_err() {
            return false;
        }
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        atomic::clean_stale_temps(dir, name.as_deref(), Duration::from_secs(3600));
    }
    atomic::write_atomic(file, &out).is_ok()
}

/// The snippet of each of `hits` (matching `words`, not sanitised), cut from the digest files:
/// each digest with hits is read once, on every core; `None` where its file cannot be read now
/// or no longer holds the article.
pub fn snippets(index: &WordIndex, hits: &[Hit], words: &[String]) -> Vec<Option<String>> {
    snippets_around(index, hits, words, query::CONTEXT, &|| true)
}

/// The search overlay's snippets for `job`'s rows: a short lead-in, so that the match shows in
/// the overlay's narrow column.
pub fn cut_snippets(job: &SnippetJob) -> Snippets {
    let hits: Vec<Hit> = job.rows.iter().map(|(_, h)| *h).collect();
    let cut = snippets_around(&job.index, &hits, &job.words, OVERLAY_LEAD_IN, &|| {
        !job.stale()
    });
    Snippets {
        generation: job.generation,
        rows: job
            .rows
            .iter()
            .zip(cut)
            .filter_map(|((row, _), s)| Some((*row, s?)))
            .collect(),
    }
}

/// Characters shown before the match in the overlay's snippets.
const OVERLAY_LEAD_IN: usize = 6;

fn snippets_around(
    index: &WordIndex,
    hits: &[Hit],
    words: &[String],
    before: usize,
    wanted: &(dyn Fn() -> bool + Sync),
) -> Vec<Option<String>> {
    let mut by_digest: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, h) in hits.iter().enumerate() {
        match by_digest.last_mut() {
            Some((d, list)) if *d == h.digest => list.push(i),
            _ => by_digest.push((h.digest, vec![i])),
        }
    }
    let cut = parallel_map(&by_digest, |(di, list)| {
        // Typing went on: the rows these were for are gone, so no more digests are read.
        if !wanted() {
            return Vec::new();
        }
        let d = index.digest(*di);
        let digest = d.and_then(|d| load::load(Path::new(d.path())).ok());
        list.iter()
            .map(|&i| {
                let (d, digest, h) = (d?, digest.as_ref()?, hits.get(i)?);
                let id = d.article_id(h.article);
                let pos = digest.entries.iter().position(|e| e.id.0 == id)?;
                let body = digest.article(pos).ok()?;
                let source = d.article(h.article)?.source;
                Some((
                    i,
                    snippet_around(&body, source.as_deref(), h.field, words, before),
                ))
            })
            .collect::<Vec<_>>()
    });
    let mut out = vec![None; hits.len()];
    for (i, s) in cut.into_iter().flatten().flatten() {
        if let Some(slot) = out.get_mut(i) {
            *slot = Some(s);
        }
    }
    out
}

fn absolute(path: &Path) -> Option<String> {
    std::path::absolute(path)
        .ok()?
        .into_os_string()
        .into_string()
        .ok()
}

#[cfg(test)]
mod tests;
