//! The digest data model: a digest, its articles and their identity.
//!
//! A digest keeps its source text and decodes an article's body only when asked, so a huge digest
//! shows its list long before every article has been decoded (see `format`).

use std::ops::Range;
use std::sync::Arc;

use crate::format::{self, FormatError};
use crate::model::search::SearchIndex;

/// The stable identity of an article: its `id`, else its `url`, else a hash of headline + published.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// Derives an identity from the fields the format names, in the order it names them.
    pub fn derive(
        id: Option<&str>,
        url: Option<&str>,
        headline: &str,
        published: Option<&str>,
    ) -> Self {
        if let Some(id) = id.filter(|s| !s.trim().is_empty()) {
            return ArticleId(id.to_string());
        }
        if let Some(url) = url.filter(|s| !s.trim().is_empty()) {
            return ArticleId(url.to_string());
        }
        // FNV-1a: tiny, and stable across Rust versions and platforms, unlike `DefaultHasher`.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |bytes: &[u8]| {
            for b in bytes {
                h ^= u64::from(*b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        };
        feed(headline.as_bytes());
        feed(&[0]);
        feed(published.unwrap_or("").as_bytes());
        ArticleId(format!("hash:{h:016x}"))
    }
}

/// What the article list needs of an article, decoded by the first pass over a digest.
///
/// Deliberately small: a big digest holds one of these per article for as long as it is open,
/// and everything else is decoded from the source text when the article is opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Stable identity used for read state.
    pub id: ArticleId,
    /// One-line headline, never empty.
    pub headline: String,
    /// Free-form tags (the filter searches them before the full-text index exists).
    pub tags: Vec<String>,
    /// Byte range of this article's JSON object in the digest's source text.
    pub(crate) span: Range<usize>,
}

/// A fully decoded article, ready to be read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    /// One-line headline.
    pub headline: String,
    /// ISO 8601 date or date-time, as written.
    pub published: Option<String>,
    /// Where the article comes from.
    pub source: Option<String>,
    /// Link to the original.
    pub url: Option<String>,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// The lede paragraph; may hold line breaks.
    pub summary: String,
    /// The context bullets.
    pub context: Vec<String>,
    /// Further bulleted sections.
    pub sections: Vec<Section>,
    /// Who said what.
    pub commentators: Vec<Commentator>,
}

/// A headed list of bullets.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    /// The section heading.
    pub heading: String,
    /// The bullets, in order.
    pub bullets: Vec<String>,
}

/// One row of the commentator table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Commentator {
    /// Who.
    pub name: String,
    /// Their role, if given.
    pub role: Option<String>,
    /// What they said; may hold line breaks.
    pub viewpoint: String,
}

/// A loaded digest: its metadata, the list entries, and the source its bodies decode from.
#[derive(Debug, Clone)]
pub struct Digest {
    /// Display title: the digest's own, else derived from its file name.
    pub title: String,
    /// When the digest was published, as written.
    pub published: Option<String>,
    /// Who published the digest.
    pub source: Option<String>,
    /// One entry per article, in file order.
    pub entries: Vec<Entry>,
    pub(crate) text: Arc<String>,
    /// The top-level form, which names articles in body errors as the first pass named them.
    pub(crate) form: format::Form,
}

impl Digest {
    /// Decodes the full body of article `index`; errors carry positions in the digest's file.
    pub fn article(&self, index: usize) -> Result<Article, FormatError> {
        let entry = self
            .entries
            .get(index)
            .ok_or_else(|| FormatError::plain("no such article"))?;
        format::decode_article(&self.text, entry.span.clone(), self.form, index)
    }

    /// Decodes every article, for callers that must know the whole digest is valid (`check`, `add`).
    pub fn validate(&self) -> Result<(), FormatError> {
        // `parse` has already refused JSON nested too deep, so only the bodies remain to check.
        (0..self.entries.len()).try_for_each(|i| self.article(i).map(|_| ()))
    }

    /// The filter's full-text index of this digest (see [`SearchIndex`]).
    pub fn search_index(&self) -> SearchIndex {
        SearchIndex::build(self)
    }

    /// Article ids that occur more than once, each named once, in first-seen order.
    pub fn duplicate_ids(&self) -> Vec<&ArticleId> {
        let mut seen = std::collections::HashSet::new();
        // A set, not `dups.contains`: 50,000 ids each repeated once made that quadratic.
        let mut reported = std::collections::HashSet::new();
        let mut dups = Vec::new();
        for e in &self.entries {
            if !seen.insert(&e.id) && reported.insert(&e.id) {
                dups.push(&e.id);
            }
        }
        dups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_prefers_id_then_url_then_hash() {
        assert_eq!(ArticleId::derive(Some("a"), Some("u"), "h", None).0, "a");
        assert_eq!(ArticleId::derive(Some(" "), Some("u"), "h", None).0, "u");
        let h1 = ArticleId::derive(None, None, "h", Some("2025-01-01"));
        let h2 = ArticleId::derive(None, None, "h", Some("2025-01-02"));
        assert!(h1.0.starts_with("hash:"));
        assert_ne!(h1, h2);
        // The hash is part of the on-disk state format: it must never change.
        assert_eq!(
            ArticleId::derive(None, None, "h", None).0,
            "hash:08ba7807b55eee55"
        );
    }
}
