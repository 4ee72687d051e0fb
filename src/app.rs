//! The application without a terminal: start-up, keys -> actions -> update, and carrying out the
//! effects that touch files. The terminal loop (`tui`) and `snapshot` both drive this.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use crate::action::Action;
use crate::format::Digest;
use crate::keymap::Keymap;
use crate::model::lsearch::WordIndex;
use crate::model::read_state::ReadState;
use crate::model::river;
use crate::model::search::SearchIndex;
use crate::model::{Effect, Library, LibraryRow, Model, Source};
use crate::settings::Settings;
use crate::store::digest_index::{DigestIndexes, PendingIndex};
use crate::store::index::IndexFile;
use crate::store::library;
use crate::store::listing::{self, LibraryItem};
use crate::store::load::{self, LoadError};
use crate::store::paths::Paths;
use crate::store::saver::{DELAYED_LOCKED, Report, Saver};
use crate::store::state::StateStore;
use crate::store::sync::{SyncDir, SyncStamp};
use crate::{SAMPLE_DIGEST, format};

mod deferred;
mod keep;
mod live;

/// What the command line asked to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The library folder.
    Library,
    /// Files and folders given on the command line.
    Paths(Vec<PathBuf>),
    /// A digest read from stdin or downloaded, by the name messages use.
    Memory(String),
}

/// Where the app keeps things, and whether it may write them.
pub struct Stores {
    /// The library folder's store, when there is a home to keep one in.
    pub library: Option<library::Library>,
    /// The listing index, for listing folders given on the command line too.
    pub index: Option<IndexFile>,
    /// The read-state store; `None` never writes (snapshot, or nowhere to keep state).
    pub state: Option<StateStore>,
    /// The per-digest indexes that make re-opening a big digest fast.
    pub digests: Option<DigestIndexes>,
    /// The read marks loaded at start.
    pub read: ReadState,
    /// Warnings to show once (a corrupt state file set aside, state that cannot be saved).
    pub warnings: Vec<String>,
    /// The sync folder shared with other machines, if one is set.
    pub sync: Option<SyncDir>,
}

impl Stores {
    /// The user's stores. With `write` false nothing is ever written (for `snapshot`).
    pub fn open(write: bool) -> Stores {
        match Paths::resolve() {
            Ok(paths) => Stores::open_at(&paths, write),
            Err(why) => Stores {
                warnings: vec![format!("{why}; read marks are kept in memory only")],
                ..Stores::none()
            },
        }
    }

    /// The stores at `paths`. With `write` false nothing is ever written: the library index is
    /// used if it exists but not updated, and read state is only peeked at.
    pub fn open_at(paths: &Paths, write: bool) -> Stores {
        let index_path = paths.index_file();
        let index = if write {
            IndexFile::new(index_path)
        } else {
            IndexFile::read_only(index_path)
        };
        let library = Some(library::Library::with_index(
            paths.library.clone(),
            index.clone(),
        ));
        if !write {
            let read = StateStore::peek(&paths.state);
            return Stores {
                library,
                index: Some(index),
                state: None,
                digests: Some(DigestIndexes::new(&paths.cache, false)),
                read,
                warnings: vec![],
                sync: None,
            };
        }
        let (state, read, warnings) = StateStore::open(&paths.state);
        Stores {
            library,
            index: Some(index),
            state: Some(state),
            digests: Some(DigestIndexes::new(&paths.cache, true)),
            read,
            warnings,
            sync: None,
        }
    }

    /// Stores that hold nothing and write nothing (tests).
    pub fn none() -> Stores {
        Stores {
            library: None,
            index: None,
            state: None,
            digests: None,
            read: ReadState::new(),
            warnings: vec![],
            sync: None,
        }
    }

