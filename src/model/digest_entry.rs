//! An article's list entry, and how a digest's entries are built: the headlines and tags of all
//! of a digest's entries live in one shared buffer, not in a `String` (and a `Vec<String>`) of
//! their own each.
//!
//! A 10,000-article digest made some 30,000 small allocations for its list, which were a tenth
//! of the first pass on a digest of short articles and most of the memory a warm open keeps
//! (each allocation costs its bookkeeping too); one buffer is one allocation, and an index can
//! store it as it is and read it back in one read.
//!
//! A headline or tag list that needs no decoding (no escape, nothing the sanitiser changes) is
//! not copied at all: the entry reads it from the digest's source text, which a digest read
//! from its file keeps in memory anyway (the list text was 0.9 MB of a 40 MB digest's 48 MB).

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use super::ArticleId;

/// What the article list needs of an article, decoded by the first pass over a digest.
///
/// Deliberately small: a big digest holds one of these per article for as long as it is open,
/// and everything else is decoded from the source text when the article is opened. The
/// headline and tags are read through [`Entry::headline`] and [`Entry::tags`].
#[derive(Clone)]
pub struct Entry {
    /// Stable identity used for read state.
    pub id: ArticleId,
    /// The buffer that holds this entry's headline and tags, shared with other entries, and
    /// the digest's source text when they are read from there.
    lines: ListText,
    /// Where the headline is (see [`IN_SOURCE`]).
    head: (u32, u32),
    /// Where the tags are: lines each ended by a line break (a tag is one line: sanitised text
    /// never holds one), or in the source text the inside of a JSON array of plain strings.
    tags: (u32, u32),
    /// Byte range of this article's JSON object in the digest's source text, in 32 bits (a
    /// digest is at most 256 MiB; see [`Entry::span`]).
    span: (u32, u32),
}

/// The top bit of a place's start: set when the text is in the digest's source text rather
/// than in the entries' own buffer. Own buffers stay under [`BUFFER_MAX`], and a place in the
/// source is taken only below this offset, so the bit is free in both.
const IN_SOURCE: u32 = 1 << 31;

/// The list text of a digest's entries: a buffer of decoded headlines and tags, and the
/// digest's source text (the very `Arc` its bodies decode from), where headlines and tags that
/// need no decoding are read in place instead of being copied (most of a cold digest's list).
#[derive(Debug, Default)]
pub struct Lines {
    own: String,
    source: Option<Arc<String>>,
}

/// The shared list text of a digest's entries.
pub type ListText = Arc<Lines>;

impl Lines {
    /// List text held in `own` alone (a per-digest index reads it back whole).
    pub fn own(own: String) -> Lines {
        Lines { own, source: None }
    }

    /// The text at `place` (an `Entry` field), or "" if it is not there.
    fn at(&self, (start, end): (u32, u32)) -> &str {
        let text = if start & IN_SOURCE == 0 {
            Some(self.own.as_str())
        } else {
            self.source.as_deref().map(String::as_str)
        };
        let start = (start & !IN_SOURCE) as usize;
        text.and_then(|t| t.get(start..end as usize)).unwrap_or("")
    }
}

/// Where a part of an entry's list text is, for [`EntriesBuilder::push_placed`].
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// In the builder's own buffer.
    Own(Range<usize>),
    /// In the source text given to [`EntriesBuilder::with_source`]; only made by
    /// [`EntriesBuilder::in_source`], which checks that it can be kept.
    Source(Range<usize>),
}

/// A span in 32 bits, or `None` when it does not fit.
fn span32(span: &Range<usize>) -> Option<(u32, u32)> {
    Some((
        u32::try_from(span.start).ok()?,
        u32::try_from(span.end).ok()?,
    ))
}

