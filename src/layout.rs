//! Terminal size to pane rectangles and the page sizes that follow from them. Pure, so the model
//! uses it for page sizes and the UI to draw; it knows nothing of either beyond which pane is which.

use ratatui::layout::Rect;

use crate::model::pane::Pane;

/// Narrower than this, the reader shows one pane at a time.
pub const WIDE_MIN_WIDTH: u16 = 80;
/// Smaller than this, newsdeck shows a short message instead of a layout.
pub const MIN_SIZE: (u16, u16) = (20, 5);

/// The reader's panes; a pane is `None` when it is not on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReaderPanes {
    /// The article list.
    pub list: Option<Rect>,
    /// The article text.
    pub article: Option<Rect>,
    /// The commentator table.
    pub commentators: Option<Rect>,
    /// The status bar.
    pub status: Rect,
}

/// True when the area is too small for any layout.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1
}

/// Splits off the one-line status bar at the bottom.
pub fn split_status(area: Rect) -> (Rect, Rect) {
    let h = area.height.saturating_sub(1);
    (
        Rect { height: h, ..area },
        Rect {
            y: area.y.saturating_add(h),
            height: area.height.min(1),
            ..area
        },
    )
}

/// Width of the right-hand column (article and commentators) for a given area.
pub fn right_width(area: Rect) -> u16 {
    if area.width < WIDE_MIN_WIDTH {
        area.width
    } else {
        area.width - list_width(area.width)
    }
}

fn list_width(total: u16) -> u16 {
    (total * 35 / 100).clamp(24, 60)
}

/// Lays out the reader. `table_lines` is the commentator table's height in lines (None: no table).
pub fn reader(area: Rect, focus: Pane, table_lines: Option<usize>) -> ReaderPanes {
    let (main, status) = split_status(area);
    if too_small(area) {
        return ReaderPanes {
            status,
            ..ReaderPanes::default()
        };
    }
    if area.width < WIDE_MIN_WIDTH {
        // One pane at a time: the focused one takes the whole screen.
        let mut panes = ReaderPanes {
            status,
            ..ReaderPanes::default()
        };
        match focus {
            Pane::List => panes.list = Some(main),
            Pane::Article => panes.article = Some(main),
            Pane::Commentators if table_lines.is_some() => panes.commentators = Some(main),
            Pane::Commentators => panes.article = Some(main),
        }
        return panes;
    }
    let lw = list_width(main.width);
    let list = Rect { width: lw, ..main };
    let right = Rect {
        x: main.x + lw,
        width: main.width - lw,
        ..main
    };
    let Some(lines) = table_lines else {
        return ReaderPanes {
            list: Some(list),
            article: Some(right),
            commentators: None,
            status,
        };
    };
    // Borders and header take 3 lines; the table takes what it needs up to 40% of the height, so
    // the article keeps most of the screen.
    let want = u16::try_from(lines.saturating_add(3)).unwrap_or(u16::MAX);
    let table_h = want.min(right.height * 2 / 5).max(5.min(right.height / 2));
    let article = Rect {
        height: right.height - table_h,
        ..right
    };
    let commentators = Rect {
        y: right.y + article.height,
        height: table_h,
        ..right
    };
    ReaderPanes {
        list: Some(list),
        article: Some(article),
        commentators: Some(commentators),
        status,
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// Rows the library list shows in `area` (the pane's inside, less the header line).
pub fn library_rows(area: Rect) -> usize {
    let (main, _) = split_status(area);
    inner(main).height.saturating_sub(1) as usize
}

/// Widths the article text and the table are laid out for, in `area`.
pub fn text_widths(area: Rect) -> (usize, usize) {
    let right = right_width(area) as usize;
    // Borders take two columns; two more keep a scrollbar clear of the text.
    (
        right.saturating_sub(4).max(1),
        right.saturating_sub(4).max(1),
    )
}

/// Lines of article text the article pane shows (0: the pane is not on screen).
pub fn article_height(panes: &ReaderPanes) -> usize {
    panes.article.map_or(0, |r| inner(r).height as usize)
}

/// Lines of table body the commentator pane shows (0: the pane is not on screen).
pub fn table_height(panes: &ReaderPanes) -> usize {
    // One line of the inside is the header.
    panes
        .commentators
        .map_or(0, |r| (inner(r).height as usize).saturating_sub(1))
}

/// Rows the article list shows (0: the pane is not on screen).
pub fn list_height(panes: &ReaderPanes) -> usize {
    panes.list.map_or(0, |r| inner(r).height as usize)
}

/// How far a page moves in the focused pane: its visible height, at least 1.
pub fn page(panes: &ReaderPanes, focus: Pane) -> usize {
    let h = match focus {
        Pane::List => list_height(panes),
        Pane::Article => article_height(panes),
        Pane::Commentators => table_height(panes),
    };
    h.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_layout_has_three_panes() {
        let p = reader(Rect::new(0, 0, 120, 40), Pane::List, Some(4));
        let (list, article, table) = (p.list.unwrap(), p.article.unwrap(), p.commentators.unwrap());
        assert_eq!(list.width + article.width, 120);
        assert_eq!(article.height + table.height, 39);
        assert_eq!(table.height, 7);
        assert_eq!(p.status, Rect::new(0, 39, 120, 1));
    }

    #[test]
    fn narrow_layout_shows_the_focused_pane() {
        let p = reader(Rect::new(0, 0, 60, 20), Pane::Commentators, Some(4));
        assert_eq!((p.list, p.article), (None, None));
        assert_eq!(p.commentators, Some(Rect::new(0, 0, 60, 19)));
    }

    #[test]
    fn tiny_and_empty_areas_do_not_panic() {
        for (w, h) in [(0, 0), (1, 1), (20, 3), (500, 300), (80, 5)] {
            let p = reader(Rect::new(0, 0, w, h), Pane::Article, Some(100));
            for r in [p.list, p.article, p.commentators].into_iter().flatten() {
                assert!(r.right() <= w && r.bottom() <= h);
            }
        }
    }
}
