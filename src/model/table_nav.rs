//! Moving through the commentator table: row by row, and line by line inside a row taller than
//! the pane.

use crate::model::nav;
use crate::model::reader::Opened;

impl Opened {
    /// Moves the commentator selection; a row taller than the pane scrolls line by line first,
    /// and at either end of the table the movement stops (it never jumps back into a row).
    pub(super) fn move_row(&mut self, delta: isize, height: usize) {
        let o = self;
        let rows = o.table.rows.len();
        if rows == 0 {
            return;
        }
        let height = height.max(1);
        let end = |o: &Opened, r: usize| o.table.row_start(r) + o.table.rows[r].len();
        if delta == 1 && end(o, o.row) > o.table_top + height {
            o.table_top += 1;
            return;
        }
        if delta == -1 && o.table.row_start(o.row) < o.table_top {
            o.table_top -= 1;
            return;
        }
        let next = nav::step(o.row, rows, delta);
        if next == o.row {
            // Already on the first or last row: scroll within it as far as it goes, no further.
            let (start, stop) = (o.table.row_start(o.row), end(o, o.row));
            let last_top = start.max(stop.saturating_sub(height));
            let top = o.table_top;
            o.table_top = if delta > 0 {
                top.saturating_add_signed(delta).min(last_top).max(top)
            } else {
                top.saturating_add_signed(delta).max(start).min(top)
            };
            o.table_top = nav::clamp_scroll(o.table_top, o.table.line_count(), height);
            return;
        }
        o.row = next;
        let start = o.table.row_start(o.row);
        let stop = end(o, o.row);
        if start < o.table_top {
            o.table_top = start;
        } else if stop > o.table_top + height {
            o.table_top = start.max(stop.saturating_sub(height));
        }
        o.table_top = nav::clamp_scroll(o.table_top, o.table.line_count(), height);
    }

    /// Scrolls the table just enough that the selected row has a line on screen: after a resize
    /// or a re-wrap its lines move, and the `▶` must not be left outside the pane.
    pub(super) fn keep_row_visible(&mut self, height: usize) {
        let o = self;
        if o.row >= o.table.rows.len() {
            return;
        }
        let height = height.max(1);
        let start = o.table.row_start(o.row);
        let stop = start + o.table.rows[o.row].len();
        if stop <= o.table_top {
            o.table_top = start;
        } else if start >= o.table_top + height {
            o.table_top = start.max(stop.saturating_sub(height));
        }
    }
}
