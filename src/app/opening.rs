//! Opening a digest the reader asked for (`Enter` on the library, `n`/`N` into the next
//! digest, a search result, a starred article) in two halves: the loading, which reads the disk
//! and runs on a thread of its own in the terminal loop (here and now in headless runs), and
//! showing what was loaded, on the loop. Only the newest request shows, and only if the screen
//! it was made on is still there: a digest does not pull the reader away from where the user went
//! while it loaded.

use std::sync::Arc;

use super::App;
use super::loading::{load_source, write_index_later};
use crate::format::Digest;
use crate::model::digest::ArticleId;
use crate::model::{Effect, Screen, Source};
use crate::store::digest_index::PendingIndex;
use crate::store::load::{self, LoadError};

/// What to do once the digest shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    /// Nothing more, except arriving where `n`/`N` asked (when they asked).
    Arrive,
    /// Select the article with this id (a library search result).
    At(ArticleId),
    /// Select and open the article with this id (a starred article).
    Article(String),
}

/// A digest loaded for request number `request`, and what to do with it.
pub struct Opened {
    request: u64,
    source: Source,
    then: Then,
    loaded: Result<(Digest, Option<PendingIndex>), LoadError>,
}

impl App {
    /// Asks for `source` to be opened, then `then`; returns the loading to run (off the terminal
    /// loop: it reads the file, or its per-digest index). A digest held in memory shows at once.
    pub fn open_job(
        &mut self,
        source: Source,
        then: Then,
    ) -> Option<impl FnOnce() -> Opened + Send + use<>> {
        if let Source::Memory(name) = &source {
            match self.memory.clone() {
                Some(d) => self.model.show_digest(d, source),
                None => self.model.notify(format!("{name} is no longer in memory")),
            }
            return None;
        }
        self.opening += 1;
        let request = self.opening;
        let notice = match &source {
            Source::File(path) => {
                // The title the library shows for it, else its file name.
                let title = self.model.library.all.iter().find(|r| r.source == source);
                let name = title.map_or_else(
                    || crate::sanitize::line(&load::title_from_path(path)).into_owned(),
                    |r| r.title.clone(),
                );
                let notice = format!("Opening {name}…");
                self.model.notify(notice.clone());
                Some(notice)
            }
            _ => None,
        };
        self.open_pending = Some(Pending {
            request,
            screen: self.model.screen,
            notice,
        });
        let indexes = self.digests.clone();
        Some(move || Opened {
            request,
            loaded: load_source(&source, indexes.as_ref()),
            source,
            then,
        })
    }

    /// Shows what an [`App::open_job`] loaded, if it is still wanted; returns what showing it
    /// leaves for the terminal (another open, when the digest's index turned out stale).
    pub fn opened(&mut self, opened: Opened, now_ms: u64) -> Vec<Effect> {
        let Opened {
            request,
            source,
            then,
            loaded,
        } = opened;
        let pending = match self.open_pending.take() {
            Some(p) if p.request == request && p.screen == self.model.screen => p,
            // A newer request, or the user went elsewhere meanwhile.
            other => {
                self.open_pending = other;
                return vec![];
            }
        };
        // The "Opening…" notice, unless something else was said since.
        if pending.notice.is_some() && self.model.notice == pending.notice {
            self.model.notice = None;
        }
        let (digest, pending) = match loaded {
            Ok(found) => found,
            Err(e) => {
                self.model.notify(e.to_string());
                return vec![];
            }
        };
        let effects = self.show_opened(digest, pending, &source, then, now_ms);
        // The first article decoded found the index stale (and dropped it): read the file again.
        if self
            .model
            .reader
            .as_ref()
            .is_some_and(|r| r.digest.is_stale())
        {
            return vec![Effect::Open(source)];
        }
        effects
    }

    fn show_opened(
        &mut self,
        digest: Digest,
        pending: Option<PendingIndex>,
        source: &Source,
        then: Then,
        now_ms: u64,
    ) -> Vec<Effect> {
        let effects = match then {
            Then::Arrive => {
                self.model.show_digest(digest, source.clone());
                // Opened by `n`/`N` from another digest: that opens an article too.
                self.model.arrive(now_ms)
            }
            Then::At(id) => self
                .model
                .show_digest_at(digest, source.clone(), &id, now_ms),
            Then::Article(id) => {
                self.model.show_digest(digest, source.clone());
                self.model.open_article(&id, now_ms)
            }
        };
        if let (Some(pending), Some(reader)) = (pending, &self.model.reader) {
            write_index_later(pending, Arc::clone(&reader.digest));
        }
        self.carry_out(effects, now_ms)
    }
}

/// The open that shows when its digest arrives: its number, the screen it was asked on and
/// the notice that says it is loading.
pub(super) struct Pending {
    request: u64,
    screen: Screen,
    notice: Option<String>,
}
