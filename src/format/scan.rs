//! The fast structural scan: finds the article spans of an object-form digest, and checks the
//! nesting depth, in one pass over the text without decoding it.

use std::ops::Range;

use super::error::{FormatError, MAX_DEPTH, position_of, too_deep};

/// The whitespace JSON allows between tokens.
pub(super) const JSON_WS: [char; 4] = [' ', '\t', '\n', '\r'];

/// Where the structural scan found the articles of an object-form digest.
pub(super) struct Found {
    /// The `[...]` of the "articles" value, brackets included.
    pub(super) array: Range<usize>,
    /// Each element of that array, without surrounding whitespace.
    pub(super) spans: Vec<Range<usize>>,
    /// Where each element's list fields are, so the first pass decodes only those.
    pub(super) fields: Vec<Fields>,
}

/// The list fields the first pass reads, in the order of [`Fields::values`].
const FIELD_NAMES: [&[u8]; 5] = [b"id", b"headline", b"url", b"published", b"tags"];

/// Where an article's list fields' values are (without surrounding whitespace), if present.
///
/// The scan finds them on its way through, so the first pass decodes a few short slices per
/// article instead of running serde over the whole article: the rest of it, syntax included,
/// is read when the article is opened (as `check` and `add` do for every article).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Fields {
    /// `id`, `headline`, `url`, `published`, `tags`: start and end byte. 32 bits, because a
    /// digest is at most 256 MiB and this list is one entry per article, held during the parse.
    pub(super) values: [Option<(u32, u32)>; 5],
}

impl Found {
    /// Drops the spans and list fields, once the entries have been read from them.
    fn forget_lists(&mut self) {
        (self.spans, self.fields) = (Vec::new(), Vec::new());
    }
}

/// What [`scan`] found, and each half's list fields when it ran in two halves.
pub(super) type Scanned<H> = (Found, Option<(H, H)>);

/// Finds the article spans of an object-form digest in one pass over the text, checking the
/// nesting depth on the way (its error is exact). `Ok(None)` means "not sure": another form, an
/// escaped key, anything malformed around the articles; the exact path then decides.
///
/// A big digest is scanned in two halves at once (see [`split_point`]); the result is the one
/// scan from the start would give, or that scan itself when the halves do not join up.
///
/// When it ran in two halves, each half then also reads its own articles' list fields with
/// `heads` (the same thread, straight after its scan, so no second pair of threads is started
/// and the text is still in cache): the two results come back in file order, and the spans and
/// list fields are then dropped (`Found` holds none). `None` for them (one scan) leaves the
/// reading to the caller; a half that `heads` refused makes the answer `Ok(None)`.
pub(super) fn scan<H: Send>(
    text: &str,
    lead: usize,
    heads: &(impl Fn(&[Range<usize>], &[Fields]) -> Option<H> + Sync),
) -> Result<Option<Scanned<H>>, FormatError> {
    let b = text.as_bytes();
    if b.get(lead) != Some(&b'{') || u32::try_from(b.len()).is_err() {
        return Ok(None);
    }
    let Some(split) = split_point(b, lead) else {
        let mut scan = Scan::new(b);
        let found = scan.run(lead, b.len())?.and_then(|_| scan.found());
        return Ok(found.map(|f| (f, None)));
    };
    std::thread::scope(|scope| {
        let second = scope.spawn(|| {
            // Assumes the split is between two articles, which the first half then confirms.
            let mut scan = Scan::new(b);
            scan.depth = 2;
            scan.array = Some(split);
            let done = scan.run(split, b.len());
            let read = match (&done, &mut scan.found) {
                (Ok(Some(_)), Some(found)) if scan.depth == 0 => {
                    heads(&found.spans, &found.fields).inspect(|_| found.forget_lists())
                }
                _ => None,
            };
            (scan, done, read)
        });
        let mut first = Scan::new(b);
        let Some(reached) = first.run(lead, split)? else {
            return Ok(None);
        };
        if reached == split && first.between_articles_at_rest() {
            let mine = heads(&first.spans, &first.fields);
            if mine.is_some() {
                (first.spans, first.fields) = (Vec::new(), Vec::new());
            }
            let (second, done, theirs) = second
                .join()
                .map_err(|_| FormatError::plain("internal error while reading articles"))?;
            let Some(_) = done? else {
                return Ok(None);
            };
            // A half read has let go of its lists (a third of the first pass's peak): if the
            // other was refused, the exact path decides (a re-read would refuse it too).
            let (Some(mine), Some(theirs)) = (mine, theirs) else {
                return Ok(None);
            };
            return Ok(first.joined(second).map(|f| (f, Some((mine, theirs)))));
        }
        // The split was not between two articles after all: the first half goes on alone.
        let found = first.run(reached, b.len())?.and_then(|_| first.found());
        Ok(found.map(|f| (f, None)))
    })
}

