//! The wire types of digest format v1 and their decoders: the top level, each article's list
//! fields, its full body, and the strings the filter searches.

use std::ops::Range;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::{FormatError, position_of, too_deep};
use super::scan::{Fields, Found, JSON_WS};
use super::text;
use crate::model::digest::{Article, ArticleId, Commentator, Entry, Section};
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

#[derive(Deserialize)]
struct ArticleWire {
    id: Option<String>,
    headline: Option<String>,
    summary: Option<String>,
    url: Option<String>,
    source: Option<String>,
    published: Option<String>,
    tags: Option<Vec<String>>,
    context: Option<Vec<String>>,
    context_heading: Option<String>,
    sections: Option<Vec<SectionWire>>,
    commentators: Option<Vec<CommentatorWire>>,
    commentators_heading: Option<String>,
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
    // Sized up front: collecting through `Result` would grow the vector by doubling, and the
    // slack is memory a big digest keeps for as long as it is open.
    let internal = || FormatError::plain("internal error while reading articles");
    in_halves(spans.len(), internal, |i| {
        head(text, spans[i].clone(), form, i)
    })
}

/// The fast first pass's list entries, decoded from the field values the scan found; `None`
/// when any of them is not what serde would accept, so the exact path decides (and words the
/// error).
pub(super) fn fast_heads(text: &str, found: &Found) -> Option<Vec<Entry>> {
    in_halves(
        found.spans.len(),
        || (),
        |i| fast_head(text, found.spans[i].clone(), found.fields.get(i).ok_or(())?),
    )
    .ok()
}

