//! Terminal events to actions: a key through the key map, a mouse event (telling a double
//! click from two clicks) straight to its action.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::App;
use crate::action::Action;
use crate::model::Effect;

/// Two clicks on one cell within this many milliseconds are a double click.
const DOUBLE_CLICK_MS: u64 = 400;

impl App {
    /// Handles one key press at time `now_ms`; returns the effects only a terminal can carry out
    /// (quit, suspend, open a link, build a search index in the background).
    pub fn key(&mut self, key: &KeyEvent, now_ms: u64) -> Vec<Effect> {
        // A terminal sends Esc and a key typed right after it as that key with Alt (tmux within
        // its escape-time, 500 ms by default), and newsdeck binds nothing to Alt: it is what was
        // typed, Esc and then the key. Read as the key alone, Esc was lost (a filter took the
        // next letter instead of closing).
        // Only a character: Alt with an arrow or Home arrives as a sequence of its own
        // (`ESC[1;3D`), never from a quick Esc, and keeps meaning the key alone.
        if key.modifiers.contains(KeyModifiers::ALT) && matches!(key.code, KeyCode::Char(_)) {
            let mut effects = self.key(&KeyEvent::from(KeyCode::Esc), now_ms);
            let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
            effects.extend(self.key(&plain, now_ms));
            return effects;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Mode;
    use ratatui::layout::Rect;

    fn app() -> App {
        let d = crate::format::parse(crate::SAMPLE_DIGEST.as_bytes(), "s").unwrap();
        App::reading(d, Rect::new(0, 0, 100, 30))
    }

    fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) {
        app.key(&KeyEvent::new(code, mods), 0);
    }

    #[test]
    fn alt_and_a_key_is_esc_then_the_key() {
        let mut app = app();
        press(&mut app, KeyCode::Char('/'), KeyModifiers::NONE);
        press(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(app.model.mode(), Mode::Filter);
        // Esc typed quickly before `/`: the filter closes and a new one opens, nothing is typed.
        press(&mut app, KeyCode::Char('/'), KeyModifiers::ALT);
        assert_eq!(app.model.mode(), Mode::Filter);
        let typed = app.model.reader.as_ref().map(|r| r.filter.clone());
        assert_eq!(
            typed.as_deref(),
            Some(""),
            "the `/` was not typed into the old filter"
        );
        // Esc typed quickly before `?`: the filter closes and the help opens.
        press(&mut app, KeyCode::Char('?'), KeyModifiers::ALT);
        assert_eq!(app.model.mode(), Mode::Help);
    }

    #[test]
    fn alt_and_an_arrow_is_the_arrow_alone() {
        let mut app = app();
        press(&mut app, KeyCode::Char('/'), KeyModifiers::NONE);
        press(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
        // A terminal's Alt-Left is a sequence of its own: the filter stays open with its text.
        press(&mut app, KeyCode::Left, KeyModifiers::ALT);
        assert_eq!(app.model.mode(), Mode::Filter);
        let typed = app.model.reader.as_ref().map(|r| r.filter.clone());
        assert_eq!(typed.as_deref(), Some("x"));
    }
}
