//! Keys to actions, by mode. The same tables feed the help overlay and the status-bar hints, so
//! what the screen says a key does is always what it does.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;
use crate::model::Mode;

/// A key as bindings name it: a code and its modifiers (Shift is folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key itself.
    pub code: KeyCode,
    /// Ctrl or none; Shift is implied by upper-case characters.
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

/// One line of the key map: the keys, the action, and what the help overlay says.
pub struct Binding {
    /// Keys that trigger the action.
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
    /// Help text.
    pub help: &'static str,
}

const fn bind(keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding { keys, action, help }
}

/// The reader's bindings, in the order the help overlay lists them.
pub const READER: &[Binding] = &[
    bind(
        &[k('j'), code(KeyCode::Down)],
        Action::Down,
        "next / scroll down",
    ),
    bind(
        &[k('k'), code(KeyCode::Up)],
        Action::Up,
        "previous / scroll up",
    ),
    bind(&[code(KeyCode::Tab)], Action::FocusNext, "focus next pane"),
    bind(
        &[code(KeyCode::BackTab)],
        Action::FocusPrev,
        "focus previous pane",
    ),
    bind(
        &[code(KeyCode::Enter)],
        Action::Open,
        "open article, mark read",
    ),
    bind(&[k('g'), code(KeyCode::Home)], Action::Top, "first"),
    bind(&[k('G'), code(KeyCode::End)], Action::Bottom, "last"),
    bind(
        &[code(KeyCode::PageDown), k(' ')],
        Action::PageDown,
        "page down",
    ),
    bind(&[code(KeyCode::PageUp)], Action::PageUp, "page up"),
    bind(&[ctrl('d')], Action::HalfPageDown, "half page down"),
    bind(&[ctrl('u')], Action::HalfPageUp, "half page up"),
    bind(&[k('n')], Action::NextUnread, "next unread article"),
    bind(&[k('N')], Action::PrevUnread, "previous unread article"),
    bind(&[k('m')], Action::ToggleRead, "toggle read/unread"),
    bind(&[k('A')], Action::MarkAllRead, "mark all read"),
    bind(&[k('/')], Action::StartFilter, "filter articles"),
    bind(&[k('u')], Action::ToggleUnreadOnly, "unread only / all"),
    bind(&[k('o')], Action::OpenUrl, "open link in browser"),
    bind(&[k('?')], Action::Help, "this help"),
    bind(
        &[
            code(KeyCode::Esc),
            code(KeyCode::Backspace),
            k('h'),
            code(KeyCode::Left),
        ],
        Action::Back,
        "back",
    ),
    bind(&[k('q'), ctrl('c')], Action::Quit, "quit"),
    bind(&[ctrl('z')], Action::Suspend, "suspend to shell"),
];

/// The library screen's bindings.
pub const LIBRARY: &[Binding] = &[
    bind(&[k('j'), code(KeyCode::Down)], Action::Down, "next digest"),
    bind(&[k('k'), code(KeyCode::Up)], Action::Up, "previous digest"),
    bind(
        &[code(KeyCode::Enter), k('l'), code(KeyCode::Right)],
        Action::Open,
        "open digest",
    ),
    bind(&[k('g'), code(KeyCode::Home)], Action::Top, "first"),
    bind(&[k('G'), code(KeyCode::End)], Action::Bottom, "last"),
    bind(
        &[code(KeyCode::PageDown), k(' ')],
        Action::PageDown,
        "page down",
    ),
    bind(&[code(KeyCode::PageUp)], Action::PageUp, "page up"),
    bind(&[ctrl('d')], Action::HalfPageDown, "half page down"),
    bind(&[ctrl('u')], Action::HalfPageUp, "half page up"),
    bind(&[k('d')], Action::Delete, "delete from library"),
    bind(&[k('?')], Action::Help, "this help"),
    bind(
        &[k('q'), ctrl('c'), code(KeyCode::Esc)],
        Action::Quit,
        "quit",
    ),
    bind(&[ctrl('z')], Action::Suspend, "suspend to shell"),
];

/// The bindings of a mode that has a table.
pub fn bindings(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Library => LIBRARY,
        _ => READER,
    }
}

fn normalize(key: &KeyEvent) -> Key {
    let mut mods = key.modifiers & KeyModifiers::CONTROL;
    if let KeyCode::Char(c) = key.code {
        // Some terminals report Ctrl-letters upper-case when Shift is down; treat them alike.
        if !mods.is_empty() {
            return Key {
                code: KeyCode::Char(c.to_ascii_lowercase()),
                mods,
            };
        }
    } else if key.code == KeyCode::BackTab {
        mods = KeyModifiers::NONE;
    }
    Key {
        code: key.code,
        mods,
    }
}

/// The action a key press means in `mode`, if any.
pub fn action_for(mode: Mode, key: &KeyEvent) -> Option<Action> {
    let key = normalize(key);
    let quit = key == ctrl('c');
    match mode {
        Mode::Filter => match key.code {
            _ if quit => Some(Action::Quit),
            KeyCode::Enter => Some(Action::FilterAccept),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Backspace => Some(Action::FilterBackspace),
            KeyCode::Char(c) if key.mods.is_empty() => Some(Action::FilterChar(c)),
            _ => None,
        },
        // Any key closes the help; Ctrl-c still quits from anywhere.
        Mode::Help => Some(if quit { Action::Quit } else { Action::Back }),
        Mode::Confirm => Some(match key.code {
            _ if quit => Action::Quit,
            KeyCode::Char('y') | KeyCode::Char('Y') => Action::Confirm,
            _ => Action::Back,
        }),
        Mode::Reader | Mode::Library => bindings(mode)
            .iter()
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action),
    }
}

/// The first key bound to `action` in `mode`, named for hints (`j`, `Tab`, `Ctrl-d`).
pub fn key_name(mode: Mode, action: Action) -> Option<String> {
    bindings(mode)
        .iter()
        .find(|b| b.action == action)
        .and_then(|b| b.keys.first())
        .map(|key| crate::keys::describe(&KeyEvent::new(key.code, key.mods)))
}

/// Every key of a binding, named and joined for the help overlay (`j, Down`).
pub fn describe_keys(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(|key| crate::keys::describe(&KeyEvent::new(key.code, key.mods)))
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn vim_keys_and_arrows_agree() {
        let m = Mode::Reader;
        assert_eq!(
            action_for(m, &press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(m, &press(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(m, &press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(m, &press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            action_for(m, &press(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            action_for(m, &press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
    }

    #[test]
    fn modes_change_meaning() {
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Filter, &j), Some(Action::FilterChar('j')));
        assert_eq!(action_for(Mode::Help, &j), Some(Action::Back));
        assert_eq!(
            action_for(
                Mode::Confirm,
                &press(KeyCode::Char('y'), KeyModifiers::NONE)
            ),
            Some(Action::Confirm)
        );
        assert_eq!(action_for(Mode::Confirm, &j), Some(Action::Back));
        assert_eq!(
            action_for(
                Mode::Library,
                &press(KeyCode::Char('d'), KeyModifiers::NONE)
            ),
            Some(Action::Delete)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for table in [READER, LIBRARY] {
            let mut seen = Vec::new();
            for b in table {
                for key in b.keys {
                    assert!(!seen.contains(key), "{key:?} bound twice");
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn hints_name_the_first_key() {
        assert_eq!(
            key_name(Mode::Reader, Action::HalfPageDown).as_deref(),
            Some("Ctrl-d")
        );
        assert_eq!(key_name(Mode::Reader, Action::Help).as_deref(), Some("?"));
    }
}
