//! Digest format v1: the JSON wire types, the first pass that builds the article list, and the
//! per-article decoder. Pure: bytes in, model out, no IO.
//!
//! The first pass checks the whole file's JSON syntax but decodes only what the article list needs
//! (see [`Entry`]); each article's body is decoded from its byte span when it is opened. `check`
//! and `add` decode every body, so an invalid file is never accepted.
//!
//! The first pass has two ways through: a fast one (`scan` finds the article spans, then serde
//! reads each article on two threads) for well-formed object-form digests, and an exact one
//! (serde reads the whole top level) for everything else and for every error, so what a user is
//! told never depends on which way ran.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::model::digest::{Article, ArticleId, Commentator, Entry, Section};
use crate::sanitize;

/// How deep JSON may nest; serde_json refuses deeper input, and no valid digest comes close.
pub const MAX_DEPTH: usize = 128;

/// A problem with a digest's content, with its 1-based line and column (in bytes) when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// 1-based line of the problem, when it has a position.
    pub line: Option<usize>,
    /// 1-based byte column of the problem, when it has a position.
    pub column: Option<usize>,
    /// What is wrong, and where possible what to do about it.
    pub message: String,
}

impl FormatError {
    /// An error with no position in the file.
    pub fn plain(message: impl Into<String>) -> Self {
        FormatError {
            line: None,
            column: None,
            message: message.into(),
        }
    }

    fn at(pos: (usize, usize), message: impl Into<String>) -> Self {
        FormatError {
            line: Some(pos.0),
            column: Some(pos.1),
            message: message.into(),
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{l}:{c}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for FormatError {}

const BOM: &str = "\u{feff}";

/// The whitespace JSON allows between tokens.
const JSON_WS: [char; 4] = [' ', '\t', '\n', '\r'];

#[derive(Deserialize)]
struct TopWire<'a> {
    title: Option<String>,
    published: Option<String>,
    source: Option<String>,
    #[serde(borrow)]
    articles: Option<Vec<&'a RawValue>>,
    /// Whether the key is present at all, even as `null`: that makes the file a single article.
    #[serde(default, deserialize_with = "present")]
    headline: Option<()>,
}

/// Looks only for a top-level "headline", for when [`TopWire`] failed on a single article's own
/// fields (its "title" or "articles" are unknown fields of an article, so they are ignored).
#[derive(Deserialize)]
struct ProbeWire {
    #[serde(default, deserialize_with = "present")]
    headline: Option<()>,
}

/// Records that a key is present, whatever its value; `Option` alone would read `null` as absent.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<()>, D::Error> {
    serde::de::IgnoredAny::deserialize(d).map(|_| Some(()))
}

/// The list-level fields of an article; the body fields are skipped without allocating, which
/// is what makes the first pass several times cheaper than decoding everything.
#[derive(Deserialize)]
struct HeadWire {
    id: Option<String>,
    headline: Option<String>,
    url: Option<String>,
    published: Option<String>,
    tags: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct ArticleWire {
    headline: Option<String>,
    summary: Option<String>,
    url: Option<String>,
    source: Option<String>,
    published: Option<String>,
    tags: Option<Vec<String>>,
    context: Option<Vec<String>>,
    sections: Option<Vec<SectionWire>>,
    commentators: Option<Vec<CommentatorWire>>,
}

#[derive(Deserialize)]
struct SectionWire {
    heading: String,
    #[serde(default)]
    bullets: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct CommentatorWire {
    name: String,
    role: Option<String>,
    viewpoint: String,
}

/// A loaded digest: its metadata, the list entries, and the source its bodies decode from.
///
/// It keeps its source text and decodes an article's body only when asked, so a huge digest
/// shows its list long before every article has been decoded.
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
    pub(crate) form: Form,
}

impl Digest {
    /// Decodes the full body of article `index`; errors carry positions in the digest's file.
    pub fn article(&self, index: usize) -> Result<Article, FormatError> {
        let entry = self
            .entries
            .get(index)
            .ok_or_else(|| FormatError::plain("no such article"))?;
        decode_article(&self.text, entry.span.clone(), self.form, index)
    }

