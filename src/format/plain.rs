//! JSON strings that need no decoding: what the list shows of them is their own text, so a
//! digest whose text is kept in memory lists them from there instead of from a copy (a digest
//! written with UTF-8 as itself has most of its headlines and tags so).
//!
//! "Plain" means exactly what `text::decode_line` would give back unchanged: no escape, no
//! quote, no control character, and nothing `sanitize::line` would change.

use std::ops::Range;

use super::scan::{JSON_WS, string_end};
use crate::sanitize;

/// Whether the inside of a JSON string decodes, as a safe line, to itself.
fn is_plain(inner: &str) -> bool {
    // Most strings of a digest that escapes are caught here, early and by memchr: checking
    // them all the way through first cost 4% more instructions on the short shape.
    if memchr::memchr(b'\\', inner.as_bytes()).is_some() {
        return false;
    }
    // One pass the compiler vectorises, as `decode_line`'s.
    let (bad, high) = inner.bytes().fold((false, false), |(bad, high), c| {
        (
            bad | (c < 0x20) | (c == b'"') | (c == b'\\'),
            high | (c >= 0x7f),
        )
    });
    !bad && (!high || matches!(sanitize::line(inner), std::borrow::Cow::Borrowed(_)))
}

/// When the JSON string `json` (quotes included) needs no decoding: the range within `json` of
/// its text trimmed as a headline is; `None` when it needs decoding, is not a string, or is
/// blank.
pub(super) fn plain_line(json: &str) -> Option<Range<usize>> {
    let inner = json.strip_prefix('"')?.strip_suffix('"')?;
    if !is_plain(inner) {
        return None;
    }
    let start = 1 + inner.len() - inner.trim_start().len();
    let end = 1 + inner.trim_end().len();
    (start < end).then_some(start..end)
}

/// When `json` is an array of strings that need no decoding, in the syntax serde reads: the
/// range within `json` of its inside (without the brackets); `None` for anything else.
pub(super) fn plain_list(json: &str) -> Option<Range<usize>> {
    let b = json.as_bytes();
    if b.len() < 2 || b[0] != b'[' || b[b.len() - 1] != b']' {
        return None;
    }
    let last = b.len() - 1;
    let mut i = skip_ws(b, 1);
    if i == last {
        return Some(1..last);
    }
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let end = string_end(b, i + 1)?;
        if !is_plain(json.get(i + 1..end)?) {
            return None;
        }
        i = skip_ws(b, end + 1);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            Some(b']') if i == last => return Some(1..last),
            _ => return None,
        }
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| JSON_WS.contains(&char::from(*c))) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::text::{line_value, line_values};

    #[test]
    fn a_plain_string_is_what_decoding_gives() {
        for json in [
            r#""plain""#,
            r#""  padded  ""#,
            r#""é 漢 🦀""#,
            r#""esc\"aped""#,
            r#""back\\slash""#,
            r#""\u00e9""#,
            "\"raw\ttab\"",
            "\"bidi \u{202e} x\"",
            "\"C1 \u{85} x\"",
            "\"del \u{7f} x\"",
            r#""   ""#,
            r#""""#,
            "null",
            "5",
            r#""a" "b""#,
        ] {
            match plain_line(json) {
                Some(r) => {
                    let decoded = line_value(json).flatten().unwrap();
                    assert_eq!(&json[r], decoded.trim(), "{json}");
                }
                None => {
                    let blank = line_value(json)
                        .flatten()
                        .is_none_or(|s| s.trim().is_empty());
                    let needs_decoding =
                        json.contains(['\\', '\t', '\u{202e}', '\u{85}', '\u{7f}']);
                    assert!(blank || needs_decoding, "{json} could be listed in place");
                }
            }
        }
    }

    #[test]
    fn a_plain_list_is_what_decoding_gives() {
        for json in [
            "[]",
            "[ ]",
            r#"["a"]"#,
            r#"[ "a" , "é b" ,"" ]"#,
            r#"["a",]"#,
            r#"["a" "b"]"#,
            r#"["a", 5]"#,
            r#"["a\tb"]"#,
            "[\"bidi \u{202e}\"]",
            r#"[null]"#,
            r#"["a"] x"#,
            "null",
            "{}",
        ] {
            let Some(r) = plain_list(json) else {
                let needs_decoding = json.contains(['\\', '\t', '\u{202e}']);
                assert!(
                    line_values(json).flatten().is_none() || needs_decoding,
                    "{json}"
                );
                continue;
            };
            let inside = &json[r];
            let tags: Vec<&str> = inside.split('"').skip(1).step_by(2).collect();
            assert_eq!(
                Some(Some(tags.iter().map(|t| t.to_string()).collect())),
                line_values(json),
                "{json}"
            );
        }
    }

    #[test]
    fn headlines_and_tags_without_escapes_are_listed_from_the_file_and_read_the_same() {
        // Plain ones are read in place from the digest's text; escaped ones are decoded into
        // the list's own buffer. Both show the same, and the filter finds both.
        let articles = [
            r#"{"id":"a","headline":"  Plain café 🦀  ","tags":[ "rust" , "é" ]}"#,
            r#"{"id":"b","headline":"Esc\u00e9aped \"q\"","tags":["tab\tx", "plain"]}"#,
            r#"{"id":"c","headline":"Plain again","tags":["q\"uote"]}"#,
            r#"{"id":"d","headline":"Bidi \u202e gone","tags":[]}"#,
        ];
        // Enough articles for both halves of the scan, each with its own buffer.
        let all: Vec<&str> = articles.iter().cycle().take(3000).copied().collect();
        let text = format!("{{\"articles\":[{}]}}", all.join(",\n"));
        let d = crate::format::parse(text.as_bytes(), "t").unwrap();
        let want = [
            ("Plain café 🦀", &["rust", "é"][..], (true, true)),
            ("Escéaped \"q\"", &["tab x", "plain"][..], (false, false)),
            ("Plain again", &["q\"uote"][..], (true, false)),
            ("Bidi  gone", &[][..], (false, true)),
        ];
        for (i, e) in d.entries.iter().enumerate() {
            let (headline, tags, in_source) = want[i % 4];
            assert_eq!(
                (e.headline(), e.tag_list(), e.in_source()),
                (
                    headline,
                    tags.iter().map(|t| t.to_string()).collect(),
                    in_source
                ),
                "{i}"
            );
            let article = d.article(i).unwrap();
            assert_eq!(
                (article.headline.as_str(), article.tags),
                (headline, e.tag_list())
            );
        }
        let found = |term: &str| {
            (0..d.entries.len())
                .filter(|&i| crate::model::search::matches_list_fields(&d, i, term))
                .count()
        };
        assert_eq!(
            [
                found("cafe"),
                found("esceaped"),
                found("uote"),
                found("rust"),
                found("plain")
            ],
            [750, 750, 750, 750, 2250]
        );
    }
}
