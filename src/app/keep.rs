//! The app's side of keeping and sharing (issue 17): the Starred screen's rows and the library's
//! Starred row (reading the library). Writing an exported article is file work (`files.rs`).

use super::{App, Target};
use crate::model::starred::StarredRow;
use crate::model::{Library, LibraryRow, Source};
use crate::store::starred;

/// The Starred screen's rows, gathered off the terminal loop, and how many stars are in digests
/// no longer in the library.
pub struct StarredFound {
    rows: Vec<StarredRow>,
    missing: usize,
}

/// The row for starred article `s`: its id stands in for a headline that cannot be read.
fn starred_row(s: starred::Starred) -> StarredRow {
    let (headline, error) = match s.headline {
        Ok(h) => (h, None),
        Err(e) => (s.id.0.to_string(), Some(e)),
    };
    StarredRow {
        source: Source::File(s.path),
        key: s.key,
        id: s.id,
        headline: crate::sanitize::line(&headline).into_owned(),
        digest_title: s.digest_title,
        starred_at: s.starred_at,
        starred: true,
        error,
    }
}

impl App {
    /// The work of gathering the Starred screen's rows: listing the library and reading every
    /// digest with stars for their headlines. Runs on a thread of its own in the terminal loop
    /// (it reads the disk), here and now in headless runs; [`App::starred_found`] takes the result.
    pub fn starred_job(&self) -> impl FnOnce() -> StarredFound + Send + use<> {
        let (library, stars) = (self.library.clone(), self.model.read.starred());
        move || {
            let items = library.map(|lib| lib.list()).unwrap_or_default();
            let (found, missing) = starred::find_stars(stars, &items);
            StarredFound {
                rows: found.into_iter().map(starred_row).collect(),
                missing,
            }
        }
    }

    /// Shows the gathered Starred rows for request `request` (dropped when no longer wanted).
    pub fn starred_found(&mut self, found: StarredFound, request: u64) {
        if !self.model.show_starred(found.rows, request) {
            return;
        }
        let missing = found.missing;
        if missing > 0 {
            let s = if missing == 1 { " is" } else { "s are" };
            self.model.notify(format!(
                "{missing} starred article{s} in digests no longer in the library"
            ));
        }
    }

    /// `lib` with a "Starred" row at the top when it is the user's library and anything is
    /// starred: the way into the Starred screen.
    pub(super) fn with_starred(&self, mut lib: Library) -> Library {
        let starred = self.model.read.starred();
        if self.target == Target::Library && !starred.is_empty() {
            let row = LibraryRow {
                title: "* Starred".into(),
                date: None,
                source: Source::Starred,
                key: Default::default(),
                // Only counted: the ids of starred articles, from many digests.
                ids: starred.into_iter().map(|(i, _)| i.article).collect(),
                error: None,
                deletable: false,
                order: None,
            };
            lib.rows.insert(0, row);
        }
        lib
    }
}
