//! The search index file's layout: little-endian, length-prefixed.
//!
//! `NDSEARCH`, version (u32), digest count (u32), then per digest: the stamp of the file it was
//! built from (size u64, mtime i64, ctime flag u8 + i64), the segment's length (u32) and the
//! segment ([`crate::model::lsearch::packed`]). Reading checks every length against what is left
//! and every segment's tables, so a damaged file reads as `None`, never as a wrong index.

use crate::model::lsearch::packed::Seg;
use crate::store::index::Stamp;

const MAGIC: &[u8; 8] = b"NDSEARCH";
/// The layout's version; a file of any other version is ignored and rebuilt.
const VERSION: u32 = 2;
/// A digest's bytes before its segment: stamp (8 + 8 + 1 + 8) and the segment's length (4).
const HEAD: usize = 29;

/// The file's bytes for `entries`, whose segments are in `bytes`.
pub fn encode(bytes: &[u8], entries: &[(Stamp, &Seg)]) -> Vec<u8> {
    let total: usize = entries
        .iter()
        .map(|(_, s)| HEAD + s.bytes(bytes).len())
        .sum();
    let mut w = Vec::with_capacity(16 + total);
    w.extend_from_slice(MAGIC);
    w.extend_from_slice(&VERSION.to_le_bytes());
    w.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for (s, seg) in entries {
        let seg = seg.bytes(bytes);
        w.extend_from_slice(&s.size.to_le_bytes());
        w.extend_from_slice(&s.mtime_ns.to_le_bytes());
        w.push(u8::from(s.ctime_ns.is_some()));
        w.extend_from_slice(&s.ctime_ns.unwrap_or(0).to_le_bytes());
        w.extend_from_slice(&(seg.len() as u32).to_le_bytes());
        w.extend_from_slice(seg);
    }
    w
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The entries in `bytes` (each segment checked, in place), or `None` for anything that is not
/// a whole, consistent index file of this version.
pub fn decode(bytes: &[u8]) -> Option<Vec<(Stamp, Seg)>> {
    if bytes.get(..MAGIC.len())? != MAGIC || u32_at(bytes, 8)? != VERSION {
        return None;
    }
    let n = u32_at(bytes, 12)? as usize;
    // Never more entries than the bytes left could hold.
    if n.saturating_mul(HEAD) > bytes.len() {
        return None;
    }
    let mut at = 16;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let stamp = Stamp {
            size: u64_at(bytes, at)?,
            mtime_ns: u64_at(bytes, at + 8)? as i64,
            ctime_ns: match bytes.get(at + 16)? {
                0 => None,
                1 => Some(u64_at(bytes, at + 17)? as i64),
                _ => return None,
            },
        };
        let len = u32_at(bytes, at + 25)? as usize;
        let start = at + HEAD;
        let end = start.checked_add(len)?;
        out.push((stamp, Seg::check(bytes, start, end)?));
        at = end;
    }
    (at == bytes.len()).then_some(out)
}
