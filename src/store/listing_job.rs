//! Listing a big library without making the screen wait: the first frame is drawn from the
//! library index alone ([`from_index`]: no file is looked at), and a [`ListingJob`] on another
//! thread then checks every file (a `stat` each), reads the new and changed ones on every core
//! and sends what it finds in [`Batch`]es, small at first so the first rows of a library with no
//! index show at once. It keeps the index up to date as [`crate::store::listing`] does.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use crate::store::index::{IndexFile, LibraryIndex, Stamp};
use crate::store::listing::{
    LibraryItem, digest_files, failed, inspect, item_from, parallel_map, sort_newest_first,
};
use crate::store::load::io_message;

/// Files checked in the first batch: small, so a library with no index shows rows at once.
const FIRST_BATCH: usize = 16;

/// The most files in one batch: each batch is merged into the screen's rows on the UI thread.
const MAX_BATCH: usize = 512;

/// After reading this many files the index is saved, so a long first listing cut short (the
/// user quit) does not start from nothing next time.
const SAVE_EVERY: usize = 2_000;

/// The library's digests as the index remembers them, newest first, without looking at any
/// file: for the first frame. The listing job then checks each of them. The entries are taken
/// out of `index`, not copied: the first frame holds one copy of what it lists.
pub fn from_index(dir: &Path, index: &mut LibraryIndex) -> Vec<LibraryItem> {
    let mut items: Vec<LibraryItem> = index
        .take_in(dir)
        .into_iter()
        .map(|(path, stamp, record)| {
            // Named as the listing job names it (the folder as given, then the file name), so
            // the job's items find these rows.
            let path = path.file_name().map_or(path.clone(), |name| dir.join(name));
            item_from(&path, stamp.mtime(), record)
        })
        .collect();
    sort_newest_first(&mut items);
    items
}

/// Whether folder `dir` has a digest file at all: reads only as far as the first one.
pub fn has_digests(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            crate::store::listing::is_digest_name(&e.file_name().to_string_lossy())
                && e.file_type().is_ok_and(|t| !t.is_dir())
        })
    })
}

/// Part of a listing, sent as soon as it is known.
#[derive(Debug)]
pub struct Batch {
    /// Which listing this belongs to (a newer listing makes older batches moot).
    pub generation: u64,
    /// Items for some of the files, in no particular order.
    pub items: Vec<LibraryItem>,
    /// Files checked so far, this batch included.
    pub listed: usize,
    /// Digest files in the folder.
    pub total: usize,
    /// True for the last batch: every file of the folder has been sent, so rows of files not
    /// sent are gone.
    pub done: bool,
}

/// One listing of a library folder, to run on a thread of its own.
pub struct ListingJob {
    dir: PathBuf,
    file: Option<IndexFile>,
    generation: u64,
    current: Arc<AtomicU64>,
}

impl ListingJob {
    /// A listing of folder `dir` with the index `file`, number `generation`; it stops early
    /// once `current` holds another number (a newer listing was asked for).
    pub fn new(
        dir: PathBuf,
        file: Option<IndexFile>,
        generation: u64,
        current: Arc<AtomicU64>,
    ) -> ListingJob {
        ListingJob {
            dir,
            file,
            generation,
            current,
        }
    }

    /// Which listing this is.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    fn cancelled(&self) -> bool {
        self.current.load(Ordering::Acquire) != self.generation
    }

    /// Lists the folder, calling `send` with each batch; the last has `done` set (unless a
    /// newer listing was asked for meanwhile: then it stops without one).
    pub fn run(self, send: &mut dyn FnMut(Batch)) {
        // Taken before any file is looked at: only files older than this by a margin are cached.
        let started = SystemTime::now();
        let mut index = self.file.as_ref().map(|f| LibraryIndex::load(&f.path));
        let generation = self.generation;
        let files = match digest_files(&self.dir) {
            Ok(files) => files,
            Err(e) => {
                let message = format!("cannot read the library folder: {}", io_message(&e));
                send(Batch {
                    generation,
                    items: vec![failed(&self.dir, message)],
                    listed: 1,
                    total: 1,
                    done: true,
                });
                return;
            }
        };
        if let Some(index) = &mut index {
            index.retain_in_dir(&self.dir, &files);
        }
        let total = files.len();
        let (mut listed, mut unsaved, mut size) = (0, 0, FIRST_BATCH);
        let mut rest = files.iter();
        loop {
            if self.cancelled() {
                return;
            }
            let (items, checked, read) = check(&mut rest, size, index.as_mut(), started);
            listed += checked;
            unsaved += read;
            let done = rest.as_slice().is_empty();
            if let (Some(file), Some(index)) = (&self.file, &mut index)
                && file.write
                && (done || unsaved >= SAVE_EVERY)
            {
                index.save(&file.path);
                unsaved = 0;
            }
            send(Batch {
                generation,
                items,
                listed,
                total,
                done,
            });
            if done {
                return;
            }
            size = (size * 2).min(MAX_BATCH);
        }
    }
}

