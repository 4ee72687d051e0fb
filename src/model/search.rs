//! The list filter: matching of every word typed, ignoring case and accents, against an article's
//! headline, tags, summary, context, sections and commentator table.
//!
//! Everything beyond headline and tags is only searchable once a [`SearchIndex`] is built (on first use of the
//! filter, off the input path). The index does not copy the text: it records where each summary
//! and name sits in the digest's source, and keeps a lower-cased copy only of the few strings
//! whose JSON has escapes, so it costs a few percent of the file, not another copy of it.

use std::ops::Range;
use std::sync::Arc;

use crate::fold;
use crate::format::{self, Digest};

/// A searchable string of an article, beyond its list fields.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Verbatim text at this byte range of the digest's source (its JSON had no escapes).
    Raw(u32, u32),
    /// The decoded text, folded (lower case, no accents), for strings whose JSON had escapes.
    Folded(Box<str>),
}

/// Where every article's summary and commentator names are, for the filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    parts: Vec<Part>,
    /// Article `i`'s parts are `parts[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    /// The digest's source text, which `Part::Raw` ranges point into (an indexed digest does
    /// not keep it, so the index reads it, off the input path).
    text: Arc<String>,
}

impl SearchIndex {
    /// Indexes every article of `digest`, on every core.
    pub fn build(digest: &Digest) -> SearchIndex {
        // Without the text (an indexed digest whose file cannot be read now) only the list
        // fields stay searchable.
        let Some(text) = digest.full_text() else {
            return SearchIndex::default();
        };
        let text = &text;
        // The filter's folding table, built here rather than on the first keystroke.
        fold::warm_up();
        let n = digest.entries.len();
        let threads = std::thread::available_parallelism()
            .map_or(1, |p| p.get())
            .clamp(1, 4);
        let chunk = n.div_ceil(threads).max(1);
        // Each worker fills one flat list and counts parts per article, so building the index
        // allocates a few vectors, not one per article.
        let work = |from: usize| {
            let mut parts = Vec::new();
            let mut counts = Vec::with_capacity(chunk);
            for i in from..(from + chunk).min(n) {
                let before = parts.len();
                push_parts(digest, text, i, &mut parts);
                counts.push((parts.len() - before) as u32);
            }
            (parts, counts)
        };
        let done: Vec<(Vec<Part>, Vec<u32>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..n)
                .step_by(chunk)
                .map(|from| scope.spawn(move || work(from)))
                .collect();
            // A worker that panicked would be a bug; its articles stay searchable by list fields.
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        let total = done.iter().map(|(p, _)| p.len()).sum();
        let mut index = SearchIndex {
            parts: Vec::with_capacity(total),
            starts: Vec::with_capacity(n + 1),
            text: Arc::clone(text),
        };
        for (parts, counts) in done {
            let mut at = index.parts.len() as u32;
            for count in counts {
                index.starts.push(at);
                at += count;
            }
            index.parts.extend(parts);
        }
        // Articles a failed worker left out get no parts.
        index.starts.resize(n + 1, index.parts.len() as u32);
        index.starts[n] = index.parts.len() as u32;
        index
    }

    /// How many bytes of text the index holds for article `i` (what a search of it reads).
    pub fn text_len(&self, i: usize) -> usize {
        let (from, to) = match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, 0),
        };
        self.parts
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .map(|p| match p {
                Part::Raw(_, len) => *len as usize,
                Part::Folded(s) => s.len(),
            })
            .sum()
    }

    /// Whether article `i` matches every one of `terms` (folded with [`fold::fold`]) in any
    /// searchable field.
    pub fn matches(&self, digest: &Digest, i: usize, terms: &[&str]) -> bool {
        let (from, to) = match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, 0),
        };
        let parts = self.parts.get(from..to).unwrap_or_default();
        terms.iter().all(|t| {
            matches_list_fields(digest, i, t)
                || parts.iter().any(|p| match p {
                    Part::Raw(start, len) => {
                        let range = *start as usize..(*start + *len) as usize;
                        self.text.get(range).is_some_and(|s| contains_folded(s, t))
                    }
                    Part::Folded(s) => s.contains(t),
                })
        })
    }
}

