//! The app's side of a library that updates itself and of `R`: which folders are watched,
//! what a change or a fetch's progress does to the model.

use std::path::{Path, PathBuf};

use super::{App, Target};
use crate::model::{Library, LibraryRow, Source};
use crate::store::load;

impl App {
    /// Creates the library folder when it is what is open, so that it can be watched from the
    /// start (a first digest dropped into a new library then shows too).
    pub fn ensure_library_dir(&self) {
        if let (Target::Library, Some(lib)) = (&self.target, &self.library) {
            // Without the folder there is nothing to watch; the library works as before.
            let _ = lib.ensure_dir();
        }
    }

    /// The library folder, where `R` fetches subscriptions to.
    pub fn library_dir(&self) -> Option<PathBuf> {
        self.library.as_ref().map(|l| l.dir().to_path_buf())
    }

    /// The folders whose changes show on screen: the library's (when it is what is open), the
    /// folders given, and the folder of each file given (to reload it when it is replaced).
    pub fn watched_dirs(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = match &self.target {
            Target::Library => self.library_dir().into_iter().collect(),
            Target::Paths(paths) => paths
                .iter()
                .map(|p| {
                    if load::is_folder(p) {
                        p.clone()
                    } else {
                        let parent = p.parent().unwrap_or(Path::new(""));
                        if parent.as_os_str().is_empty() {
                            PathBuf::from(".")
                        } else {
                            parent.to_path_buf()
                        }
                    }
                })
                .collect(),
            Target::Memory(_) => Vec::new(),
        };
        dirs.sort();
        dirs.dedup();
        dirs
    }

    /// A background fetch moved on: the status bar says how far, and the library shows each
    /// feed as it arrives.
    pub fn fetch_progress(&mut self, progress: crate::net::fetch::Progress) {
        use crate::net::fetch::{Outcome, Progress};
        match progress {
            Progress::Started(total) => self.model.fetch_started(total),
            Progress::Feed(done) => {
                self.model.feed_fetched(&done.label);
                if let Outcome::Updated { file, .. } = &done.outcome {
                    self.files_changed(std::slice::from_ref(file));
                }
            }
            Progress::Finished(summary) => self.model.fetch_finished(summary),
        }
    }

    /// Digest files were written, replaced or removed (by a fetch, or anyone else): the library
    /// rows are listed again and the open digest reloaded if it is one of them. A file that does
    /// not parse (yet) keeps its previous row, and the reader keeps the previous version.
    ///
    /// The reload reads the file: here and now in headless runs, else it waits for the terminal
    /// loop to take it ([`App::take_reload_job`]) and run it on a thread of its own.
    pub fn files_changed(&mut self, changed: &[PathBuf]) {
        if matches!(self.target, Target::Memory(_)) {
            return;
        }
        if let Some(Source::File(open)) = self.model.reader.as_ref().map(|r| &r.source)
            && changed.iter().any(|c| same_file(c, open))
        {
            let open = open.clone();
            if self.sync_search {
                let job = reload(open);
                return self.reloaded(job());
            }
            // Listed again once the new version is in: a single file's library row is taken
            // from the reader's copy.
            self.reload = Some(open);
            return;
        }
        self.list_again();
    }

    /// The reload [`App::files_changed`] left for the terminal loop, if any.
    pub fn take_reload_job(&mut self) -> Option<impl FnOnce() -> Reloaded + Send + use<>> {
        self.reload.take().map(reload)
    }

    /// Shows the new version of the open digest, if it is still the one open and the file
    /// parses, then lists the library again.
    pub fn reloaded(&mut self, reloaded: Reloaded) {
        let Reloaded { path, loaded } = reloaded;
        if let Some(Source::File(open)) = self.model.reader.as_ref().map(|r| &r.source)
            && same_file(&path, open)
            // A file that is gone or does not parse yet: keep reading the version on screen.
            && let Ok(d) = loaded
        {
            self.model.reload_digest(d);
        }
        self.list_again();
    }

    /// Lists the library rows again after a change to its files (off the terminal loop for the
    /// library and for the paths given: the rows follow when listed).
    fn list_again(&mut self) {
        if self.deferred_library() {
            // Listed in the background; a file that does not parse yet keeps its row there too.
            return self.request_listing();
        }
        if self.relist_later(true) {
            return;
        }
        let view = self.with_sample(self.listing());
        self.show_listed(view, true);
    }

    /// Shows the rows of a new listing; with `keep_good`, a file that does not parse (yet) keeps
    /// the row it had when it did.
    pub(super) fn show_listed(&mut self, mut view: Library, keep_good: bool) {
        let old: Vec<LibraryRow> = match keep_good {
            true => self.model.library.rows.clone(),
            false => Vec::new(),
        };
        for row in view.rows.iter_mut().filter(|r| r.error.is_some()) {
            if let Some(prev) = old
                .iter()
                .find(|o| o.source == row.source && o.error.is_none())
            {
                *row = prev.clone();
            }
        }
        self.model.refresh_library(view.rows, view.hint);
    }
}

/// The open digest's file read again after it changed.
pub struct Reloaded {
    path: PathBuf,
    loaded: Result<crate::format::Digest, load::LoadError>,
}

/// The job that reads `path` again.
fn reload(path: PathBuf) -> impl FnOnce() -> Reloaded + Send {
    move || Reloaded {
        loaded: load::load(&path),
        path,
    }
}

/// Whether two paths name the same file: equal, or equal once made absolute (the watcher
/// reports absolute paths; the command line may have given relative ones).
fn same_file(a: &Path, b: &Path) -> bool {
    a == b || std::path::absolute(a).ok() == std::path::absolute(b).ok()
}

impl App {
    /// Cuts, here, the snippets the search overlay's shown rows need (headless runs: the terminal
    /// loop cuts them on a thread).
    pub(super) fn carry_snippets(&mut self) {
        for effect in self.model.snippet_effects() {
            if let crate::model::Effect::CutSnippets(job) = effect {
                self.model
                    .set_snippets(crate::store::search_index::cut_snippets(&job));
            }
        }
    }
}
