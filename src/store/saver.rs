//! Saving read marks on a thread of its own, so the screen never waits for the disk or for
//! another newsdeck's lock.
//!
//! The UI thread sends only the marks it changed ([`Saver::save`]); the saver thread keeps its own
//! full copy of the state, merges the file on disk into it, writes it, and reports back
//! ([`Report`]) just the marks from disk that won, which the UI takes in at the cost of their
//! number. While the lock is held elsewhere the save is retried every `RETRY` and the screen is
//! told once that saving is delayed. At exit, [`Saver::finish`] makes a last attempt and says how
//! many marks could not be saved, and why.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crate::model::read_state::ReadState;
use crate::store::state::{SaveError, StateStore};
use crate::store::sync::{SyncDir, SyncStamp};
use crate::store::watch;

/// How often a save the lock held up is tried again.
const RETRY: Duration = Duration::from_millis(250);

/// How long after a failed save (full disk, read-only folder) it is tried again unasked.
const RETRY_FAILED: Duration = Duration::from_secs(5);

/// The status line while another newsdeck holds the lock.
pub const DELAYED_LOCKED: &str = "saving… (state file locked by another newsdeck)";

/// Changes made on the UI thread (marks, stars, positions), to be saved: a state of their own,
/// from [`ReadState::take_changes`].
pub type Changes = ReadState;

/// What the saver thread tells the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// Everything so far is on disk. `gained` holds what other processes wrote that won over
    /// ours, for the screen to take in.
    Saved {
        /// Entries from disk that are newer than this process's.
        gained: ReadState,
    },
    /// Saving is held up (another newsdeck holds the lock) and is retried; a status line.
    Delayed(String),
    /// Saving failed (said once per outage) and is retried; marks are kept meanwhile.
    Failed(String),
    /// Another device's file in the sync folder changed: its marks that won, for the screen.
    Synced {
        /// Entries from the other devices that are newer than this process's.
        gained: ReadState,
    },
}

/// What could not be saved by the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    /// How many changes (read marks, stars, positions) are not on disk.
    pub marks: usize,
    /// Why.
    pub why: String,
}

enum Request {
    Save(Changes),
    /// Save now, waiting up to the duration for the lock; then answer.
    Flush(Changes, Duration, Sender<()>),
    /// Last save, then answer with what is left unsaved and end the thread.
    Finish(Changes, Duration, Sender<Option<Unsaved>>),
    /// A file in the sync folder changed (from its watch).
    Devices,
}

/// How long after a change in the sync folder the devices' files are read: a sync tool often
/// writes several files, or one file in steps, in a burst, which is then read once. Counted from
/// the first change, so a folder that never goes quiet still has its files read.
const DEVICES_QUIET: Duration = Duration::from_millis(150);

/// The handle the app keeps: dropping it ends the thread once it has nothing left to do.
pub struct Saver {
    tx: Sender<Request>,
    /// The sync folder's watch, while there is one.
    _watch: Option<watch::Watch>,
}

impl Saver {
    /// Starts the saver thread for `store`, whose marks are `state` now; `report` is called on
    /// that thread for every [`Report`].
    pub fn spawn(
        store: StateStore,
        state: ReadState,
        report: impl Fn(Report) + Send + 'static,
    ) -> Saver {
        Saver::spawn_synced(store, state, None, report)
    }

    /// [`Saver::spawn`], sharing read state through the sync folder `sync` as well: at every
    /// save the other devices' files are merged in (read again only when one changed, their
    /// winning marks reported like other processes'), and this machine's file there is written.
    pub fn spawn_synced(
        store: StateStore,
        state: ReadState,
        sync: Option<(SyncDir, Vec<SyncStamp>)>,
        report: impl Fn(Report) + Send + 'static,
    ) -> Saver {
        let (tx, rx) = mpsc::channel();
        let watch = sync
            .as_ref()
            .and_then(|(s, _)| watch_devices(s, tx.clone()));
        std::thread::spawn(move || {
            Worker {
                frozen_at_start: store.frozen().is_some(),
                store,
                mine: state,
                sync,
                unsaved: ReadState::new(),
                why: None,
                retry_at: None,
                devices_at: None,
                delayed: false,
                failing: false,
                report: Box::new(report),
            }
            .run(&rx)
        });
        Saver { tx, _watch: watch }
    }