/// Below this many bytes one thread scans quicker than two. Tests split small digests too, so
/// that every mangled digest in `format::tests` goes through both halves and their joining.
const PARALLEL_SCAN: usize = if cfg!(test) { 64 } else { 1 << 20 };

/// Where to split a big digest's scan: a line break near the middle whose neighbours (across
/// whitespace) are a comma before and an opening brace after, as between two articles. A raw
/// line break is never inside a JSON string, but `,\n{` also occurs inside an article (an
/// array of objects), so the first half checks the guess when it gets there.
fn split_point(b: &[u8], lead: usize) -> Option<usize> {
    if b.len() < PARALLEL_SCAN {
        return None;
    }
    let mut at = lead + (b.len() - lead) / 2;
    let limit = at + (b.len() - at) / 2;
    while at < limit {
        at += memchr::memchr(b'\n', &b[at..limit])?;
        let before = b[..at]
            .iter()
            .rev()
            .find(|c| !matches!(c, b' ' | b'\t' | b'\r'));
        if before == Some(&b',') && b.get(skip_ws(b, at)) == Some(&b'{') {
            return Some(at);
        }
        at += 1;
    }
    None
}

impl<'t> Scan<'t> {
    fn new(b: &'t [u8]) -> Scan<'t> {
        // Room for an article per KiB: grown by doubling, the lists left some 200 KiB resident
        // in the thread's malloc heap (40 MB digest). Untouched room costs no memory.
        Scan {
            b,
            depth: 0,
            articles_next: false,
            array: None,
            found: None,
            spans: Vec::with_capacity(b.len() / 1024 + 16),
            fields: Vec::with_capacity(b.len() / 1024 + 16),
            current: Fields::default(),
            pending: None,
            element: None,
        }
    }

    /// Scans from `i` until `until` (or the token that crosses it); returns where it stopped,
    /// or `None` when not sure.
    fn run(&mut self, mut i: usize, until: usize) -> Result<Option<usize>, FormatError> {
        let b = self.b;
        while i < until {
            let Some(last) = self.step(i)? else {
                return Ok(None);
            };
            i = last + 1;
            // Whitespace means nothing to any step: a pretty-printed digest is a fifth
            // indentation, skipped here without going through `step` byte by byte.
            while i < until && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
                i += 1;
            }
        }
        Ok(Some(i))
    }

    /// What a whole scan found, if it ended where it began (outside everything).
    fn found(self) -> Option<Found> {
        self.found.filter(|_| self.depth == 0)
    }

    /// Whether the scan is directly inside the articles array, between two elements.
    fn between_articles_at_rest(&self) -> bool {
        self.between_articles()
            && self.element.is_none()
            && self.pending.is_none()
            && !self.articles_next
            && self.found.is_none()
    }

    /// The first half's findings followed by the second's (which found where the array ends).
    fn joined(mut self, second: Scan<'_>) -> Option<Found> {
        let start = self.array?;
        let mut found = second.found()?;
        found.array.start = start;
        self.spans.append(&mut found.spans);
        self.fields.append(&mut found.fields);
        found.spans = self.spans;
        found.fields = self.fields;
        Some(found)
    }
}

/// The state of one structural scan. Each step handles the token at a byte and returns the index
/// of the last byte it consumed, or `None` when the scan is not sure (the exact path decides).
struct Scan<'t> {
    b: &'t [u8],
    depth: usize,
    /// After the "articles" key's colon: the next value is the articles array.
    articles_next: bool,
    /// Where the articles array opened, while the scan is inside it.
    array: Option<usize>,
    found: Option<Found>,
    spans: Vec<Range<usize>>,
    fields: Vec<Fields>,
    /// The list fields found so far in the article being scanned.
    current: Fields,
    /// A list field whose value is being scanned: its index in [`FIELD_NAMES`] and value start.
    pending: Option<(usize, usize)>,
    /// Where the article being scanned started.
    element: Option<usize>,
}

