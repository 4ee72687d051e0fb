//! The read-state file: loading with corrupt-file recovery, and saving by lock, re-read, merge
//! and atomic write, so two newsdeck processes (or two synced machines) never lose each other's
//! marks.
//!
//! The format is versioned JSON with one entry per line, keys sorted, so diffs and file-sync
//! tools handle it well; `wire` reads versions 1 and 2 and writes version 2 (its layout is
//! described there). `changed` is in milliseconds since the Unix epoch; see [`ReadState::merge`]
//! for the rule.

mod wire;

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::model::read_state::ReadState;
use crate::store::atomic::{self, parent_of};
use crate::store::load::{display_path, io_message};
use crate::store::read::{self, Kind, ReadError};
use wire::{decode, encode};

/// The state format version this newsdeck writes; it reads this one and version 1.
pub const FORMAT_VERSION: u64 = 2;

/// How long a save waits for another process to release the lock before giving up.
const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// The current time in milliseconds since the Unix epoch, for [`ReadState::set`].
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// The text of a state file holding `state` (the current format), for writers other than
/// [`StateStore`] (the sync folder's per-device files).
pub fn encode_state(state: &ReadState) -> String {
    encode(state)
}

/// Saves read state to one file, shared safely with other newsdeck processes.
#[derive(Debug)]
pub struct StateStore {
    path: PathBuf,
    /// Why this store never writes (a newer format, or a bad file it could not set aside).
    frozen: Option<String>,
    /// The last save failed and the user has been told; stay quiet until one succeeds.
    failing: bool,
    /// Warnings from saves that still succeeded, for the caller to show.
    notes: Vec<String>,
}

/// Why [`StateStore::write_merged`] wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// Another process holds the lock; trying again later will do.
    Busy,
    /// This store never writes; the reason was said when it froze.
    Frozen(String),
    /// Writing failed: a message for the user.
    Failed(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Busy => f.write_str("the state file is locked by another newsdeck"),
            SaveError::Frozen(why) | SaveError::Failed(why) => f.write_str(why),
        }
    }
}

/// What was on disk.
enum Disk {
    Missing,
    Good(ReadState),
    Newer(u64),
    Bad(String),
    /// There is something, but it cannot be read (permission denied, a folder or FIFO, a
    /// symlink to a missing target): not corrupt, so never set aside, and never written over.
    Unreadable(String),
}

impl StateStore {
    /// Opens the state file at `path`: returns the store, the state read, and warnings to show.
    ///
    /// Never fails: a missing file is empty state; a corrupt or unreadable one is renamed aside to
    /// `state.json.corrupt-<time>` (with a warning) and state starts empty; a file from a newer
    /// newsdeck is left alone and this store keeps state in memory only. Temporary files left by a
    /// killed writer are removed.
    pub fn open(path: &Path) -> (StateStore, ReadState, Vec<String>) {
        let mut store = StateStore {
            path: path.to_path_buf(),
            frozen: None,
            failing: false,
            notes: Vec::new(),
        };
        // The lock keeps another process from replacing the file between our read and a rename
        // aside, and from having a temporary file in flight while we clean up. Without it (a
        // read-only or missing folder) nobody can write here, so reading unlocked is safe.
        // Opening never waits long: a lock held elsewhere only means no clean-up and no rename.
        let lock = store.lock(Duration::from_millis(200)).ok();
        if lock.is_some() {
            // Temporaries sit beside the file written, which is a symlink's target if it is one.
            let target = write_target(path);
            atomic::clean_stale_temps(
                parent_of(&target),
                target.file_name().and_then(|n| n.to_str()),
                Duration::ZERO,
            );
        }
        let mut warnings = Vec::new();
        let state = match read_disk(path) {
            Disk::Missing => ReadState::new(),
            Disk::Good(state) => state,
            Disk::Newer(v) => {
                let why = store.newer_message(v);
                warnings.push(why.clone());
                store.frozen = Some(why);
                ReadState::new()
            }
            Disk::Unreadable(reason) => {
                let why = format!(
                    "read state {} cannot be read ({reason}); it is left as it is, and read marks \
                     are kept in memory only: nothing is saved this session",
                    display_path(path)
                );
                warnings.push(why.clone());
                store.frozen = Some(why);
                ReadState::new()
            }
            Disk::Bad(reason) => {
                match lock.as_ref().map(|_| set_aside(path)) {
                    Some(Ok(aside)) => warnings.push(format!(
                        "read state {} is unreadable ({reason}); moved it to {} and started with nothing marked read",
                        display_path(path),
                        display_path(&aside)
                    )),
                    failed => {
                        let err = match failed {
                            Some(Err(e)) => io_message(&e),
                            _ => "its folder cannot be written".to_string(),
                        };
                        let why = format!(
                            "read state {} is unreadable ({reason}) and could not be moved aside ({err}); \
                             read marks are kept in memory only, so the file stays as it is",
                            display_path(path)
                        );
                        warnings.push(why.clone());
                        store.frozen = Some(why);
                    }
                }
                ReadState::new()
            }
        };
        drop(lock);
        (store, state, warnings)
    }