    /// These stores sharing read state through the sync folder in `settings`, if one is set:
    /// the other devices' marks are merged in now (newer wins) and at every save, and this
    /// machine's file there is written at every save. Read-only stores only read.
    pub fn with_sync(mut self, settings: &Settings) -> Stores {
        let Some(dir) = &settings.sync_dir else {
            return self;
        };
        let sync = SyncDir::new(dir.clone(), settings.device.as_deref());
        let (others, warnings) = sync.read_others();
        self.read.merge(&others);
        self.warnings.extend(warnings);
        if self.state.is_some() {
            self.sync = Some(sync);
        }
        self
    }
}

/// The running application: the model plus the stores behind it.
pub struct App {
    /// The program state.
    pub model: Model,
    /// Which keys do what; the help overlay and the hints are drawn from it too.
    pub keymap: Keymap,
    target: Target,
    library: Option<library::Library>,
    index: Option<IndexFile>,
    state: Option<StateStore>,
    digests: Option<DigestIndexes>,
    /// The background saver, once [`App::save_in_background`] moved the store to it.
    saver: Option<Saver>,
    /// True when read marks changed since the last save.
    pub dirty: bool,
    /// Where `E` writes articles (the current folder in the reader); `None` writes nothing, so
    /// `snapshot` stays read-only.
    pub export_dir: Option<PathBuf>,
    /// The sync folder, with what its other devices' files looked like when last read.
    sync: Option<(SyncDir, Vec<SyncStamp>)>,
    /// Build search indexes on the calling thread (headless runs, tests) instead of handing the
    /// work to the caller as an effect (the terminal loop builds them in the background).
    pub sync_search: bool,
    /// The digest of a [`Target::Memory`]: there is no file to open it from again.
    memory: Option<Digest>,
    /// The last left click (column, row, time), to tell a double click.
    last_click: Option<(u16, u16, u64)>,
    /// Listing the library in the background (the terminal loop).
    bg: deferred::Deferred,
}

/// Two clicks on one cell within this many milliseconds are a double click.
const DOUBLE_CLICK_MS: u64 = 400;

/// The one-line hint shown when the library is empty.
pub const EMPTY_LIBRARY_HINT: &str = "Your library is empty, so this is the bundled sample. Add digests with: newsdeck add FILE.json";

impl App {
    /// Starts on `target` at terminal size `area`. Errors are for the user (a file that cannot be read).
    pub fn start(target: Target, stores: Stores, area: Rect) -> Result<App, LoadError> {
        App::start_with(target, stores, area, false)
    }

    /// [`App::start`] for the terminal loop: the library screen comes up from the library index
    /// alone and is listed in the background (see [`App::take_listing_job`]).
    pub fn start_deferred(target: Target, stores: Stores, area: Rect) -> Result<App, LoadError> {
        App::start_with(target, stores, area, true)
    }

    fn start_with(
        target: Target,
        mut stores: Stores,
        area: Rect,
        deferred: bool,
    ) -> Result<App, LoadError> {
        // Before anything counts unread: marks from a version-1 state file go to their digests.
        if let Some(lib) = &stores.library {
            lib.migrate_legacy(&mut stores.read);
        }
        let mut app = App {
            model: Model::new(Library::default(), stores.read, area),
            keymap: Keymap::default(),
            target,
            library: stores.library,
            index: stores.index,
            state: stores.state,
            digests: stores.digests,
            sync: stores.sync.map(|s| {
                let seen = s.others_stamp();
                (s, seen)
            }),
            saver: None,
            dirty: false,
            export_dir: None,
            sync_search: true,
            memory: None,
            last_click: None,
            bg: deferred::Deferred::default(),
        };
        app.model.tz = crate::date::local_zone();
        app.bg.on = deferred;
        // A single digest opens straight in the reader, and its library row comes from the digest
        // already loaded: inspecting it as well would decode a big file twice before the first frame.
        if let Target::Paths(p) = &app.target
            && let [one] = p.as_slice()
            && !load::is_folder(one)
        {
            let source = Source::File(one.clone());
            app.show(source)?;
        }
        // In the background, a library with digests comes up from its index (maybe no rows yet).
        if let Some(first) = app
            .deferred_library()
            .then(|| app.first_listing())
            .flatten()
        {
            app.model.set_library(app.with_starred(first));
            app.model.begin_listing();
            for w in stores.warnings {
                app.model.warn(w);
            }
            return Ok(app);
        }
        let listing = app.listing();
        // An empty library opens the bundled sample straight in the reader, and the sample's
        // library row then comes from that one copy.
        if listing.rows.is_empty() && app.target == Target::Library && app.model.reader.is_none() {
            app.model
                .show_digest(open(&Source::Bundled)?, Source::Bundled);
        }
        app.model
            .set_library(app.with_starred(app.with_sample(listing)));
        for w in stores.warnings {
            app.model.warn(w);
        }
        Ok(app)
    }

