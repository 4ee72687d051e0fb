//! Digest format v1: the JSON wire types, the first pass that builds the article list, and the
//! per-article decoder. Pure: bytes in, model out, no IO.
//!
//! The first pass checks the file's structure (strings, brackets, depth, the articles array, the
//! top level's own syntax) but decodes only what the article list needs (see [`Entry`]); each
//! article's body, and any syntax error inside it, is decoded from its byte span when it is
//! opened. `check` and `add` decode every body, so an invalid file is never accepted.
//!
//! The first pass has two ways through: a fast one (`scan` finds the article spans and where each
//! article's list fields are, and only those values are decoded, each half of a big digest by
//! the thread that scanned it) for well-formed object-form digests, and an exact one (serde
//! reads the whole top level) for everything else and for every list error, so what a user is
//! told never depends on which way ran.
//!
//! `indexed`: digests listed from a per-digest index, whose bodies are read from the file and
//! cross-checked (the IO is `store::digest_index`).
//!
//! Here: the parse entry point and the [`Digest`] container. `error`: [`FormatError`] and
//! positions, and serde's errors made into them; `scan`: the fast structural scan and the depth
//! check; `wire`: the first pass's wire types and decoders (top level, list fields); `article`:
//! an article's full body; `search_text`: the strings the filter's index searches.

mod article;
mod error;
mod indexed;
mod plain;
mod scan;
mod search_text;
mod text;
mod wire;

use std::sync::Arc;

pub use error::{FormatError, MAX_DEPTH};
pub use indexed::{Bodies, IndexedMeta, STALE};
pub(crate) use search_text::search_strings;
pub use wire::Form;
pub(crate) use wire::article_label;

use crate::model::digest::{Article, ArticleId, DigestKey, Entry};
use crate::sanitize;
use article::decode_article;
use error::position_of;
use scan::{JSON_WS, check_depth, scan};
use wire::{Meta, fast_heads, fast_top, heads, heads_of, top_level};

const BOM: &str = "\u{feff}";

/// Where a digest's article bodies come from.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    /// The whole source text, in memory.
    Text(Arc<String>),
    /// Read from the file on demand; the list came from a per-digest index (see `indexed`).
    Indexed(Arc<dyn Bodies>),
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
    /// Which digest this is for read state: from its `id`, else its title and date, else the
    /// file name it was read from (see [`DigestKey`]).
    pub key: DigestKey,
    /// One entry per article, in file order.
    pub entries: Vec<Entry>,
    /// Where article bodies are decoded from.
    pub(crate) body: Body,
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
        match &self.body {
            Body::Text(text) => decode_article(text, entry.span(), self.form, index),
            Body::Indexed(bodies) => indexed::article(bodies.as_ref(), entry, self.form, index),
        }
    }

    /// The whole source text: kept in memory, or read from the file for an indexed digest
    /// (`None` when that read fails). The filter's full-text index searches it.
    pub fn full_text(&self) -> Option<Arc<String>> {
        match &self.body {
            Body::Text(text) => Some(Arc::clone(text)),
            Body::Indexed(bodies) => bodies.whole().ok(),
        }
    }

    /// True once decoding an article found that the index this digest was listed from no longer
    /// matches its file: the list may be wrong, so the digest must be read again (the index has
    /// been dropped).
    pub fn is_stale(&self) -> bool {
        matches!(&self.body, Body::Indexed(b) if b.is_stale())
    }

    /// Whether the article list came from a per-digest index rather than the file.
    pub fn is_indexed(&self) -> bool {
        matches!(self.body, Body::Indexed(_))
    }

    /// The digest's own fields and form, as an index stores them.
    pub fn meta(&self) -> IndexedMeta {
        IndexedMeta {
            title: self.title.clone(),
            published: self.published.clone(),
            source: self.source.clone(),
            key: self.key.clone(),
            form: self.form,
        }
    }

    /// A digest listed from an index (`meta` and `entries`), whose bodies `bodies` reads.
    pub fn from_index(meta: IndexedMeta, entries: Vec<Entry>, bodies: Arc<dyn Bodies>) -> Digest {
        Digest {
            title: meta.title,
            published: meta.published,
            source: meta.source,
            key: meta.key,
            entries,
            body: Body::Indexed(bodies),
            form: meta.form,
        }
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

/// Whether `bytes` look like UTF-16: a UTF-16 byte order mark, or, without one, the NUL byte
/// that every ASCII character gets in UTF-16 in the first two characters (`{` is `7B 00` in
/// little-endian and `00 7B` in big-endian). Valid UTF-8 JSON never starts with a NUL.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    match bytes {
        [0xff, 0xfe, ..] | [0xfe, 0xff, ..] => true,
        [a, 0, b, 0, ..] | [0, a, 0, b, ..] => *a != 0 && *b != 0,
        _ => false,
    }
}