    /// Decodes every article, for callers that must know the whole digest is valid (`check`, `add`).
    pub fn validate(&self) -> Result<(), FormatError> {
        // `parse` has already refused JSON nested too deep, so only the bodies remain to check.
        (0..self.entries.len()).try_for_each(|i| self.article(i).map(|_| ()))
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

/// Which of the three top-level forms a digest uses; it decides how articles are named in errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// `{"articles": [...]}`: articles are named `articles[i]`.
    Object,
    /// `[...]`: articles are named `[i]`, their JSON path.
    Array,
    /// One article object: it is named `article`.
    Single,
}

/// How errors and warnings name article `index` of a digest in `form`.
pub(crate) fn article_label(form: Form, index: usize) -> String {
    match form {
        Form::Object => format!("articles[{index}]"),
        Form::Array => format!("[{index}]"),
        Form::Single => "article".to_string(),
    }
}

/// Reads a digest from raw bytes; `fallback_title` titles a digest that has none (its file name).
pub fn parse(bytes: &[u8], fallback_title: &str) -> Result<Digest, FormatError> {
    parse_owned(bytes.to_vec(), fallback_title)
}

/// [`parse`] for bytes the digest may keep: the text is not copied, so a big digest costs its
/// file size in memory once, not twice.
pub fn parse_owned(mut bytes: Vec<u8>, fallback_title: &str) -> Result<Digest, FormatError> {
    let bom = if bytes.starts_with(BOM.as_bytes()) {
        BOM.len()
    } else {
        0
    };
    // simdutf8 validates several times faster than std on text with non-ASCII sprinkled through
    // it, which is what digests are; std then finds where the error is, on the error path only.
    if simdutf8::basic::from_utf8(&bytes[bom..]).is_err()
        && let Err(e) = std::str::from_utf8(&bytes[bom..])
    {
        let offset = bom + e.valid_up_to();
        // Positions count from after the BOM, as serde_json's do for every other error.
        let pos = position_of(&bytes[bom..], offset - bom);
        return Err(FormatError::at(
            pos,
            format!("invalid UTF-8 at byte offset {offset}: a digest must be UTF-8 text"),
        ));
    }
    bytes.drain(..bom);
    // SAFETY: `bytes[bom..]` was validated as UTF-8 just above (simdutf8, else std, returned
    // early on error) and the BOM, a whole UTF-8 sequence, was removed from the front.
    // `String::from_utf8` would validate all of it a second time, which costs more than the whole
    // rest of the first pass on a big digest.
    let text: Arc<String> = Arc::new(unsafe { String::from_utf8_unchecked(bytes) });
    // Only JSON's own whitespace: anything else (a no-break space, say) is not JSON.
    let lead = text.len() - text.trim_start_matches(JSON_WS).len();
    let Some(first) = text[lead..].chars().next() else {
        return Err(FormatError::plain(
            "empty file: a digest is a JSON object with an \"articles\" array (see docs/format.md)",
        ));
    };
    // The fast path finds the articles with one structural scan and lets each article's own
    // decode (on two cores) check its syntax. Anything it is not sure of, and every error, goes
    // the exact way instead, so messages and positions never depend on which path ran.
    let (title, published, source, form, entries) = match fast(&text, lead)? {
        Some(found) => found,
        None => exact(&text, first, lead)?,
    };
    let title = title
        .map(|t| sanitize::line(&t).trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| sanitize::line(fallback_title).trim().to_string());
    Ok(Digest {
        title,
        published: published.map(sanitize::line_owned),
        source: source.map(sanitize::line_owned),
        entries,
        text,
        form,
    })
}

/// Finds the articles of a digest in one of its three top-level forms.
fn top_level(text: &str, first: char, lead: usize) -> Result<Top, FormatError> {
    match first {
        '{' => top_object(text),
        '[' => {
            let raws: Vec<&RawValue> = decode(text, 0, None)?;
            Ok((
                None,
                None,
                None,
                Form::Array,
                raws.iter().map(|r| span_of(text, r)).collect(),
            ))
        }
        '<' => Err(FormatError::at(
            position_of(text.as_bytes(), lead),
            "not JSON: this looks like XML (an RSS or Atom feed?); newsdeck reads JSON digests (see docs/format.md)",
        )),
        _ => {
            // Let serde_json say exactly what it found, then say what was expected.
            Err(match decode::<serde_json::Value>(text, 0, None) {
                Err(err) => FormatError {
                    message: format!(
                        "not JSON: {}",
                        err.message.trim_start_matches("invalid JSON: ")
                    ),
                    ..err
                },
                Ok(value) => FormatError::at(
                    position_of(text.as_bytes(), lead),
                    format!(
                        "not a digest: the top level is {}, and a digest is a JSON object or array (see docs/format.md)",
                        match value {
                            serde_json::Value::String(_) => "a string",
                            serde_json::Value::Number(_) => "a number",
                            serde_json::Value::Bool(_) => "a boolean",
                            _ => "null",
                        }
                    ),
                ),
            })
        }
    }
}

/// A digest's own fields, its form and its list entries.
type Read = (
    Option<String>,
    Option<String>,
    Option<String>,
    Form,
    Vec<Entry>,
);

/// The fast first pass; `Ok(None)` when it is not sure (then [`exact`] decides).
fn fast(text: &str, lead: usize) -> Result<Option<Read>, FormatError> {
    let Some(found) = scan(text, lead)? else {
        return Ok(None);
    };
    Ok(
        fast_top(text, found).and_then(|((title, published, source), spans)| {
            let entries = heads(text, &spans, Form::Object).ok()?;
            Some((title, published, source, Form::Object, entries))
        }),
    )
}

/// The exact first pass: serde_json reads the whole top level, so every error is its own.
fn exact(text: &str, first: char, lead: usize) -> Result<Read, FormatError> {
    // Before any decoding: the typed decoders skip unknown values without a depth limit, and a
    // lazily opened article must not be the first to find out.
    check_depth(text)?;
    let (title, published, source, form, spans) = top_level(text, first, lead)?;
    let entries = heads(text, &spans, form)?;
    Ok((title, published, source, form, entries))
}

/// Where the structural scan found the articles of an object-form digest.
struct Found {
    /// The `[...]` of the "articles" value, brackets included.
    array: Range<usize>,
    /// Each element of that array, without surrounding whitespace.
    spans: Vec<Range<usize>>,
}

/// Finds the article spans of an object-form digest in one pass over the text, checking the
/// nesting depth on the way (its error is exact). `Ok(None)` means "not sure": another form, an
/// escaped key, anything malformed around the articles; the exact path then decides.
fn scan(text: &str, lead: usize) -> Result<Option<Found>, FormatError> {
    let b = text.as_bytes();
    if b.get(lead) != Some(&b'{') {
        return Ok(None);
    }
    let skip_ws = |mut i: usize| {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        i
    };
    let (mut depth, mut i) = (0usize, lead);
    // After the "articles" key's colon: the next value is the articles array.
    let mut articles_next = false;
    let mut array: Option<usize> = None;
    let mut found: Option<Found> = None;
    let mut spans = Vec::new();
    let mut element: Option<usize> = None;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i;
                let Some(end) = string_end(b, i + 1) else {
                    return Ok(None);
                };
                i = end;
                if depth == 1 {
                    let after = skip_ws(i + 1);
                    if b.get(after) == Some(&b':') {
                        let key = &b[start + 1..i];
                        if key.contains(&b'\\') || key == b"headline" {
                            // An escaped key, or a single article: the exact path handles those.
                            return Ok(None);
                        }
                        if key == b"articles" {
                            let value = skip_ws(after + 1);
                            if found.is_some() || array.is_some() || b.get(value) != Some(&b'[') {
                                return Ok(None);
                            }
                            articles_next = true;
                            i = value - 1;
                        }
                    }
                } else if array.is_some() && depth == 2 && element.is_none() {
                    element = Some(start);
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(FormatError::at(
                        position_of(b, i),
                        format!(
                            "nesting too deep: newsdeck reads at most {MAX_DEPTH} levels of JSON"
                        ),
                    ));
                }
                if articles_next {
                    articles_next = false;
                    if b[i] != b'[' || depth != 2 {
                        return Ok(None);
                    }
                    array = Some(i);
                } else if array.is_some() && depth == 3 && element.is_none() {
                    element = Some(i);
                }
            }
            b']' | b'}' => {
                if array.is_some() && depth == 3 {
                    // An element just closed; the next thing must be a comma or the array's end.
                    if let Some(start) = element.take() {
                        spans.push(start..i + 1);
                    }
                    let next = skip_ws(i + 1);
                    if !matches!(b.get(next), Some(b',') | Some(b']')) {
                        return Ok(None);
                    }
                } else if let (Some(start), 2) = (array, depth) {
                    if b[i] != b']' || element.is_some() {
                        return Ok(None);
                    }
                    found = Some(Found {
                        array: start..i + 1,
                        spans: std::mem::take(&mut spans),
                    });
                    array = None;
                }
                depth = depth.saturating_sub(1);
            }
            b',' if array.is_some() && depth == 2 => {
                // Only objects are articles; anything else (and an empty slot) goes the exact way.
                if element.is_some() || spans.is_empty() {
                    return Ok(None);
                }
                let next = skip_ws(i + 1);
                if !matches!(b.get(next), Some(b'{')) {
                    return Ok(None);
                }
            }
            c if array.is_some() && depth == 2 && !matches!(c, b' ' | b'\t' | b'\n' | b'\r') => {
                // A number, literal or stray byte between articles.
                return Ok(None);
            }
            _ => {}
        }
        i += 1;
    }
    Ok(found.filter(|_| depth == 0))
}

