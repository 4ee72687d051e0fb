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
    /// Copy the current article as Markdown to the clipboard (OSC 52).
    CopyArticle,
    /// Write the current article to `<headline-slug>.md` in the current folder.
    ExportArticle,
    /// Star or unstar the selected article.
    ToggleStar,
    /// Show the help overlay.
    Help,
    /// Zoom the focused pane to the whole screen, or back.
    Zoom,
    /// Dismiss the warnings shown over the screen.
    DismissWarning,
    /// Go back: close an overlay, clear a filter, or leave the reader for the library.
    Back,
    /// Delete the selected digest from the library (asks first).
    Delete,
    /// Cycle the order of a list: the library (date, unread, title) or People (name, count, recency).
    CycleSort,
    /// Answer yes to a question.
    Confirm,
    /// Quit newsdeck.
    Quit,
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Open library-wide search.
    LibrarySearch,
    /// Open People: every commentator across the library.
    People,
    /// Download every subscription into the library, in the background.
    Fetch,
    /// Type a character into the filter (not bindable: the filter types every character).
    #[serde(skip)]
    FilterChar(char),
    /// Delete the filter's last character.
    FilterBackspace,
    /// Keep the filter and return to the list.
    FilterAccept,
    /// Clear the query being typed (Ctrl-u).
    PromptClear,
    /// Delete the word before the cursor in the query being typed (Ctrl-w).
    PromptDeleteWord,
    /// Move the query's cursor one character left.
    PromptLeft,
    /// Move the query's cursor one character right.
    PromptRight,
    /// Recall the previous query of this session.
    PromptOlder,
    /// Recall the next query of this session (or an empty one).
    PromptNewer,
    /// Undo the last read-state change (or, in the library, restore the last deleted digest).
    Undo,
    /// Redo what was undone.
    Redo,
    /// Show the article's links in a numbered list.
    LinkList,
    /// Copy the article's link (or the chosen one in the link list) to the clipboard.
    CopyLink,
    /// Turn mouse capture on or off.
    ToggleMouse,
    /// Open link number n (1-based) of the link list (not bindable: the list reads digits).
    #[serde(skip)]
    PickLink(u8),
    /// A mouse click at a column and row (not bindable: it comes from the mouse).
    #[serde(skip)]
    Click(u16, u16),
    /// A double click at a column and row.
    #[serde(skip)]
    DoubleClick(u16, u16),
    /// The wheel turned at a column and row: lines to scroll, negative up.
    #[serde(skip)]
    Wheel(u16, u16, i8),
}

impl Action {
    /// True for the keys that edit a query being typed (the filters' and the overlays' prompt),
    /// accepting it included; Esc, which also ends it, is each screen's own.
    pub fn edits_prompt(self) -> bool {
        matches!(
            self,
            Action::FilterChar(_)
                | Action::FilterBackspace
                | Action::PromptClear
                | Action::PromptDeleteWord
                | Action::PromptLeft
                | Action::PromptRight
                | Action::PromptOlder
                | Action::PromptNewer
                | Action::FilterAccept
        )
    }

    /// True when a key can be bound to the action (it carries no data).
    pub fn is_bindable(self) -> bool {
        !matches!(
            self,
            Action::FilterChar(_)
                | Action::PickLink(_)
                | Action::Click(..)
                | Action::DoubleClick(..)
                | Action::Wheel(..)
        )
    }
}
