//! The search index file's binary layout: little-endian, length-prefixed.
//!
//! `NDSEARCH`, version (u32), digest count (u32), then per digest: stamp (size u64, mtime i64,
//! ctime flag u8 + i64), path, key, title, published?, articles (count, then id, headline,
//! published?, source?, tags, people (name, role?)), vocab, word starts, posting starts,
//! postings. Strings are u32 length + UTF-8; `?` is a u8 flag then the value; lists are u32
//! count + items. Decoding checks every length against what is left and every table against the
//! others, so a damaged file reads as `None`, never as a wrong index.

use crate::model::digest::DigestKey;
use crate::model::lsearch::{IndexedArticle, IndexedDigest, Person};
use crate::store::index::Stamp;

const MAGIC: &[u8; 8] = b"NDSEARCH";
/// The layout's version; a file of any other version is ignored and rebuilt.
const VERSION: u32 = 1;

struct W(Vec<u8>);

impl W {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.0.push(1);
                self.str(s);
            }
            None => self.0.push(0),
        }
    }
    fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        for x in v {
            self.u32(*x);
        }
    }
}

/// The file's bytes for `entries`.
pub fn encode(entries: &[(Stamp, &IndexedDigest)]) -> Vec<u8> {
    let mut w = W(Vec::with_capacity(1 << 20));
    w.0.extend_from_slice(MAGIC);
    w.u32(VERSION);
    w.len(entries.len());
    for (s, d) in entries {
        w.u64(s.size);
        w.u64(s.mtime_ns as u64);
        w.0.push(u8::from(s.ctime_ns.is_some()));
        w.u64(s.ctime_ns.unwrap_or(0) as u64);
        w.str(&d.path);
        w.str(&d.key.0);
        w.str(&d.title);
        w.opt(d.published.as_deref());
        w.len(d.articles.len());
        for a in &d.articles {
            w.str(&a.id);
            w.str(&a.headline);
            w.opt(a.published.as_deref());
            w.opt(a.source.as_deref());
            w.len(a.tags.len());
            a.tags.iter().for_each(|t| w.str(t));
            w.len(a.people.len());
            for p in &a.people {
                w.str(&p.name);
                w.opt(p.role.as_deref());
            }
        }
        w.str(&d.vocab);
        w.u32s(&d.word_starts);
        w.u32s(&d.post_starts);
        w.u32s(&d.postings);
    }
    w.0
}

struct R<'a> {
    b: &'a [u8],
}

impl<'a> R<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.b.len() {
            return None;
        }
        let (head, rest) = self.b.split_at(n);
        self.b = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    /// A count of items at least `min` bytes each: never more than the bytes left allow.
    fn count(&mut self, min: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.saturating_mul(min) <= self.b.len()).then_some(n)
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        let bytes = self.take(n)?;
        Some(simdutf8::basic::from_utf8(bytes).ok()?.to_string())
    }
    fn opt(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }
    fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.count(4)?;
        let bytes = self.take(n * 4)?;
        Some(
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
}

/// The entries in `bytes`, or `None` for anything that is not a whole, consistent index file
/// of this version.
pub fn decode(bytes: &[u8]) -> Option<Vec<(Stamp, IndexedDigest)>> {
    let mut r = R { b: bytes };
    if r.take(MAGIC.len())? != MAGIC || r.u32()? != VERSION {
        return None;
    }
    let n = r.count(8)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(digest(&mut r)?);
    }
    r.b.is_empty().then_some(out)
}

fn digest(r: &mut R) -> Option<(Stamp, IndexedDigest)> {
    let size = r.u64()?;
    let mtime_ns = r.u64()? as i64;
    let has_ctime = r.u8()? == 1;
    let ctime = r.u64()? as i64;
    let stamp = Stamp {
        size,
        mtime_ns,
        ctime_ns: has_ctime.then_some(ctime),
    };
    let path = r.str()?;
    let key = DigestKey(r.str()?);
    let title = r.str()?;
    let published = r.opt()?;
    let n = r.count(8)?;
    let mut articles = Vec::with_capacity(n);
    for _ in 0..n {
        articles.push(article(r)?);
    }
    let d = IndexedDigest {
        path,
        key,
        title,
        published,
        articles,
        vocab: r.str()?,
        word_starts: r.u32s()?,
        post_starts: r.u32s()?,
        postings: r.u32s()?,
    };
    d.consistent().then_some((stamp, d))
}

fn article(r: &mut R) -> Option<IndexedArticle> {
    let id = r.str()?;
    let headline = r.str()?;
    let published = r.opt()?;
    let source = r.opt()?;
    let n = r.count(4)?;
    let tags = (0..n).map(|_| r.str()).collect::<Option<Vec<_>>>()?;
    let n = r.count(5)?;
    let mut people = Vec::with_capacity(n);
    for _ in 0..n {
        people.push(Person {
            name: r.str()?,
            role: r.opt()?,
        });
    }
    Some(IndexedArticle {
        id,
        headline,
        published,
        source,
        tags,
        people,
    })
}
