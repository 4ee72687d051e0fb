//! The search index in memory as the bytes it is stored as: one segment per digest, read in place.
//!
//! A warm search must cost a small fraction of decoding the library, and decoding 30,000
//! articles' strings into owned values (and freeing them) was most of its time. So a loaded
//! index is the file's bytes plus, per digest, where its tables start: every segment is checked
//! once when it is taken in (lengths, ranges, UTF-8, order), without copying anything, and a
//! query reads the words and postings it needs and only the hit articles' records.
//!
//! A segment, all integers `u32` little-endian:
//!
//! ```text
//! counts      articles, tags, people, words, postings, vocab bytes, heap bytes
//! digest      path, key, title, published                       (a ref each)
//! articles    id, headline, published, source, tags from..to, people from..to   (per article)
//! tags        a ref each
//! people      name, role                                        (refs, per commentator)
//! words       where each word starts in the vocab
//! posts       where each word's postings start, then the end    (words + 1)
//! postings    article << MASK_BITS | field mask
//! heap        the vocab (sorted folded words, each followed by `\n`), then every string
//! ```
//!
//! A ref is `start, end` into the heap; `u32::MAX, u32::MAX` is "none".

use super::{IndexedArticle, IndexedDigest, MASK_BITS, Person};
use crate::model::digest::DigestKey;

const COUNTS: usize = 7;
const DIGEST_REFS: usize = 4;
const ARTICLE: usize = 12;
const NONE: u32 = u32::MAX;

/// Where one digest's tables sit in the index's bytes (checked when it was taken in).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seg {
    /// The segment's bytes: `start..end` of the buffer.
    start: usize,
    end: usize,
    articles: usize,
    tags: usize,
    people: usize,
    words: usize,
    postings: usize,
    vocab_len: usize,
    /// Offsets (absolute, in the buffer) of each table.
    at_articles: usize,
    at_tags: usize,
    at_people: usize,
    at_words: usize,
    at_posts: usize,
    at_postings: usize,
    at_heap: usize,
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map_or(0, u32::from_le_bytes)
}

