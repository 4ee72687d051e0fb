//! Keys to actions, by mode, as a value. [`Keymap::default`] holds newsdeck's bindings; a config
//! file changes them with [`Keymap::bind`] and [`Keymap::unbind`]. The same map feeds the help
//! overlay and the status-bar hints, so what the screen says a key does is always what it does.
//!
//! Only the reader's and the library's bindings are a table. The filter, the help overlay and the
//! yes/no question read keys their own way (typing, "any key closes", `y`), so they are fixed.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;
use crate::keys;
use crate::model::Mode;

/// A key as bindings name it: a code and its modifiers (Shift is folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key itself.
    pub code: KeyCode,
    /// Ctrl or none; Shift is implied by upper-case characters.
    pub mods: KeyModifiers,
}

impl Key {
    /// The key a press means for bindings: only Ctrl is kept, Shift is in the character.
    pub fn from_event(key: &KeyEvent) -> Key {
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

    /// Parses exactly one key in vim notation (`j`, `G`, `<C-d>`, `<S-Tab>`, `<Space>`).
    pub fn parse(spec: &str) -> Result<Key, String> {
        match keys::parse(spec)?.as_slice() {
            [one] => Ok(Key::from_event(one)),
            [] => Err("no key given".to_string()),
            _ => Err(format!("\"{spec}\" is more than one key")),
        }
    }

    /// The key in the vim notation [`Key::parse`] reads (`j`, `<C-d>`, `<S-Tab>`), for config files.
    pub fn vim(self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char('<') => "lt".to_string(),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => format!("C-{c}"),
            KeyCode::Char(c) => return c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::PageUp => "PageUp".into(),
            KeyCode::PageDown => "PageDown".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "BS".into(),
            other => format!("{other:?}"),
        };
        format!("<{name}>")
    }

    /// The short name the help and hints show (`j`, `Tab`, `Ctrl-d`).
    pub fn name(self) -> String {
        keys::describe(&KeyEvent::new(self.code, self.mods))
    }
}

/// One line of the key map: the action, the keys that trigger it, and what the help overlay says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// What the keys do.
    pub action: Action,
    /// Keys that trigger the action; the first is the one hints show. Empty: unbound.
    pub keys: Vec<Key>,
    /// Help text.
    pub help: &'static str,
}

impl Binding {
    /// Every key of the binding, named and joined for the help overlay (`j/↓`).
    pub fn describe_keys(&self) -> String {
        let names: Vec<String> = self.keys.iter().map(|k| k.name()).collect();
        names.join("/")
    }
}

/// A default binding: keys in vim notation, the action, the help text.
type DefaultBinding = (&'static str, Action, &'static str);

/// The reader's default bindings, in the order the help overlay lists them.
const READER: &[DefaultBinding] = &[
    ("j<Down>", Action::Down, "next / scroll down"),
    ("k<Up>", Action::Up, "previous / scroll up"),
    ("<Tab>", Action::FocusNext, "focus next pane"),
    ("<S-Tab>", Action::FocusPrev, "focus previous pane"),
    ("<Enter>", Action::Open, "open article, mark read"),
    ("g<Home>", Action::Top, "first"),
    ("G<End>", Action::Bottom, "last"),
    ("<PageDown><Space>", Action::PageDown, "page down"),
    ("<PageUp>", Action::PageUp, "page up"),
    ("<C-d>", Action::HalfPageDown, "half page down"),
    ("<C-u>", Action::HalfPageUp, "half page up"),
    ("n", Action::NextUnread, "next unread article"),
    ("N", Action::PrevUnread, "previous unread article"),
    ("m", Action::ToggleRead, "toggle read/unread"),
    ("A", Action::MarkAllRead, "mark all read"),
    ("/", Action::StartFilter, "filter, or search article"),
    ("u", Action::ToggleUnreadOnly, "unread only / all"),
    ("o", Action::OpenUrl, "open link in browser"),
    ("S", Action::LibrarySearch, "search the whole library"),
    ("P", Action::People, "people: who said what"),
    ("R", Action::Fetch, "fetch subscriptions"),
    ("L", Action::LinkList, "list the article's links"),
    ("y", Action::CopyLink, "copy link (OSC 52)"),
    ("U", Action::Undo, "undo read change"),
    ("<C-r>", Action::Redo, "redo"),
    ("M", Action::ToggleMouse, "mouse; Shift-drag selects"),
    ("z", Action::Zoom, "zoom pane / back"),
    ("x", Action::DismissWarning, "dismiss the warning"),
    ("*", Action::ToggleStar, "star / unstar"),
    ("Y", Action::CopyArticle, "copy article as Markdown"),
    ("E", Action::ExportArticle, "save article as .md here"),
    ("?", Action::Help, "this help"),
    ("<Esc><BS>h<Left>", Action::Back, "back"),
    ("q<C-c>", Action::Quit, "quit"),
    ("<C-z>", Action::Suspend, "suspend to shell"),
];