impl Entry {
    /// An entry with its own buffer (for the few entries not made by a first pass). A line
    /// break inside a tag becomes a space, as sanitising makes it. `None` when its text is over
    /// 2 GiB or its span ends past 4 GiB, which a digest read under the 256 MiB cap never does.
    pub fn new<S: AsRef<str>>(
        id: ArticleId,
        headline: &str,
        tags: &[S],
        span: Range<usize>,
    ) -> Option<Entry> {
        let mut b = EntriesBuilder::with_capacity(1, 0);
        b.push_owned(id, headline, tags.iter().map(AsRef::as_ref), span)?;
        b.finish().pop()
    }

    /// An entry over `lines`, a buffer read back whole (a per-digest index): `None` unless the
    /// offsets are in order, within the buffer and on character boundaries.
    pub fn in_lines(
        id: ArticleId,
        lines: &ListText,
        head: (u32, u32),
        tags_end: u32,
        span: Range<usize>,
    ) -> Option<Entry> {
        let ok = |at: u32| at < IN_SOURCE && lines.own.is_char_boundary(at as usize);
        let span = span32(&span)?;
        (head.0 <= head.1 && head.1 <= tags_end && ok(head.0) && ok(head.1) && ok(tags_end)).then(
            || Entry {
                id,
                lines: Arc::clone(lines),
                head,
                tags: (head.1, tags_end),
                span,
            },
        )
    }

    /// Byte range of this article's JSON object in the digest's source text.
    pub fn span(&self) -> Range<usize> {
        self.span.0 as usize..self.span.1 as usize
    }

    /// The one-line headline, never empty.
    pub fn headline(&self) -> &str {
        self.lines.at(self.head)
    }

    /// The free-form tags, in order (the filter searches them before the full-text index exists).
    pub fn tags(&self) -> Tags<'_> {
        Tags {
            rest: self.lines.at(self.tags),
            json: self.tags.0 & IN_SOURCE != 0,
        }
    }

    /// About the bytes of headline and tags together, without walking the tags: what the filter
    /// counts as the work of searching them.
    pub fn list_len(&self) -> usize {
        let len = |(a, b): (u32, u32)| (b - (a & !IN_SOURCE)) as usize;
        len(self.head) + len(self.tags)
    }

    /// The tags as owned strings.
    pub fn tag_list(&self) -> Vec<String> {
        self.tags().map(str::to_string).collect()
    }

    /// Whether the headline and tags are read from the digest's source text, not a copy.
    pub fn in_source(&self) -> (bool, bool) {
        (self.head.0 & IN_SOURCE != 0, self.tags.0 & IN_SOURCE != 0)
    }
}

/// An entry's tags, from its own buffer (lines) or from the source text (the inside of a JSON
/// array whose strings hold no quote, backslash or control character, so each tag is the text
/// between two quotes).
#[derive(Debug, Clone)]
pub struct Tags<'a> {
    rest: &'a str,
    json: bool,
}

impl<'a> Iterator for Tags<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let (tag, rest) = if self.json {
            let (_, quoted) = self.rest.split_once('"')?;
            quoted.split_once('"')?
        } else {
            self.rest.split_once('\n')?
        };
        self.rest = rest;
        Some(tag)
    }
}

/// Equal when id, headline, tags and span are, wherever each entry's text is kept.
impl PartialEq for Entry {
    fn eq(&self, other: &Entry) -> bool {
        self.id == other.id
            && self.span == other.span
            && self.headline() == other.headline()
            && self.tags().eq(other.tags())
    }
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("id", &self.id)
            .field("headline", &self.headline())
            .field("tags", &self.tags().collect::<Vec<_>>())
            .field("span", &self.span)
            .finish()
    }
}

/// The most list text one buffer holds: offsets are 32 bits (a digest is far smaller, but a
/// caller of `format::parse` may hand over anything), so a builder starts a new buffer first.
const BUFFER_MAX: usize = (u32::MAX / 2) as usize;

