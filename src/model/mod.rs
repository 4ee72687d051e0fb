//! Pure program state: no IO, no terminal.
//!
//! State changes through `Model`'s methods: [`Model::update`] for what the user asks (an
//! [`Action`](crate::action::Action)), which answers with the [`Effect`]s the app must carry
//! out, and named methods through which the app hands back what carrying them out produced
//! (`show_digest`, `refresh_library`, `set_read_state`, `set_search_index`, `notify`) or reports
//! the terminal's size (`resize`). The fields are public for the UI to read. Outside the model
//! only the app writes a few directly: `settings` and `tz` at start-up, `mouse` as the terminal
//! set it, `help_scroll` clamped to what the help has at this size, and a save notice cleared.
//! The update parts (`update.rs` and the `*_keys.rs` files) are described in `update.rs`.

pub mod digest;
pub mod document;
mod effect;
pub mod find;
pub mod finder;
mod finder_update;
pub mod fold;
pub mod ids;
mod keep;
pub mod library;
mod library_keys;
pub mod links;
mod links_keys;
pub mod lsearch;
pub mod mouse;
pub mod nav;
pub mod pane;
pub mod prompt;
pub mod read_state;
pub mod reader;
mod reader_find;
mod reader_keys;
mod reader_loop;
pub mod river;
pub mod scope;
mod screen;
pub mod search;
pub mod starred;
pub mod table_nav;
pub mod undo;
mod update;

use ratatui::layout::Rect;

use crate::format::Digest;
use crate::layout;
use crate::settings::Settings;
pub use effect::Effect;
pub use library::{Library, LibraryRow, SortKey, Source};
pub use library_keys::{Jump, LibraryUndo};
use read_state::ReadState;
use reader::Reader;
pub use screen::{Mode, Overlay, Screen};
use starred::{StarredRow, StarredView};

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
    /// The Starred screen's rows being gathered (their request number), if they are.
    pub starred_pending: Option<u64>,
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
            starred_pending: None,
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
        let mut reader = self.new_reader(digest, source);
        reader.recount(&self.read);
        match keep.and_then(|id| reader.digest.entries.iter().position(|e| e.id == id)) {
            Some(i) => reader.select_entry(i, focus, self.area),
            None => reader.select_first_unread(&self.read, self.area),
        }
        self.reader = Some(reader);
        self.screen = screen;
    }

    /// A reader of `digest` with the next token, laid out at the user's reading width with dates
    /// in their time zone (every reader: a reloaded digest and the river too).
    fn new_reader(&self, digest: Digest, source: Source) -> Reader {
        let typography = (usize::from(self.settings.reading_width), self.tz.clone());
        Reader::with_typography(digest, source, self.area, self.opened, typography)
    }

    /// Shows a loaded digest in the reader, where you were in it (see [`Reader::select_resume`]).
    pub fn show_digest(&mut self, digest: Digest, source: Source) {
        self.opened += 1;
        let mut reader = self.new_reader(digest, source);
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

    /// Shows the Starred screen with the rows of request `request`, keeping the cursor on the
    /// same article; false (nothing changes) when that request is no longer wanted: another was
    /// made since, or the library screen was left meanwhile.
    pub fn show_starred(&mut self, rows: Vec<StarredRow>, request: u64) -> bool {
        if self.starred_pending != Some(request) || self.screen != Screen::Library {
            return false;
        }
        self.starred_pending = None;
        if self.notice.as_deref() == Some(library_keys::GATHERING_STARRED) {
            self.notice = None;
        }
        let h = self.library_height();
        self.starred.set_rows(rows, h);
        self.screen = Screen::Starred;
        true
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

    /// Whether the reader's filter is still searching (see [`Model::continue_filter`]).
    pub fn filter_pending(&self) -> bool {
        self.reader.as_ref().is_some_and(|r| r.filtering.is_some())
    }

    /// Searches on with the reader's pending filter, one step (a bounded amount of text): the
    /// terminal loop calls it between input events until [`Model::filter_pending`] is false.
    pub fn continue_filter(&mut self) {
        self.with_filter(|r, ctx| r.filter_step(ctx, r.filter_work));
    }

    /// Runs the reader's pending filter to its end, for output that must be final (a snapshot,
    /// a headless run) and for keys that need the whole list.
    pub fn finish_filter(&mut self) {
        self.with_filter(|r, ctx| r.finish_filter(ctx));
    }

    fn with_filter(&mut self, f: impl FnOnce(&mut Reader, &mut reader::Ctx)) {
        if self.filter_pending() {
            self.with_reader(0, |r, ctx| {
                f(r, ctx);
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
}

#[cfg(test)]
mod loop_tests;
#[cfg(test)]
mod screen_tests;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod tests_find;
