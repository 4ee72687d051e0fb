//! The help overlay (generated from the key map) and the yes/no question box.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use crate::keymap::Keymap;
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

/// The help's lines for `mode` in `area` (one or two columns) and their width, before scrolling.
fn help_lines<'a>(mode: Mode, view: &View<'a>, area: Rect) -> (Vec<Line<'a>>, usize) {
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
    let rows = row_count(bindings.len(), col_w, area);
    let width = if rows < bindings.len() {
        2usize.saturating_mul(col_w).saturating_add(3)
    } else {
        col_w
    };
    // The inside of the box, at most the screen less its borders: a line that does not fit
    // ends with `…` rather than being cut off silently.
    let inside = width.min((area.width as usize).saturating_sub(2));
    let entry = |i: usize, room: usize| -> Vec<Span<'a>> {
        let Some(b) = bindings.get(i) else {
            return vec![];
        };
        let k = wrap::truncate(&keys[i], room);
        let kw = (key_w + 2).min(room);
        let rest = room.saturating_sub(kw);
        vec![
            Span::styled(wrap::pad(&k, kw), theme.key()),
            Span::raw(wrap::pad(&wrap::truncate(b.help, rest), rest.min(help_w))),
        ]
    };
    let lines = (0..rows)
        .map(|i| {
            let mut spans = entry(i, inside.min(col_w));
            if rows < bindings.len() {
                spans.push(Span::raw("   "));
                spans.extend(entry(i + rows, col_w));
            }
            Line::from(spans)
        })
        .collect();
    (lines, inside)
}

/// Rows of `n` entries `col_w` wide: one column when it fits the height or two would not fit
/// the width, else two.
fn row_count(n: usize, col_w: usize, area: Rect) -> usize {
    let fits_one = n + 2 <= area.height as usize;
    let fits_two = 2usize.saturating_mul(col_w).saturating_add(5) <= area.width as usize;
    if fits_one || !fits_two {
        n
    } else {
        n.div_ceil(2)
    }
}

/// How far the help for `mode` can scroll in `area` (0: it fits).
pub fn max_scroll(mode: Mode, keymap: &Keymap, area: Rect) -> usize {
    let bindings: Vec<_> = keymap.bindings(mode).collect();
    let col_w = bindings
        .iter()
        .map(|b| wrap::width(&b.describe_keys()))
        .max()
        .unwrap_or(0)
        + 2
        + bindings
            .iter()
            .map(|b| wrap::width(b.help))
            .max()
            .unwrap_or(0);
    let lines = row_count(bindings.len(), col_w, area);
    let room = (area.height as usize).saturating_sub(2);
    if lines > room {
        // One line of the box is the footer that says how to scroll.
        lines - room.saturating_sub(1).max(1)
    } else {
        0
    }
}

/// Draws the key help for `mode` over the screen, in two columns when one would not fit, and
/// scrolled by `scroll` lines when even that does not fit.
pub fn draw(mode: Mode, scroll: usize, view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let (mut lines, inside) = help_lines(mode, view, area);
    let room = (area.height as usize).saturating_sub(2);
    let total = lines.len();
    let mut width = inside;
    if total > room && room > 0 {
        // Never drop keys silently: the help scrolls, and its last line says so.
        let window = room.saturating_sub(1).max(1);
        let top = scroll.min(max_scroll(mode, view.keymap, area));
        lines = lines.into_iter().skip(top).take(window).collect();
        let footer = wrap::truncate(
            &format!(
                "{}-{}/{total} · j/k scroll",
                top + 1,
                top + window.min(total)
            ),
            inside,
        );
        width = width.max(wrap::width(&footer)).min(inside.max(1));
        lines.push(Line::styled(footer, theme.dim()));
    } else if lines.len() + 2 <= room {
        // The footer is a courtesy, shown only where the keys leave room for it.
        lines.push(Line::from(""));
        lines.push(Line::styled(
            wrap::truncate("Press any key to close", inside),
            theme.dim(),
        ));
    }
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

/// Draws a question in a box over the screen. `answers` (`(y/n)`) is always shown: the
/// question wraps, and where even that does not fit it is cut to leave the answers their line.
pub fn confirm(question: &str, answers: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let inside = (area.width as usize).saturating_sub(4).max(1);
    let whole = format!("{question} {answers}");
    let room = (area.height as usize).saturating_sub(2).max(1);
    let mut lines = wrap::wrap(&whole, inside);
    if lines.len() > room {
        lines = wrap::wrap(question, inside);
        lines.truncate(room.saturating_sub(1));
        if let Some(last) = lines.last_mut() {
            *last = wrap::truncate(&format!("{last}…"), inside);
        }
        lines.push(answers.to_string());
    }
    let w = lines.iter().map(|l| wrap::width(l)).max().unwrap_or(0);
    let rect = centered(
        area,
        layout::cells(w.saturating_add(4)).min(area.width),
        layout::cells(lines.len().saturating_add(2)),
    );
    Clear.render(rect, buf);
    let text: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), theme.notice()))
        .collect();
    Paragraph::new(text)
        .block(pane(Line::from(" Confirm "), true, theme))
        .render(rect, buf);
}

/// Draws the warnings in a box at the bottom of the screen, wrapped, until they are dismissed.
pub fn warnings(
    warnings: &[String],
    dismiss: Option<&str>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let inside = (area.width as usize).saturating_sub(2).max(1);
    let mut lines: Vec<Line> = warnings
        .iter()
        .flat_map(|w| wrap::wrap(w, inside))
        .map(|l| Line::styled(l, theme.notice()))
        .collect();
    // Leave the status bar and at least a line of the screen above the box.
    let room = (area.height as usize).saturating_sub(4).max(1);
    if lines.len() > room {
        lines.truncate(room);
    }
    let h = layout::cells(lines.len().saturating_add(2));
    let rect = Rect {
        x: area.x,
        y: area
            .bottom()
            .saturating_sub(1)
            .saturating_sub(h)
            .max(area.y),
        width: area.width,
        height: h.min(area.height),
    };
    Clear.render(rect, buf);
    let title = match dismiss {
        Some(key) => format!(" Warning · {key} dismisses "),
        None => " Warning ".to_string(),
    };
    let title = wrap::truncate(&title, inside);
    Paragraph::new(lines)
        .block(pane(Line::from(title), true, theme))
        .render(rect, buf);
}
