//! What the list's view covers: why it is empty, and which articles `A` marks read (those
//! shown when a filter or unread-only narrows the list, else the whole digest).

use crate::model::Effect;
use crate::model::read_state::ReadState;
use crate::model::reader::{Ctx, Reader};

/// Why the article list is empty, so the screen can name the cause and the key that leaves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmptyList {
    /// The digest has no articles at all.
    NoArticles,
    /// Unread-only is on and every article is read.
    NothingUnread,
    /// The filter has matched nothing yet and is still searching.
    Filtering,
    /// The filter matches nothing (among the unread ones, when `unread_only`).
    NoMatch {
        /// Unread-only is on too.
        unread_only: bool,
    },
}

impl Reader {
    /// Why the list is empty (None: it is not).
    pub fn empty_list(&self) -> Option<EmptyList> {
        if !self.shown.is_empty() {
            return None;
        }
        Some(if self.digest.entries.is_empty() {
            EmptyList::NoArticles
        } else if self.filtering.is_some() {
            EmptyList::Filtering
        } else if self.filter.is_empty() {
            EmptyList::NothingUnread
        } else {
            EmptyList::NoMatch {
                unread_only: self.unread_only,
            }
        })
    }

    /// True when the list shows a subset of the digest (a filter or unread-only is on): `A` then
    /// marks only what is shown.
    pub fn narrowed(&self) -> bool {
        !self.filter.is_empty() || self.unread_only
    }

    /// How many articles `A` would mark read: the unread ones shown when the list is narrowed,
    /// else every unread one of the digest.
    pub fn unread_in_scope(&self, read: &ReadState) -> usize {
        if self.narrowed() {
            self.shown
                .iter()
                .filter(|&&i| !self.is_read(read, i as usize))
                .count()
        } else {
            self.unread
        }
    }

    /// Marks read what `A` covers: the articles shown when the list is narrowed (a filter or
    /// unread-only), else the whole digest.
    pub(super) fn mark_all_read(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let ids: Vec<usize> = if self.narrowed() {
            self.shown.iter().map(|&i| i as usize).collect()
        } else {
            (0..self.digest.entries.len()).collect()
        };
        let mut changed = 0usize;
        for i in ids {
            // Through `ctx.mark`, so `U` can undo it; in the river, in the article's own digest.
            if ctx.mark(self.key_of(i), &self.digest.entries[i].id, true) {
                changed += 1;
            }
        }
        *ctx.notice = Some(if self.narrowed() {
            format!("Marked {} shown article{} read", changed, plural(changed))
        } else {
            "Marked every article read".into()
        });
        if changed > 0 {
            return vec![Effect::SaveState];
        }
        vec![]
    }
}

/// "s" for a count other than one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
