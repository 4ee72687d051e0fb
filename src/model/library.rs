//! The library screen: saved digests, newest first, and the cursor over them.

use std::path::PathBuf;

use crate::format::Digest;
use crate::model::digest::{ArticleId, DigestKey};
use crate::model::nav;
use crate::model::read_state::ReadState;

/// Where a digest comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The sample compiled into newsdeck.
    Bundled,
    /// A file on disk.
    File(PathBuf),
    /// Read from stdin or downloaded, held in memory; the name is what messages call it.
    Memory(String),
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
    /// Its articles' keys, for the unread count.
    pub ids: Vec<ArticleId>,
    /// Why it cannot be opened, if it cannot.
    pub error: Option<String>,
    /// True when `d` may delete it (a copy in the library folder).
    pub deletable: bool,
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
        }
    }

    /// How many of its articles are unread.
    pub fn unread(&self, read: &ReadState) -> usize {
        read.unread_count(&self.key, self.ids.iter())
    }
}

/// The library screen's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    /// What the screen is a list of ("Library", or the folder given on the command line).
    pub title: String,
    /// The digests, newest first.
    pub rows: Vec<LibraryRow>,
    /// The selected row.
    pub cursor: usize,
    /// First visible row.
    pub top: usize,
    /// A hint shown under the list (how to add digests when the library is empty).
    pub hint: Option<String>,
}

impl Library {
    /// Moves the cursor by `delta` and keeps it inside a viewport of `height` rows.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        self.cursor = nav::step(self.cursor, self.rows.len(), delta);
        self.top = nav::keep_visible(self.top, self.cursor, height);
    }

    /// Replaces the rows, keeping the cursor on the same digest where it still exists.
    pub fn set_rows(&mut self, rows: Vec<LibraryRow>, height: usize) {
        let keep = self.rows.get(self.cursor).map(|r| r.source.clone());
        self.rows = rows;
        self.cursor = keep
            .and_then(|s| self.rows.iter().position(|r| r.source == s))
            .unwrap_or(self.cursor)
            .min(self.rows.len().saturating_sub(1));
        self.top = nav::keep_visible(self.top.min(self.cursor), self.cursor, height);
    }
}