/// The fast path's top level: the digest's own fields, read from the text with the articles
/// array left out (each article is read on its own). `None` sends the caller the exact way.
type Meta = (Option<String>, Option<String>, Option<String>);

fn fast_top(text: &str, found: Found) -> Option<(Meta, Vec<Range<usize>>)> {
    let mut outer = String::with_capacity(text.len() - found.array.len() + 2);
    outer.push_str(&text[..found.array.start]);
    outer.push_str("[]");
    outer.push_str(&text[found.array.end..]);
    let top: TopWire = serde_json::from_str(&outer).ok()?;
    if top.headline.is_some() {
        return None;
    }
    Some(((top.title, top.published, top.source), found.spans))
}

type Top = (
    Option<String>,
    Option<String>,
    Option<String>,
    Form,
    Vec<Range<usize>>,
);

fn top_object(text: &str) -> Result<Top, FormatError> {
    let top: TopWire = match decode(text, 0, None) {
        Ok(top) => top,
        Err(err) => {
            return match serde_json::from_str::<ProbeWire>(text) {
                Ok(ProbeWire { headline: Some(()) }) => Ok(single(text)),
                _ => Err(err),
            };
        }
    };
    if top.headline.is_some() {
        return Ok(single(text));
    }
    let Some(raws) = top.articles else {
        return Err(FormatError::at(
            (1, 1),
            "no \"articles\" array: a digest is {\"articles\": [...]}, an array of articles, or one article with a \"headline\" (see docs/format.md)",
        ));
    };
    let spans = raws.iter().map(|r| span_of(text, r)).collect();
    Ok((top.title, top.published, top.source, Form::Object, spans))
}

