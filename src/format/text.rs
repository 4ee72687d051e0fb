//! The fast first pass's string decoding: a JSON string value turned straight into the safe
//! single line the article list shows, in one pass and one allocation.
//!
//! Decoding with serde and then sanitising (`sanitize::line`) walked every headline three times
//! and copied it twice; on digests that escape every non-ASCII character and put tabs and line
//! breaks in headlines that was most of the first pass. The result here is always what serde +
//! `sanitize::line` give: anything this decoder is not sure of (`\r`, `\b`, `\f`, a value that is
//! not a plain string) is handed to serde, and whatever serde refuses is refused.

use super::scan::{JSON_WS, string_end};
use crate::sanitize;

/// What `serde_json` reads from the JSON value `json` as an `Option<String>`, made a single
/// safe line as `sanitize::line` makes it; `None` when serde would refuse the value.
pub(super) fn line_value(json: &str) -> Option<Option<String>> {
    // Decoded text is never longer than its JSON.
    let mut out = String::with_capacity(json.len());
    Some(line_value_into(json, &mut out)?.then_some(out))
}

/// [`line_value`] written to the end of `out`: `Some(false)` for `null` (nothing written),
/// `Some(true)` when the line was written, `None` (and `out` as it was) when serde would refuse
/// the value.
pub(super) fn line_value_into(json: &str, out: &mut String) -> Option<bool> {
    if json == "null" {
        return Some(false);
    }
    let mark = out.len();
    if decode_line(json, out).is_some() {
        return Some(true);
    }
    out.truncate(mark);
    let decoded: Option<String> = serde_json::from_str(json).ok()?;
    Some(decoded.is_some_and(|s| {
        out.push_str(&sanitize::line(&s));
        true
    }))
}

/// What `serde_json` reads from `json` as an `Option<Vec<String>>`, each string made a single
/// safe line; `None` when serde would refuse it.
#[cfg(test)]
pub(super) fn line_values(json: &str) -> Option<Option<Vec<String>>> {
    let mut out = String::new();
    let present = line_values_into(json, &mut out)?;
    Some(present.then(|| out.split_terminator('\n').map(str::to_string).collect()))
}

/// [`line_values`] written to the end of `out`, each string followed by a line break (which a
/// safe line never holds): `Some(false)` for `null`, `None` (and `out` as it was) when serde
/// would refuse the value.
pub(super) fn line_values_into(json: &str, out: &mut String) -> Option<bool> {
    if json == "null" {
        return Some(false);
    }
    let mark = out.len();
    if decode_lines(json, out).is_some() {
        return Some(true);
    }
    out.truncate(mark);
    let decoded: Option<Vec<String>> = serde_json::from_str(json).ok()?;
    Some(decoded.is_some_and(|list| {
        for s in list {
            out.push_str(&sanitize::line(&s));
            out.push('\n');
        }
        true
    }))
}

/// Whether serde would read `json` as an `Option<String>`, without keeping the string: a plain
/// string (no escapes, no control characters) or `null` is checked without decoding.
pub(super) fn is_string_or_null(json: &str) -> bool {
    if json == "null" {
        return true;
    }
    match json.as_bytes() {
        // A fold without early exit, so the compiler vectorises it.
        // `|`, not `||`: without branches the compiler vectorises the fold (it was 3% of the
        // first pass on the short shape, run for every url and date).
        [b'"', inner @ ..]
            if !inner.is_empty()
                && inner.iter().fold(0, |n: usize, &c| {
                    n + usize::from((c == b'"') | (c == b'\\') | (c < 0x20))
                }) == 1
                && inner.last() == Some(&b'"') =>
        {
            true
        }
        _ => line_value(json).is_some(),
    }
}

/// The headline written to `out[from..]`, trimmed as shown: the text after it is cut off, and
/// the range it is at returned; `None` when nothing is left of it.
pub(super) fn trim_from(out: &mut String, from: usize) -> Option<std::ops::Range<usize>> {
    let line = &out[from..];
    let end = from + line.trim_end().len();
    let start = from + (line.len() - line.trim_start().len());
    out.truncate(end);
    (start < end).then_some(start..end)
}