/// The items of the next files of `files`, up to `reads` of them read: from the index where a
/// file's stamp matches, else read (on every core) and recorded in the index. Files the index
/// has are cheap (a `stat`), so they do not count: a library whose files are all in the index
/// is checked in one batch. Also says how many files were checked and how many read.
fn check(
    files: &mut std::slice::Iter<'_, PathBuf>,
    reads: usize,
    mut index: Option<&mut LibraryIndex>,
    started: SystemTime,
) -> (Vec<LibraryItem>, usize, usize) {
    let mut items = Vec::new();
    let mut misses = Vec::new();
    let mut checked = 0;
    while misses.len() < reads {
        let Some(path) = files.next() else { break };
        checked += 1;
        let meta = fs::metadata(path).ok();
        let mtime = meta.as_ref().and_then(|m| m.modified().ok());
        let stamp = meta.as_ref().and_then(Stamp::of);
        let hit = match (&mut index, &stamp, mtime) {
            (Some(index), Some(stamp), Some(_)) => index.get(path, stamp),
            _ => None,
        };
        match hit {
            Some(record) => items.push(item_from(path, mtime, record)),
            None => misses.push((path, mtime, stamp)),
        }
    }
    let read = misses.len();
    let inspected = parallel_map(&misses, |(path, _, _)| inspect(path));
    for ((path, mtime, stamp), (record, cacheable)) in misses.into_iter().zip(inspected) {
        if let Some(index) = &mut index {
            match stamp {
                Some(stamp) if cacheable => index.insert(path, stamp, &record, started),
                _ => index.remove(path),
            }
        }
        items.push(item_from(path, mtime, record));
    }
    (items, checked, read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::listing::list_folder;
    use crate::store::test_digest as digest;
    use std::time::Duration;

    fn settled(path: &Path, text: String) {
        fs::write(path, text).unwrap();
        let old = SystemTime::now() - Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }

    fn run(job: ListingJob) -> Vec<Batch> {
        let mut batches = Vec::new();
        job.run(&mut |b| batches.push(b));
        batches
    }

    #[test]
    fn a_job_sends_every_file_in_growing_batches_and_fills_the_index() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("lib");
        fs::create_dir(&dir).unwrap();
        for i in 0..40 {
            let date = format!("2025-01-{:02}", 1 + i % 28);
            settled(&dir.join(format!("d{i:02}.json")), digest("T", &date, "a"));
        }
        let file = IndexFile::new(tmp.path().join("index.json"));
        let current = Arc::new(AtomicU64::new(1));
        let job = ListingJob::new(dir.clone(), Some(file.clone()), 1, Arc::clone(&current));
        let batches = run(job);
        let sizes: Vec<usize> = batches.iter().map(|b| b.items.len()).collect();
        assert_eq!(sizes, [16, 24], "the first batch is small");
        assert!(batches.iter().all(|b| b.total == 40 && b.generation == 1));
        assert_eq!(batches.last().map(|b| (b.listed, b.done)), Some((40, true)));
        // The index it saved gives the first frame every file, in the listing's order.
        let mut index = LibraryIndex::load(&file.path);
        let quick: Vec<PathBuf> = from_index(&dir, &mut index)
            .into_iter()
            .map(|i| i.path)
            .collect();
        let listed: Vec<PathBuf> = list_folder(&dir, None)
            .0
            .into_iter()
            .map(|i| i.path)
            .collect();
        assert_eq!(quick, listed);
        // Listed again with the index: every file is a hit, so one batch checks them all.
        let job = ListingJob::new(dir.clone(), Some(file), 2, Arc::new(AtomicU64::new(2)));
        let again = run(job);
        assert_eq!(again.len(), 1);
        assert_eq!((again[0].items.len(), again[0].done), (40, true));
    }

    #[test]
    fn a_newer_listing_stops_an_older_one() {
        let tmp = tempfile::tempdir().unwrap();
        for i in 0..40 {
            settled(
                &tmp.path().join(format!("d{i:02}.json")),
                digest("T", "2025-01-01", "a"),
            );
        }
        let current = Arc::new(AtomicU64::new(1));
        let job = ListingJob::new(tmp.path().to_path_buf(), None, 1, Arc::clone(&current));
        let mut batches = 0;
        job.run(&mut |_| {
            batches += 1;
            current.store(2, Ordering::Release);
        });
        assert_eq!(
            batches, 1,
            "stopped after the batch during which it was superseded"
        );
    }
}
