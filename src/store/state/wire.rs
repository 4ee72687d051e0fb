//! The state file's text: decoding versions 1 and 2, and encoding version 2.
//!
//! Version 2, one entry per line, keys sorted, so diffs and file-sync tools handle it well:
//!
//! ```json
//! {
//!   "version": 2,
//!   "digests": {
//!     "id:tech-2025-10-28": {
//!       "read": {
//!         "1": {"read": true, "changed": 1767225600000}
//!       },
//!       "starred": {
//!         "1": {"starred": true, "changed": 1767225600000}
//!       },
//!       "last_opened": {"article": "1", "changed": 1767225600000}
//!     }
//!   },
//!   "library_cursor": {"digest": "id:tech-2025-10-28", "changed": 1767225600000},
//!   "legacy": {
//!     "1": {"read": true, "changed": 1767139200000}
//!   }
//! }
//! ```
//!
//! Digest keys are [`DigestKey`]s and article keys [`ArticleId`]s. `legacy` holds version-1 marks
//! (keyed by article key alone) that could not yet be given to one digest; they are kept on every
//! save. Version 1 was `{"version": 1, "articles": {"<article key>": {"read", "changed"}}}`; all
//! of its marks read as legacy ones. Times are ms since the Unix epoch; any more than a day ahead
//! of the reader's clock are clamped when read (see [`ReadState::clamp_future`]).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Disk, FORMAT_VERSION, now_ms};
use crate::model::digest::{ArticleId, DigestKey};
use crate::model::read_state::{DigestState, ReadState, Stamped};

