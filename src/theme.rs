//! Styles named by what they mean, so no colour is chosen at a call site; honours NO_COLOR.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

use crate::model::document::Role;

/// The styles newsdeck draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// A theme with colour, or without (attributes such as bold and reverse remain).
    pub fn new(color: bool) -> Self {
        Theme { color }
    }

    /// Colour unless `--no-color` was given or `NO_COLOR` is set to a non-empty value.
    pub fn from_env(no_color_flag: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(!(no_color_flag || no_color))
    }

    fn fg(&self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    /// A pane's border: thick when focused, so focus shows even without colour.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Style::new(), Color::Cyan)
        } else {
            self.fg(Style::new(), Color::DarkGray)
        }
    }

    /// The border's line type.
    pub fn border_type(&self, focused: bool) -> BorderType {
        if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        }
    }

    /// A pane title.
    pub fn title(&self, focused: bool) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if focused { self.fg(s, Color::Cyan) } else { s }
    }

    /// The selected row: reverse video in the focused pane, bold elsewhere.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// An unread article's row.
    pub fn unread(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// A read article's row.
    pub fn read(&self) -> Style {
        self.fg(Style::new(), Color::Gray)
    }

    /// The unread marker.
    pub fn unread_marker(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// Article text by role.
    pub fn role(&self, role: Role) -> Style {
        match role {
            Role::Headline => self.fg(Style::new().add_modifier(Modifier::BOLD), Color::White),
            Role::Meta => self.fg(Style::new().add_modifier(Modifier::ITALIC), Color::DarkGray),
            Role::Body => Style::new(),
            Role::Heading => self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan),
            Role::Bullet => self.fg(Style::new(), Color::Yellow),
            Role::Error => self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Red),
        }
    }

    /// The commentator table's header row.
    pub fn table_header(&self) -> Style {
        self.fg(
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Color::Cyan,
        )
    }

    /// The status bar.
    pub fn status(&self) -> Style {
        if self.color {
            Style::new().bg(Color::DarkGray).fg(Color::White)
        } else {
            Style::new()
        }
    }

    /// A key name in a hint.
    pub fn key(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// A message in the status bar.
    pub fn notice(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// Dim secondary text (dates, counts, hints).
    pub fn dim(&self) -> Style {
        self.fg(Style::new(), Color::DarkGray)
    }

    /// Something that failed (an invalid digest in the library).
    pub fn error(&self) -> Style {
        self.fg(Style::new(), Color::Red)
    }

    /// A match of the search inside the article; the current one stands out more.
    pub fn search_match(&self, current: bool) -> Style {
        match (self.color, current) {
            (true, true) => Style::new()
                .bg(Color::LightYellow)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            (true, false) => Style::new().bg(Color::Yellow).fg(Color::Black),
            (false, true) => Style::new()
                .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            (false, false) => Style::new().add_modifier(Modifier::REVERSED),
        }
    }
}
