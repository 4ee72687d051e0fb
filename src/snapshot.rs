//! Rendering the app's screen without a terminal, as text: for `newsdeck snapshot` (its command
//! is `cmd/snapshot.rs`, which calls this), the screen tests and the fuzzer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::theme::Theme;
use crate::ui;

/// Renders `app`'s current screen into a `width` x `height` buffer.
pub fn render(app: &App, theme: &Theme) -> Buffer {
    let area = app.model.area;
    let mut buf = Buffer::empty(area);
    let view = ui::View {
        theme,
        keymap: &app.keymap,
    };
    ui::draw(&app.model, &view, area, &mut buf);
    buf
}

/// The buffer as plain text: one line per row, wide characters once, trailing spaces trimmed.
pub fn to_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                // The cell behind a wide character holds nothing of its own.
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = crate::wrap::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The area a snapshot renders: the requested size.
pub fn area(width: u16, height: u16) -> Rect {
    Rect::new(0, 0, width, height)
}

/// Renders `digest` in the reader at `width` x `height` after `keys`, as text: the whole
/// load -> update -> render pipeline without files or a terminal (for fuzzing and property tests).
pub fn digest_screen(
    digest: crate::format::Digest,
    width: u16,
    height: u16,
    keys: &[crossterm::event::KeyEvent],
) -> String {
    let mut app = App::reading(digest, Rect::new(0, 0, width, height));
    for key in keys {
        app.key(key, 0);
    }
    to_text(&render(&app, &Theme::new(false)))
}
