//! Carrying out the effects that touch files, by family: opening digests, gathering and
//! indexing on this thread (headless runs; the terminal loop uses threads, see `tui`), and the
//! library folder. What only a terminal can do goes back to the caller.

use std::path::PathBuf;
use std::sync::Arc;

use super::{App, Target, Then};
use crate::model::lsearch::WordIndex;
use crate::model::river;
use crate::model::search::SearchIndex;
use crate::model::{Effect, Source};

impl App {
    /// Carries out the effects that touch files; returns the rest for the terminal loop.
    pub(super) fn carry_out(&mut self, effects: Vec<Effect>, now_ms: u64) -> Vec<Effect> {
        let mut outside = Vec::new();
        for effect in effects {
            match effect {
                Effect::SaveState => self.dirty = true,
                Effect::Open(source) if self.sync_search => {
                    outside.extend(self.open_here(source, Then::Arrive, now_ms));
                }
                Effect::OpenAt(path, id) if self.sync_search => {
                    outside.extend(self.open_here(Source::File(path), Then::At(id), now_ms));
                }
                Effect::OpenArticle(source, id) if self.sync_search => {
                    outside.extend(self.open_here(source, Then::Article(id), now_ms));
                }
                Effect::OpenRiver(request) if self.sync_search => self.gather_river(request),
                Effect::LoadWordIndex if self.sync_search => {
                    let index = self.word_index_job()();
                    self.model.set_word_index(Arc::new(index));
                    self.carry_snippets();
                }
                Effect::CutSnippets(job) if self.sync_search => {
                    self.model
                        .set_snippets(crate::store::search_index::cut_snippets(&job));
                }
                Effect::BuildSearchIndex if self.sync_search => self.build_search_index(),
                // `update` has switched to the library screen already; only its rows are IO.
                Effect::ShowLibrary => self.refresh_library(),
                effect @ (Effect::Delete(_) | Effect::RestoreTrash | Effect::Export { .. }) => {
                    self.file_effect(effect);
                }
                Effect::GatherStarred(request) if self.sync_search => {
                    let found = self.starred_job()();
                    self.starred_found(found, request);
                }
                other => outside.push(other),
            }
        }
        if self.sync_search {
            // Without a terminal loop to search on between keys, the filter's result is final
            // at once (the terminal loop steps it: see `tui`).
            self.model.finish_filter();
        }
        outside
    }

    /// Opens `source` here and now, then `then`; returns what that leaves for the terminal.
    fn open_here(&mut self, source: Source, then: Then, now_ms: u64) -> Vec<Effect> {
        match self.open_job(source, then) {
            Some(job) => {
                let more = self.opened(job(), now_ms);
                self.carry_out(more, now_ms)
            }
            None => vec![],
        }
    }

    /// Gathers the "All unread" river here and now.
    fn gather_river(&mut self, request: u64) {
        let river = river::assemble(
            &super::load_all(&self.river_paths()),
            &self.model.read.marks(),
        );
        self.model.show_river(river, request);
    }

    /// Builds the open digest's search text here and now.
    fn build_search_index(&mut self) {
        if let Some(r) = &self.model.reader {
            let (token, index) = (r.token, Arc::new(SearchIndex::build(&r.digest)));
            self.model.set_search_index(token, index);
        }
    }

    /// The work of loading the library search index: brought up to date with the library folder
    /// (written back unless the stores are read-only), to run on any thread.
    /// With a folder or several files given on the command line, the library is those digests,
    /// and so is the index; one file given is read as a digest of the library's.
    pub fn word_index_job(&self) -> impl FnOnce() -> WordIndex + Send + 'static {
        let given = match &self.target {
            Target::Paths(paths) if !paths.is_empty() => Some(paths.clone()),
            _ => None,
        };
        let dir = self.library.as_ref().map(|l| l.dir().to_path_buf());
        let file = self.index.as_ref().map(|i| {
            (
                i.path
                    .with_file_name(crate::store::search_index::SEARCH_INDEX_FILE),
                i.write,
            )
        });
        move || {
            let given = given.filter(|p| p.len() > 1 || p.iter().any(|p| p.is_dir()));
            index_of(given, dir, file)
        }
    }

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
}

/// The index of the digests `given`, else of the library folder `dir` with its index `file`.
fn index_of(
    given: Option<Vec<PathBuf>>,
    dir: Option<PathBuf>,
    file: Option<(PathBuf, bool)>,
) -> WordIndex {
    match (given, dir, file) {
        (Some(paths), _, _) => crate::store::search_index::of_paths(&paths),
        (None, Some(dir), Some((file, write))) => {
            crate::store::search_index::update(&dir, &file, write).0
        }
        _ => WordIndex::default(),
    }
}