/// `["...", ...]` decoded with [`decode_line`] to the end of `out`, each string followed by a
/// line break; `None` for anything else or when unsure (`out` then holds a part of it).
fn decode_lines(json: &str, out: &mut String) -> Option<()> {
    let b = json.as_bytes();
    if b.first() != Some(&b'[') || b.last() != Some(&b']') {
        return None;
    }
    let mut i = skip_ws(b, 1);
    if i == b.len() - 1 {
        return Some(());
    }
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let end = string_end(b, i + 1)?;
        decode_line(&json[i..=end], out)?;
        out.push('\n');
        i = skip_ws(b, end + 1);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            Some(b']') if i == b.len() - 1 => return Some(()),
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

/// The JSON string literal `json` (quotes included) decoded and made a safe single line, written
/// to the end of `out`; `None` when it is anything else or this decoder is not sure (serde then
/// decides, and `out` holds a part of it, for the caller to cut off).
///
/// Line breaks and tabs become spaces as they are decoded, as `sanitize::line` makes them; a
/// string with any other unsafe character (`\r`, an ESC, a bidi override...) is left to serde
/// and `sanitize::line`, whose result depends on what surrounds it.
fn decode_line(json: &str, out: &mut String) -> Option<()> {
    let inner = json.strip_prefix('"')?.strip_suffix('"')?;
    let b = inner.as_bytes();
    // One pass the compiler vectorises: a control character inside a string is refused by
    // serde, and only bytes from 0x7f up can start a character `sanitize::line` removes.
    let (control, high) = b.iter().fold((false, false), |(lo, hi), &c| {
        (lo | (c < 0x20), hi | (c >= 0x7f))
    });
    if control {
        return None;
    }
    let from = out.len();
    let mut i = 0;
    while i < b.len() {
        // A plain loop, not memchr: between escapes the runs are a few bytes long, shorter
        // than a call to memchr costs.
        let run = b[i..]
            .iter()
            .position(|&c| c == b'\\' || c == b'"')
            .unwrap_or(b.len() - i);
        // The run ends at an ASCII byte (or the end), so both ends are character boundaries.
        out.push_str(&inner[i..i + run]);
        i += run;
        if i == b.len() {
            break;
        }
        // A quote inside the string: serde refuses it.
        if b[i] != b'\\' {
            return None;
        }
        let escape = *b.get(i + 1)?;
        i += 2;
        let c = match escape {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'n' => '\n',
            b't' => '\t',
            b'u' => {
                let (c, len) = unicode_escape(b.get(i..)?)?;
                i += len;
                c
            }
            _ => return None,
        };
        match c {
            '\n' | '\t' | '\u{2028}' | '\u{2029}' => out.push(' '),
            // `sanitize::line` removes whole escape sequences, so what an unsafe character
            // does depends on what follows it: serde and `sanitize::line` decide.
            c if sanitize::is_unsafe(c) => return None,
            c => out.push(c),
        }
    }
    // Characters written as themselves: if any is unsafe (an ESC or a C1 control, say), the
    // line breaks already turned into spaces may have mattered to it, so serde and
    // `sanitize::line` decide; clean text costs one byte scan.
    if high && matches!(sanitize::line(&out[from..]), std::borrow::Cow::Owned(_)) {
        return None;
    }
    Some(())
}

/// The character of the `XXXX` (and, for a surrogate pair, `\uXXXX`) that follows a `\u`, and
/// how many bytes it took; `None` for a lone surrogate or bad hex digits.
fn unicode_escape(b: &[u8]) -> Option<(char, usize)> {
    let hi = hex4(b.get(..4)?)?;
    if (0xd800..0xdc00).contains(&hi) {
        if b.get(4..6)? != b"\\u" {
            return None;
        }
        let lo = hex4(b.get(6..10)?)?;
        if !(0xdc00..0xe000).contains(&lo) {
            return None;
        }
        let c = char::from_u32(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00))?;
        return Some((c, 10));
    }
    // A lone low surrogate is no char: `from_u32` refuses it.
    Some((char::from_u32(hi)?, 4))
}