    /// Saves `changes` (merged with the file) as soon as the lock allows; never waits.
    pub fn save(&self, changes: Changes) {
        let _ = self.tx.send(Request::Save(changes));
    }

    /// Saves `changes` and everything pending now, waiting up to about `wait` for it (before
    /// the process stops on Ctrl-Z). True when the attempt finished in time.
    pub fn flush(&self, changes: Changes, wait: Duration) -> bool {
        let (done, answer) = mpsc::channel();
        if self.tx.send(Request::Flush(changes, wait, done)).is_err() {
            return false;
        }
        answer.recv_timeout(wait + RETRY).is_ok()
    }

    /// The last save: `changes`, and anything still pending, waiting up to about `wait` for the
    /// lock. Returns what could not be saved.
    pub fn finish(self, changes: Changes, wait: Duration) -> Option<Unsaved> {
        let (done, answer) = mpsc::channel();
        if self.tx.send(Request::Finish(changes, wait, done)).is_err() {
            return Some(Unsaved {
                marks: 0,
                why: "the saver stopped".into(),
            });
        }
        match answer.recv_timeout(wait + Duration::from_secs(5)) {
            Ok(left) => left,
            Err(_) => Some(Unsaved {
                marks: 0,
                why: "saving did not finish in time".into(),
            }),
        }
    }
}

struct Worker {
    store: StateStore,
    mine: ReadState,
    /// The sync folder, with what its other devices' files looked like when last read.
    sync: Option<(SyncDir, Vec<SyncStamp>)>,
    /// Changes made here that are not on disk yet.
    unsaved: ReadState,
    /// Why the last save did not go through.
    why: Option<String>,
    retry_at: Option<Instant>,
    /// When to read the other devices' files after their folder changed.
    devices_at: Option<Instant>,
    delayed: bool,
    failing: bool,
    /// The store never wrote (said when it was opened), so saving failing is no news.
    frozen_at_start: bool,
    report: Box<dyn Fn(Report) + Send>,
}

