//! The reader's keys: what each action does to the reader (moving, focus, marks, the filter
//! prompt, links, going back), called through [`Reader::update`].

use ratatui::layout::Rect;

use crate::action::Action;
use crate::layout::{article_height, page, table_height};
use crate::model::Effect;
use crate::model::nav;
use crate::model::pane::Pane;
use crate::model::reader::{Ctx, Opened, Reader};

impl Reader {
    /// Carries out one action; returns what the app must do outside the model.
    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
        if let Some(delta) = self.move_delta(action, ctx.area) {
            self.move_by(delta, ctx);
            return vec![];
        }
        match action {
            Action::FocusNext => self.cycle_focus(true, ctx.area),
            Action::FocusPrev => self.cycle_focus(false, ctx.area),
            Action::Open if self.focus == Pane::List => return self.open_selected(ctx),
            Action::NextUnread | Action::PrevUnread if self.find.is_some() => {
                self.step_match(action == Action::NextUnread, ctx.area)
            }
            Action::NextUnread => return self.jump_unread(true, ctx),
            Action::PrevUnread => return self.jump_unread(false, ctx),
            Action::ToggleRead => return self.toggle_read(ctx),
            Action::MarkAllRead => return self.mark_all_read(ctx),
            Action::Zoom => {
                self.zoom = !self.zoom;
                self.relayout(ctx.area);
            }
            Action::StartFilter if self.focus != Pane::List && self.opened.is_some() => {
                self.start_search()
            }
            Action::StartFilter => return self.start_filter(ctx),
            a if a.edits_prompt() => self.edit_prompt(action, ctx),
            Action::ToggleUnreadOnly => {
                self.unread_only = !self.unread_only;
                self.refilter(ctx, false);
            }
            Action::OpenUrl => return self.open_url(ctx),
            Action::Back => return self.back(ctx),
            _ => {}
        }
        vec![]
    }

    /// How far a moving key moves in the focused pane (`None`: `action` is not one).
    fn move_delta(&self, action: Action, area: Rect) -> Option<isize> {
        nav::delta(action, page(&self.panes(area), self.focus))
    }

    /// Marks the selected article read, or unread again.
    fn toggle_read(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let Some(i) = self.selected() else {
            return vec![];
        };
        let (key, id) = (self.key_of(i).clone(), self.digest.entries[i].id.clone());
        let read = !ctx.read.is_read(&key, &id);
        ctx.mark(&key, &id, read);
        self.count_mark(i, read);
        vec![Effect::SaveState]
    }

    /// Starts typing a filter; asks for the search text the first time.
    fn start_filter(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        self.filter_editing = true;
        self.prompt.start();
        self.set_filter(String::new(), ctx);
        if self.search.is_none() && !self.search_pending {
            self.search_pending = true;
            return vec![Effect::BuildSearchIndex];
        }
        vec![]
    }

    /// A key while a prompt is open: the search inside the article when one is being typed,
    /// else the filter (which filters again as its text changes).
    fn edit_prompt(&mut self, action: Action, ctx: &mut Ctx) {
        match action {
            Action::FilterAccept if self.search_editing => self.accept_search(ctx),
            Action::FilterAccept => {
                self.prompt.remember();
                self.filter_editing = false;
            }
            _ if self.search_editing => self.edit_search(action, ctx.area),
            _ => {
                if self.prompt.edit(action) {
                    self.set_filter(self.prompt.text.clone(), ctx);
                }
            }
        }
    }

    fn back(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        if self.search_editing || self.find.is_some() {
            self.end_search();
        } else if self.filter_editing || !self.filter.is_empty() {
            self.prompt.remember();
            self.filter_editing = false;
            self.set_filter(String::new(), ctx);
        } else if self.focus != Pane::List {
            self.focus = Pane::List;
            self.clamp(ctx.area);
        } else {
            return vec![Effect::ShowLibrary];
        }
        vec![]
    }

    /// The selected article's link, as written.
    pub fn article_url(&self) -> Option<String> {
        // The article pane always shows the selected article, so its decoded link is at hand.
        self.opened
            .as_ref()
            .filter(|o| Some(o.index) == self.selected())
            .and_then(|o| o.article.as_ref().ok())
            .and_then(|a| a.url.clone())
    }

    fn open_url(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        match self.article_url() {
            None => *ctx.notice = Some("This article has no link".into()),
            Some(u) => return self.open_link(&u, ctx),
        }
        vec![]
    }

    /// Opens `url` (the article's own or one in its text); opening marks the article read
    /// unless the settings say not to.
    pub(crate) fn open_link(&mut self, url: &str, ctx: &mut Ctx) -> Vec<Effect> {
        let Some(u) = crate::url::web(url) else {
            *ctx.notice = Some(crate::url::NOT_WEB.into());
            return vec![];
        };
        let mut effects = vec![Effect::OpenUrl(u)];
        if ctx.settings.mark_read_on_open_link
            && let Some(i) = self.selected()
            && ctx.mark(self.key_of(i), &self.digest.entries[i].id, true)
        {
            effects.push(Effect::SaveState);
        }
        effects
    }

    fn cycle_focus(&mut self, forward: bool, area: Rect) {
        let has_table = self.opened.as_ref().is_some_and(Opened::has_table);
        let order: &[Pane] = if has_table {
            &[Pane::List, Pane::Article, Pane::Commentators]
        } else {
            &[Pane::List, Pane::Article]
        };
        let pos = order.iter().position(|p| *p == self.focus).unwrap_or(0);
        let next = if forward {
            (pos + 1) % order.len()
        } else {
            (pos + order.len() - 1) % order.len()
        };
        self.focus = order[next];
        self.clamp(area);
    }

    pub(crate) fn move_by(&mut self, delta: isize, ctx: &mut Ctx) {
        let panes = self.panes(ctx.area);
        match self.focus {
            Pane::List => {
                let c = nav::step(self.cursor, self.shown.len(), delta);
                self.select(c, ctx);
            }
            Pane::Article => {
                let h = article_height(&panes);
                if let Some(o) = &mut self.opened {
                    let s = o.scroll.saturating_add_signed(delta);
                    o.scroll = nav::clamp_scroll(s, o.doc.lines.len(), h);
                }
            }
            Pane::Commentators => {
                let h = table_height(&panes);
                if let Some(o) = &mut self.opened {
                    o.move_row(delta, h);
                }
            }
        }
    }

    fn jump_unread(&mut self, forward: bool, ctx: &mut Ctx) -> Vec<Effect> {
        let n = self.shown.len();
        let unread = |k: usize| !self.is_read(ctx.read, self.shown[k] as usize);
        // Search onwards from the cursor, then wrap around, like `n` in a pager.
        let found = (1..=n)
            .map(|step| {
                if forward {
                    (self.cursor + step) % n
                } else {
                    (self.cursor + n - step % n) % n
                }
            })
            .find(|&k| unread(k));
        match found {
            Some(k) => {
                self.select(k, ctx);
                self.focus = Pane::List;
                self.open_selected(ctx)
            }
            None => {
                *ctx.notice = Some("No unread articles".into());
                vec![]
            }
        }
    }
}
