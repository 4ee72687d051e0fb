//! Reads digest files from disk: refuses what is not a regular file or is too big, then parses.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::format::{self, FormatError};
use crate::model::digest::Digest;
use crate::sanitize;

/// The largest digest newsdeck reads; bigger files are refused rather than read without bound.
pub const MAX_DIGEST_BYTES: u64 = 256 * 1024 * 1024;

/// Why a digest file could not be loaded, with the file it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file, as the user named it.
    pub path: PathBuf,
    /// What went wrong, with a position when there is one.
    pub error: FormatError,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // File names are untrusted too: they must not carry escape sequences to the terminal.
        // `FILE:LINE:COLUMN: message` when positioned, as compilers print it; else `FILE: message`.
        match (self.error.line, self.error.column) {
            (Some(_), Some(_)) => write!(f, "{}:{}", display_path(&self.path), self.error),
            _ => write!(f, "{}: {}", display_path(&self.path), self.error.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// A path made safe and readable for messages.
pub fn display_path(path: &Path) -> String {
    sanitize::line(&path.to_string_lossy()).into_owned()
}

/// The title a digest gets from its file name when it has none of its own.
pub fn title_from_path(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| display_path(path), |s| s.to_string_lossy().into_owned())
}

/// Loads and parses a digest file.
pub fn load(path: &Path) -> Result<Digest, LoadError> {
    let bytes = read_digest_bytes(path)?;
    format::parse_owned(bytes, &title_from_path(path)).map_err(|error| LoadError {
        path: path.to_path_buf(),
        error,
    })
}

/// Reads a digest file's bytes, refusing non-regular files and files over [`MAX_DIGEST_BYTES`].
pub fn read_digest_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let fail = |message: String| LoadError {
        path: path.to_path_buf(),
        error: FormatError::plain(message),
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(io_message(&e)))?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "a FIFO, socket or device"
        };
        return Err(fail(format!(
            "not a regular file (it is {what}); give a digest file"
        )));
    }
    if meta.len() > MAX_DIGEST_BYTES {
        // In bytes: rounded to MiB, a file just over the cap would read "256 MiB, at most 256 MiB".
        return Err(fail(format!(
            "too big: {} bytes, and newsdeck reads digests of at most {} MiB ({MAX_DIGEST_BYTES} bytes)",
            meta.len(),
            MAX_DIGEST_BYTES / (1024 * 1024)
        )));
    }
    let file = File::open(path).map_err(|e| fail(io_message(&e)))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // `take` bounds the read even if the file grows after the size check.
    file.take(MAX_DIGEST_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_message(&e)))?;
    if bytes.len() as u64 > MAX_DIGEST_BYTES {
        return Err(fail(format!(
            "too big: newsdeck reads digests of at most {} MiB",
            MAX_DIGEST_BYTES / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

/// A short, lower-case description of an IO error for `FILE: message` lines.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            // std appends " (os error N)"; the number helps nobody reading the message.
            s.split(" (os error").next().unwrap_or(&s).to_lowercase()
        }
    }
}
