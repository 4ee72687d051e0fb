//! The library screen: one row per digest, newest first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::layout;
use crate::model::{LibraryRow, Model, Source};
use crate::ui::{View, pane, status};
use crate::wrap;

/// The widths of the library table's columns: marker, title (flexible), date, articles, unread.
struct Columns {
    /// The whole row.
    width: usize,
    /// The title column.
    title: usize,
    /// The date column.
    date: usize,
    /// Each number column.
    num: usize,
}

impl Columns {
    fn new(width: usize) -> Self {
        let (date, num) = (10, 8);
        let title = width.saturating_sub(2 + date + 2 * num + 3);
        Columns {
            width,
            title,
            date,
            num,
        }
    }
}

/// Draws the library screen.
pub fn draw(model: &Model, view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let (main, bar) = layout::split_status(area);
    let lib = &model.library;
    pane(
        Line::from(wrap::truncate(
            &title(model),
            main.width.saturating_sub(2) as usize,
        )),
        true,
        theme,
    )
    .render(main, buf);
    let inner = layout::inner(main);
    let cols = Columns::new(inner.width as usize);
    let (title_w, date_w, num_w) = (cols.title, cols.date, cols.num);
    let header = format!(
        "  {} {} {:>num_w$} {:>num_w$}",
        wrap::pad("Digest", title_w),
        wrap::pad("Date", date_w),
        "Articles",
        "Unread"
    );
    let mut lines = vec![Line::styled(header, theme.table_header())];
    let height = model.library_height();
    for (i, row) in lib.rows.iter().enumerate().skip(lib.top).take(height) {
        let selected = i == lib.cursor;
        let mut line = row_line(model, view, row, selected, &cols);
        if selected {
            line = line.patch_style(theme.selected(true));
        }
        lines.push(line);
    }
    if lib.rows.is_empty() {
        let empty = match lib.listing {
            Some(_) => "Listing the library…",
            None => "No digests here.",
        };
        lines.push(Line::styled(empty, theme.dim()));
    }
    if let Some(hint) = &lib.hint {
        lines.push(Line::from(""));
        lines.push(Line::styled(hint.clone(), theme.dim()));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
    status::draw_library(model, view, bar, buf);
}

/// The pane's title: the library's name, how many digests (and the filter), the sort.
fn title(model: &Model) -> String {
    let lib = &model.library;
    let n = lib.all.iter().filter(|r| !r.source.is_special()).count();
    let shown = lib.rows.iter().filter(|r| !r.source.is_special()).count();
    let mut count = if lib.filter.is_empty() {
        format!("{n} digest{}", if n == 1 { "" } else { "s" })
    } else {
        format!("{shown} of {n} digests · /{}", lib.filter)
    };
    // While the background listing still finds digests: how far it is (a listing that only
    // checks the rows already shown says nothing).
    match lib.listing.as_ref().map(|l| (l.listed, l.total)) {
        Some((_, None)) if n == 0 => count = "listing…".to_string(),
        Some((listed, Some(total))) if n < total => {
            count.push_str(&format!(" · listing… {listed} of {total}"));
        }
        _ => {}
    }
    format!(" {} · {count} · by {} ", lib.title, lib.sort.name())
}

/// One row of the table: a digest, a digest that failed to load, or a special row (Starred,
/// All unread) with the counts it has.
fn row_line(
    model: &Model,
    view: &View,
    row: &LibraryRow,
    selected: bool,
    cols: &Columns,
) -> Line<'static> {
    let theme = view.theme;
    let (title_w, date_w, num_w) = (cols.title, cols.date, cols.num);
    let marker = if selected { "▶ " } else { "  " };
    let by_unread = |unread: usize| {
        if unread > 0 {
            theme.unread()
        } else {
            theme.read()
        }
    };
    match &row.error {
        None if row.source == Source::Starred => Line::from(vec![
            Span::raw(marker),
            Span::styled(wrap::pad(&row.title, title_w), theme.unread()),
            Span::raw(" "),
            Span::raw(wrap::pad("", date_w)),
            Span::raw(format!(" {:>num_w$}", row.ids.len())),
        ]),
        Some(err) => Line::from(vec![
            Span::raw(marker),
            Span::styled(
                wrap::pad(
                    &format!("✗ {} — {err}", row.title),
                    cols.width.saturating_sub(2),
                ),
                theme.error(),
            ),
        ]),
        None if row.source == Source::AllUnread => {
            let unread = model.library.total_unread(&model.read);
            Line::from(vec![
                Span::raw(marker),
                Span::styled(wrap::pad(&row.title, title_w), by_unread(unread)),
                Span::raw(" "),
                Span::raw(wrap::pad("", date_w)),
                Span::raw(format!(" {:>num_w$} {:>num_w$}", "", unread)),
            ])
        }
        None => {
            let unread = row.unread(&model.read);
            let date = row
                .date
                .as_deref()
                .map(|d| d.chars().take(10).collect::<String>())
                .unwrap_or_default();
            Line::from(vec![
                Span::raw(marker),
                Span::styled(wrap::pad(&row.title, title_w), by_unread(unread)),
                Span::raw(" "),
                Span::styled(wrap::pad(&date, date_w), theme.dim()),
                Span::raw(format!(" {:>num_w$} {:>num_w$}", row.ids.len(), unread)),
            ])
        }
    }
}
