//! Reads digest files from disk: refuses what is not a regular file or is too big, then parses.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::feed;
use crate::format::{self, Digest, FormatError};
use crate::sanitize;
// Messages for IO errors are the guarded reader's; callers have long found them here too.
pub use crate::store::read::io_message;
use crate::store::read::{self, Kind};

/// The largest digest newsdeck reads; bigger files are refused rather than read without bound.
pub const MAX_DIGEST_BYTES: u64 = Kind::Digest.cap();

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

/// True when `path` names a folder (which opens as a library of its own digests).
pub fn is_folder(path: &Path) -> bool {
    path.is_dir()
}

/// Loads and parses a digest file; article bodies are decoded when they are opened.
pub fn load(path: &Path) -> Result<Digest, LoadError> {
    parse(path, read_digest_bytes(path)?)
}

/// Loads a digest file and decodes every article: what `check` accepts and `add` copies.
pub fn load_valid(path: &Path) -> Result<Digest, LoadError> {
    parse_valid(path, read_digest_bytes(path)?)
}

/// Parses the bytes read from `path` and decodes every article, so that an invalid body is an
/// error now rather than when it is opened; errors name `path`.
pub fn parse_valid(path: &Path, bytes: Vec<u8>) -> Result<Digest, LoadError> {
    let digest = parse(path, bytes)?;
    digest.validate().map_err(|error| LoadError {
        path: path.to_path_buf(),
        error,
    })?;
    Ok(digest)
}

/// Parses the bytes read from `path`; errors name `path`. Feeds are converted first, here and
/// only here, so every way in (open, add, check, list, stdin, URLs) reads them.
fn parse(path: &Path, bytes: Vec<u8>) -> Result<Digest, LoadError> {
    let bytes = prepare(path, bytes, None)?;
    format::parse_owned(bytes, &title_from_path(path)).map_err(|error| LoadError {
        path: path.to_path_buf(),
        error,
    })
}

/// The bytes of a digest or feed read from `path` (or downloaded from `url`) as digest JSON:
/// a feed (by [`feed::sniff`]) is converted, anything else is returned untouched (the digest
/// fast path costs one look at the first bytes). Errors name `path`.
pub fn prepare(path: &Path, bytes: Vec<u8>, url: Option<&str>) -> Result<Vec<u8>, LoadError> {
    feed::prepare(bytes, url).map_err(|e| LoadError {
        path: path.to_path_buf(),
        error: FormatError::plain(e.message),
    })
}

/// Parses bytes from somewhere other than a file (stdin, a download) named `name` in messages:
/// a feed or a digest, every article decoded.
pub fn parse_named(name: &str, bytes: Vec<u8>, url: Option<&str>) -> Result<Digest, LoadError> {
    let path = Path::new(name);
    let bytes = prepare(path, bytes, url)?;
    parse_valid(path, bytes)
}

/// Reads a digest file's bytes through the guarded reader: a regular file of at most
/// [`MAX_DIGEST_BYTES`], opened once.
pub fn read_digest_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    read::read(path, Kind::Digest).map_err(|e| LoadError {
        path: path.to_path_buf(),
        error: FormatError::plain(e.to_string()),
    })
}

/// Reads all of `reader` (stdin), at most [`MAX_DIGEST_BYTES`]: one byte more proves the input
/// too big without reading the rest of it. `name` names the input in errors.
pub fn read_stream(name: &Path, reader: impl std::io::Read) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let fail = |message: String| LoadError {
        path: name.to_path_buf(),
        error: FormatError::plain(message),
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_DIGEST_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_message(&e)))?;
    if bytes.len() as u64 > MAX_DIGEST_BYTES {
        return Err(fail(format!(
            "too big: more than {MAX_DIGEST_BYTES} bytes, and newsdeck reads digests of at most {} MiB",
            MAX_DIGEST_BYTES / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_and_empty_files_read_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("small.json");
        std::fs::write(&path, b"{\"articles\":[]}").unwrap();
        assert_eq!(read_digest_bytes(&path).unwrap(), b"{\"articles\":[]}");
        std::fs::write(&path, b"").unwrap();
        assert_eq!(read_digest_bytes(&path).unwrap(), b"");
    }
}
