//! The wire types of digest format v1 for the first pass, and their decoders: the top level and
//! each article's list fields (heads). An article's full body is `article.rs`'s, the strings the
//! filter searches `search_text.rs`'s.

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::{FormatError, decode, position_of};
use super::scan::{Fields, Found, JSON_WS};
use super::{plain, text};
use crate::model::digest::{ArticleId, EntriesBuilder, Entry, Place};
use crate::sanitize;

#[derive(Deserialize)]
struct TopWire<'a> {
    /// The digest's own identity for read state (see [`crate::model::digest::DigestKey`]).
    id: Option<String>,
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

/// Which of the three top-level forms a digest uses; it decides how articles are named in errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
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

/// Finds the articles of a digest in one of its three top-level forms.
pub(super) fn top_level(text: &str, first: char, lead: usize) -> Result<Top, FormatError> {
    match first {
        '{' => top_object(text),
        '[' => {
            let raws: Vec<&RawValue> = decode(text, 0, None)?;
            Ok((
                Meta::default(),
                Form::Array,
                raws.iter().map(|r| span_of(text, r)).collect(),
            ))
        }
        '<' => Err(FormatError::at(
            position_of(text.as_bytes(), lead),
            "not JSON: this looks like XML (an RSS or Atom feed?); newsdeck reads JSON digests (see `newsdeck help format`)",
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
                        "not a digest: the top level is {}, and a digest is a JSON object or array (see `newsdeck help format`)",
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

/// A digest's own top-level fields, as written (not yet sanitised).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Meta {
    pub id: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
}

impl Meta {
    fn of(top: TopWire) -> Meta {
        Meta {
            id: top.id,
            title: top.title,
            published: top.published,
            source: top.source,
        }
    }
}

/// The fast path's top level: the digest's own fields, read from the text with the articles
/// array left out (each article is read on its own). `None` sends the caller the exact way.
pub(super) fn fast_top(text: &str, found: Found) -> Option<(Meta, Found)> {
    let mut outer = String::with_capacity(text.len() - found.array.len() + 2);
    outer.push_str(&text[..found.array.start]);
    outer.push_str("[]");
    outer.push_str(&text[found.array.end..]);
    let top: TopWire = serde_json::from_str(&outer).ok()?;
    if top.headline.is_some() {
        return None;
    }
    Some((Meta::of(top), found))
}

type Top = (Meta, Form, Vec<Range<usize>>);

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
            "no \"articles\" array: a digest is {\"articles\": [...]}, an array of articles, or one article with a \"headline\" (see `newsdeck help format`)",
        ));
    };
    let spans = raws.iter().map(|r| span_of(text, r)).collect();
    let meta = Meta {
        id: top.id,
        title: top.title,
        published: top.published,
        source: top.source,
    };
    Ok((meta, Form::Object, spans))
}

/// A single-article digest: its one article spans the text bar the surrounding whitespace.
fn single(text: &str) -> Top {
    let start = text.len() - text.trim_start_matches(JSON_WS).len();
    let end = text.trim_end_matches(JSON_WS).len();
    // One span, not a range of indices: the list of article spans has one element here.
    #[allow(clippy::single_range_in_vec_init)]
    let spans = vec![start..end];
    (Meta::default(), Form::Single, spans)
}

fn span_of(text: &str, raw: &RawValue) -> Range<usize> {
    let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    start..start + raw.get().len()
}

/// Below this many articles one thread is quicker than starting a second.
const PARALLEL_HEADS: usize = 2048;

/// Decodes every article's list fields, on two threads for big digests: the spans are known, so
/// the halves are independent. Reports the first error in file order, as one thread would.
pub(super) fn heads(
    text: &str,
    spans: &[Range<usize>],
    form: Form,
) -> Result<Vec<Entry>, FormatError> {
    let internal = || FormatError::plain("internal error while reading articles");
    // About what a headline and its tags take; the buffer grows if it needs more.
    in_halves(
        spans.len(),
        None,
        |_| 64,
        internal,
        |b, i| head(b, text, spans[i].clone(), form, i),
    )
}

