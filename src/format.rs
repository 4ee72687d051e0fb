//! Digest format v1: the JSON wire types, the first pass that builds the article list, and the
//! per-article decoder. Pure: bytes in, model out, no IO.
//!
//! The first pass checks the whole file's JSON syntax but decodes only what the article list needs
//! (see [`Entry`]); each article's body is decoded from its byte span when it is opened. `check`
//! and `add` decode every body, so an invalid file is never accepted.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::model::digest::{Article, ArticleId, Commentator, Digest, Entry, Section};
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

#[derive(Deserialize)]
struct TopWire<'a> {
    title: Option<String>,
    published: Option<String>,
    source: Option<String>,
    #[serde(borrow)]
    articles: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    headline: Option<&'a RawValue>,
}

/// The list-level fields of an article; the body fields are skipped without allocating.
#[derive(Deserialize)]
struct HeadWire {
    id: Option<String>,
    headline: Option<String>,
    summary: Option<String>,
    url: Option<String>,
    source: Option<String>,
    published: Option<String>,
    tags: Option<Vec<String>>,
    commentators: Option<Vec<NameWire>>,
}

#[derive(Deserialize)]
struct NameWire {
    name: Option<String>,
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

/// Which of the three top-level forms a digest uses; it decides how articles are named in errors.
#[derive(Clone, Copy)]
enum Form {
    Object,
    Array,
    Single,
}

fn article_label(form: Form, index: usize) -> String {
    match form {
        Form::Object => format!("articles[{index}]"),
        Form::Array => format!("[{index}]"),
        Form::Single => "article".to_string(),
    }
}

/// Reads a digest from raw bytes; `fallback_title` titles a digest that has none (its file name).
pub fn parse(bytes: &[u8], fallback_title: &str) -> Result<Digest, FormatError> {
    let bom = if bytes.starts_with(BOM.as_bytes()) {
        BOM.len()
    } else {
        0
    };
    let text = match std::str::from_utf8(&bytes[bom..]) {
        Ok(t) => t,
        Err(e) => {
            let offset = bom + e.valid_up_to();
            let pos = position_of(&String::from_utf8_lossy(&bytes[..offset]), offset - bom);
            return Err(FormatError::at(
                pos,
                format!("invalid UTF-8 at byte offset {offset}: a digest must be UTF-8 text"),
            ));
        }
    };
    let Some(first) = text.trim_start().chars().next() else {
        return Err(FormatError::plain(
            "empty file: a digest is a JSON object with an \"articles\" array (see docs/format.md)",
        ));
    };
    let text: Arc<str> = Arc::from(text);
    let (title, published, source, form, spans) = match first {
        '{' => top_object(&text)?,
        '[' => {
            let raws: Vec<&RawValue> = decode(&text, 0, None)?;
            (
                None,
                None,
                None,
                Form::Array,
                raws.iter().map(|r| span_of(&text, r)).collect(),
            )
        }
        '<' => {
            return Err(FormatError::at(
                position_of(&text, text.len() - text.trim_start().len()),
                "not JSON: this looks like XML (an RSS or Atom feed?); newsdeck reads JSON digests (see docs/format.md)",
            ));
        }
        _ => {
            // Let serde_json say exactly what it found, then say what was expected.
            return Err(match decode::<serde_json::Value>(&text, 0, None) {
                Err(err) => FormatError {
                    message: format!(
                        "not JSON: {}",
                        err.message.trim_start_matches("invalid JSON: ")
                    ),
                    ..err
                },
                Ok(value) => FormatError::at(
                    position_of(&text, text.len() - text.trim_start().len()),
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
            });
        }
    };
    let mut entries = Vec::with_capacity(spans.len());
    for (index, span) in spans.into_iter().enumerate() {
        entries.push(head(&text, span, form, index)?);
    }
    let title = title
        .map(sanitize::line_owned)
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| sanitize::line(fallback_title).into_owned());
    Ok(Digest {
        title,
        published: published.map(sanitize::line_owned),
        source: source.map(sanitize::line_owned),
        entries,
        text,
    })
}

type Top = (
    Option<String>,
    Option<String>,
    Option<String>,
    Form,
    Vec<Range<usize>>,
);

fn top_object(text: &str) -> Result<Top, FormatError> {
    let top: TopWire = decode(text, 0, None)?;
    if top.headline.is_some() {
        return Ok((
            None,
            None,
            None,
            Form::Single,
            vec![Range {
                start: 0,
                end: text.len(),
            }],
        ));
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

fn span_of(text: &str, raw: &RawValue) -> Range<usize> {
    let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    start..start + raw.get().len()
}

fn head(
    text: &Arc<str>,
    span: Range<usize>,
    form: Form,
    index: usize,
) -> Result<Entry, FormatError> {
    let label = article_label(form, index);
    if !text[span.clone()].starts_with('{') {
        return Err(FormatError::at(
            position_of(text, span.start),
            format!("{label}: an article must be a JSON object with a \"headline\""),
        ));
    }
    let wire: HeadWire = decode(&text[span.clone()], span.start, Some((text, &label)))?;
    let headline = checked_headline(wire.headline, text, &span, &label)?;
    let names = wire.commentators.unwrap_or_default();
    let tags: Vec<String> = wire
        .tags
        .unwrap_or_default()
        .into_iter()
        .map(sanitize::line_owned)
        .collect();
    let summary = wire.summary.unwrap_or_default();
    let mut search = String::with_capacity(headline.len() + summary.len() + 16);
    for part in std::iter::once(headline.as_str())
        .chain(std::iter::once(summary.as_str()))
        .chain(tags.iter().map(String::as_str))
        .chain(names.iter().filter_map(|n| n.name.as_deref()))
    {
        search.push_str(&sanitize::line(part).to_lowercase());
        search.push('\n');
    }
    let id = ArticleId::derive(
        wire.id.as_deref(),
        wire.url.as_deref(),
        &headline,
        wire.published.as_deref(),
    );
    Ok(Entry {
        id,
        headline,
        published: wire.published.map(sanitize::line_owned),
        source: wire.source.map(sanitize::line_owned),
        url: wire.url.map(sanitize::line_owned),
        tags,
        search,
        span,
    })
}

fn checked_headline(
    headline: Option<String>,
    text: &str,
    span: &Range<usize>,
    label: &str,
) -> Result<String, FormatError> {
    let pos = position_of(text, span.start);
    match headline {
        None => Err(FormatError::at(
            pos,
            format!("{label}: missing \"headline\""),
        )),
        Some(h) if h.trim().is_empty() => Err(FormatError::at(
            pos,
            format!("{label}: \"headline\" is empty"),
        )),
        Some(h) => Ok(sanitize::line(h.trim()).into_owned()),
    }
}

/// Decodes the full body of one article from its span in the digest's text.
pub(crate) fn decode_article(
    text: &str,
    span: Range<usize>,
    index: usize,
) -> Result<Article, FormatError> {
    let form = if span == (0..text.len()) {
        Form::Single
    } else {
        Form::Object
    };
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
    let mut msg = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    if msg.contains("recursion limit exceeded") {
        msg = format!("nesting too deep: newsdeck reads at most {MAX_DEPTH} levels of JSON");
    } else if err.is_syntax() || err.is_eof() {
        msg = format!("invalid JSON: {msg}");
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
    let message = format!("{name}{msg}");
    if err.line() == 0 {
        return FormatError::plain(message);
    }
    let (line, column) = match within {
        Some((text, _)) => {
            let (base_line, base_col) = position_of(text, offset);
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

/// Refuses JSON nested deeper than [`MAX_DEPTH`], which the typed decoders would skip unchecked
/// inside unknown fields.
pub(crate) fn check_depth(text: &str) -> Result<(), FormatError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(FormatError::at(
                        position_of(text, i),
                        format!(
                            "nesting too deep: newsdeck reads at most {MAX_DEPTH} levels of JSON"
                        ),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// 1-based line and byte column of byte `offset` in `text`.
fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}
