//! The library screen: saved digests, newest first, and the cursor over them.

use std::path::PathBuf;

use crate::format::Digest;
use crate::model::digest::DigestKey;
use crate::model::ids::IdList;
use crate::model::nav;
use crate::model::prompt::Prompt;
use crate::model::read_state::ReadState;

mod listing;
pub use listing::{Listing, RowBatch};

/// Where a digest comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The sample compiled into newsdeck.
    Bundled,
    /// A file on disk.
    File(PathBuf),
    /// Not a digest: the library screen's "Starred" row, which opens the Starred screen.
    Starred,
    /// Read from stdin or downloaded, held in memory; the name is what messages call it.
    Memory(String),
    /// The "All unread" river, assembled by the app from every digest of the library. Special
    /// rows at the top of the library are `Source` variants like this one (a "Starred" row slots
    /// in the same way): a row's kind is where opening it comes from.
    AllUnread,
}

impl Source {
    /// True for a special row (not one digest file or the sample).
    pub fn is_special(&self) -> bool {
        matches!(self, Source::AllUnread | Source::Starred)
    }
}

/// What the library screen sorts its digests by; `s` cycles through them in this order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortKey {
    /// Newest first (the listing's order: `published`, else the file's time).
    #[default]
    Date,
    /// Most unread first, then newest.
    Unread,
    /// By title, A to Z (case-insensitive), then newest.
    Title,
}

impl SortKey {
    /// The next key in the cycle.
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Date => SortKey::Unread,
            SortKey::Unread => SortKey::Title,
            SortKey::Title => SortKey::Date,
        }
    }

    /// How the title names it.
    pub fn name(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Unread => "unread",
            SortKey::Title => "title",
        }
    }
}

/// The key the "All unread" row is remembered by as the library cursor.
pub fn all_unread_key() -> DigestKey {
    DigestKey("special:all-unread".into())
}

/// One digest on the library screen.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryRow {
    /// The digest's title.
    pub title: String,
    /// When it was published, as written (or the file's date).
    pub date: Option<String>,
    /// Where it lives.
    pub source: Source,
    /// Which digest it is, for read state.
    pub key: DigestKey,
    /// Its articles' keys, for the unread count (shared: the shown rows are copies of these).
    pub ids: IdList,
    /// Why it cannot be opened, if it cannot.
    pub error: Option<String>,
    /// True when `d` may delete it (a copy in the library folder).
    pub deletable: bool,
    /// Where the listing puts it, newest first (its date in seconds: `published`, else the
    /// file's time); `None` goes last. Rows arriving in batches are merged by it.
    pub order: Option<i64>,
}

impl LibraryRow {
    /// The row for a digest that is loaded already (not deletable: only library files are).
    pub fn from_digest(d: &Digest, source: Source) -> Self {
        LibraryRow {
            title: d.title.clone(),
            date: d.published.clone(),
            source,
            key: d.key.clone(),
            ids: d.entries.iter().map(|e| e.id.clone()).collect(),
            error: None,
            deletable: false,
            order: crate::date::sort_key(d.published.as_deref(), None),
        }
    }

    /// How many of its articles are unread.
    pub fn unread(&self, read: &ReadState) -> usize {
        read.unread_in(&self.key, &self.ids)
    }
}

/// The library screen's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    /// What the screen is a list of ("Library", or the folder given on the command line).
    pub title: String,
    /// The rows shown: special rows first, then the digests that pass the filter, in sort order.
    pub rows: Vec<LibraryRow>,
    /// Every digest, newest first, as listed (the rows are computed from these).
    pub all: Vec<LibraryRow>,
    /// The selected row.
    pub cursor: usize,
    /// First visible row.
    pub top: usize,
    /// A hint shown under the list (how to add digests when the library is empty).
    pub hint: Option<String>,
    /// The filter text; empty means every digest.
    pub filter: String,
    /// True while the filter is being typed.
    pub filter_editing: bool,
    /// The filter's line editor (cursor, recall); `filter` follows its text.
    pub prompt: Prompt,
    /// What the digests are sorted by.
    pub sort: SortKey,
    /// While the library is being listed in the background: how far it is.
    pub listing: Option<Listing>,
}