/// The library screen's default bindings.
const LIBRARY: &[DefaultBinding] = &[
    ("j<Down>", Action::Down, "next digest"),
    ("k<Up>", Action::Up, "previous digest"),
    ("<Enter>l<Right>", Action::Open, "open digest"),
    ("g<Home>", Action::Top, "first"),
    ("G<End>", Action::Bottom, "last"),
    ("<PageDown><Space>", Action::PageDown, "page down"),
    ("<PageUp>", Action::PageUp, "page up"),
    ("<C-d>", Action::HalfPageDown, "half page down"),
    ("<C-u>", Action::HalfPageUp, "half page up"),
    ("S", Action::LibrarySearch, "search the whole library"),
    ("P", Action::People, "people: who said what"),
    ("/", Action::StartFilter, "filter digests"),
    ("s", Action::CycleSort, "sort by date / unread / title"),
    ("A", Action::MarkAllRead, "mark digest read"),
    ("d", Action::Delete, "move to trash"),
    ("U", Action::Undo, "undo: restore from trash, or unmark A"),
    ("R", Action::Fetch, "fetch subscriptions"),
    ("M", Action::ToggleMouse, "mouse; Shift-drag selects"),
    ("x", Action::DismissWarning, "dismiss the warning"),
    ("?", Action::Help, "this help"),
    // Esc goes back everywhere else; here there is nothing behind, and a repeated Esc must
    // not end the session, so it only says how to quit.
    (
        "<Esc>",
        Action::Back,
        "clear the filter, else back (q quits)",
    ),
    ("q<C-c>", Action::Quit, "quit"),
    ("<C-z>", Action::Suspend, "suspend to shell"),
];

/// The Starred screen's default bindings.
const STARRED: &[DefaultBinding] = &[
    ("j<Down>", Action::Down, "next article"),
    ("k<Up>", Action::Up, "previous article"),
    ("<Enter>l<Right>", Action::Open, "open in its digest"),
    ("g<Home>", Action::Top, "first"),
    ("G<End>", Action::Bottom, "last"),
    ("<PageDown><Space>", Action::PageDown, "page down"),
    ("<PageUp>", Action::PageUp, "page up"),
    ("<C-d>", Action::HalfPageDown, "half page down"),
    ("<C-u>", Action::HalfPageUp, "half page up"),
    ("*", Action::ToggleStar, "star / unstar"),
    ("U", Action::Undo, "undo star change"),
    ("<C-r>", Action::Redo, "redo"),
    ("?", Action::Help, "this help"),
    ("<Esc><BS>h<Left>", Action::Back, "back to the library"),
    ("q<C-c>", Action::Quit, "quit"),
    ("<C-z>", Action::Suspend, "suspend to shell"),
];

fn table(defaults: &[DefaultBinding]) -> Vec<Binding> {
    defaults
        .iter()
        .map(|&(spec, action, help)| Binding {
            action,
            // The defaults are checked by a test, so a spec that does not parse cannot ship.
            keys: keys::parse(spec)
                .unwrap_or_default()
                .iter()
                .map(Key::from_event)
                .collect(),
            help,
        })
        .collect()
}

/// Help text for an action bound in a mode whose defaults do not list it.
fn generic_help(action: Action) -> &'static str {
    match action {
        Action::Down => "next",
        Action::Up => "previous",
        Action::Top => "first",
        Action::Bottom => "last",
        Action::PageDown => "page down",
        Action::PageUp => "page up",
        Action::HalfPageDown => "half page down",
        Action::HalfPageUp => "half page up",
        Action::FocusNext => "focus next pane",
        Action::FocusPrev => "focus previous pane",
        Action::Open => "open",
        Action::NextUnread => "next unread article",
        Action::PrevUnread => "previous unread article",
        Action::ToggleRead => "toggle read/unread",
        Action::MarkAllRead => "mark all read",
        Action::StartFilter => "filter articles",
        Action::ToggleUnreadOnly => "unread only / all",
        Action::OpenUrl => "open link in browser",
        Action::CopyArticle => "copy article as Markdown",
        Action::ExportArticle => "save article as .md here",
        Action::ToggleStar => "star / unstar",
        Action::Help => "this help",
        Action::Zoom => "zoom pane / back",
        Action::DismissWarning => "dismiss the warning",
        Action::Back => "back",
        Action::Delete => "delete from library",
        Action::CycleSort => "sort by date / unread / title",
        Action::Confirm => "answer yes",
        Action::Quit => "quit",
        Action::Suspend => "suspend to shell",
        Action::LibrarySearch => "search the whole library",
        Action::People => "people: who said what",
        Action::Fetch => "fetch subscriptions",
        Action::FilterChar(_) => "type into the filter",
        Action::FilterBackspace => "delete a filter character",
        Action::FilterAccept => "keep the filter",
        Action::PromptClear => "clear the query",
        Action::PromptDeleteWord => "delete a word of the query",
        Action::PromptLeft => "cursor left",
        Action::PromptRight => "cursor right",
        Action::PromptOlder => "earlier query",
        Action::PromptNewer => "later query",
        Action::Undo => "undo",
        Action::Redo => "redo",
        Action::LinkList => "list the article's links",
        Action::CopyLink => "copy link (OSC 52)",
        Action::ToggleMouse => "mouse on/off",
        Action::PickLink(_) => "open a link of the list",
        Action::Click(..) | Action::DoubleClick(..) | Action::Wheel(..) => "mouse",
    }
}