/// The fast first pass's list entries, decoded from the field values the scan found; `None`
/// when any of them is not what serde would accept, so the exact path decides (and words the
/// error).
pub(super) fn fast_heads(source: &Arc<String>, found: &Found) -> Option<Vec<Entry>> {
    let text = source.as_str();
    let room = |i: usize| found.fields.get(i).map_or(0, room);
    in_halves(
        found.spans.len(),
        Some(source),
        room,
        || (),
        |b, i| {
            let fields = found.fields.get(i).ok_or(())?;
            let mark = b.mark();
            let done = fast_head(b, text, found.spans[i].clone(), fields);
            if done.is_err() {
                b.rewind(mark);
            }
            done
        },
    )
    .ok()
}

/// [`fast_heads`] of some of the articles (`spans` and their `fields`), on this thread.
pub(super) fn heads_of(
    source: &Arc<String>,
    spans: &[Range<usize>],
    fields: &[Fields],
) -> Option<Vec<Entry>> {
    if spans.len() != fields.len() {
        return None;
    }
    let text = source.as_str();
    let mut b = EntriesBuilder::with_capacity(spans.len(), fields.iter().map(room).sum())
        .with_source(source);
    for (span, fields) in spans.iter().zip(fields) {
        fast_head(&mut b, text, span.clone(), fields).ok()?;
    }
    Some(b.finish())
}

/// About how much list text an article with these fields takes, at most: decoded text is never
/// longer than its JSON (quotes and commas make room for the line breaks that end tags), so a
/// buffer sized with it is sized once.
fn room(fields: &Fields) -> usize {
    [1, 4]
        .iter()
        .map(|&k| fields.values[k].map_or(0, |(a, b)| (b - a) as usize))
        .sum()
}

/// The entries for `0..n`, each pushed by `f`, in order: on two threads when `n` is big (the
/// halves are independent, each with its own buffer). Stops at, and returns, the first error
/// in index order, as one thread would. `room(i)` is about how much list text entry `i` takes.
fn in_halves<E: Send>(
    n: usize,
    source: Option<&Arc<String>>,
    room: impl Fn(usize) -> usize + Sync,
    internal: impl Fn() -> E,
    f: impl Fn(&mut EntriesBuilder, usize) -> Result<(), E> + Sync,
) -> Result<Vec<Entry>, E> {
    // Sized up front: growing by doubling would leave slack that a big digest keeps for as long
    // as it is open.
    let run = |range: Range<usize>, capacity: usize| {
        let bytes = range.clone().map(&room).sum();
        let mut b = EntriesBuilder::with_capacity(capacity, bytes);
        if let Some(source) = source {
            b = b.with_source(source);
        }
        for i in range {
            f(&mut b, i)?;
        }
        Ok(b.finish())
    };
    if n < PARALLEL_HEADS {
        return run(0..n, n);
    }
    let mid = n / 2;
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| run(mid..n, n - mid));
        (run(0..mid, n), second.join())
    });
    let mut entries = first?;
    entries.extend(second.map_err(|_| internal())??);
    Ok(entries)
}

/// Pushes the entry of the article at `span` from the field values the scan found; `Err` (with
/// the builder's text to be rewound) when serde might not read them so.
fn fast_head(
    b: &mut EntriesBuilder,
    text: &str,
    span: Range<usize>,
    fields: &Fields,
) -> Result<(), ()> {
    if !text[span.clone()].starts_with('{') {
        return Err(());
    }
    let json = |k: usize| -> Result<Option<&str>, ()> {
        match fields.values[k] {
            None => Ok(None),
            Some((a, b)) => text.get(a as usize..b as usize).map(Some).ok_or(()),
        }
    };
    let line = |k: usize| -> Result<Option<String>, ()> {
        json(k)?.map_or(Ok(None), |j| text::line_value(j).ok_or(()))
    };
    // The headline, then the tags: in place in the source text when they need no decoding,
    // else decoded into the shared buffer.
    let from = b.mark();
    let at = |k: usize| fields.values[k].map_or(0, |(a, _)| a as usize);
    let head = list_head(b, json(1)?.ok_or(())?, at(1))?;
    let tags = list_tags(b, json(4)?, at(4))?;
    let id = line(0)?;
    // `url` and `published` only make an identity for an article without an id of its own;
    // otherwise they are only checked, as serde would check them, without being kept.
    let id = match id {
        Some(id) if !id.trim().is_empty() => {
            for k in [2, 3] {
                if json(k)?.is_some_and(|j| !text::is_string_or_null(j)) {
                    return Err(());
                }
            }
            ArticleId(id.into())
        }
        _ => {
            let (url, published) = (line(2)?, line(3)?);
            let headline = b.text(&head);
            ArticleId::derive(None, url.as_deref(), headline, published.as_deref())
        }
    };
    b.push_placed(id, from, head, tags, span).ok_or(())
}

