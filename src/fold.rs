//! Text folding for finding: accents fold away (`bjorn` finds `Björn`) and, unless asked not to,
//! case too. The list filter and the search inside an article share it, so they agree on what
//! matches.
//!
//! Folding works one character at a time (canonical decomposition, combining marks dropped, then
//! lower case), so every folded byte can be traced back to the character it came from: a match
//! in the folded text is a byte range in the original.

use std::ops::Range;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A query as typed, ready to match: folded, and case-sensitive only when it has a capital
/// (smart case, as in vim and less).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The folded query text.
    pub folded: String,
    /// Whether case must match.
    pub case_sensitive: bool,
}

impl Query {
    /// Folds `text` with smart case.
    pub fn smart(text: &str) -> Query {
        let case_sensitive = text.chars().any(char::is_uppercase);
        Query {
            folded: fold(text, !case_sensitive),
            case_sensitive,
        }
    }

    /// Whether the query is empty (matches nothing worth showing).
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// The byte ranges of `hay` the query matches, left to right, not overlapping.
    pub fn find_all(&self, hay: &str) -> Vec<Range<usize>> {
        find_all(hay, &self.folded, !self.case_sensitive)
    }
}

/// Appends `c` folded to `out`: its base characters without accents, lower-cased if `lower`.
fn fold_char(c: char, lower: bool, out: &mut String) {
    if c.is_ascii() {
        out.push(if lower { c.to_ascii_lowercase() } else { c });
        return;
    }
    decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        if lower {
            out.extend(d.to_lowercase());
        } else {
            out.push(d);
        }
    });
}

/// `text` folded: accents dropped and, if `lower`, lower-cased.
pub fn fold(text: &str, lower: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, lower, &mut out);
    }
    out
}

/// Where `needle` (already folded the same way) occurs in `hay` folded, as byte ranges of `hay`.
/// A match that begins or ends inside what one character folded to covers that whole character.
pub fn find_all(hay: &str, needle: &str, lower: bool) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    // origin[k]: where in `hay` the character that produced folded byte k starts.
    let mut folded = String::with_capacity(hay.len());
    let mut origin: Vec<usize> = Vec::with_capacity(hay.len() + 1);
    for (at, c) in hay.char_indices() {
        let before = folded.len();
        fold_char(c, lower, &mut folded);
        origin.extend(std::iter::repeat_n(at, folded.len() - before));
    }
    origin.push(hay.len());
    let end_of = |k: usize| {
        // The end of the character that produced folded byte k - 1.
        let start = origin[k - 1];
        start + hay[start..].chars().next().map_or(0, char::len_utf8)
    };
    folded
        .match_indices(needle)
        .map(|(k, m)| origin[k]..end_of(k + m.len()))
        .collect()
}

/// Whether `hay` contains `needle`, which is already folded with `lower` (`fold(needle, true)`
/// for the case-insensitive filter).
///
/// Cheap for the common case: plain ASCII is matched byte-wise ignoring case, with no allocation
/// (UTF-8 never uses ASCII bytes inside a multi-byte character, so such a match is real). Other
/// text is folded only when one of its characters folds to something else (an accent, a
/// capital): most non-Latin scripts, CJK and emoji fold to themselves, so for an ASCII needle
/// such text cannot match where the ASCII search did not. What must be folded is folded into a
/// buffer kept per thread, so the filter allocates nothing per string it searches.
pub fn contains(hay: &str, needle: &str, lower: bool) -> bool {
    if needle.is_empty() {
        return true;
    }
    let ascii_needle = needle.is_ascii();
    if ascii_needle && lower && contains_ascii_nocase(hay, needle) {
        return true;
    }
    let Some(first) = next_non_ascii(hay.as_bytes(), 0) else {
        return if lower {
            // An ASCII needle was searched already; a non-ASCII one cannot be in ASCII text.
            false
        } else {
            memchr::memmem::find(hay.as_bytes(), needle.as_bytes()).is_some()
        };
    };
    if !needs_folding(hay, first) {
        // Folding changes only the ASCII letters' case.
        if !lower {
            return memchr::memmem::find(hay.as_bytes(), needle.as_bytes()).is_some();
        }
        if ascii_needle {
            return false;
        }
    }
    FOLDED.with(|buf| match buf.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            fold_into(hay, lower, &mut buf);
            memchr::memmem::find(&buf, needle.as_bytes()).is_some()
        }
        // Only a re-entrant call could find the buffer taken; fold into a fresh one then.
        Err(_) => fold(hay, lower).contains(needle),
    })
}