    /// Starts reading `digest`, read from stdin or downloaded and called `name`, with the
    /// user's stores (read marks) behind it.
    pub fn start_memory(name: String, digest: Digest, stores: Stores, area: Rect) -> App {
        let mut app = App {
            model: Model::new(Library::default(), stores.read, area),
            keymap: Keymap::default(),
            target: Target::Memory(name.clone()),
            library: stores.library,
            index: stores.index,
            state: stores.state,
            digests: stores.digests,
            sync: stores.sync.map(|s| {
                let seen = s.others_stamp();
                (s, seen)
            }),
            saver: None,
            dirty: false,
            export_dir: None,
            sync_search: true,
            memory: Some(digest.clone()),
            last_click: None,
            bg: deferred::Deferred::default(),
        };
        let source = Source::Memory(name.clone());
        app.model.set_library(Library {
            title: name,
            rows: vec![LibraryRow::from_digest(&digest, source.clone())],
            ..Library::default()
        });
        app.model.show_digest(digest, source);
        if !stores.warnings.is_empty() {
            app.model.notify(stores.warnings.join("; "));
        }
        app
    }

    /// Takes the keys and settings of a config file (the theme is the caller's: it draws).
    pub fn configure(&mut self, config: &crate::config::Config) {
        self.keymap = config.keymap.clone();
        self.model.settings = config.settings.clone();
        // Lay out again: the reading width may have changed under an open digest.
        self.model.resize(self.model.area);
    }

    /// An app reading a digest that is already in memory, with no stores behind it: the whole
    /// keys -> update -> render pipeline without files (fuzzing, property tests).
    pub fn reading(digest: Digest, area: Rect) -> App {
        let stores = Stores::none();
        let mut app = App {
            model: Model::new(Library::default(), stores.read, area),
            keymap: Keymap::default(),
            target: Target::Paths(Vec::new()),
            library: None,
            index: None,
            state: None,
            digests: None,
            sync: None,
            saver: None,
            dirty: false,
            export_dir: None,
            sync_search: true,
            memory: None,
            last_click: None,
            bg: deferred::Deferred::default(),
        };
        app.model.show_digest(digest, Source::Bundled);
        app
    }

    /// The library screen's rows for the target, from the reader's copy where the target is the
    /// one digest already open (inspecting it again would decode a big file twice).
    fn listing(&self) -> Library {
        if let (Target::Paths(paths), Some(r)) = (&self.target, &self.model.reader)
            && let [one] = paths.as_slice()
            && r.source == Source::File(one.clone())
        {
            return Library {
                title: load::display_path(one),
                rows: vec![LibraryRow::from_digest(&r.digest, r.source.clone())],
                ..Library::default()
            };
        }
        if let Target::Memory(_) = &self.target {
            // One digest, never on disk: its row does not change.
            return self.model.library.clone();
        }
        let (title, items, deletable) = match (&self.target, &self.library) {
            (Target::Library, Some(lib)) => ("Library".to_string(), lib.list(), true),
            (Target::Library, None) => ("Library".to_string(), Vec::new(), false),
            (Target::Paths(paths), _) => {
                let title = match paths.as_slice() {
                    [one] => load::display_path(one),
                    many => format!("{} paths", many.len()),
                };
                (
                    title,
                    listing::scan_with_index(paths, self.index.as_ref()).0,
                    false,
                )
            }
            (Target::Memory(_), _) => (String::new(), Vec::new(), false),
        };
        let rows = items
            .into_iter()
            .map(|item| row_for(item, deletable))
            .collect();
        Library {
            title,
            rows,
            ..Library::default()
        }
    }