/// Where the list shows a headline from, given its JSON value `json` at `at` in the source:
/// the source itself when it needs no decoding, else its decoded text in the builder's buffer.
/// `Err` when it is blank or serde might not read it so.
fn list_head(b: &mut EntriesBuilder, json: &str, at: usize) -> Result<Place, ()> {
    let plain = plain::plain_line(json).and_then(|r| b.in_source(at + r.start..at + r.end));
    if let Some(place) = plain {
        return Ok(place);
    }
    let from = b.mark();
    if !text::line_value_into(json, b.lines()).ok_or(())? {
        return Err(());
    }
    text::trim_from(b.lines(), from).map(Place::Own).ok_or(())
}

/// [`list_head`] for the tags (`None` when the article has none).
fn list_tags(b: &mut EntriesBuilder, json: Option<&str>, at: usize) -> Result<Place, ()> {
    let from = b.mark();
    if let Some(json) = json {
        let plain = plain::plain_list(json).and_then(|r| b.in_source(at + r.start..at + r.end));
        if let Some(place) = plain {
            return Ok(place);
        }
        text::line_values_into(json, b.lines()).ok_or(())?;
    }
    Ok(Place::Own(from..b.mark()))
}

fn head(
    b: &mut EntriesBuilder,
    text: &str,
    span: Range<usize>,
    form: Form,
    index: usize,
) -> Result<(), FormatError> {
    let label = article_label(form, index);
    if !text[span.clone()].starts_with('{') {
        return Err(FormatError::at(
            position_of(text.as_bytes(), span.start),
            format!("{label}: an article must be a JSON object with a \"headline\""),
        ));
    }
    let wire: HeadWire = decode(&text[span.clone()], span.start, Some((text, &label)))?;
    let headline = checked_headline(wire.headline, text, &span, &label)?;
    let id = identity(wire.id, wire.url, wire.published, &headline);
    let tags = wire.tags.unwrap_or_default();
    let tags: Vec<_> = tags.iter().map(|t| sanitize::line(t)).collect();
    b.push_owned(id, &headline, tags.iter().map(|t| &**t), span)
        .ok_or_else(|| FormatError::plain("internal error while reading articles: too much text"))
}

/// An article's identity from its fields as decoded (and its headline as shown), as both passes
/// and an article's full decode derive it.
pub(super) fn identity(
    id: Option<String>,
    url: Option<String>,
    published: Option<String>,
    headline: &str,
) -> ArticleId {
    // Ids are shown in `check` warnings and stored in read state: sanitised like any other text.
    let clean = |s: Option<String>| s.map(sanitize::line_owned);
    match clean(id) {
        // `ArticleId::derive` would copy it; a blank id counts as none there too.
        Some(id) if !id.trim().is_empty() => ArticleId(id.into()),
        _ => ArticleId::derive(
            None,
            clean(url).as_deref(),
            headline,
            clean(published).as_deref(),
        ),
    }
}

/// The headline as shown, or the error for a missing or empty one (positioned at the article).
pub(super) fn checked_headline(
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
    clean_headline(&headline)
        .ok_or_else(|| FormatError::at(pos(), format!("{label}: \"headline\" is empty")))
}

/// A headline as shown, or `None` when nothing is left of it.
fn clean_headline(headline: &str) -> Option<String> {
    // Sanitise first: a headline of control characters alone is empty once they are removed.
    let clean = sanitize::line(headline);
    let trimmed = clean.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}
