//! The Starred screen: every starred article across the library, newest star first (issue 17).
//!
//! The app builds the rows (it has to read the digests for their headlines); the model moves a
//! cursor over them, stars and unstars, and asks for an article to be opened in its digest.

use crate::model::digest::{ArticleId, DigestKey};
use crate::model::nav;
use crate::model::{Effect, Source};

/// One starred article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StarredRow {
    /// The digest it is in.
    pub source: Source,
    /// The digest's key in read state (stars are kept under it).
    pub key: DigestKey,
    /// Its id in that digest.
    pub id: ArticleId,
    /// Its headline (its id when the digest could not be read).
    pub headline: String,
    /// The digest's title.
    pub digest_title: String,
    /// When it was starred, in ms since the Unix epoch.
    pub starred_at: u64,
    /// Whether it is starred now (`*` on this screen unstars a row without removing it).
    pub starred: bool,
    /// Why it cannot be opened (its digest is gone or unreadable), if it cannot.
    pub error: Option<String>,
}

/// The Starred screen's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StarredView {
    /// The starred articles, newest star first.
    pub rows: Vec<StarredRow>,
    /// The selected row.
    pub cursor: usize,
    /// First visible row.
    pub top: usize,
}

impl StarredView {
    /// Moves the cursor by `delta` and keeps it inside a viewport of `height` rows.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        self.cursor = nav::step(self.cursor, self.rows.len(), delta);
        self.top = nav::keep_visible(self.top, self.cursor, height);
    }

    /// Replaces the rows, keeping the cursor on the same article where it still is.
    pub fn set_rows(&mut self, rows: Vec<StarredRow>, height: usize) {
        let keep = self
            .rows
            .get(self.cursor)
            .map(|r| (r.source.clone(), r.id.clone()));
        self.rows = rows;
        self.cursor = keep
            .and_then(|(s, id)| self.rows.iter().position(|r| r.source == s && r.id == id))
            .unwrap_or(self.cursor)
            .min(self.rows.len().saturating_sub(1));
        self.top = nav::keep_visible(self.top.min(self.cursor), self.cursor, height);
    }

    /// What opening the selected row asks of the app, or why it cannot be opened.
    pub fn open(&self) -> Result<Vec<Effect>, Option<String>> {
        match self.rows.get(self.cursor) {
            Some(row) if row.error.is_some() => Err(row.error.clone()),
            Some(row) => Ok(vec![Effect::OpenArticle(
                row.source.clone(),
                row.id.0.to_string(),
            )]),
            None => Err(None),
        }
    }
}