    /// `lib`, with the bundled sample and a hint when it is the user's library and it is empty.
    fn with_sample(&self, mut lib: Library) -> Library {
        if lib.rows.is_empty() && self.target == Target::Library {
            let open_sample = self
                .model
                .reader
                .as_ref()
                .filter(|r| r.source == Source::Bundled);
            lib.rows = vec![match open_sample {
                Some(r) => LibraryRow::from_digest(&r.digest, Source::Bundled),
                None => bundled_row(),
            }];
            lib.hint = Some(EMPTY_LIBRARY_HINT.to_string());
        }
        lib
    }

    fn refresh_library(&mut self) {
        if self.deferred_library() {
            return self.refresh_deferred();
        }
        let view = self.with_starred(self.with_sample(self.listing()));
        self.model.refresh_library(view.rows, view.hint);
    }

    /// Moves saving to a thread of its own (see [`crate::store::saver`]): from now on [`App::save`]
    /// never waits, and `report` is called on that thread with what it has to say; hand each
    /// [`Report`] to [`App::saved`] on the UI thread.
    pub fn save_in_background(&mut self, report: impl Fn(Report) + Send + 'static) {
        if let Some(store) = self.state.take() {
            let mut copy = self.model.read.clone();
            copy.take_changes();
            // The sync folder goes with the store: the saver writes this machine's file there.
            self.saver = Some(Saver::spawn_synced(store, copy, self.sync.take(), report));
        }
    }

    /// Takes in what the background saver reported: other processes' marks, or a status line.
    pub fn saved(&mut self, report: Report) {
        match report {
            Report::Saved { gained } => {
                self.model.merge_marks(&gained);
                if self.model.notice.as_deref() == Some(DELAYED_LOCKED) {
                    self.model.notice = None;
                }
            }
            Report::Delayed(line) => self.model.notify(line),
            // Marks not saved matter: the warning stays until dismissed and is said at exit.
            Report::Failed(line) => self.model.warn(line),
        }
    }

    /// Saves pending marks and waits up to `wait` for them to be written (before stopping on
    /// Ctrl-Z, when no thread runs until `fg`).
    pub fn flush(&mut self, wait: Duration) {
        match &self.saver {
            Some(saver) => {
                self.dirty = false;
                saver.flush(self.model.read.take_changes(), wait);
            }
            None => {
                self.save();
            }
        }
    }

    /// The last save before the process ends, waiting up to `wait` for another newsdeck's lock.
    /// Returns a message when marks could not be saved: how many, and why.
    pub fn finish(&mut self, wait: Duration) -> Option<String> {
        let Some(saver) = self.saver.take() else {
            return self.save();
        };
        self.dirty = false;
        let left = saver.finish(self.model.read.take_changes(), wait)?;
        // Changes are read marks, stars and places (the article last opened, the library
        // cursor), so they are not all "read marks".
        let n = left.marks;
        Some(format!(
            "{n} change{} to read state (read marks, stars, places) {} not saved: {}",
            if n == 1 { "" } else { "s" },
            if n == 1 { "was" } else { "were" },
            left.why
        ))
    }

