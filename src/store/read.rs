//! The one guarded way newsdeck reads a file: every digest, the state file, the library index and
//! `merge` inputs come through [`read`].
//!
//! The path is opened once, without blocking (so a FIFO cannot hang the open), and everything is
//! checked on the opened file itself (`fstat`): it must be a regular file no bigger than its
//! kind's cap, and exactly that many bytes are read. Checking the path and then opening it again
//! would let a FIFO or a device be swapped in between.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// What a file is for, which decides how big it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A digest (up to 256 MiB).
    Digest,
    /// A read-state file, this machine's or one given to `merge` (up to 64 MiB: some 700,000 marks).
    State,
    /// The library index, a cache (up to 128 MiB; a bigger one is ignored and rebuilt).
    Index,
    /// A small file of settings: the config file, the subscription list (up to 16 MiB).
    Config,
}

impl Kind {
    /// The largest file of this kind newsdeck reads.
    pub const fn cap(self) -> u64 {
        const MIB: u64 = 1024 * 1024;
        match self {
            Kind::Digest => 256 * MIB,
            Kind::State => 64 * MIB,
            Kind::Index => 128 * MIB,
            Kind::Config => 16 * MIB,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Digest => "digests",
            Kind::State => "state files",
            Kind::Index => "library indexes",
            Kind::Config => "settings files",
        }
    }
}

/// Why a file could not be read. `Display` is a short lower-case reason, for `FILE: reason`.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing at the path (or a folder on the way is a file).
    Missing,
    /// Permission denied.
    Denied,
    /// Not a regular file; says what it is.
    NotRegular(&'static str, Kind),
    /// Over the kind's cap.
    TooBig(u64, Kind),
    /// The file changed size while it was read.
    Changed,
    /// Any other error from the system.
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Missing => f.write_str("no such file"),
            ReadError::Denied => f.write_str("permission denied"),
            ReadError::NotRegular(what, kind) => write!(
                f,
                "not a regular file (it is {what}); give a {} file",
                match kind {
                    Kind::Digest => "digest",
                    Kind::State => "state",
                    Kind::Index => "index",
                    Kind::Config => "settings",
                }
            ),
            // In bytes: rounded to MiB, a file just over the cap would read "256 MiB, at most 256 MiB".
            ReadError::TooBig(len, kind) => write!(
                f,
                "too big: {len} bytes, and newsdeck reads {} of at most {} MiB ({} bytes)",
                kind.noun(),
                kind.cap() / (1024 * 1024),
                kind.cap()
            ),
            ReadError::Changed => {
                f.write_str("the file changed while it was being read; try again")
            }
            ReadError::Io(e) => f.write_str(&io_message(e)),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        match e.kind() {
            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory => ReadError::Missing,
            io::ErrorKind::PermissionDenied => ReadError::Denied,
            _ => ReadError::Io(e),
        }
    }
}

/// Reads the whole file at `path`, opened once and checked as opened: a regular file of at most
/// `kind`'s cap. Never blocks on a FIFO and never reads without bound.
pub fn read(path: &Path, kind: Kind) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_checked(path, kind)?;
    read_exact_size(&file, len).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidData => ReadError::Changed,
        _ => ReadError::from(e),
    })
}

/// Opens the file at `path` as [`read`] does (once, without blocking, checked as opened: a
/// regular file of at most `kind`'s cap), for a caller that reads it as a stream; returns the
/// file and its size. Nothing past that size may be read (see [`read`]).
pub fn open_checked(path: &Path, kind: Kind) -> Result<(File, u64), ReadError> {
    let file = open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(what_it_is(&meta), kind));
    }
    if meta.len() > kind.cap() {
        return Err(ReadError::TooBig(meta.len(), kind));
    }
    Ok((file, meta.len()))
}

/// Opens `path` for reading without blocking: opening a FIFO with no writer would otherwise
/// wait forever, and a terminal device must not become newsdeck's controlling terminal.
#[cfg(unix)]
pub(crate) fn open(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
pub(crate) fn open(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

fn what_it_is(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        "a folder"
    } else {
        "a FIFO, socket or device"
    }
}

/// Files at least this big are read by two threads, each faulting in its own half of the buffer.
#[cfg(unix)]
const PARALLEL_READ_BYTES: u64 = 8 * 1024 * 1024;

/// Reads exactly `len` bytes (the size just checked), failing with `UnexpectedEof` if the file
/// shrank and `InvalidData` if it grew: nothing reads without bound.
#[cfg(unix)]
pub(crate) fn read_exact_size(file: &File, len: u64) -> io::Result<Vec<u8>> {
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
                .unwrap_or_else(|_| Err(io::Error::other("reader thread failed")))
        })?;
    }
    let mut probe = [0u8; 1];
    if file.read_at(&mut probe, len)? != 0 {
        return Err(io::ErrorKind::InvalidData.into());
    }
    Ok(bytes)
}

#[cfg(not(unix))]
pub(crate) fn read_exact_size(file: &File, len: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(len as usize);
    // `take` bounds the read even if the file grows after the size check.
    file.take(len + 1).read_to_end(&mut bytes)?;
    match (bytes.len() as u64).cmp(&len) {
        std::cmp::Ordering::Less => Err(io::ErrorKind::UnexpectedEof.into()),
        std::cmp::Ordering::Greater => Err(io::ErrorKind::InvalidData.into()),
        std::cmp::Ordering::Equal => Ok(bytes),
    }
}

/// A short, lower-case description of an IO error for `FILE: message` lines.
pub fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
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

    fn fifo(dir: &Path, name: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        crate::store::test_fifo(&path);
        path
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = fifo(dir.path(), "state.json");
        // Before the guarded reader this open blocked forever (no writer ever comes).
        for kind in [Kind::Digest, Kind::State, Kind::Index, Kind::Config] {
            let err = read(&path, kind).unwrap_err();
            assert!(
                matches!(err, ReadError::NotRegular("a FIFO, socket or device", _)),
                "{err}"
            );
        }
    }

    #[test]
    fn devices_and_folders_are_refused_and_caps_hold() {
        let err = read(Path::new("/dev/zero"), Kind::State).unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a regular file (it is a FIFO, socket or device); give a state file"
        );
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read(dir.path(), Kind::Index),
            Err(ReadError::NotRegular("a folder", _))
        ));
        let big = dir.path().join("big");
        File::create(&big)
            .unwrap()
            .set_len(Kind::State.cap() + 1)
            .unwrap();
        assert!(matches!(
            read(&big, Kind::State),
            Err(ReadError::TooBig(_, Kind::State))
        ));
        assert!(matches!(
            read(&dir.path().join("none"), Kind::State),
            Err(ReadError::Missing)
        ));
    }

    #[test]
    fn big_files_read_on_two_threads_arrive_whole_and_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        let bytes = crate::synth::digest(2_300, 9);
        assert!(bytes.len() as u64 > PARALLEL_READ_BYTES);
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(read(&path, Kind::Digest).unwrap(), bytes);
    }
}