impl Library {
    /// Moves the cursor by `delta` and keeps it inside a viewport of `height` rows.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        self.cursor = nav::step(self.cursor, self.rows.len(), delta);
        self.top = nav::keep_visible(self.top, self.cursor, height);
    }

    /// Replaces the digests, keeping the cursor on the same row where it still exists.
    pub fn set_rows(&mut self, rows: Vec<LibraryRow>, read: &ReadState, height: usize) {
        self.all = rows;
        self.recompute(read, height);
    }

    /// Computes the shown rows again (after the digests, the filter, the sort or read marks
    /// changed), keeping the cursor on the same row where it is still shown.
    pub fn recompute(&mut self, read: &ReadState, height: usize) {
        let keep = self.rows.get(self.cursor).map(|r| r.source.clone());
        let terms: Vec<String> = self
            .filter
            .to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let mut rows: Vec<LibraryRow> = self
            .all
            .iter()
            .filter(|r| !r.source.is_special() && terms.iter().all(|t| row_matches(r, t)))
            .cloned()
            .collect();
        // A stable sort keeps the listing's newest-first order among equals.
        match self.sort {
            SortKey::Date => {}
            SortKey::Unread => rows.sort_by_cached_key(|r| std::cmp::Reverse(r.unread(read))),
            SortKey::Title => rows.sort_by_cached_key(|r| r.title.to_lowercase()),
        }
        if self.all.iter().any(|r| matches!(r.source, Source::File(_))) {
            rows.insert(0, all_unread_row());
        }
        // Other special rows (Starred) stay on top, unfiltered and unsorted.
        let specials = self.all.iter().filter(|r| r.source.is_special()).cloned();
        rows.splice(0..0, specials);
        self.rows = rows;
        self.cursor = keep
            .and_then(|s| self.rows.iter().position(|r| r.source == s))
            .unwrap_or(self.cursor)
            .min(self.rows.len().saturating_sub(1));
        // Never past the end: rows gone from below would leave blank lines under the last row
        // while rows above it are out of view.
        let top = nav::clamp_scroll(self.top.min(self.cursor), self.rows.len(), height);
        self.top = nav::keep_visible(top, self.cursor, height);
    }

    /// Unread articles across every digest (the "All unread" row's count).
    pub fn total_unread(&self, read: &ReadState) -> usize {
        self.all
            .iter()
            .filter(|r| r.error.is_none() && !r.source.is_special())
            .map(|r| r.unread(read))
            .sum()
    }

    /// Puts the cursor on the row of digest `key`, if it is shown.
    pub fn select_key(&mut self, key: &DigestKey, height: usize) {
        if let Some(i) = self.rows.iter().position(|r| &r.key == key) {
            self.cursor = i;
            self.top = nav::keep_visible(self.top, self.cursor, height);
        }
    }

    /// The digest rows in library order (as shown, without special rows) from the row after the
    /// one of `key` onwards (`forward`), or before it backwards: where `n`/`N` go next.
    pub fn neighbours(&self, key: &DigestKey, forward: bool) -> Vec<&LibraryRow> {
        let digests: Vec<&LibraryRow> = self
            .rows
            .iter()
            .filter(|r| !r.source.is_special() && r.error.is_none())
            .collect();
        let at = digests.iter().position(|r| &r.key == key);
        match (at, forward) {
            (Some(i), true) => digests[i + 1..].to_vec(),
            (Some(i), false) => digests[..i].iter().rev().copied().collect(),
            (None, true) => digests,
            (None, false) => digests.into_iter().rev().collect(),
        }
    }
}

/// Whether a digest row matches one lower-cased filter word (its title, date or file name).
fn row_matches(row: &LibraryRow, term: &str) -> bool {
    let in_path = match &row.source {
        Source::File(p) => p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().to_lowercase().contains(term)),
        _ => false,
    };
    in_path
        || row.title.to_lowercase().contains(term)
        || row.date.as_deref().is_some_and(|d| d.contains(term))
}

/// The "All unread" row; its counts are the library's totals, which the screen computes.
fn all_unread_row() -> LibraryRow {
    LibraryRow {
        title: "All unread".into(),
        date: None,
        source: Source::AllUnread,
        key: all_unread_key(),
        ids: IdList::default(),
        error: None,
        deletable: false,
        order: None,
    }
}
