//! Reads digest files from disk: refuses what is not a regular file or is too big, then parses.

use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};

use crate::format::{self, Digest, FormatError};
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

/// Parses the bytes read from `path`; errors name `path`.
fn parse(path: &Path, bytes: Vec<u8>) -> Result<Digest, LoadError> {
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
    read_exact_size(&file, meta.len()).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::InvalidData => {
            fail("the file changed while it was being read; try again".to_string())
        }
        _ => fail(io_message(&e)),
    })
}

/// Files at least this big are read by two threads, each faulting in its own half of the buffer.
#[cfg(unix)]
const PARALLEL_READ_BYTES: u64 = 8 * 1024 * 1024;

/// Reads exactly `len` bytes (the size just checked), failing with `UnexpectedEof` if the file
/// shrank and `InvalidData` if it grew: nothing reads without bound.
#[cfg(unix)]
pub(crate) fn read_exact_size(file: &File, len: u64) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let mut bytes = vec![0u8; len as usize];
    if len < PARALLEL_READ_BYTES {
        file.read_exact_at(&mut bytes, 0)?;
    } else {
        // Copying a big file out of the page cache is mostly page faults on the new buffer; two
        // threads take them in parallel (about 30% faster for 40 MB here).
        let mid = bytes.len() / 2;
        let (first, second) = bytes.split_at_mut(mid);
        std::thread::scope(|scope| {
            let second = scope.spawn(move || file.read_exact_at(second, mid as u64));
            file.read_exact_at(first, 0)?;
            second
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("reader thread failed")))
        })?;
    }
    let mut probe = [0u8; 1];
    if file.read_at(&mut probe, len)? != 0 {
        return Err(std::io::ErrorKind::InvalidData.into());
    }
    Ok(bytes)
}

#[cfg(not(unix))]
pub(crate) fn read_exact_size(file: &File, len: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(len as usize);
    // `take` bounds the read even if the file grows after the size check.
    file.take(len + 1).read_to_end(&mut bytes)?;
    match (bytes.len() as u64).cmp(&len) {
        std::cmp::Ordering::Less => Err(std::io::ErrorKind::UnexpectedEof.into()),
        std::cmp::Ordering::Greater => Err(std::io::ErrorKind::InvalidData.into()),
        std::cmp::Ordering::Equal => Ok(bytes),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_files_read_on_two_threads_arrive_whole_and_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        // Above the two-thread threshold.
        let bytes = crate::synth::digest(2_300, 9);
        assert!(bytes.len() as u64 > PARALLEL_READ_BYTES);
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(read_digest_bytes(&path).unwrap(), bytes);
        let d = load(&path).unwrap();
        assert_eq!(d.entries.len(), 2_300);
        assert_eq!(d.title, "Synthetic digest");
    }

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