#[derive(Deserialize)]
struct VersionWire {
    version: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct V1Wire {
    articles: BTreeMap<String, MarkWire>,
}

#[derive(Deserialize)]
struct V2Wire {
    digests: BTreeMap<String, DigestWire>,
    #[serde(default)]
    library_cursor: Option<CursorWire>,
    #[serde(default)]
    legacy: BTreeMap<String, MarkWire>,
}

#[derive(Deserialize)]
struct DigestWire {
    #[serde(default)]
    read: BTreeMap<String, MarkWire>,
    #[serde(default)]
    starred: BTreeMap<String, StarWire>,
    #[serde(default)]
    last_opened: Option<LastWire>,
}

#[derive(Deserialize)]
struct MarkWire {
    read: bool,
    changed: u64,
}

#[derive(Deserialize)]
struct StarWire {
    starred: bool,
    changed: u64,
}

#[derive(Deserialize)]
struct LastWire {
    article: String,
    changed: u64,
}

#[derive(Deserialize)]
struct CursorWire {
    digest: String,
    changed: u64,
}

/// Parses the state file's bytes (version 1 or 2), clamping future times to now.
pub(super) fn decode(bytes: &[u8]) -> Disk {
    decode_at(bytes, now_ms())
}

/// [`decode`] with the clock given.
pub(super) fn decode_at(bytes: &[u8], now: u64) -> Disk {
    // The version is read first, on its own, so a newer format is recognised even when the rest
    // of it would not parse as this one.
    let version = match serde_json::from_slice::<VersionWire>(bytes) {
        Ok(VersionWire { version: Some(v) }) => v,
        Ok(VersionWire { version: None }) => return Disk::Bad("no \"version\"".into()),
        Err(e) => return Disk::Bad(format!("not valid JSON: {e}")),
    };
    let state = match version.as_u64() {
        Some(1) => serde_json::from_slice::<V1Wire>(bytes).map(from_v1),
        Some(FORMAT_VERSION) => serde_json::from_slice::<V2Wire>(bytes).map(from_v2),
        Some(v) if v > FORMAT_VERSION => return Disk::Newer(v),
        _ => return Disk::Bad(format!("unknown \"version\" {version}")),
    };
    match state {
        Ok(mut state) => {
            state.clamp_future(now);
            Disk::Good(state)
        }
        Err(e) => Disk::Bad(e.to_string()),
    }
}

fn from_v1(wire: V1Wire) -> ReadState {
    let mut state = ReadState::new();
    for (id, m) in wire.articles {
        state.insert_legacy(&ArticleId(id.into()), mark(m.read, m.changed));
    }
    state
}

fn from_v2(wire: V2Wire) -> ReadState {
    let mut state = ReadState::new();
    for (key, d) in wire.digests {
        let key = DigestKey(key);
        for (id, m) in d.read {
            state.insert(&key, &ArticleId(id.into()), mark(m.read, m.changed));
        }
        for (id, s) in d.starred {
            state.insert_star(&key, &ArticleId(id.into()), mark(s.starred, s.changed));
        }
        if let Some(l) = d.last_opened {
            let last = Stamped {
                value: ArticleId(l.article.into()),
                changed: l.changed,
            };
            state.insert_last_opened(&key, last);
        }
    }
    if let Some(c) = wire.library_cursor {
        state.insert_library_cursor(Stamped {
            value: DigestKey(c.digest),
            changed: c.changed,
        });
    }
    for (id, m) in wire.legacy {
        state.insert_legacy(&ArticleId(id.into()), mark(m.read, m.changed));
    }
    state
}

fn mark(value: bool, changed: u64) -> Stamped<bool> {
    Stamped { value, changed }
}

/// A JSON string literal.
fn q(s: &str) -> String {
    // Serialising a string cannot fail; the fallback only keeps this free of `unwrap`.
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Writes `"name": {` then one `indent`ed line per item, then the closing brace (no newline).
fn section(out: &mut String, indent: &str, name: &str, lines: impl Iterator<Item = String>) {
    out.push_str(&format!("{indent}{}: {{", q(name)));
    let mut first = true;
    for line in lines {
        out.push_str(if first { "\n" } else { ",\n" });
        first = false;
        out.push_str(&format!("{indent}  {line}"));
    }
    out.push_str(&if first {
        "}".to_string()
    } else {
        format!("\n{indent}}}")
    });
}

fn digest_lines(d: &DigestState) -> Vec<String> {
    let mut parts = Vec::new();
    let indent = "      ";
    if !d.read.is_empty() {
        let mut s = String::new();
        let lines = d.read.iter().map(|(id, m)| {
            format!(
                "{}: {{\"read\": {}, \"changed\": {}}}",
                q(&id.0),
                m.value,
                m.changed
            )
        });
        section(&mut s, indent, "read", lines);
        parts.push(s);
    }
    if !d.stars.is_empty() {
        let mut s = String::new();
        let lines = d.stars.iter().map(|(id, m)| {
            format!(
                "{}: {{\"starred\": {}, \"changed\": {}}}",
                q(&id.0),
                m.value,
                m.changed
            )
        });
        section(&mut s, indent, "starred", lines);
        parts.push(s);
    }
    if let Some(l) = &d.last_opened {
        parts.push(format!(
            "{indent}\"last_opened\": {{\"article\": {}, \"changed\": {}}}",
            q(&l.value.0),
            l.changed
        ));
    }
    parts
}

/// The file's text (version 2): one entry per line, sorted, so line-based merges and diffs work.
pub(super) fn encode(state: &ReadState) -> String {
    let mut out = format!("{{\n  \"version\": {FORMAT_VERSION},\n  \"digests\": {{");
    let mut first = true;
    for (key, d) in state.digests() {
        out.push_str(if first { "\n" } else { ",\n" });
        first = false;
        let parts = digest_lines(d);
        if parts.is_empty() {
            out.push_str(&format!("    {}: {{}}", q(&key.0)));
        } else {
            out.push_str(&format!("    {}: {{\n", q(&key.0)));
            out.push_str(&parts.join(",\n"));
            out.push_str("\n    }");
        }
    }
    out.push_str(if first { "}" } else { "\n  }" });
    if let Some(c) = state.library_cursor_entry() {
        out.push_str(&format!(
            ",\n  \"library_cursor\": {{\"digest\": {}, \"changed\": {}}}",
            q(&c.value.0),
            c.changed
        ));
    }
    let mut legacy = state.legacy().peekable();
    if legacy.peek().is_some() {
        out.push_str(",\n");
        let lines = legacy.map(|(id, m)| {
            format!(
                "{}: {{\"read\": {}, \"changed\": {}}}",
                q(&id.0),
                m.value,
                m.changed
            )
        });
        section(&mut out, "  ", "legacy", lines);
    }
    out.push_str("\n}\n");
    out
}

#[cfg(test)]
mod tests;
