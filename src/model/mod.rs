//! Pure program state: no IO, no terminal.
//!
//! State changes only through `Model`'s methods: [`Model::update`] for what the user asks (an
//! [`Action`]), which answers with the [`Effect`]s the app must carry out, and a few named methods
//! through which the app hands back what carrying them out produced (`show_digest`,
//! `refresh_library`, `set_read_state`, `set_search_index`, `notify`) or reports the terminal's
//! size (`resize`). The fields are public for the UI to read; nothing outside writes them.

pub mod digest;
pub mod document;
pub mod find;
pub mod finder;
mod finder_update;
pub mod fold;
mod keep;
pub mod library;
mod library_keys;
pub mod links;
pub mod listing;
pub mod lsearch;
pub mod mouse;
pub mod nav;
pub mod pane;
pub mod prompt;
pub mod read_state;
pub mod reader;
mod reader_filter;
mod reader_find;
mod reader_loop;
pub mod river;
pub mod scope;
pub mod search;
pub mod starred;
pub mod table_nav;
pub mod undo;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::format::Digest;
use crate::layout;
use crate::settings::Settings;
pub use library::{Library, LibraryRow, SortKey, Source};
pub use library_keys::{Jump, LibraryUndo};
use read_state::ReadState;
use reader::{Ctx, Reader};
use starred::{StarredRow, StarredView};

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
    /// Move a digest file from the library folder to the trash.
    Delete(std::path::PathBuf),
    /// Put the digest moved to the trash last back into the library.
    RestoreTrash,
    /// Copy this text to the clipboard (OSC 52).
    Copy(String),
    /// Turn mouse capture on or off.
    SetMouse(bool),
    /// Quit.
    Quit,
    /// Suspend to the shell.
    Suspend,
    /// Write an article, as Markdown, to `<stem>.md` in the current folder, never overwriting.
    Export {
        /// The file-name stem (the headline's slug).
        stem: String,
        /// The Markdown.
        content: String,
    },
    /// Show the Starred screen: every starred article across the library.
    ShowStarred,
    /// Load a digest and open the article with this id in the reader.
    OpenArticle(Source, String),
    /// Build the filter's search text for the open digest (off the input path where possible).
    BuildSearchIndex,
    /// Load the library search index (off the input path where possible), then hand it over
    /// with [`Model::set_word_index`].
    LoadWordIndex,
    /// Open the digest in this file at the article with this key.
    OpenAt(std::path::PathBuf, digest::ArticleId),
    /// Gather the "All unread" river from the library's digests (off the input path where
    /// possible) and hand it to [`Model::show_river`] with this request number.
    OpenRiver(u64),
    /// Download every subscription into the library in the background.
    Fetch,
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
    /// Choosing from the starred articles.
    Starred,
    /// Moving through library search results or People (keys fixed).
    Finder,
    /// The link list is open.
    Links,
}

/// Which screen is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The library.
    Library,
    /// The reader.
    Reader,
    /// Every starred article.
    Starred,
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
    /// The open article's links, numbered, with the one Enter opens.
    Links {
        /// The links, the article's own first.
        links: Vec<String>,
        /// The chosen one.
        selected: usize,
    },
    /// "Mark every article of this digest read?" for the library row at this index.
    ConfirmMarkDigest(usize),
}

/// The whole program state.
#[derive(Debug, Clone)]
pub struct Model {
    /// The screen that is up.
    pub screen: Screen,
    /// The library screen's state.
    pub library: Library,
    /// The Starred screen's state.
    pub starred: StarredView,
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
    /// The time zone dates are shown in (the app sets the system's; UTC until then).
    pub tz: jiff::tz::TimeZone,
    /// Warnings that matter (a state file set aside, read marks not saved): shown over the
    /// screen until dismissed, not cleared by the next key like `notice`.
    pub warnings: Vec<String>,
    /// Every warning of the session, once each, to print on stderr at exit.
    pub warned: Vec<String>,
    /// First line of the help overlay shown (it scrolls on a short screen).
    pub help_scroll: usize,
    /// Read-mark changes of this session, to undo and redo.
    pub history: undo::History,
    /// Whether the mouse is captured now (`settings.mouse` at start; `M` toggles it).
    pub mouse: bool,
    /// How many digests have been opened; each reader gets the next number as its token.
    opened: u64,
    /// The digest the last `n`/`N` announced; the same key again opens it.
    pub jump: Option<Jump>,
    /// Set while the digest a jump opens is loading: how to arrive in it.
    arriving: Option<bool>,
    /// The river being gathered (its request number), if one is.
    pub river_pending: Option<u64>,
    /// What `U` on the library undoes.
    pub library_undo: LibraryUndo,
    /// A background fetch of the subscriptions, while one runs.
    pub fetching: Option<FetchProgress>,
}

