//! Feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed 1.0/1.1) converted to format-v1 digests.
//!
//! feed-rs parses, html2text turns HTML into text ([`html`]). The result is digest JSON text,
//! so it then goes through the normal loader (`format::parse`): sanitising, identity and errors
//! are the loader's, not repeated here. Article identity: the item's guid/id, else its link, else
//! the loader's hash of headline and date: stable across fetches, never random.

mod dates;
mod discover;
pub mod html;
mod links;
pub mod opml;
pub mod repair;

use std::cell::Cell;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use feed_rs::model::{Entry, Feed, Text};
use feed_rs::parser::{self, ParseFeedError};
use serde::Serialize;

use crate::sanitize;

/// What a buffer holds, judged from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// JSON that is not a JSON Feed: a digest (or something the digest loader will explain).
    Digest,
    /// XML (RSS, Atom) or a JSON Feed: give it to [`convert`].
    Feed,
    /// Neither: the digest loader says what is wrong with it.
    Unknown,
}

/// How far into a JSON object [`sniff`] looks for the JSON Feed version URL.
const JSON_FEED_PROBE: usize = 4096;

/// Whether `bytes` are a feed or a digest, without parsing them.
///
/// Agrees with the digest loader: what it calls XML (`<` first, after a UTF-8 byte order mark
/// and JSON whitespace) is a feed here. UTF-16 text starting with `<` is a feed too (XML may be
/// UTF-16; digests may not). A JSON object whose start names `jsonfeed.org/version` is a feed.
pub fn sniff(bytes: &[u8]) -> Kind {
    if let Some(units) = utf16_units(bytes) {
        let first = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .find(|c| !c.is_whitespace());
        return if first == Some('<') {
            Kind::Feed
        } else {
            Kind::Unknown
        };
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = body
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    match start.map(|i| (body[i], &body[i..])) {
        Some((b'<', _)) => Kind::Feed,
        Some((b'{', rest)) => {
            let probe = &rest[..rest.len().min(JSON_FEED_PROBE)];
            if names_json_feed_version(probe) {
                Kind::Feed
            } else {
                Kind::Digest
            }
        }
        Some((b'[', _)) => Kind::Digest,
        _ => Kind::Unknown,
    }
}

/// Whether `probe` has a `"version"` key whose value is a JSON Feed version URL. Only that key
/// counts: a digest that merely mentions jsonfeed.org (a headline, a link) stays a digest, and a
/// converted feed (which has no such key) is never converted twice.
fn names_json_feed_version(probe: &[u8]) -> bool {
    let skip_ws = |s: &[u8]| -> usize {
        s.iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(s.len())
    };
    memchr::memmem::find_iter(probe, b"\"version\"").any(|at| {
        let rest = &probe[at + b"\"version\"".len()..];
        let rest = &rest[skip_ws(rest)..];
        let Some(rest) = rest.strip_prefix(b":") else {
            return false;
        };
        let rest = &rest[skip_ws(rest)..];
        rest.starts_with(b"\"https://jsonfeed.org/version/")
            || rest.starts_with(b"\"http://jsonfeed.org/version/")
    })
}

/// Why a feed could not be converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedError {
    /// What was wrong, sanitised and short enough for one line.
    pub message: String,
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FeedError {}

/// Longest message kept: a parser quoting a huge value must not flood the terminal.
const MAX_MESSAGE: usize = 300;

impl FeedError {
    fn new(message: impl AsRef<str>) -> FeedError {
        let line = sanitize::line(message.as_ref()).into_owned();
        let cut = match line.char_indices().nth(MAX_MESSAGE) {
            Some((i, _)) => format!("{}…", &line[..i]),
            None => line,
        };
        FeedError { message: cut }
    }
}

/// Bytes ready for the digest loader (`format::parse_owned`): a feed (by [`sniff`]) converted
/// to digest JSON, anything else returned as it is for the loader to read or explain.
///
/// This is the one call `add`, `check`, opening a file or URL, and `-` (stdin) need.
pub fn prepare(bytes: Vec<u8>, url: Option<&str>) -> Result<Vec<u8>, FeedError> {
    match sniff(&bytes) {
        Kind::Feed => convert(&bytes, url).map(String::into_bytes),
        Kind::Digest | Kind::Unknown => Ok(bytes),
    }
}

/// Converts a feed to digest JSON text (format v1), ready for `format::parse`.
///
/// `url` is where the feed came from, if known: it resolves relative links and names the
/// digest's source when the feed has no title. A parser panic is an error, never a crash.
pub fn convert(bytes: &[u8], url: Option<&str>) -> Result<String, FeedError> {
    let feed = parse(bytes, url)?;
    let digest = to_digest(&feed, url);
    serde_json::to_string_pretty(&digest)
        .map_err(|e| FeedError::new(format!("cannot write the digest: {e}")))
}

/// Parses a feed with feed-rs, catching its panics and leaving missing ids empty.
pub fn parse(bytes: &[u8], url: Option<&str>) -> Result<Feed, FeedError> {
    let transcoded = transcode_utf16(bytes);
    let input: &[u8] = transcoded.as_deref().unwrap_or(bytes);
    let mut result = parse_once(input, url);
    // JSON Feed readers must take a number (or other type) as an item id, converted to a string
    // (JSON Feed 1.1, `id`); feed-rs refuses the whole feed. Retried only when it failed.
    if let Some(Err(ParseFeedError::JsonSerde(_))) = &result
        && let Some(fixed) = repair::json_feed_ids(input)
    {
        result = parse_once(&fixed, url);
    }
    match result {
        Some(Ok(feed)) => Ok(feed),
        Some(Err(ParseFeedError::ParseError(parser::ParseErrorKind::NoFeedRoot)))
            if let Some(page) = discover::html_page_message(input, url) =>
        {
            Err(FeedError::new(page))
        }
        Some(Err(e)) => Err(FeedError::new(describe(&e))),
        None => Err(FeedError::new(
            "not a readable feed: the feed parser failed on this input (an unusual encoding or broken XML?)",
        )),
    }
}

/// One feed-rs parse; `None` when it panicked.
fn parse_once(input: &[u8], url: Option<&str>) -> Option<Result<Feed, ParseFeedError>> {
    // feed-rs fills a missing id with a hash of link and title, or a random UUID when there is
    // no link: an empty id instead tells us to use our own (link, else the loader's hash).
    let parser = parser::Builder::new()
        .base_uri(url)
        .id_generator(|_links, _title, _uri| String::new())
        // feed-rs drops dates it cannot read (`2025-10-27 09:30:00`, `CEST`, RFC 850...).
        .timestamp_parser(|text| dates::parse_system(text).map(Into::into))
        .build();
    quiet_panics();
    IN_PARSER.with(|p| p.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(|| parser.parse(input)));
    IN_PARSER.with(|p| p.set(false));
    result.ok()
}

thread_local! {
    /// Set while this thread runs the feed parser, whose panics are reported as errors.
    static IN_PARSER: Cell<bool> = const { Cell::new(false) };
}

/// Installs (once) a panic hook that stays silent for panics inside the feed parser: their
/// message may quote the feed, and stderr may be the terminal the app is drawing on.
fn quiet_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_PARSER.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// A message for a feed-rs error that says what was wrong.
fn describe(e: &ParseFeedError) -> String {
    use feed_rs::parser::ParseErrorKind;
    match e {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => {
            "not a feed: no <rss>, <feed>, <rdf:RDF> or JSON Feed object found".to_string()
        }
        ParseFeedError::ParseError(kind) => format!("malformed feed: {kind}"),
        ParseFeedError::IoError(io) => format!("cannot read the feed: {io}"),
        ParseFeedError::JsonSerde(j) => format!("malformed JSON Feed: {j}"),
        ParseFeedError::JsonUnsupportedVersion(v) => {
            format!("unsupported JSON Feed version {v:?}: newsdeck reads 1.0 and 1.1")
        }
        ParseFeedError::XmlReader(x) => format!("malformed XML (truncated or broken?): {x}"),
    }
}

/// The UTF-16 code units of `bytes` after a byte order mark, if they start with one.
fn utf16_units(bytes: &[u8]) -> Option<impl Iterator<Item = u16> + '_> {
    let big = match bytes {
        [0xFE, 0xFF, ..] => true,
        [0xFF, 0xFE, ..] => false,
        _ => return None,
    };
    Some(bytes[2..].chunks_exact(2).map(move |p| {
        if big {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    }))
}

/// UTF-16 XML (with a byte order mark) as UTF-8, its declaration saying so.
///
/// feed-rs panics on UTF-16BE and misreads some UTF-16LE; UTF-8 it reads well. `None` when the
/// input is not UTF-16 (or not valid UTF-16, which the parser then reports).
fn transcode_utf16(bytes: &[u8]) -> Option<Vec<u8>> {
    let units = utf16_units(bytes)?;
    let text: String = char::decode_utf16(units).collect::<Result<_, _>>().ok()?;
    // The declaration must no longer claim UTF-16, or the parser would decode the UTF-8 as that.
    let text = match (text.find("<?xml"), text.find("?>")) {
        (Some(0), Some(end)) => {
            let decl = &text[..end];
            let fixed = ["UTF-16", "utf-16", "UTF16", "utf16"]
                .iter()
                .fold(decl.to_string(), |d, from| d.replace(from, "UTF-8"));
            format!("{fixed}{}", &text[end..])
        }
        _ => text,
    };
    Some(text.into_bytes())
}

/// A digest, as format v1 writes it; absent fields are left out.
#[derive(Serialize)]
struct DigestOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    articles: Vec<ArticleOut>,
}