thread_local! {
    /// The folded haystack of [`contains`], reused from call to call.
    static FOLDED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Appends `text` folded to `out`, as [`fold`] does, in one pass: sixteen ASCII bytes at a time
/// (lower-cased as they are copied), characters from tables, the rest by [`fold_char`].
fn fold_into(text: &str, lower: bool, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut one = [0u8; 4];
    while at < bytes.len() {
        if let Some(chunk) = bytes.get(at..at + 16) {
            let mut block = [0u8; 16];
            block.copy_from_slice(chunk);
            // The ASCII bytes before the first other one, all copied at once.
            let ascii = if block.iter().fold(0, |acc, b| acc | b) < 0x80 {
                16
            } else {
                block.iter().position(|&b| b >= 0x80).unwrap_or(16)
            };
            if lower {
                block.make_ascii_lowercase();
            }
            out.extend_from_slice(&block[..ascii]);
            at += ascii;
            if ascii == 16 {
                continue;
            }
        } else if let Some(&b) = bytes.get(at)
            && b < 0x80
        {
            out.push(if lower { b.to_ascii_lowercase() } else { b });
            at += 1;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|s| s.chars().next()) else {
            break;
        };
        match two_byte_folded(c, lower) {
            Some(folded) => out.extend_from_slice(folded.as_bytes()),
            None if folds_to_itself(c) => out.extend_from_slice(c.encode_utf8(&mut one).as_bytes()),
            None => {
                let mut s = String::new();
                fold_char(c, lower, &mut s);
                out.extend_from_slice(s.as_bytes());
            }
        }
        at += c.len_utf8();
    }
}

/// Whether any character of `text` from byte `from` on (a character boundary) folds to
/// something other than itself, ASCII aside.
fn needs_folding(text: &str, from: usize) -> bool {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(i) = next_non_ascii(bytes, at) {
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
            return true;
        };
        if !folds_to_itself(c) {
            return true;
        }
        at = i + c.len_utf8();
    }
    false
}

/// The index of the first byte at or after `from` that is not ASCII, eight bytes at a time.
fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut skipped = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if u64::from_ne_bytes(word) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        skipped += 8;
    }
    rest[skipped..]
        .iter()
        .position(|&b| b >= 0x80)
        .map(|k| from + skipped + k)
}

/// Whether the non-ASCII `c` folds to itself, with or without lower-casing: no accent to drop,
/// no capital. Looked up in a table for the Basic Multilingual Plane (built once, from
/// [`fold_char`] itself, so it cannot disagree with it); emoji fold to themselves.
fn folds_to_itself(c: char) -> bool {
    let u = c as u32;
    if (0x1F000..=0x1FAFF).contains(&u) {
        return true;
    }
    match SELF_FOLDING.get((u / 64) as usize) {
        Some(word) => word & (1 << (u % 64)) != 0,
        None => false,
    }
}

/// One bit per character of the Basic Multilingual Plane: set when it folds to itself.
static SELF_FOLDING: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
    let mut bits = vec![0u64; 0x10000 / 64];
    let mut out = String::new();
    for u in 0x80u32..0x10000 {
        let Some(c) = char::from_u32(u) else {
            continue;
        };
        let same = [true, false].into_iter().all(|lower| {
            out.clear();
            fold_char(c, lower, &mut out);
            out.chars().eq(std::iter::once(c))
        });
        if same {
            bits[(u / 64) as usize] |= 1 << (u % 64);
        }
    }
    bits
});

/// The longest folded form [`TWO_BYTE`] holds.
const TWO_BYTE_MAX: usize = 7;

/// `c` folded, from a table, when it is one of the characters UTF-8 writes in two bytes
/// (U+0080 to U+07FF: Latin with accents, Greek, Cyrillic, Hebrew, Arabic), the ones accented
/// text is mostly made of.
fn two_byte_folded(c: char, lower: bool) -> Option<&'static str> {
    let u = c as usize;
    let entry = TWO_BYTE.get(u.checked_sub(0x80)? * 2 + usize::from(lower))?;
    let len = usize::from(entry[0]);
    std::str::from_utf8(entry.get(1..1 + len)?).ok()
}

/// [`fold_char`]'s answers for U+0080 to U+07FF, without then with lower-casing: a length byte
/// then the folded bytes (a length over [`TWO_BYTE_MAX`] means not in the table).
static TWO_BYTE: std::sync::LazyLock<Vec<[u8; TWO_BYTE_MAX + 1]>> =
    std::sync::LazyLock::new(|| {
        let mut table = Vec::with_capacity(0x780 * 2);
        let mut out = String::new();
        for u in 0x80u32..0x800 {
            for lower in [false, true] {
                out.clear();
                if let Some(c) = char::from_u32(u) {
                    fold_char(c, lower, &mut out);
                }
                let mut entry = [u8::MAX; TWO_BYTE_MAX + 1];
                if out.len() <= TWO_BYTE_MAX {
                    entry[0] = out.len() as u8;
                    entry[1..=out.len()].copy_from_slice(out.as_bytes());
                }
                table.push(entry);
            }
        }
        table
    });

