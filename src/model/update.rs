//! [`Model::update`]: one action in, the effects out. It hands the action to whoever owns the
//! keys now, in this order: the keys that work anywhere, the finder, the link list, the mouse,
//! the other overlays, then the screen that is up (the library in `library_keys.rs`, the Starred
//! screen in `keep.rs`, the reader here and in `reader_keys.rs`).

use super::library_keys::{Jump, LibraryUndo};
use super::reader::{Ctx, Reader};
use super::{Effect, FetchProgress, Model, Overlay, Screen, Source, finder};
use crate::action::Action;

impl Model {
    /// Carries out one action at time `now_ms`; returns what the app must do outside the model.
    pub fn update(&mut self, action: Action, now_ms: u64) -> Vec<Effect> {
        self.notice = None;
        let jump = self.jump.take();
        // An arrival is for the digest the previous key's `Open` loaded (the app arrives right
        // after it); if that load failed, it must not apply to a later one.
        self.arriving = None;
        if let Some(effects) = self.update_anywhere(action, now_ms) {
            return effects;
        }
        if self.finder.is_some() {
            return self.update_finder(action);
        }
        if matches!(self.overlay, Some(Overlay::Links { .. }))
            && let Some(Overlay::Links { links, selected }) = self.overlay.take()
        {
            return self.update_links(action, links, selected, now_ms);
        }
        if matches!(
            action,
            Action::Click(..) | Action::DoubleClick(..) | Action::Wheel(..)
        ) {
            // A click closes an overlay (the help, a question) and does nothing else.
            if self.overlay.take().is_some() {
                return vec![];
            }
            return self.update_mouse(action, now_ms);
        }
        if let Some(overlay) = self.overlay.take() {
            return self.update_overlay(overlay, action, now_ms);
        }
        match (action, self.screen) {
            (Action::Fetch, _) => self.start_fetch(),
            (Action::Help, _) => {
                self.overlay = Some(Overlay::Help);
                self.help_scroll = 0;
                vec![]
            }
            (Action::LibrarySearch, _) => self.open_finder(finder::FinderKind::Search),
            (Action::People, _) => self.open_finder(finder::FinderKind::People),
            (Action::Undo, Screen::Library) => self.library_undo(now_ms),
            (_, Screen::Library) => self.update_library(action, now_ms),
            (_, Screen::Starred) => self.update_starred(action, now_ms),
            (_, Screen::Reader) => self.update_reader_screen(action, jump, now_ms),
        }
    }

    /// The keys that work whatever is open (some not over the link list, which uses them);
    /// `None` when `action` is not one of them.
    fn update_anywhere(&mut self, action: Action, now_ms: u64) -> Option<Vec<Effect>> {
        match action {
            Action::Quit => {
                let mut effects = self.remember_cursor(now_ms);
                effects.push(Effect::Quit);
                Some(effects)
            }
            Action::Suspend => Some(vec![Effect::Suspend]),
            Action::DismissWarning if self.overlay.is_none() => {
                self.warnings.clear();
                Some(vec![])
            }
            Action::ToggleMouse if !matches!(self.overlay, Some(Overlay::Links { .. })) => {
                self.mouse = !self.mouse;
                self.notice = Some(if self.mouse {
                    "Mouse on: click, wheel, double-click to open (Shift-drag selects text)".into()
                } else {
                    "Mouse off: the terminal selects text again (M turns the mouse back on)".into()
                });
                Some(vec![Effect::SetMouse(self.mouse)])
            }
            _ => None,
        }
    }

    /// A key while the help or a question is open (taken off the screen already).
    fn update_overlay(&mut self, overlay: Overlay, action: Action, now_ms: u64) -> Vec<Effect> {
        match overlay {
            Overlay::Help => {
                self.scroll_help(action);
                vec![]
            }
            Overlay::ConfirmDelete(i) if action == Action::Confirm => {
                self.library_undo = LibraryUndo::Trash;
                match self.library.rows.get(i).map(|r| r.source.clone()) {
                    Some(Source::File(path)) => vec![Effect::Delete(path)],
                    _ => vec![],
                }
            }
            Overlay::ConfirmMarkAll if action == Action::Confirm => {
                self.update_reader(Action::MarkAllRead, now_ms)
            }
            Overlay::ConfirmMarkDigest(i) if action == Action::Confirm => {
                self.mark_digest_read(i, now_ms)
            }
            // Any other key closes an overlay and does nothing else.
            _ => vec![],
        }
    }

    /// Moving keys scroll the help (the screen clamps how far) and keep it open; any other
    /// closes it.
    fn scroll_help(&mut self, action: Action) {
        let s = self.help_scroll;
        self.help_scroll = match action {
            Action::Down => s.saturating_add(1),
            Action::Up => s.saturating_sub(1),
            Action::PageDown => s.saturating_add(10),
            Action::PageUp => s.saturating_sub(10),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => return,
        };
        self.overlay = Some(Overlay::Help);
    }

