//! Digests listed from a per-digest index instead of the file: the list (ids, headlines, tags,
//! spans) comes from the index, and each article's body is read from the file when it is opened
//! and cross-checked against the index, so a stale index can never show a wrong article.
//!
//! The reading itself is IO and lives in `store::digest_index`, behind [`Bodies`].

use std::fmt::Debug;
use std::ops::Range;
use std::sync::Arc;

use super::article::decode_identified;
use super::error::FormatError;
use super::wire::Form;
use crate::model::digest::{Article, DigestKey, Entry};

/// What an article shows when its index turned out to be stale (the digest is then read again).
pub const STALE: &str = "this digest changed since newsdeck indexed it; it is being read again";

/// Reads article bodies from a digest's file.
pub trait Bodies: Debug + Send + Sync {
    /// The text at `span` of the file (UTF-8 checked).
    fn read(&self, span: Range<usize>) -> Result<String, FormatError>;
    /// The whole file, as text (for exact error positions and the filter's index).
    fn whole(&self) -> Result<Arc<String>, FormatError>;
    /// Records that the index disagrees with the file, and drops the index.
    fn mark_stale(&self);
    /// Whether [`Bodies::mark_stale`] was called.
    fn is_stale(&self) -> bool;
}

/// A digest's own fields and form, as an index stores them.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedMeta {
    /// Display title (already derived from the file name when the digest has none).
    pub title: String,
    /// When the digest was published.
    pub published: Option<String>,
    /// Who published it.
    pub source: Option<String>,
    /// Which digest it is for read state.
    pub key: DigestKey,
    /// Its top-level form.
    pub form: Form,
}

/// Decodes article `index` (listed as `entry`) from the file, checking that it is the article
/// the index says is there: same identity, same headline, same tags. Any disagreement, and any
/// error (which might come from a shifted span), marks the index stale.
pub(super) fn article(
    bodies: &dyn Bodies,
    entry: &Entry,
    form: Form,
    index: usize,
) -> Result<Article, FormatError> {
    let stale = || {
        bodies.mark_stale();
        Err(FormatError::plain(STALE))
    };
    if bodies.is_stale() {
        return stale();
    }
    let Ok(text) = bodies.read(entry.span()) else {
        return stale();
    };
    match decode_identified(&text, 0..text.len(), form, index) {
        Ok((article, id))
            if id == entry.id
                && article.headline == entry.headline()
                && article.tags.iter().map(String::as_str).eq(entry.tags()) =>
        {
            Ok(article)
        }
        _ => stale(),
    }
}
