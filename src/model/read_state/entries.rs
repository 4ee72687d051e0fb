//! One entry of the read state and how two copies of it merge: a value with the time it was
//! set ([`Stamped`]), where the newer change wins, and a digest's marks, stars and last article.

use std::collections::BTreeMap;

use crate::model::digest::ArticleId;

/// How far in the future a change may be dated before it is taken for a wrong clock: a day.
pub const FUTURE_ALLOWANCE_MS: u64 = 24 * 60 * 60 * 1000;

/// A value and when it was set, in milliseconds since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamped<T> {
    /// The value.
    pub value: T,
    /// When it was set, in ms since the Unix epoch.
    pub changed: u64,
}

impl<T: Ord> Stamped<T> {
    /// The entry that survives a merge of `self` and `other`.
    ///
    /// The newer change wins; on equal times the greater value (for marks and stars: `true`), so
    /// the result does not depend on the order of the arguments (merge is commutative,
    /// associative and idempotent).
    pub fn winner(self, other: Self) -> Self {
        if (other.changed, &other.value) > (self.changed, &self.value) {
            other
        } else {
            self
        }
    }
}

/// One article's read mark (`value`: read) or star (`value`: starred).
pub type Mark = Stamped<bool>;

/// What is kept about one digest's articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DigestState {
    /// Read marks by article key.
    pub read: BTreeMap<ArticleId, Mark>,
    /// Stars by article key (an unstarred entry is kept, like an unread mark).
    pub stars: BTreeMap<ArticleId, Mark>,
    /// The article last opened in this digest.
    pub last_opened: Option<Stamped<ArticleId>>,
}

impl DigestState {
    /// Merges `other` in: per entry, the newer change wins.
    pub(super) fn merge(&mut self, other: &DigestState) {
        for (id, m) in &other.read {
            put(&mut self.read, id, *m);
        }
        for (id, m) in &other.stars {
            put(&mut self.stars, id, *m);
        }
        merge_opt(&mut self.last_opened, other.last_opened.as_ref());
    }

    /// Dates no change later than a day after `now_ms` (see [`clamped`]).
    pub(super) fn clamp(&mut self, now_ms: u64) {
        let marks = self.read.values_mut().chain(self.stars.values_mut());
        marks.for_each(|m| m.changed = clamped(m.changed, now_ms));
        if let Some(l) = &mut self.last_opened {
            l.changed = clamped(l.changed, now_ms);
        }
    }
}

/// `changed`, or `now_ms` when it lies further in the future than a wrong clock explains.
pub(super) fn clamped(changed: u64, now_ms: u64) -> u64 {
    if changed > now_ms.saturating_add(FUTURE_ALLOWANCE_MS) {
        now_ms
    } else {
        changed
    }
}

/// Puts `mark` for `id` into `map`, where it wins over the mark there (see [`Stamped::winner`]).
pub(super) fn put(map: &mut BTreeMap<ArticleId, Mark>, id: &ArticleId, mark: Mark) {
    match map.get_mut(id) {
        Some(m) => *m = m.winner(mark),
        None => {
            map.insert(id.clone(), mark);
        }
    }
}

/// Merges an optional stamped value: the winner of the two, or whichever there is.
pub(super) fn merge_opt<T: Ord + Clone>(
    mine: &mut Option<Stamped<T>>,
    theirs: Option<&Stamped<T>>,
) {
    if let Some(t) = theirs {
        *mine = Some(match mine.take() {
            Some(m) => m.winner(t.clone()),
            None => t.clone(),
        });
    }
}