/// Below this many bytes one thread checks UTF-8 quicker than two.
const PARALLEL_UTF8: usize = 4 << 20;

/// Whether `bytes` are UTF-8, checked in two halves at once for a big digest. The halves meet
/// where a character starts (a byte that is not a continuation byte), so both are valid exactly
/// when the whole is: a sequence cut there is incomplete at the end of the first half.
fn is_utf8(bytes: &[u8]) -> bool {
    let valid = |b: &[u8]| simdutf8::basic::from_utf8(b).is_ok();
    if bytes.len() < PARALLEL_UTF8 {
        return valid(bytes);
    }
    let mut mid = bytes.len() / 2;
    while mid < bytes.len() && (0x80..0xc0).contains(&bytes[mid]) {
        mid += 1;
    }
    let (first, second) = bytes.split_at(mid);
    std::thread::scope(|scope| {
        let second = scope.spawn(|| valid(second));
        valid(first) && second.join().unwrap_or(false)
    })
}

/// Reads a digest from raw bytes; `fallback_title` is its file name without extension: it titles
/// a digest that has none, and keys the read state of one that has neither `id` nor `published`.
pub fn parse(bytes: &[u8], fallback_title: &str) -> Result<Digest, FormatError> {
    parse_owned(bytes.to_vec(), fallback_title)
}

/// [`parse`] for bytes the digest may keep: the text is not copied, so a big digest costs its
/// file size in memory once, not twice.
pub fn parse_owned(bytes: Vec<u8>, fallback_title: &str) -> Result<Digest, FormatError> {
    let text = utf8_text(bytes)?;
    // Only JSON's own whitespace: anything else (a no-break space, say) is not JSON.
    let lead = text.len() - text.trim_start_matches(JSON_WS).len();
    let Some(first) = text[lead..].chars().next() else {
        return Err(FormatError::plain(
            "empty file: a digest is a JSON object with an \"articles\" array (see `newsdeck help format`)",
        ));
    };
    // The fast path finds the articles with one structural scan and lets each article's own
    // decode (on two cores) check its syntax. Anything it is not sure of, and every error, goes
    // the exact way instead, so messages and positions never depend on which path ran.
    let (meta, form, entries) = match fast(&text, lead)? {
        Some(found) => found,
        None => exact(&text, first, lead)?,
    };
    let key = DigestKey::derive(
        meta.id.as_deref(),
        meta.title.as_deref(),
        meta.published.as_deref(),
        fallback_title,
    );
    let Meta {
        title,
        published,
        source,
        ..
    } = meta;
    let title = title
        .map(|t| sanitize::line(&t).trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| sanitize::line(fallback_title).trim().to_string());
    Ok(Digest {
        title,
        published: published.map(sanitize::line_owned),
        source: source.map(sanitize::line_owned),
        key,
        entries,
        body: Body::Text(text),
        form,
    })
}

