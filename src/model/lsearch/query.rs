//! Library-wide queries: parsing `words tag:x source:y person:z before:D after:D unread`, finding
//! the articles that match in a [`WordIndex`], and cutting a snippet from a matching article.

use super::packed::DigestRef;
use super::{Field, WordIndex};
use crate::model::digest::{Article, ArticleId, DigestKey};
use crate::model::fold::{find_first, fold, name_key};
use crate::model::read_state::ReadState;

/// A parsed query: every part must hold for an article to match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Folded words, each found in some searchable field.
    pub words: Vec<String>,
    /// `tag:`: folded tags the article must have (whole tag, folded).
    pub tags: Vec<String>,
    /// `source:`: folded text the article's source must contain.
    pub sources: Vec<String>,
    /// `person:`: folded text some commentator's name must contain.
    pub persons: Vec<String>,
    /// `before:`: the article's date is before this day (seconds since 1970).
    pub before: Option<i64>,
    /// `after:`: the article's date is on or after this day.
    pub after: Option<i64>,
    /// `unread`: only articles not marked read.
    pub unread: bool,
}

impl Query {
    /// Parses the words of a query; an invalid date in `before:`/`after:` is an error to show.
    pub fn parse(text: &str) -> Result<Query, String> {
        let mut q = Query::default();
        for word in text.split_whitespace() {
            let (prefix, value) = word.split_once(':').unwrap_or(("", word));
            let value = fold(value);
            match prefix {
                "tag" => q.tags.push(value),
                "source" => q.sources.push(value),
                "person" => q.persons.push(value),
                "before" => q.before = Some(day(word, &value)?),
                "after" => q.after = Some(day(word, &value)?),
                "" if value == "unread" => q.unread = true,
                _ => q.words.push(fold(word)),
            }
        }
        Ok(q)
    }

    /// Whether the query asks for nothing at all (every article would match).
    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }
}

fn day(word: &str, value: &str) -> Result<i64, String> {
    crate::date::parse(value)
        .map(|t| t.as_second())
        .ok_or_else(|| format!("{word}: not a date; write it as 2025-11-01"))
}

/// One matching article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of its digest in [`WordIndex::digests`] order.
    pub digest: usize,
    /// Index of the article in its digest.
    pub article: usize,
    /// The field that matched (the first one all words matched in, else the first word's).
    pub field: Field,
}

/// Article `i`'s date: its own, else its digest's, in seconds since 1970.
pub fn article_time(d: &DigestRef, i: usize) -> Option<i64> {
    d.article_published(i)
        .and_then(crate::date::parse)
        .or_else(|| d.published().and_then(crate::date::parse))
        .map(|t| t.as_second())
}

/// Article `i`'s date as `YYYY-MM-DD` (its own, else its digest's), or empty.
pub fn article_date(d: &DigestRef, i: usize) -> String {
    let day = |p: Option<&str>| {
        p.filter(|s| crate::date::is_valid(s))
            .and_then(|s| s.get(..10))
            .map(str::to_string)
    };
    day(d.article_published(i))
        .or_else(|| day(d.published()))
        .unwrap_or_default()
}

/// Every article of `index` that matches `q`, digests newest first, articles in file order.
pub fn search(index: &WordIndex, q: &Query, read: &ReadState) -> Vec<Hit> {
    let mut hits = Vec::new();
    // One buffer per query word, reused across digests.
    let mut masks: Vec<Vec<u32>> = vec![Vec::new(); q.words.len()];
    for (di, d) in index.digests().enumerate() {
        search_digest(di, &d, q, read, &mut masks, &mut hits);
    }
    hits
}

fn search_digest(
    di: usize,
    d: &DigestRef,
    q: &Query,
    read: &ReadState,
    masks: &mut [Vec<u32>],
    hits: &mut Vec<Hit>,
) {
    // Per word, the fields it matched in, by article.
    for (w, m) in q.words.iter().zip(masks.iter_mut()) {
        m.clear();
        m.resize(d.len(), 0);
        d.word_masks(w, m);
        if m.iter().all(|&f| f == 0) {
            return;
        }
    }
    // The digest's key, for read state, made once per digest rather than per article.
    let key = if q.unread {
        d.key()
    } else {
        DigestKey::default()
    };
    for ai in 0..d.len() {
        let Some((all, first)) = combine(masks, ai) else {
            continue;
        };
        if !filters_hold(d, &key, ai, q, read) {
            continue;
        }
        let field = Field::first_in(all)
            .or_else(|| Field::first_in(first))
            .unwrap_or_else(|| filter_field(q));
        hits.push(Hit {
            digest: di,
            article: ai,
            field,
        });
    }
}