    /// Writes read marks if they changed, merging in other processes' changes: in the
    /// background once [`App::save_in_background`] ran, else here. A problem met here is shown
    /// as a warning (printed again at exit) and also returned.
    pub fn save(&mut self) -> Option<String> {
        if !self.dirty {
            return None;
        }
        self.dirty = false;
        let changes = self.model.read.take_changes();
        if let Some(saver) = &self.saver {
            saver.save(changes);
            return None;
        }
        let store = self.state.as_mut()?;
        let mut problems = Vec::new();
        if let Some((sync, seen)) = &mut self.sync {
            // Other devices' files are read again only when one of them changed.
            let now = sync.others_stamp();
            if now != *seen {
                let (others, warnings) = sync.read_others();
                let mut merged = self.model.read.clone();
                merged.merge(&others);
                self.model.set_read_state(merged);
                problems.extend(warnings);
                *seen = now;
            }
        }
        match store.save(&self.model.read) {
            Ok(merged) => self.model.set_read_state(merged),
            Err(e) => problems.push(e),
        }
        if let Some((sync, _)) = &self.sync
            && let Err(e) = sync.write_own(&self.model.read)
        {
            problems.push(e);
        }
        problems.extend(store.take_warnings());
        let message = (!problems.is_empty()).then(|| problems.join("; "));
        if let Some(m) = &message {
            self.model.warn(m.clone());
        }
        message
    }

    /// The warnings of the session, once each, for stderr once the screen is gone.
    pub fn exit_warnings(&self) -> &[String] {
        &self.model.warned
    }

    /// Handles one key press at time `now_ms`; returns the effects only a terminal can carry out
    /// (quit, suspend, open a link, build a search index in the background).
    pub fn key(&mut self, key: &KeyEvent, now_ms: u64) -> Vec<Effect> {
        let Some(action) = self.keymap.action_for(self.model.mode(), key) else {
            return vec![];
        };
        self.act(action, now_ms)
    }

