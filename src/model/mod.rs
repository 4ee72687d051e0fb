//! Pure program state: no IO, no terminal.
//!
//! State changes only through `Model`'s methods: [`Model::update`] for what the user asks (an
//! [`Action`]), which answers with the [`Effect`]s the app must carry out, and a few named methods
//! through which the app hands back what carrying them out produced (`show_digest`,
//! `refresh_library`, `set_read_state`, `set_search_index`, `notify`) or reports the terminal's
//! size (`resize`). The fields are public for the UI to read; nothing outside writes them.

pub mod digest;
pub mod document;
pub mod finder;
mod finder_update;
pub mod fold;
pub mod library;
pub mod lsearch;
pub mod nav;
pub mod pane;
pub mod read_state;
pub mod reader;
pub mod search;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::format::Digest;
use crate::layout;
use crate::settings::Settings;
pub use library::{Library, LibraryRow, Source};
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
    /// Load the library search index (off the input path where possible), then hand it over
    /// with [`Model::set_word_index`].
    LoadWordIndex,
    /// Open the digest in this file at the article with this key.
    OpenAt(std::path::PathBuf, digest::ArticleId),
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
    /// Moving through library search results or People (keys fixed).
    Finder,
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
    /// The library search or People overlay, when open.
    pub finder: Option<finder::Finder>,
    /// The library search index, once loaded.
    pub word_index: Option<std::sync::Arc<lsearch::WordIndex>>,
    /// How many digests have been opened; each reader gets the next number as its token.
    opened: u64,
}

impl Model {
    /// A model showing the library screen.
    pub fn new(library: Library, read: ReadState, area: Rect) -> Self {
        Model {
            screen: Screen::Library,
            library,
            reader: None,
            overlay: None,
            read,
            area: crate::area::clamp(area),
            notice: None,
            settings: Settings::default(),
            finder: None,
            word_index: None,
            opened: 0,
        }
    }

    /// Shows a loaded digest in the reader.
    pub fn show_digest(&mut self, digest: Digest, source: Source) {
        self.opened += 1;
        let mut reader = Reader::new(digest, source, self.area, self.opened);
        reader.recount(&self.read);
        // Pick up where the reader left off: on the first article not yet read.
        reader.select_first_unread(&self.read, self.area);
        self.reader = Some(reader);
        self.screen = Screen::Reader;
    }

    /// Replaces the library screen's state (at start-up, before any key).
    pub fn set_library(&mut self, library: Library) {
        self.library = library;
    }

    /// Shows fresh library rows and hint, keeping the cursor on the same digest where it still is.
    pub fn refresh_library(&mut self, rows: Vec<LibraryRow>, hint: Option<String>) {
        let h = self.library_height();
        self.library.hint = hint;
        self.library.set_rows(rows, h);
    }

    /// Shows a one-line message in the status bar until the next key.
    pub fn notify(&mut self, message: impl Into<String>) {
        self.notice = Some(message.into());
    }

    /// Which key bindings apply now.
    pub fn mode(&self) -> Mode {
        if let Some(f) = &self.finder {
            return if f.editing {
                Mode::Filter
            } else {
                Mode::Finder
            };
        }
        match (&self.overlay, self.screen) {
            (Some(Overlay::Help), _) => Mode::Help,
            (Some(Overlay::ConfirmDelete(_) | Overlay::ConfirmMarkAll), _) => Mode::Confirm,
            (None, Screen::Reader) if self.reader.as_ref().is_some_and(|r| r.filter_editing) => {
                Mode::Filter
            }
            (None, Screen::Reader) => Mode::Reader,
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
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Suspend => return vec![Effect::Suspend],
            _ => {}
        }
        if self.finder.is_some() {
            return self.update_finder(action);
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
            // Any other key closes an overlay and does nothing else.
            Some(_) => return vec![],
            None => {}
        }
        match (action, self.screen) {
            (Action::Help, _) => {
                self.overlay = Some(Overlay::Help);
                vec![]
            }
            (Action::LibrarySearch, _) => self.open_finder(finder::FinderKind::Search),
            (Action::People, _) => self.open_finder(finder::FinderKind::People),
            // Marking a whole digest read cannot be undone in one key, so it asks first.
            (Action::MarkAllRead, Screen::Reader)
                if self.reader.as_ref().is_some_and(|r| r.unread > 0) =>
            {
                self.overlay = Some(Overlay::ConfirmMarkAll);
                vec![]
            }
            (_, Screen::Library) => self.update_library(action),
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
            self.screen = Screen::Library;
        }
        effects
    }

    fn update_library(&mut self, action: Action) -> Vec<Effect> {
        let h = self.library_height();
        let lib = &mut self.library;
        match action {
            Action::Down => lib.move_by(1, h),
            Action::Up => lib.move_by(-1, h),
            Action::PageDown => lib.move_by(h.max(1) as isize, h),
            Action::PageUp => lib.move_by(-(h.max(1) as isize), h),
            Action::HalfPageDown => lib.move_by(nav::half(h) as isize, h),
            Action::HalfPageUp => lib.move_by(-(nav::half(h) as isize), h),
            Action::Top => lib.move_by(isize::MIN, h),
            Action::Bottom => lib.move_by(isize::MAX, h),
            Action::Open => match lib.rows.get(lib.cursor) {
                Some(row) if row.error.is_some() => {
                    self.notice = row.error.clone();
                }
                Some(row) => return vec![Effect::Open(row.source.clone())],
                None => {}
            },
            Action::Delete => match lib.rows.get(lib.cursor) {
                Some(row) if row.deletable => {
                    self.overlay = Some(Overlay::ConfirmDelete(lib.cursor))
                }
                Some(_) => {
                    self.notice = Some("Only digests in the library folder can be deleted".into())
                }
                None => {}
            },
            _ => {}
        }
        vec![]
    }
}

#[cfg(test)]
mod tests;
