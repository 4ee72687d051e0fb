//! The backend newsdeck draws through: crossterm's, except for the cells of a frame, which it
//! writes itself. Crossterm formats every cell through `queue!` (`fmt::Write`, a `String` for
//! each attribute) and moves the cursor with an absolute `ESC[row;colH` at every gap: the
//! sample's first frame at 200x60 took 12.8 KB. Here the same cells, in the same order, go out
//! as bytes (10.5 KB): the changes of a cell in one `ESC[...m`, with only the colour that
//! changed (crossterm sets both), and a gap on the same row as `ESC[nC` where the cursor's
//! column is certain (only ASCII printed since the last absolute move). The screen that results is the same (tests replay
//! both through a terminal emulator); everything else (cursor, clearing, size) is crossterm's.

use std::io::{self, Write};

use crossterm::style::Colored;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// Crossterm's backend with a cheaper [`Backend::draw`].
pub struct Fast<W: Write> {
    inner: CrosstermBackend<W>,
    /// The frame's bytes, kept between frames for their capacity.
    out: Vec<u8>,
}

impl<W: Write> Fast<W> {
    /// A backend writing to `writer`.
    pub fn new(writer: W) -> Self {
        Fast {
            inner: CrosstermBackend::new(writer),
            out: Vec::new(),
        }
    }
}

/// The attributes the terminal has now, as `draw` changed them.
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl<W: Write> Backend for Fast<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if Colored::ansi_color_disabled_memoized() {
            // Crossterm then writes colours as empty parameters; leave that to it.
            return self.inner.draw(content);
        }
        let out = &mut self.out;
        out.clear();
        let mut pen = Pen {
            fg: Color::Reset,
            bg: Color::Reset,
            underline: Color::Reset,
            modifier: Modifier::empty(),
        };
        // Where the previous cell was drawn (crossterm's rule: no move right after it), and
        // where the cursor surely is (None after anything but ASCII: a terminal may give a
        // character another width than ratatui does).
        let mut last: Option<(u16, u16)> = None;
        let mut cursor: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            if !matches!(last, Some((lx, ly)) if ly == y && x == lx.wrapping_add(1)) {
                match cursor {
                    Some((cx, cy)) if cy == y && x > cx => csi_number(out, x - cx, b'C'),
                    _ => move_to(out, x, y),
                }
                cursor = Some((x, y));
            }
            last = Some((x, y));
            pen.change_to(cell, out);
            let symbol = cell.symbol();
            out.extend_from_slice(symbol.as_bytes());
            let ascii = matches!(symbol.as_bytes(), [b' '..=b'~']);
            cursor = cursor
                .filter(|_| ascii)
                .map(|(cx, cy)| (cx.saturating_add(1), cy));
        }
        // As crossterm ends a frame: colours and attributes back to the terminal's own.
        out.extend_from_slice(b"\x1b[39;49;59;0m");
        self.inner.write_all(out)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

impl Pen {
    /// Writes what changes the attributes to `cell`'s, in one `ESC[...m` (nothing when none
    /// change), in the order crossterm would: modifiers, colours, underline colour.
    fn change_to(&mut self, cell: &Cell, out: &mut Vec<u8>) {
        // Most cells of a frame look like the one before: nothing to write, so nothing to set up.
        if cell.modifier == self.modifier
            && cell.fg == self.fg
            && cell.bg == self.bg
            && cell.underline_color == self.underline
        {
            return;
        }
        let start = out.len();
        out.extend_from_slice(b"\x1b[");
        let params = out.len();
        if cell.modifier != self.modifier {
            modifier_diff(self.modifier, cell.modifier, out);
            self.modifier = cell.modifier;
        }
        // Only the colour that changes: crossterm sets both whenever either changes, which
        // was a fifth of the sample's first frame (`;49` after nearly every foreground).
        if cell.fg != self.fg {
            color(out, 38, cell.fg);
            self.fg = cell.fg;
        }
        if cell.bg != self.bg {
            color(out, 48, cell.bg);
            self.bg = cell.bg;
        }
        if cell.underline_color != self.underline {
            color(out, 58, cell.underline_color);
            self.underline = cell.underline_color;
        }
        if out.len() == params {
            out.truncate(start);
        } else {
            // Every parameter was written with a `;` after it: the last one ends the sequence.
            if let Some(last) = out.last_mut() {
                *last = b'm';
            }
        }
    }
}

/// The SGR parameters (each followed by `;`) crossterm's `ModifierDiff` writes to go from
/// `from` to `to`, in its order.
fn modifier_diff(from: Modifier, to: Modifier, out: &mut Vec<u8>) {
    let mut put = |p: &[u8]| {
        out.extend_from_slice(p);
        out.push(b';');
    };
    let removed = from - to;
    if removed.contains(Modifier::REVERSED) {
        put(b"27");
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        put(b"22");
        if to.contains(Modifier::DIM) {
            put(b"2");
        }
        if to.contains(Modifier::BOLD) {
            put(b"1");
        }
    }
    for (m, p) in [
        (Modifier::ITALIC, &b"23"[..]),
        (Modifier::UNDERLINED, b"24"),
        (Modifier::CROSSED_OUT, b"29"),
        (Modifier::HIDDEN, b"28"),
    ] {
        if removed.contains(m) {
            put(p);
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        put(b"25");
    }
    let added = to - from;
    for (m, p, with_reset) in [
        (Modifier::REVERSED, &b"7"[..], true),
        (Modifier::BOLD, b"1", false),
        (Modifier::ITALIC, b"3", true),
        (Modifier::UNDERLINED, b"4", true),
        (Modifier::DIM, b"2", false),
        (Modifier::CROSSED_OUT, b"9", true),
        (Modifier::HIDDEN, b"8", true),
        (Modifier::SLOW_BLINK, b"5", true),
        (Modifier::RAPID_BLINK, b"6", true),
    ] {
        // Bold and dim were written above already when the intensity was reset.
        if added.contains(m) && (with_reset || !reset_intensity) {
            put(p);
        }
    }
}

/// A colour parameter as crossterm writes it (`base` 38, 48 or 58), followed by `;`.
fn color(out: &mut Vec<u8>, base: u8, c: Color) {
    let index = match c {
        Color::Reset => {
            number(out, u16::from(base) + 1);
            out.push(b';');
            return;
        }
        Color::Rgb(r, g, b) => {
            number(out, u16::from(base));
            out.extend_from_slice(b";2;");
            for (i, v) in [r, g, b].into_iter().enumerate() {
                if i > 0 {
                    out.push(b';');
                }
                number(out, u16::from(v));
            }
            out.push(b';');
            return;
        }
        Color::Indexed(i) => i,
        // ratatui's names map to crossterm's, which crossterm writes as these indexes.
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    number(out, u16::from(base));
    out.extend_from_slice(b";5;");
    number(out, u16::from(index));
    out.push(b';');
}

/// `ESC[row;colH` for zero-based `x`, `y`, as crossterm's `MoveTo`.
fn move_to(out: &mut Vec<u8>, x: u16, y: u16) {
    out.extend_from_slice(b"\x1b[");
    number(out, y.saturating_add(1));
    out.push(b';');
    number(out, x.saturating_add(1));
    out.push(b'H');
}

/// `ESC[` `n` `end`.
fn csi_number(out: &mut Vec<u8>, n: u16, end: u8) {
    out.extend_from_slice(b"\x1b[");
    number(out, n);
    out.push(end);
}

/// `n` in decimal.
fn number(out: &mut Vec<u8>, n: u16) {
    let mut digits = [0u8; 5];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests;