/// How far a background fetch has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FetchProgress {
    /// Feeds finished.
    pub done: usize,
    /// Feeds to fetch (0 until the subscription list is read).
    pub total: usize,
}

impl Model {
    /// A model showing the library screen.
    pub fn new(library: Library, read: ReadState, area: Rect) -> Self {
        let mut m = Model {
            screen: Screen::Library,
            library,
            starred: StarredView::default(),
            reader: None,
            overlay: None,
            read,
            area: crate::area::clamp(area),
            notice: None,
            settings: Settings::default(),
            finder: None,
            word_index: None,
            tz: jiff::tz::TimeZone::UTC,
            warnings: Vec::new(),
            warned: Vec::new(),
            help_scroll: 0,
            history: undo::History::default(),
            mouse: Settings::default().mouse,
            opened: 0,
            jump: None,
            arriving: None,
            river_pending: None,
            library_undo: LibraryUndo::default(),
            fetching: None,
        };
        // The rows given are the digests; the screen's rows are computed from them.
        let rows = std::mem::take(&mut m.library.rows);
        let h = m.library_height();
        m.library.set_rows(rows, &m.read, h);
        m
    }

    /// A background fetch found `total` subscriptions to download.
    pub fn fetch_started(&mut self, total: usize) {
        self.fetching = Some(FetchProgress { done: 0, total });
        self.notice = Some(format!("Fetching {total} feeds…"));
    }

    /// One feed of a background fetch finished (`label`: its name or URL).
    pub fn feed_fetched(&mut self, label: &str) {
        if let Some(p) = &mut self.fetching {
            p.done += 1;
            self.notice = Some(crate::sanitize::line_owned(format!(
                "Fetching feeds: {}/{} ({label})",
                p.done, p.total
            )));
        }
    }

    /// The background fetch ended; `summary` says how it went (or why it could not start).
    pub fn fetch_finished(&mut self, summary: String) {
        self.fetching = None;
        self.notice = Some(crate::sanitize::line_owned(summary));
    }

    /// The open digest's file was replaced: shows the new version, on the same article where it
    /// still exists (read marks are keyed by article, so they carry over), on the same screen.
    pub fn reload_digest(&mut self, digest: Digest) {
        let Some(old) = &self.reader else {
            return;
        };
        let keep = old.selected().map(|i| old.digest.entries[i].id.clone());
        let (source, focus, screen) = (old.source.clone(), old.focus, self.screen);
        self.opened += 1;
        let mut reader = Reader::new(digest, source, self.area, self.opened);
        reader.recount(&self.read);
        match keep.and_then(|id| reader.digest.entries.iter().position(|e| e.id == id)) {
            Some(i) => reader.select_entry(i, focus, self.area),
            None => reader.select_first_unread(&self.read, self.area),
        }
        self.reader = Some(reader);
        self.screen = screen;
    }

    /// Shows a loaded digest in the reader, where you were in it (see [`Reader::select_resume`]).
    pub fn show_digest(&mut self, digest: Digest, source: Source) {
        self.opened += 1;
        let mut reader = Reader::new(digest, source, self.area, self.opened);
        reader.set_typography(
            usize::from(self.settings.reading_width),
            self.tz.clone(),
            self.area,
        );
        // Queries typed earlier this session stay recallable in the next digest.
        if let Some(old) = self.reader.take() {
            reader.prompt = old.prompt;
            reader.search_prompt = old.search_prompt;
        }
        reader.recount(&self.read);
        reader.select_resume(&self.read, self.area);
        self.reader = Some(reader);
        self.screen = Screen::Reader;
    }

    /// Shows dates in `tz` from now on (the open article is laid out again).
    pub fn set_time_zone(&mut self, tz: jiff::tz::TimeZone) {
        self.tz = tz;
        if let Some(r) = &mut self.reader {
            r.set_typography(r.reading_width, self.tz.clone(), self.area);
        }
    }

