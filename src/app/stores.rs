//! Where the app keeps things (the library folder, its index, read state, the per-digest
//! indexes, the sync folder), opened once at start and handed to [`App::start`](super::App::start).

use crate::model::read_state::ReadState;
use crate::settings::Settings;
use crate::store::digest_index::DigestIndexes;
use crate::store::index::IndexFile;
use crate::store::library;
use crate::store::paths::Paths;
use crate::store::state::StateStore;
use crate::store::sync::SyncDir;

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
