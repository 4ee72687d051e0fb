//! The sync folder: read state shared between machines through a folder the user syncs
//! (Syncthing, Dropbox, git).
//!
//! Each machine writes only its own file there, `state-<device>.json` (same format as
//! `state.json`), so no file ever has two writers and sync tools never make conflict copies. It
//! reads every other device's file and merges it in (newer mark wins, [`ReadState::merge`]).
//! Marks are keyed by digest key, so marks for digests this machine does not have yet are kept
//! and apply when the digest arrives. The app merges on start, on each save, and whenever another
//! device's file changes (the saver watches the folder: `store::saver`).

use std::fs;
use std::path::PathBuf;
use std::time::SystemTime;

use crate::model::read_state::ReadState;
use crate::store::atomic;
use crate::store::load::display_path;
use crate::store::state::{StateStore, encode_state};

/// This machine's place in a sync folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncDir {
    /// The folder.
    pub dir: PathBuf,
    /// This machine's device name, safe as part of a file name.
    pub device: String,
}

/// One device's file, as `newsdeck sync` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceFile {
    /// The device's name (from its file name).
    pub device: String,
    /// Its file.
    pub path: PathBuf,
    /// Whether it is this machine's.
    pub mine: bool,
    /// Its number of read marks, or why it cannot be read.
    pub marks: Result<usize, String>,
    /// Its newest change, ms since the epoch.
    pub last_change: Option<u64>,
}

/// What identifies another device's file (name, size, mtime): when it changes, it is read again.
pub type SyncStamp = (String, u64, Option<SystemTime>);

const PREFIX: &str = "state-";
const SUFFIX: &str = ".json";

impl SyncDir {
    /// The sync folder `dir` for `device` (else this machine's host name), made safe.
    pub fn new(dir: PathBuf, device: Option<&str>) -> SyncDir {
        let name = device
            .map(str::to_string)
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(host_name);
        SyncDir {
            dir,
            device: safe_device(&name),
        }
    }

    /// This machine's file: `<dir>/state-<device>.json`.
    pub fn own_file(&self) -> PathBuf {
        self.dir.join(format!("{PREFIX}{}{SUFFIX}", self.device))
    }

    /// Whether `path` is named like a device's file (`state-<device>.json`).
    pub fn is_device_file(path: &std::path::Path) -> bool {
        path.file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix(PREFIX)?.strip_suffix(SUFFIX))
            .is_some_and(|d| !d.is_empty())
    }

    /// Every device file in the folder, sorted by name, as (device, path).
    pub fn files(&self) -> Vec<(String, PathBuf)> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut v: Vec<(String, PathBuf)> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let device = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
                (!device.is_empty() && e.file_type().is_ok_and(|t| t.is_file()))
                    .then(|| (device.to_string(), e.path()))
            })
            .collect();
        v.sort();
        v
    }

    /// Every other device's marks merged into one state; unreadable files give warnings.
    pub fn read_others(&self) -> (ReadState, Vec<String>) {
        let mut merged = ReadState::new();
        let mut warnings = Vec::new();
        for (device, path) in self.files() {
            if device == self.device {
                continue;
            }
            match StateStore::read_copy(&path) {
                Ok(theirs) => merged.merge(&theirs),
                Err(e) => warnings.push(format!("sync: skipped {e}")),
            }
        }
        (merged, warnings)
    }

    /// What identifies the other devices' files now (name, size, mtime): when it changes, they
    /// are read again.
    pub fn others_stamp(&self) -> Vec<SyncStamp> {
        self.files()
            .into_iter()
            .filter(|(d, _)| *d != self.device)
            .map(|(d, p)| {
                let m = fs::metadata(&p).ok();
                let len = m.as_ref().map_or(0, |m| m.len());
                (d, len, m.and_then(|m| m.modified().ok()))
            })
            .collect()
    }

    /// Writes `state` to this machine's file, atomically (the folder is created if needed).
    pub fn write_own(&self, state: &ReadState) -> Result<(), String> {
        let fail = |e: std::io::Error| {
            format!(
                "cannot write {} in the sync folder ({}); marks are still saved on this machine",
                display_path(&self.own_file()),
                crate::store::load::io_message(&e)
            )
        };
        // The folder itself is made, not its parents: a missing parent is a typo or a synced
        // drive that is not mounted, and marks written there would reach no other machine.
        if !self.dir.is_dir() {
            if let Some(parent) = self.dir.parent().filter(|p| !p.as_os_str().is_empty())
                && !parent.is_dir()
            {
                return Err(format!(
                    "the sync folder {} cannot be made: {} does not exist (is the synced drive mounted?); marks are still saved on this machine",
                    display_path(&self.dir),
                    display_path(parent)
                ));
            }
            match fs::create_dir(&self.dir) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(fail(e)),
                _ => {}
            }
        }
        atomic::write_atomic(&self.own_file(), encode_state(state).as_bytes()).map_err(fail)
    }

    /// Every device file with its number of marks and last change.
    pub fn devices(&self) -> Vec<DeviceFile> {
        self.files()
            .into_iter()
            .map(|(device, path)| {
                let state = StateStore::read_copy(&path);
                DeviceFile {
                    mine: device == self.device,
                    marks: state.as_ref().map(ReadState::len).map_err(Clone::clone),
                    last_change: state.ok().as_ref().and_then(last_change),
                    device,
                    path,
                }
            })
            .collect()
    }
}

/// The newest change recorded in `state`.
pub fn last_change(state: &ReadState) -> Option<u64> {
    let marks = state.digests().flat_map(|(_, d)| {
        d.read
            .values()
            .chain(d.stars.values())
            .map(|m| m.changed)
            .chain(d.last_opened.as_ref().map(|l| l.changed))
    });
    marks
        .chain(state.legacy().map(|(_, m)| m.changed))
        .chain(state.library_cursor_entry().map(|c| c.changed))
        .max()
}

/// This machine's host name, or `device` when it cannot be found.
fn host_name() -> String {
    system_host_name()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "device".to_string())
}

/// The host name the system reports, asked of the system rather than read from a file.
#[cfg(unix)]
fn system_host_name() -> Option<String> {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its whole length, which is what is passed.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return None;
    }
    let len = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Some(String::from_utf8_lossy(&buf[..len]).into_owned())
}

#[cfg(not(unix))]
fn system_host_name() -> Option<String> {
    None
}

/// `name` as a safe part of a file name: letters, digits, `-`, `_` and `.` kept (others become
/// `-`), no leading dot (a hidden file), at most 64 bytes; `device` if nothing is left.
pub fn safe_device(name: &str) -> String {
    let mut s: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    s = s.trim_start_matches('.').to_string();
    s.truncate(64);
    if s.is_empty() || s.chars().all(|c| c == '-') {
        "device".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests;