    /// Reads the state file without locking, cleaning or setting anything aside: for read-only
    /// callers such as `snapshot`. Anything unreadable reads as empty state.
    pub fn peek(path: &Path) -> ReadState {
        match read_disk(path) {
            Disk::Good(state) => state,
            _ => ReadState::new(),
        }
    }

    /// Reads another copy of a state file (say, one a sync tool kept from another machine), for
    /// merging; errors name the file and say what is wrong.
    pub fn read_copy(path: &Path) -> Result<ReadState, String> {
        let name = display_path(path);
        match read_disk(path) {
            Disk::Good(state) => Ok(state),
            Disk::Missing => Err(format!("{name}: no such file")),
            Disk::Newer(v) => Err(format!(
                "{name}: written by a newer newsdeck (state format version {v}); update newsdeck to merge it"
            )),
            Disk::Bad(why) => Err(format!("{name}: not a newsdeck state file ({why})")),
            Disk::Unreadable(why) => Err(format!("{name}: {why}")),
        }
    }

    /// Whether saves can reach the disk (false after a newer-format file, or while saving fails).
    pub fn can_save(&self) -> bool {
        self.frozen.is_none() && !self.failing
    }

    /// Warnings from saves that succeeded anyway (a corrupt file set aside); empties the list.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// Saves `mine` merged with what is on disk now, and returns the merged state, so the caller
    /// also learns other processes' changes.
    ///
    /// Locks `state.json.lock` (not the data file, which the rename replaces) for the re-read,
    /// merge and write only. `Err` carries a message for the user and comes once per outage
    /// (read-only folder, full disk): while saving keeps failing, later calls return
    /// `Ok(mine)` unsaved, and [`StateStore::can_save`] is false. A frozen store (see
    /// [`StateStore::open`]) never writes and returns `Ok(mine)`.
    pub fn save(&mut self, mine: &ReadState) -> Result<ReadState, String> {
        if self.frozen.is_some() {
            return Ok(mine.clone());
        }
        let mut merged = mine.clone();
        match self.write_merged(&mut merged, LOCK_TIMEOUT) {
            Ok(_) => {
                self.failing = false;
                Ok(merged)
            }
            // Freezing (a newer format appeared) is news even during an outage.
            Err(SaveError::Frozen(e)) => Err(e),
            Err(_) if self.failing => Ok(mine.clone()),
            Err(e) => {
                self.failing = true;
                Err(e.to_string())
            }
        }
    }

    /// Why this store never writes, if it does not (said once, when it was opened or froze).
    pub fn frozen(&self) -> Option<&str> {
        self.frozen.as_deref()
    }