/// The file's text: UTF-8 checked (UTF-16 named as such), without a leading BOM.
fn utf8_text(mut bytes: Vec<u8>) -> Result<Arc<String>, FormatError> {
    if looks_like_utf16(&bytes) {
        return Err(FormatError::plain(
            "the file is UTF-16 text, and a digest must be UTF-8: convert it (for example with \
             `iconv -f UTF-16 -t UTF-8`)",
        ));
    }
    let bom = if bytes.starts_with(BOM.as_bytes()) {
        BOM.len()
    } else {
        0
    };
    // simdutf8 validates several times faster than std on text with non-ASCII sprinkled through
    // it, which is what digests are; std then finds where the error is, on the error path only.
    if !is_utf8(&bytes[bom..])
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
    Ok(Arc::new(unsafe { String::from_utf8_unchecked(bytes) }))
}

/// A digest's own fields, its form and its list entries.
type Read = (Meta, Form, Vec<Entry>);

/// The fast first pass; `Ok(None)` when it is not sure (then [`exact`] decides).
fn fast(source: &Arc<String>, lead: usize) -> Result<Option<Read>, FormatError> {
    let text = source.as_str();
    let read = |spans: &[_], fields: &[_]| heads_of(source, spans, fields);
    let Some((found, halves)) = scan(text, lead, &read)? else {
        return Ok(None);
    };
    Ok(fast_top(text, found).and_then(|(meta, found)| {
        let entries = match halves {
            // Read by the scan's own two threads, each straight after its half.
            Some((mut first, second)) => {
                first.extend(second);
                first
            }
            None => fast_heads(source, &found)?,
        };
        Some((meta, Form::Object, entries))
    }))
}

