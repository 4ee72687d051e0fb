//! The library screen while its listing arrives in batches from a background thread: rows are
//! merged in as they come, in the listing's order (newest first, ties by file), and the cursor
//! stays on the digest it is on, at the same place on the screen.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::model::digest::DigestKey;
use crate::model::read_state::ReadState;
use crate::model::library::{Library, LibraryRow, Source};
use crate::model::{Model, nav};

/// How far a background listing is, while it runs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    /// Files checked so far.
    pub listed: usize,
    /// Digest files in the folder, once known.
    pub total: Option<usize>,
    /// The files this listing has sent: when it ends, rows of any other file are gone.
    seen: HashSet<PathBuf>,
    /// The digest the cursor was on last time, to select when its row arrives (unless the
    /// cursor has moved meanwhile).
    want: Option<DigestKey>,
}

impl Listing {
    /// A listing about to start; `want` is the digest to select once its row arrives.
    pub fn new(want: Option<DigestKey>) -> Listing {
        Listing {
            want,
            ..Listing::default()
        }
    }
}

/// One batch of a background listing, as rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowBatch {
    /// Rows for some of the files.
    pub rows: Vec<LibraryRow>,
    /// Files checked so far, this batch included.
    pub listed: usize,
    /// Digest files in the folder.
    pub total: usize,
    /// The last batch: rows of files it did not send are gone.
    pub done: bool,
}

impl Library {
    /// Merges a batch of rows from the listing: new files are added, changed ones replaced
    /// (but a file that does not read now keeps its good row: it may be half written), and on
    /// the last batch rows of files the listing did not find are removed. Returns whether the
    /// rows changed.
    pub fn merge_batch(&mut self, batch: RowBatch) -> bool {
        let listing = self.listing.get_or_insert_with(Listing::default);
        listing.listed = batch.listed;
        listing.total = Some(batch.total);
        let at: HashMap<PathBuf, usize> = self
            .all
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match &r.source {
                Source::File(p) => Some((p.clone(), i)),
                _ => None,
            })
            .collect();
        let mut changed = false;
        for row in batch.rows {
            let Source::File(path) = &row.source else {
                continue;
            };
            listing.seen.insert(path.clone());
            match at.get(path) {
                Some(&i) if self.all[i] == row => {}
                Some(&i) if row.error.is_some() && self.all[i].error.is_none() => {}
                Some(&i) => {
                    self.all[i] = row;
                    changed = true;
                }
                None => {
                    self.all.push(row);
                    changed = true;
                }
            }
        }
        if batch.done {
            let seen = std::mem::take(&mut listing.seen);
            let before = self.all.len();
            self.all
                .retain(|r| !matches!(&r.source, Source::File(p) if !seen.contains(p)));
            changed |= self.all.len() != before;
        }
        if changed {
            // Non-file rows (the sample, special rows) first; the rest newest first, by file.
            // Mostly sorted already, so this is close to one pass.
            self.all.sort_by(|a, b| {
                let file = |r: &LibraryRow| matches!(r.source, Source::File(_));
                file(a)
                    .cmp(&file(b))
                    .then_with(|| b.order.cmp(&a.order))
                    .then_with(|| match (&a.source, &b.source) {
                        (Source::File(x), Source::File(y)) => x.cmp(y),
                        _ => std::cmp::Ordering::Equal,
                    })
            });
        }
        changed
    }

    /// Computes the shown rows again after a batch, keeping the cursor on its digest and that
    /// digest's row where it was on the screen (rows arriving above it push the view, not the
    /// cursor); selects the digest remembered from last time when it arrives.
    pub(crate) fn recompute_keeping_place(&mut self, read: &ReadState, height: usize) {
        let offset = self.cursor.saturating_sub(self.top);
        self.recompute(read, height);
        let want = self.listing.as_mut().and_then(|l| l.want.take());
        match want {
            // Untouched cursor: the remembered digest, once it is shown.
            Some(key) if self.cursor == 0 => {
                if self.rows.iter().any(|r| r.key == key) {
                    self.select_key(&key, height);
                } else if let Some(l) = self.listing.as_mut() {
                    l.want = Some(key);
                }
            }
            _ => {
                let top = self.cursor.saturating_sub(offset.min(height.saturating_sub(1)));
                self.top = nav::keep_visible(top, self.cursor, height);
            }
        }
    }
}

impl Model {
    /// Starts showing a library listed in the background: the rows shown stay until batches
    /// replace them, and the title says how far the listing is.
    pub fn begin_listing(&mut self) {
        let want = self.read.library_cursor().cloned();
        self.library.listing = Some(Listing::new(want));
    }

    /// Takes in one batch of the background listing; the last one ends it. Returns whether
    /// the rows changed.
    pub fn listing_batch(&mut self, batch: RowBatch) -> bool {
        let done = batch.done;
        let changed = self.library.merge_batch(batch);
        if changed {
            let h = self.library_height();
            self.library.recompute_keeping_place(&self.read, h);
        }
        if done {
            self.library.listing = None;
        }
        changed
    }
}
