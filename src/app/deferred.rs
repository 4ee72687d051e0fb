//! The app's side of listing the library in the background (issue 16, budget 3): the first
//! frame comes from the library index alone, and listing jobs run on another thread, their
//! batches handed back with [`App::listed`]. Only the terminal loop works this way
//! ([`App::start_deferred`]); `snapshot` and tests list in full before the first frame.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::rows::row_for;
use super::{App, Target};
use crate::model::listing::RowBatch;
use crate::model::{Library, LibraryRow, Source};
use crate::store::index::LibraryIndex;
use crate::store::listing_job::{self, Batch, ListingJob};

/// Background listing: whether it is on, and the job waiting for the loop to start it.
#[derive(Default)]
pub(crate) struct Deferred {
    /// True when listings run in the background (the terminal loop starts the jobs).
    pub(crate) on: bool,
    /// The number of the latest listing asked for; a running job stops when it changes.
    current: Arc<AtomicU64>,
    /// A listing asked for and not started yet.
    pending: Option<ListingJob>,
}

impl App {
    /// Whether the library's listing runs in the background.
    pub(super) fn deferred_library(&self) -> bool {
        self.bg.on && self.target == Target::Library && self.library.is_some()
    }

    /// The library screen's first rows, from the index alone (no file is looked at), and a
    /// listing job queued to check them; `None` when the library has no digest at all (then
    /// the bundled sample shows, as without background listing).
    pub(super) fn first_listing(&mut self) -> Option<Library> {
        let lib = self.library.as_ref()?;
        let mut index = lib
            .index_file()
            .map(|f| LibraryIndex::load(&f.path))
            .unwrap_or_default();
        let items = listing_job::from_index(lib.dir(), &mut index);
        drop(index);
        if items.is_empty() && !listing_job::has_digests(lib.dir()) {
            return None;
        }
        let rows = items.into_iter().map(|i| row_for(i, true)).collect();
        // The job reads the index again on its own thread: keeping this one for it would
        // hold a second copy of the library's listing in memory for the first frame.
        self.bg.pending = self.new_job();
        Some(Library {
            title: "Library".to_string(),
            rows,
            ..Library::default()
        })
    }

    /// Asks for the library to be listed again in the background (the rows shown stay until
    /// batches replace them); a listing still running stops.
    pub(super) fn request_listing(&mut self) {
        self.bg.pending = self.new_job();
        if self.bg.pending.is_some() {
            self.model.begin_listing(false);
        }
    }

    fn new_job(&self) -> Option<ListingJob> {
        let lib = self.library.as_ref()?;
        let generation = self.bg.current.fetch_add(1, Ordering::AcqRel) + 1;
        Some(ListingJob::new(
            lib.dir().to_path_buf(),
            lib.index_file().cloned(),
            generation,
            Arc::clone(&self.bg.current),
        ))
    }

    /// The listing job to start on another thread, if one is waiting; hand each batch it sends
    /// to [`App::listed`].
    pub fn take_listing_job(&mut self) -> Option<ListingJob> {
        self.bg.pending.take()
    }

    /// Takes in a batch of a background listing (one of an older listing is dropped).
    pub fn listed(&mut self, batch: Batch) {
        if batch.generation != self.bg.current.load(Ordering::Acquire) {
            return;
        }
        let done = batch.done;
        self.model.listing_batch(RowBatch {
            rows: batch.items.into_iter().map(|i| row_for(i, true)).collect(),
            listed: batch.listed,
            total: batch.total,
            done,
        });
        let lib = &self.model.library;
        let files = lib.all.iter().any(|r| matches!(r.source, Source::File(_)));
        let sample = lib.all.iter().any(|r| r.source == Source::Bundled);
        if done && !files && !sample {
            // Every digest is gone: the empty library's sample and hint, as at start.
            let view = self.with_starred(self.with_sample(Library {
                title: "Library".to_string(),
                ..Library::default()
            }));
            self.model.refresh_library(view.rows, view.hint);
        } else if files && sample {
            // The first digest arrived in an empty library: the sample makes way.
            let rows: Vec<LibraryRow> = lib
                .all
                .iter()
                .filter(|r| r.source != Source::Bundled)
                .cloned()
                .collect();
            self.model.refresh_library(rows, None);
        }
    }

    /// The library screen again after something may have changed (back from the reader, a
    /// file deleted or restored, files changed on disk): the Starred row now, the digests by a
    /// background listing.
    pub(super) fn refresh_deferred(&mut self) {
        let mut rows: Vec<LibraryRow> = self
            .model
            .library
            .all
            .iter()
            .filter(|r| r.source != Source::Starred)
            .cloned()
            .collect();
        let starred = self.with_starred(Library::default()).rows;
        rows.splice(0..0, starred);
        let hint = self.model.library.hint.clone();
        self.model.refresh_library(rows, hint);
        self.request_listing();
    }
}
