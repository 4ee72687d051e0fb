//! The reader's search inside the open article: typing the query, moving between matches and
//! keeping the current match in view.

use ratatui::layout::Rect;

use crate::action::Action;
use crate::layout::{article_height, table_height};
use crate::model::find::Find;
use crate::model::nav;
use crate::model::pane::Pane;
use crate::model::reader::{Ctx, Reader};

impl Reader {
    /// Starts typing a search in the open article.
    pub(crate) fn start_search(&mut self) {
        self.search_editing = true;
        self.search_prompt.start();
        self.find = None;
    }

    /// Applies an editing key to the search query and searches again as it changes.
    pub(crate) fn edit_search(&mut self, action: Action, area: Rect) {
        if !self.search_prompt.edit(action) {
            return;
        }
        let Some(o) = &self.opened else {
            return;
        };
        let query = self.search_prompt.text.clone();
        self.find = (!query.trim().is_empty()).then(|| Find::new(&query, &o.doc, &o.table));
        self.show_match(area);
    }

    /// Enter: keeps the search, or says there is no match and ends it.
    pub(crate) fn accept_search(&mut self, ctx: &mut Ctx) {
        self.search_editing = false;
        self.search_prompt.remember();
        let query = self.search_prompt.text.trim().to_string();
        match &self.find {
            Some(f) if !f.matches.is_empty() => {}
            _ if query.is_empty() => self.find = None,
            _ => {
                *ctx.notice = Some(format!("no match for \"{query}\""));
                self.find = None;
            }
        }
    }

    /// Esc: ends the search; `n`/`N` go back to unread articles.
    pub(crate) fn end_search(&mut self) {
        if self.search_editing {
            self.search_prompt.remember();
        }
        self.search_editing = false;
        self.find = None;
    }

    /// `n`/`N` while a search is active.
    pub(crate) fn step_match(&mut self, forward: bool, area: Rect) {
        if let Some(f) = &mut self.find {
            f.step(forward);
        }
        self.show_match(area);
    }

    /// What the status bar says about the search: `match 3/12`.
    pub fn match_status(&self) -> Option<String> {
        let f = self.find.as_ref()?;
        Some(match f.matches.len() {
            0 => format!("no match for \"{}\"", f.query.trim()),
            n => format!("match {}/{n}", f.current + 1),
        })
    }

    /// Scrolls the current match into view, focusing the pane it is in.
    fn show_match(&mut self, area: Rect) {
        let Some(m) = self.find.as_ref().and_then(|f| f.current()).cloned() else {
            return;
        };
        let (Some(first), Some(last)) = (m.segs.first(), m.segs.last()) else {
            return;
        };
        self.focus = first.pane;
        let panes = self.panes(area);
        if let Some(o) = &mut self.opened {
            match first.pane {
                Pane::Commentators => {
                    let h = table_height(&panes).max(1);
                    if let Some(row) = m.row {
                        o.row = row;
                    }
                    if first.line < o.table_top || last.line >= o.table_top + h {
                        o.table_top = first.line;
                    }
                    o.table_top = nav::clamp_scroll(o.table_top, o.table.line_count(), h);
                }
                _ => {
                    let h = article_height(&panes).max(1);
                    // Off screen: bring it to a third of the way down, as less does.
                    if first.line < o.scroll || last.line >= o.scroll + h {
                        o.scroll = first.line.saturating_sub(h / 3);
                    }
                    o.scroll = nav::clamp_scroll(o.scroll, o.doc.lines.len(), h);
                }
            }
        }
        self.clamp(area);
    }
}