/// Which keys do what, per mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    reader: Vec<Binding>,
    library: Vec<Binding>,
    starred: Vec<Binding>,
}

impl Default for Keymap {
    /// newsdeck's own bindings.
    fn default() -> Self {
        // Parsed once: start-up asks for the defaults twice (the config's and the app's), and
        // parsing the specs is more work than copying the tables.
        static DEFAULT: std::sync::OnceLock<Keymap> = std::sync::OnceLock::new();
        DEFAULT
            .get_or_init(|| Keymap {
                reader: table(READER),
                library: table(LIBRARY),
                starred: table(STARRED),
            })
            .clone()
    }
}

impl Keymap {
    fn table(&self, mode: Mode) -> Option<&[Binding]> {
        match mode {
            Mode::Reader => Some(&self.reader),
            Mode::Library => Some(&self.library),
            Mode::Starred => Some(&self.starred),
            Mode::Filter | Mode::Help | Mode::Confirm | Mode::Links | Mode::Finder => None,
        }
    }

    fn table_mut(&mut self, mode: Mode) -> Result<&mut Vec<Binding>, String> {
        match mode {
            Mode::Reader => Ok(&mut self.reader),
            Mode::Library => Ok(&mut self.library),
            Mode::Starred => Ok(&mut self.starred),
            Mode::Filter | Mode::Help | Mode::Confirm | Mode::Links | Mode::Finder => Err(format!(
                "keys in {} mode are fixed; only reader, library and starred keys can be bound",
                mode_name(mode)
            )),
        }
    }

    /// Makes `keys` (and only them) trigger `action` in `mode`. Each key is taken from whatever
    /// it did before, so a key means one thing; no keys leaves the action unbound. An action
    /// new to the mode is listed last in the help. Errors: a mode whose keys are fixed, or an
    /// action that carries data (`FilterChar`).
    pub fn bind(&mut self, mode: Mode, action: Action, keys: &[Key]) -> Result<(), String> {
        if !action.is_bindable() {
            return Err(format!("{action:?} cannot be bound to a key"));
        }
        let table = self.table_mut(mode)?;
        for b in table.iter_mut() {
            b.keys.retain(|k| !keys.contains(k));
        }
        let mut unique: Vec<Key> = Vec::with_capacity(keys.len());
        for k in keys {
            if !unique.contains(k) {
                unique.push(*k);
            }
        }
        match table.iter_mut().find(|b| b.action == action) {
            Some(b) => b.keys = unique,
            None => table.push(Binding {
                action,
                keys: unique,
                help: generic_help(action),
            }),
        }
        Ok(())
    }

    /// Frees `key` in `mode`; returns the action it triggered, if any.
    pub fn unbind(&mut self, mode: Mode, key: Key) -> Result<Option<Action>, String> {
        let table = self.table_mut(mode)?;
        let b = table.iter_mut().find(|b| b.keys.contains(&key));
        Ok(b.map(|b| {
            b.keys.retain(|k| *k != key);
            b.action
        }))
    }

