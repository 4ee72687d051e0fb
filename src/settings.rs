//! The user's settings that change behaviour (not keys or colours): plain values with defaults.
//! The config file fills them in (`config/`); the model and the app read them.

use std::path::PathBuf;

/// The narrowest `reading_width` there is: narrower, a word or two would fill a line.
pub const MIN_READING_WIDTH: u16 = 20;

/// Every behaviour setting newsdeck has, with the defaults a user gets without a config file.
///
/// The config file's `[settings]` table is this struct (serde names are the field names), so a
/// field added here is a setting at once; give it a line in `config::template::SETTING_DOCS`
/// (a test insists) so `newsdeck config` documents it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Capture the mouse at start (`M` toggles it while running).
    pub mouse: bool,
    /// Make links clickable with OSC 8 hyperlinks in terminals that support them.
    pub hyperlinks: bool,
    /// Let `y`/`Y` copy to the clipboard with OSC 52.
    pub clipboard: bool,
    /// The command that opens links; `None` uses `$BROWSER`, else the system opener.
    pub opener: Option<String>,
    /// Run the opener in the terminal (a terminal browser such as w3m or lynx).
    pub open_in_terminal: bool,
    /// Opening an article's link marks the article read.
    pub mark_read_on_open_link: bool,
    /// The widest the article text runs, in columns, however wide the terminal is.
    pub reading_width: u16,
    /// A folder the user syncs between machines; each machine writes its own state file there.
    pub sync_dir: Option<PathBuf>,
    /// This machine's name in the sync folder; `None` uses the host name.
    pub device: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            mouse: true,
            hyperlinks: true,
            clipboard: true,
            opener: None,
            open_in_terminal: false,
            mark_read_on_open_link: true,
            reading_width: 100,
            sync_dir: None,
            device: None,
        }
    }
}
