//! Pure program state: no IO, no terminal.
//!
//! State changes only through `Model`'s methods: [`Model::update`] for what the user asks (an
//! [`Action`]), which answers with the [`Effect`]s the app must carry out, and a few named methods
//! through which the app hands back what carrying them out produced (`show_digest`,
//! `refresh_library`, `set_read_state`, `set_search_index`, `notify`) or reports the terminal's
//! size (`resize`). The fields are public for the UI to read; nothing outside writes them.

pub mod digest;
pub mod document;
pub mod library;
mod library_keys;
pub mod nav;
pub mod pane;
pub mod read_state;
pub mod reader;
pub mod river;
pub mod search;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::format::Digest;
use crate::layout;
use crate::settings::Settings;
pub use library::{Library, LibraryRow, SortKey, Source};
use read_state::ReadState;
use reader::{Ctx, Reader};

/// Something the app must do outside the model after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Read state changed: save it (debounced).
    SaveState,
    /// Open a link with the system opener.
    OpenUrl(String),
    /// Load a digest and show it in the reader.
    Open(Source),
    /// The reader was left; refresh the library screen's rows.
    ShowLibrary,
    /// Delete a digest file from the library folder.
    Delete(std::path::PathBuf),
    /// Quit.
    Quit,
    /// Suspend to the shell.
    Suspend,
    /// Build the filter's search text for the open digest (off the input path where possible).
    BuildSearchIndex,
    /// Gather the "All unread" river from the library's digests (off the input path where
    /// possible) and hand it to [`Model::show_river`] with this request number.
    OpenRiver(u64),
}

/// Which set of key bindings applies: what the keys mean depends on what is on screen. The serde
/// names (`reader`, `library`, ...) are the ones a config file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Reading a digest.
    Reader,
    /// Choosing a digest from the library.
    Library,
    /// Typing a filter.
    Filter,
    /// The help overlay is open.
    Help,
    /// A yes/no question is open.
    Confirm,
}

/// Which screen is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The library.
    Library,
    /// The reader.
    Reader,
}

/// A window over the screen that takes the keys until it closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key help.
    Help,
    /// "Delete this digest?" for the library row at this index.
    ConfirmDelete(usize),
    /// "Mark every article of this digest read?" for the open digest.
    ConfirmMarkAll,
    /// "Mark every article of this digest read?" for the library row at this index.
    ConfirmMarkDigest(usize),
}

/// `n`/`N` found no unread article left in the open digest and named the next digest that has
/// some: the same key again opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jump {
    /// The digest to open.
    pub source: Source,
    /// True for `n` (arrive on its first unread article), false for `N` (its last).
    pub forward: bool,
}

/// The whole program state.
#[derive(Debug, Clone)]
pub struct Model {
    /// The screen that is up.
    pub screen: Screen,
    /// The library screen's state.
    pub library: Library,
    /// The reader's state, once a digest has been opened.
    pub reader: Option<Reader>,
    /// An overlay, if one is open.
    pub overlay: Option<Overlay>,
    /// Read marks for every article newsdeck has seen.
    pub read: ReadState,
    /// The terminal's size.
    pub area: Rect,
    /// A one-line message for the status bar, cleared by the next key.
    pub notice: Option<String>,
    /// The user's behaviour settings (from the config file, else the defaults).
    pub settings: Settings,
    /// How many digests have been opened; each reader gets the next number as its token.
    opened: u64,
    /// The digest the last `n`/`N` announced; the same key again opens it.
    pub jump: Option<Jump>,
    /// Set while the digest a jump opens is loading: how to arrive in it.
    arriving: Option<bool>,
    /// The river being gathered (its request number), if one is.
    pub river_pending: Option<u64>,
}

impl Model {
    /// A model showing the library screen.
    pub fn new(library: Library, read: ReadState, area: Rect) -> Self {
        let mut m = Model {
            screen: Screen::Library,
            library,
            reader: None,
            overlay: None,
            read,
            area: crate::area::clamp(area),
            notice: None,
            settings: Settings::default(),
            opened: 0,
            jump: None,
            arriving: None,
            river_pending: None,
        };
        // The rows given are the digests; the screen's rows are computed from them.
        let rows = std::mem::take(&mut m.library.rows);
        let h = m.library_height();
        m.library.set_rows(rows, &m.read, h);
        m
    }

