//! Terminal events to actions: a key through the key map, a mouse event (telling a double
//! click from two clicks) straight to its action.

use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use super::App;
use crate::action::Action;
use crate::model::Effect;

/// Two clicks on one cell within this many milliseconds are a double click.
const DOUBLE_CLICK_MS: u64 = 400;

impl App {
    /// Handles one key press at time `now_ms`; returns the effects only a terminal can carry out
    /// (quit, suspend, open a link, build a search index in the background).
    pub fn key(&mut self, key: &KeyEvent, now_ms: u64) -> Vec<Effect> {
        let Some(action) = self.keymap.action_for(self.model.mode(), key) else {
            return vec![];
        };
        self.act(action, now_ms)
    }

    /// Handles a mouse event at time `now_ms`: a left click (two on one cell in quick
    /// succession are a double click) or the wheel. Other buttons and moves do nothing.
    pub fn mouse(&mut self, ev: &MouseEvent, now_ms: u64) -> Vec<Effect> {
        let (x, y) = (ev.column, ev.row);
        let action = match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => match self.last_click.take() {
                Some((px, py, at))
                    if (px, py) == (x, y) && now_ms.saturating_sub(at) <= DOUBLE_CLICK_MS =>
                {
                    Action::DoubleClick(x, y)
                }
                _ => {
                    self.last_click = Some((x, y, now_ms));
                    Action::Click(x, y)
                }
            },
            MouseEventKind::ScrollDown => Action::Wheel(x, y, 3),
            MouseEventKind::ScrollUp => Action::Wheel(x, y, -3),
            _ => return vec![],
        };
        self.act(action, now_ms)
    }
}
