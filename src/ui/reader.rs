//! The reader: article list, article text and commentator table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget, Wrap,
};

use crate::action::Action;
use crate::layout;
use crate::model::document::{CARD_INDENT, COLUMN_GAP, MARKER_WIDTH, TABLE_HEADERS};
use crate::model::pane::Pane;
use crate::model::reader::{Opened, Reader};
use crate::model::scope::EmptyList;
use crate::model::{Mode, Model};
use crate::theme::Theme;
use crate::ui::{View, draw_pane, find, status, text};
use crate::wrap;

/// Draws the reader screen.
pub fn draw(model: &Model, r: &Reader, view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let panes = r.panes(area);
    if let Some(rect) = panes.list {
        list(model, r, view, rect, buf);
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

/// A pane title that cuts `name`, never `counts`: ` name · counts `, shortened to `width`.
pub fn title_with_counts(prefix: &str, name: &str, counts: &str, width: usize) -> String {
    let fixed = wrap::width(prefix) + wrap::width(counts) + 5;
    let room = width.saturating_sub(fixed);
    if room == 0 || name.is_empty() {
        return wrap::truncate(&format!(" {prefix}{counts} "), width);
    }
    format!(" {prefix}{} · {counts} ", wrap::truncate(name, room))
}

fn list(model: &Model, r: &Reader, view: &View, rect: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let focused = r.focus == Pane::List;
    // View markers and counts first: when the title is cut to fit, the digest's name gives way.
    let mut prefix = String::new();
    if !r.filter.is_empty() {
        prefix.push_str(&format!("[/{}] ", r.filter));
    }
    if r.filtering.is_some() {
        // The list holds the matches found so far; more are on their way.
        prefix.push_str("filtering… ");
    }
    if r.unread_only {
        prefix.push_str("[unread] ");
    }
    let counts = format!("{} unread · {}", r.unread, r.digest.entries.len());
    let title = title_with_counts(
        &prefix,
        &r.digest.title,
        &counts,
        rect.width.saturating_sub(2) as usize,
    );
    draw_pane(Line::from(title), focused, theme, rect, buf);
    let inner = layout::inner(rect);
    let width = inner.width as usize;
    if let Some(why) = r.empty_list() {
        // Wrapped: in a narrow list the message would otherwise be cut mid-word.
        Paragraph::new(Span::styled(
            empty_message(why, &r.filter, view),
            theme.dim(),
        ))
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
            // An ASCII star: one column in every terminal, and visible without colour.
            let star = if model.read.is_starred(r.key_of(i as usize), &e.id) {
                "*"
            } else {
                " "
            };
            let dot = if read { " " } else { "●" };
            let text = wrap::pad(e.headline(), width.saturating_sub(4));
            let mut line = Line::from(vec![
                Span::raw(format!("{marker}{star}")),
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
    text::lines(&lines, inner, buf);
}

fn article(r: &Reader, theme: &Theme, rect: Rect, buf: &mut Buffer) {
    let focused = r.focus == Pane::Article;
    let inner = layout::inner(rect);
    let Some(o) = &r.opened else {
        draw_pane(Line::from(" Article "), focused, theme, rect, buf);
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
    draw_pane(Line::from(title), focused, theme, rect, buf);
    // The text column is centred where the pane is wider than the reading width.
    let margin = layout::text_margin(inner.width, o.doc.width);
    let text_area = Rect {
        x: inner.x.saturating_add(margin),
        width: inner.width.saturating_sub(margin),
        ..inner
    };
    // The lines are laid out for this width already: each goes straight into its row.
    let rows = text_area.intersection(buf.area);
    for (l, y) in o.doc.lines[o.scroll.min(total)..]
        .iter()
        .zip(rows.top()..rows.bottom())
    {
        let spans = l.iter().map(|(t, role)| (t.as_str(), theme.role(*role)));
        text::spans_at(spans, rows.x, y, rows.width, buf);
    }
    find::paint(r, Pane::Article, text_area, o.scroll, theme, buf);
    if total > h {
        scrollbar(inner, total, h, o.scroll, theme.dim(), buf);
    }
}

/// What an empty list says: why it is empty and the key that leaves that state.
fn empty_message(why: EmptyList, filter: &str, view: &View) -> String {
    let key = |a: Action| {
        view.keymap
            .key_name(Mode::Reader, a)
            .unwrap_or_else(|| format!("{a:?}"))
    };
    match why {
        EmptyList::NoArticles => "This digest has no articles.".into(),
        EmptyList::Filtering => "Filtering…".into(),
        EmptyList::NothingUnread => format!(
            "No unread articles: everything here is read. {} shows all.",
            key(Action::ToggleUnreadOnly)
        ),
        EmptyList::NoMatch { unread_only } => {
            let which = if unread_only {
                "unread articles"
            } else {
                "articles"
            };
            let mut msg = format!(
                "No {which} match \"{filter}\". {} clears the filter",
                key(Action::Back)
            );
            if unread_only {
                msg.push_str(&format!(
                    ", {} shows read ones too",
                    key(Action::ToggleUnreadOnly)
                ));
            }
            msg.push('.');
            msg
        }
    }
}

/// A scrollbar down the right edge of `area` for `total` lines seen `visible` at a time from `top`.
fn scrollbar(
    area: Rect,
    total: usize,
    visible: usize,
    top: usize,
    style: ratatui::style::Style,
    buf: &mut Buffer,
) {
    let mut state = ScrollbarState::new(total.saturating_sub(visible)).position(top);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        // A thin thumb on a dotted track: a solid line beside the border read as a second border.
        .track_symbol(Some("┊"))
        .track_style(style)
        .thumb_symbol("▐")
        .render(area, buf, &mut state);
}

fn commentators(o: &Opened, focused: bool, theme: &Theme, rect: Rect, buf: &mut Buffer) {
    let inner = layout::inner(rect);
    let rows = o.table.rows.len();
    let heading = o
        .article
        .as_ref()
        .map_or("Commentators", |a| a.commentators_title());
    let title = title_with_counts(
        "",
        heading,
        &format!("{}/{}", o.row + 1, rows),
        rect.width.saturating_sub(2) as usize,
    );
    draw_pane(Line::from(title), focused, theme, rect, buf);
    let header = usize::from(!o.table.stacked);
    let body_h = (inner.height as usize).saturating_sub(header);
    let mut lines = Vec::with_capacity(body_h + header);
    if !o.table.stacked {
        lines.push(Line::styled(
            table_cells(o, TABLE_HEADERS, "  "),
            theme.table_header(),
        ));
    }
    let mut line_no = 0;
    'rows: for (i, row) in o.table.rows.iter().enumerate() {
        // Lines of this row scrolled out above the pane: the name and role move down with the
        // view, so a row scrolled into keeps saying whose viewpoint it is.
        let hidden = o.table_top.saturating_sub(line_no).min(row.len());
        for k in 0..row.len() {
            if line_no >= o.table_top + body_h {
                break 'rows;
            }
            if k >= hidden {
                let marker = if i == o.row && k == hidden {
                    "▶ "
                } else {
                    "  "
                };
                let mut line = if o.table.stacked {
                    card_line(o, row, i, k, hidden, marker, theme)
                } else {
                    let head = &row[k - hidden];
                    Line::from(table_cells(o, [&head[0], &head[1], &row[k][2]], marker))
                };
                if i == o.row {
                    line = line.patch_style(theme.selected(focused));
                }
                lines.push(line);
            }
            line_no += 1;
        }
    }
    text::lines(&lines, inner, buf);
    let total = o.table.line_count();
    if total > body_h && inner.height as usize > header {
        let area = Rect {
            y: inner.y.saturating_add(header as u16),
            height: inner.height.saturating_sub(header as u16),
            ..inner
        };
        scrollbar(area, total, body_h, o.table_top, theme.dim(), buf);
    }
}

/// One line of the table: marker, then the three cells padded to their columns.
fn table_cells(o: &Opened, c: [&str; 3], marker: &str) -> String {
    let [nw, rw, vw] = o.table.widths;
    let gap = " ".repeat(COLUMN_GAP);
    format!(
        "{}{}{gap}{}{gap}{}",
        wrap::pad(marker, MARKER_WIDTH),
        wrap::pad(c[0], nw),
        wrap::pad(c[1], rw),
        wrap::pad(c[2], vw)
    )
}

/// Line `k` of card `i`: its head (name · role) or a viewpoint line, indented. When the card is
/// scrolled into (`hidden` lines above the pane), its first line on screen is its head.
fn card_line(
    o: &Opened,
    row: &[[String; 3]],
    i: usize,
    k: usize,
    hidden: usize,
    marker: &str,
    theme: &Theme,
) -> Line<'static> {
    let heads = o.table.head_lines(i);
    // Scrolled into: the head lines take the first lines on screen.
    let shown_k = if hidden > 0 && k - hidden < heads {
        k - hidden
    } else {
        k
    };
    let cell = &row[shown_k];
    if !cell[0].is_empty() {
        Line::from(vec![
            Span::raw(marker.to_string()),
            Span::styled(cell[0].clone(), theme.table_header()),
        ])
    } else {
        Line::from(format!("{}{}{}", marker, " ".repeat(CARD_INDENT), cell[2]))
    }
}