    /// Shows a loaded digest in the reader, where you were in it (see [`Reader::select_resume`]).
    pub fn show_digest(&mut self, digest: Digest, source: Source) {
        self.opened += 1;
        let mut reader = Reader::new(digest, source, self.area, self.opened);
        reader.recount(&self.read);
        reader.select_resume(&self.read, self.area);
        self.reader = Some(reader);
        self.screen = Screen::Reader;
    }

    /// Shows the "All unread" river in the reader, if it is still wanted (request `request`).
    pub fn show_river(&mut self, river: river::River, request: u64) {
        if self.river_pending != Some(request) || self.screen != Screen::Library {
            return;
        }
        self.river_pending = None;
        self.opened += 1;
        let mut reader = Reader::new(river.digest, Source::AllUnread, self.area, self.opened);
        reader.origins = river.origins;
        reader.recount(&self.read);
        reader.select_first_unread(&self.read, self.area);
        if reader.digest.entries.is_empty() {
            self.notice = Some("No unread articles in the library".into());
        }
        self.reader = Some(reader);
        self.screen = Screen::Reader;
    }

    /// Asks for the river: the app gathers it (request number returned) and hands it to
    /// [`Model::show_river`].
    fn request_river(&mut self) -> Vec<Effect> {
        self.opened += 1;
        self.river_pending = Some(self.opened);
        self.notice = Some("Gathering unread articles…".into());
        vec![Effect::OpenRiver(self.opened)]
    }

    /// After a digest opened by `n`/`N` from another one loaded: opens its first (or last)
    /// unread article as `n` would. Returns the effects (saving the new read mark).
    pub fn arrive(&mut self, now_ms: u64) -> Vec<Effect> {
        let (Some(forward), Some(reader)) = (self.arriving.take(), self.reader.as_mut()) else {
            return vec![];
        };
        let mut ctx = Ctx {
            read: &mut self.read,
            area: self.area,
            now_ms,
            notice: &mut self.notice,
        };
        let effects = reader.arrive(forward, &mut ctx);
        reader.recount(&self.read);
        effects
    }

    /// Replaces the library screen's state (at start-up, before any key), with the cursor where
    /// it was when newsdeck last ran.
    pub fn set_library(&mut self, mut library: Library) {
        let h = self.library_height();
        let rows = std::mem::take(&mut library.rows);
        self.library = library;
        self.library.set_rows(rows, &self.read, h);
        if let Some(key) = self.read.library_cursor().cloned() {
            self.library.select_key(&key, h);
        }
    }

    /// Shows fresh library rows and hint, keeping the cursor on the same digest where it still is.
    pub fn refresh_library(&mut self, rows: Vec<LibraryRow>, hint: Option<String>) {
        let h = self.library_height();
        self.library.hint = hint;
        self.library.set_rows(rows, &self.read, h);
    }

    /// Shows a one-line message in the status bar until the next key.
    pub fn notify(&mut self, message: impl Into<String>) {
        self.notice = Some(message.into());
    }

    /// Which key bindings apply now.
    pub fn mode(&self) -> Mode {
        match (&self.overlay, self.screen) {
            (Some(Overlay::Help), _) => Mode::Help,
            (
                Some(
                    Overlay::ConfirmDelete(_)
                    | Overlay::ConfirmMarkAll
                    | Overlay::ConfirmMarkDigest(_),
                ),
                _,
            ) => Mode::Confirm,
            (None, Screen::Reader) if self.reader.as_ref().is_some_and(|r| r.filter_editing) => {
                Mode::Filter
            }
            (None, Screen::Reader) => Mode::Reader,
            (None, Screen::Library) if self.library.filter_editing => Mode::Filter,
            (None, Screen::Library) => Mode::Library,
        }
    }

    /// The bindings the screen under an overlay uses (the help overlay lists them).
    pub fn mode_under_overlay(&self) -> Mode {
        match self.screen {
            Screen::Library => Mode::Library,
            Screen::Reader => Mode::Reader,
        }
    }

    /// Replaces the read marks (after a save merged in another process's changes).
    pub fn set_read_state(&mut self, read: ReadState) {
        self.read = read;
        if let Some(r) = &mut self.reader {
            r.recount(&self.read);
        }
    }

