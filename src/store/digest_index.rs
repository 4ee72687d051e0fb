//! Per-digest indexes: what the reader's list needs of a digest (its fields, and each article's
//! span, identity, headline and tags), kept under the cache folder so that a digest opened
//! before opens again without reading or scanning it. Bodies are then read from the file on
//! demand (`pread` of the article's span) and cross-checked against the index
//! (`format::indexed`); a disagreement drops the index and the digest is read again.
//!
//! An index is trusted only for the very file it was made from: same size, modification time,
//! status-change time, inode and device, and the same canonical path. It is a cache: deleting
//! it loses nothing, and any index that does not read back whole is ignored.
//!
//! Format (`<cache>/digests/<FNV-1a of the canonical path, 16 hex digits>.idx`), little-endian:
//! the magic `NDDIX` + version byte, the file key (size, mtime ns, ctime ns, inode, device), the
//! canonical path, the byte offset of the text in the file (3 after a BOM), the form, title,
//! digest key (for read state), published and source, the article count, the list text of every
//! article one after the other (a u64 length and UTF-8 bytes: each article's headline, then its
//! tags, each followed by a line break), the ids of every article one after the other (likewise),
//! then per article a record of 28 bytes: its span (start, end, u64) and the byte lengths of its
//! id, its headline and its tags (u32); other strings are a u32 length and UTF-8 bytes. It ends
//! with the magic again.

use std::fs::{File, Metadata};
use std::io::{BufReader, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use crate::format::{self, Bodies, Digest, Form, FormatError, IndexedMeta};
use crate::model::digest::{ArticleId, DigestKey, Entry, Lines, ListText};
use crate::store::atomic;
use crate::store::load::{self, LoadError};
use crate::store::read::{self, Kind};

/// The folder under the cache folder that holds per-digest indexes.
pub const DIGEST_INDEX_DIR: &str = "digests";
/// The last byte is the format's version: an index of another version is not read, and is
/// written anew (2: the entries' list text is one block).
const MAGIC: &[u8; 6] = b"NDDIX\x02";
/// A digest modified this recently might change again within the same mtime tick: no index.
const RACY_NS: i64 = 3_000_000_000;

/// Where per-digest indexes live, and whether this process may write them.
#[derive(Debug, Clone)]
pub struct DigestIndexes {
    dir: PathBuf,
    write: bool,
}

/// What identifies one version of a file: any change to it, or its replacement, changes this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileKey {
    size: u64,
    mtime_ns: i64,
    ctime_ns: i64,
    inode: u64,
    device: u64,
}

impl FileKey {
    fn of(meta: &Metadata) -> Option<FileKey> {
        let stamp = crate::store::index::Stamp::of(meta)?;
        let (inode, device) = inode(meta);
        Some(FileKey {
            size: stamp.size,
            mtime_ns: stamp.mtime_ns,
            ctime_ns: stamp.ctime_ns.unwrap_or(i64::MIN),
            inode,
            device,
        })
    }

    /// Whether a write could still leave this key unchanged (the same mtime tick). Only mtime
    /// counts, as for the library index: a later write moves an older mtime, and the ctime
    /// catches a replacement that restores it.
    fn racy(&self) -> bool {
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(i64::MAX, |d| {
                i64::try_from(d.as_nanos()).unwrap_or(i64::MAX)
            });
        self.mtime_ns > now.saturating_sub(RACY_NS)
    }
}

#[cfg(unix)]
fn inode(meta: &Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.ino(), meta.dev())
}

#[cfg(not(unix))]
fn inode(_meta: &Metadata) -> (u64, u64) {
    (0, 0)
}

/// How to write the index of a digest just read in full (see [`DigestIndexes::open`]).
#[derive(Debug, Clone)]
pub struct PendingIndex {
    index: PathBuf,
    canonical: PathBuf,
    key: FileKey,
    offset: u64,
}

impl PendingIndex {
    /// Writes the index for `digest` (atomically); failures only cost the next open its speed.
    pub fn write(&self, digest: &Digest) {
        let bytes = encode(self, digest);
        if let Some(dir) = self.index.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = atomic::write_atomic(&self.index, &bytes);
    }
}