#[derive(Serialize)]
struct ArticleOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    headline: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sections: Vec<SectionOut>,
}

#[derive(Serialize)]
struct SectionOut {
    heading: String,
    bullets: Vec<String>,
}

/// The headline given to an item with no title and no text to take one from.
const UNTITLED: &str = "(untitled)";

fn to_digest(feed: &Feed, url: Option<&str>) -> DigestOut {
    // Relative item links resolve against where the feed came from, else its site.
    let base = url.or(feed.links.first().map(|l| l.href.as_str()));
    let title = feed.title.as_ref().map(text_line).filter(|t| !t.is_empty());
    let host = feed
        .links
        .iter()
        .find_map(|l| host_of(&l.href))
        .or_else(|| url.and_then(host_of));
    let newest = feed
        .entries
        .iter()
        .filter_map(|e| e.published.or(e.updated))
        .max()
        .or(feed.updated.or(feed.published));
    DigestOut {
        id: digest_id(feed, url),
        title: title.clone().or_else(|| host.clone()),
        published: newest.map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        source: title.or(host),
        articles: feed.entries.iter().map(|e| to_article(e, base)).collect(),
    }
}

/// The digest's identity: the same feed keeps it across fetches, so read marks stay when a
/// re-fetch brings a newer date. Where it came from, else the feed's own id, else its site.
fn digest_id(feed: &Feed, url: Option<&str>) -> Option<String> {
    let own = Some(feed.id.trim()).filter(|id| !id.is_empty());
    let site = feed.links.first().map(|l| l.href.trim());
    url.map(str::trim)
        .or(own)
        .or(site)
        .filter(|id| !id.is_empty())
        .map(|id| format!("feed:{id}"))
}