impl Worker {
    fn run(mut self, rx: &Receiver<Request>) {
        // A request read while gathering saves, to handle next.
        let mut next: Option<Request> = None;
        loop {
            let deadline = match (self.retry_at, self.devices_at) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let request = match (next.take(), deadline) {
                (Some(request), _) => Ok(request),
                (None, Some(at)) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
                (None, None) => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match request {
                Ok(Request::Save(changes)) => {
                    self.apply(changes);
                    // Changes coming in quick succession are written once.
                    while let Ok(more) = rx.try_recv() {
                        match more {
                            Request::Save(changes) => self.apply(changes),
                            other => {
                                next = Some(other);
                                break;
                            }
                        }
                    }
                    if next.is_none() {
                        self.attempt(Duration::ZERO);
                    }
                }
                Ok(Request::Flush(changes, wait, done)) => {
                    self.apply(changes);
                    self.attempt(wait);
                    let _ = done.send(());
                }
                Ok(Request::Finish(changes, wait, done)) => {
                    self.apply(changes);
                    self.attempt(wait);
                    let _ = done.send(self.left());
                    return;
                }
                Ok(Request::Devices) => {
                    self.devices_at
                        .get_or_insert_with(|| Instant::now() + DEVICES_QUIET);
                }
                Err(RecvTimeoutError::Timeout) => {
                    let now = Instant::now();
                    if self.devices_at.is_some_and(|at| at <= now) {
                        self.devices_at = None;
                        self.sync_devices();
                    }
                    if self.retry_at.is_some_and(|at| at <= now) {
                        self.attempt(Duration::ZERO);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    fn apply(&mut self, changes: Changes) {
        self.mine.merge(&changes);
        self.unsaved.merge(&changes);
    }

    fn attempt(&mut self, wait: Duration) {
        self.retry_at = None;
        if self.unsaved.is_empty() {
            return;
        }
        let from_devices = self.merge_devices();
        match self.store.write_merged(&mut self.mine, wait) {
            Ok(mut gained) => {
                self.unsaved = ReadState::new();
                (self.delayed, self.failing, self.why) = (false, false, None);
                gained.merge(&from_devices);
                if let Some((sync, _)) = &self.sync
                    && let Err(e) = sync.write_own(&self.mine)
                {
                    (self.report)(Report::Failed(e));
                }
                (self.report)(Report::Saved { gained });
            }
            Err(SaveError::Busy) => {
                self.why = Some(SaveError::Busy.to_string());
                self.retry_at = Some(Instant::now() + RETRY);
                if !std::mem::replace(&mut self.delayed, true) {
                    (self.report)(Report::Delayed(DELAYED_LOCKED.to_string()));
                }
            }
            Err(SaveError::Frozen(why)) => {
                // A store frozen from the start was announced when it opened; one that froze
                // now (a newer newsdeck wrote the file) is news.
                if !std::mem::replace(&mut self.failing, true) && !self.frozen_at_start {
                    (self.report)(Report::Failed(why.clone()));
                }
                self.why = Some(why);
            }
            Err(SaveError::Failed(why)) => {
                self.retry_at = Some(Instant::now() + RETRY_FAILED);
                if !std::mem::replace(&mut self.failing, true) {
                    (self.report)(Report::Failed(why.clone()));
                }
                self.why = Some(why);
            }
        }
    }

    /// Merges the sync folder's other devices' files into `mine` if one changed since they were
    /// last read; returns their marks that won, for the screen.
    fn merge_devices(&mut self) -> ReadState {
        let Some((sync, seen)) = &mut self.sync else {
            return ReadState::new();
        };
        let now = sync.others_stamp();
        if now == *seen {
            return ReadState::new();
        }
        *seen = now;
        let (others, warnings) = sync.read_others();
        for w in warnings {
            (self.report)(Report::Failed(w));
        }
        let news = others.news_for(&self.mine);
        self.mine.merge(&others);
        news
    }

    /// After the sync folder changed: merges the other devices' files (if one of them changed)
    /// and tells the screen which of their marks won.
    fn sync_devices(&mut self) {
        let gained = self.merge_devices();
        if !gained.is_empty() {
            (self.report)(Report::Synced { gained });
        }
    }

    fn left(&self) -> Option<Unsaved> {
        if self.unsaved.is_empty() {
            return None;
        }
        Some(Unsaved {
            marks: self.unsaved.entries(),
            why: self
                .why
                .clone()
                .unwrap_or_else(|| "they were never written".into()),
        })
    }
}

/// Watches the sync folder (created if need be, so that it can be watched from the start) for
/// other devices' files, sending [`Request::Devices`] to the saver; `None` if it cannot be
/// watched (their marks are then still merged at every save).
fn watch_devices(sync: &SyncDir, tx: Sender<Request>) -> Option<watch::Watch> {
    let _ = std::fs::create_dir_all(&sync.dir);
    let own = sync.own_file();
    watch::watch(std::slice::from_ref(&sync.dir), move |files| {
        if files
            .iter()
            .any(|f| *f != own && SyncDir::is_device_file(f))
        {
            let _ = tx.send(Request::Devices);
        }
    })
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::digest::{ArticleId, DigestKey};
    use std::fs::File;

    fn key() -> DigestKey {
        DigestKey("id:d".to_string())
    }

    /// A change set marking these articles of digest `d` read at `changed`.
    fn marks(ids: &[&str], changed: u64) -> ReadState {
        let mut s = ReadState::new();
        for id in ids {
            s.set(&key(), &ArticleId((*id).into()), true, changed);
        }
        s.take_changes()
    }

    fn saver_at(path: &std::path::Path) -> (Saver, Receiver<Report>) {
        let (store, state, _) = StateStore::open(path);
        let (tx, rx) = mpsc::channel();
        let saver = Saver::spawn(store, state, move |r| {
            let _ = tx.send(r);
        });
        (saver, rx)
    }

    fn next(rx: &Receiver<Report>) -> Report {
        rx.recv_timeout(Duration::from_secs(30)).unwrap()
    }

    #[test]
    fn a_held_lock_delays_the_save_which_goes_through_once_it_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let (saver, rx) = saver_at(&path);
        let lock = File::create(dir.path().join("state.json.lock")).unwrap();
        lock.try_lock().unwrap();
        saver.save(marks(&["a"], 1));
        assert_eq!(next(&rx), Report::Delayed(DELAYED_LOCKED.into()));
        drop(lock);
        assert_eq!(
            next(&rx),
            Report::Saved {
                gained: ReadState::new()
            }
        );
        assert!(std::fs::read_to_string(&path).unwrap().contains("\"a\""));
        assert_eq!(saver.finish(ReadState::new(), Duration::ZERO), None);
    }

    #[test]
    fn finishing_with_the_lock_held_says_how_many_marks_are_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let (saver, _rx) = saver_at(&path);
        let lock = File::create(dir.path().join("state.json.lock")).unwrap();
        lock.try_lock().unwrap();
        saver.save(marks(&["a", "b"], 1));
        let left = saver.finish(marks(&["c"], 2), Duration::from_millis(50));
        assert_eq!(
            left,
            Some(Unsaved {
                marks: 3,
                why: "the state file is locked by another newsdeck".into()
            })
        );
        assert!(!path.exists());
    }

    #[test]
    fn only_what_another_process_wrote_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let (saver, rx) = saver_at(&path);
        // Another process marks "x" after this one started.
        let (mut other, _, _) = StateStore::open(&path);
        other.save(&marks(&["x"], 5)).unwrap();
        saver.save(marks(&["a"], 1));
        assert_eq!(
            next(&rx),
            Report::Saved {
                gained: marks(&["x"], 5)
            }
        );
        let (_, on_disk, _) = StateStore::open(&path);
        let x = ArticleId("x".into());
        assert!(on_disk.is_read(&key(), &ArticleId("a".into())) && on_disk.is_read(&key(), &x));
    }
    #[test]
    fn a_synced_saver_merges_other_devices_and_writes_only_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let sync_dir = dir.path().join("Sync");
        let desktop = SyncDir::new(sync_dir.clone(), Some("desktop"));
        let mut theirs = ReadState::new();
        theirs.set(&key(), &ArticleId("b".into()), true, 5);
        desktop.write_own(&theirs).unwrap();
        let before = std::fs::read(desktop.own_file()).unwrap();
        let laptop = SyncDir::new(sync_dir, Some("laptop"));
        let (store, state, _) = StateStore::open(&dir.path().join("state.json"));
        let (tx, rx) = mpsc::channel();
        // Nothing seen yet, so the desktop's file is read at the first save.
        let saver =
            Saver::spawn_synced(store, state, Some((laptop.clone(), Vec::new())), move |r| {
                let _ = tx.send(r);
            });
        saver.save(marks(&["a"], 1));
        match next(&rx) {
            Report::Saved { gained } => assert!(gained.is_read(&key(), &ArticleId("b".into()))),
            other => panic!("{other:?}"),
        }
        let mine = StateStore::read_copy(&laptop.own_file()).unwrap();
        assert!(mine.is_read(&key(), &ArticleId("a".into())));
        assert!(mine.is_read(&key(), &ArticleId("b".into())));
        assert_eq!(std::fs::read(desktop.own_file()).unwrap(), before);
        assert_eq!(saver.finish(ReadState::new(), Duration::ZERO), None);
    }
}
