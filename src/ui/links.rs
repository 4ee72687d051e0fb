//! Links on screen: the numbered link list, and OSC 8 hyperlinks over link text.
//!
//! Hyperlinks are painted into a drawn buffer as the last step of a terminal frame only (never in
//! `snapshot` output). Each on-screen run of link text becomes one cell holding the escape
//! sequence around the run's text, with its width forced to the run's, and the run's other cells
//! emptied; so the text keeps its columns, and a redraw that changes the target or the text
//! rewrites the whole run (no stale target is left on unchanged cells).

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use crate::layout;
use crate::model::find;
use crate::model::links::{LINK_INDENT, list_rect, list_top};
use crate::model::pane::Pane;
use crate::model::{Model, Overlay, Screen};
use crate::theme::Theme;
use crate::ui::pane;
use crate::wrap;

/// Draws the link list overlay.
pub fn draw_list(links: &[String], selected: usize, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let rect = list_rect(area, links);
    Clear.render(rect, buf);
    let title = " Links · 1-9/Enter open · y copy ";
    let block = pane(
        Line::from(wrap::truncate(title, rect.width.saturating_sub(2) as usize)),
        true,
        theme,
    );
    block.render(rect, buf);
    let inner = layout::inner(rect);
    let rows = inner.height as usize;
    let width = inner.width as usize;
    let top = list_top(selected, rows);
    let lines: Vec<Line> = links
        .iter()
        .enumerate()
        .skip(top)
        .take(rows)
        .map(|(i, url)| {
            // The marker shows the selection without colour, as in the other lists.
            let marker = if i == selected { "▶" } else { " " };
            let n = if i < 9 {
                format!("{:>2}  ", i + 1)
            } else {
                "    ".to_string()
            };
            let mut line = Line::from(vec![
                Span::raw(marker),
                Span::styled(n, theme.key()),
                Span::raw(wrap::pad(url, width.saturating_sub(LINK_INDENT))),
            ]);
            if i == selected {
                line = line.patch_style(theme.selected(true));
            }
            line
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// Turns link text on screen into OSC 8 hyperlinks: the open article's url and the links in its
/// text, and the rows of the link list.
pub fn hyperlinks(model: &Model, area: Rect, buf: &mut Buffer) {
    if layout::too_small(area) || model.screen != Screen::Reader {
        return;
    }
    if let Some(Overlay::Links { links, selected }) = &model.overlay {
        let inner = layout::inner(list_rect(area, links));
        let top = list_top(*selected, inner.height as usize);
        for (k, url) in links
            .iter()
            .skip(top)
            .take(inner.height as usize)
            .enumerate()
        {
            let w = wrap::width(url).min((inner.width as usize).saturating_sub(LINK_INDENT));
            let run = Rect::new(
                inner.x + LINK_INDENT as u16,
                inner.y + k as u16,
                w as u16,
                1,
            );
            link(buf, run, url);
        }
        return;
    }
    if model.overlay.is_some() {
        return;
    }
    let Some(r) = &model.reader else {
        return;
    };
    let (Some(rect), Some(o)) = (r.panes(area).article, &r.opened) else {
        return;
    };
    let inner = layout::inner(rect);
    let h = inner.height as usize;
    for (url, segs) in find::doc_links(&o.doc) {
        for seg in segs.iter().filter(|s| s.pane == Pane::Article) {
            if seg.line < o.scroll || seg.line >= o.scroll + h {
                continue;
            }
            let x = inner.x as usize + seg.col;
            let end = (x + seg.width).min(inner.right() as usize);
            if x < end {
                let y = inner.y + (seg.line - o.scroll) as u16;
                link(buf, Rect::new(x as u16, y, (end - x) as u16, 1), &url);
            }
        }
    }
}

/// Makes the cells of `run` (one line) a hyperlink to `url`.
fn link(buf: &mut Buffer, run: Rect, url: &str) {
    // Only printable ASCII goes inside the escape sequence: `url::web` already refused control
    // characters, and a terminal reading anything else could end the sequence early.
    if !url.bytes().all(|b| (0x21..0x7f).contains(&b)) {
        return;
    }
    let Some(width) = NonZeroU16::new(run.width) else {
        return;
    };
    let run = run.intersection(buf.area);
    if run.width != width.get() {
        return;
    }
    let mut text = String::new();
    for x in run.left()..run.right() {
        text.push_str(buf[(x, run.y)].symbol());
    }
    let first = &mut buf[(run.x, run.y)];
    first.set_symbol(&format!("\x1b]8;;{url}\x1b\\{text}\x1b]8;;\x1b\\"));
    first.set_diff_option(CellDiffOption::ForcedWidth(width));
    for x in run.left() + 1..run.right() {
        buf[(x, run.y)].set_symbol("");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selected_link_is_marked_without_colour_too() {
        let links = vec!["https://a.org/1".to_string(), "https://b.org/2".to_string()];
        let area = Rect::new(0, 0, 60, 12);
        let mut buf = Buffer::empty(area);
        draw_list(&links, 1, &Theme::new(false), area, &mut buf);
        let rows: Vec<String> = (0..area.height)
            .map(|y| (0..area.width).map(|x| buf[(x, y)].symbol()).collect())
            .collect();
        let a = rows.iter().find(|r| r.contains("a.org")).unwrap();
        let b = rows.iter().find(|r| r.contains("b.org")).unwrap();
        assert!(a.contains("┃  1  https://a.org/1"), "{rows:#?}");
        assert!(b.contains("┃▶ 2  https://b.org/2"), "{rows:#?}");
    }
}