/// `f(0..n)` collected in order, on two threads when `n` is big: the halves are independent.
/// Stops at, and returns, the first error in index order, as one thread would.
fn in_halves<E: Send>(
    n: usize,
    internal: impl Fn() -> E,
    f: impl Fn(usize) -> Result<Entry, E> + Sync,
) -> Result<Vec<Entry>, E> {
    // Sized up front: collecting through `Result` would grow the vector by doubling, and the
    // slack is memory a big digest keeps for as long as it is open.
    let run = |range: Range<usize>, capacity: usize| {
        let mut entries = Vec::with_capacity(capacity);
        for i in range {
            entries.push(f(i)?);
        }
        Ok(entries)
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

fn fast_head(text: &str, span: Range<usize>, fields: &Fields) -> Result<Entry, ()> {
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
    let tags = json(4)?.map_or(Ok(None), |j| text::line_values(j).ok_or(()))?;
    let headline = text::trimmed(line(1)?.ok_or(())?).ok_or(())?;
    let id = line(0)?;
    // `url` and `published` only make an identity for an article without an id of its own;
    // otherwise they are only checked, as serde would check them, without being kept.
    let (url, published) = if id.as_deref().is_some_and(|s| !s.trim().is_empty()) {
        for k in [2, 3] {
            if json(k)?.is_some_and(|j| !text::is_string_or_null(j)) {
                return Err(());
            }
        }
        (None, None)
    } else {
        (line(2)?, line(3)?)
    };
    Ok(clean_entry(id, headline, url, published, tags, span))
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
    Ok(entry(
        wire.id,
        headline,
        wire.url,
        wire.published,
        wire.tags,
        span,
    ))
}

/// An entry from its decoded list fields (the headline already checked), as both passes make it.
fn entry(
    id: Option<String>,
    headline: String,
    url: Option<String>,
    published: Option<String>,
    tags: Option<Vec<String>>,
    span: Range<usize>,
) -> Entry {
    // Ids are shown in `check` warnings and stored in read state: sanitised like any other text.
    clean_entry(
        id.map(sanitize::line_owned),
        headline,
        url.map(sanitize::line_owned),
        published.map(sanitize::line_owned),
        tags.map(|t| t.into_iter().map(sanitize::line_owned).collect()),
        span,
    )
}

/// [`entry`] from fields already sanitised (the fast pass decodes them that way).
fn clean_entry(
    id: Option<String>,
    headline: String,
    url: Option<String>,
    published: Option<String>,
    tags: Option<Vec<String>>,
    span: Range<usize>,
) -> Entry {
    let id = match id {
        // `ArticleId::derive` would copy it; a blank id counts as none there too.
        Some(id) if !id.trim().is_empty() => ArticleId(id),
        _ => ArticleId::derive(None, url.as_deref(), &headline, published.as_deref()),
    };
    Entry {
        id,
        headline,
        tags: tags.unwrap_or_default(),
        span,
    }
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

/// Decodes the full body of one article from its span in the digest's text.
pub(crate) fn decode_article(
    text: &str,
    span: Range<usize>,
    form: Form,
    index: usize,
) -> Result<Article, FormatError> {
    decode_identified(text, span, form, index).map(|(article, _)| article)
}

/// [`decode_article`], with the identity the first pass derives for the article.
pub(crate) fn decode_identified(
    text: &str,
    span: Range<usize>,
    form: Form,
    index: usize,
) -> Result<(Article, ArticleId), FormatError> {
    let label = article_label(form, index);
    let w: ArticleWire = decode(&text[span.clone()], span.start, Some((text, &label)))?;
    let headline = checked_headline(w.headline, text, &span, &label)?;
    let id = entry(
        w.id,
        headline.clone(),
        w.url.clone(),
        w.published.clone(),
        None,
        span,
    )
    .id;
    let lines = |v: Option<Vec<String>>| -> Vec<String> {
        v.unwrap_or_default()
            .into_iter()
            .map(sanitize::block_owned)
            .collect()
    };
    let article = Article {
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
        context_heading: w.context_heading.map(sanitize::line_owned),
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
        commentators_heading: w.commentators_heading.map(sanitize::line_owned),
    };
    Ok((article, id))
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
        msg = too_deep();
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

#[derive(Deserialize)]
struct SearchWire<'a> {
    #[serde(borrow)]
    summary: Option<&'a RawValue>,
    #[serde(borrow)]
    context: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    sections: Option<Vec<SectionRawWire<'a>>>,
    #[serde(borrow)]
    commentators: Option<Vec<CommentatorRawWire<'a>>>,
}

#[derive(Deserialize)]
struct SectionRawWire<'a> {
    #[serde(borrow)]
    heading: Option<&'a RawValue>,
    #[serde(borrow)]
    bullets: Option<Vec<&'a RawValue>>,
}

#[derive(Deserialize)]
struct CommentatorRawWire<'a> {
    #[serde(borrow)]
    name: Option<&'a RawValue>,
    #[serde(borrow)]
    role: Option<&'a RawValue>,
    #[serde(borrow)]
    viewpoint: Option<&'a RawValue>,
}

/// The searchable strings of the article at `span` beyond its list fields (summary, context
/// bullets, section headings and bullets, commentator names, roles and viewpoints), for the
/// filter's index: the byte range of each string's text when its JSON has no escapes (so it can
/// be searched in place), else the decoded string. Anything that is not a string is left out.
pub(crate) fn search_strings(text: &str, span: Range<usize>) -> Vec<Result<Range<usize>, String>> {
    let Some(Ok(wire)) = text.get(span).map(serde_json::from_str::<SearchWire>) else {
        return Vec::new();
    };
    let context = wire.context.into_iter().flatten();
    let sections = wire
        .sections
        .into_iter()
        .flatten()
        .flat_map(|s| s.heading.into_iter().chain(s.bullets.into_iter().flatten()));
    let commentators = wire
        .commentators
        .into_iter()
        .flatten()
        .flat_map(|c| c.name.into_iter().chain(c.role).chain(c.viewpoint));
    wire.summary
        .into_iter()
        .chain(context)
        .chain(sections)
        .chain(commentators)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_sanitises_and_cuts_at_a_char_boundary() {
        assert_eq!(tidy("a\u{1b}[2Jb"), "a[2Jb");
        let long = "漢".repeat(MAX_MESSAGE_CHARS + 10);
        let cut = tidy(&long);
        assert_eq!(cut.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(cut.ends_with('…'));
    }
}
