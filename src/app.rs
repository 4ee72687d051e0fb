//! The application without a terminal: start-up, keys -> actions -> update, and carrying out the
//! effects that touch files. The terminal loop (`tui`) and `snapshot` both drive this.

use std::path::{Path, PathBuf};

use crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::keymap;
use crate::model::digest::Digest;
use crate::model::read_state::ReadState;
use crate::model::{Effect, Library, LibraryRow, Model, Screen, Source};
use crate::store::load::{self, LoadError};
use crate::{SAMPLE_DIGEST, format};

/// What the command line asked to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The library folder.
    Library,
    /// Files and folders given on the command line.
    Paths(Vec<PathBuf>),
}

/// The running application: the model plus the stores behind it.
pub struct App {
    /// The program state.
    pub model: Model,
    target: Target,
    /// True when read marks changed since the last save.
    pub dirty: bool,
    /// Build search indexes on the calling thread (headless runs, tests) instead of handing the
    /// work to the caller as an effect (the terminal loop builds them in the background).
    pub sync_search: bool,
}

/// The one-line hint shown when the library is empty.
pub const EMPTY_LIBRARY_HINT: &str = "Your library is empty, so this is the bundled sample. Add digests with: newsdeck add FILE.json";

impl App {
    /// Starts on `target` at terminal size `area`. Errors are for the user (a file that cannot be read).
    pub fn start(target: Target, read: ReadState, area: Rect) -> Result<App, LoadError> {
        let mut app = App {
            model: Model::new(Library::default(), read, area),
            target,
            dirty: false,
            sync_search: true,
        };
        app.model.library = app.library();
        let rows = &app.model.library.rows;
        // A single digest opens straight in the reader; so does the sample when the library is empty.
        let single = match &app.target {
            Target::Paths(p) if p.len() == 1 && !p[0].is_dir() => Some(Source::File(p[0].clone())),
            Target::Library if rows.len() == 1 && rows[0].source == Source::Bundled => {
                Some(Source::Bundled)
            }
            _ => None,
        };
        if let Some(source) = single {
            let digest = open(&source)?;
            app.model.show_digest(digest, source);
        }
        Ok(app)
    }

    /// Builds the library screen's rows for the target.
    fn library(&self) -> Library {
        let (title, rows) = match &self.target {
            Target::Library => ("Library".to_string(), Vec::new()),
            Target::Paths(paths) => {
                let title = match paths.as_slice() {
                    [one] => load::display_path(one),
                    many => format!("{} paths", many.len()),
                };
                (title, rows_for(paths))
            }
        };
        let mut lib = Library {
            title,
            rows,
            ..Library::default()
        };
        if lib.rows.is_empty() && self.target == Target::Library {
            lib.rows = vec![bundled_row()];
            lib.hint = Some(EMPTY_LIBRARY_HINT.to_string());
        }
        lib
    }

    /// Writes read marks if they changed (TEMPORARY: in memory only until the state store lands).
    pub fn save(&mut self) {
        self.dirty = false;
    }

    /// Handles one key press at time `now_ms`; returns the effects only a terminal can carry out
    /// (quit, suspend, open a link).
    pub fn key(&mut self, key: &KeyEvent, now_ms: u64) -> Vec<Effect> {
        let Some(action) = keymap::action_for(self.model.mode(), key) else {
            return vec![];
        };
        let effects = self.model.update(action, now_ms);
        let mut outside = Vec::new();
        for effect in effects {
            match effect {
                Effect::SaveState => self.dirty = true,
                Effect::Open(source) => match open(&source) {
                    Ok(d) => self.model.show_digest(d, source),
                    Err(e) => self.model.notice = Some(e.to_string()),
                },
                Effect::ShowLibrary => {
                    let h = self.model.library_height();
                    let lib = self.library();
                    self.model.library.set_rows(lib.rows, h);
                    self.model.screen = Screen::Library;
                }
                Effect::BuildSearchIndex if self.sync_search => {
                    if let Some(r) = &self.model.reader {
                        let (token, index) =
                            (r.token, std::sync::Arc::new(r.digest.search_index()));
                        self.model.set_search_index(token, index);
                    }
                }
                Effect::Delete(path) => {
                    self.model.notice = Some(format!(
                        "Deleting {} is not available yet",
                        load::display_path(&path)
                    ));
                }
                other => outside.push(other),
            }
        }
        outside
    }
}

/// Loads a digest from where it comes from.
pub fn open(source: &Source) -> Result<Digest, LoadError> {
    match source {
        Source::Bundled => {
            format::parse(SAMPLE_DIGEST.as_bytes(), "sample").map_err(|error| LoadError {
                path: PathBuf::from(crate::SAMPLE_NAME),
                error,
            })
        }
        Source::File(path) => load::load(path),
    }
}

fn bundled_row() -> LibraryRow {
    match open(&Source::Bundled) {
        Ok(d) => row_for(&d, Source::Bundled, false),
        Err(e) => LibraryRow {
            title: crate::SAMPLE_NAME.into(),
            date: None,
            source: Source::Bundled,
            ids: vec![],
            error: Some(e.to_string()),
            deletable: false,
        },
    }
}

fn row_for(d: &Digest, source: Source, deletable: bool) -> LibraryRow {
    LibraryRow {
        title: d.title.clone(),
        date: d.published.clone(),
        source,
        ids: d.entries.iter().map(|e| e.id.clone()).collect(),
        error: None,
        deletable,
    }
}

/// TEMPORARY: rows for files and folders, until the store's library listing lands.
fn rows_for(paths: &[PathBuf]) -> Vec<LibraryRow> {
    let mut files: Vec<PathBuf> = Vec::new();
    for p in paths {
        if p.is_dir() {
            if let Ok(rd) = std::fs::read_dir(p) {
                let mut found: Vec<PathBuf> = rd
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "json"))
                    .collect();
                found.sort();
                files.extend(found);
            }
        } else {
            files.push(p.clone());
        }
    }
    files.iter().map(|f| row_from_file(f)).collect()
}

fn row_from_file(f: &Path) -> LibraryRow {
    match load::load(f) {
        Ok(d) => row_for(&d, Source::File(f.to_path_buf()), false),
        Err(e) => LibraryRow {
            title: load::title_from_path(f),
            date: None,
            source: Source::File(f.to_path_buf()),
            ids: vec![],
            error: Some(e.error.to_string()),
            deletable: false,
        },
    }
}