    /// Opens article `id` of the digest in the reader (`newsdeck PATH#ID`); when the digest has
    /// no such article, says so and leaves the reader as it was.
    pub fn open_article(&mut self, id: &str, now_ms: u64) -> Vec<Effect> {
        let mut found = true;
        let effects = self.with_reader(now_ms, |r, ctx| {
            r.open_id(id, ctx).unwrap_or_else(|| {
                found = false;
                vec![]
            })
        });
        if !found {
            self.notice = Some(format!(
                "No article \"{}\" in this digest; showing all of it",
                crate::sanitize::line(id)
            ));
        }
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

    /// Shows the Starred screen with fresh rows, keeping the cursor on the same article.
    pub fn show_starred(&mut self, rows: Vec<StarredRow>) {
        let h = self.library_height();
        self.starred.set_rows(rows, h);
        self.screen = Screen::Starred;
    }

    /// Shows a one-line message in the status bar until the next key.
    pub fn notify(&mut self, message: impl Into<String>) {
        self.notice = Some(message.into());
    }

    /// Shows a warning until it is dismissed, and keeps it for the exit (once each).
    pub fn warn(&mut self, message: impl Into<String>) {
        let message = message.into();
        if !self.warned.contains(&message) {
            self.warned.push(message.clone());
        }
        if !self.warnings.contains(&message) {
            self.warnings.push(message);
        }
    }

    /// Shows a warning until it is dismissed, for a caller that says it at exit itself.
    pub fn warn_on_screen(&mut self, message: impl Into<String>) {
        let message = message.into();
        if !self.warnings.contains(&message) {
            self.warnings.push(message);
        }
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
            (
                Some(
                    Overlay::ConfirmDelete(_)
                    | Overlay::ConfirmMarkAll
                    | Overlay::ConfirmMarkDigest(_),
                ),
                _,
            ) => Mode::Confirm,
            (Some(Overlay::Links { .. }), _) => Mode::Links,
            (None, Screen::Reader)
                if self
                    .reader
                    .as_ref()
                    .is_some_and(|r| r.filter_editing || r.search_editing) =>
            {
                Mode::Filter
            }
            (None, Screen::Reader) => Mode::Reader,
            (None, Screen::Library) if self.library.filter_editing => Mode::Filter,
            (None, Screen::Library) => Mode::Library,
            (None, Screen::Starred) => Mode::Starred,
        }
    }

