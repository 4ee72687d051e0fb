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

/// What the reader's panes hold, which decides how the screen is shared between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Content {
    /// Lines of article text (0: no article).
    pub article_lines: usize,
    /// Lines of the commentator table, header included (None: no table).
    pub table_lines: Option<usize>,
    /// The focused pane takes the whole screen.
    pub zoom: bool,
}

/// Narrower than this (text width), the commentator table is drawn as stacked cards.
pub const CARDS_BELOW: usize = 58;

/// True when a table laid out `text_width` columns wide is drawn as stacked cards.
pub fn stacked(text_width: usize) -> bool {
    text_width < CARDS_BELOW
}

/// Width of the right-hand column (article and commentators) for a given area.
pub fn right_width(area: Rect) -> u16 {
    if area.width < WIDE_MIN_WIDTH {
        area.width
    } else {
        area.width.saturating_sub(list_width(area.width))
    }
}

/// The list takes two fifths: at 80 columns that is 32, enough for a headline to be recognised.
fn list_width(total: u16) -> u16 {
    share(total, 2, 5).clamp(32, 60)
}

/// `n * num / den`, computed wide: a terminal can be 65535 cells across, and `n * 35` on `u16`
/// would overflow from 1873 columns on.
fn share(n: u16, num: u32, den: u32) -> u16 {
    // Only ever called with num <= den, so the result fits; `n` is the safe answer if not.
    u16::try_from(u32::from(n) * num / den.max(1)).unwrap_or(n)
}

/// Lays out the reader for what its panes hold.
pub fn reader(area: Rect, focus: Pane, content: Content) -> ReaderPanes {
    let (main, status) = split_status(area);
    let mut panes = ReaderPanes {
        status,
        ..ReaderPanes::default()
    };
    if too_small(area) {
        return panes;
    }
    if area.width < WIDE_MIN_WIDTH || content.zoom {
        // One pane at a time: the focused one takes the whole screen.
        match focus {
            Pane::List => panes.list = Some(main),
            Pane::Article => panes.article = Some(main),
            Pane::Commentators if content.table_lines.is_some() => panes.commentators = Some(main),
            Pane::Commentators => panes.article = Some(main),
        }
        return panes;
    }
    let lw = list_width(main.width);
    panes.list = Some(Rect { width: lw, ..main });
    let right = Rect {
        x: main.x.saturating_add(lw),
        width: main.width.saturating_sub(lw),
        ..main
    };
    let Some(table_lines) = content.table_lines else {
        panes.article = Some(right);
        return panes;
    };
    let table_h = split(right.height, content.article_lines, table_lines);
    let article = Rect {
        height: right.height.saturating_sub(table_h),
        ..right
    };
    panes.article = Some(article);
    panes.commentators = Some(Rect {
        y: right.y.saturating_add(article.height),
        height: table_h,
        ..right
    });
    panes
}