impl DigestIndexes {
    /// Indexes under `cache`; with `write` false they are used but never written.
    pub fn new(cache: &Path, write: bool) -> DigestIndexes {
        DigestIndexes {
            dir: cache.join(DIGEST_INDEX_DIR),
            write,
        }
    }

    /// The index file for the digest whose canonical path is `canonical`.
    fn index_path(&self, canonical: &Path) -> PathBuf {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in canonical.as_os_str().as_encoded_bytes() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.dir.join(format!("{h:016x}.idx"))
    }

    /// Opens the digest at `path`: from its index when there is one for this very file, else by
    /// reading it in full, and then (when this process may write indexes and the file has
    /// settled) with what to write so the next open is fast.
    pub fn open(&self, path: &Path) -> Result<(Digest, Option<PendingIndex>), LoadError> {
        let Some((file, key, canonical)) = identify(path) else {
            return load::load(path).map(|d| (d, None));
        };
        if key.size > Kind::Digest.cap() {
            return load::load(path).map(|d| (d, None));
        }
        let index = self.index_path(&canonical);
        if let Some(digest) = from_index(&index, &canonical, key, file) {
            return Ok((digest, None));
        }
        // The key is taken before the read: if the file changes while it is read, the key
        // no longer matches it and the index is not used.
        let digest = load::load(path)?;
        let pending = (self.write && !key.racy()).then_some(PendingIndex {
            index,
            canonical,
            key,
            offset: 0,
        });
        Ok((digest, pending.map(|p| with_bom(p, path))))
    }
}

/// The open file, its key and canonical path; `None` when any of them cannot be had.
fn identify(path: &Path) -> Option<(File, FileKey, PathBuf)> {
    // The guarded reader's open: never blocks on a FIFO. `FileKey::of` then refuses anything but
    // a regular file, and the full load names the problem.
    let file = read::open(path).ok()?;
    let key = FileKey::of(&file.metadata().ok()?)?;
    let canonical = std::fs::canonicalize(path).ok()?;
    Some((file, key, canonical))
}

/// Spans count from after a BOM, which the parse removes: the index records where text starts.
fn with_bom(mut p: PendingIndex, path: &Path) -> PendingIndex {
    use std::io::Read;
    let mut head = [0u8; 3];
    // Opened like every read (non-blocking), so a FIFO swapped in meanwhile cannot hang us.
    if super::read::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == [0xef, 0xbb, 0xbf]
    {
        p.offset = 3;
    }
    p
}

/// The digest listed from `index`, if it was made from this very file.
fn from_index(index: &Path, canonical: &Path, key: FileKey, file: File) -> Option<Digest> {
    // Through the guarded reader, like every other file newsdeck reads, but as a stream: the
    // entries are the memory a warm open keeps, and the index's bytes need not sit beside them.
    let (stream, len) = read::open_checked(index, Kind::Index).ok()?;
    let (meta, entries, offset) = decode(stream, len, canonical, key)?;
    let bodies = FileBodies {
        file,
        index: index.to_path_buf(),
        offset,
        len: key.size,
        stale: AtomicBool::new(false),
    };
    Some(Digest::from_index(meta, entries, Arc::new(bodies)))
}

/// Reads article bodies from the digest's file, through the descriptor the index was checked
/// against (a file replaced since then is not read by mistake).
#[derive(Debug)]
struct FileBodies {
    file: File,
    index: PathBuf,
    offset: u64,
    len: u64,
    stale: AtomicBool,
}

impl Bodies for FileBodies {
    fn read(&self, span: Range<usize>) -> Result<String, FormatError> {
        let start = self.offset + span.start as u64;
        let end = self.offset + span.end as u64;
        if span.end < span.start || end > self.len {
            return Err(FormatError::plain(format::STALE));
        }
        let buf = read_at(&self.file, start, span.len())
            .map_err(|e| FormatError::plain(load::io_message(&e)))?;
        String::from_utf8(buf).map_err(|_| FormatError::plain(format::STALE))
    }

    fn whole(&self) -> Result<Arc<String>, FormatError> {
        let bytes = read::read_exact_size(&self.file, self.len)
            .map_err(|e| FormatError::plain(load::io_message(&e)))?;
        let mut text = String::from_utf8(bytes).map_err(|_| FormatError::plain(format::STALE))?;
        text.drain(..(self.offset as usize).min(text.len()));
        Ok(Arc::new(text))
    }

