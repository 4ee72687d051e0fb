//! The Starred screen: every starred article across the library, newest star first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::layout;
use crate::model::Model;
use crate::ui::{View, pane, status};
use crate::wrap;

/// Draws the Starred screen.
pub fn draw(model: &Model, view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let (main, bar) = layout::split_status(area);
    let view_rows = &model.starred;
    let n = view_rows.rows.len();
    let title = format!(" Starred · {n} article{} ", if n == 1 { "" } else { "s" });
    pane(
        Line::from(wrap::truncate(
            &title,
            main.width.saturating_sub(2) as usize,
        )),
        true,
        theme,
    )
    .render(main, buf);
    let inner = layout::inner(main);
    let width = inner.width as usize;
    // Columns: cursor, star, headline (flexible), digest (a third of what is left).
    let rest = width.saturating_sub(4);
    let digest_w = rest / 3;
    let headline_w = rest.saturating_sub(digest_w + 1);
    let header = format!(
        "    {} {}",
        wrap::pad("Article", headline_w),
        wrap::pad("Digest", digest_w)
    );
    let mut lines = vec![Line::styled(header, theme.table_header())];
    let height = model.library_height();
    for (i, row) in view_rows
        .rows
        .iter()
        .enumerate()
        .skip(view_rows.top)
        .take(height)
    {
        let selected = i == view_rows.cursor;
        let cursor = if selected { "▶" } else { " " };
        let star = if row.starred { "*" } else { " " };
        let mut line = match &row.error {
            Some(err) => Line::from(vec![
                Span::raw(format!("{cursor} {star} ")),
                Span::styled(
                    wrap::pad(&format!("✗ {} — {err}", row.headline), rest),
                    theme.error(),
                ),
            ]),
            None => Line::from(vec![
                Span::raw(format!("{cursor} {star} ")),
                Span::styled(wrap::pad(&row.headline, headline_w), theme.unread()),
                Span::raw(" "),
                Span::styled(wrap::pad(&row.digest_title, digest_w), theme.dim()),
            ]),
        };
        if selected {
            line = line.patch_style(theme.selected(true));
        }
        lines.push(line);
    }
    if view_rows.rows.is_empty() {
        lines.push(Line::styled(
            "Nothing is starred. Press * on an article to star it.",
            theme.dim(),
        ));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
    status::draw_starred(model, view, bar, buf);
}
