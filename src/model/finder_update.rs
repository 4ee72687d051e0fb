//! How the model runs the library search and People overlays ([`super::finder`]).

use std::sync::Arc;

use super::finder::{Finder, FinderKind};
use super::lsearch::WordIndex;
use super::{Effect, Model, nav};
use crate::action::Action;
use crate::format::Digest;
use crate::model::Source;
use crate::model::digest::ArticleId;

impl Model {
    /// Opens the search or People overlay; asks for the index if it is not loaded yet.
    pub(super) fn open_finder(&mut self, kind: FinderKind) -> Vec<Effect> {
        self.finder = Some(Finder::new(kind, self.word_index.clone(), &self.read));
        if self.word_index.is_none() {
            vec![Effect::LoadWordIndex]
        } else {
            vec![]
        }
    }

    /// Takes the loaded library search index; an open overlay lists what it finds.
    pub fn set_word_index(&mut self, index: Arc<WordIndex>) {
        if let Some(f) = &mut self.finder {
            f.set_index(Some(index.clone()), &self.read);
        }
        self.word_index = Some(index);
    }

    /// Takes in snippets cut for the search overlay's rows.
    pub fn set_snippets(&mut self, snippets: super::finder::Snippets) {
        if let Some(f) = &mut self.finder {
            f.set_snippets(snippets);
        }
    }

    /// The snippets the search overlay's shown rows still need, as an effect.
    pub fn snippet_effects(&mut self) -> Vec<Effect> {
        let page = self.finder_height();
        self.finder
            .as_mut()
            .and_then(|f| f.snippet_job(page))
            .map(Effect::CutSnippets)
            .into_iter()
            .collect()
    }

    /// Rows the overlay's list shows at the current size.
    pub fn finder_height(&self) -> usize {
        crate::layout::finder_rows(self.area)
    }

    pub(super) fn update_finder(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = self.update_finder_rows(action);
        if effects.is_empty() {
            effects = self.snippet_effects();
        }
        effects
    }

    fn update_finder_rows(&mut self, action: Action) -> Vec<Effect> {
        let h = self.finder_height().max(1) as isize;
        let Some(f) = &mut self.finder else {
            return vec![];
        };
        let read = &self.read;
        if f.editing {
            match action {
                Action::FilterAccept => {
                    f.prompt.remember();
                    f.editing = false;
                }
                Action::Back if f.query.is_empty() || f.kind == Some(FinderKind::Search) => {
                    self.finder = None
                }
                Action::Back => {
                    f.query.clear();
                    f.editing = false;
                    f.refresh(read);
                }
                // Typing, and the line editor's keys (Ctrl-u, Ctrl-w, arrows, recall).
                _ => {
                    f.prompt.resume(&f.query);
                    if f.prompt.edit(action) {
                        f.query = f.prompt.text.clone();
                        f.cursor = 0;
                        f.refresh(read);
                    }
                }
            }
            return vec![];
        }
        match action {
            a if let Some(d) = nav::delta(a, h as usize) => f.move_by(d),
            Action::StartFilter => {
                f.editing = true;
                f.prompt.resume(&f.query);
            }
            Action::CycleSort if f.kind == Some(FinderKind::People) => f.cycle_sort(read),
            Action::Open => {
                if let Some((path, id)) = f.enter(read) {
                    return vec![Effect::OpenAt(path, id)];
                }
            }
            Action::Back if !f.back(read) => self.finder = None,
            _ => {}
        }
        vec![]
    }

    /// Shows a loaded digest in the reader opened at the article with key `id` (marking it read,
    /// as Enter does); the overlay that asked closes.
    pub fn show_digest_at(
        &mut self,
        digest: Digest,
        source: Source,
        id: &ArticleId,
        now_ms: u64,
    ) -> Vec<Effect> {
        self.finder = None;
        self.show_digest(digest, source);
        let area = self.area;
        let found = self.reader.as_mut().is_some_and(|r| r.select_id(id, area));
        if !found {
            self.notify("That article is no longer in its digest");
            return vec![];
        }
        self.update_reader(Action::Open, now_ms)
    }
}
