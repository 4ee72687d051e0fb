//! The library search and People overlays: a query line over a list, drawn over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use crate::layout;
use crate::model::Model;
use crate::model::finder::{Finder, FinderKind, FinderRow};
use crate::sanitize;
use crate::theme::Theme;
use crate::ui::{View, pane};
use crate::wrap::{pad, truncate, width};

/// Draws the open overlay, if any, over everything but the status bar.
pub fn draw(model: &Model, view: &View, area: Rect, buf: &mut Buffer) {
    let Some(f) = &model.finder else { return };
    let theme = view.theme;
    let boxed = layout::finder_box(area);
    Clear.render(boxed, buf);
    let block = pane(Line::from(format!(" {} ", title(f))), true, theme);
    let inner = block.inner(boxed);
    block.render(boxed, buf);
    let w = inner.width as usize;
    let mut lines = vec![
        query_line(f, w, theme),
        Line::styled(status(f), theme.dim()),
    ];
    lines.extend(row_lines(f, model.finder_height(), w, theme));
    Paragraph::new(lines).render(inner, buf);
    // Status bar: what the keys do here.
    let (_, bar) = layout::split_status(area);
    let hint = match (f.editing, f.kind) {
        (true, _) => "type to search · Enter: to the list · Esc: close",
        (false, Some(FinderKind::People)) if f.person.is_none() => {
            "j/k move · Enter: viewpoints · s: sort · /: filter · Esc: close"
        }
        (false, _) => "j/k move · Enter: open article · /: edit query · Esc: back",
    };
    Clear.render(bar, buf);
    Paragraph::new(Line::styled(pad(hint, bar.width as usize), theme.status())).render(bar, buf);
}

/// The page of rows that holds the cursor, `h` rows of `w` columns; the selected row is styled
/// and led by the `▶` marker, so it shows without colour too, as in the other lists.
fn row_lines(f: &Finder, h: usize, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    // Keep the cursor in view without state: the page that holds it.
    let top = (f.cursor / h.max(1)) * h.max(1);
    let mut lines = Vec::new();
    for (i, row) in f.rows.iter().enumerate().skip(top).take(h) {
        let (marker, style) = if i == f.cursor {
            ("▶ ", theme.selected(!f.editing))
        } else {
            ("  ", ratatui::style::Style::default())
        };
        let text = format!("{marker}{}", row_text(row, w.saturating_sub(width(marker))));
        lines.push(Line::styled(text, style));
    }
    lines
}

fn title(f: &Finder) -> String {
    match (f.kind, &f.person) {
        (Some(FinderKind::People), Some(name)) => {
            format!("{} — viewpoints, newest first", sanitize::line(name))
        }
        (Some(FinderKind::People), None) => format!("People (by {})", f.sort.name()),
        _ => "Search the library".to_string(),
    }
}

/// The query in `w` columns; while it is edited, a query too long for them shows its part
/// before the cursor cut at the left, so the cursor stays in view.
fn query_line<'a>(f: &'a Finder, w: usize, theme: &Theme) -> Line<'a> {
    let label = match f.kind {
        Some(FinderKind::People) => "Filter: ",
        _ => "Search: ",
    };
    if !f.editing {
        return Line::from(vec![
            Span::styled(label, theme.key()),
            Span::raw(sanitize::line(&f.query).into_owned()),
        ]);
    }
    let (before, after) = f.prompt.split();
    // The label and the cursor take their columns first.
    let room = w.saturating_sub(width(label) + 1);
    Line::from(vec![
        Span::styled(label, theme.key()),
        Span::raw(crate::wrap::truncate_start(&sanitize::line(before), room)),
        Span::raw("▏"),
        Span::raw(sanitize::line(after).into_owned()),
    ])
}

fn status(f: &Finder) -> String {
    if f.loading() {
        return "Loading the library index…".to_string();
    }
    if let Some(e) = &f.error {
        return sanitize::line(e).into_owned();
    }
    let n = f.rows.len();
    match f.kind {
        Some(FinderKind::Search) if f.query.trim().is_empty() => {
            "Words, tag:, source:, person:, before:, after:, unread".to_string()
        }
        Some(FinderKind::Search) if n >= crate::model::finder::MAX_RESULTS => {
            format!("first {n} results")
        }
        Some(FinderKind::Search) => format!("{n} result{}", if n == 1 { "" } else { "s" }),
        _ => {
            let (one, many) = if f.person.is_some() {
                ("viewpoint", "viewpoints")
            } else {
                ("person", "people")
            };
            format!("{n} {}", if n == 1 { one } else { many })
        }
    }
}

/// One row in `w` columns: date, title, text, detail, each cut to its share.
fn row_text(row: &FinderRow, w: usize) -> String {
    let clean = |s: &str| sanitize::line(s).into_owned();
    let date = pad(&clean(&row.date), 11);
    let rest = w.saturating_sub(width(&date));
    let title_w = (rest / 4).max(8);
    let detail_w = if row.detail.is_empty() { 0 } else { rest / 3 };
    let text_w = rest.saturating_sub(title_w + detail_w + 2);
    let mut s = date;
    s.push_str(&pad(
        &truncate(&clean(&row.title), title_w.saturating_sub(1)),
        title_w,
    ));
    s.push_str(&pad(
        &truncate(&clean(&row.text), text_w.saturating_sub(1)),
        text_w,
    ));
    if detail_w > 0 {
        s.push_str("  ");
        s.push_str(&truncate(&clean(&row.detail), detail_w));
    }
    truncate(&s, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(title: &str) -> FinderRow {
        FinderRow {
            date: "2025-10-27".into(),
            title: title.into(),
            text: "a headline".into(),
            detail: String::new(),
            target: None,
        }
    }

    #[test]
    fn the_selected_row_is_marked_without_colour_too() {
        let mut f = Finder::default();
        f.rows = vec![row("first"), row("second")];
        f.cursor = 1;
        let lines = row_lines(&f, 5, 60, &Theme::new(false));
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert!(text[0].starts_with("  2025-10-27"), "{text:?}");
        assert!(text[1].starts_with("▶ 2025-10-27 second"), "{text:?}");
        assert!(text.iter().all(|t| width(t) <= 60), "{text:?}");
    }
}
