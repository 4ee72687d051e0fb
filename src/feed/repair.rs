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