/// Builds a digest's entries, writing their list text into one shared buffer.
///
/// The text of the entry being built is written to [`EntriesBuilder::lines`] (headline first,
/// then each tag followed by a line break) and the entry is then pushed with where its headline
/// is; a decode that gives up rewinds the buffer to where it began.
pub struct EntriesBuilder {
    lines: String,
    /// The source text, when entries may read their list text from it.
    source: Option<Arc<String>>,
    entries: Vec<Entry>,
    /// Where the entries of the buffer being written start (the ones before have theirs).
    first: usize,
    /// What entries point at until their buffer is done; one per builder, so that two threads
    /// building at once never count references on a shared one.
    pending: ListText,
}

impl EntriesBuilder {
    /// A builder for `entries` entries whose list text takes about `bytes` bytes.
    pub fn with_capacity(entries: usize, bytes: usize) -> EntriesBuilder {
        EntriesBuilder {
            lines: String::with_capacity(bytes.min(BUFFER_MAX)),
            source: None,
            entries: Vec::with_capacity(entries),
            first: 0,
            pending: Arc::default(),
        }
    }

    /// Lets entries read their headline and tags from `source` (see [`Place::Source`]): the
    /// digest's source text, which the digest keeps anyway.
    pub fn with_source(mut self, source: &Arc<String>) -> EntriesBuilder {
        self.source = Some(Arc::clone(source));
        self
    }

    /// `range` of the source text as a place an entry can keep: `None` without a source, or
    /// when the range is not within it on character boundaries below [`IN_SOURCE`].
    pub fn in_source(&self, range: Range<usize>) -> Option<Place> {
        let source = self.source.as_deref()?;
        (range.start <= range.end
            && range.end < IN_SOURCE as usize
            && source.is_char_boundary(range.start)
            && source.is_char_boundary(range.end))
        .then_some(Place::Source(range))
    }

    /// The text at `place`.
    pub fn text(&self, place: &Place) -> &str {
        match place {
            Place::Own(r) => self.lines.get(r.clone()),
            Place::Source(r) => self.source.as_deref().and_then(|s| s.get(r.clone())),
        }
        .unwrap_or("")
    }

    /// The buffer the current entry's text is written to.
    pub fn lines(&mut self) -> &mut String {
        &mut self.lines
    }

    /// Where the next text written begins; [`EntriesBuilder::rewind`] goes back to it.
    pub fn mark(&self) -> usize {
        self.lines.len()
    }

    /// Drops the text written since `mark`.
    pub fn rewind(&mut self, mark: usize) {
        self.lines.truncate(mark);
    }

    /// Adds an entry whose headline is `lines[head]` and whose tags are the text after it, to
    /// the end of the buffer. `None` (and the text rewound) when the text is too big for one
    /// buffer, which no digest that fits in memory comes near.
    pub fn push(&mut self, id: ArticleId, head: Range<usize>, span: Range<usize>) -> Option<()> {
        let tags = Place::Own(head.end..self.lines.len());
        self.push_placed(id, head.start, Place::Own(head), tags, span)
    }

    /// Adds an entry whose headline and tags are at `head` and `tags` (tags in the own buffer
    /// as lines, in the source as the inside of a JSON array of plain strings); its own text,
    /// if any, was written from `from` to the end of the buffer. `None` when the text is too
    /// big for one buffer.
    pub fn push_placed(
        &mut self,
        id: ArticleId,
        from: usize,
        head: Place,
        tags: Place,
        span: Range<usize>,
    ) -> Option<()> {
        let span32 = span32(&span)?;
        if self.lines.len() > BUFFER_MAX {
            // Move this entry's text to a buffer of its own, if it fits in one.
            let text = self.lines.split_off(from);
            if text.len() > BUFFER_MAX {
                return None;
            }
            self.seal();
            self.lines = text;
            let back = |p: Place| match p {
                Place::Own(r) => Place::Own(r.start - from..r.end - from),
                p => p,
            };
            return self.push_placed(id, 0, back(head), back(tags), span);
        }
        // Own offsets are within `BUFFER_MAX`, checked above; source ones below `IN_SOURCE`,
        // checked by `in_source`.
        let at = |p: &Place| match p {
            Place::Own(r) => (r.start as u32, r.end as u32),
            Place::Source(r) => (r.start as u32 | IN_SOURCE, r.end as u32),
        };
        self.entries.push(Entry {
            id,
            lines: Arc::clone(&self.pending),
            head: at(&head),
            tags: at(&tags),
            span: span32,
        });
        Some(())
    }

