//! The help overlay (generated from the key map) and the yes/no question box.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use crate::layout;
use crate::model::Mode;
use crate::theme::Theme;
use crate::ui::{View, pane};
use crate::wrap;

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x.saturating_add((area.width - w) / 2),
        y: area.y.saturating_add((area.height - h) / 2),
        width: w,
        height: h,
    }
}

/// Draws the key help for `mode` over the screen, in two columns when one would not fit.
pub fn draw(mode: Mode, view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let bindings: Vec<_> = view.keymap.bindings(mode).collect();
    let keys: Vec<String> = bindings.iter().map(|b| b.describe_keys()).collect();
    let key_w = keys.iter().map(|k| wrap::width(k)).max().unwrap_or(0);
    let help_w = bindings
        .iter()
        .map(|b| wrap::width(b.help))
        .max()
        .unwrap_or(0);
    let col_w = key_w + 2 + help_w;
    let entry = |i: usize| -> Vec<Span> {
        match bindings.get(i) {
            Some(b) => vec![
                Span::styled(wrap::pad(&keys[i], key_w + 2), theme.key()),
                Span::raw(wrap::pad(b.help, help_w)),
            ],
            None => vec![],
        }
    };
    let fits_one = bindings.len() + 2 <= area.height as usize;
    let fits_two = 2usize.saturating_mul(col_w).saturating_add(5) <= area.width as usize;
    let rows = if fits_one || !fits_two {
        bindings.len()
    } else {
        bindings.len().div_ceil(2)
    };
    let mut lines: Vec<Line> = (0..rows)
        .map(|i| {
            let mut spans = entry(i);
            if rows < bindings.len() {
                spans.push(Span::raw("   "));
                spans.extend(entry(i + rows));
            }
            Line::from(spans)
        })
        .collect();
    let room = (area.height as usize).saturating_sub(2);
    if lines.len() > room && room > 0 {
        // Never drop keys silently: say that some are not shown.
        lines.truncate(room - 1);
        lines.push(Line::styled("… more: enlarge the terminal", theme.dim()));
    } else if lines.len() + 2 <= room {
        // The footer is a courtesy, shown only where the keys leave room for it.
        lines.push(Line::from(""));
        lines.push(Line::styled("Press any key to close", theme.dim()));
    }
    let width = if rows < bindings.len() {
        2usize.saturating_mul(col_w).saturating_add(3)
    } else {
        col_w
    };
    let rect = centered(
        area,
        layout::cells(width.saturating_add(2)),
        layout::cells(lines.len().saturating_add(2)),
    );
    Clear.render(rect, buf);
    let title = match mode {
        Mode::Library => " Keys: library ",
        Mode::Starred => " Keys: starred ",
        _ => " Keys: reader ",
    };
    Paragraph::new(lines)
        .block(pane(Line::from(title), true, theme))
        .render(rect, buf);
}

/// Draws a one-line question in a box over the screen.
pub fn confirm(question: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let w = layout::cells(wrap::width(question).saturating_add(4)).min(area.width);
    let rect = centered(area, w, 3);
    Clear.render(rect, buf);
    Paragraph::new(Span::styled(question.to_string(), theme.notice()))
        .wrap(Wrap { trim: true })
        .block(pane(Line::from(" Confirm "), true, theme))
        .render(rect, buf);
}