/// Whether article `i`'s headline or tags contain `term` (lower-case): what the filter can search
/// before the index exists.
pub fn matches_list_fields(digest: &Digest, i: usize, term: &str) -> bool {
    digest.entries.get(i).is_some_and(|e| {
        contains_folded(e.headline(), term) || e.tags().any(|g| contains_folded(g, term))
    })
}

/// Appends article `i`'s searchable strings (summary, commentator names) to `parts`.
fn push_parts(digest: &Digest, text: &str, i: usize, parts: &mut Vec<Part>) {
    let Some(entry) = digest.entries.get(i) else {
        return;
    };
    parts.extend(
        format::search_strings(text, entry.span())
            .into_iter()
            .map(|s| match s {
                Ok(Range { start, end }) => Part::Raw(start as u32, (end - start) as u32),
                Err(decoded) => Part::Folded(fold::fold(&decoded, true).into_boxed_str()),
            }),
    );
}

/// `haystack` contains the folded `needle`, ignoring case and accents.
pub fn contains_folded(haystack: &str, needle: &str) -> bool {
    fold::contains(haystack, needle, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_search_ignores_ascii_case_in_any_text() {
        assert!(contains_folded("Rust on the GPU", "gpu"));
        assert!(contains_folded("東京 GPU cluster", "gpu c"));
        assert!(!contains_folded("東京 GP U", "gpu"));
        assert!(contains_folded("anything", ""));
        assert!(contains_folded("ZÜRICH", "zurich"));
        assert!(contains_folded("Björn", "bjorn"));
        assert!(!contains_folded("g", "gpu"));
    }

    #[test]
    fn the_index_finds_summaries_and_names_with_and_without_escapes() {
        let json = r#"{"articles":[
            {"headline":"One","summary":"Plain Summary","commentators":[{"name":"Ada Lovelace","viewpoint":"v"}]},
            {"headline":"Two","summary":"Escaped \"Quote\" don\u2019t","commentators":[{"name":"Gr\u00e4ce","viewpoint":"v"}]},
            {"headline":"Three"}
        ]}"#;
        let d = format::parse(json.as_bytes(), "t").unwrap();
        let index = SearchIndex::build(&d);
        let hits = |terms: &[&str]| -> Vec<usize> {
            (0..3).filter(|&i| index.matches(&d, i, terms)).collect()
        };
        assert_eq!(hits(&["summary"]), [0]);
        assert_eq!(hits(&["lovelace"]), [0]);
        assert_eq!(hits(&["\"quote\""]), [1]);
        assert_eq!(hits(&["don’t"]), [1]);
        assert_eq!(hits(&["grace"]), [1]);
        assert_eq!(hits(&["three"]), [2]);
        assert_eq!(hits(&["one", "ada"]), [0]);
        assert_eq!(hits(&["one", "grace"]), Vec::<usize>::new());
        // Far smaller than a copy of the text: the plain strings are only positions.
        assert_eq!(
            index
                .parts
                .iter()
                .filter(|p| matches!(p, Part::Folded(_)))
                .count(),
            2
        );
    }

    #[test]
    fn the_index_finds_context_sections_and_viewpoints() {
        let json = r#"{"articles":[
            {"headline":"One","context":["a c\u00f6ntext bullet"],"sections":[{"heading":"Outlook","bullets":["later"]}]},
            {"headline":"Two","commentators":[{"name":"N","role":"Chief","viewpoint":"it is sweet"}]}
        ]}"#;
        let d = format::parse(json.as_bytes(), "t").unwrap();
        let index = SearchIndex::build(&d);
        let hits =
            |t: &str| -> Vec<usize> { (0..2).filter(|&i| index.matches(&d, i, &[t])).collect() };
        assert_eq!(hits("context"), [0]);
        assert_eq!(hits("outlook"), [0]);
        assert_eq!(hits("later"), [0]);
        assert_eq!(hits("sweet"), [1]);
        assert_eq!(hits("chief"), [1]);
    }
}