    /// Adds an entry from owned text (the exact path decodes with serde).
    pub fn push_owned<'s>(
        &mut self,
        id: ArticleId,
        headline: &str,
        tags: impl Iterator<Item = &'s str>,
        span: Range<usize>,
    ) -> Option<()> {
        let mark = self.mark();
        self.lines.push_str(headline);
        let head = mark..self.lines.len();
        for tag in tags {
            if tag.contains('\n') {
                self.lines.push_str(&tag.replace('\n', " "));
            } else {
                self.lines.push_str(tag);
            }
            self.lines.push('\n');
        }
        let pushed = self.push(id, head, span);
        if pushed.is_none() {
            self.rewind(mark);
        }
        pushed
    }

    /// The entries built so far get the buffer written so far, and a new buffer starts. The
    /// buffer is shared as it is, without its spare room (giving that back moves nothing: a
    /// buffer this big is a mapping of its own, or the end of a block).
    fn seal(&mut self) {
        let mut own = std::mem::take(&mut self.lines);
        own.shrink_to_fit();
        let lines = Arc::new(Lines {
            own,
            source: self.source.clone(),
        });
        for e in &mut self.entries[self.first..] {
            e.lines = Arc::clone(&lines);
        }
        self.first = self.entries.len();
    }

    /// The entries, in the order pushed.
    pub fn finish(mut self) -> Vec<Entry> {
        self.seal();
        self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_share_one_buffer_and_read_back_what_was_pushed() {
        let mut b = EntriesBuilder::with_capacity(3, 0);
        let tags: [&[&str]; 3] = [&[], &["", "a"], &["x\ny", "é"]];
        for (i, t) in tags.iter().enumerate() {
            let headline = format!("headline {i}");
            b.push_owned(
                ArticleId(i.to_string().into()),
                &headline,
                t.iter().copied(),
                i..i + 1,
            )
            .unwrap();
        }
        // A decode that gives up leaves nothing behind.
        let mark = b.mark();
        b.lines().push_str("half a headline");
        b.rewind(mark);
        let entries = b.finish();
        assert_eq!(entries.len(), 3);
        assert!(Arc::ptr_eq(&entries[0].lines, &entries[2].lines));
        assert_eq!(entries[1].headline(), "headline 1");
        assert_eq!(entries[0].tags().count(), 0);
        assert_eq!(entries[1].tag_list(), ["", "a"]);
        assert_eq!(entries[2].tag_list(), ["x y", "é"]);
        assert_eq!(entries[2].list_len(), "headline 2x y\né\n".len());
        assert_eq!(
            entries[2],
            Entry::new(ArticleId("2".into()), "headline 2", &["x y", "é"], 2..3).unwrap()
        );
        assert_ne!(
            entries[2],
            Entry::new(ArticleId("2".into()), "headline 2", &["x y"], 2..3).unwrap()
        );
    }

    #[test]
    fn an_entry_over_a_buffer_read_back_is_checked() {
        let lines: ListText = Arc::new(Lines::own("héllo\ntag\n".into()));
        let id = || ArticleId("i".into());
        let e = Entry::in_lines(id(), &lines, (0, 6), 11, 0..1).unwrap();
        assert_eq!(
            (e.headline(), e.tag_list()),
            ("héllo", vec!["".into(), "tag".into()])
        );
        assert!(
            Entry::in_lines(id(), &lines, (0, 2), 6, 0..1).is_none(),
            "inside é"
        );
        assert!(Entry::in_lines(id(), &lines, (3, 1), 6, 0..1).is_none());
        assert!(Entry::in_lines(id(), &lines, (0, 6), 12, 0..1).is_none());
    }
}
