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
/// (UTF-8 never uses ASCII bytes inside a multi-byte character, so such a match is real); only
/// text with accents or other non-ASCII characters is folded first.
pub fn contains(hay: &str, needle: &str, lower: bool) -> bool {
    if needle.is_empty() {
        return true;
    }
    if needle.is_ascii() && lower && contains_ascii_nocase(hay, needle) {
        return true;
    }
    if hay.is_ascii() {
        return if lower {
            false
        } else {
            memchr::memmem::find(hay.as_bytes(), needle.as_bytes()).is_some()
        };
    }
    fold(hay, lower).contains(needle)
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