    /// Takes in what won over ours in a save (other processes' changes): only that, so a save
    /// with 500,000 marks costs the screen nothing when nobody else changed anything.
    pub fn merge_marks(&mut self, gained: &ReadState) {
        if gained.is_empty() {
            return;
        }
        self.read.merge(gained);
        if let Some(r) = &mut self.reader {
            r.recount(&self.read);
        }
    }

    /// Applies a search index built for the reader with `token` (ignored if that reader is gone).
    pub fn set_search_index(&mut self, token: u64, index: std::sync::Arc<search::SearchIndex>) {
        if let Some(r) = self.reader.as_mut().filter(|r| r.token == token) {
            let mut ctx = Ctx {
                read: &mut self.read,
                area: self.area,
                now_ms: 0,
                notice: &mut self.notice,
            };
            r.set_search_index(index, &mut ctx);
        }
    }

    /// The terminal was resized: lay out again for the new size.
    pub fn resize(&mut self, area: Rect) {
        // A terminal may claim any size; only a bounded part of it is laid out and drawn.
        let area = crate::area::clamp(area);
        self.area = area;
        let h = self.library_height();
        self.library.top = nav::keep_visible(self.library.top, self.library.cursor, h);
        if let Some(r) = &mut self.reader {
            r.relayout(area);
        }
    }

    /// Rows the library list shows at the current size.
    pub fn library_height(&self) -> usize {
        layout::library_rows(self.area)
    }

    /// Carries out one action at time `now_ms`; returns what the app must do outside the model.
    pub fn update(&mut self, action: Action, now_ms: u64) -> Vec<Effect> {
        self.notice = None;
        let jump = self.jump.take();
        // An arrival is for the digest the previous key's `Open` loaded (the app arrives right
        // after it); if that load failed, it must not apply to a later one.
        self.arriving = None;
        match action {
            Action::Quit => {
                let mut effects = self.remember_cursor(now_ms);
                effects.push(Effect::Quit);
                return effects;
            }
            Action::Suspend => return vec![Effect::Suspend],
            _ => {}
        }
        match self.overlay.take() {
            Some(Overlay::ConfirmDelete(i)) if action == Action::Confirm => {
                return match self.library.rows.get(i).map(|r| r.source.clone()) {
                    Some(Source::File(path)) => vec![Effect::Delete(path)],
                    _ => vec![],
                };
            }
            Some(Overlay::ConfirmMarkAll) if action == Action::Confirm => {
                return self.update_reader(Action::MarkAllRead, now_ms);
            }
            Some(Overlay::ConfirmMarkDigest(i)) if action == Action::Confirm => {
                return self.mark_digest_read(i, now_ms);
            }
            // Any other key closes an overlay and does nothing else.
            Some(_) => return vec![],
            None => {}
        }
        match (action, self.screen) {
            (Action::Help, _) => {
                self.overlay = Some(Overlay::Help);
                vec![]
            }
            // Marking a whole digest read cannot be undone in one key, so it asks first.
            (Action::MarkAllRead, Screen::Reader)
                if self.reader.as_ref().is_some_and(|r| r.unread > 0) =>
            {
                self.overlay = Some(Overlay::ConfirmMarkAll);
                vec![]
            }
            (Action::NextUnread | Action::PrevUnread, Screen::Reader)
                if self
                    .reader
                    .as_ref()
                    .is_some_and(|r| r.unread == 0 && !r.is_river()) =>
            {
                self.next_digest(action == Action::NextUnread, jump)
            }
            (_, Screen::Library) => self.update_library(action, now_ms),
            (_, Screen::Reader) => self.update_reader(action, now_ms),
        }
    }

    fn update_reader(&mut self, action: Action, now_ms: u64) -> Vec<Effect> {
        let Some(reader) = &mut self.reader else {
            return vec![];
        };
        let mut ctx = Ctx {
            read: &mut self.read,
            area: self.area,
            now_ms,
            notice: &mut self.notice,
        };
        let effects = reader.update(action, &mut ctx);
        if effects.contains(&Effect::SaveState) {
            reader.recount(&self.read);
        }
        if effects.contains(&Effect::ShowLibrary) {
            // Back on the library, the cursor is on the digest just read (`n` may have moved on).
            let key = reader.digest.key.clone();
            let h = self.library_height();
            self.library.select_key(&key, h);
            self.screen = Screen::Library;
        }
        effects
    }
}

#[cfg(test)]
mod loop_tests;
#[cfg(test)]
mod tests;
