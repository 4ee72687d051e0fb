//! The files and folders given on the command line, listed again off the terminal loop (after
//! their files changed, or back on the library screen from the reader): the app asks, the loop
//! takes the job ([`App::take_relist_job`]) and runs it on a thread of its own, and
//! [`App::relisted`] shows the newest listing asked for, the cursor staying on its digest.
//! Headless runs list in place. The library folder has its own background listing
//! (`deferred.rs`).

use super::rows::list_paths;
use super::{App, Target};
use crate::model::Library;

/// Listing the paths given again: the number of the latest listing asked for, and whether one
/// is waiting for the loop (and if so, whether rows that stopped parsing keep their last good
/// version, as after a change on disk).
#[derive(Default)]
pub(super) struct Relist {
    request: u64,
    waiting: Option<bool>,
}

/// The paths given, listed again for request number `request`.
pub struct Relisted {
    request: u64,
    keep_good: bool,
    listed: Library,
}

impl App {
    /// Asks the terminal loop to list the paths given again, if this is a terminal loop's run
    /// and listing them reads the disk; false when the caller should list them itself.
    pub(super) fn relist_later(&mut self, keep_good: bool) -> bool {
        let paths = matches!(self.target, Target::Paths(_));
        if self.sync_search || !paths || self.listing_from_reader().is_some() {
            return false;
        }
        self.relist.request += 1;
        self.relist.waiting = Some(keep_good);
        true
    }

    /// The listing [`App::relist_later`] left for the terminal loop, if any: run it on a thread
    /// of its own and hand the result to [`App::relisted`].
    pub fn take_relist_job(&mut self) -> Option<impl FnOnce() -> Relisted + Send + use<>> {
        let keep_good = self.relist.waiting.take()?;
        let Target::Paths(paths) = &self.target else {
            return None;
        };
        let (paths, index, request) = (paths.clone(), self.index.clone(), self.relist.request);
        Some(move || Relisted {
            request,
            keep_good,
            listed: list_paths(&paths, index.as_ref()),
        })
    }

    /// Shows a listing of the paths given, unless a newer one was asked for since.
    pub fn relisted(&mut self, relisted: Relisted) {
        if relisted.request == self.relist.request {
            self.show_listed(relisted.listed, relisted.keep_good);
        }
    }
}