    /// The action `key` triggers in `mode`'s table (None in the fixed modes).
    pub fn action(&self, mode: Mode, key: Key) -> Option<Action> {
        self.table(mode)?
            .iter()
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// The keys bound to `action` in `mode`, first the one hints show.
    pub fn keys(&self, mode: Mode, action: Action) -> &[Key] {
        self.table(mode)
            .and_then(|t| t.iter().find(|b| b.action == action))
            .map_or(&[], |b| b.keys.as_slice())
    }

    /// The bound actions of `mode`, in the order the help overlay lists them.
    pub fn bindings(&self, mode: Mode) -> impl Iterator<Item = &Binding> {
        self.table(mode)
            .unwrap_or_default()
            .iter()
            .filter(|b| !b.keys.is_empty())
    }

    /// The action a key press means in `mode`, if any: the table for the reader and library,
    /// the fixed rules for the filter, the help and a question (Ctrl-c quits from all of them).
    pub fn action_for(&self, mode: Mode, key: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(key);
        let quit = key.code == KeyCode::Char('c') && key.mods == KeyModifiers::CONTROL;
        match mode {
            Mode::Filter => match key.code {
                _ if quit => Some(Action::Quit),
                KeyCode::Enter => Some(Action::FilterAccept),
                KeyCode::Esc => Some(Action::Back),
                KeyCode::Backspace => Some(Action::FilterBackspace),
                KeyCode::Left => Some(Action::PromptLeft),
                KeyCode::Right => Some(Action::PromptRight),
                KeyCode::Up => Some(Action::PromptOlder),
                KeyCode::Down => Some(Action::PromptNewer),
                KeyCode::Char('u') if key.mods == KeyModifiers::CONTROL => {
                    Some(Action::PromptClear)
                }
                KeyCode::Char('w') if key.mods == KeyModifiers::CONTROL => {
                    Some(Action::PromptDeleteWord)
                }
                KeyCode::Char(c) if key.mods.is_empty() => Some(Action::FilterChar(c)),
                _ => None,
            },
            // Moving keys scroll the help, any other key closes it; Ctrl-c still quits.
            Mode::Help => Some(match self.action(Mode::Reader, key) {
                _ if quit => Action::Quit,
                Some(
                    a @ (Action::Down
                    | Action::Up
                    | Action::PageDown
                    | Action::PageUp
                    | Action::Top
                    | Action::Bottom),
                ) => a,
                _ => Action::Back,
            }),
            Mode::Confirm => Some(match key.code {
                _ if quit => Action::Quit,
                KeyCode::Char('y') | KeyCode::Char('Y') => Action::Confirm,
                _ => Action::Back,
            }),
            Mode::Finder => finder_action(key, quit),
            // The link list: a digit opens that link, Enter the chosen one, y copies it; j/k,
            // g/G move.
            Mode::Links => Some(match key.code {
                _ if quit => Action::Quit,
                KeyCode::Char(c @ '1'..='9') => Action::PickLink(c as u8 - b'0'),
                KeyCode::Enter => Action::Open,
                KeyCode::Char('y') => Action::CopyLink,
                KeyCode::Char('j') | KeyCode::Down => Action::Down,
                KeyCode::Char('k') | KeyCode::Up => Action::Up,
                KeyCode::Char('g') | KeyCode::Home => Action::Top,
                KeyCode::Char('G') | KeyCode::End => Action::Bottom,
                _ => Action::Back,
            }),
            Mode::Reader | Mode::Library | Mode::Starred => self.action(mode, key),
        }
    }

    /// The first key bound to `action` in `mode`, named for hints (`j`, `Tab`, `Ctrl-d`).
    pub fn key_name(&self, mode: Mode, action: Action) -> Option<String> {
        self.keys(mode, action).first().map(|k| k.name())
    }
}

/// The fixed keys of the search and People lists.
fn finder_action(key: Key, quit: bool) -> Option<Action> {
    let ctrl = key.mods == KeyModifiers::CONTROL;
    Some(match key.code {
        _ if quit => Action::Quit,
        KeyCode::Char('d') if ctrl => Action::HalfPageDown,
        KeyCode::Char('u') if ctrl => Action::HalfPageUp,
        _ if ctrl => return None,
        KeyCode::Char('j') | KeyCode::Down => Action::Down,
        KeyCode::Char('k') | KeyCode::Up => Action::Up,
        KeyCode::Char('g') | KeyCode::Home => Action::Top,
        KeyCode::Char('G') | KeyCode::End => Action::Bottom,
        KeyCode::PageDown | KeyCode::Char(' ') => Action::PageDown,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => Action::Open,
        KeyCode::Char('/') => Action::StartFilter,
        KeyCode::Char('s') => Action::CycleSort,
        KeyCode::Esc | KeyCode::Backspace | KeyCode::Char('h') | KeyCode::Left => Action::Back,
        KeyCode::Char('q') => Action::Back,
        _ => return None,
    })
}

fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Reader => "reader",
        Mode::Library => "library",
        Mode::Starred => "starred",
        Mode::Filter => "filter",
        Mode::Help => "help",
        Mode::Confirm => "confirm",
        Mode::Finder => "finder",
        Mode::Links => "links",
    }
}

#[cfg(test)]
mod tests;
