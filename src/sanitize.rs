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

/// True for characters that must never reach the terminal as they are: controls, bidi
/// controls, and invisible characters that make text look other than it is (zero width space,
/// left-to-right and right-to-left marks, Arabic letter mark, zero width no-break space / BOM,
/// soft hyphen). Zero width (non-)joiners stay: emoji and several scripts need them.
pub(crate) fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{2028}' | '\u{2029}'
        | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{feff}' | '\u{ad}')
}

/// Whether `bytes` (UTF-8) hold any character [`is_unsafe`] flags, checked on bytes because
/// decoding chars costs several times more and almost every string is clean.
fn needs_cleaning(bytes: &[u8], keep_newline: bool) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        match bytes[i] {
            b'\n' if keep_newline => {}
            0x00..=0x1f | 0x7f => return true,
            // U+0080..U+009F (C1 controls)
            0xc2 if (0x80..=0x9f).contains(&next(1)) || next(1) == 0xad => return true,
            // U+061C (Arabic letter mark)
            0xd8 if next(1) == 0x9c => return true,
            // U+200B, U+200E, U+200F (zero width space, LTR and RTL marks)
            0xe2 if next(1) == 0x80 && matches!(next(2), 0x8b | 0x8e | 0x8f) => return true,
            // U+FEFF (zero width no-break space, the BOM)
            0xef if next(1) == 0xbb && next(2) == 0xbf => return true,
            // U+2028..U+202E (separators, bidi embeddings and overrides), U+2066..U+2069 (isolates)
            0xe2 if next(1) == 0x80 && (0xa8..=0xae).contains(&next(2)) => return true,
            0xe2 if next(1) == 0x81 && (0xa6..=0xa9).contains(&next(2)) => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

fn clean(s: &str, newline: char) -> Cow<'_, str> {
    // Fast path: most text is clean, and load time matters for big digests.
    if !needs_cleaning(s.as_bytes(), newline == '\n') {
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
            // A whole escape sequence goes, not just its ESC: text copied from a coloured terminal
            // would otherwise read "[31mred".
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}'..='\u{9f}' => skip_string(&mut chars),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC: a CSI, a string command (OSC, DCS, SOS, PM, APC), or a short
/// escape (optional intermediates, then one final character).
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        _ => {
            while chars
                .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                .is_some()
            {}
            chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
        }
    }
}

/// Skips a CSI's parameters and intermediates and its final character; a character that cannot
/// be part of one ends it and stays.
fn skip_csi(chars: &mut Chars<'_>) {
    while chars
        .next_if(|c| ('\u{20}'..='\u{3f}').contains(c))
        .is_some()
    {}
    chars.next_if(|c| ('\u{40}'..='\u{7e}').contains(c));
}

/// Skips a string command's payload up to its terminator (BEL, ST, or ESC \\). A line break
/// also ends it, so an unterminated one hides at most the rest of its line, not the article.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.peek().copied() {
        match c {
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                chars.next();
                chars.next_if_eq(&'\\');
                return;
            }
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => return,
            _ => {
                chars.next();
            }
        }
    }
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
        assert_eq!(line("a\u{1b}[2Jb"), "ab");
        assert_eq!(line("\u{1b}[1;31mred\u{1b}[0m text"), "red text");
        assert_eq!(line("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(
            line("x\u{1b}]8;;http://e\u{1b}\\link\u{1b}]8;;\u{1b}\\y"),
            "xlinky"
        );
        assert_eq!(line("8-bit\u{9b}31mcsi"), "8-bitcsi");
        assert_eq!(line("c1 osc\u{9d}0;t\u{9c}!"), "c1 osc!");
        assert_eq!(line("charset\u{1b}(Bx \u{1b}7saved"), "charsetx saved");
        assert_eq!(
            block("open\u{1b}]2;never ends\nnext line"),
            "open\nnext line"
        );
        assert_eq!(line("dangling\u{1b}"), "dangling");
        // A character that cannot end a CSI ends it and is kept.
        assert_eq!(line("a\u{1b}[12\u{e9}b"), "a\u{e9}b");
        assert_eq!(line("del\u{7f}ete back\u{8}space"), "delete backspace");
        assert_eq!(line("\u{202e}evil\u{2066}x\u{2069}"), "evilx");
    }

    #[test]
    fn invisible_characters_are_removed_and_joiners_kept() {
        assert_eq!(
            line("a\u{200b}b\u{200e}c\u{200f}d\u{61c}e\u{feff}f\u{ad}g"),
            "abcdefg"
        );
        assert_eq!(line("\u{200b}\u{feff}\u{200b}"), "");
        // A family emoji is joined by U+200D; that must survive.
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        assert!(matches!(line(family), Cow::Borrowed(_)));
    }

    #[test]
    fn the_byte_check_agrees_with_the_char_rule() {
        for c in (0..0x10000u32).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            for keep in [false, true] {
                let expected = is_unsafe(c) && !(keep && c == '\n');
                assert_eq!(needs_cleaning(s.as_bytes(), keep), expected, "{c:?}");
            }
        }
    }

    #[test]
    fn line_breaks_and_tabs() {
        assert_eq!(block("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(line("a\r\nb\rc\nd"), "a b c d");
        assert_eq!(line("word\tword"), "word word");
        assert_eq!(block("x\u{2028}y"), "x\ny");
    }
}
