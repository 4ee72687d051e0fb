//! Highlights of the search inside the article, painted over the drawn text: the model already
//! knows each match's line and columns, so this only sets styles.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::model::pane::Pane;
use crate::model::reader::Reader;
use crate::theme::Theme;

/// Paints the matches in `pane` whose lines are on screen: `body` is where line `top` is drawn.
pub fn paint(r: &Reader, pane: Pane, body: Rect, top: usize, theme: &Theme, buf: &mut Buffer) {
    let Some(f) = &r.find else {
        return;
    };
    let rows = body.height as usize;
    for (i, m) in f.matches.iter().enumerate() {
        let style = theme.search_match(i == f.current);
        for seg in m.segs.iter().filter(|s| s.pane == pane) {
            if seg.line < top || seg.line >= top + rows {
                continue;
            }
            let x = body.x as usize + seg.col;
            let end = (x + seg.width).min(body.right() as usize);
            if x >= end {
                continue;
            }
            let area = Rect {
                x: x as u16,
                y: body.y + (seg.line - top) as u16,
                width: (end - x) as u16,
                height: 1,
            };
            buf.set_style(area, style);
        }
    }
}
