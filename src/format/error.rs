//! Errors in a digest's content and where they are: 1-based lines and byte columns.

use std::fmt;

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
}