/// Appends the segment of `d` to `out`.
pub fn encode(d: &IndexedDigest, out: &mut Vec<u8>) {
    let mut heap = String::with_capacity(d.vocab.len() + 64 * d.articles.len());
    heap.push_str(&d.vocab);
    let mut put = |s: Option<&str>| -> [u32; 2] {
        match s {
            Some(s) => {
                let from = heap.len() as u32;
                heap.push_str(s);
                [from, heap.len() as u32]
            }
            None => [NONE, NONE],
        }
    };
    let mut refs: Vec<u32> = Vec::new();
    for s in [
        Some(d.path.as_str()),
        Some(d.key.0.as_str()),
        Some(d.title.as_str()),
        d.published.as_deref(),
    ] {
        refs.extend(put(s));
    }
    let (mut arts, mut tags, mut people) = (Vec::new(), Vec::new(), Vec::new());
    for a in &d.articles {
        arts.extend(put(Some(&a.id)));
        arts.extend(put(Some(&a.headline)));
        arts.extend(put(a.published.as_deref()));
        arts.extend(put(a.source.as_deref()));
        arts.push((tags.len() / 2) as u32);
        a.tags.iter().for_each(|t| tags.extend(put(Some(t))));
        arts.push((tags.len() / 2) as u32);
        arts.push((people.len() / 4) as u32);
        for p in &a.people {
            people.extend(put(Some(&p.name)));
            people.extend(put(p.role.as_deref()));
        }
        arts.push((people.len() / 4) as u32);
    }
    let counts = [
        d.articles.len(),
        tags.len() / 2,
        people.len() / 4,
        d.word_starts.len(),
        d.postings.len(),
        d.vocab.len(),
        heap.len(),
    ];
    let ints = counts
        .iter()
        .map(|&n| n as u32)
        .chain(refs)
        .chain(arts)
        .chain(tags)
        .chain(people)
        .chain(d.word_starts.iter().copied())
        .chain(d.post_starts.iter().copied())
        .chain(d.postings.iter().copied());
    for v in ints {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(heap.as_bytes());
}

impl Seg {
    /// Checks the segment at `start..end` of `b`; `None` for anything that is not a whole,
    /// consistent segment (a damaged or hostile file is then rebuilt, never half trusted).
    pub fn check(b: &[u8], start: usize, end: usize) -> Option<Seg> {
        let s = b.get(start..end)?;
        let count = |i: usize| u32_at(s, i * 4) as usize;
        if s.len() < COUNTS * 4 {
            return None;
        }
        let (articles, tags, people, words, postings, vocab_len, heap_len) = (
            count(0),
            count(1),
            count(2),
            count(3),
            count(4),
            count(5),
            count(6),
        );
        // In u32s, checked for overflow: a hostile count must not wrap into a small size.
        let ints = [
            COUNTS,
            DIGEST_REFS * 2,
            articles.checked_mul(ARTICLE)?,
            tags.checked_mul(2)?,
            people.checked_mul(4)?,
            words,
            words.checked_add(1)?,
            postings,
        ];
        let mut offsets = [0usize; 8];
        let mut total = 0usize;
        for (o, n) in offsets.iter_mut().zip(ints) {
            *o = start + total * 4;
            total = total.checked_add(n)?;
        }
        let heap_at = start + total.checked_mul(4)?;
        if heap_at.checked_add(heap_len)? != end || vocab_len > heap_len {
            return None;
        }
        let seg = Seg {
            start,
            end,
            articles,
            tags,
            people,
            words,
            postings,
            vocab_len,
            at_articles: offsets[2],
            at_tags: offsets[3],
            at_people: offsets[4],
            at_words: offsets[5],
            at_posts: offsets[6],
            at_postings: offsets[7],
            at_heap: heap_at,
        };
        seg.consistent(b).then_some(seg)
    }

    fn consistent(&self, b: &[u8]) -> bool {
        let Some(heap) = b
            .get(self.at_heap..self.end)
            .and_then(|h| simdutf8::basic::from_utf8(h).ok())
        else {
            return false;
        };
        // `get`, not indexing: a vocab length inside a character is refused, never a panic.
        let Some(vocab) = heap.get(..self.vocab_len) else {
            return false;
        };
        let ok_ref = |at: usize, optional: bool| {
            let (s, e) = (u32_at(b, at), u32_at(b, at + 4));
            if s == NONE && e == NONE {
                return optional;
            }
            s <= e && heap.is_char_boundary(s as usize) && heap.is_char_boundary(e as usize)
        };
        let at = self.start + COUNTS * 4;
        // Path, key and title are always there; the date may not be.
        let digest_ok = (0..DIGEST_REFS).all(|i| ok_ref(at + i * 8, i == 3));
        let articles_ok = (0..self.articles).all(|i| {
            let a = self.at_articles + i * ARTICLE * 4;
            let range = |k: usize, max: usize| {
                let (f, t) = (
                    u32_at(b, a + k * 4) as usize,
                    u32_at(b, a + k * 4 + 4) as usize,
                );
                f <= t && t <= max
            };
            ok_ref(a, false)
                && ok_ref(a + 8, false)
                && ok_ref(a + 16, true)
                && ok_ref(a + 24, true)
                && range(8, self.tags)
                && range(10, self.people)
        });
        let tags_ok = (0..self.tags).all(|i| ok_ref(self.at_tags + i * 8, false));
        let people_ok = (0..self.people).all(|i| {
            ok_ref(self.at_people + i * 16, false) && ok_ref(self.at_people + i * 16 + 8, true)
        });
        let word = |i: usize| u32_at(b, self.at_words + i * 4) as usize;
        let post = |i: usize| u32_at(b, self.at_posts + i * 4) as usize;
        let words_ok = (0..self.words).all(|i| {
            let s = word(i);
            s < vocab.len()
                && vocab.is_char_boundary(s)
                && (i == 0 || word(i - 1) < s)
                && post(i) <= post(i + 1)
        }) && post(0) == 0
            && post(self.words) == self.postings;
        let postings_ok = b
            .get(self.at_postings..self.at_postings + self.postings * 4)
            .is_some_and(|p| {
                p.chunks_exact(4).all(|c| {
                    let v = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
                    ((v >> MASK_BITS) as usize) < self.articles
                })
            });
        digest_ok && articles_ok && tags_ok && people_ok && words_ok && postings_ok
    }

    /// The segment's bytes within the buffer.
    pub fn bytes<'a>(&self, b: &'a [u8]) -> &'a [u8] {
        b.get(self.start..self.end).unwrap_or_default()
    }
}

/// One digest of a loaded index, read in place.
#[derive(Debug, Clone, Copy)]
pub struct DigestRef<'a> {
    b: &'a [u8],
    seg: &'a Seg,
}