    fn mark_stale(&self) {
        if !self.stale.swap(true, Ordering::SeqCst) {
            let _ = std::fs::remove_file(&self.index);
        }
    }

    fn is_stale(&self) -> bool {
        self.stale.load(Ordering::SeqCst)
    }
}

#[cfg(unix)]
fn read_at(file: &File, at: u64, len: usize) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let mut buf = vec![0u8; len];
    file.read_exact_at(&mut buf, at)?;
    Ok(buf)
}

#[cfg(not(unix))]
fn read_at(file: &File, at: u64, len: usize) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file.try_clone()?;
    f.seek(SeekFrom::Start(at))?;
    let mut buf = vec![0u8; len];
    f.read_exact(&mut buf)?;
    Ok(buf)
}

fn encode(p: &PendingIndex, digest: &Digest) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + digest.entries.len() * 160);
    out.extend_from_slice(MAGIC);
    let k = p.key;
    for v in [
        k.size,
        k.mtime_ns as u64,
        k.ctime_ns as u64,
        k.inode,
        k.device,
    ] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    put_str(&mut out, &p.canonical.to_string_lossy());
    out.extend_from_slice(&p.offset.to_le_bytes());
    let meta = digest.meta();
    out.push(match meta.form {
        Form::Object => 0,
        Form::Array => 1,
        Form::Single => 2,
    });
    put_str(&mut out, &meta.title);
    put_str(&mut out, &meta.key.0);
    put_opt(&mut out, meta.published.as_deref());
    put_opt(&mut out, meta.source.as_deref());
    out.extend_from_slice(&(digest.entries.len() as u64).to_le_bytes());
    // The list text of every entry, one after the other, as one block: it is read back in one
    // read, and the entries point into it. Each entry's is its headline, then its tags, each
    // followed by a line break (wherever the entry reads them from).
    let tags = |e: &'_ Entry| e.tags().map(|t| t.len() + 1).sum::<usize>();
    let size: usize = digest
        .entries
        .iter()
        .map(|e| e.headline().len() + tags(e))
        .sum();
    out.extend_from_slice(&(size as u64).to_le_bytes());
    for e in &digest.entries {
        out.extend_from_slice(e.headline().as_bytes());
        for t in e.tags() {
            out.extend_from_slice(t.as_bytes());
            out.push(b'\n');
        }
    }
    // The ids likewise: one read and one UTF-8 check for all of them, not one each.
    let ids = || digest.entries.iter().map(|e| e.id.0.as_str());
    out.extend_from_slice(&(ids().map(str::len).sum::<usize>() as u64).to_le_bytes());
    ids().for_each(|id| out.extend_from_slice(id.as_bytes()));
    // Then one record of `RECORD` bytes per entry.
    for e in &digest.entries {
        let span = e.span();
        out.extend_from_slice(&(span.start as u64).to_le_bytes());
        out.extend_from_slice(&(span.end as u64).to_le_bytes());
        for len in [e.id.0.len(), e.headline().len(), tags(e)] {
            // A digest's list text is far below 4 GiB (it is read under a 256 MiB cap).
            out.extend_from_slice(&(len as u32).to_le_bytes());
        }
    }
    out.extend_from_slice(MAGIC);
    out
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
        None => out.push(0),
    }
}

/// Reads an index of `len` bytes back from `from`; `None` unless it is whole, well-formed, made
/// from this very file, and exactly `len` bytes long.
fn decode(
    from: impl Read,
    len: u64,
    canonical: &Path,
    key: FileKey,
) -> Option<(IndexedMeta, Vec<Entry>, u64)> {
    // One byte more than the size checked: a file that grew meanwhile is refused, not read on.
    let mut r = Cursor {
        r: BufReader::with_capacity(64 * 1024, from.take(len + 1)),
        len,
    };
    if r.take::<6>()? != *MAGIC {
        return None;
    }
    let stored = FileKey {
        size: r.u64()?,
        mtime_ns: r.u64()? as i64,
        ctime_ns: r.u64()? as i64,
        inode: r.u64()?,
        device: r.u64()?,
    };
    if stored != key || r.string()? != canonical.to_string_lossy() {
        return None;
    }
    let offset = r.u64()?;
    let form = match r.take::<1>()?[0] {
        0 => Form::Object,
        1 => Form::Array,
        2 => Form::Single,
        _ => return None,
    };
    let meta = IndexedMeta {
        title: r.string()?,
        key: DigestKey(r.string()?),
        published: r.opt()?,
        source: r.opt()?,
        form,
    };
    let entries = entries(&mut r, len)?;
    (r.take::<6>()? == *MAGIC && r.at_end()).then_some((meta, entries, offset))
}