/// For article `ai`: the fields every word matched in, and the first word's; `None` when a word
/// is missing from it.
fn combine(masks: &[Vec<u32>], ai: usize) -> Option<(u32, u32)> {
    let mut all = u32::MAX;
    let mut first = 0;
    for (i, m) in masks.iter().enumerate() {
        let f = m.get(ai).copied().filter(|&f| f != 0)?;
        all &= f;
        if i == 0 {
            first = f;
        }
    }
    Some((if masks.is_empty() { 0 } else { all }, first))
}

/// The field a filter-only query reports.
fn filter_field(q: &Query) -> Field {
    if !q.tags.is_empty() {
        Field::Tags
    } else if !q.persons.is_empty() {
        Field::Name
    } else if !q.sources.is_empty() {
        Field::Source
    } else {
        Field::Headline
    }
}

/// Whether article `ai` passes the query's filters, cheapest first: most candidates are ruled
/// out by a read-state lookup or a tag read in place before a date is parsed or a name folded.
fn filters_hold(d: &DigestRef, key: &DigestKey, ai: usize, q: &Query, read: &ReadState) -> bool {
    if q.unread && read.is_read(key, &ArticleId(d.article_id(ai).into())) {
        return false;
    }
    let tags_ok = q.tags.iter().all(|t| d.tags(ai).any(|g| folded_eq(g, t)));
    if !tags_ok {
        return false;
    }
    let source_ok = q.sources.iter().all(|s| {
        d.source(ai)
            .is_some_and(|src| fold(src).contains(s.as_str()))
    });
    if !source_ok {
        return false;
    }
    // Dates are parsed only when a date filter asks.
    if q.before.is_some() || q.after.is_some() {
        let time = article_time(d, ai);
        let before_ok = q.before.is_none_or(|b| time.is_some_and(|t| t < b));
        let after_ok = q.after.is_none_or(|b| time.is_some_and(|t| t >= b));
        if !(before_ok && after_ok) {
            return false;
        }
    }
    q.persons.iter().all(|p| {
        d.people(ai)
            .any(|(name, _)| name_key(name).contains(p.as_str()))
    })
}

/// Whether `s` folds to `folded` (compared without allocating when `s` is ASCII).
fn folded_eq(s: &str, folded: &str) -> bool {
    if s.is_ascii() {
        s.eq_ignore_ascii_case(folded)
    } else {
        fold(s) == folded
    }
}

/// How many characters of context a snippet shows on each side of the match.
pub const CONTEXT: usize = 40;

/// A one-line snippet of `article`'s `field` around the first of `words` found there (the
/// field's start when there are none), with `…` where it was cut. Not sanitised.
pub fn snippet(article: &Article, source: Option<&str>, field: Field, words: &[String]) -> String {
    snippet_around(article, source, field, words, CONTEXT)
}

/// [`snippet`] with `before` characters of context before the match (a narrow column shows the
/// match only if little comes before it) and [`CONTEXT`] after.
pub fn snippet_around(
    article: &Article,
    source: Option<&str>,
    field: Field,
    words: &[String],
    before: usize,
) -> String {
    let texts: Vec<&str> = super::field_texts(article, source)
        .into_iter()
        .filter(|(f, _)| *f == field)
        .map(|(_, t)| t)
        .collect();
    for text in &texts {
        if let Some(r) = find_first(text, words) {
            return cut(text, r.start, r.end, before);
        }
    }
    texts
        .first()
        .map_or_else(String::new, |t| cut(t, 0, 0, before))
}

/// `text` from about `before` characters before byte `from` to about [`CONTEXT`] after `to`,
/// on one line.
fn cut(text: &str, from: usize, to: usize, before: usize) -> String {
    let mut start = if before == 0 {
        from
    } else {
        text[..from]
            .char_indices()
            .rev()
            .nth(before - 1)
            .map_or(0, |(i, _)| i)
    };
    // Begin on a word: a lead-in cut mid-word moves on to the next word (if one starts before
    // the match).
    if text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace())
        && let Some((i, c)) = text[start..from]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
    {
        start += i + c.len_utf8();
    }
    let end = text[to..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(text.len(), |(i, _)| to + i);
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.push_str(&text[start..end]);
    if end < text.len() {
        s.push('…');
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
