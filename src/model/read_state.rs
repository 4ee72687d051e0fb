//! What the user has done with articles, kept across launches: read marks, stars, the last article
//! opened in each digest and the library cursor. Pure: no IO.
//!
//! Everything is keyed by article identity, digest key + article key (see
//! [`crate::model::digest::Identity`]), never by file path, so moving a digest keeps its marks
//! and two digests that both number their articles "1", "2", ... never share them.
//!
//! Every entry carries when it changed, so two copies of the state (two processes, or two
//! machines syncing one file) merge without losing either side's changes: per entry, the newer
//! change wins. Marks from state files of version 1, which were keyed by article key alone, are
//! kept apart as *legacy* marks until [`ReadState::migrate`] can tell which digest they belong to.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::model::digest::{ArticleId, DigestKey, Identity};

mod entries;

pub use entries::{DigestState, FUTURE_ALLOWANCE_MS, Mark, Stamped};
use entries::{clamped, merge_opt, put};

/// Read marks, stars and positions keyed by article identity.
///
/// An unread mark is kept rather than removed: it records that the article was marked unread at
/// that time, so a merge with an older "read" elsewhere does not bring the old mark back. The
/// same goes for unstarring.
#[derive(Debug, Clone, Default)]
pub struct ReadState {
    /// Shared, copied on write, each digest's entries too: a [`ReadMarks`] snapshot for another
    /// thread costs one reference count, and a change afterwards copies the map of digests and
    /// the one digest it touches, once, only while a snapshot is still held.
    digests: Arc<Digests>,
    cursor: Option<Stamped<DigestKey>>,
    /// Version-1 marks not yet known to belong to exactly one digest; kept, never dropped.
    legacy: BTreeMap<ArticleId, Mark>,
    /// Which digest a legacy article key was found to belong to (by [`ReadState::migrate`]), so
    /// that the same legacy mark arriving again (from the old file, at a save) goes there too.
    /// In memory only.
    carry: BTreeMap<ArticleId, DigestKey>,
    /// The local changes (`set`, `set_star`, `set_last_opened`, `set_library_cursor`) since the
    /// last [`ReadState::take_changes`]: what a save has to send, so that saving never copies the
    /// whole state on the UI thread. In memory only.
    pending: Option<Box<ReadState>>,
}

/// Each digest's entries, by digest key.
type Digests = BTreeMap<DigestKey, Arc<DigestState>>;

/// The read marks of a [`ReadState`] as they were when taken, for another thread (the All
/// unread river): taking it copies nothing, and the state goes on changing without it.
#[derive(Debug, Clone, Default)]
pub struct ReadMarks(Arc<Digests>);

impl ReadMarks {
    /// Whether the article was marked read when the snapshot was taken.
    pub fn is_read(&self, digest: &DigestKey, id: &ArticleId) -> bool {
        let d = self.0.get(digest);
        d.and_then(|d| d.read.get(id)).is_some_and(|m| m.value)
    }
}

/// Two states are equal when they hold the same entries, whatever is waiting to be saved.
impl PartialEq for ReadState {
    fn eq(&self, other: &Self) -> bool {
        (&self.digests, &self.cursor, &self.legacy, &self.carry)
            == (&other.digests, &other.cursor, &other.legacy, &other.carry)
    }
}

impl Eq for ReadState {}

impl ReadState {
    /// An empty state: nothing read.
    pub fn new() -> Self {
        Self::default()
    }

    /// The read marks as they are now, for another thread; copies nothing (see [`ReadMarks`]).
    pub fn marks(&self) -> ReadMarks {
        ReadMarks(Arc::clone(&self.digests))
    }

    /// Whether the article is marked read.
    pub fn is_read(&self, digest: &DigestKey, id: &ArticleId) -> bool {
        self.get(digest, id).is_some_and(|m| m.value)
    }

    /// The article's read mark, if it was ever marked.
    pub fn get(&self, digest: &DigestKey, id: &ArticleId) -> Option<Mark> {
        self.digests.get(digest)?.read.get(id).copied()
    }