/// A single-article digest: its one article spans the text bar the surrounding whitespace.
fn single(text: &str) -> Top {
    let start = text.len() - text.trim_start_matches(JSON_WS).len();
    let end = text.trim_end_matches(JSON_WS).len();
    // One span, not a range of indices: the list of article spans has one element here.
    #[allow(clippy::single_range_in_vec_init)]
    let spans = vec![start..end];
    (None, None, None, Form::Single, spans)
}

fn span_of(text: &str, raw: &RawValue) -> Range<usize> {
    let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    start..start + raw.get().len()
}

/// Below this many articles one thread is quicker than starting a second.
const PARALLEL_HEADS: usize = 2048;

/// Decodes every article's list fields, on two threads for big digests: the spans are known, so
/// the halves are independent. Reports the first error in file order, as one thread would.
fn heads(text: &str, spans: &[Range<usize>], form: Form) -> Result<Vec<Entry>, FormatError> {
    // Sized up front: collecting through `Result` would grow the vector by doubling, and the
    // slack is memory a big digest keeps for as long as it is open.
    let run = |from: usize, part: &[Range<usize>], capacity: usize| {
        let mut entries = Vec::with_capacity(capacity);
        for (k, span) in part.iter().enumerate() {
            entries.push(head(text, span.clone(), form, from + k)?);
        }
        Ok::<_, FormatError>(entries)
    };
    if spans.len() < PARALLEL_HEADS {
        return run(0, spans, spans.len());
    }
    let mid = spans.len() / 2;
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| run(mid, &spans[mid..], spans.len() - mid));
        (run(0, &spans[..mid], spans.len()), second.join())
    });
    let second = second.map_err(|_| FormatError::plain("internal error while reading articles"))?;
    let mut entries = first?;
    entries.extend(second?);
    Ok(entries)
}

