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
        area.width.saturating_sub(list_width(area.width))
    }
}

fn list_width(total: u16) -> u16 {
    share(total, 35, 100).clamp(24, 60)
}

/// `n * num / den`, computed wide: a terminal can be 65535 cells across, and `n * 35` on `u16`
/// would overflow from 1873 columns on.
fn share(n: u16, num: u32, den: u32) -> u16 {
    // Only ever called with num <= den, so the result fits; `n` is the safe answer if not.
    u16::try_from(u32::from(n) * num / den.max(1)).unwrap_or(n)
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
        x: main.x.saturating_add(lw),
        width: main.width.saturating_sub(lw),
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
    let table_h = want
        .min(share(right.height, 2, 5))
        .max(5.min(right.height / 2));
    let article = Rect {
        height: right.height.saturating_sub(table_h),
        ..right
    };
    let commentators = Rect {
        y: right.y.saturating_add(article.height),
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

/// A count of cells as a terminal size, saturating: text can be wider than any terminal.
pub fn cells(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
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

/// The library search and People overlay's box: the whole screen above the status bar.
pub fn finder_box(area: Rect) -> Rect {
    split_status(area).0
}

/// Rows the search and People overlay lists: its box inside the border, less the query line
/// and the line under it.
pub fn finder_rows(area: Rect) -> usize {
    inner(finder_box(area)).height.saturating_sub(2) as usize
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

    #[test]
    fn sizes_up_to_the_u16_limit_do_not_overflow() {
        // `u16` sums used to overflow from 1873 columns (`width * 35`) and 32768 rows (`height * 2`).
        let max = u16::MAX;
        for (w, h) in [
            (2000, 50),
            (80, 40000),
            (max, max),
            (max, 5),
            (80, max),
            (max, 1),
        ] {
            for focus in [Pane::List, Pane::Article, Pane::Commentators] {
                let area = Rect::new(0, 0, w, h);
                let p = reader(area, focus, Some(usize::MAX));
                for r in [p.list, p.article, p.commentators].into_iter().flatten() {
                    assert!(r.right() <= w && r.bottom() <= h, "{w}x{h}: {r:?}");
                }
                let (doc_w, _) = text_widths(area);
                assert!(doc_w <= w as usize);
                assert!(page(&p, focus) >= 1);
                assert!(library_rows(area) < h as usize);
            }
        }
        // The wide layout keeps its proportions at any width: the list is at most 60 columns.
        let p = reader(Rect::new(0, 0, max, 100), Pane::List, None);
        assert_eq!(p.list.map(|r| r.width), Some(60));
        assert_eq!(p.article.map(|r| r.width), Some(max - 60));
        // And the table at most 40% of a tall screen.
        let p = reader(Rect::new(0, 0, 100, 40001), Pane::List, Some(usize::MAX));
        assert_eq!(p.commentators.map(|r| r.height), Some(16000));
    }
}