    /// `R`: starts fetching the subscriptions, unless a fetch runs already.
    fn start_fetch(&mut self) -> Vec<Effect> {
        if self.fetching.is_some() {
            self.notice = Some("A fetch is already running".into());
            return vec![];
        }
        self.fetching = Some(FetchProgress::default());
        self.notice = Some("Fetching feeds…".into());
        vec![Effect::Fetch]
    }

    /// A key on the reader screen: what needs more of the model than the reader (other
    /// digests, the clipboard, stars, undo, overlays) here, the rest in [`Reader::update`].
    fn update_reader_screen(
        &mut self,
        action: Action,
        jump: Option<Jump>,
        now_ms: u64,
    ) -> Vec<Effect> {
        // These act on the whole list shown: a filter still searching finishes first.
        if matches!(
            action,
            Action::MarkAllRead | Action::NextUnread | Action::PrevUnread
        ) {
            self.finish_filter();
        }
        match action {
            // Marking many articles read cannot be undone in one key, so it asks first.
            Action::MarkAllRead
                if self
                    .reader
                    .as_ref()
                    .is_some_and(|r| r.unread_in_scope(&self.read) > 0) =>
            {
                self.overlay = Some(Overlay::ConfirmMarkAll);
                vec![]
            }
            Action::NextUnread | Action::PrevUnread if self.goes_on() => {
                self.next_digest(action == Action::NextUnread, jump)
            }
            Action::CopyArticle => self.copy_article(),
            Action::ToggleStar => self.toggle_star(now_ms),
            Action::ExportArticle => self.export_article(),
            Action::Undo | Action::Redo => self.undo(action, now_ms),
            Action::LinkList => self.open_link_list(),
            Action::CopyLink => match self.reader.as_ref().and_then(Reader::article_url) {
                Some(u) => self.copy(u),
                None => {
                    self.notice = Some("This article has no link to copy".into());
                    vec![]
                }
            },
            _ => self.update_reader(action, now_ms),
        }
    }

    pub(super) fn update_reader(&mut self, action: Action, now_ms: u64) -> Vec<Effect> {
        self.with_reader(now_ms, |r, ctx| r.update(action, ctx))
    }

    /// Runs `f` on the reader with the context it needs, then does what follows any reader
    /// update: read-mark changes become an undo step and the unread count is redone.
    pub(crate) fn with_reader(
        &mut self,
        now_ms: u64,
        f: impl FnOnce(&mut Reader, &mut Ctx) -> Vec<Effect>,
    ) -> Vec<Effect> {
        let Some(reader) = &mut self.reader else {
            return vec![];
        };
        let mut ctx = Ctx {
            read: &mut self.read,
            area: self.area,
            now_ms,
            notice: &mut self.notice,
            settings: &self.settings,
            changes: Vec::new(),
        };
        let mut effects = f(reader, &mut ctx);
        let changes = std::mem::take(&mut ctx.changes);
        // A single mark keeps the unread count itself (`Reader::count_mark`): recounting against
        // 500,000 marks took longer than a frame. Anything else that saves recounts.
        let counted = std::mem::take(&mut reader.counted);
        if effects.contains(&Effect::SaveState) && !counted {
            reader.recount(&self.read);
        }
        self.history.record(changes);
        // The article just decoded found the digest's index stale (and dropped it): read the
        // digest again rather than keep listing from the index.
        if reader.digest.is_stale() {
            effects.push(Effect::Open(reader.source.clone()));
        }
        if effects.contains(&Effect::ShowLibrary) {
            // Back on the library, the cursor is on the digest just read (`n` may have moved on).
            // (A special row, such as Starred, the reader was reached through keeps the cursor.)
            let key = reader.digest.key.clone();
            let h = self.library_height();
            let lib = &mut self.library;
            if !lib
                .rows
                .get(lib.cursor)
                .is_some_and(|r| r.source.is_special())
            {
                lib.select_key(&key, h);
            }
            self.screen = Screen::Library;
        }
        effects
    }

    pub(crate) fn undo(&mut self, action: Action, now_ms: u64) -> Vec<Effect> {
        let (done, verb, word) = if action == Action::Undo {
            (self.history.undo(&mut self.read, now_ms), "undid", "undo")
        } else {
            (self.history.redo(&mut self.read, now_ms), "redid", "redo")
        };
        match done {
            Some(what) => {
                self.notice = Some(format!("{verb}: {what}"));
                if let Some(r) = &mut self.reader {
                    r.recount(&self.read);
                }
                vec![Effect::SaveState]
            }
            None => {
                self.notice = Some(format!("Nothing to {word}"));
                vec![]
            }
        }
    }

    /// Copies `text` with OSC 52, unless the settings turn the clipboard off.
    pub(super) fn copy(&mut self, text: String) -> Vec<Effect> {
        if !self.settings.clipboard {
            self.notice = Some("Copying is turned off (the clipboard setting)".into());
            return vec![];
        }
        self.notice = Some(format!("Copied {text}"));
        vec![Effect::Copy(text)]
    }
}
