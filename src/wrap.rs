//! Word wrapping and truncation by display width (CJK and emoji take two columns).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    // Printable ASCII is one column a byte: most words, without the table lookups.
    if s.bytes().all(|b| matches!(b, b' '..=b'~')) {
        return s.len();
    }
    UnicodeWidthStr::width(s)
}

/// Wraps `text` to `width` columns at word boundaries, honouring `\n` as a line break.
///
/// A word longer than the line is broken by columns, so nothing is ever lost or overflows.
/// Every returned line fits in `width` (a width of 0 is treated as 1).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let word_w = self::width(word);
            let gap = usize::from(line_w > 0);
            if line_w + gap + word_w <= width {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += gap + word_w;
                continue;
            }
            if line_w > 0 {
                out.push(std::mem::take(&mut line));
                line_w = 0;
            }
            if word_w <= width {
                line.push_str(word);
                line_w = word_w;
            } else {
                for c in word.chars() {
                    let cw = c.width().unwrap_or(0);
                    if line_w + cw > width && line_w > 0 {
                        out.push(std::mem::take(&mut line));
                        line_w = 0;
                    }
                    line.push(c);
                    line_w += cw;
                }
            }
        }
        out.push(line);
    }
    out
}

/// Like [`wrap`], but a link (`http://…`, `https://…`) gets a line of its own, so it is never
/// broken in the middle when it fits the width (and stays one piece to select and click).
pub fn wrap_links(text: &str, width: usize) -> Vec<String> {
    if !text.contains("://") {
        return wrap(text, width);
    }
    let mut out = Vec::new();
    for para in text.split('\n') {
        let before = out.len();
        let mut run: Vec<&str> = Vec::new();
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            if is_link(word) {
                if !run.is_empty() {
                    out.extend(wrap(&run.join(" "), width));
                    run.clear();
                }
                out.extend(wrap(word, width));
            } else {
                run.push(word);
            }
        }
        // An empty paragraph is kept as an empty line, as `wrap` keeps it.
        if !run.is_empty() || out.len() == before {
            out.extend(wrap(&run.join(" "), width));
        }
    }
    out
}

/// A word that is a web link (possibly in brackets or followed by punctuation).
fn is_link(word: &str) -> bool {
    let w = word.trim_start_matches(['(', '<', '[', '"', '\'', '“']);
    w.starts_with("https://") || w.starts_with("http://")
}

/// Cuts `s` to at most `width` columns, ending with `…` when something was cut.
pub fn truncate(s: &str, width: usize) -> String {
    match cut(s.chars(), s, width) {
        Some(_) if width == 0 => String::new(),
        Some(kept) => kept.into_iter().chain(['…']).collect(),
        None => s.to_string(),
    }
}

/// Cuts `s` to at most `width` columns from its start, beginning with `…` when something was
/// cut: the end of a line being typed stays in view.
pub fn truncate_start(s: &str, width: usize) -> String {
    match cut(s.chars().rev(), s, width) {
        Some(_) if width == 0 => String::new(),
        Some(kept) => std::iter::once('…').chain(kept.into_iter().rev()).collect(),
        None => s.to_string(),
    }
}

/// The characters of `chars` (`s`'s, from either end) that fit in `width` columns with room
/// left for an ellipsis; `None` when all of `s` fits and nothing needs cutting.
fn cut(chars: impl Iterator<Item = char>, s: &str, width: usize) -> Option<Vec<char>> {
    if self::width(s) <= width {
        return None;
    }
    let mut kept = Vec::new();
    let mut w = 0;
    for c in chars {
        let cw = c.width().unwrap_or(0);
        if w + cw >= width {
            break;
        }
        kept.push(c);
        w += cw;
    }
    Some(kept)
}

/// Pads `s` with spaces to exactly `width` columns (truncating first if it is wider).
pub fn pad(s: &str, width: usize) -> String {
    let mut out = truncate(s, width);
    let w = self::width(&out);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The printable-ASCII shortcut gives what unicode-width gives, for any text: ASCII
        /// with control characters, mixed scripts, wide characters.
        #[test]
        fn width_agrees_with_unicode_width(s in "(\\PC|[\\x00-\\x7f]){0,40}") {
            prop_assert_eq!(width(&s), UnicodeWidthStr::width(s.as_str()));
        }
    }

    #[test]
    fn truncate_start_keeps_the_end() {
        assert_eq!(truncate_start("abcdef", 6), "abcdef");
        assert_eq!(truncate_start("abcdef", 4), "…def");
        assert_eq!(truncate_start("漢字漢字", 5), "…漢字");
        assert_eq!(truncate_start("abc", 0), "");
    }

    #[test]
    fn links_get_their_own_line() {
        let url = "https://example.com/a/long/path";
        let text = format!("see {url} for more");
        assert_eq!(
            wrap_links(&text, 40),
            ["see", url, "for more"],
            "a link that fits is one line"
        );
        assert_eq!(wrap_links("no links here", 40), ["no links here"]);
        assert_eq!(wrap_links(&format!("a\n{url}"), 40), ["a", url]);
        // Too long for the width: broken by columns, nothing lost.
        assert_eq!(wrap_links(url, 10).concat(), url);
    }

    #[test]
    fn wraps_at_words() {
        assert_eq!(wrap("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(wrap("a\nb c", 10), ["a", "b c"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn breaks_long_words_and_wide_chars() {
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        // Each CJK character is two columns wide; a line of 5 holds two of them.
        assert_eq!(wrap("漢字漢字漢", 5), ["漢字", "漢字", "漢"]);
        for line in wrap("🦀🦀🦀 mixed 漢字 text", 4) {
            assert!(width(&line) <= 4, "{line:?}");
        }
    }

    #[test]
    fn truncates_and_pads_by_width() {
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("漢字漢字", 5), "漢字…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(pad("漢", 4), "漢  ");
        assert_eq!(width(&pad("漢字漢字", 5)), 5);
    }
}