/// Builds the tables [`contains`] uses ahead of the first search (it takes a few milliseconds),
/// so that cost is paid off the input path.
pub fn warm_up() {
    std::sync::LazyLock::force(&SELF_FOLDING);
    std::sync::LazyLock::force(&TWO_BYTE);
}

fn contains_ascii_nocase(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut from = 0;
    while let Some(k) = memchr::memchr2(lo, up, &h[from..]) {
        let i = from + k;
        if h.len() - i >= n.len() && h[i..i + n.len()].eq_ignore_ascii_case(n) {
            return true;
        }
        from = i + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_fold() {
        assert_eq!(fold("Björn Ångström café", true), "bjorn angstrom cafe");
        assert_eq!(fold("Björn", false), "Bjorn");
        assert!(contains("Björn Borg", "bjorn", true));
        assert!(contains("ZÜRICH", "zurich", true));
        assert!(contains("ZÜRICH", &fold("zürich", true), true));
        assert!(contains("Rust on the GPU", "gpu", true));
        assert!(!contains("東京 GP U", "gpu", true));
        assert!(contains("東京 GPU", "東京", true));
        assert!(!contains("Gpu", "GPU", false));
    }

    /// `contains` takes shortcuts; it must answer as folding the whole text would.
    #[test]
    fn contains_agrees_with_folding_everything() {
        let hays = [
            "東京 GPU Zürich",
            "Ünïcödé ÇAFÉ über",
            "emoji 🚀 rocket Καλημέρα ΑΘΗΝΑ",
            "K\u{212A}elvin İstanbul ß",
            "Bjo\u{308}rn and plain text that is long enough for the eight-byte scan",
            "mixed: café, 北京, Москва, МОСКВА, x",
            "",
        ];
        let needles = [
            "gpu",
            "zurich",
            "cafe",
            "über",
            "uber",
            "東京",
            "🚀",
            "καλη",
            "αθηνα",
            "kelvin",
            "istanbul",
            "ß",
            "bjorn",
            "москва",
            "x",
            "GPU",
            "Zurich",
            "ΑΘΗΝΑ",
            "МОСКВА",
            "e",
        ];
        for hay in hays {
            for needle in needles {
                for lower in [true, false] {
                    let n = fold(needle, lower);
                    assert_eq!(
                        contains(hay, &n, lower),
                        fold(hay, lower).contains(&n),
                        "{hay:?} {n:?} lower={lower}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_self_folding_table_agrees_with_fold() {
        for u in (0x80u32..0x10000).chain(0x1F000..=0x1FAFF) {
            if let Some(c) = char::from_u32(u)
                && folds_to_itself(c)
            {
                assert_eq!(fold(&c.to_string(), true), c.to_string(), "{u:x}");
                assert_eq!(fold(&c.to_string(), false), c.to_string(), "{u:x}");
            }
        }
        for u in 0x80u32..0x800 {
            if let Some(c) = char::from_u32(u) {
                for lower in [true, false] {
                    if let Some(f) = two_byte_folded(c, lower) {
                        assert_eq!(f, fold(&c.to_string(), lower), "{u:x}");
                    }
                }
            }
        }
        assert_eq!(two_byte_folded('Ü', true), Some("u"));
        assert!(folds_to_itself('東'));
        assert!(!folds_to_itself('é'));
        assert!(!folds_to_itself('Ж'));
        assert!(next_non_ascii(b"abcdefghijklmnop\xc3", 3) == Some(16));
    }

    #[test]
    fn smart_case() {
        let q = Query::smart("Rust");
        assert!(q.case_sensitive);
        assert_eq!(q.find_all("rust Rust"), vec![5..9]);
        let q = Query::smart("rust");
        assert_eq!(q.find_all("rust Rust RUST"), [0..4, 5..9, 10..14]);
    }

    #[test]
    fn matches_map_back_to_original_bytes() {
        let q = Query::smart("bjorn");
        let hay = "Hej Björn!";
        let r = q.find_all(hay);
        assert_eq!(r, vec![4..10]);
        assert_eq!(&hay[r[0].clone()], "Björn");
        // Decomposed input (o + combining diaeresis) folds the same way.
        let hay = "Bjo\u{308}rn";
        assert_eq!(&hay[q.find_all(hay)[0].clone()], hay);
        // A match inside what one character folded to covers the whole character.
        let q = Query::smart("e");
        assert_eq!(q.find_all("café"), vec![3..5]);
    }
}