impl<'a> DigestRef<'a> {
    /// The digest in `b` that `seg` describes.
    pub fn new(b: &'a [u8], seg: &'a Seg) -> DigestRef<'a> {
        DigestRef { b, seg }
    }

    fn u32(&self, at: usize) -> u32 {
        u32_at(self.b, at)
    }

    fn str_ref(&self, at: usize) -> Option<&'a str> {
        let (s, e) = (self.u32(at), self.u32(at + 4));
        if s == NONE {
            return None;
        }
        let heap = self.b.get(self.seg.at_heap..self.seg.end)?;
        std::str::from_utf8(heap.get(s as usize..e as usize)?).ok()
    }

    fn digest_str(&self, i: usize) -> Option<&'a str> {
        self.str_ref(self.seg.start + COUNTS * 4 + i * 8)
    }

    /// The file (absolute).
    pub fn path(&self) -> &'a str {
        self.digest_str(0).unwrap_or_default()
    }

    /// Which digest it is, for read state.
    pub fn key(&self) -> DigestKey {
        DigestKey(self.digest_str(1).unwrap_or_default().to_string())
    }

    /// Its title.
    pub fn title(&self) -> &'a str {
        self.digest_str(2).unwrap_or_default()
    }

    /// Its date, as written.
    pub fn published(&self) -> Option<&'a str> {
        self.digest_str(3)
    }

    /// How many articles it has.
    pub fn len(&self) -> usize {
        self.seg.articles
    }

    /// Whether it has no articles.
    pub fn is_empty(&self) -> bool {
        self.seg.articles == 0
    }

    fn article_at(&self, i: usize) -> usize {
        self.seg.at_articles + i * ARTICLE * 4
    }

    /// Article `i`'s id.
    pub fn article_id(&self, i: usize) -> &'a str {
        self.str_ref(self.article_at(i)).unwrap_or_default()
    }

    /// Article `i`'s headline.
    pub fn headline(&self, i: usize) -> &'a str {
        self.str_ref(self.article_at(i) + 8).unwrap_or_default()
    }

    /// Article `i`'s own date, as written.
    pub fn article_published(&self, i: usize) -> Option<&'a str> {
        self.str_ref(self.article_at(i) + 16)
    }

    /// Article `i`, decoded (`None` past the end).
    pub fn article(&self, i: usize) -> Option<IndexedArticle> {
        if i >= self.seg.articles {
            return None;
        }
        let a = self.article_at(i);
        let own = |s: Option<&str>| s.map(str::to_string);
        let (tf, tt) = (self.u32(a + 32) as usize, self.u32(a + 36) as usize);
        let (pf, pt) = (self.u32(a + 40) as usize, self.u32(a + 44) as usize);
        Some(IndexedArticle {
            id: self.article_id(i).to_string(),
            headline: self.headline(i).to_string(),
            published: own(self.str_ref(a + 16)),
            source: own(self.str_ref(a + 24)),
            tags: (tf..tt)
                .filter_map(|t| own(self.str_ref(self.seg.at_tags + t * 8)))
                .collect(),
            people: (pf..pt)
                .map(|p| {
                    let at = self.seg.at_people + p * 16;
                    Person {
                        name: own(self.str_ref(at)).unwrap_or_default(),
                        role: own(self.str_ref(at + 8)),
                    }
                })
                .collect(),
        })
    }

    /// Article `i`'s source, read in place.
    pub fn source(&self, i: usize) -> Option<&'a str> {
        self.str_ref(self.article_at(i) + 24)
    }

    /// Article `i`'s tags, read in place.
    pub fn tags(&self, i: usize) -> impl Iterator<Item = &'a str> {
        let a = self.article_at(i);
        let (from, to) = if i < self.seg.articles {
            (self.u32(a + 32) as usize, self.u32(a + 36) as usize)
        } else {
            (0, 0)
        };
        let d = *self;
        (from..to).filter_map(move |t| d.str_ref(d.seg.at_tags + t * 8))
    }

    /// Article `i`'s commentators, as (name field, role field), read in place.
    pub fn people(&self, i: usize) -> impl ExactSizeIterator<Item = (&'a str, Option<&'a str>)> {
        let a = self.article_at(i);
        let (from, to) = if i < self.seg.articles {
            (self.u32(a + 40) as usize, self.u32(a + 44) as usize)
        } else {
            (0, 0)
        };
        let d = *self;
        (from..to).map(move |p| {
            let at = d.seg.at_people + p * 16;
            (d.str_ref(at).unwrap_or_default(), d.str_ref(at + 8))
        })
    }

    /// Every article, decoded, in file order.
    pub fn articles(&self) -> impl Iterator<Item = IndexedArticle> + 'a {
        let d = *self;
        (0..self.seg.articles).filter_map(move |i| d.article(i))
    }

    /// Adds, for every article with a word containing `w`, the fields it is in to
    /// `masks[article]` (`masks` holds one entry per article).
    pub fn word_masks(&self, w: &str, masks: &mut [u32]) {
        let vocab = self
            .b
            .get(self.seg.at_heap..self.seg.at_heap + self.seg.vocab_len)
            .unwrap_or_default();
        let start = |i: usize| self.u32(self.seg.at_words + i * 4) as usize;
        let mut last_word = usize::MAX;
        for at in memchr::memmem::find_iter(vocab, w.as_bytes()) {
            // The last word starting at or before the match (words are sorted by start).
            let (mut lo, mut hi) = (0, self.seg.words);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if start(mid) <= at {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            let word = lo.saturating_sub(1);
            if word == last_word {
                continue;
            }
            last_word = word;
            let from = self.u32(self.seg.at_posts + word * 4) as usize;
            let to = self.u32(self.seg.at_posts + word * 4 + 4) as usize;
            for p in from..to {
                let v = self.u32(self.seg.at_postings + p * 4);
                if let Some(m) = masks.get_mut((v >> MASK_BITS) as usize) {
                    *m |= v & ((1 << MASK_BITS) - 1);
                }
            }
        }
    }
}
