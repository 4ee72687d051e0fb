//! Loading digests: from wherever a [`Source`] says, many at once for the river, and into the
//! reader through the per-digest index when there is a current one.

use std::path::PathBuf;
use std::sync::Arc;

use super::App;
use crate::SAMPLE_DIGEST;
use crate::format::{self, Digest};
use crate::model::Source;
use crate::store::digest_index::{DigestIndexes, PendingIndex};
use crate::store::listing;
use crate::store::load::{self, LoadError};

impl App {
    /// Opens `source` in the reader: from its per-digest index when there is a current one.
    /// When the first article shown finds the index stale, the index is gone by then and the
    /// digest is read again in full, so the reader never lists from a stale index.
    pub(super) fn show(&mut self, source: Source) -> Result<(), LoadError> {
        for _ in 0..2 {
            let (digest, pending) = load_source(&source, self.digests.as_ref())?;
            self.model.show_digest(digest, source.clone());
            let Some(reader) = &self.model.reader else {
                return Ok(());
            };
            if let Some(pending) = pending {
                write_index_later(pending, Arc::clone(&reader.digest));
            }
            if !reader.digest.is_stale() {
                return Ok(());
            }
        }
        // Still stale after a full read: the file is changing under us; show it as read.
        self.model.show_digest(open(&source)?, source);
        Ok(())
    }
}

/// Loads `source`: a file through its per-digest index when there is a current one (the index
/// to write, when there is none yet, comes with it).
pub(super) fn load_source(
    source: &Source,
    indexes: Option<&DigestIndexes>,
) -> Result<(Digest, Option<PendingIndex>), LoadError> {
    match (source, indexes) {
        (Source::File(path), Some(indexes)) => indexes.open(path),
        _ => open(source).map(|d| (d, None)),
    }
}

/// Writes a digest's index off the input path: the first frame does not wait for it.
pub(super) fn write_index_later(pending: PendingIndex, digest: Arc<Digest>) {
    std::thread::spawn(move || pending.write(&digest));
}

/// Loads the digests at `paths` on every core, in order; those that fail to load are left out
/// (the library shows their errors).
pub fn load_all(paths: &[PathBuf]) -> Vec<Digest> {
    listing::parallel_map(paths, |p| load::load(p).ok())
        .into_iter()
        .flatten()
        .collect()
}

/// Loads a digest from where it comes from.
pub fn open(source: &Source) -> Result<Digest, LoadError> {
    match source {
        Source::AllUnread => Err(LoadError {
            path: PathBuf::from("All unread"),
            error: format::FormatError::plain("the river is gathered from the library, not loaded"),
        }),
        Source::Bundled => {
            format::parse(SAMPLE_DIGEST.as_bytes(), "sample").map_err(|error| LoadError {
                path: PathBuf::from(crate::SAMPLE_NAME),
                error,
            })
        }
        Source::File(path) => load::load(path),
        Source::Starred => Err(LoadError {
            path: PathBuf::from("Starred"),
            error: format::FormatError::plain("the Starred list is not a digest"),
        }),
        Source::Memory(name) => Err(LoadError {
            path: PathBuf::from(name),
            error: format::FormatError::plain("read from stdin or downloaded: open it again"),
        }),
    }
}