fn to_article(e: &Entry, base: Option<&str>) -> ArticleOut {
    // A podcast episode is often only its enclosure: that is the item's page, and the
    // `itunes:summary` (a media description to feed-rs) its summary.
    let url = link_of(e)
        .or_else(|| enclosure_of(e))
        .map(|u| links::absolute(&u, base));
    let summary = e
        .summary
        .as_ref()
        .or_else(|| e.media.iter().find_map(|m| m.description.as_ref()))
        .map(|t| html::to_paragraphs(&t.content))
        .filter(|s| !s.trim().is_empty());
    let sections: Vec<SectionOut> = e
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .map(html::to_sections)
        .unwrap_or_default()
        .into_iter()
        .map(|s| SectionOut {
            heading: s.heading,
            bullets: s.bullets,
        })
        .collect();
    let headline = e
        .title
        .as_ref()
        .map(text_line)
        .filter(|t| !t.is_empty())
        // Untitled items are common in RSS (microblogs): the start of their text stands in.
        .or_else(|| summary.as_deref().map(first_words))
        .or_else(|| {
            sections
                .first()
                .and_then(|s| s.bullets.first())
                .map(|b| first_words(b))
        })
        .unwrap_or_else(|| UNTITLED.to_string());
    let mut tags: Vec<String> = Vec::new();
    for c in &e.categories {
        let tag = c.label.as_deref().unwrap_or(&c.term).trim().to_string();
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    ArticleOut {
        id: Some(e.id.trim().to_string()).filter(|id| !id.is_empty()),
        headline,
        summary,
        url,
        published: e
            .published
            .or(e.updated)
            .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        tags,
        sections,
    }
}

/// The item's page: its `alternate` (or unlabelled) link, else its first.
fn link_of(e: &Entry) -> Option<String> {
    let alternate = e
        .links
        .iter()
        .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")));
    alternate
        .or(e.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty())
}

/// The URL of the item's first enclosure (RSS `<enclosure>`, Media RSS, JSON Feed attachments).
fn enclosure_of(e: &Entry) -> Option<String> {
    e.media
        .iter()
        .flat_map(|m| &m.content)
        .find_map(|c| c.url.as_ref())
        .map(|u| u.as_str().trim().to_string())
        .filter(|u| !u.is_empty())
}

/// A feed text as one line: HTML titles (and RSS titles with markup) lose their tags.
fn text_line(t: &Text) -> String {
    html::to_line(&t.content)
}

/// At most the first 12 words of `text`, on one line.
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut line = words.iter().take(12).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 12 {
        line.push('…');
    }
    line
}

/// The host of an http(s) URL (`https://user@Example.com:8080/x` -> `example.com`).
pub fn host_of(url: &str) -> Option<String> {
    let rest = url
        .trim()
        .split_once("://")
        .filter(|(scheme, _)| {
            scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
        })?
        .1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = if host_port.starts_with('[') {
        host_port.split_inclusive(']').next()?
    } else {
        host_port.split(':').next()?
    };
    Some(host.to_ascii_lowercase()).filter(|h| !h.is_empty())
}

#[cfg(test)]
mod tests;
