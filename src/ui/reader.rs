//! The reader: article list, article text and commentator table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget, Wrap,
};

use crate::layout;
use crate::model::Model;
use crate::model::document::{COLUMN_GAP, MARKER_WIDTH, TABLE_HEADERS};
use crate::model::pane::Pane;
use crate::model::reader::{Opened, Reader};
use crate::theme::Theme;
use crate::ui::{View, find, pane, status};
use crate::wrap;

/// Draws the reader screen.
pub fn draw(model: &Model, r: &Reader, view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let panes = r.panes(area);
    if let Some(rect) = panes.list {
        list(model, r, theme, rect, buf);
    }
    if let Some(rect) = panes.article {
        article(r, theme, rect, buf);
    }
    if let (Some(rect), Some(o)) = (panes.commentators, &r.opened) {
        commentators(o, r.focus == Pane::Commentators, theme, rect, buf);
        let inner = layout::inner(rect);
        let body = Rect {
            y: inner.y.saturating_add(1),
            height: inner.height.saturating_sub(1),
            ..inner
        };
        find::paint(r, Pane::Commentators, body, o.table_top, theme, buf);
    }
    status::draw_reader(model, r, view, panes.status, buf);
}

fn list(model: &Model, r: &Reader, theme: &Theme, rect: Rect, buf: &mut Buffer) {
    let focused = r.focus == Pane::List;
    // View markers first: when the title is cut to fit, the digest's name gives way, not them.
    let mut title = String::from(" ");
    if !r.filter.is_empty() {
        title.push_str(&format!("[/{}] ", r.filter));
    }
    if r.unread_only {
        title.push_str("[unread] ");
    }
    title.push_str(&format!(
        "{} {}/{} ",
        r.digest.title,
        r.unread,
        r.digest.entries.len()
    ));
    let block = pane(
        Line::from(wrap::truncate(
            &title,
            rect.width.saturating_sub(2) as usize,
        )),
        focused,
        theme,
    );
    let inner = layout::inner(rect);
    block.render(rect, buf);
    let width = inner.width as usize;
    if r.shown.is_empty() {
        let msg = if r.digest.entries.is_empty() {
            "This digest has no articles"
        } else {
            "No articles match"
        };
        // Wrapped: in a narrow list the message would otherwise be cut mid-word.
        Paragraph::new(Span::styled(msg, theme.dim()))
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    }
    // Only the visible rows are built, so a frame costs the same for 50 or 50,000 articles.
    let lines: Vec<Line> = r
        .shown
        .iter()
        .enumerate()
        .skip(r.list_top)
        .take(inner.height as usize)
        .map(|(pos, &i)| {
            let e = &r.digest.entries[i as usize];
            let read = model.read.is_read(r.key_of(i as usize), &e.id);
            let selected = pos == r.cursor;
            let marker = if selected { "▶" } else { " " };
            let dot = if read { " " } else { "●" };
            let text = wrap::pad(&e.headline, width.saturating_sub(4));
            let mut line = Line::from(vec![
                Span::raw(format!("{marker} ")),
                Span::styled(dot, theme.unread_marker()),
                Span::raw(" "),
                Span::styled(text, if read { theme.read() } else { theme.unread() }),
            ]);
            if selected {
                line = line.patch_style(theme.selected(focused));
            }
            line
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

fn article(r: &Reader, theme: &Theme, rect: Rect, buf: &mut Buffer) {
    let focused = r.focus == Pane::Article;
    let inner = layout::inner(rect);
    let Some(o) = &r.opened else {
        pane(Line::from(" Article "), focused, theme).render(rect, buf);
        return;
    };
    let total = o.doc.lines.len();
    let h = inner.height as usize;
    let title = if total > h {
        let pct = (o.scroll + h).min(total) * 100 / total.max(1);
        format!(" Article {}/{} · {pct}% ", r.cursor + 1, r.shown.len())
    } else {
        format!(" Article {}/{} ", r.cursor + 1, r.shown.len())
    };
    pane(Line::from(title), focused, theme).render(rect, buf);
    let lines: Vec<Line> = o.doc.lines[o.scroll.min(total)..]
        .iter()
        .take(h)
        .map(|l| {
            Line::from(
                l.iter()
                    .map(|(t, role)| Span::styled(t.as_str(), theme.role(*role)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
    find::paint(r, Pane::Article, inner, o.scroll, theme, buf);
    if total > h {
        scrollbar(inner, total, h, o.scroll, buf);
    }
}

/// A scrollbar down the right edge of `area` for `total` lines seen `visible` at a time from `top`.
fn scrollbar(area: Rect, total: usize, visible: usize, top: usize, buf: &mut Buffer) {
    let mut state = ScrollbarState::new(total.saturating_sub(visible)).position(top);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some("│"))
        .thumb_symbol("█")
        .render(area, buf, &mut state);
}

fn commentators(o: &Opened, focused: bool, theme: &Theme, rect: Rect, buf: &mut Buffer) {
    let inner = layout::inner(rect);
    let rows = o.table.rows.len();
    let title = format!(" Commentators {}/{} ", o.row + 1, rows);
    pane(Line::from(title), focused, theme).render(rect, buf);
    let [nw, rw, vw] = o.table.widths;
    let gap = " ".repeat(COLUMN_GAP);
    let cells = |c: [&str; 3]| {
        format!(
            "{}{}{gap}{}{gap}{}",
            " ".repeat(MARKER_WIDTH),
            wrap::pad(c[0], nw),
            wrap::pad(c[1], rw),
            wrap::pad(c[2], vw)
        )
    };
    let mut lines = vec![Line::styled(cells(TABLE_HEADERS), theme.table_header())];
    let body_h = (inner.height as usize).saturating_sub(1);
    let mut line_no = 0;
    'rows: for (i, row) in o.table.rows.iter().enumerate() {
        for (k, cell) in row.iter().enumerate() {
            if line_no >= o.table_top + body_h {
                break 'rows;
            }
            if line_no >= o.table_top {
                // The selected row's marker and name go on its first line on screen, so they
                // stay in view while a tall row scrolls line by line.
                let first_shown = k == 0 || line_no == o.table_top;
                let mut text = if i == o.row && k > 0 && first_shown {
                    cells([&row[0][0], &row[0][1], &cell[2]])
                } else {
                    cells([&cell[0], &cell[1], &cell[2]])
                };
                if i == o.row && first_shown {
                    text.replace_range(0..MARKER_WIDTH, "▶ ");
                }
                let mut line = Line::from(text);
                if i == o.row {
                    line = line.style(theme.selected(focused));
                }
                lines.push(line);
            }
            line_no += 1;
        }
    }
    Paragraph::new(lines).render(inner, buf);
    let total = o.table.line_count();
    if total > body_h && inner.height > 1 {
        let area = Rect {
            y: inner.y.saturating_add(1),
            height: inner.height.saturating_sub(1),
            ..inner
        };
        scrollbar(area, total, body_h, o.table_top, buf);
    }
}
