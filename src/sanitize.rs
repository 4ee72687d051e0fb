//! Makes untrusted text safe to put on a terminal.
//!
//! Every string that comes from a digest (or a file name) passes through here once, before it is
//! stored in the model, so nothing later has to remember to do it. After sanitising, a string holds
//! no control character but `\n` (and only block text keeps those), no DEL, no C1 controls and no
//! bidi overrides or isolates, which could otherwise reorder what the user sees.

use std::borrow::Cow;

/// Sanitises text that may span lines (summaries, viewpoints): newlines are kept as line breaks.
pub fn block(s: &str) -> Cow<'_, str> {
    clean(s, '\n')
}

/// Sanitises a single-line field (headlines, names, file names): line breaks fold to spaces.
pub fn line(s: &str) -> Cow<'_, str> {
    clean(s, ' ')
}

/// Sanitises an owned string without copying it when it is already clean.
pub fn block_owned(s: String) -> String {
    match block(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(o) => o,
    }
}

/// Single-line variant of [`block_owned`].
pub fn line_owned(s: String) -> String {
    match line(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(o) => o,
    }
}

/// True for characters that must never reach the terminal as they are.
fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{2028}' | '\u{2029}')
}

fn clean(s: &str, newline: char) -> Cow<'_, str> {
    // Fast path: most text is clean, and load time matters for big digests.
    let dirty = s
        .chars()
        .any(|c| is_unsafe(c) && !(newline == '\n' && c == '\n'));
    if !dirty {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                // \r\n and a lone \r are both one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(newline);
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push(newline),
            // A tab separates words; a single space keeps them apart without guessing tab stops.
            '\t' => out.push(' '),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            block("plain text\nwith a break"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(line("plain, 漢字 and emoji 🦀"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_and_controls_are_removed() {
        assert_eq!(line("a\u{1b}[2Jb"), "a[2Jb");
        assert_eq!(line("x\u{1b}]0;title\u{7}y"), "x]0;titley");
        assert_eq!(line("8-bit\u{9b}31mcsi"), "8-bit31mcsi");
        assert_eq!(line("del\u{7f}ete back\u{8}space"), "delete backspace");
        assert_eq!(line("\u{202e}evil\u{2066}x\u{2069}"), "evilx");
    }

    #[test]
    fn line_breaks_and_tabs() {
        assert_eq!(block("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(line("a\r\nb\rc\nd"), "a b c d");
        assert_eq!(line("word\tword"), "word word");
        assert_eq!(block("x\u{2028}y"), "x\ny");
    }
}