    /// Handles a mouse event at time `now_ms`: a left click (two on one cell in quick
    /// succession are a double click) or the wheel. Other buttons and moves do nothing.
    pub fn mouse(&mut self, ev: &MouseEvent, now_ms: u64) -> Vec<Effect> {
        let (x, y) = (ev.column, ev.row);
        let action = match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => match self.last_click.take() {
                Some((px, py, at))
                    if (px, py) == (x, y) && now_ms.saturating_sub(at) <= DOUBLE_CLICK_MS =>
                {
                    Action::DoubleClick(x, y)
                }
                _ => {
                    self.last_click = Some((x, y, now_ms));
                    Action::Click(x, y)
                }
            },
            MouseEventKind::ScrollDown => Action::Wheel(x, y, 3),
            MouseEventKind::ScrollUp => Action::Wheel(x, y, -3),
            _ => return vec![],
        };
        self.act(action, now_ms)
    }

    /// Carries out one action: the model's update, then the effects that touch files; returns
    /// the effects only a terminal can carry out.
    pub fn act(&mut self, action: Action, now_ms: u64) -> Vec<Effect> {
        let effects = self.model.update(action, now_ms);
        if self.model.overlay == Some(crate::model::Overlay::Help) {
            // The help scrolls only as far as it has lines at this size.
            let max = crate::ui::help::max_scroll(
                self.model.mode_under_overlay(),
                &self.keymap,
                self.model.area,
            );
            self.model.help_scroll = self.model.help_scroll.min(max);
        }
        self.carry_out(effects, now_ms)
    }

    /// Opens article `id` of the digest the reader shows (`newsdeck PATH#ID`); an unknown id
    /// is said in the status bar. Returns what only a terminal can carry out, as [`App::key`].
    pub fn open_article(&mut self, id: &str, now_ms: u64) -> Vec<Effect> {
        let effects = self.model.open_article(id, now_ms);
        self.carry_out(effects, now_ms)
    }

    /// Carries out the effects that touch files; returns the rest for the terminal loop.
    fn carry_out(&mut self, effects: Vec<Effect>, now_ms: u64) -> Vec<Effect> {
        let mut outside = Vec::new();
        for effect in effects {
            match effect {
                Effect::SaveState => self.dirty = true,
                Effect::Open(Source::Memory(name)) => match self.memory.clone() {
                    Some(d) => self.model.show_digest(d, Source::Memory(name)),
                    None => self.model.notify(format!("{name} is no longer in memory")),
                },
                Effect::Open(source) => match open(&source) {
                    Ok(d) => {
                        self.model.show_digest(d, source);
                        // Opened by `n`/`N` from another digest: that opens an article too.
                        if self.model.arrive(now_ms).contains(&Effect::SaveState) {
                            self.dirty = true;
                        }
                    }
                    Err(e) => self.model.notify(e.to_string()),
                },
                Effect::OpenRiver(request) if self.sync_search => {
                    let river = river::assemble(&load_all(&self.river_paths()), &self.model.read);
                    self.model.show_river(river, request);
                }
                // `update` has switched to the library screen already; only its rows are IO.
                Effect::ShowLibrary => self.refresh_library(),
                Effect::LoadWordIndex if self.sync_search => {
                    let index = self.word_index_job()();
                    self.model.set_word_index(Arc::new(index));
                }
                Effect::OpenAt(path, id) => {
                    let source = Source::File(path);
                    match open(&source) {
                        Ok(d) => {
                            if self
                                .model
                                .show_digest_at(d, source, &id, now_ms)
                                .contains(&Effect::SaveState)
                            {
                                self.dirty = true;
                            }
                        }
                        Err(e) => self.model.notify(e.to_string()),
                    }
                }
                Effect::BuildSearchIndex if self.sync_search => {
                    if let Some(r) = &self.model.reader {
                        let (token, index) = (r.token, Arc::new(SearchIndex::build(&r.digest)));
                        self.model.set_search_index(token, index);
                    }
                }
                Effect::Delete(path) => {
                    let result = match &self.library {
                        Some(lib) => lib.trash(&path),
                        None => Err("there is no library folder".to_string()),
                    };
                    self.model.notify(match result {
                        Ok(()) => format!(
                            "Moved {} to the trash (U restores it)",
                            load::display_path(&path)
                        ),
                        Err(e) => e,
                    });
                    self.refresh_library();
                }
                Effect::RestoreTrash => {
                    let result = match &self.library {
                        Some(lib) => lib.restore_last(),
                        None => Err("there is no library folder".to_string()),
                    };
                    self.model.notify(match result {
                        Ok(Some(path)) => format!("Restored {}", load::display_path(&path)),
                        Ok(None) => "The trash is empty".to_string(),
                        Err(e) => e,
                    });
                    self.refresh_library();
                }
                Effect::Export { stem, content } => self.export(&stem, &content),
                Effect::ShowStarred => {
                    let rows = self.starred_rows();
                    self.model.show_starred(rows);
                }
                Effect::OpenArticle(source, id) => match open(&source) {
                    Ok(d) => {
                        self.model.show_digest(d, source);
                        let more = self.model.open_article(&id, now_ms);
                        outside.extend(self.carry_out(more, now_ms));
                    }
                    Err(e) => self.model.notify(e.to_string()),
                },
                other => outside.push(other),
            }
        }
        outside
    }
}

impl App {
    /// The work of loading the library search index: brought up to date with the library folder
    /// (written back unless the stores are read-only), to run on any thread.
    pub fn word_index_job(&self) -> impl FnOnce() -> WordIndex + Send + 'static {
        let dir = self.library.as_ref().map(|l| l.dir().to_path_buf());
        let file = self.index.as_ref().map(|i| {
            (
                i.path
                    .with_file_name(crate::store::search_index::SEARCH_INDEX_FILE),
                i.write,
            )
        });
        move || match (dir, file) {
            (Some(dir), Some((file, write))) => {
                crate::store::search_index::update(&dir, &file, write).0
            }
            _ => WordIndex::default(),
        }
    }
}