/// Each byte's value as a hex digit, or 0xff: a table, because the short shape has a `\uXXXX`
/// escape every few characters and four branches per digit showed in profiles.
const HEX: [u8; 256] = {
    let mut t = [0xff; 256];
    let mut c = 0;
    while c < 10 {
        t[b'0' as usize + c] = c as u8;
        c += 1;
    }
    let mut c = 0;
    while c < 6 {
        t[b'a' as usize + c] = 10 + c as u8;
        t[b'A' as usize + c] = 10 + c as u8;
        c += 1;
    }
    t
};

fn hex4(b: &[u8]) -> Option<u32> {
    let [a, b, c, d] = *b else { return None };
    let [a, b, c, d] = [a, b, c, d].map(|x| HEX[usize::from(x)]);
    if (a | b | c | d) & 0xf0 != 0 {
        return None;
    }
    Some(u32::from(a) << 12 | u32::from(b) << 8 | u32::from(c) << 4 | u32::from(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the first pass made of a string value before this decoder: serde, then sanitise.
    fn serde_line(json: &str) -> Option<Option<String>> {
        let s: Option<String> = serde_json::from_str(json).ok()?;
        Some(s.map(sanitize::line_owned))
    }

    #[test]
    fn escapes_decode_as_serde_and_sanitize_would() {
        for json in [
            r#""plain""#,
            r#""tab\there \"q\" C:\\path \/ x""#,
            r#""line\nbreak\r\nand \r alone""#,
            r#""\u00e9\u00C9 \ud83d\ude00 \u202e evil \u0000 \u001b[2J""#,
            r#""\ud800 lone""#,
            r#""\udc00 lone low""#,
            r#""\u12"#,
            r#""bad \x escape""#,
            r#""\b\f""#,
            "\"raw\ttab\"",
            r#""a" "b""#,
            r#""ends in \""#,
            "\"raw \u{202e} bidi and \u{85} C1\"",
            // A raw OSC (C1) whose payload a line break ends: the break must stay one.
            "\"\u{9d}0;title\\nafter\"",
            r#""\u001b]0;t\u0007x\ny \u001b[31mred""#,
            "null",
            "5",
            r#""""#,
        ] {
            assert_eq!(line_value(json), serde_line(json), "{json}");
        }
    }

    /// Hostile string values: escapes, control characters, bidi controls, escape sequences,
    /// invalid escapes, lone surrogates, values that are not strings.
    const HOSTILE: [&str; 16] = [
        r#""plain""#,
        r#""tab\there \"q\" C:\\path \/ x""#,
        r#""line\nbreak\r\nand \r alone""#,
        r#""\u00e9\u00C9 \ud83d\ude00 \u202e evil \u0000 \u001b[2J""#,
        r#""\ud800 lone""#,
        r#""bad \x escape""#,
        "\"raw\ttab\"",
        "\"raw \u{202e} bidi \u{2066}isolate\u{2069} and \u{85} C1\"",
        "\"\u{1b}]0;title\u{7}after \u{1b}[31mred\u{9b}2J\"",
        r#""\u001b]0;t\u0007x\ny \u001b[31mred""#,
        r#""  \u200b\u00ad  ""#,
        r#""\u12"#,
        r#""a" "b""#,
        "null",
        "5",
        r#""""#,
    ];

    #[test]
    fn lines_written_after_other_text_decode_as_alone() {
        // The shared buffer already holds other entries' text (tags end in line breaks): a
        // string decodes the same after it, and a refused one leaves it as it was.
        for before in ["", "plain\n", "\u{e9}t\u{e9}\n\n", "\u{1b}["] {
            for json in HOSTILE {
                let mut out = before.to_string();
                let written = line_value_into(json, &mut out);
                match serde_line(json) {
                    Some(Some(s)) => {
                        assert_eq!(written, Some(true), "{json}");
                        assert_eq!(out, format!("{before}{s}"), "{json}");
                    }
                    Some(None) => assert_eq!((written, out.as_str()), (Some(false), before)),
                    None => assert_eq!((written, out.as_str()), (None, before), "{json}"),
                }
                // The same strings as a list of tags.
                let list = format!("[{json}, {json}]");
                let mut out = before.to_string();
                let written = line_values_into(&list, &mut out);
                let serde: Option<Vec<String>> = serde_json::from_str(&list).ok();
                match serde {
                    Some(v) => {
                        let lines: String = v
                            .iter()
                            .map(|s| format!("{}\n", sanitize::line(s)))
                            .collect();
                        assert_eq!(written, Some(true), "{list}");
                        assert_eq!(out, format!("{before}{lines}"), "{list}");
                    }
                    None => assert_eq!((written, out.as_str()), (None, before), "{list}"),
                }
            }
        }
    }

    #[test]
    fn hex_digits_read_as_their_value_and_nothing_else_does() {
        assert_eq!(hex4(b"09af"), Some(0x09af));
        assert_eq!(hex4(b"FFFF"), Some(0xffff));
        assert_eq!(hex4(b"AbC1"), Some(0xabc1));
        for bad in [
            &b"0g00"[..],
            b"00:0",
            b"/000",
            b"000G",
            b"@000",
            b"`000",
            b"00 0",
            b"000",
        ] {
            assert_eq!(hex4(bad), None, "{bad:?}");
        }
        for c in 0..=255u8 {
            let text = [b'0', b'0', b'0', c];
            let want = (c as char).to_digit(16);
            assert_eq!(hex4(&text), want, "{c}");
        }
    }

    #[test]
    fn a_headline_is_trimmed_where_it_was_written() {
        let mut out = String::from("before\n");
        out.push_str(" \u{3000}headline  \t");
        assert_eq!(trim_from(&mut out, 7), Some(11..19));
        assert_eq!((&out[11..19], out.len()), ("headline", 19));
        let mut out = String::from("x  \u{2003} ");
        assert_eq!(trim_from(&mut out, 1), None);
    }

    #[test]
    fn lists_decode_as_serde_would() {
        for json in [
            r#"[]"#,
            r#"[ ]"#,
            r#"["a"]"#,
            r#"[ "a\tb" , "\u00e9" ]"#,
            r#"["a",]"#,
            r#"["a" "b"]"#,
            r#"["a", 5]"#,
            r#"[null]"#,
            r#"["a"] x"#,
            "null",
            "{}",
        ] {
            let serde: Option<Option<Vec<String>>> =
                serde_json::from_str::<Option<Vec<String>>>(json)
                    .ok()
                    .map(|v| v.map(|v| v.into_iter().map(sanitize::line_owned).collect()));
            assert_eq!(line_values(json), serde, "{json}");
        }
    }

    proptest! {
        #[test]
        fn any_string_decodes_as_serde_and_sanitize_would(s in "\\PC{0,12}|[\\x00-\\x7f\u{e9}\u{202e}\u{2028}\u{9b}\u{9d}\u{1F600}]{0,16}") {
            // Written both with serde's escapes and with every character as \u escapes.
            let json = serde_json::to_string(&s).unwrap();
            prop_assert_eq!(line_value(&json), serde_line(&json));
            let mut escaped = String::from("\"");
            for c in s.chars() {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    escaped.push_str(&format!("\\u{u:04x}"));
                }
            }
            escaped.push('"');
            prop_assert_eq!(line_value(&escaped), serde_line(&escaped));
            prop_assert_eq!(is_string_or_null(&json), true);
        }

        #[test]
        fn mangled_strings_are_refused_exactly_when_serde_refuses(s in "[a\\\\\"u0-9dDcCfF \t\n]{0,14}") {
            let json = format!("\"{s}\"");
            prop_assert_eq!(line_value(&json), serde_line(&json));
            prop_assert_eq!(is_string_or_null(&json), serde_line(&json).is_some());
        }
    }
}
