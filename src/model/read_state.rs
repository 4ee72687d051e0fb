//! TEMPORARY stand-in until the store branch lands: read marks per article id.

use std::collections::HashMap;

use crate::model::digest::ArticleId;

/// Read marks per article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadState {
    marks: HashMap<ArticleId, (bool, u64)>,
}

impl ReadState {
    /// Whether the article is marked read.
    pub fn is_read(&self, id: &ArticleId) -> bool {
        self.marks.get(id).is_some_and(|m| m.0)
    }
    /// Marks an article read or unread at `now_ms`.
    pub fn set(&mut self, id: &ArticleId, read: bool, now_ms: u64) {
        self.marks.insert(id.clone(), (read, now_ms));
    }
}