/// The commentator pane's height in a column `height` rows tall. Each pane needs its lines plus
/// borders; the article's fair share is three fifths. A pane that needs less than its share gives
/// the rest to the other, so a short article leaves the room to a long table and a short table
/// leaves it to the article; when both need more, each gets its share.
fn split(height: u16, article_lines: usize, table_lines: usize) -> u16 {
    let need = |lines: usize| u16::try_from(lines.saturating_add(2)).unwrap_or(u16::MAX);
    let (article_need, table_need) = (need(article_lines), need(table_lines));
    let article_share = share(height, 3, 5);
    let table_h = if table_need <= height.saturating_sub(article_share) {
        table_need
    } else if article_need < article_share {
        height.saturating_sub(article_need)
    } else {
        height.saturating_sub(article_share)
    };
    // Each pane keeps its borders and a few lines, where the screen has them.
    let floor = 5.min(height / 2);
    table_h.clamp(floor, height.saturating_sub(floor))
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

/// Widths the article text and the table are laid out for, in `area`: the article text is at
/// most `reading_width` columns however wide the pane is; `zoom` gives the pane the whole width.
pub fn text_widths(area: Rect, zoom: bool, reading_width: usize) -> (usize, usize) {
    let right = if zoom {
        area.width as usize
    } else {
        right_width(area) as usize
    };
    // Borders take two columns; two more keep a scrollbar clear of the text.
    let text = right.saturating_sub(4).max(1);
    let least = usize::from(crate::settings::MIN_READING_WIDTH);
    (text.min(reading_width.max(least)), text)
}

/// Columns left of the article text in a pane whose inside is `inner_width` wide: the text
/// column is centred where the pane is wider than the reading width.
pub fn text_margin(inner_width: u16, text_width: usize) -> u16 {
    cells(
        ((inner_width as usize)
            .saturating_sub(2)
            .saturating_sub(text_width))
            / 2,
    )
}

/// Lines of article text the article pane shows (0: the pane is not on screen).
pub fn article_height(panes: &ReaderPanes) -> usize {
    panes.article.map_or(0, |r| inner(r).height as usize)
}

/// Lines of table body the commentator pane shows (0: the pane is not on screen).
pub fn table_height(panes: &ReaderPanes) -> usize {
    panes.commentators.map_or(0, |r| {
        let inside = inner(r);
        // One line of the inside is the header, except for stacked cards, which have none.
        let header = usize::from(!stacked((inside.width as usize).saturating_sub(2)));
        (inside.height as usize).saturating_sub(header)
    })
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

    fn content(article: usize, table: Option<usize>) -> Content {
        Content {
            article_lines: article,
            table_lines: table,
            zoom: false,
        }
    }

    #[test]
    fn wide_layout_has_three_panes() {
        let p = reader(Rect::new(0, 0, 120, 40), Pane::List, content(100, Some(4)));
        let (list, article, table) = (p.list.unwrap(), p.article.unwrap(), p.commentators.unwrap());
        assert_eq!(list.width + article.width, 120);
        assert_eq!(list.width, 48);
        assert_eq!(article.height + table.height, 39);
        // A short table takes what it needs (4 lines and borders); the article the rest.
        assert_eq!(table.height, 6);
        assert_eq!(p.status, Rect::new(0, 39, 120, 1));
    }

    #[test]
    fn the_split_follows_the_content() {
        let area = Rect::new(0, 0, 120, 40);
        // A headline-only article next to a long table: the table takes what the article
        // does not need (a 3-line article gets 5 rows, not 23).
        let p = reader(area, Pane::List, content(3, Some(60)));
        assert_eq!(p.article.unwrap().height, 5);
        assert_eq!(p.commentators.unwrap().height, 34);
        // Both long: the article keeps three fifths.
        let p = reader(area, Pane::List, content(200, Some(60)));
        assert_eq!(p.article.unwrap().height, 23);
        // Both short: the table its lines, the article the rest.
        let p = reader(area, Pane::List, content(3, Some(2)));
        assert_eq!(p.commentators.unwrap().height, 5);
    }

    #[test]
    fn zoom_gives_the_focused_pane_the_screen() {
        let c = Content {
            zoom: true,
            ..content(100, Some(10))
        };
        let p = reader(Rect::new(0, 0, 120, 40), Pane::Commentators, c);
        assert_eq!((p.list, p.article), (None, None));
        assert_eq!(p.commentators, Some(Rect::new(0, 0, 120, 39)));
        let p = reader(Rect::new(0, 0, 120, 40), Pane::Article, c);
        assert_eq!(p.article, Some(Rect::new(0, 0, 120, 39)));
    }

    #[test]
    fn article_text_keeps_to_the_reading_width() {
        let area = Rect::new(0, 0, 200, 60);
        // 200 columns: the list takes 60, the right column 140, the text 100 of it.
        assert_eq!(text_widths(area, false, 100), (100, 136));
        assert_eq!(text_widths(area, true, 100), (100, 196));
        assert_eq!(text_margin(138, 100), 18);
        assert_eq!(text_widths(Rect::new(0, 0, 80, 24), false, 100), (44, 44));
        assert!(stacked(44) && !stacked(68));
    }

    #[test]
    fn narrow_layout_shows_the_focused_pane() {
        let p = reader(
            Rect::new(0, 0, 60, 20),
            Pane::Commentators,
            content(10, Some(4)),
        );
        assert_eq!((p.list, p.article), (None, None));
        assert_eq!(p.commentators, Some(Rect::new(0, 0, 60, 19)));
    }

    #[test]
    fn tiny_and_empty_areas_do_not_panic() {
        for (w, h) in [(0, 0), (1, 1), (20, 3), (500, 300), (80, 5)] {
            let p = reader(Rect::new(0, 0, w, h), Pane::Article, content(5, Some(100)));
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
                for c in [
                    content(usize::MAX, Some(usize::MAX)),
                    content(0, Some(usize::MAX)),
                ] {
                    let p = reader(area, focus, c);
                    for r in [p.list, p.article, p.commentators].into_iter().flatten() {
                        assert!(r.right() <= w && r.bottom() <= h, "{w}x{h}: {r:?}");
                    }
                    assert!(page(&p, focus) >= 1);
                }
                let (doc_w, table_w) = text_widths(area, true, usize::MAX);
                assert!(doc_w <= w as usize && table_w <= w as usize);
                assert!(library_rows(area) < h as usize);
            }
        }
        // The wide layout keeps its proportions at any width: the list is at most 60 columns.
        let p = reader(Rect::new(0, 0, max, 100), Pane::List, content(1, None));
        assert_eq!(p.list.map(|r| r.width), Some(60));
        assert_eq!(p.article.map(|r| r.width), Some(max - 60));
        // And two long panes share a tall screen three fifths to two.
        let p = reader(
            Rect::new(0, 0, 100, 40001),
            Pane::List,
            content(usize::MAX, Some(usize::MAX)),
        );
        assert_eq!(p.commentators.map(|r| r.height), Some(16000));
    }
}
