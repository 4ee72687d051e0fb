//! The reader's part of the daily loop: where a digest opens (where you were), arriving from
//! `n`/`N` in another digest, and the river's articles, each in its own digest.

use ratatui::layout::Rect;

use crate::model::Effect;
use crate::model::Source;
use crate::model::digest::DigestKey;
use crate::model::pane::Pane;
use crate::model::read_state::ReadState;
use crate::model::reader::{Ctx, Reader};

impl Reader {
    /// The digest article `i` belongs to (its own digest in the river).
    pub fn key_of(&self, i: usize) -> &DigestKey {
        self.origins.get(i).unwrap_or(&self.digest.key)
    }

    /// Whether article `i` is read.
    pub fn is_read(&self, read: &ReadState, i: usize) -> bool {
        self.digest
            .entries
            .get(i)
            .is_some_and(|e| read.is_read(self.key_of(i), &e.id))
    }

    /// True when this reader shows the "All unread" river rather than one digest.
    pub fn is_river(&self) -> bool {
        self.source == Source::AllUnread
    }

    /// Where a digest opens: on the article opened last if it is still unread, else on the first
    /// unread article after it, else on the first unread one, else (all read) on the one opened
    /// last, else on the first.
    pub fn select_resume(&mut self, read: &ReadState, area: Rect) {
        let last = read.last_opened(&self.digest.key).and_then(|id| {
            self.shown
                .iter()
                .position(|&i| &self.digest.entries[i as usize].id == id)
        });
        let unread = |k: &usize| !self.is_read(read, self.shown[*k] as usize);
        let n = self.shown.len();
        let pos = match last {
            Some(at) => (at..n)
                .find(unread)
                .or_else(|| (0..at).find(unread))
                .unwrap_or(at),
            None => (0..n).find(unread).unwrap_or(0),
        };
        self.cursor = pos;
        self.preview(area);
        self.clamp(area);
    }

    /// Arriving from `n`/`N` in another digest: opens the first unread article (the last one
    /// going backwards), as `n` would have inside one digest.
    pub fn arrive(&mut self, forward: bool, ctx: &mut Ctx) -> Vec<Effect> {
        let n = self.shown.len();
        let found = if forward {
            (0..n).find(|&k| !self.is_read(ctx.read, self.shown[k] as usize))
        } else {
            (0..n)
                .rev()
                .find(|&k| !self.is_read(ctx.read, self.shown[k] as usize))
        };
        match found {
            Some(k) => {
                self.select(k, ctx);
                self.focus = Pane::List;
                self.open_selected(ctx)
            }
            None => vec![],
        }
    }
}