/// The exact first pass: serde_json reads the whole top level, so every error is its own.
fn exact(text: &str, first: char, lead: usize) -> Result<Read, FormatError> {
    // Before any decoding: the typed decoders skip unknown values without a depth limit, and a
    // lazily opened article must not be the first to find out.
    check_depth(text)?;
    let (meta, form, spans) = top_level(text, first, lead)?;
    let entries = heads(text, &spans, form)?;
    Ok((meta, form, entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast first pass over a copy of `text`.
    fn fast_of(text: &str, lead: usize) -> Result<Option<Read>, FormatError> {
        fast(&Arc::new(text.to_string()), lead)
    }

    #[test]
    fn utf8_in_two_halves_agrees_with_one_pass() {
        let mut text = "é漢🦀a".repeat(PARALLEL_UTF8 / 4).into_bytes();
        assert!(text.len() >= PARALLEL_UTF8 && is_utf8(&text));
        // A sequence cut in the middle, a stray continuation byte, a lead byte at the end.
        let mid = text.len() / 2;
        for (at, byte) in [(mid, 0xe6), (mid + 1, 0x80), (text.len() - 1, 0xf0)] {
            let keep = text[at];
            text[at] = byte;
            assert_eq!(is_utf8(&text), std::str::from_utf8(&text).is_ok(), "{at}");
            text[at] = keep;
        }
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

    /// Runs both first passes on `text`: the fast one must agree with the exact one whenever both
    /// accept; where the fast one accepts what the exact one refuses (a syntax error inside an
    /// article, which the fast pass leaves to the article's own decode) that article must fail to
    /// decode, so `check` and `add` still refuse the file and the reader shows the error.
    fn agree(text: &str) {
        let lead = text.len() - text.trim_start_matches(JSON_WS).len();
        let Some(first) = text[lead..].chars().next() else {
            return;
        };
        let exact = exact(text, first, lead);
        match fast_of(text, lead) {
            Ok(Some(fast)) => match exact {
                Ok(exact) => assert_eq!((&fast.0, &fast.2), (&exact.0, &exact.2)),
                Err(e) => assert!(
                    fast.2.iter().enumerate().any(|(i, entry)| {
                        decode_article(text, entry.span(), Form::Object, i).is_err()
                    }),
                    "the fast path accepted what the exact path refuses ({e}), and every article decodes"
                ),
            },
            // A depth error is exact on both paths.
            Err(e) => assert_eq!(Err(e), exact.map(|_| ())),
            Ok(None) => {}
        }
    }

    #[test]
    fn fast_and_exact_first_passes_agree_on_valid_and_mangled_digests() {
        let base = String::from_utf8(crate::synth::digest(6, 5)).unwrap();
        assert!(
            matches!(fast_of(&base, 0), Ok(Some(_))),
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
        agree(r#"{"articles":[{"headline":"a","id":"x","id":"y"}]}"#);
        agree(r#"{"articles":[{"headline":"a","\u0069d":5}]}"#);
        agree(r#"{"articles":[{"headline":"a" "id":"x"}]}"#);
        agree(r#"{"articles":[{"headline":"a": "b"}]}"#);
        agree(r#"{"articles":[{"headline":"a","tags":["x",]}]}"#);
        agree(r#"{"articles":[{"headline":"a","summary":tru}]}"#);
        agree(r#"{"articles":[{"headline":"a\u00"}]}"#);
        // Every single-byte change of structural characters near the articles, in both shapes.
        let short = String::from_utf8(crate::synth::short_digest(6, 5)).unwrap();
        assert!(matches!(fast_of(&short, 0), Ok(Some(_))));
        agree(&short);
        mangle(&base);
        mangle(&short);
    }

    #[test]
    fn hostile_headlines_and_tags_list_as_the_exact_pass_and_serde_show_them() {
        let hostile = [
            r#""tab\there \"q\" \/ \u00e9\u00C9 \ud83d\ude00""#,
            r#""line\nbreak\r\nand \r alone\u2028""#,
            r#""\u202e evil \u2066isolate\u2069 \u200b\u00ad \u0000 nul""#,
            r#""\u001b[2J\u001b]0;title\u0007after \u001b[31mred\u009b2J C1""#,
            "\"raw \u{202e} bidi and \u{85} C1 \u{9d}0;t\\nx\"",
            r#""  padded \t ""#,
        ];
        // 3,000 articles: the first pass runs on two threads, each with its own buffer.
        let articles: Vec<String> = (0..3000)
            .map(|i| {
                let h = hostile[i % hostile.len()];
                let t = hostile[(i + 1) % hostile.len()];
                format!(r#"{{"id":"{i}","headline":{h},"tags":[{t},{h}],"summary":"s"}}"#)
            })
            .collect();
        let text = format!(r#"{{"articles":[{}]}}"#, articles.join(",\n"));
        agree(&text);
        let d = parse(text.as_bytes(), "t").unwrap();
        for (i, e) in d.entries.iter().enumerate() {
            let shown = |json: &str| {
                let s: String = serde_json::from_str(json).unwrap();
                sanitize::line(&s).into_owned()
            };
            let h = hostile[i % hostile.len()];
            let t = hostile[(i + 1) % hostile.len()];
            assert_eq!(e.headline(), shown(h).trim(), "{i}");
            assert_eq!(e.tag_list(), [shown(t), shown(h)], "{i}");
            assert_eq!(d.article(i).unwrap().headline, e.headline());
        }
        // Invalid escapes and raw control characters send the file the exact way, which
        // refuses it as it always did.
        for bad in [r#""\x""#, r#""\ud800 lone""#, "\"raw\u{1b}\""] {
            let text = text.replacen(hostile[0], bad, 1);
            assert!(fast_of(&text, 0).unwrap().is_none(), "{bad}");
            assert!(parse(text.as_bytes(), "t").is_err(), "{bad}");
        }
    }

    #[test]
    fn a_syntax_error_inside_an_article_shows_when_it_is_opened_and_fails_validation() {
        let d = parse(
            br#"{"articles":[{"headline":"a","summary":tru},{"headline":"b"}]}"#,
            "t",
        )
        .unwrap();
        assert_eq!(d.entries.len(), 2);
        assert!(d.article(1).is_ok());
        let e = d.article(0).unwrap_err();
        assert!(e.message.starts_with("articles[0]"), "{e}");
        assert_eq!(d.validate().unwrap_err(), e);
    }

    fn mangle(base: &str) {
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