    /// Marks an article read or unread at time `now_ms`.
    ///
    /// The stored time is at least one past the previous mark's, so a local change always
    /// supersedes the mark it replaces even if the clock stepped backwards meanwhile.
    pub fn set(&mut self, digest: &DigestKey, id: &ArticleId, read: bool, now_ms: u64) {
        let marks = &mut self.digest_mut(digest).read;
        let changed = after(marks.get(id).map(|m| m.changed), now_ms);
        let mark = Stamped {
            value: read,
            changed,
        };
        marks.insert(id.clone(), mark);
        self.pending().insert(digest, id, mark);
    }

    /// The local changes since the last call, as a state of their own (see `pending`).
    pub fn take_changes(&mut self) -> ReadState {
        self.pending.take().map(|b| *b).unwrap_or_default()
    }

    /// How many entries (marks, stars, positions) this state holds: for saying how many changes
    /// a failed save lost.
    pub fn entries(&self) -> usize {
        let per_digest = self
            .digests
            .values()
            .map(|d| d.read.len() + d.stars.len() + usize::from(d.last_opened.is_some()));
        per_digest.sum::<usize>() + usize::from(self.cursor.is_some()) + self.legacy.len()
    }

    /// The entries of `self` that would change `base` if merged into it: what another copy has
    /// that `base` lacks (for handing a save's news to the screen without copying everything).
    pub fn news_for(&self, base: &ReadState) -> ReadState {
        let mut news = ReadState::new();
        let wins =
            |mine: Option<&Mark>, theirs: &Mark| mine.is_none_or(|m| m.winner(*theirs) != *m);
        for (key, d) in self.digests.iter() {
            let b = base.digests.get(key);
            for (id, m) in &d.read {
                if wins(b.and_then(|b| b.read.get(id)), m) {
                    news.insert(key, id, *m);
                }
            }
            for (id, m) in &d.stars {
                if wins(b.and_then(|b| b.stars.get(id)), m) {
                    news.insert_star(key, id, *m);
                }
            }
            if let Some(l) = &d.last_opened {
                let old = b.and_then(|b| b.last_opened.as_ref());
                if old.is_none_or(|o| o.clone().winner(l.clone()) != *o) {
                    news.insert_last_opened(key, l.clone());
                }
            }
        }
        if let Some(c) = &self.cursor
            && base
                .cursor
                .as_ref()
                .is_none_or(|o| o.clone().winner(c.clone()) != *o)
        {
            news.insert_library_cursor(c.clone());
        }
        for (id, m) in &self.legacy {
            if wins(base.legacy.get(id), m) {
                news.legacy.insert(id.clone(), *m);
            }
        }
        news
    }

    fn pending(&mut self) -> &mut ReadState {
        self.pending.get_or_insert_default()
    }

    /// Puts a read mark in as it is (as read from a file), merging with any mark already there.
    pub fn insert(&mut self, digest: &DigestKey, id: &ArticleId, mark: Mark) {
        put(&mut self.digest_mut(digest).read, id, mark);
    }

    /// Whether the article is starred.
    pub fn is_starred(&self, digest: &DigestKey, id: &ArticleId) -> bool {
        self.digests
            .get(digest)
            .and_then(|d| d.stars.get(id))
            .is_some_and(|m| m.value)
    }

    /// Stars or unstars an article at time `now_ms` (later than the previous change, as [`set`]).
    ///
    /// [`set`]: ReadState::set
    pub fn set_star(&mut self, digest: &DigestKey, id: &ArticleId, starred: bool, now_ms: u64) {
        let stars = &mut self.digest_mut(digest).stars;
        let changed = after(stars.get(id).map(|m| m.changed), now_ms);
        let star = Stamped {
            value: starred,
            changed,
        };
        stars.insert(id.clone(), star);
        self.pending().insert_star(digest, id, star);
    }

    /// Puts a star entry in as it is (as read from a file), merging with any already there.
    pub fn insert_star(&mut self, digest: &DigestKey, id: &ArticleId, star: Mark) {
        put(&mut self.digest_mut(digest).stars, id, star);
    }

    /// Every starred article with when it was starred, newest star first (ties in identity order).
    pub fn starred(&self) -> Vec<(Identity, u64)> {
        let mut all: Vec<(Identity, u64)> = self
            .digests
            .iter()
            .flat_map(|(key, d)| {
                d.stars.iter().filter(|(_, m)| m.value).map(|(id, m)| {
                    let identity = Identity {
                        digest: key.clone(),
                        article: id.clone(),
                    };
                    (identity, m.changed)
                })
            })
            .collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        all
    }

