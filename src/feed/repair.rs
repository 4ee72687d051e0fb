//! Mistakes real feeds make that readers are expected to forgive, undone before feed-rs parses.

use serde_json::Value;

/// A JSON Feed whose item ids are not all strings, with each one made a string (`1` -> `"1"`,
/// `null` dropped), as JSON Feed 1.1 asks of readers. `None` when there is nothing to change
/// (or the input is not a JSON object), so the parser's own error stands.
pub(super) fn json_feed_ids(input: &[u8]) -> Option<Vec<u8>> {
    let mut feed: Value = serde_json::from_slice(input).ok()?;
    let items = feed.get_mut("items")?.as_array_mut()?;
    let mut changed = false;
    for item in items.iter_mut().filter_map(Value::as_object_mut) {
        let text = match item.get("id") {
            None | Some(Value::String(_)) => continue,
            Some(Value::Null) => None,
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::Bool(b)) => Some(b.to_string()),
            // An object or array has no sensible text: the item is left without an id.
            Some(_) => None,
        };
        match text {
            Some(t) => item.insert("id".to_string(), Value::String(t)),
            None => item.remove("id"),
        };
        changed = true;
    }
    changed.then(|| serde_json::to_vec(&feed).ok()).flatten()
}

/// XML that is not UTF-8 and has no encoding declaration, given the declaration its HTTP
/// `Content-Type` charset implies (`text/xml; charset=iso-8859-1`), so the parser decodes it.
///
/// Without one, XML is read as UTF-8 and such a feed was refused. Bytes that are valid UTF-8
/// are left alone (servers often label UTF-8 as ISO-8859-1), and so is a document that
/// declares its own encoding.
pub fn declare_http_charset(bytes: Vec<u8>, content_type: Option<&str>) -> Vec<u8> {
    let Some(charset) = content_type.and_then(charset_of) else {
        return bytes;
    };
    if charset.eq_ignore_ascii_case("utf-8") || std::str::from_utf8(&bytes).is_ok() {
        return bytes;
    }
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let rest = &bytes[start..];
    let body = if rest.starts_with(b"<?xml") {
        let Some(end) = rest.windows(2).position(|w| w == b"?>") else {
            return bytes;
        };
        if rest[..end].windows(8).any(|w| w == b"encoding") {
            return bytes;
        }
        &rest[end + 2..]
    } else if rest.starts_with(b"<") {
        rest
    } else {
        return bytes;
    };
    let mut out = format!("<?xml version=\"1.0\" encoding=\"{charset}\"?>").into_bytes();
    out.extend_from_slice(body);
    out
}

/// The `charset` parameter of a Content-Type, when it is a plausible encoding name.
fn charset_of(content_type: &str) -> Option<&str> {
    let value = content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"'))
    })?;
    let plausible = !value.is_empty()
        && value.len() <= 40
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
    plausible.then_some(value)
}
