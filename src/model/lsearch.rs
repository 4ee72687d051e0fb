//! Library-wide search: what the search index knows of each digest, and how it is built.
//!
//! Each digest is indexed on its own (so a changed file re-indexes only itself): its articles'
//! list fields (id, headline, date, source, tags, commentators' names and roles) kept as written,
//! and an inverted index of every word of every searchable field. The words are folded
//! ([`crate::model::fold`]), sorted and joined into one blob per digest (`vocab`); each word has a
//! posting list of `(article, fields)` pairs. A query word matches a digest's word when it is a
//! substring of it (one `memmem` over the blob), which is what the in-app filter's "contains"
//! means, since query words never hold whitespace. The text itself is not kept: snippets are cut
//! from the few articles that match (see [`query::snippet`]). In memory, and on disk, the index is
//! one segment of bytes per digest, read in place ([`packed`]); [`IndexedDigest`] is what a
//! segment is built from.

pub mod packed;
pub mod people;
pub mod query;

use std::collections::BTreeMap;

use crate::format::Digest;
use crate::model::digest::{Article, DigestKey};
use crate::model::fold::fold;
use packed::{DigestRef, Seg};

/// A searchable field of an article. The order is the order hits report them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// The headline.
    Headline = 0,
    /// The summary.
    Summary,
    /// The context bullets.
    Context,
    /// Section headings and bullets.
    Sections,
    /// Commentators' names.
    Name,
    /// Commentators' roles.
    Role,
    /// Commentators' viewpoints.
    Viewpoint,
    /// Tags.
    Tags,
    /// The article's source.
    Source,
}

impl Field {
    /// Every field, in order.
    pub const ALL: [Field; 9] = [
        Field::Headline,
        Field::Summary,
        Field::Context,
        Field::Sections,
        Field::Name,
        Field::Role,
        Field::Viewpoint,
        Field::Tags,
        Field::Source,
    ];

    /// The field's name in `search` output.
    pub fn name(self) -> &'static str {
        match self {
            Field::Headline => "headline",
            Field::Summary => "summary",
            Field::Context => "context",
            Field::Sections => "sections",
            Field::Name => "commentator",
            Field::Role => "role",
            Field::Viewpoint => "viewpoint",
            Field::Tags => "tags",
            Field::Source => "source",
        }
    }

    /// The field's bit in a posting's field mask.
    pub fn bit(self) -> u32 {
        1 << (self as u32)
    }

    /// The lowest field set in `mask`.
    pub fn first_in(mask: u32) -> Option<Field> {
        Field::ALL.into_iter().find(|f| mask & f.bit() != 0)
    }
}

/// Bits of a posting that hold the field mask; the article's index is above them.
pub const MASK_BITS: u32 = 9;

/// A commentator row as the index keeps it (as written; callers sanitise what they print).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    /// The name field, as written.
    pub name: String,
    /// The role field, if any.
    pub role: Option<String>,
}

/// What the index keeps of one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IndexedArticle {
    /// Its key within its digest.
    pub id: String,
    /// Its headline.
    pub headline: String,
    /// Its own date, as written.
    pub published: Option<String>,
    /// Its source, else the digest's.
    pub source: Option<String>,
    /// Its tags.
    pub tags: Vec<String>,
    /// Its commentators.
    pub people: Vec<Person>,
}

/// What the index keeps of one digest file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IndexedDigest {
    /// The file (absolute).
    pub path: String,
    /// Which digest it is, for read state.
    pub key: DigestKey,
    /// Its title.
    pub title: String,
    /// Its date, as written.
    pub published: Option<String>,
    /// Its articles, in file order.
    pub articles: Vec<IndexedArticle>,
    /// Every folded word, sorted, each followed by `\n`.
    pub vocab: String,
    /// Where each word starts in `vocab`.
    pub word_starts: Vec<u32>,
    /// Word `i`'s postings are `postings[post_starts[i]..post_starts[i + 1]]`.
    pub post_starts: Vec<u32>,
    /// `article << MASK_BITS | field mask`, by word, articles ascending.
    pub postings: Vec<u32>,
}