    /// The article last opened in `digest`, if one was.
    pub fn last_opened(&self, digest: &DigestKey) -> Option<&ArticleId> {
        let d = self.digests.get(digest)?;
        d.last_opened.as_ref().map(|l| &l.value)
    }

    /// Records that article `id` of `digest` was opened at `now_ms`.
    pub fn set_last_opened(&mut self, digest: &DigestKey, id: &ArticleId, now_ms: u64) {
        let last = &mut self.digest_mut(digest).last_opened;
        let changed = after(last.as_ref().map(|l| l.changed), now_ms);
        let entry = Stamped {
            value: id.clone(),
            changed,
        };
        *last = Some(entry.clone());
        self.pending().insert_last_opened(digest, entry);
    }

    /// Puts a last-opened entry in as it is (as read from a file), newer wins.
    pub fn insert_last_opened(&mut self, digest: &DigestKey, last: Stamped<ArticleId>) {
        merge_opt(&mut self.digest_mut(digest).last_opened, Some(&last));
    }

    /// The digest the library cursor was last on.
    pub fn library_cursor(&self) -> Option<&DigestKey> {
        self.cursor.as_ref().map(|c| &c.value)
    }

    /// The library cursor with when it was set (for saving).
    pub fn library_cursor_entry(&self) -> Option<&Stamped<DigestKey>> {
        self.cursor.as_ref()
    }

    /// Records that the library cursor moved to `digest` at `now_ms`.
    pub fn set_library_cursor(&mut self, digest: &DigestKey, now_ms: u64) {
        let changed = after(self.cursor.as_ref().map(|c| c.changed), now_ms);
        let cursor = Stamped {
            value: digest.clone(),
            changed,
        };
        self.cursor = Some(cursor.clone());
        self.pending().insert_library_cursor(cursor);
    }

    /// Puts a library cursor in as it is (as read from a file), newer wins.
    pub fn insert_library_cursor(&mut self, cursor: Stamped<DigestKey>) {
        merge_opt(&mut self.cursor, Some(&cursor));
    }

    /// Keeps a version-1 mark, keyed by article key alone, until it can be migrated; one whose
    /// digest is already known (see [`ReadState::migrate`]) goes straight to it.
    pub fn insert_legacy(&mut self, id: &ArticleId, mark: Mark) {
        match self.carry.get(id).cloned() {
            Some(digest) => self.insert(&digest, id, mark),
            None => put(&mut self.legacy, id, mark),
        }
    }

    /// The version-1 marks not migrated yet.
    pub fn legacy(&self) -> impl Iterator<Item = (&ArticleId, Mark)> {
        self.legacy.iter().map(|(id, m)| (id, *m))
    }

