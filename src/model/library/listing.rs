//! The library screen while its listing arrives in batches from a background thread: rows are
//! merged in as they come, in the listing's order (newest first, ties by file), and the cursor
//! stays on the digest it is on, at the same place on the screen.

use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};

use crate::model::digest::DigestKey;
use crate::model::library::{Library, LibraryRow, Source};
use crate::model::read_state::ReadState;
use crate::model::{Model, nav};

/// How far a background listing is, while it runs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    /// Files checked so far.
    pub listed: usize,
    /// Digest files in the folder, once known.
    pub total: Option<usize>,
    /// The files this listing has sent: when it ends, rows of any other file are gone. (By
    /// their bytes: hashing a `Path` walks its components, ten times slower at 10,000 rows.)
    seen: HashSet<OsString>,
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
        // Where each incoming file's row is now, looked up before anything moves.
        let places: Vec<Option<usize>> = {
            let at: HashMap<&OsStr, usize> = self
                .all
                .iter()
                .enumerate()
                .filter_map(|(i, r)| match &r.source {
                    Source::File(p) => Some((p.as_os_str(), i)),
                    _ => None,
                })
                .collect();
            batch
                .rows
                .iter()
                .map(|r| match &r.source {
                    Source::File(p) => at.get(p.as_os_str()).copied(),
                    _ => None,
                })
                .collect()
        };
        let mut changed = false;
        for (row, place) in batch.rows.into_iter().zip(places) {
            let Source::File(path) = &row.source else {
                continue;
            };
            listing.seen.insert(path.as_os_str().to_owned());
            match place {
                Some(i) if self.all[i] == row => {}
                Some(i) if row.error.is_some() && self.all[i].error.is_none() => {}
                Some(i) => {
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
                .retain(|r| !matches!(&r.source, Source::File(p) if !seen.contains(p.as_os_str())));
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
                let top = self
                    .cursor
                    .saturating_sub(offset.min(height.saturating_sub(1)));
                // Never past the end: a row arriving above the cursor in a list that fits on
                // the screen would otherwise scroll its first rows (All unread) out of view.
                let top = nav::clamp_scroll(top, self.rows.len(), height);
                self.top = nav::keep_visible(top, self.cursor, height);
            }
        }
    }
}

