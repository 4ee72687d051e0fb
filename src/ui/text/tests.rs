//! [`lines`] against ratatui's `Paragraph`: the same cells, style and symbol, for hostile text
//! (wide CJK, emoji sequences, combining marks, zero-width and control characters, long
//! words, lines exactly as wide as the area) in areas from one cell wide to a full screen,
//! over a buffer that already holds something (cells the paragraph leaves alone must stay).

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{graphemes, lines};

/// Pieces that text is made of: ASCII, and everything that makes cutting into graphemes or
/// measuring columns hard.
const PIECES: &[&str] = &[
    "a",
    "Z",
    " ",
    "  ",
    "word",
    "-",
    "…",
    "—",
    "’",
    "“",
    "•",
    "▶",
    "●",
    "漢",
    "字",
    "한",
    "ｶ",
    "ﾞ",
    "ﾟ",
    "e\u{301}",
    "\u{301}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "🦀",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧",
    "❤\u{fe0f}",
    "🇫🇷",
    "🇫",
    "\u{fe0f}",
    "क्\u{200d}ष",
    "ि",
    "\t",
    "\r\n",
    "\n",
    "\r",
    "\u{7}",
    "\u{1b}",
    "\u{85}",
    "\u{7f}",
    "x\u{308}\u{301}",
    "ﾞa",
    "©",
    "\u{a0}",
    "\u{3000}",
    "Ａ",
    "🔍",
    "📊",
    "✅",
    "ab\u{0300}c",
    "‑",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(0..PIECES.len(), 0..24)
        .prop_map(|ix| ix.into_iter().map(|i| PIECES[i]).collect())
}

fn color() -> impl Strategy<Value = Option<Color>> {
    prop_oneof![
        Just(None),
        Just(Some(Color::Reset)),
        Just(Some(Color::Red)),
        (0u8..=255).prop_map(|i| Some(Color::Indexed(i))),
        Just(Some(Color::Rgb(1, 2, 3))),
    ]
}

fn modifier() -> impl Strategy<Value = Modifier> {
    (0u16..0x200).prop_map(Modifier::from_bits_truncate)
}

fn style() -> impl Strategy<Value = Style> {
    (color(), color(), modifier(), modifier()).prop_map(|(fg, bg, add, sub)| {
        let mut s = Style::default().add_modifier(add).remove_modifier(sub);
        s.fg = fg;
        s.bg = bg;
        s
    })
}

fn line() -> impl Strategy<Value = Line<'static>> {
    (
        prop::collection::vec((text(), style()), 0..5),
        prop::option::of(style()),
    )
        .prop_map(|(spans, line_style)| {
            let spans: Vec<Span> = spans.into_iter().map(|(t, s)| Span::styled(t, s)).collect();
            let line = Line::from(spans);
            match line_style {
                Some(s) => line.patch_style(s),
                None => line,
            }
        })
}

/// A buffer that holds something already: a few cells written with a style.
fn backdrop(area: Rect) -> Buffer {
    let mut buf = Buffer::empty(area);
    for y in area.top()..area.bottom() {
        for x in (area.left()..area.right()).step_by(3) {
            buf[(x, y)].set_symbol("#").set_style(
                Style::default()
                    .fg(Color::Green)
                    .add_modifier(Modifier::BOLD),
            );
        }
    }
    buf
}

/// Draws `ls` into `area` of a backdrop of `screen` both ways; they must be the same.
fn same(ls: &[Line], screen: Rect, area: Rect) {
    let mut by_paragraph = backdrop(screen);
    Paragraph::new(ls.to_vec()).render(area, &mut by_paragraph);
    let mut by_lines = backdrop(screen);
    lines(ls, area, &mut by_lines);
    assert_eq!(by_lines, by_paragraph, "{ls:?} in {area:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_cells_are_the_paragraphs(
        ls in prop::collection::vec(line(), 0..6),
        (x, y, w, h) in (0u16..12, 0u16..8, 0u16..30, 0u16..8),
    ) {
        same(&ls, Rect::new(0, 0, 24, 6), Rect::new(x, y, w, h));
    }

    #[test]
    fn graphemes_are_cut_as_unicode_segmentation_cuts_them(t in text()) {
        use unicode_segmentation::UnicodeSegmentation;
        let mut ours = Vec::new();
        graphemes(&t, |g| {
            ours.push(g.to_string());
            true
        });
        let theirs: Vec<String> = t
            .graphemes(true)
            .filter(|g| !g.contains(char::is_control))
            .map(str::to_string)
            .collect();
        prop_assert_eq!(ours, theirs);
    }
}

#[test]
fn lines_as_wide_as_the_area_and_wider_at_every_screen_size() {
    let words = [
        "plain ascii text that runs on and on",
        "漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字",
        "🦀 crab 👍🏽 thumbs 👨\u{200d}👩\u{200d}👧 family ❤\u{fe0f} 🇫🇷",
        "cafe\u{301} na\u{ef}ve x\u{308}\u{301}\u{200b}zero\u{feff}width",
        "a_very_long_word_without_any_break_in_it_at_all_whatsoever",
        "tab\tand\u{1b}[31mescape\u{7f}",
        "ｶﾞｷﾞ halfwidth ﾟ",
    ];
    for (w, h) in [(1, 1), (2, 3), (3, 2), (20, 5), (80, 24), (200, 60)] {
        let screen = Rect::new(0, 0, w, h);
        let mut ls: Vec<Line> = Vec::new();
        for (i, t) in words.iter().cycle().take(usize::from(h) + 2).enumerate() {
            // Exactly the width, one wider, and as it is.
            let cut: String = match i % 3 {
                0 => crate::wrap::pad(t, usize::from(w)),
                1 => crate::wrap::pad(t, usize::from(w) + 1),
                _ => (*t).to_string(),
            };
            ls.push(Line::from(vec![
                Span::styled(cut, Style::default().fg(Color::Yellow)),
                Span::styled("漢", Style::default().add_modifier(Modifier::REVERSED)),
            ]));
        }
        same(&ls, screen, screen);
        same(&ls, screen, Rect::new(w / 3, h / 3, w, h));
    }
}

#[test]
fn lines_not_aligned_left_go_the_paragraphs_way() {
    let ls = vec![
        Line::from("right").alignment(Alignment::Right),
        Line::from("centred 漢").alignment(Alignment::Center),
        Line::from("left").alignment(Alignment::Left),
    ];
    same(&ls, Rect::new(0, 0, 20, 4), Rect::new(1, 1, 15, 3));
}