/// The bytes of an entry's record: span start and end (u64), then the lengths of its id, its
/// headline and its tags (u32).
const RECORD: usize = 28;

/// An index's entries: their count, the list text and ids blocks, and a record for each.
fn entries<R: Read>(r: &mut Cursor<R>, len: u64) -> Option<Vec<Entry>> {
    let n = usize::try_from(r.u64()?).ok()?;
    // Each entry takes a record: a count beyond that is corrupt, not an allocation.
    if n as u64 > len / RECORD as u64 {
        return None;
    }
    let size = r.u64()?;
    let text = r.string_of(size)?;
    let total = text.len();
    let lines: ListText = Arc::new(Lines::own(text));
    let size = r.u64()?;
    let ids = r.string_of(size)?;
    let mut entries = Vec::with_capacity(n);
    let (mut at, mut id_at) = (0u32, 0usize);
    for _ in 0..n {
        let record = r.take::<RECORD>()?;
        let word = |i: usize| bytes_at(&record, i).map(u64::from_le_bytes);
        let half = |i: usize| bytes_at(&record, i).map(u32::from_le_bytes);
        let span = usize::try_from(word(0)?).ok()?..usize::try_from(word(8)?).ok()?;
        let id_end = id_at.checked_add(half(16)? as usize)?;
        let id = ArticleId(ids.get(id_at..id_end)?.into());
        id_at = id_end;
        let head = (at, at.checked_add(half(20)?)?);
        at = head.1.checked_add(half(24)?)?;
        entries.push(Entry::in_lines(id, &lines, head, at, span)?);
    }
    // Every byte of the list text and of the ids belongs to an entry.
    (at as usize == total && id_at == ids.len()).then_some(entries)
}

/// Reads an index front to back; every read stops at `None` when the index ends too soon.
struct Cursor<R> {
    r: BufReader<R>,
    /// The index's size: no string can be longer.
    len: u64,
}

impl<R: Read> Cursor<R> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let mut b = [0u8; N];
        self.r.read_exact(&mut b).ok()?;
        Some(b)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take()?))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take()?))
    }

    /// A string, read straight into its own allocation (and UTF-8 checked there).
    fn string(&mut self) -> Option<String> {
        let n = self.u32()?;
        self.string_of(u64::from(n))
    }

    /// A string of `n` bytes.
    fn string_of(&mut self, n: u64) -> Option<String> {
        if n > self.len {
            return None;
        }
        let mut bytes = vec![0u8; usize::try_from(n).ok()?];
        self.r.read_exact(&mut bytes).ok()?;
        // simdutf8: the list text of a digest that escapes its non-ASCII characters is mostly
        // CJK, Cyrillic, Greek..., where std's check took half of what reading the index cost.
        simdutf8::basic::from_utf8(&bytes).ok()?;
        // SAFETY: `bytes` was checked to be UTF-8 just above (simdutf8 refuses exactly what
        // `std::str::from_utf8` refuses), and nothing changed it since.
        Some(unsafe { String::from_utf8_unchecked(bytes) })
    }

    fn opt(&mut self) -> Option<Option<String>> {
        match self.take::<1>()?[0] {
            0 => Some(None),
            1 => Some(Some(self.string()?)),
            _ => None,
        }
    }

    /// Whether the index ended exactly here.
    fn at_end(&mut self) -> bool {
        matches!(self.r.read(&mut [0u8; 1]), Ok(0))
    }
}

/// The `N` bytes of `b` at `at`, if it has them.
fn bytes_at<const N: usize>(b: &[u8], at: usize) -> Option<[u8; N]> {
    b.get(at..at.checked_add(N)?)?.try_into().ok()
}

#[cfg(test)]
#[path = "digest_index_tests.rs"]
mod tests;