fn head(text: &str, span: Range<usize>, form: Form, index: usize) -> Result<Entry, FormatError> {
    let label = article_label(form, index);
    if !text[span.clone()].starts_with('{') {
        return Err(FormatError::at(
            position_of(text.as_bytes(), span.start),
            format!("{label}: an article must be a JSON object with a \"headline\""),
        ));
    }
    let wire: HeadWire = decode(&text[span.clone()], span.start, Some((text, &label)))?;
    let headline = checked_headline(wire.headline, text, &span, &label)?;
    let tags: Vec<String> = wire
        .tags
        .unwrap_or_default()
        .into_iter()
        .map(sanitize::line_owned)
        .collect();
    // Ids are shown in `check` warnings and stored in read state: sanitised like any other text.
    let id = wire.id.map(sanitize::line_owned);
    let url = wire.url.map(sanitize::line_owned);
    let published = wire.published.map(sanitize::line_owned);
    let id = ArticleId::derive(
        id.as_deref(),
        url.as_deref(),
        &headline,
        published.as_deref(),
    );
    Ok(Entry {
        id,
        headline,
        tags,
        span,
    })
}

fn checked_headline(
    headline: Option<String>,
    text: &str,
    span: &Range<usize>,
    label: &str,
) -> Result<String, FormatError> {
    // Only on error: counting lines from the top for every article made loading quadratic.
    let pos = || position_of(text.as_bytes(), span.start);
    let Some(headline) = headline else {
        return Err(FormatError::at(
            pos(),
            format!("{label}: missing \"headline\""),
        ));
    };
    // Sanitise first: a headline of control characters alone is empty once they are removed.
    let clean = sanitize::line(&headline);
    let trimmed = clean.trim();
    if trimmed.is_empty() {
        return Err(FormatError::at(
            pos(),
            format!("{label}: \"headline\" is empty"),
        ));
    }
    Ok(trimmed.to_string())
}

/// Decodes the full body of one article from its span in the digest's text.
pub(crate) fn decode_article(
    text: &str,
    span: Range<usize>,
    form: Form,
    index: usize,
) -> Result<Article, FormatError> {
    let label = article_label(form, index);
    let w: ArticleWire = decode(&text[span.clone()], span.start, Some((text, &label)))?;
    let headline = checked_headline(w.headline, text, &span, &label)?;
    let lines = |v: Option<Vec<String>>| -> Vec<String> {
        v.unwrap_or_default()
            .into_iter()
            .map(sanitize::block_owned)
            .collect()
    };
    Ok(Article {
        headline,
        published: w.published.map(sanitize::line_owned),
        source: w.source.map(sanitize::line_owned),
        url: w.url.map(sanitize::line_owned),
        tags: w
            .tags
            .unwrap_or_default()
            .into_iter()
            .map(sanitize::line_owned)
            .collect(),
        summary: sanitize::block_owned(w.summary.unwrap_or_default()),
        context: lines(w.context),
        sections: w
            .sections
            .unwrap_or_default()
            .into_iter()
            .map(|s| Section {
                heading: sanitize::line_owned(s.heading),
                bullets: lines(s.bullets),
            })
            .collect(),
        commentators: w
            .commentators
            .unwrap_or_default()
            .into_iter()
            .map(|c| Commentator {
                name: sanitize::line_owned(c.name),
                role: c.role.map(sanitize::line_owned),
                viewpoint: sanitize::block_owned(c.viewpoint),
            })
            .collect(),
    })
}

/// Deserialises `slice` (which starts at byte `offset` of the whole text), turning serde_json's
/// errors into file positions and, for errors inside an article, naming the field's path.
fn decode<'a, T: Deserialize<'a>>(
    slice: &'a str,
    offset: usize,
    within: Option<(&str, &str)>,
) -> Result<T, FormatError> {
    // The fast path does not track paths; on error, decode again to learn where it failed.
    match serde_json::from_str::<T>(slice) {
        Ok(v) => Ok(v),
        Err(plain) => {
            let mut de = serde_json::Deserializer::from_str(slice);
            let path = match serde_path_to_error::deserialize::<_, T>(&mut de) {
                Err(e) => e.path().to_string(),
                Ok(_) => String::new(),
            };
            Err(convert(&plain, &path, offset, within))
        }
    }
}