impl App {
    /// The digest files the river is gathered from: those with unread articles, newest first.
    /// Which they are is known from the library's rows and the read marks, without reading them.
    pub fn river_paths(&self) -> Vec<PathBuf> {
        self.model
            .library
            .all
            .iter()
            .filter(|r| r.error.is_none() && r.unread(&self.model.read) > 0)
            .filter_map(|r| match &r.source {
                Source::File(p) => Some(p.clone()),
                _ => None,
            })
            .collect()
    }

    /// Opens `source` in the reader: from its per-digest index when there is a current one.
    /// When the first article shown finds the index stale, the index is gone by then and the
    /// digest is read again in full, so the reader never lists from a stale index.
    fn show(&mut self, source: Source) -> Result<(), LoadError> {
        for _ in 0..2 {
            let (digest, pending) = match (&source, &self.digests) {
                (Source::File(path), Some(indexes)) => indexes.open(path)?,
                _ => (open(&source)?, None),
            };
            self.model.show_digest(digest, source.clone());
            let Some(reader) = &self.model.reader else {
                return Ok(());
            };
            if let Some(pending) = pending {
                write_index_later(pending, Arc::clone(&reader.digest));
            }
            if !reader.digest.is_stale() {
                return Ok(());
            }
        }
        // Still stale after a full read: the file is changing under us; show it as read.
        self.model.show_digest(open(&source)?, source);
        Ok(())
    }
}

/// Writes a digest's index off the input path: the first frame does not wait for it.
fn write_index_later(pending: PendingIndex, digest: Arc<Digest>) {
    std::thread::spawn(move || pending.write(&digest));
}

/// Loads the digests at `paths` on every core, in order; those that fail to load are left out
/// (the library shows their errors).
pub fn load_all(paths: &[PathBuf]) -> Vec<Digest> {
    listing::parallel_map(paths, |p| load::load(p).ok())
        .into_iter()
        .flatten()
        .collect()
}

/// Loads a digest from where it comes from.
pub fn open(source: &Source) -> Result<Digest, LoadError> {
    match source {
        Source::AllUnread => Err(LoadError {
            path: PathBuf::from("All unread"),
            error: format::FormatError::plain("the river is gathered from the library, not loaded"),
        }),
        Source::Bundled => {
            format::parse(SAMPLE_DIGEST.as_bytes(), "sample").map_err(|error| LoadError {
                path: PathBuf::from(crate::SAMPLE_NAME),
                error,
            })
        }
        Source::File(path) => load::load(path),
        Source::Starred => Err(LoadError {
            path: PathBuf::from("Starred"),
            error: format::FormatError::plain("the Starred list is not a digest"),
        }),
        Source::Memory(name) => Err(LoadError {
            path: PathBuf::from(name),
            error: format::FormatError::plain("read from stdin or downloaded: open it again"),
        }),
    }
}

/// The sample's library row, reading the sample (only when the reader does not have it open).
fn bundled_row() -> LibraryRow {
    match open(&Source::Bundled) {
        Ok(d) => LibraryRow::from_digest(&d, Source::Bundled),
        Err(e) => LibraryRow {
            title: crate::SAMPLE_NAME.into(),
            date: None,
            source: Source::Bundled,
            key: crate::model::digest::DigestKey::default(),
            ids: std::sync::Arc::new([]),
            error: Some(e.to_string()),
            deletable: false,
            order: None,
        },
    }
}

pub(crate) fn row_for(item: LibraryItem, deletable: bool) -> LibraryRow {
    let order = listing::sort_key(&item);
    let date = item.published.or_else(|| item.mtime.map(crate::date::date));
    LibraryRow {
        title: item.title,
        date,
        source: Source::File(item.path),
        key: item.key,
        ids: item.ids.into(),
        error: item.error.map(|e| e.error.to_string()),
        deletable,
        order,
    }
}