impl Model {
    /// Starts showing a library listed in the background: the rows shown stay until batches
    /// replace them, and the title says how far the listing is. At start-up (`first`), the
    /// digest selected last time is selected once its row arrives; a later listing leaves the
    /// cursor where the user put it.
    pub fn begin_listing(&mut self, first: bool) {
        let want = first.then(|| self.read.library_cursor().cloned()).flatten();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::library::LibraryRow;
    use std::path::PathBuf;

    fn row(name: &str, order: i64) -> LibraryRow {
        LibraryRow {
            title: name.into(),
            date: None,
            source: Source::File(PathBuf::from(format!("/lib/{name}.json"))),
            key: DigestKey(name.into()),
            ids: crate::model::ids::IdList::default(),
            error: None,
            deletable: true,
            order: Some(order),
        }
    }

    fn batch(rows: Vec<LibraryRow>, listed: usize, done: bool) -> RowBatch {
        RowBatch {
            rows,
            listed,
            total: 6,
            done,
        }
    }

    fn titles(lib: &Library) -> Vec<&str> {
        lib.rows.iter().map(|r| r.title.as_str()).collect()
    }

    fn model() -> Model {
        let area = ratatui::layout::Rect::new(0, 0, 80, 24);
        let mut m = Model::new(Library::default(), ReadState::new(), area);
        m.begin_listing(true);
        m
    }

    #[test]
    fn rows_arriving_in_batches_end_in_listing_order_whatever_order_they_come_in() {
        let mut m = model();
        m.listing_batch(batch(vec![row("c", 3), row("f", 6)], 2, false));
        assert_eq!(titles(&m.library), ["All unread", "f", "c"]);
        m.listing_batch(batch(vec![row("a", 1), row("e", 5), row("b", 1)], 5, false));
        m.listing_batch(batch(vec![row("d", 4)], 6, true));
        // Newest first; equal dates by file.
        assert_eq!(
            titles(&m.library),
            ["All unread", "f", "e", "d", "c", "a", "b"]
        );
        assert!(
            m.library.listing.is_none(),
            "the last batch ends the listing"
        );
    }

    #[test]
    fn the_cursor_stays_on_its_digest_and_its_place_on_screen_as_rows_arrive() {
        // A screen shorter than the list: three rows of digests.
        let area = ratatui::layout::Rect::new(0, 0, 80, 7);
        let mut m = Model::new(Library::default(), ReadState::new(), area);
        m.begin_listing(true);
        assert_eq!(m.library_height(), 3);
        m.listing_batch(batch(vec![row("c", 3), row("a", 1)], 2, false));
        let h = m.library_height();
        m.library.move_by(2, h);
        assert_eq!(m.library.rows[m.library.cursor].title, "a");
        let on_screen = m.library.cursor - m.library.top;
        // Newer digests arrive above the cursor, older ones below.
        m.listing_batch(batch(vec![row("f", 6), row("e", 5), row("b", 0)], 5, false));
        let lib = &m.library;
        assert_eq!(
            lib.rows[lib.cursor].title, "a",
            "the same digest is selected"
        );
        assert_eq!(
            lib.cursor - lib.top,
            on_screen,
            "and at the same screen row"
        );
        assert_eq!(titles(lib), ["All unread", "f", "e", "c", "a", "b"]);
    }

    #[test]
    fn a_list_that_fits_on_the_screen_shows_from_its_first_row_when_a_row_arrives_above() {
        // Found by hand: a digest restored from the trash above the cursor hid "All unread".
        let mut m = model();
        m.listing_batch(batch(vec![row("c", 3), row("a", 1)], 2, true));
        let h = m.library_height();
        m.library.move_by(2, h);
        m.begin_listing(false);
        m.listing_batch(batch(vec![row("c", 3), row("b", 2), row("a", 1)], 3, true));
        let lib = &m.library;
        assert_eq!(
            lib.rows[lib.cursor].title, "a",
            "the same digest is selected"
        );
        assert_eq!(lib.top, 0, "every row is on the screen, All unread first");
        assert_eq!(titles(lib), ["All unread", "c", "b", "a"]);
    }

    #[test]
    fn rows_gone_from_below_bring_the_ones_above_back_into_view() {
        let mut m = model();
        let rows = |n: i64| {
            (0..n)
                .map(|i| row(&format!("d{i:02}"), i))
                .collect::<Vec<_>>()
        };
        m.refresh_library(rows(30), None);
        let h = m.library_height();
        m.library.move_by(100, h);
        assert!(m.library.top > 0, "scrolled to the last of 31 rows");
        m.refresh_library(rows(15), None);
        assert_eq!(m.library.top, 0, "16 rows fit in {h}: none is out of view");
    }

    #[test]
    fn the_last_batch_drops_files_that_are_gone_and_a_broken_file_keeps_its_good_row() {
        let mut m = model();
        m.listing_batch(batch(vec![row("a", 1), row("b", 2), row("c", 3)], 3, true));
        m.begin_listing(true);
        let mut broken = row("b", 2);
        broken.error = Some("line 1: unexpected end".into());
        broken.title = "b.json".into();
        m.listing_batch(batch(vec![row("a", 1), broken], 2, true));
        assert_eq!(titles(&m.library), ["All unread", "b", "a"], "c is gone");
        assert!(m.library.all.iter().all(|r| r.error.is_none()));
    }

    #[test]
    fn unchanged_rows_change_nothing() {
        let mut m = model();
        assert!(m.listing_batch(batch(vec![row("a", 1), row("b", 2)], 2, false)));
        let before = m.library.clone();
        assert!(!m.listing_batch(batch(vec![row("b", 2), row("a", 1)], 2, true)));
        assert_eq!(m.library.rows, before.rows);
    }

    #[test]
    fn the_digest_last_selected_is_selected_when_it_arrives_unless_the_cursor_moved() {
        let area = ratatui::layout::Rect::new(0, 0, 80, 24);
        let mut read = ReadState::new();
        read.set_library_cursor(&DigestKey("b".into()), 1);
        let mut m = Model::new(Library::default(), read.clone(), area);
        m.begin_listing(true);
        m.listing_batch(batch(vec![row("a", 1)], 1, false));
        assert_eq!(m.library.cursor, 0);
        m.listing_batch(batch(vec![row("b", 2)], 2, false));
        assert_eq!(m.library.rows[m.library.cursor].title, "b");

        let mut m = Model::new(Library::default(), read, area);
        m.begin_listing(true);
        m.listing_batch(batch(vec![row("a", 1), row("c", 3)], 2, false));
        let h = m.library_height();
        m.library.move_by(1, h);
        m.listing_batch(batch(vec![row("b", 2)], 3, false));
        assert_eq!(
            m.library.rows[m.library.cursor].title, "c",
            "the user's choice"
        );
    }

    #[test]
    fn a_later_listing_leaves_the_cursor_where_the_user_put_it() {
        // Back from the river on "All unread": the digest opened last is not selected for it.
        let area = ratatui::layout::Rect::new(0, 0, 80, 24);
        let mut read = ReadState::new();
        read.set_library_cursor(&DigestKey("b".into()), 1);
        let mut m = Model::new(Library::default(), read, area);
        m.begin_listing(false);
        m.listing_batch(batch(vec![row("a", 1)], 1, false));
        m.listing_batch(batch(vec![row("b", 2)], 2, true));
        assert_eq!(m.library.cursor, 0);
    }
}