fn convert(
    err: &serde_json::Error,
    path: &str,
    offset: usize,
    within: Option<(&str, &str)>,
) -> FormatError {
    let full = err.to_string();
    // serde_json appends exactly this; user text quoted in the message may hold " at line " too.
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let mut msg = match full.strip_suffix(&suffix) {
        Some(m) if err.line() != 0 => m.to_string(),
        _ => full.clone(),
    };
    if msg.contains("recursion limit exceeded") {
        msg = format!("nesting too deep: newsdeck reads at most {MAX_DEPTH} levels of JSON");
    } else if err.is_syntax() || err.is_eof() {
        // serde_json's words for a lone UTF-16 surrogate ("\ud800") do not say what is wrong.
        let hint = if msg.contains("hex escape") {
            " (\\ud800 to \\udfff must come in surrogate pairs)"
        } else {
            ""
        };
        msg = format!("invalid JSON: {msg}{hint}");
    }
    let (label, path) = match within {
        Some((_, label)) => (label, path),
        None => ("", path),
    };
    let path = if path == "." || path == "?" { "" } else { path };
    let name = match (label.is_empty(), path.is_empty()) {
        (true, true) => String::new(),
        (true, false) => format!("{path}: "),
        (false, true) => format!("{label}: "),
        (false, false) if path.starts_with('[') => format!("{label}{path}: "),
        (false, false) => format!("{label}.{path}: "),
    };
    let message = tidy(&format!("{name}{msg}"));
    if err.line() == 0 {
        return FormatError::plain(message);
    }
    let (line, column) = match within {
        Some((text, _)) => {
            let (base_line, base_col) = position_of(text.as_bytes(), offset);
            if err.line() == 1 {
                (base_line, base_col + err.column().saturating_sub(1))
            } else {
                (base_line + err.line() - 1, err.column())
            }
        }
        None => (err.line(), err.column()),
    };
    FormatError::at((line, column.max(1)), message)
}

/// The longest error message kept whole; serde quotes the offending value, which may be huge.
const MAX_MESSAGE_CHARS: usize = 300;

/// Makes an error message safe to print: serde quotes the file's own text in it ("invalid type:
/// string \"...\""), which may hold escape sequences or be 10,000 characters long.
fn tidy(message: &str) -> String {
    let clean = sanitize::line(message);
    match clean.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &clean[..cut]),
        None => clean.into_owned(),
    }
}

/// Refuses JSON nested deeper than [`MAX_DEPTH`], which the typed decoders would skip unchecked
/// inside unknown fields.
pub(crate) fn check_depth(text: &str) -> Result<(), FormatError> {
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
                    return Err(FormatError::at(
                        position_of(bytes, i),
                        format!(
                            "nesting too deep: newsdeck reads at most {MAX_DEPTH} levels of JSON"
                        ),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[derive(Deserialize)]
struct SearchWire<'a> {
    #[serde(borrow)]
    summary: Option<&'a RawValue>,
    #[serde(borrow)]
    commentators: Option<Vec<NameRawWire<'a>>>,
}

#[derive(Deserialize)]
struct NameRawWire<'a> {
    #[serde(borrow)]
    name: Option<&'a RawValue>,
}

/// The summary and commentator names of the article at `span`, for the filter's index: the byte
/// range of each string's text when its JSON has no escapes (so it can be searched in place),
/// else the decoded string. Anything that is not a string is left out.
pub(crate) fn search_strings(text: &str, span: Range<usize>) -> Vec<Result<Range<usize>, String>> {
    let Some(Ok(wire)) = text.get(span).map(serde_json::from_str::<SearchWire>) else {
        return Vec::new();
    };
    let names = wire
        .commentators
        .into_iter()
        .flatten()
        .filter_map(|c| c.name);
    wire.summary
        .into_iter()
        .chain(names)
        .filter_map(|raw| {
            let json = raw.get();
            if !json.starts_with('"') {
                return None;
            }
            if json.contains('\\') {
                return serde_json::from_str::<String>(json).ok().map(Err);
            }
            let start = json.as_ptr() as usize - text.as_ptr() as usize + 1;
            Some(Ok(start..start + json.len() - 2))
        })
        .collect()
}

/// The index of the quote that closes a JSON string whose contents start at `from`, if any.
///
/// Strings are most of a digest, and memchr jumps through them many times faster than a
/// byte-by-byte state machine; only quotes and backslashes matter inside.
fn string_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    while from < bytes.len() {
        let k = memchr::memchr2(b'"', b'\\', &bytes[from..])?;
        if bytes[from + k] == b'"' {
            return Some(from + k);
        }
        from += k + 2;
    }
    None
}

