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
/// A narrow pane drops the date, then the article count, so a row always fits on one line.
struct Columns {
    /// The whole row.
    width: usize,
    /// The title column.
    title: usize,
    /// The date column (0: not shown).
    date: usize,
    /// Whether the article count is shown.
    articles: bool,
    /// Each number column.
    num: usize,
}

/// The narrowest title column kept before a column on its right is dropped.
const MIN_TITLE: usize = 12;

impl Columns {
    fn new(width: usize) -> Self {
        let (date, num) = (10, 8);
        // Marker, then each column after the title with the space before it.
        let all = width.saturating_sub(2 + (date + 1) + 2 * (num + 1));
        let no_date = width.saturating_sub(2 + 2 * (num + 1));
        let (title, date, articles) = if all >= MIN_TITLE {
            (all, date, true)
        } else if no_date >= MIN_TITLE {
            (no_date, 0, true)
        } else {
            (width.saturating_sub(2 + num + 1), 0, false)
        };
        Columns {
            width,
            title,
            date,
            articles,
            num,
        }
    }

    /// The cells after the title: `date` (already padded, when the date is shown), the article
    /// count (when shown) and the unread count, each right-aligned.
    fn cells(&self, date: Span<'static>, articles: &str, unread: &str) -> Vec<Span<'static>> {
        let num_w = self.num;
        let mut spans = Vec::with_capacity(4);
        if self.date > 0 {
            spans.push(Span::raw(" "));
            spans.push(date);
        }
        if self.articles {
            spans.push(Span::raw(format!(" {articles:>num_w$}")));
        }
        spans.push(Span::raw(format!(" {unread:>num_w$}")));
        spans
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
    let mut header = vec![Span::raw(format!("  {}", wrap::pad("Digest", cols.title)))];
    header.extend(cols.cells(
        Span::raw(wrap::pad("Date", cols.date)),
        "Articles",
        "Unread",
    ));
    let mut lines = vec![Line::from(header).style(theme.table_header())];
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
    let title_w = cols.title;
    let marker = if selected { "▶ " } else { "  " };
    let by_unread = |unread: usize| {
        if unread > 0 {
            theme.unread()
        } else {
            theme.read()
        }
    };
    let row_of = |title: Span<'static>, cells: Vec<Span<'static>>| {
        let mut spans = vec![Span::raw(marker), title];
        spans.extend(cells);
        Line::from(spans)
    };
    let no_date = || Span::raw(wrap::pad("", cols.date));
    match &row.error {
        None if row.source == Source::Starred => {
            // The count of starred articles stands in the Articles column, when there is one.
            let count = row.ids.len().to_string();
            let (articles, unread) = if cols.articles {
                (count.as_str(), "")
            } else {
                ("", "")
            };
            row_of(
                Span::styled(wrap::pad(&row.title, title_w), theme.unread()),
                cols.cells(no_date(), articles, unread),
            )
        }
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
            row_of(
                Span::styled(wrap::pad(&row.title, title_w), by_unread(unread)),
                cols.cells(no_date(), "", &unread.to_string()),
            )
        }
        None => {
            let unread = row.unread(&model.read);
            let date = row
                .date
                .as_deref()
                .map(|d| d.chars().take(10).collect::<String>())
                .unwrap_or_default();
            row_of(
                Span::styled(wrap::pad(&row.title, title_w), by_unread(unread)),
                cols.cells(
                    Span::styled(wrap::pad(&date, cols.date), theme.dim()),
                    &row.ids.len().to_string(),
                    &unread.to_string(),
                ),
            )
        }
    }
}
