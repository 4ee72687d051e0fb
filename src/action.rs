//! Everything a user can ask newsdeck to do, independent of which key asked for it.

/// One user intent; the key map produces these and `update` carries them out.
///
/// The serde names (`next_unread`, `toggle_read`, ...) are what a config file binds keys to, so
/// they are stable: renaming a variant must keep its name (a test lists them all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Move to the next item of the focused pane (scroll a line in the article).
    Down,
    /// Move to the previous item of the focused pane.
    Up,
    /// Jump to the first item.
    Top,
    /// Jump to the last item.
    Bottom,
    /// Move a page down.
    PageDown,
    /// Move a page up.
    PageUp,
    /// Move half a page down.
    HalfPageDown,
    /// Move half a page up.
    HalfPageUp,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Open the selected item (an article, or a digest on the library screen).
    Open,
    /// Open the next unread article.
    NextUnread,
    /// Open the previous unread article.
    PrevUnread,
    /// Toggle the selected article between read and unread.
    ToggleRead,
    /// Mark every article of the digest read.
    MarkAllRead,
    /// Start typing a filter for the article list.
    StartFilter,
    /// Show only unread articles, or all again.
    ToggleUnreadOnly,
    /// Open the article's link in the browser.
    OpenUrl,
    /// Show the help overlay.
    Help,
    /// Go back: close an overlay, clear a filter, or leave the reader for the library.
    Back,
    /// Delete the selected digest from the library (asks first).
    Delete,
    /// Sort the library by the next key: date, unread count, title.
    CycleSort,
    /// Answer yes to a question.
    Confirm,
    /// Quit newsdeck.
    Quit,
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Type a character into the filter (not bindable: the filter types every character).
    #[serde(skip)]
    FilterChar(char),
    /// Delete the filter's last character.
    FilterBackspace,
    /// Keep the filter and return to the list.
    FilterAccept,
}

impl Action {
    /// True when a key can be bound to the action (it carries no data).
    pub fn is_bindable(self) -> bool {
        !matches!(self, Action::FilterChar(_))
    }
}
