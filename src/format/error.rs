//! Errors in a digest's content and where they are: 1-based lines and byte columns, and
//! serde_json's errors turned into those (positions in the whole file, the field's path, a
//! message safe to print).

use std::fmt;

use serde::Deserialize;

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

    /// An error at a 1-based line and byte column.
    pub(crate) fn at(pos: (usize, usize), message: impl Into<String>) -> Self {
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

/// What refusing JSON nested deeper than [`MAX_DEPTH`] says, whichever check finds it.
pub(crate) fn too_deep() -> String {
    format!("nesting too deep: newsdeck reads at most {MAX_DEPTH} levels of JSON")
}

/// 1-based line and byte column of byte `offset` in `text`.
pub(crate) fn position_of(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    (line, before.len() - line_start + 1)
}

/// Deserialises `slice` (which starts at byte `offset` of the whole text), turning serde_json's
/// errors into file positions and, for errors inside an article, naming the field's path.
pub(super) fn decode<'a, T: Deserialize<'a>>(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_byte_columns() {
        let text = "ab\n漢x";
        assert_eq!(position_of(text.as_bytes(), 0), (1, 1));
        assert_eq!(position_of(text.as_bytes(), 3), (2, 1));
        assert_eq!(position_of(text.as_bytes(), 6), (2, 4));
        // Past the end clamps rather than panics.
        assert_eq!(position_of(text.as_bytes(), 99), (2, 5));
    }

    #[test]
    fn tidy_sanitises_and_cuts_at_a_char_boundary() {
        assert_eq!(tidy("a\u{1b}[2Jb"), "ab");
        let long = "漢".repeat(MAX_MESSAGE_CHARS + 10);
        let cut = tidy(&long);
        assert_eq!(cut.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(cut.ends_with('…'));
    }
}
