//! Mouse clicks and the wheel, hit-tested with the same pure layout the screen is drawn with.

use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::layout;
use crate::model::pane::Pane;
use crate::model::reader::Reader;
use crate::model::{Effect, Model, Screen};

fn inside(r: Option<Rect>, x: u16, y: u16) -> Option<Rect> {
    r.filter(|r| r.contains(Position { x, y }))
}

impl Model {
    /// Carries out a click, double click or wheel turn at a screen position.
    pub(crate) fn update_mouse(&mut self, action: Action, now_ms: u64) -> Vec<Effect> {
        match self.screen {
            Screen::Library => self.library_mouse(action, now_ms),
            Screen::Reader => self.reader_mouse(action, now_ms),
            // The Starred screen takes keys only.
            Screen::Starred => vec![],
        }
    }

    fn library_mouse(&mut self, action: Action, now_ms: u64) -> Vec<Effect> {
        let h = self.library_height();
        let (main, _) = layout::split_status(self.area);
        let inner = layout::inner(main);
        match action {
            Action::Wheel(_, _, n) => self.library.move_by(isize::from(n.signum()), h),
            Action::Click(x, y) | Action::DoubleClick(x, y) => {
                // The first line inside is the column header.
                if inside(Some(inner), x, y).is_none() || y <= inner.y {
                    return vec![];
                }
                let i = self.library.top + usize::from(y - inner.y - 1);
                if i >= self.library.rows.len() {
                    return vec![];
                }
                let delta = i as isize - self.library.cursor as isize;
                self.library.move_by(delta, h);
                if matches!(action, Action::DoubleClick(..)) {
                    return self.update(Action::Open, now_ms);
                }
            }
            _ => {}
        }
        vec![]
    }

    fn reader_mouse(&mut self, action: Action, now_ms: u64) -> Vec<Effect> {
        let (x, y, wheel) = match action {
            Action::Click(x, y) | Action::DoubleClick(x, y) => (x, y, 0),
            Action::Wheel(x, y, n) => (x, y, n),
            _ => return vec![],
        };
        let Some(r) = &self.reader else {
            return vec![];
        };
        let panes = r.panes(self.area);
        let pane = if inside(panes.list, x, y).is_some() {
            Pane::List
        } else if inside(panes.article, x, y).is_some() {
            Pane::Article
        } else if inside(panes.commentators, x, y).is_some() {
            Pane::Commentators
        } else {
            return vec![];
        };
        if wheel != 0 {
            // The wheel scrolls the pane under the pointer without taking the focus.
            let focus = r.focus;
            self.with_reader(now_ms, |r, ctx| {
                r.focus = pane;
                // A notch is a few lines of text, but one article or digest in a list.
                let step = if pane == Pane::List {
                    wheel.signum()
                } else {
                    wheel
                };
                r.move_by(isize::from(step), ctx);
                r.focus = focus;
                r.clamp(ctx.area);
                vec![]
            });
            return vec![];
        }
        let double = matches!(action, Action::DoubleClick(..));
        self.with_reader(now_ms, |r, ctx| {
            r.focus = pane;
            match pane {
                Pane::List => {
                    if let Some(pos) = list_row(r, panes.list, y) {
                        r.select(pos, ctx);
                        if double {
                            return r.open_selected(ctx);
                        }
                    }
                }
                Pane::Commentators => {
                    if let Some(row) = table_row(r, panes.commentators, y)
                        && let Some(o) = &mut r.opened
                    {
                        o.row = row;
                    }
                }
                Pane::Article => {}
            }
            r.clamp(ctx.area);
            vec![]
        })
    }
}

/// The list position of the row at screen line `y`, if one is there.
fn list_row(r: &Reader, list: Option<Rect>, y: u16) -> Option<usize> {
    let inner = layout::inner(list?);
    if y < inner.y || y >= inner.bottom() {
        return None;
    }
    let pos = r.list_top + usize::from(y - inner.y);
    (pos < r.shown.len()).then_some(pos)
}

/// The commentator row at screen line `y` (below the table's header, which stacked cards do not
/// have), if one is there.
fn table_row(r: &Reader, table: Option<Rect>, y: u16) -> Option<usize> {
    let inner = layout::inner(table?);
    let o = r.opened.as_ref()?;
    let body = inner.y.saturating_add(u16::from(!o.table.stacked));
    if y < body || y >= inner.bottom() {
        return None;
    }
    let line = o.table_top + usize::from(y - body);
    let mut start = 0;
    for (i, row) in o.table.rows.iter().enumerate() {
        start += row.len();
        if line < start {
            return Some(i);
        }
    }
    None
}
