//! Undo and redo of read-mark and star changes made in this session.
//!
//! A step is what one key did (a toggle, an open that marked read, marking a whole digest read),
//! kept as the articles it changed with their read flag before and after. Undoing sets the flag
//! back through [`ReadState::set`], as a new change with the current time, so it wins over the
//! mark it undoes wherever the state is merged (another process, another machine).

use crate::model::digest::{ArticleId, DigestKey};
use crate::model::read_state::ReadState;

/// How many steps are kept; older ones drop off.
const STEPS: usize = 100;

/// One article's read flag, before and after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The digest the article is in (read marks are kept per digest).
    pub digest: DigestKey,
    /// The article.
    pub id: ArticleId,
    /// Read before the change.
    pub before: bool,
    /// Read after it.
    pub after: bool,
}

/// The changes one key made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    changes: Vec<Change>,
    /// The changes are stars (`before`/`after`: starred), not read marks.
    star: bool,
}

impl Step {
    /// What the step did, for the status bar: "marked 12 articles read".
    pub fn describe(&self) -> String {
        if self.star {
            let on = self.changes.iter().filter(|c| c.after).count();
            let n = self.changes.len();
            let s = if n == 1 { "" } else { "s" };
            let what = if on == n { "starred" } else { "unstarred" };
            return format!("{what} {n} article{s}");
        }
        let read = self.changes.iter().filter(|c| c.after).count();
        let unread = self.changes.len() - read;
        let part = |n: usize, what: &str| {
            let s = if n == 1 { "" } else { "s" };
            format!("marked {n} article{s} {what}")
        };
        match (read, unread) {
            (r, 0) => part(r, "read"),
            (0, u) => part(u, "unread"),
            (r, u) => format!("{}, {}", part(r, "read"), part(u, "unread")),
        }
    }
}

impl Step {
    /// Sets the change's article to `value`: its star, or its read mark.
    fn apply(&self, read: &mut ReadState, c: &Change, value: bool, now_ms: u64) {
        if self.star {
            read.set_star(&c.digest, &c.id, value, now_ms);
        } else {
            read.set(&c.digest, &c.id, value, now_ms);
        }
    }
}

/// The session's undo and redo stacks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
}

impl History {
    /// Records what one key changed (nothing: no step). A new change forgets what was undone.
    pub fn record(&mut self, changes: Vec<Change>) {
        self.push(changes, false);
    }

    /// Records a star or unstar (`before`/`after` of the change: starred), undone like a mark.
    pub fn record_star(&mut self, change: Change) {
        self.push(vec![change], true);
    }

    fn push(&mut self, changes: Vec<Change>, star: bool) {
        if changes.is_empty() {
            return;
        }
        self.undone.clear();
        if self.done.len() >= STEPS {
            self.done.remove(0);
        }
        self.done.push(Step { changes, star });
    }

    /// Undoes the last step; returns what it had done, or `None` when there is nothing to undo.
    pub fn undo(&mut self, read: &mut ReadState, now_ms: u64) -> Option<String> {
        let step = self.done.pop()?;
        for c in step.changes.iter().rev() {
            step.apply(read, c, c.before, now_ms);
        }
        let what = step.describe();
        self.undone.push(step);
        Some(what)
    }

    /// Redoes the last undone step; returns what it does.
    pub fn redo(&mut self, read: &mut ReadState, now_ms: u64) -> Option<String> {
        let step = self.undone.pop()?;
        for c in &step.changes {
            step.apply(read, c, c.after, now_ms);
        }
        let what = step.describe();
        self.done.push(step);
        Some(what)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> DigestKey {
        DigestKey("d".into())
    }

    fn change(id: &str, before: bool, after: bool) -> Change {
        Change {
            digest: key(),
            id: ArticleId(id.into()),
            before,
            after,
        }
    }

    #[test]
    fn undo_and_redo_walk_the_steps() {
        let mut read = ReadState::new();
        let mut h = History::default();
        read.set(&key(), &ArticleId("a".into()), true, 1);
        h.record(vec![change("a", false, true)]);
        for id in ["b", "c"] {
            read.set(&key(), &ArticleId(id.into()), true, 2);
        }
        h.record(vec![change("b", false, true), change("c", false, true)]);
        h.record(vec![]);
        assert_eq!(
            h.undo(&mut read, 3).as_deref(),
            Some("marked 2 articles read")
        );
        assert!(!read.is_read(&key(), &ArticleId("b".into())));
        assert!(read.is_read(&key(), &ArticleId("a".into())));
        assert_eq!(
            h.undo(&mut read, 4).as_deref(),
            Some("marked 1 article read")
        );
        assert!(!read.is_read(&key(), &ArticleId("a".into())));
        assert_eq!(h.undo(&mut read, 5), None);
        assert_eq!(
            h.redo(&mut read, 6).as_deref(),
            Some("marked 1 article read")
        );
        assert!(read.is_read(&key(), &ArticleId("a".into())));
        // A new change forgets the rest of what was undone.
        h.record(vec![change("a", true, false)]);
        assert_eq!(h.redo(&mut read, 7), None);
    }
}
