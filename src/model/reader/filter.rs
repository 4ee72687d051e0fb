//! The reader's list filter: which articles the list shows for the typed words and the
//! unread-only switch.
//!
//! A keystroke must not wait for every article to be searched (at 50,000 articles a letter no
//! article has searches some 200 MB of text). So filtering is a [`FilterPass`]: the keystroke
//! checks articles up to [`STEP_WORK`] bytes of text, and the app runs the rest in further steps
//! between input events ([`Reader::filter_step`]); the list shows the matches found so far. The
//! work is counted in bytes searched, not time, so a step is the same on any machine and in tests.

use std::sync::Arc;

use crate::model::reader::{Ctx, Reader};
use crate::model::search::{self, SearchIndex};

/// How many bytes of text one step of a filter pass may search (about 4 ms on the benchmark
/// machine, leaving the rest of a 60 Hz frame for the redraw).
pub const STEP_WORK: usize = 1 << 20;

/// A step with at least this much text to search splits it over two threads (below it, starting
/// a thread would cost more than it saves).
const PARALLEL_WORK: usize = 256 << 10;

/// What checking one article costs beyond its text (the read-state lookup, the loop), in the
/// same units, so a pass over articles with no text is bounded too.
const PER_ARTICLE: usize = 16;

/// A filter pass under way: the articles still to check against the current filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterPass {
    /// The candidates, in digest order: every article for a new filter, fewer when narrowing.
    todo: Vec<u32>,
    /// How many of `todo` are checked; the matches among them are in the reader's `shown`.
    done: usize,
    /// The article selected when filtering began: selected again once it is found to match.
    keep: Option<usize>,
}

impl FilterPass {
    /// How many candidates are checked, and how many there are.
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.todo.len())
    }
}

impl Reader {
    /// Takes the built search text and filters again with it.
    pub fn set_search_index(&mut self, index: Arc<SearchIndex>, ctx: &mut Ctx) {
        self.search = Some(index);
        self.search_pending = false;
        self.refilter(ctx, false);
    }

    pub(crate) fn set_filter(&mut self, filter: String, ctx: &mut Ctx) {
        // Typing one more character can only narrow the matches, so search the current ones only.
        let narrowing = !self.filter.is_empty() && filter.starts_with(&self.filter);
        self.filter = filter;
        self.refilter(ctx, narrowing);
    }

    /// Filters again for the current filter text and unread-only switch: the first step now,
    /// the rest in [`Reader::filter_step`]s. `narrowing`: the new filter can only match fewer
    /// articles than the one before (its text grew), so only the candidates that one still had
    /// are searched: its matches so far and the articles it had not reached yet.
    pub(crate) fn refilter(&mut self, ctx: &mut Ctx, narrowing: bool) {
        let pending = self.filtering.take();
        let keep = pending
            .as_ref()
            .and_then(|p| p.keep)
            .or_else(|| self.selected());
        let n = self.digest.entries.len() as u32;
        let everything = self.filter.split_whitespace().next().is_none() && !self.unread_only;
        self.list_top = 0;
        if everything {
            // Nothing to search: every article, at once.
            self.shown = (0..n).collect();
            self.cursor = keep.map_or(0, |k| k.min(n.saturating_sub(1) as usize));
        } else {
            let todo = match (narrowing, pending) {
                (true, Some(p)) => {
                    let mut todo = std::mem::take(&mut self.shown);
                    todo.extend_from_slice(p.todo.get(p.done..).unwrap_or_default());
                    todo
                }
                (true, None) => std::mem::take(&mut self.shown),
                (false, _) => (0..n).collect(),
            };
            self.shown.clear();
            self.cursor = 0;
            self.filtering = Some(FilterPass {
                todo,
                done: 0,
                keep,
            });
            self.filter_step(ctx, self.filter_work);
        }
        self.preview(ctx.area);
        self.clamp(ctx.area);
    }

    /// Checks more articles of the pending filter pass, up to `work` bytes of text (see
    /// [`STEP_WORK`]); the pass ends when every candidate is checked.
    pub(crate) fn filter_step(&mut self, ctx: &mut Ctx, work: usize) {
        let Some(mut pass) = self.filtering.take() else {
            return;
        };
        let needle = crate::fold::fold(&self.filter, true);
        let terms: Vec<&str> = needle.split_whitespace().collect();
        let (digest, index) = (&*self.digest, self.search.as_deref());
        let (read, origins, unread_only) = (&*ctx.read, &self.origins, self.unread_only);
        // The candidates this step checks: up to `work` bytes of text.
        let (from, mut to, mut spent) = (pass.done, pass.done, 0usize);
        while spent < work
            && let Some(&i) = pass.todo.get(to)
        {
            spent = spent
                .saturating_add(PER_ARTICLE + terms.len() * text_len(digest, index, i as usize));
            to += 1;
        }
        let matches = |i: u32| {
            let i = i as usize;
            let Some(entry) = digest.entries.get(i) else {
                return false;
            };
            let found = match index {
                Some(index) => index.matches(digest, i, &terms),
                // Until the full-text index arrives, headlines and tags are what can be searched.
                None => terms
                    .iter()
                    .all(|t| search::matches_list_fields(digest, i, t)),
            };
            let key = origins.get(i).unwrap_or(&digest.key);
            found && !(unread_only && read.is_read(key, &entry.id))
        };
        let batch = pass.todo.get(from..to).unwrap_or_default();
        if spent >= PARALLEL_WORK {
            // Both cores: the second half of the step on a thread of its own.
            let (left, right) = batch.split_at(batch.len() / 2);
            let found = std::thread::scope(|scope| {
                let other = scope.spawn(|| right.iter().copied().filter(|&i| matches(i)).collect());
                self.shown
                    .extend(left.iter().copied().filter(|&i| matches(i)));
                // A panicked worker would be a bug; its half is checked here instead.
                other.join().unwrap_or_else(|_| {
                    right
                        .iter()
                        .copied()
                        .filter(|&i| matches(i))
                        .collect::<Vec<u32>>()
                })
            });
            self.shown.extend(found);
        } else {
            self.shown
                .extend(batch.iter().copied().filter(|&i| matches(i)));
        }
        pass.done = to;
        // Matches are only ever appended, so the cursor stays on the article it is on; the one
        // selected before filtering is selected again as soon as it is found.
        if let Some(k) = pass.keep
            && let Ok(pos) = self.shown.binary_search(&(k as u32))
        {
            self.cursor = pos;
            pass.keep = None;
        }
        if pass.done < pass.todo.len() {
            self.filtering = Some(pass);
        }
        self.preview(ctx.area);
        self.clamp(ctx.area);
    }

    /// Stops a pending filter pass from selecting the article that was selected when it began:
    /// the user has chosen another since.
    pub(crate) fn forget_kept(&mut self) {
        if let Some(pass) = &mut self.filtering {
            pass.keep = None;
        }
    }

    /// Runs the pending filter pass to its end (for what needs the whole list, and for output
    /// that must show the final result).
    pub(crate) fn finish_filter(&mut self, ctx: &mut Ctx) {
        while self.filtering.is_some() {
            self.filter_step(ctx, usize::MAX);
        }
    }
}

/// The bytes of text the filter may search in article `i`: headline, tags and, with the index,
/// everything the index holds for it.
fn text_len(digest: &crate::format::Digest, index: Option<&SearchIndex>, i: usize) -> usize {
    let list = digest.entries.get(i).map_or(0, |e| e.list_len());
    list + index.map_or(0, |x| x.text_len(i))
}

#[cfg(test)]
#[path = "filter_tests.rs"]
mod tests;
