//! What is on screen: which screen is up, the overlay over it, and so which key bindings apply.

use super::Model;

/// Which set of key bindings applies: what the keys mean depends on what is on screen. The serde
/// names (`reader`, `library`, ...) are the ones a config file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Reading a digest.
    Reader,
    /// Choosing a digest from the library.
    Library,
    /// Typing a filter.
    Filter,
    /// The help overlay is open.
    Help,
    /// A yes/no question is open.
    Confirm,
    /// Choosing from the starred articles.
    Starred,
    /// Moving through library search results or People (keys fixed).
    Finder,
    /// The link list is open.
    Links,
}

/// Which screen is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The library.
    Library,
    /// The reader.
    Reader,
    /// Every starred article.
    Starred,
}

/// A window over the screen that takes the keys until it closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key help.
    Help,
    /// "Delete this digest?" for the library row at this index.
    ConfirmDelete(usize),
    /// "Mark every article of this digest read?" for the open digest.
    ConfirmMarkAll,
    /// The open article's links, numbered, with the one Enter opens.
    Links {
        /// The links, the article's own first.
        links: Vec<String>,
        /// The chosen one.
        selected: usize,
    },
    /// "Mark every article of this digest read?" for the library row at this index.
    ConfirmMarkDigest(usize),
}

impl Model {
    /// Which key bindings apply now.
    pub fn mode(&self) -> Mode {
        if let Some(f) = &self.finder {
            return if f.editing {
                Mode::Filter
            } else {
                Mode::Finder
            };
        }
        match (&self.overlay, self.screen) {
            (Some(Overlay::Help), _) => Mode::Help,
            (
                Some(
                    Overlay::ConfirmDelete(_)
                    | Overlay::ConfirmMarkAll
                    | Overlay::ConfirmMarkDigest(_),
                ),
                _,
            ) => Mode::Confirm,
            (Some(Overlay::Links { .. }), _) => Mode::Links,
            (None, Screen::Reader)
                if self
                    .reader
                    .as_ref()
                    .is_some_and(|r| r.filter_editing || r.search_editing) =>
            {
                Mode::Filter
            }
            (None, Screen::Reader) => Mode::Reader,
            (None, Screen::Library) if self.library.filter_editing => Mode::Filter,
            (None, Screen::Library) => Mode::Library,
            (None, Screen::Starred) => Mode::Starred,
        }
    }

    /// The bindings the screen under an overlay uses (the help overlay lists them).
    pub fn mode_under_overlay(&self) -> Mode {
        match self.screen {
            Screen::Library => Mode::Library,
            Screen::Reader => Mode::Reader,
            Screen::Starred => Mode::Starred,
        }
    }
}
