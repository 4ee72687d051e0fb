//! The library screen's rows for what the command line asked to open: the library folder, the
//! paths given, or the one digest in memory; the bundled sample when the library is empty.

use std::path::PathBuf;

use super::{App, EMPTY_LIBRARY_HINT, Target, open};
use crate::model::{Library, LibraryRow, Source};
use crate::store::index::IndexFile;
use crate::store::listing::{self, LibraryItem};
use crate::store::load;

impl App {
    /// The library screen's rows for the target, from the reader's copy where the target is the
    /// one digest already open (inspecting it again would decode a big file twice).
    pub(super) fn listing(&self) -> Library {
        if let Some(lib) = self.listing_from_reader() {
            return lib;
        }
        let (title, items) = match (&self.target, &self.library) {
            (Target::Library, Some(lib)) => ("Library".to_string(), lib.list()),
            (Target::Library, None) => ("Library".to_string(), Vec::new()),
            (Target::Paths(paths), _) => return list_paths(paths, self.index.as_ref()),
            // One digest, never on disk: its row does not change.
            (Target::Memory(_), _) => return self.model.library.clone(),
        };
        let rows = items.into_iter().map(|item| row_for(item, true)).collect();
        Library {
            title,
            rows,
            ..Library::default()
        }
    }

    /// The listing of a single file given on the command line that the reader has open, from
    /// the reader's copy (no file is read); `None` for any other target.
    pub(super) fn listing_from_reader(&self) -> Option<Library> {
        let (Target::Paths(paths), Some(r)) = (&self.target, &self.model.reader) else {
            return None;
        };
        let [one] = paths.as_slice() else {
            return None;
        };
        (r.source == Source::File(one.clone())).then(|| Library {
            title: load::display_path(one),
            rows: vec![LibraryRow::from_digest(&r.digest, r.source.clone())],
            ..Library::default()
        })
    }

    /// `lib`, with the bundled sample and a hint when it is the user's library and it is empty.
    pub(super) fn with_sample(&self, mut lib: Library) -> Library {
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

    /// Lists the library again and shows the rows, the cursor staying on its digest (off the
    /// terminal loop for the library and for the paths given: the rows follow when listed).
    pub(super) fn refresh_library(&mut self) {
        if self.deferred_library() {
            return self.refresh_deferred();
        }
        if self.relist_later(false) {
            return;
        }
        let view = self.with_starred(self.with_sample(self.listing()));
        self.model.refresh_library(view.rows, view.hint);
    }
}

/// The files and folders given on the command line, listed (reading the disk: on any thread).
pub(super) fn list_paths(paths: &[PathBuf], index: Option<&IndexFile>) -> Library {
    let title = match paths {
        [one] => load::display_path(one),
        many => format!("{} paths", many.len()),
    };
    let items = listing::scan_with_index(paths, index).0;
    Library {
        title,
        rows: items.into_iter().map(|item| row_for(item, false)).collect(),
        ..Library::default()
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
            ids: crate::model::ids::IdList::default(),
            error: Some(e.to_string()),
            deletable: false,
            order: None,
        },
    }
}

pub(super) fn row_for(item: LibraryItem, deletable: bool) -> LibraryRow {
    let order = listing::sort_key(&item);
    let date = item.published.or_else(|| item.mtime.map(crate::date::date));
    LibraryRow {
        title: item.title,
        date,
        source: Source::File(item.path),
        key: item.key,
        ids: item.ids,
        error: item.error.map(|e| e.error.to_string()),
        deletable,
        order,
    }
}
