//! The fast backend against crossterm's: the same screen for the same frames, and the same
//! attribute changes, parameter for parameter, except a colour that does not change.

use std::cell::RefCell;
use std::io::Write;
use std::num::NonZeroU16;
use std::rc::Rc;

use proptest::prelude::*;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use super::Fast;

const W: u16 = 12;
const H: u16 = 4;

/// A writer whose bytes can be read back while a backend owns it.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What drawing the change from `prev` to `next` writes, through crossterm's backend and
/// through [`Fast`].
fn both(prev: &Buffer, next: &Buffer) -> (Vec<u8>, Vec<u8>) {
    let (a, b) = (Shared::default(), Shared::default());
    CrosstermBackend::new(a.clone())
        .draw(prev.diff(next).into_iter())
        .unwrap();
    Fast::new(b.clone())
        .draw(prev.diff(next).into_iter())
        .unwrap();
    (a.0.take(), b.0.take())
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

/// A terminal showing `prev` (drawn by crossterm from a cleared screen), then `frame`.
fn screen(prev: &Buffer, frame: &[u8]) -> vt100::Parser {
    let mut p = vt100::Parser::new(nz(H), nz(W), 0);
    let (first, _) = both(&Buffer::empty(prev.area), prev);
    p.process(b"\x1b[2J");
    p.process(&first);
    p.process(frame);
    p
}

/// Every cell of the two screens, with its attributes, and the cursor, are the same.
fn assert_same_screen(a: &vt100::Parser, b: &vt100::Parser) {
    let (a, b) = (a.screen(), b.screen());
    for row in 0..H {
        for col in 0..W {
            let (x, y) = (a.cell(row, col).unwrap(), b.cell(row, col).unwrap());
            let look = |c: &vt100::Cell| {
                (
                    c.contents().to_string(),
                    c.fgcolor(),
                    c.bgcolor(),
                    (c.bold(), c.dim(), c.italic(), c.underline(), c.inverse()),
                )
            };
            assert_eq!(look(x), look(y), "cell {row},{col}");
        }
    }
    assert_eq!(a.cursor_position(), b.cursor_position(), "cursor");
}

const SYMBOLS: &[&str] = &[
    "a",
    "Z",
    " ",
    "word",
    "─",
    "│",
    "漢",
    "字x",
    "👍",
    "❤\u{fe0f}",
    "e\u{301}",
    "·",
    "",
];

fn color() -> impl Strategy<Value = Color> {
    prop_oneof![
        Just(Color::Reset),
        Just(Color::Red),
        Just(Color::LightCyan),
        Just(Color::Gray),
        Just(Color::DarkGray),
        Just(Color::White),
        Just(Color::Black),
        any::<u8>().prop_map(Color::Indexed),
        (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
    ]
}

fn style() -> impl Strategy<Value = Style> {
    styled(color())
}

/// A style with underline colours from `underline`.
fn styled(underline: impl Strategy<Value = Color>) -> impl Strategy<Value = Style> {
    (color(), color(), underline, any::<u16>()).prop_map(|(fg, bg, ul, m)| {
        let mut s = Style::default()
            .fg(fg)
            .bg(bg)
            .add_modifier(Modifier::from_bits_truncate(m));
        s.underline_color = Some(ul);
        s
    })
}

/// A buffer written the way widgets write one: strings with styles at places (ratatui blanks
/// what a wide character covers), and some cells marked to be skipped. No underline colours:
/// vt100 does not know `58;...` and reads its numbers as other attributes (newsdeck never sets
/// one; their parameters are checked against crossterm's below).
fn buffer() -> impl Strategy<Value = Buffer> {
    let write = (0..W, 0..H, 0..SYMBOLS.len(), styled(Just(Color::Reset)));
    (
        prop::collection::vec(write, 0..24),
        prop::collection::vec((0..W, 0..H), 0..3),
    )
        .prop_map(|(writes, skips)| {
            let mut buf = Buffer::empty(Rect::new(0, 0, W, H));
            for (x, y, s, st) in writes {
                buf.set_string(x, y, SYMBOLS[s], st);
            }
            for (x, y) in skips {
                buf[(x, y)].set_diff_option(CellDiffOption::Skip);
            }
            buf
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_screen_is_the_one_crossterm_draws(prev in buffer(), next in buffer()) {
        let (ct, fast) = both(&prev, &next);
        assert_same_screen(&screen(&prev, &ct), &screen(&prev, &fast));
    }

    #[test]
    fn attribute_changes_are_crossterms_less_an_unchanged_colour(a in style(), b in style()) {
        let mut buf = Buffer::empty(Rect::new(0, 0, W, 1));
        buf.set_string(0, 0, "x", a);
        buf.set_string(1, 0, "y", b);
        let (ct, fast) = both(&Buffer::empty(buf.area), &buf);
        // Both filtered: two colours can be written alike (`Indexed(14)` and `LightCyan`), and
        // the fast backend then writes the second again.
        let filtered = |b: &[u8]| without_unchanged_colours(&merged_sgr(b));
        prop_assert_eq!(filtered(&ct), filtered(&fast));
    }
}

/// Crossterm's SGR sequences in `merged` with what they set again left out: crossterm writes
/// the foreground and the background together whenever either changes.
fn without_unchanged_colours(merged: &str) -> String {
    let mut out = String::new();
    let (mut fg, mut bg) = ("39".to_string(), "49".to_string());
    for (i, part) in merged.split("\x1b[").enumerate() {
        if i == 0 {
            out.push_str(part);
            continue;
        }
        let end = part.find(|c: char| c.is_ascii_alphabetic()).unwrap();
        if part.as_bytes()[end] != b'm' || &part[..end] == "39;49;59;0" {
            // Not an attribute change, or the end of a frame, written whole.
            out.push_str(&format!("\x1b[{part}"));
            continue;
        }
        let (mut kept, mut params) = (Vec::new(), part[..end].split(';').peekable());
        while let Some(p) = params.next() {
            let mut colour = |base: &str, last: &mut String| {
                let mut value = p.to_string();
                if p == base {
                    // `38;5;n` or `38;2;r;g;b`
                    let n = if params.peek() == Some(&"2") { 4 } else { 2 };
                    for _ in 0..n {
                        value.push(';');
                        value.push_str(params.next().unwrap());
                    }
                }
                (value != *last).then(|| {
                    *last = value.clone();
                    value
                })
            };
            let v = match p {
                "38" | "39" => colour("38", &mut fg),
                "48" | "49" => colour("48", &mut bg),
                "58" => {
                    // The underline colour is written as crossterm writes it.
                    let n = if params.peek() == Some(&"2") { 4 } else { 2 };
                    let mut v = p.to_string();
                    for _ in 0..n {
                        v.push(';');
                        v.push_str(params.next().unwrap());
                    }
                    Some(v)
                }
                _ => Some(p.to_string()),
            };
            kept.extend(v);
        }
        if !kept.is_empty() {
            out.push_str(&format!("\x1b[{}m", kept.join(";")));
        }
        out.push_str(&part[end + 1..]);
    }
    out
}

#[test]
fn a_colour_that_does_not_change_is_not_written_again() {
    let mut buf = Buffer::empty(Rect::new(0, 0, W, 1));
    buf.set_string(0, 0, "x", Style::default().fg(Color::Cyan));
    buf.set_string(1, 0, "y", Style::default().fg(Color::Yellow));
    let (ct, fast) = both(&Buffer::empty(buf.area), &buf);
    let fast = String::from_utf8(fast).unwrap();
    assert!(fast.contains("\x1b[38;5;6mx\x1b[38;5;3my"), "{fast:?}");
    assert!(String::from_utf8(ct).unwrap().contains("38;5;3;49m"));
}

/// `bytes` with consecutive `ESC[...m` merged into one (crossterm writes one per attribute).
fn merged_sgr(bytes: &[u8]) -> String {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut out = String::new();
    let mut params: Vec<String> = Vec::new();
    let mut rest = text.as_str();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("\x1b[")
            && let Some(end) = after.find(|c: char| c.is_ascii_alphabetic())
            && after.as_bytes()[end] == b'm'
        {
            params.push(after[..end].to_string());
            rest = &after[end + 1..];
            continue;
        }
        if !params.is_empty() {
            out.push_str(&format!("\x1b[{}m", params.join(";")));
            params.clear();
        }
        let c = rest.chars().next().unwrap();
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !params.is_empty() {
        out.push_str(&format!("\x1b[{}m", params.join(";")));
    }
    out
}

#[test]
fn a_first_frame_is_the_same_screen_in_fewer_bytes() {
    // The bundled sample at 200x60, as newsdeck's first frame shows it.
    let area = Rect::new(0, 0, 200, 60);
    let digest = crate::format::parse(crate::SAMPLE_DIGEST.as_bytes(), "sample").unwrap();
    let app = crate::app::App::reading(digest, area);
    let theme = crate::theme::Theme::default();
    let keymap = crate::keymap::Keymap::default();
    let view = crate::ui::View {
        theme: &theme,
        keymap: &keymap,
    };
    let mut next = Buffer::empty(area);
    crate::ui::draw(&app.model, &view, area, &mut next);
    let prev = Buffer::empty(area);
    let (ct, fast) = both(&prev, &next);
    let show = |frame: &[u8]| {
        let mut p = vt100::Parser::new(nz(60), nz(200), 0);
        p.process(frame);
        p
    };
    let (a, b) = (show(&ct), show(&fast));
    assert_eq!(
        a.screen().contents_formatted(),
        b.screen().contents_formatted()
    );
    assert!(a.screen().contents().contains("newsdeck sample digest"));
    assert!(
        fast.len() * 10 < ct.len() * 9,
        "{} vs {} bytes",
        fast.len(),
        ct.len()
    );
}
