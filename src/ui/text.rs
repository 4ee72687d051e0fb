//! Lines of text written straight into the buffer, cell for cell as ratatui's `Paragraph` (no
//! wrapping, no block, no style of its own) writes them, for less: the panes' lines are laid out
//! already, so the paragraph's work (two style passes over its whole area that change nothing,
//! every line cut into graphemes through an iterator chain, collected, then written) is not
//! needed. ASCII, most of what a digest holds, is written a byte a cell; the rest is cut into
//! graphemes exactly as the paragraph cuts it. Tests compare the cells with the paragraph's.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;

/// Writes `lines` into `area`, one a row from its top, leaving the buffer exactly as
/// `Paragraph::new(lines).render(area, buf)` would.
pub fn lines(lines: &[Line], area: Rect, buf: &mut Buffer) {
    if lines
        .iter()
        .any(|l| !matches!(l.alignment, None | Some(Alignment::Left)))
    {
        // Only left-aligned lines are drawn here; others go the paragraph's way.
        Paragraph::new(lines.to_vec()).render(area, buf);
        return;
    }
    let area = area.intersection(buf.area);
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        // A paragraph's text has no style of its own: the line's patched with the span's.
        let base = Style::default().patch(line.style);
        let spans = line
            .spans
            .iter()
            .map(|s| (s.content.as_ref(), base.patch(s.style)));
        spans_at(spans, area.x, y, area.width, buf);
    }
}

/// Writes one line of `spans` (text, style) at (`x`, `y`) in at most `width` columns, as a
/// paragraph draws a left-aligned line: graphemes holding a control character are dropped;
/// one wider than `width` is skipped; the line ends before the first that does not fit; a
/// grapheme of no width takes no cell; a wide one is written to its first cell only (the cells
/// it covers are left as they are). Nothing is written outside the buffer.
pub fn spans_at<'a>(
    spans: impl IntoIterator<Item = (&'a str, Style)>,
    x: u16,
    y: u16,
    width: u16,
    buf: &mut Buffer,
) {
    // Within the buffer, as a paragraph's area is.
    let width = width.min(buf.area.right().saturating_sub(x));
    if width == 0 {
        return;
    }
    let Some(start) = buf.cell((x, y)).map(|_| buf.index_of(x, y)) else {
        return;
    };
    let room = usize::from(width);
    let mut used = 0usize;
    for (text, style) in spans {
        let fits = graphemes(text, |g| {
            let w = usize::from(g.cell_width());
            if w > room {
                // Wider than the whole line: the paragraph leaves it out and goes on.
                return true;
            }
            if used + w > room {
                return false;
            }
            if w > 0 {
                if let Some(cell) = buf.content.get_mut(start + used) {
                    cell.set_symbol(g).set_style(style);
                }
                used += w;
            }
            true
        });
        if !fits {
            return;
        }
    }
}

/// Calls `f` with each grapheme of `text` that holds no control character, in order, as
/// `UnicodeSegmentation::graphemes(text, true)` cuts them, until `f` returns false; returns
/// false when it stopped early.
///
/// Between two ASCII characters there is always a grapheme boundary (no rule joins them but
/// CR LF, and control characters are dropped either way), and no rule looks back across an
/// ASCII character: so an ASCII character followed by another (or by the end) is a grapheme
/// of its own, and a stretch between two such boundaries is cut on its own as it would be in
/// the whole text.
fn graphemes(text: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let ascii_next = bytes.get(i + 1).is_none_or(u8::is_ascii);
        if bytes[i].is_ascii() && ascii_next {
            if !bytes[i].is_ascii_control() && !f(&text[i..=i]) {
                return false;
            }
            i += 1;
            continue;
        }
        // Up to the next boundary between two ASCII characters, or the end.
        let mut end = i + 1;
        while end < bytes.len() && !(bytes[end - 1].is_ascii() && bytes[end].is_ascii()) {
            end += 1;
        }
        // Both ends are character boundaries: an ASCII byte is a whole character.
        let Some(stretch) = text.get(i..end) else {
            return true;
        };
        for g in stretch.graphemes(true) {
            if !g.contains(char::is_control) && !f(g) {
                return false;
            }
        }
        i = end;
    }
    true
}

#[cfg(test)]
mod tests;
