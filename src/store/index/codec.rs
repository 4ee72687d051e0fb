//! The library index on disk: a small binary format, read in one pass.
//!
//! JSON took serde 34-67 ms to read back for a library of 10,000 digests, most of the library
//! screen's warm first frame; this format is read by copying length-prefixed strings. Little
//! endian: the magic and version, the entry count, then per entry its path, stamp, title,
//! published, digest key, article ids (one buffer and where each ends) and error, and the magic
//! again. Strings are a `u32` length and UTF-8. Anything that does not read back whole (short,
//! trailing bytes, bad UTF-8, ids that do not fit their buffer) is no index at all.

use std::collections::BTreeMap;

use super::{CachedError, Entry, Stamp};
use crate::model::ids::IdList;

/// What an index file starts and ends with.
const MAGIC: &[u8; 6] = b"NDLIX\0";

/// The format's version; any other is ignored (and the index rebuilt).
const VERSION: u32 = 1;

/// The index's entries as bytes.
pub(crate) fn encode(files: &BTreeMap<String, Entry>) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(files.len() * 512 + 32));
    w.0.extend_from_slice(MAGIC);
    w.u32(VERSION);
    w.len(files.len());
    for (path, e) in files {
        w.str(path);
        w.u64(e.stamp.size);
        w.u64(e.stamp.mtime_ns as u64);
        w.opt(e.stamp.ctime_ns, |w, c| w.u64(c as u64));
        w.str(&e.title);
        w.opt(e.published.as_deref(), Writer::str);
        w.str(&e.key);
        let (text, ends) = e.ids.parts();
        w.str(text);
        w.len(ends.len());
        for &end in ends {
            w.u32(end);
        }
        w.opt(e.error.as_ref(), |w, err| {
            w.opt(err.line, |w, n| w.u64(n as u64));
            w.opt(err.column, |w, n| w.u64(n as u64));
            w.str(&err.message);
        });
    }
    w.0.extend_from_slice(MAGIC);
    w.0
}

/// The entries in `bytes`, if they are a whole index of this version.
pub(crate) fn decode(bytes: &[u8]) -> Option<BTreeMap<String, Entry>> {
    let mut r = Reader(bytes);
    if r.take(MAGIC.len())? != MAGIC || r.u32()? != VERSION {
        return None;
    }
    let count = r.u32()?;
    let mut files = BTreeMap::new();
    for _ in 0..count {
        let path = r.str()?.to_string();
        let stamp = Stamp {
            size: r.u64()?,
            mtime_ns: r.u64()? as i64,
            ctime_ns: r.opt(|r| Some(r.u64()? as i64))?,
        };
        let title = r.str()?.to_string();
        let published = r.opt(|r| Some(r.str()?.to_string()))?;
        let key = r.str()?.to_string();
        let text = r.str()?;
        let n = r.u32()? as usize;
        // Each end is four bytes: a count the file cannot hold is refused before allocating.
        if n > r.0.len() / 4 {
            return None;
        }
        let ends = (0..n).map(|_| r.u32()).collect::<Option<Vec<u32>>>()?;
        let ids = IdList::from_parts(text, ends)?;
        let error = r.opt(|r| {
            Some(CachedError {
                line: r.opt(|r| usize::try_from(r.u64()?).ok())?,
                column: r.opt(|r| usize::try_from(r.u64()?).ok())?,
                message: r.str()?.to_string(),
            })
        })?;
        let entry = Entry {
            stamp,
            title,
            published,
            key,
            ids,
            error,
        };
        files.insert(path, entry);
    }
    (r.take(MAGIC.len())? == MAGIC && r.0.is_empty()).then_some(files)
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    /// A count or length; the index cannot reach 4 GB (its reader caps it far below).
    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn opt<T>(&mut self, v: Option<T>, write: impl FnOnce(&mut Writer, T)) {
        match v {
            None => self.0.push(0),
            Some(v) => {
                self.0.push(1);
                write(self, v);
            }
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }

    /// An optional value: `Some(None)` when absent, `None` when the bytes are wrong.
    fn opt<T>(&mut self, read: impl FnOnce(&mut Reader<'a>) -> Option<T>) -> Option<Option<T>> {
        match self.take(1)?[0] {
            0 => Some(None),
            1 => read(self).map(Some),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::digest::ArticleId;

    fn entries() -> BTreeMap<String, Entry> {
        let mut files = BTreeMap::new();
        let ids: IdList = ["a1", "é-2", ""]
            .iter()
            .map(|s| ArticleId((*s).into()))
            .collect();
        let stamp = |size| Stamp {
            size,
            mtime_ns: -5,
            ctime_ns: Some(1_700_000_000_000_000_000),
        };
        files.insert(
            "/lib/a.json".to_string(),
            Entry {
                stamp: stamp(10),
                title: "Ünïcode \"title\"".into(),
                published: Some("2026-01-01".into()),
                key: "k1".into(),
                ids,
                error: None,
            },
        );
        files.insert(
            "/lib/b.json".to_string(),
            Entry {
                stamp: Stamp {
                    ctime_ns: None,
                    ..stamp(0)
                },
                title: "b".into(),
                published: None,
                key: "k2".into(),
                ids: IdList::default(),
                error: Some(CachedError {
                    line: Some(3),
                    column: None,
                    message: "expected `,`".into(),
                }),
            },
        );
        files
    }

    #[test]
    fn entries_read_back_as_written_and_anything_else_is_no_index() {
        let files = entries();
        let bytes = encode(&files);
        assert_eq!(decode(&bytes), Some(files));
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None, "trailing bytes");
        let mut other = bytes.clone();
        other[6] = 9;
        assert_eq!(decode(&other), None, "another version");
        assert_eq!(
            decode(b"{\"version\": 3, \"files\": {}}"),
            None,
            "the old JSON"
        );
    }
}
