//! Saving read state: on the calling thread, or handed to the background saver once the
//! terminal loop started it, and what the saver reports back.

use std::time::Duration;

use super::App;
use crate::store::saver::{DELAYED_LOCKED, Report, Saver};

impl App {
    /// Moves saving to a thread of its own (see [`crate::store::saver`]): from now on [`App::save`]
    /// never waits, and `report` is called on that thread with what it has to say; hand each
    /// [`Report`] to [`App::saved`] on the UI thread.
    pub fn save_in_background(&mut self, report: impl Fn(Report) + Send + 'static) {
        if let Some(store) = self.state.take() {
            let mut copy = self.model.read.clone();
            copy.take_changes();
            // The sync folder goes with the store: the saver writes this machine's file there.
            self.saver = Some(Saver::spawn_synced(store, copy, self.sync.take(), report));
        }
    }

    /// Takes in what the background saver reported: other processes' marks, or a status line.
    pub fn saved(&mut self, report: Report) {
        match report {
            Report::Saved { gained } => {
                self.model.merge_marks(&gained);
                if self.model.notice.as_deref() == Some(DELAYED_LOCKED) {
                    self.model.notice = None;
                }
            }
            Report::Delayed(line) => self.model.notify(line),
            // Marks not saved matter: the warning stays until dismissed and is said at exit.
            Report::Failed(line) => self.model.warn(line),
            // Another device's marks, arrived through the sync folder's watch.
            Report::Synced { gained } => self.model.merge_marks(&gained),
        }
    }

    /// Saves pending marks and waits up to `wait` for them to be written (before stopping on
    /// Ctrl-Z, when no thread runs until `fg`).
    pub fn flush(&mut self, wait: Duration) {
        match &self.saver {
            Some(saver) => {
                self.dirty = false;
                saver.flush(self.model.read.take_changes(), wait);
            }
            None => {
                self.save();
            }
        }
    }

    /// The last save before the process ends, waiting up to `wait` for another newsdeck's lock.
    /// Returns a message when marks could not be saved: how many, and why.
    pub fn finish(&mut self, wait: Duration) -> Option<String> {
        let Some(saver) = self.saver.take() else {
            return self.save();
        };
        self.dirty = false;
        let left = saver.finish(self.model.read.take_changes(), wait)?;
        // Changes are read marks, stars and places (the article last opened, the library
        // cursor), so they are not all "read marks".
        let n = left.marks;
        Some(format!(
            "{n} change{} to read state (read marks, stars, places) {} not saved: {}",
            if n == 1 { "" } else { "s" },
            if n == 1 { "was" } else { "were" },
            left.why
        ))
    }

    /// Writes read marks if they changed, merging in other processes' changes: in the
    /// background once [`App::save_in_background`] ran, else here. A problem met here is shown
    /// as a warning (printed again at exit) and also returned.
    pub fn save(&mut self) -> Option<String> {
        if !self.dirty {
            return None;
        }
        self.dirty = false;
        let changes = self.model.read.take_changes();
        if let Some(saver) = &self.saver {
            saver.save(changes);
            return None;
        }
        let store = self.state.as_mut()?;
        let mut problems = Vec::new();
        if let Some((sync, seen)) = &mut self.sync {
            // Other devices' files are read again only when one of them changed.
            let now = sync.others_stamp();
            if now != *seen {
                let (others, warnings) = sync.read_others();
                let mut merged = self.model.read.clone();
                merged.merge(&others);
                self.model.set_read_state(merged);
                problems.extend(warnings);
                *seen = now;
            }
        }
        match store.save(&self.model.read) {
            Ok(merged) => self.model.set_read_state(merged),
            Err(e) => problems.push(e),
        }
        if let Some((sync, _)) = &self.sync
            && let Err(e) = sync.write_own(&self.model.read)
        {
            problems.push(e);
        }
        problems.extend(store.take_warnings());
        let message = (!problems.is_empty()).then(|| problems.join("; "));
        if let Some(m) = &message {
            self.model.warn(m.clone());
        }
        message
    }
}