/// 1-based line and byte column of byte `offset` in `text`.
fn position_of(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    (line, before.len() - line_start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn positions_are_one_based_byte_columns() {
        let text = "ab\n漢x";
        assert_eq!(position_of(text.as_bytes(), 0), (1, 1));
        assert_eq!(position_of(text.as_bytes(), 3), (2, 1));
        assert_eq!(position_of(text.as_bytes(), 6), (2, 4));
        // Past the end clamps rather than panics.
        assert_eq!(position_of(text.as_bytes(), 99), (2, 5));
    }

    #[test]
    fn tidy_sanitises_and_cuts_at_a_char_boundary() {
        assert_eq!(tidy("a\u{1b}[2Jb"), "a[2Jb");
        let long = "漢".repeat(MAX_MESSAGE_CHARS + 10);
        let cut = tidy(&long);
        assert_eq!(cut.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn body_errors_name_articles_as_the_list_does() {
        let d = parse(br#"[{"headline": "a", "context": 1}]"#, "t").unwrap();
        assert!(
            d.article(0)
                .unwrap_err()
                .message
                .starts_with("[0].context: ")
        );
        let d = parse(br#"  {"headline": "a", "context": 1}"#, "t").unwrap();
        assert!(
            d.article(0)
                .unwrap_err()
                .message
                .starts_with("article.context: ")
        );
        assert_eq!(d.article(1).unwrap_err().message, "no such article");
    }

    /// Runs both first passes on `text`: the fast one must agree with the exact one whenever it
    /// gives an answer, and must never accept what the exact one refuses.
    fn agree(text: &str) {
        let lead = text.len() - text.trim_start_matches(JSON_WS).len();
        let Some(first) = text[lead..].chars().next() else {
            return;
        };
        let exact = exact(text, first, lead);
        match fast(text, lead) {
            Ok(Some(fast)) => {
                let exact = exact.expect("the fast path accepted what the exact path refuses");
                assert_eq!(
                    (&fast.0, &fast.1, &fast.2, &fast.4),
                    (&exact.0, &exact.1, &exact.2, &exact.4)
                );
            }
            // A depth error is exact on both paths.
            Err(e) => assert_eq!(Err(e), exact.map(|_| ())),
            Ok(None) => {}
        }
    }

    #[test]
    fn fast_and_exact_first_passes_agree_on_valid_and_mangled_digests() {
        let base = String::from_utf8(crate::synth::digest(6, 5)).unwrap();
        assert!(
            matches!(fast(&base, 0), Ok(Some(_))),
            "a plain digest takes the fast path"
        );
        agree(&base);
        agree(r#"{"articles":[]}"#);
        agree(r#"{"title":"t","articles":[{"headline":"a"}],"articles":[]}"#);
        agree(r#"{"articles":5,"x":[{"headline":"a"}]}"#);
        agree(r#"{"articles":[{"headline":"a"},]}"#);
        agree(r#"{"articles":[{"headline":"a"} {"headline":"b"}]}"#);
        agree(r#"{"articles":[{"headline":"a"},"x"]}"#);
        agree(r#"{"articles":[{"headline":"a"}]} trailing"#);
        agree(r#"{"\u0061rticles":[{"headline":"a"}]}"#);
        agree(r#"{"articles":[{"headline":"a","x":"\"]}"}]}"#);
        // Every single-byte change of structural characters near the articles.
        let structural = [b'{', b'}', b'[', b']', b',', b':', b'"', b' ', b'\\', b'x'];
        let bytes = base.as_bytes();
        let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..3000 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let at = (rng as usize) % bytes.len();
            let with = structural[(rng >> 32) as usize % structural.len()];
            let mut mangled = bytes.to_vec();
            match (rng >> 40) % 3 {
                0 => mangled[at] = with,
                1 => mangled.insert(at, with),
                _ => {
                    mangled.remove(at);
                }
            }
            if let Ok(text) = String::from_utf8(mangled) {
                agree(&text);
            }
        }
    }
}
