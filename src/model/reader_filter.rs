//! The reader's list filter: which articles the list shows for the typed words and the
//! unread-only switch.

use std::sync::Arc;

use crate::model::reader::{Ctx, Reader};
use crate::model::search::{self, SearchIndex};

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

    pub(crate) fn refilter(&mut self, ctx: &mut Ctx, narrowing: bool) {
        let keep = self.selected();
        let needle = crate::fold::fold(&self.filter, true);
        let terms: Vec<&str> = needle.split_whitespace().collect();
        let digest = &*self.digest;
        let index = self.search.as_deref();
        let read = &*ctx.read;
        let origins = &self.origins;
        let unread_only = self.unread_only;
        let matches = |i: &u32| {
            let i = *i as usize;
            let found = match index {
                Some(index) => index.matches(digest, i, &terms),
                // Until the full-text index arrives, headlines and tags are what can be searched.
                None => terms
                    .iter()
                    .all(|t| search::matches_list_fields(digest, i, t)),
            };
            let key = origins.get(i).unwrap_or(&digest.key);
            found && !(unread_only && read.is_read(key, &digest.entries[i].id))
        };
        if narrowing {
            self.shown.retain(matches);
        } else {
            self.shown = (0..digest.entries.len() as u32).filter(matches).collect();
        }
        // Keep the same article selected when it is still shown.
        self.cursor = keep
            .and_then(|k| self.shown.binary_search(&(k as u32)).ok())
            .unwrap_or(0);
        self.list_top = 0;
        self.preview(ctx.area);
        self.clamp(ctx.area);
    }
}
