//! The digest's leaf types: an article's identity, its list entry and its decoded body.
//!
//! The digest container that holds them, and decodes bodies lazily, is `format::Digest`: it
//! builds on these types, and these know nothing of it (the dependency runs one way).

#[path = "digest_entry.rs"]
mod entry;

pub use compact_str::CompactString;
pub use entry::{EntriesBuilder, Entry, Lines, ListText, Place, Tags};

/// An article's key within its digest: its `id`, else its `url`, else a hash of headline +
/// published. Read state pairs it with the digest's [`DigestKey`] (see [`Identity`]).
///
/// An id of up to 24 bytes is kept inline: a digest's ids were one small allocation each
/// (10,000 of 32 bytes for 10,000 articles, a tenth of what a warm open holds).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub CompactString);

/// Read marks are looked up by an id's text without making an `ArticleId` of it (the library's
/// rows keep ids in one buffer); the derived order is the `String`'s, so this agrees with it.
impl std::borrow::Borrow<str> for ArticleId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl ArticleId {
    /// Derives an identity from the fields the format names, in the order it names them.
    pub fn derive(
        id: Option<&str>,
        url: Option<&str>,
        headline: &str,
        published: Option<&str>,
    ) -> Self {
        if let Some(id) = id.filter(|s| !s.trim().is_empty()) {
            return ArticleId(id.into());
        }
        if let Some(url) = url.filter(|s| !s.trim().is_empty()) {
            return ArticleId(url.into());
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
        ArticleId(compact_str::format_compact!("hash:{h:016x}"))
    }
}

/// Which digest an article belongs to, for read state: articles are identified by digest key +
/// article key ([`Identity`]), so two digests that both number their articles "1", "2", ... never
/// share marks.
///
/// One of three forms, each with its own prefix so they never collide:
/// - `id:<id>`: the digest's own top-level `id`;
/// - `dated:<published>\u{1f}<title>`: its `published` and its own title (empty when it has
///   none), as written in the file (not sanitised, so a change to the sanitiser never moves
///   marks; only a hostile file could put the unit separator in a field, and it gains nothing);
/// - `file:<name>`: its file name without the extension, when it has neither.
///
/// The first two survive renaming or moving the file; the third follows the file name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct DigestKey(pub String);

impl DigestKey {
    /// The key of a digest with top-level `id`, own `title` and `published`, read from a file
    /// named `file_stem` (without extension). Blank fields count as absent.
    pub fn derive(
        id: Option<&str>,
        title: Option<&str>,
        published: Option<&str>,
        file_stem: &str,
    ) -> Self {
        fn given(s: Option<&str>) -> Option<&str> {
            s.map(str::trim).filter(|s| !s.is_empty())
        }
        if let Some(id) = given(id) {
            return DigestKey(format!("id:{id}"));
        }
        if let Some(published) = given(published) {
            let title = given(title).unwrap_or("");
            return DigestKey(format!("dated:{published}\u{1f}{title}"));
        }
        DigestKey(format!("file:{file_stem}"))
    }

    /// The digest's own top-level `id`, when that is what the key was made from.
    pub fn own_id(&self) -> Option<&str> {
        self.0.strip_prefix("id:")
    }

    /// Whether the key follows the file name (the digest has neither `id` nor `published`).
    pub fn follows_file_name(&self) -> bool {
        self.0.starts_with("file:")
    }
}

/// An article's identity across the library: its digest's key and its own key in that digest.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Identity {
    /// The digest it belongs to.
    pub digest: DigestKey,
    /// Its key within that digest: `id`, else `url`, else a hash.
    pub article: ArticleId,
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
    /// The article's own title for the context bullets ("Context" when absent).
    pub context_heading: Option<String>,
    /// Further bulleted sections.
    pub sections: Vec<Section>,
    /// Who said what.
    pub commentators: Vec<Commentator>,
    /// The article's own title for the commentator table ("Commentators" when absent).
    pub commentators_heading: Option<String>,
}

impl Article {
    /// The title of the context bullets: the article's own, else "Context".
    pub fn context_title(&self) -> &str {
        title_or(self.context_heading.as_deref(), "Context")
    }

    /// The title of the commentator table: the article's own, else "Commentators".
    pub fn commentators_title(&self) -> &str {
        title_or(self.commentators_heading.as_deref(), "Commentators")
    }
}

/// `own` unless it is absent or blank, else `default`.
fn title_or<'a>(own: Option<&'a str>, default: &'a str) -> &'a str {
    own.map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(default)
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

    #[test]
    fn digest_key_prefers_id_then_date_then_file_name() {
        let k = |id, title, published| DigestKey::derive(id, title, published, "monday").0;
        assert_eq!(k(Some(" d1 "), Some("T"), Some("2025-10-27")), "id:d1");
        assert_eq!(
            k(Some(" "), Some("T"), Some("2025-10-27")),
            "dated:2025-10-27\u{1f}T"
        );
        assert_eq!(k(None, None, Some("2025-10-27")), "dated:2025-10-27\u{1f}");
        assert_eq!(k(None, Some("T"), None), "file:monday");
        assert!(DigestKey::derive(None, Some("T"), None, "x").follows_file_name());
        assert!(!DigestKey::derive(Some("file:x"), None, None, "x").follows_file_name());
    }
}
