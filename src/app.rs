//! The application without a terminal: start-up, keys -> actions -> update, and carrying out the
//! effects that touch files. The terminal loop (`tui`) and `snapshot` both drive this.
//!
//! Here: what `App` holds, its one constructor and start-up. Beside it: the stores it opens
//! (`stores.rs`), terminal events to actions (`input.rs`), the effects it carries out
//! (`effects.rs`), loading digests (`loading.rs`), the library screen's rows (`rows.rs`),
//! saving read state (`saving.rs`), stars (`keep.rs`), moving to the trash and back and writing
//! exports off the terminal loop (`files.rs`), a library that updates itself (`live.rs`), the
//! paths given listed again off the terminal loop (`relist.rs`).

use std::path::PathBuf;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::format::Digest;
use crate::keymap::Keymap;
use crate::model::{Effect, Library, LibraryRow, Model, Source};
use crate::store::digest_index::DigestIndexes;
use crate::store::index::IndexFile;
use crate::store::library;
use crate::store::load::{self, LoadError};
use crate::store::saver::Saver;
use crate::store::state::StateStore;
use crate::store::sync::{SyncDir, SyncStamp};

mod deferred;
mod effects;
mod files;
mod input;
mod keep;
mod live;
mod loading;
mod opening;
mod relist;
mod rows;
mod saving;
mod stores;

pub use files::{FileJob, Filed};
pub use keep::StarredFound;
pub use live::Reloaded;
pub use loading::{load_all, open};
pub use opening::{Opened, Then};
pub use relist::Relisted;
pub use stores::Stores;

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
    /// How many digests have been asked to open (each open is numbered).
    opening: u64,
    /// The open that shows when its digest arrives, and the screen it was asked on.
    open_pending: Option<opening::Pending>,
    /// The open digest's file, changed on disk and waiting for the terminal loop to read it.
    reload: Option<PathBuf>,
    /// File work (trash, restore, export) waiting for the terminal loop, and moves not done yet.
    files: files::Pending,
    /// Listing the paths given again, off the terminal loop.
    relist: relist::Relist,
}

/// The one-line hint shown when the library is empty.
pub const EMPTY_LIBRARY_HINT: &str = "Your library is empty, so this is the bundled sample. Add digests with: newsdeck add FILE.json";

impl App {
    /// The one constructor: `target` over `stores` (their warnings are the caller's to show),
    /// at terminal size `area`, with the default keys and the library screen up.
    fn new(target: Target, stores: Stores, area: Rect) -> App {
        App {
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
            opening: 0,
            open_pending: None,
            reload: None,
            files: files::Pending::default(),
            relist: relist::Relist::default(),
        }
    }

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
        let warnings = std::mem::take(&mut stores.warnings);
        let mut app = App::new(target, stores, area);
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
        let deferred = app.deferred_library();
        if let Some(first) = deferred.then(|| app.first_listing()).flatten() {
            app.model.set_library(app.with_starred(first));
            app.model.begin_listing(true);
            for w in warnings {
                app.model.warn(w);
            }
            return Ok(app);
        }
        let listing = if deferred {
            // `first_listing` has just found the library empty: no need to list it again.
            Library {
                title: "Library".to_string(),
                ..Library::default()
            }
        } else {
            app.listing()
        };
        // An empty library opens the bundled sample straight in the reader, and the sample's
        // library row then comes from that one copy.
        if listing.rows.is_empty() && app.target == Target::Library && app.model.reader.is_none() {
            app.model
                .show_digest(open(&Source::Bundled)?, Source::Bundled);
        }
        app.model
            .set_library(app.with_starred(app.with_sample(listing)));
        for w in warnings {
            app.model.warn(w);
        }
        Ok(app)
    }

    /// Starts reading `digest`, read from stdin or downloaded and called `name`, with the
    /// user's stores (read marks) behind it.
    pub fn start_memory(name: String, digest: Digest, mut stores: Stores, area: Rect) -> App {
        let warnings = std::mem::take(&mut stores.warnings);
        let mut app = App::new(Target::Memory(name.clone()), stores, area);
        app.memory = Some(digest.clone());
        let source = Source::Memory(name.clone());
        app.model.set_library(Library {
            title: name,
            rows: vec![LibraryRow::from_digest(&digest, source.clone())],
            ..Library::default()
        });
        app.model.show_digest(digest, source);
        if !warnings.is_empty() {
            app.model.notify(warnings.join("; "));
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
        let mut app = App::new(Target::Paths(Vec::new()), Stores::none(), area);
        app.model.show_digest(digest, Source::Bundled);
        app
    }

    /// The warnings of the session, once each, for stderr once the screen is gone.
    pub fn exit_warnings(&self) -> &[String] {
        &self.model.warned
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
}
