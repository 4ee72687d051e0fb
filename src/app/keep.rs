//! The app's side of keeping and sharing (issue 17): the Starred screen's rows and the library's
//! Starred row (reading the library), and writing an exported article.

use super::{App, Target};
use crate::model::starred::StarredRow;
use crate::model::{Library, LibraryRow, Source};
use crate::store::load;
use crate::store::{export_file, starred};

impl App {
    /// The Starred screen's rows: every starred article of the library, newest star first.
    pub(super) fn starred_rows(&mut self) -> Vec<StarredRow> {
        let items = match &self.library {
            Some(lib) => lib.list(),
            None => Vec::new(),
        };
        let (found, missing) = starred::find(&self.model.read, &items);
        if missing > 0 {
            let s = if missing == 1 { " is" } else { "s are" };
            self.model.notify(format!(
                "{missing} starred article{s} in digests no longer in the library"
            ));
        }
        found
            .into_iter()
            .map(|s| {
                let (headline, error) = match s.headline {
                    Ok(h) => (h, None),
                    Err(e) => (s.id.0.clone(), Some(e)),
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
            })
            .collect()
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

    /// Writes an exported article into the current folder, never over a file, and says where.
    pub(super) fn export(&mut self, stem: &str, content: &str) {
        let Some(dir) = &self.export_dir else {
            self.model
                .notify("Saving articles is off in this run (snapshot writes no files)");
            return;
        };
        self.model
            .notify(match export_file::write_new_md(dir, stem, content) {
                Ok(path) => format!("Saved the article to {}", load::display_path(&path)),
                Err(e) => format!("Could not save the article: {e}"),
            });
    }
}
