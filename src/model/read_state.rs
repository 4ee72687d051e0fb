//! Which articles have been read: a map from article identity to its latest mark. Pure: no IO.
//!
//! Every mark carries when it changed, so two copies of the state (two processes, or two machines
//! syncing one file) merge without losing either side's changes: per article, the newer mark wins.

use std::collections::BTreeMap;

use crate::model::digest::ArticleId;

/// One article's read mark and when it was last set, in milliseconds since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Whether the article is read.
    pub read: bool,
    /// When this mark was set, in ms since the Unix epoch.
    pub changed: u64,
}

impl Mark {
    /// The mark that survives a merge of `self` and `other`.
    ///
    /// The newer change wins; on equal times `read` beats unread, so the result does not depend on
    /// the order of the arguments (merge is commutative, associative and idempotent).
    pub fn winner(self, other: Mark) -> Mark {
        if (other.changed, other.read) > (self.changed, self.read) {
            other
        } else {
            self
        }
    }
}

/// Read marks keyed by article identity (never by file path, so moving a digest keeps its marks).
///
/// An unread mark is kept rather than removed: it records that the article was marked unread at
/// that time, so a merge with an older "read" elsewhere does not bring the old mark back.
#[derive(Debug, Clone, Default)]
pub struct ReadState {
    marks: BTreeMap<ArticleId, Mark>,
    /// Articles [`ReadState::set`] changed since the last [`ReadState::take_changes`]: what a
    /// save has to send, so that saving never copies every mark on the UI thread.
    changed: Vec<ArticleId>,
}

/// Two states are equal when they hold the same marks, whatever is waiting to be saved.
impl PartialEq for ReadState {
    fn eq(&self, other: &Self) -> bool {
        self.marks == other.marks
    }
}

impl Eq for ReadState {}

impl ReadState {
    /// An empty state: nothing read.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the article is marked read.
    pub fn is_read(&self, id: &ArticleId) -> bool {
        self.marks.get(id).is_some_and(|m| m.read)
    }

    /// The article's mark, if it was ever marked.
    pub fn get(&self, id: &ArticleId) -> Option<Mark> {
        self.marks.get(id).copied()
    }

    /// Marks an article read or unread at time `now_ms`.
    ///
    /// The stored time is at least one past the previous mark's, so a local change always
    /// supersedes the mark it replaces even if the clock stepped backwards meanwhile.
    pub fn set(&mut self, id: &ArticleId, read: bool, now_ms: u64) {
        let changed = match self.marks.get(id) {
            Some(old) => now_ms.max(old.changed.saturating_add(1)),
            None => now_ms,
        };
        self.marks.insert(id.clone(), Mark { read, changed });
        self.changed.push(id.clone());
    }

    /// The marks [`ReadState::set`] changed since the last call, each once, as they are now.
    pub fn take_changes(&mut self) -> Vec<(ArticleId, Mark)> {
        let mut ids = std::mem::take(&mut self.changed);
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| self.get(&id).map(|m| (id, m)))
            .collect()
    }

    /// Puts a mark in as it is (as read from a file), merging with any mark already there.
    pub fn insert(&mut self, id: ArticleId, mark: Mark) {
        self.marks
            .entry(id)
            .and_modify(|m| *m = m.winner(mark))
            .or_insert(mark);
    }

    /// Merges `other` into `self`: per article, the newer change wins (see [`Mark::winner`]).
    pub fn merge(&mut self, other: &ReadState) {
        for (id, mark) in &other.marks {
            self.insert(id.clone(), *mark);
        }
    }

    /// How many of `ids` are not marked read.
    pub fn unread_count<'a>(&self, ids: impl Iterator<Item = &'a ArticleId>) -> usize {
        ids.filter(|id| !self.is_read(id)).count()
    }

    /// How many articles carry a mark (read or unread).
    pub fn len(&self) -> usize {
        self.marks.len()
    }

    /// Whether no article carries a mark.
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// Every mark, in identity order.
    pub fn iter(&self) -> impl Iterator<Item = (&ArticleId, Mark)> {
        self.marks.iter().map(|(id, m)| (id, *m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(s: &str) -> ArticleId {
        ArticleId(s.to_string())
    }

    fn state(marks: &[(&str, bool, u64)]) -> ReadState {
        let mut s = ReadState::new();
        for (i, read, changed) in marks {
            s.insert(
                id(i),
                Mark {
                    read: *read,
                    changed: *changed,
                },
            );
        }
        s
    }

    #[test]
    fn newer_change_wins_either_way() {
        let mut a = state(&[("x", true, 10), ("y", false, 30)]);
        let b = state(&[("x", false, 20), ("y", true, 25), ("z", true, 5)]);
        a.merge(&b);
        assert!(!a.is_read(&id("x")), "unread at 20 beats read at 10");
        assert!(!a.is_read(&id("y")), "unread at 30 beats read at 25");
        assert!(a.is_read(&id("z")), "marks only one side has are kept");
        assert_eq!(a.len(), 3);
    }

    #[test]
    fn equal_times_resolve_to_read_in_both_orders() {
        let a = state(&[("x", true, 10)]);
        let b = state(&[("x", false, 10)]);
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab, ba);
        assert!(ab.is_read(&id("x")));
    }

    #[test]
    fn set_always_supersedes_the_previous_mark() {
        let mut s = ReadState::new();
        s.set(&id("x"), true, 1000);
        // The clock stepped back: the new mark must still be the newer one.
        s.set(&id("x"), false, 500);
        assert_eq!(
            s.get(&id("x")),
            Some(Mark {
                read: false,
                changed: 1001
            })
        );
        let mut old = state(&[("x", true, 1000)]);
        old.merge(&s);
        assert!(!old.is_read(&id("x")));
    }

    #[test]
    fn unread_count_counts_unmarked_and_unread() {
        let s = state(&[("a", true, 1), ("b", false, 2)]);
        let ids = [id("a"), id("b"), id("c")];
        assert_eq!(s.unread_count(ids.iter()), 2);
    }

    fn arb_state() -> impl Strategy<Value = ReadState> {
        prop::collection::vec((0u8..6, any::<bool>(), 0u64..8), 0..12).prop_map(|v| {
            let mut s = ReadState::new();
            for (i, read, changed) in v {
                s.insert(ArticleId(format!("a{i}")), Mark { read, changed });
            }
            s
        })
    }

    proptest! {
        #[test]
        fn merge_is_commutative(a in arb_state(), b in arb_state()) {
            let mut ab = a.clone();
            ab.merge(&b);
            let mut ba = b.clone();
            ba.merge(&a);
            prop_assert_eq!(ab, ba);
        }

        #[test]
        fn merge_is_idempotent(a in arb_state(), b in arb_state()) {
            let mut once = a.clone();
            once.merge(&b);
            let mut twice = once.clone();
            twice.merge(&b);
            prop_assert_eq!(&once, &twice);
            let mut self_merged = once.clone();
            self_merged.merge(&once);
            prop_assert_eq!(once, self_merged);
        }

        #[test]
        fn merge_is_associative(a in arb_state(), b in arb_state(), c in arb_state()) {
            let mut left = a.clone();
            left.merge(&b);
            left.merge(&c);
            let mut bc = b.clone();
            bc.merge(&c);
            let mut right = a.clone();
            right.merge(&bc);
            prop_assert_eq!(left, right);
        }
    }
}
