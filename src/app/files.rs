//! File work a key asks for: moving a digest to the trash (`d`), putting it back (`U`) and
//! writing an exported article (`E`). Never on the terminal loop: the app hands out a job
//! ([`App::file_job`]) and says meanwhile what is under way (the trashed row leaves the library
//! at once); the loop runs these jobs one after another on one thread of their own, so a delete
//! and the `U` that follows it happen in that order; [`App::filed`] shows how each went.
//! Headless runs (`snapshot`, tests) run the same job in place.

use std::path::PathBuf;

use super::App;
use crate::model::{Effect, Source};
use crate::store::export_file::{self, WriteError};
use crate::store::library::Library;
use crate::store::load::display_path;

/// File work to run off the terminal loop, in the order asked; its result goes to [`App::filed`].
pub type FileJob = Box<dyn FnOnce() -> Filed + Send>;

/// How a [`FileJob`] went.
pub struct Filed(Done);

enum Done {
    /// The digest at `path` moved to the trash, or why not.
    Trashed {
        path: PathBuf,
        result: Result<(), String>,
    },
    /// The digest put back (`None`: the trash was empty), or why not.
    Restored(Result<Option<PathBuf>, String>),
    /// Where the article was saved, or why not.
    Exported(Result<PathBuf, WriteError>),
}

/// File work asked for: the jobs waiting for the terminal loop, in the order asked, and how many
/// moves to or from the trash are not done yet.
#[derive(Default)]
pub(super) struct Pending {
    jobs: Vec<FileJob>,
    moves: usize,
}

/// The message when there is no library to trash into or restore from.
fn no_library() -> String {
    "there is no library folder".to_string()
}

impl App {
    /// Carries out a delete, a restore or an export: here and now in headless runs, else queued
    /// for the terminal loop ([`App::take_file_jobs`]).
    pub(super) fn file_effect(&mut self, effect: Effect) {
        if let Some(job) = self.file_job(effect) {
            if self.sync_search {
                self.filed(job());
            } else {
                self.files.jobs.push(job);
            }
        }
    }

    /// The file work asked for since the last call, in the order asked: run it in that order,
    /// off the terminal loop, and hand each result to [`App::filed`].
    pub fn take_file_jobs(&mut self) -> Vec<FileJob> {
        std::mem::take(&mut self.files.jobs)
    }

    /// The file work `effect` asks for (a delete, a restore, an export), with what shows
    /// meanwhile; `None` for any other effect, and for an export in a run that writes no files
    /// (said at once).
    fn file_job(&mut self, effect: Effect) -> Option<FileJob> {
        let library = self.library.clone();
        if matches!(effect, Effect::Delete(_) | Effect::RestoreTrash) {
            self.files.moves += 1;
        }
        match effect {
            Effect::Delete(path) => {
                self.trashing(&path);
                Some(Box::new(move || {
                    let result = library
                        .as_ref()
                        .map_or_else(|| Err(no_library()), |l| l.trash(&path));
                    Filed(Done::Trashed { path, result })
                }))
            }
            Effect::RestoreTrash => Some(Box::new(move || {
                let restored = library.as_ref().map(Library::restore_last);
                Filed(Done::Restored(
                    restored.unwrap_or_else(|| Err(no_library())),
                ))
            })),
            Effect::Export { stem, content } => {
                let Some(dir) = self.export_dir.clone() else {
                    self.model
                        .notify("Saving articles is off in this run (snapshot writes no files)");
                    return None;
                };
                Some(Box::new(move || {
                    Filed(Done::Exported(export_file::write_new_md(
                        &dir, &stem, &content,
                    )))
                }))
            }
            _ => None,
        }
    }

    /// The digest at `path` is on its way to the trash: its row leaves the library now (it
    /// comes back with the next listing if the move fails), and the status line says so.
    fn trashing(&mut self, path: &std::path::Path) {
        self.model
            .notify(format!("Moving {} to the trash…", display_path(path)));
        let rows = self.model.library.all.iter();
        let rows = rows.filter(|r| !matches!(&r.source, Source::File(p) if p == path));
        let hint = self.model.library.hint.clone();
        self.model.refresh_library(rows.cloned().collect(), hint);
    }

    /// Says how a [`FileJob`] went; the last of the moves to or from the trash asked for lists
    /// the library again (listing it between two of them would show a row still to go).
    pub fn filed(&mut self, filed: Filed) {
        if !matches!(filed.0, Done::Exported(_)) {
            self.files.moves = self.files.moves.saturating_sub(1);
        }
        let relist = self.files.moves == 0;
        match filed.0 {
            Done::Trashed { path, result } => {
                self.model.notify(match result {
                    Ok(()) => format!("Moved {} to the trash (U restores it)", display_path(&path)),
                    Err(e) => e,
                });
                if relist {
                    self.refresh_library();
                }
            }
            Done::Restored(result) => {
                self.model.notify(match result {
                    Ok(Some(path)) => format!("Restored {}", display_path(&path)),
                    Ok(None) => "The trash is empty".to_string(),
                    Err(e) => e,
                });
                if relist {
                    self.refresh_library();
                }
            }
            Done::Exported(Ok(path)) => {
                self.model
                    .notify(format!("Saved the article to {}", display_path(&path)));
            }
            // A warning, wrapped and kept until dismissed: as a one-line notice the reason
            // came after the path and was cut off.
            Done::Exported(Err(e)) => {
                self.model
                    .warn_on_screen(format!("Could not save the article: {e}"));
            }
        }
    }
}