impl Scan<'_> {
    fn step(&mut self, i: usize) -> Result<Option<usize>, FormatError> {
        Ok(match self.b[i] {
            b'"' => self.string(i),
            b'[' | b'{' => return self.open(i),
            b']' | b'}' => self.close(i),
            b',' if self.between_articles() => self.comma(i),
            b',' if self.in_article() => self.field_end(i),
            // A number, literal or stray byte between articles.
            c if self.between_articles() && !matches!(c, b' ' | b'\t' | b'\n' | b'\r') => None,
            _ => Some(i),
        })
    }

    /// Whether the scan is directly inside the articles array.
    fn between_articles(&self) -> bool {
        self.array.is_some() && self.depth == 2
    }

    /// Whether the scan is directly inside an article object (or whatever the element is).
    fn in_article(&self) -> bool {
        self.array.is_some() && self.depth == 3
    }

    fn string(&mut self, start: usize) -> Option<usize> {
        let end = string_end(self.b, start + 1)?;
        if self.depth == 1 {
            return self.key(start, end);
        }
        if self.in_article() {
            return self.field_key(start, end);
        }
        if self.between_articles() && self.element.is_none() {
            self.element = Some(start);
        }
        Some(end)
    }

    /// A top-level string from `start` to `end` (its quotes): a key when a colon follows.
    fn key(&mut self, start: usize, end: usize) -> Option<usize> {
        let b = self.b;
        let after = skip_ws(b, end + 1);
        if b.get(after) != Some(&b':') {
            return Some(end);
        }
        let key = &b[start + 1..end];
        if key.contains(&b'\\') || key == b"headline" {
            // An escaped key, or a single article: the exact path handles those.
            return None;
        }
        if key != b"articles" {
            return Some(end);
        }
        let value = skip_ws(b, after + 1);
        if self.found.is_some() || self.array.is_some() || b.get(value) != Some(&b'[') {
            return None;
        }
        self.articles_next = true;
        Some(value - 1)
    }

    /// A string directly inside an article, from `start` to `end` (its quotes): when a colon
    /// follows it is a key, and a list field's value starts after the colon.
    fn field_key(&mut self, start: usize, end: usize) -> Option<usize> {
        let b = self.b;
        let after = skip_ws(b, end + 1);
        if b.get(after) != Some(&b':') {
            return Some(end);
        }
        let key = &b[start + 1..end];
        let Some(k) = FIELD_NAMES.iter().position(|name| *name == key) else {
            // An escaped key might name a list field once decoded: the exact path decides.
            return (!key.contains(&b'\\')).then_some(end);
        };
        if self.pending.is_some() || self.current.values[k].is_some() {
            // A duplicate field (or a missing comma): serde refuses it, so the exact path decides.
            return None;
        }
        self.pending = Some((k, skip_ws(b, after + 1)));
        Some(after)
    }

    /// A comma or the closing brace directly inside an article at `i`: a list field's value,
    /// if one was being scanned, ends here.
    fn field_end(&mut self, i: usize) -> Option<usize> {
        if let Some((k, start)) = self.pending.take() {
            let mut end = i;
            while end > start && matches!(self.b[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
                end -= 1;
            }
            // `scan` leaves texts of 4 GiB or more to the exact path, so these fit.
            self.current.values[k] = Some((start as u32, end as u32));
        }
        Some(i)
    }

    fn open(&mut self, i: usize) -> Result<Option<usize>, FormatError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(FormatError::at(position_of(self.b, i), too_deep()));
        }
        if self.articles_next {
            self.articles_next = false;
            if self.b[i] != b'[' || self.depth != 2 {
                return Ok(None);
            }
            self.array = Some(i);
        } else if self.array.is_some() && self.depth == 3 && self.element.is_none() {
            self.element = Some(i);
        }
        Ok(Some(i))
    }

    fn close(&mut self, i: usize) -> Option<usize> {
        if self.array.is_some() && self.depth == 3 {
            // An element just closed; the next thing must be a comma or the array's end.
            self.field_end(i);
            if let Some(start) = self.element.take() {
                self.spans.push(start..i + 1);
                self.fields.push(std::mem::take(&mut self.current));
            }
            let next = skip_ws(self.b, i + 1);
            if !matches!(self.b.get(next), Some(b',') | Some(b']')) {
                return None;
            }
        } else if let (Some(start), 2) = (self.array, self.depth) {
            if self.b[i] != b']' || self.element.is_some() {
                return None;
            }
            self.found = Some(Found {
                array: start..i + 1,
                spans: std::mem::take(&mut self.spans),
                fields: std::mem::take(&mut self.fields),
            });
            self.array = None;
        }
        self.depth = self.depth.saturating_sub(1);
        Some(i)
    }

    fn comma(&mut self, i: usize) -> Option<usize> {
        // Only objects are articles; anything else (and an empty slot) goes the exact way.
        if self.element.is_some() || self.spans.is_empty() {
            return None;
        }
        let next = skip_ws(self.b, i + 1);
        matches!(self.b.get(next), Some(b'{')).then_some(i)
    }
}