    /// Merges what is on disk into `mine` and writes the result, waiting at most `wait` for
    /// another process's lock. Returns the marks from disk that won over `mine`'s (other
    /// processes' changes), so a caller holding another copy can take in just those.
    pub fn write_merged(
        &mut self,
        mine: &mut ReadState,
        wait: Duration,
    ) -> Result<ReadState, SaveError> {
        if let Some(why) = &self.frozen {
            return Err(SaveError::Frozen(why.clone()));
        }
        let fail = |what: &str, e: &io::Error| {
            SaveError::Failed(format!(
                "cannot save read state to {} ({what}: {}); read marks are kept until you quit",
                display_path(&self.path),
                io_message(e)
            ))
        };
        let dir = parent_of(&self.path);
        fs::create_dir_all(dir).map_err(|e| fail("creating its folder", &e))?;
        let lock = self.lock(wait).map_err(|e| match e.kind() {
            io::ErrorKind::WouldBlock => SaveError::Busy,
            _ => fail("locking it", &e),
        })?;
        let mut gained = ReadState::new();
        match read_disk(&self.path) {
            Disk::Missing => {}
            Disk::Good(theirs) => {
                // Only what wins is taken: most of a big file is what we have already.
                gained = theirs.news_for(mine);
                mine.merge(&gained);
            }
            Disk::Newer(v) => {
                // A newer newsdeck wrote it meanwhile: its format must not be overwritten.
                let why = self.newer_message(v);
                self.frozen = Some(why.clone());
                return Err(SaveError::Frozen(why));
            }
            Disk::Unreadable(reason) => {
                return Err(SaveError::Failed(format!(
                    "cannot save read state to {} (it cannot be read: {reason}); read marks are kept until you quit",
                    display_path(&self.path)
                )));
            }
            Disk::Bad(reason) => {
                let aside =
                    set_aside(&self.path).map_err(|e| fail("moving a bad file aside", &e))?;
                self.notes.push(format!(
                    "read state {} was unreadable ({reason}); moved it to {} and saved this session's marks",
                    display_path(&self.path),
                    display_path(&aside)
                ));
            }
        }
        atomic::write_atomic(&write_target(&self.path), encode(mine).as_bytes())
            .map_err(|e| fail("writing it", &e))?;
        drop(lock);
        Ok(gained)
    }

    fn newer_message(&self, version: u64) -> String {
        format!(
            "read state {} was written by a newer newsdeck (format version {version}; this one knows \
             version {FORMAT_VERSION}); it is left as it is, and read marks are kept in memory only: \
             update newsdeck to keep them",
            display_path(&self.path)
        )
    }

    /// Takes the advisory lock on `<state>.lock`, waiting up to `wait` (then `WouldBlock`). The
    /// lock goes with the returned file.
    fn lock(&self, wait: Duration) -> io::Result<File> {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(parent_of(&self.path).join(name))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(TryLockError::Error(e)) => return Err(e),
                Err(TryLockError::WouldBlock) if start.elapsed() >= wait => {
                    return Err(io::Error::new(
                        io::ErrorKind::WouldBlock,
                        "another newsdeck holds the lock",
                    ));
                }
                Err(TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(2)),
            }
        }
    }
}

/// The file a save replaces: for a symlinked state file (users link it into a synced folder),
/// the link's target, so that the rename does not turn the link into a plain file.
fn write_target(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

fn read_disk(path: &Path) -> Disk {
    match read::read(path, Kind::State) {
        Ok(bytes) => decode(&bytes),
        Err(ReadError::Missing) => match fs::read_link(path) {
            // A link whose target is missing (a synced folder not mounted): replacing the link
            // with a plain file would cut the sync off for good.
            Ok(target) => Disk::Unreadable(format!(
                "it is a link to {}, which is missing",
                display_path(&target)
            )),
            Err(_) => Disk::Missing,
        },
        // Too big is the content's fault, like corrupt JSON: set it aside.
        Err(e @ ReadError::TooBig(..)) => Disk::Bad(e.to_string()),
        Err(e) => Disk::Unreadable(e.to_string()),
    }
}

/// Renames a bad state file to `<name>.corrupt-<UTC time>` beside it, never over another file.
fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = crate::date::stamp(SystemTime::now());
    let mut base = path.as_os_str().to_os_string();
    base.push(format!(".corrupt-{stamp}"));
    for n in 1..1000 {
        let mut candidate = base.clone();
        if n > 1 {
            candidate.push(format!("-{n}"));
        }
        let candidate = PathBuf::from(candidate);
        if candidate.symlink_metadata().is_err() {
            fs::rename(path, &candidate)?;
            return Ok(candidate);
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many set-aside copies",
    ))
}

#[cfg(test)]
mod tests;
