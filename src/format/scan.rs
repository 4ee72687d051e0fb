//! The fast structural scan: finds the article spans of an object-form digest, and checks the
//! nesting depth, in one pass over the text without decoding it.

use std::ops::Range;

use super::error::{FormatError, MAX_DEPTH, position_of};

/// The whitespace JSON allows between tokens.
pub(super) const JSON_WS: [char; 4] = [' ', '\t', '\n', '\r'];

/// Where the structural scan found the articles of an object-form digest.
pub(super) struct Found {
    /// The `[...]` of the "articles" value, brackets included.
    pub(super) array: Range<usize>,
    /// Each element of that array, without surrounding whitespace.
    pub(super) spans: Vec<Range<usize>>,
}

/// Finds the article spans of an object-form digest in one pass over the text, checking the
/// nesting depth on the way (its error is exact). `Ok(None)` means "not sure": another form, an
/// escaped key, anything malformed around the articles; the exact path then decides.
pub(super) fn scan(text: &str, lead: usize) -> Result<Option<Found>, FormatError> {
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
}