    /// The bindings the screen under an overlay uses (the help overlay lists them).
    pub fn mode_under_overlay(&self) -> Mode {
        match self.screen {
            Screen::Library => Mode::Library,
            Screen::Reader => Mode::Reader,
            Screen::Starred => Mode::Starred,
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
        if self.reader.as_ref().is_some_and(|r| r.token == token) {
            self.with_reader(0, |r, ctx| {
                r.set_search_index(index, ctx);
                vec![]
            });
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
            // Settings may have been filled in (from the config file) after the digest opened.
            let width = usize::from(self.settings.reading_width);
            if r.reading_width != width {
                r.set_typography(width, self.tz.clone(), area);
            }
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
            Action::DismissWarning if self.overlay.is_none() => {
                self.warnings.clear();
                return vec![];
            }
            Action::ToggleMouse if !matches!(self.overlay, Some(Overlay::Links { .. })) => {
                self.mouse = !self.mouse;
                self.notice = Some(if self.mouse {
                    "Mouse on: click, wheel, double-click to open (Shift-drag selects text)".into()
                } else {
                    "Mouse off: the terminal selects text again (M turns the mouse back on)".into()
                });
                return vec![Effect::SetMouse(self.mouse)];
            }
            _ => {}
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
        if self.overlay == Some(Overlay::Help) {
            // Moving keys scroll the help (the screen clamps how far); any other closes it.
            let s = self.help_scroll;
            self.help_scroll = match action {
                Action::Down => s.saturating_add(1),
                Action::Up => s.saturating_sub(1),
                Action::PageDown => s.saturating_add(10),
                Action::PageUp => s.saturating_sub(10),
                Action::Top => 0,
                Action::Bottom => usize::MAX,
                _ => {
                    self.overlay = None;
                    return vec![];
                }
            };
            return vec![];
        }
        match self.overlay.take() {
            Some(Overlay::ConfirmDelete(i)) if action == Action::Confirm => {
                self.library_undo = LibraryUndo::Trash;
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
            (Action::Fetch, _) if self.fetching.is_some() => {
                self.notice = Some("A fetch is already running".into());
                vec![]
            }
            (Action::Fetch, _) => {
                self.fetching = Some(FetchProgress::default());
                self.notice = Some("Fetching feeds…".into());
                vec![Effect::Fetch]
            }
            (Action::Help, _) => {
                self.overlay = Some(Overlay::Help);
                self.help_scroll = 0;
                vec![]
            }
            (Action::LibrarySearch, _) => self.open_finder(finder::FinderKind::Search),
            (Action::People, _) => self.open_finder(finder::FinderKind::People),
            // Marking many articles read cannot be undone in one key, so it asks first.
            (Action::MarkAllRead, Screen::Reader)
                if self
                    .reader
                    .as_ref()
                    .is_some_and(|r| r.unread_in_scope(&self.read) > 0) =>
            {
                self.overlay = Some(Overlay::ConfirmMarkAll);
                vec![]
            }
            (Action::NextUnread | Action::PrevUnread, Screen::Reader) if self.goes_on() => {
                self.next_digest(action == Action::NextUnread, jump)
            }
            (Action::CopyArticle, Screen::Reader) => self.copy_article(),
            (Action::ToggleStar, Screen::Reader) => self.toggle_star(now_ms),
            (Action::ExportArticle, Screen::Reader) => self.export_article(),
            (Action::Undo | Action::Redo, Screen::Reader) => self.undo(action, now_ms),
            (Action::Undo, Screen::Library) => self.library_undo(now_ms),
            (Action::LinkList, Screen::Reader) => self.open_link_list(),
            (Action::CopyLink, Screen::Reader) => {
                let url = self.reader.as_ref().and_then(Reader::article_url);
                match url {
                    Some(u) => self.copy(u),
                    None => {
                        self.notice = Some("This article has no link to copy".into());
                        vec![]
                    }
                }
            }
            (_, Screen::Library) => self.update_library(action, now_ms),
            (_, Screen::Starred) => self.update_starred(action, now_ms),
            (_, Screen::Reader) => self.update_reader(action, now_ms),
        }
    }

    fn update_reader(&mut self, action: Action, now_ms: u64) -> Vec<Effect> {
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
    fn copy(&mut self, text: String) -> Vec<Effect> {
        if !self.settings.clipboard {
            self.notice = Some("Copying is turned off (the clipboard setting)".into());
            return vec![];
        }
        self.notice = Some(format!("Copied {text}"));
        vec![Effect::Copy(text)]
    }

    fn open_link_list(&mut self) -> Vec<Effect> {
        let links = self
            .reader
            .as_ref()
            .and_then(|r| r.opened.as_ref().filter(|o| Some(o.index) == r.selected()))
            .and_then(|o| o.article.as_ref().ok())
            .map(links::article_links)
            .unwrap_or_default();
        if links.is_empty() {
            self.notice = Some("This article has no links".into());
        } else {
            self.overlay = Some(Overlay::Links { links, selected: 0 });
        }
        vec![]
    }

    /// A key or click while the link list is open: choose, open or copy a link, or close.
    fn update_links(
        &mut self,
        action: Action,
        links: Vec<String>,
        selected: usize,
        now_ms: u64,
    ) -> Vec<Effect> {
        let pick = match action {
            Action::Down | Action::Up => {
                let delta = if action == Action::Down { 1 } else { -1 };
                let selected = nav::step(selected, links.len(), delta);
                self.overlay = Some(Overlay::Links { links, selected });
                return vec![];
            }
            Action::Open => selected,
            Action::PickLink(n) => usize::from(n).saturating_sub(1),
            Action::Click(x, y) | Action::DoubleClick(x, y) => {
                match links::hit(self.area, &links, selected, x, y) {
                    Some(i) => i,
                    None => return vec![],
                }
            }
            Action::CopyLink => {
                let url = links.get(selected).cloned().unwrap_or_default();
                return self.copy(url);
            }
            Action::Wheel(..) | Action::ToggleMouse => {
                self.overlay = Some(Overlay::Links { links, selected });
                return vec![];
            }
            _ => return vec![],
        };
        let Some(url) = links.get(pick).cloned() else {
            self.notice = Some(format!("There is no link {}", pick + 1));
            return vec![];
        };
        self.with_reader(now_ms, |r, ctx| r.open_link(&url, ctx))
    }
}

#[cfg(test)]
mod loop_tests;
#[cfg(test)]
mod screen_tests;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod tests_find;