/// The index of the first byte at or after `i` that is not JSON whitespace.
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// Refuses JSON nested deeper than [`MAX_DEPTH`], which the typed decoders would skip unchecked
/// inside unknown fields.
pub(super) fn check_depth(text: &str) -> Result<(), FormatError> {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = string_end(bytes, i + 1).unwrap_or(bytes.len());
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(FormatError::at(position_of(bytes, i), too_deep()));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// The index of the quote that closes a JSON string whose contents start at `from`, if any.
///
/// Strings are most of a digest, and memchr jumps through them many times faster than a
/// byte-by-byte state machine. It looks for quotes only: a quote is escaped exactly when an odd
/// number of backslashes precede it (each backslash pair is one escaped backslash). Stopping at
/// every backslash instead was slow on files that escape every non-ASCII character (`\u00e9`).
pub(super) fn string_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    let start = from;
    loop {
        let at = from + memchr::memchr(b'"', bytes.get(from..)?)?;
        let slashes = bytes[start..at]
            .iter()
            .rev()
            .take_while(|&&c| c == b'\\')
            .count();
        if slashes % 2 == 0 {
            return Some(at);
        }
        from = at + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_end_at_the_first_unescaped_quote() {
        let end = |s: &str| string_end(s.as_bytes(), 1);
        assert_eq!(end(r#""abc" x"#), Some(4));
        assert_eq!(end(r#""a\"bc" x"#), Some(6));
        assert_eq!(end(r#""a\\" x"#), Some(4));
        assert_eq!(end(r#""\\\"\u00e9" x"#), Some(11));
        assert_eq!(end(r#""\\\\" x"#), Some(5));
        assert_eq!(end(r#""\"#), None);
        assert_eq!(end(r#""abc\""#), None);
    }

    #[test]
    fn depth_ignores_brackets_inside_strings() {
        let deep_in_string = format!(r#"{{"a": "{}\"{}"}}"#, "[".repeat(500), "{".repeat(500));
        assert_eq!(check_depth(&deep_in_string), Ok(()));
        // An escaped backslash ends the escape: the quote after it closes the string.
        let json = format!(
            r#"["\\", {}{}]"#,
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        let e = check_depth(&json).unwrap_err();
        assert_eq!((e.line, e.column), (Some(1), Some(135)));
    }

    /// The scan from the start, on one thread.
    fn one_scan(text: &str) -> Option<Found> {
        let mut scan = Scan::new(text.as_bytes());
        scan.run(0, text.len()).unwrap()?;
        scan.found()
    }

    #[test]
    fn two_halves_find_what_one_scan_finds() {
        let inner = format!(
            r#"{{"articles":[{{"headline":"a","x":[{}{{}}]}},{{"headline":"b"}}]}}"#,
            "{},\n".repeat(60)
        );
        for text in [
            crate::synth::digest(40, 2),
            crate::synth::short_digest(40, 2),
            inner.into_bytes(),
        ] {
            let text = String::from_utf8(text).unwrap();
            assert!(split_point(text.as_bytes(), 0).is_some());
            // Each half hands its own lists to `heads`: in file order, what one scan finds.
            let copy = |s: &[Range<usize>], f: &[Fields]| Some((s.to_vec(), f.to_vec()));
            let one = one_scan(&text).unwrap();
            let (two, halves) = scan(&text, 0, &copy).unwrap().unwrap();
            assert_eq!(one.array, two.array);
            let none = |_: &[Range<usize>], _: &[Fields]| None::<()>;
            let refused = scan(&text, 0, &none).unwrap().map(|(f, h)| (f.fields, h));
            let Some(((mut spans, mut fields), (more_spans, more_fields))) = halves else {
                // The split was inside an article (`inner`): one scan went on alone.
                assert_eq!(refused, Some((one.fields.clone(), None)));
                assert_eq!((one.spans, one.fields), (two.spans, two.fields));
                continue;
            };
            spans.extend(more_spans);
            fields.extend(more_fields);
            assert_eq!((one.spans, one.fields), (spans, fields));
            // Once read, the lists are let go of; a refused half sends the digest the exact way.
            assert!(two.spans.is_empty() && two.fields.is_empty() && refused.is_none());
        }
    }
}