impl IndexedDigest {
    /// Indexes `digest`, read from `path`; an article whose body does not decode is indexed by
    /// its list fields only.
    pub fn build(path: String, digest: &Digest) -> IndexedDigest {
        let mut words: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let mut articles = Vec::with_capacity(digest.entries.len());
        for (i, entry) in digest.entries.iter().enumerate() {
            let body = digest.article(i).unwrap_or_else(|_| Article {
                headline: entry.headline().to_string(),
                tags: entry.tag_list(),
                ..Article::default()
            });
            let source = body.source.clone().or_else(|| digest.source.clone());
            for (field, text) in field_texts(&body, source.as_deref()) {
                for word in text.split_whitespace() {
                    let list = words.entry(fold(word)).or_default();
                    let posting = ((i as u32) << MASK_BITS) | field.bit();
                    match list.last_mut() {
                        Some(last) if *last >> MASK_BITS == i as u32 => *last |= posting,
                        _ => list.push(posting),
                    }
                }
            }
            articles.push(IndexedArticle {
                id: entry.id.0.to_string(),
                headline: entry.headline().to_string(),
                published: body.published,
                source,
                tags: body.tags,
                people: body
                    .commentators
                    .into_iter()
                    .map(|c| Person {
                        name: c.name,
                        role: c.role,
                    })
                    .collect(),
            });
        }
        let mut d = IndexedDigest {
            path,
            key: digest.key.clone(),
            title: digest.title.clone(),
            published: digest.published.clone(),
            articles,
            ..IndexedDigest::default()
        };
        for (word, list) in words {
            d.word_starts.push(d.vocab.len() as u32);
            d.vocab.push_str(&word);
            d.vocab.push('\n');
            d.post_starts.push(d.postings.len() as u32);
            d.postings.extend(list);
        }
        d.post_starts.push(d.postings.len() as u32);
        d
    }
}

/// The text of every searchable field of `a`, tagged with its field.
pub fn field_texts<'a>(a: &'a Article, source: Option<&'a str>) -> Vec<(Field, &'a str)> {
    let mut v = vec![(Field::Headline, a.headline.as_str())];
    v.push((Field::Summary, a.summary.as_str()));
    v.extend(a.context.iter().map(|c| (Field::Context, c.as_str())));
    for s in &a.sections {
        v.push((Field::Sections, s.heading.as_str()));
        v.extend(s.bullets.iter().map(|b| (Field::Sections, b.as_str())));
    }
    for c in &a.commentators {
        v.push((Field::Name, c.name.as_str()));
        if let Some(r) = &c.role {
            v.push((Field::Role, r.as_str()));
        }
        v.push((Field::Viewpoint, c.viewpoint.as_str()));
    }
    v.extend(a.tags.iter().map(|t| (Field::Tags, t.as_str())));
    if let Some(s) = source {
        v.push((Field::Source, s));
    }
    v
}

/// The search index in memory: every digest of the library, newest first, read in place from the
/// bytes it was stored as (see [`packed`]).
#[derive(Debug, Clone, Default)]
pub struct WordIndex {
    bytes: Vec<u8>,
    segs: Vec<Seg>,
}

impl WordIndex {
    /// The index over `segs`, each checked against `bytes` ([`Seg::check`]).
    pub fn from_parts(bytes: Vec<u8>, segs: Vec<Seg>) -> WordIndex {
        WordIndex { bytes, segs }
    }

    /// The index of `digests`, in that order.
    pub fn from_digests(digests: &[IndexedDigest]) -> WordIndex {
        let mut bytes = Vec::new();
        let mut segs = Vec::with_capacity(digests.len());
        for d in digests {
            let start = bytes.len();
            packed::encode(d, &mut bytes);
            segs.extend(Seg::check(&bytes, start, bytes.len()));
        }
        WordIndex { bytes, segs }
    }

    /// How many digests it holds.
    pub fn len(&self) -> usize {
        self.segs.len()
    }

    /// Whether it holds no digest.
    pub fn is_empty(&self) -> bool {
        self.segs.is_empty()
    }

    /// Digest `i` (newest first).
    pub fn digest(&self, i: usize) -> Option<DigestRef<'_>> {
        self.segs.get(i).map(|s| DigestRef::new(&self.bytes, s))
    }

    /// Every digest, newest first.
    pub fn digests(&self) -> impl Iterator<Item = DigestRef<'_>> {
        self.segs.iter().map(|s| DigestRef::new(&self.bytes, s))
    }
}

impl PartialEq for WordIndex {
    fn eq(&self, other: &WordIndex) -> bool {
        self.segs.len() == other.segs.len()
            && self
                .segs
                .iter()
                .zip(&other.segs)
                .all(|(a, b)| a.bytes(&self.bytes) == b.bytes(&other.bytes))
    }
}

impl Eq for WordIndex {}