    /// Moves each legacy mark whose article key occurs in exactly one of `library`'s digests
    /// (digest key, article keys) to that digest; the rest stay legacy. Returns how many moved.
    ///
    /// The library must be the whole library: an id found once in part of it could be in
    /// another digest too.
    pub fn migrate<'a>(
        &mut self,
        library: impl IntoIterator<Item = (&'a DigestKey, &'a [ArticleId])>,
    ) -> usize {
        if self.legacy.is_empty() {
            return 0;
        }
        // `None` once a second digest has the id: ambiguous, so it stays legacy.
        let mut owner: HashMap<&ArticleId, Option<&DigestKey>> = HashMap::new();
        for (key, ids) in library {
            for id in ids.iter().filter(|id| self.legacy.contains_key(*id)) {
                owner
                    .entry(id)
                    .and_modify(|o| {
                        if *o != Some(key) {
                            *o = None;
                        }
                    })
                    .or_insert(Some(key));
            }
        }
        let mut moved = 0;
        for (id, key) in owner {
            if let Some(key) = key {
                self.carry.insert(id.clone(), key.clone());
                moved += 1;
            }
        }
        self.apply_carry();
        moved
    }

    /// Merges `other` into `self`: per entry, the newer change wins (see [`Stamped::winner`]).
    pub fn merge(&mut self, other: &ReadState) {
        for (key, d) in other.digests.iter() {
            let mine = Arc::make_mut(&mut self.digests)
                .entry(key.clone())
                .or_default();
            Arc::make_mut(mine).merge(d);
        }
        merge_opt(&mut self.cursor, other.cursor.as_ref());
        for (id, m) in &other.legacy {
            put(&mut self.legacy, id, *m);
        }
        for (id, key) in &other.carry {
            self.carry.entry(id.clone()).or_insert_with(|| key.clone());
        }
        self.apply_carry();
    }

    /// Clamps every change dated more than [`FUTURE_ALLOWANCE_MS`] after `now_ms` to `now_ms`, so
    /// that a mark from a machine with a wrong clock, or a hostile `changed` of 2^64-1, cannot
    /// outlive every later change. Called on everything read from a file.
    pub fn clamp_future(&mut self, now_ms: u64) {
        Arc::make_mut(&mut self.digests)
            .values_mut()
            .for_each(|d| Arc::make_mut(d).clamp(now_ms));
        if let Some(c) = &mut self.cursor {
            c.changed = clamped(c.changed, now_ms);
        }
        for m in self.legacy.values_mut() {
            m.changed = clamped(m.changed, now_ms);
        }
    }

    /// How many of `ids` (articles of `digest`) are not marked read.
    pub fn unread_count<'a>(
        &self,
        digest: &DigestKey,
        ids: impl Iterator<Item = &'a ArticleId>,
    ) -> usize {
        match self.digests.get(digest) {
            // Looking the digest up once makes counting a big digest one lookup per article.
            Some(d) => ids
                .filter(|id| !d.read.get(*id).is_some_and(|m| m.value))
                .count(),
            None => ids.count(),
        }
    }

    /// [`ReadState::unread_count`] for ids kept in one buffer (the library's rows).
    pub fn unread_in(&self, digest: &DigestKey, ids: &crate::model::ids::IdList) -> usize {
        match self.digests.get(digest) {
            Some(d) => ids
                .iter()
                .filter(|id| !d.read.get(*id).is_some_and(|m| m.value))
                .count(),
            None => ids.len(),
        }
    }

    /// How many read marks there are (read or unread, legacy ones included).
    pub fn len(&self) -> usize {
        self.digests.values().map(|d| d.read.len()).sum::<usize>() + self.legacy.len()
    }

    /// Whether nothing at all is kept.
    pub fn is_empty(&self) -> bool {
        self.digests.is_empty() && self.cursor.is_none() && self.legacy.is_empty()
    }

    /// Every digest's entries, in key order (for saving).
    pub fn digests(&self) -> impl Iterator<Item = (&DigestKey, &DigestState)> {
        self.digests.iter().map(|(k, d)| (k, &**d))
    }

    /// The entries of `digest` to change: copied first only if a [`ReadMarks`] still shares them.
    fn digest_mut(&mut self, digest: &DigestKey) -> &mut DigestState {
        let digests = Arc::make_mut(&mut self.digests);
        Arc::make_mut(digests.entry(digest.clone()).or_default())
    }

    /// Moves legacy marks whose digest is known to that digest.
    fn apply_carry(&mut self) {
        if self.carry.is_empty() || self.legacy.is_empty() {
            return;
        }
        let known: Vec<ArticleId> = if self.carry.len() < self.legacy.len() {
            let legacy = &self.legacy;
            self.carry
                .keys()
                .filter(|id| legacy.contains_key(*id))
                .cloned()
                .collect()
        } else {
            let carry = &self.carry;
            self.legacy
                .keys()
                .filter(|id| carry.contains_key(*id))
                .cloned()
                .collect()
        };
        for id in known {
            if let (Some(mark), Some(key)) = (self.legacy.remove(&id), self.carry.get(&id)) {
                let key = key.clone();
                self.insert(&key, &id, mark);
            }
        }
    }
}

/// A change time for a local change at `now_ms`: at least one past the previous one's.
fn after(previous: Option<u64>, now_ms: u64) -> u64 {
    previous.map_or(now_ms, |p| now_ms.max(p.saturating_add(1)))
}

#[cfg(test)]
mod tests;
