//! Styles named by what they mean, so no colour is chosen at a call site.
//!
//! Every style is an [`Element`] with a name the config file's `[colors]` table uses. There are
//! three built-in themes: `dark` (the default), `light` and `mono`. Each is written as style
//! specs (see [`spec`]) and uses only the terminal's own colours, bold/dim and the 16 ANSI
//! colours, so the default reads on light and dark terminals alike. `NO_COLOR` and `--no-color`
//! drop every colour whatever the theme and overrides say; attributes such as bold remain.

pub mod spec;

use ratatui::style::Style;
use ratatui::widgets::BorderType;

use crate::model::document::Role;

/// Declares the elements with their config names, help text and specs in each built-in theme.
macro_rules! elements {
    ($($variant:ident $name:literal $doc:literal [$dark:literal, $light:literal, $mono:literal];)*) => {
        /// A thing newsdeck draws, named by meaning; each has one style in a theme.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Element {
            $(#[doc = $doc] $variant,)*
        }

        impl Element {
            /// Every element, in the order `newsdeck config` lists them.
            pub const ALL: &'static [Element] = &[$(Element::$variant,)*];

            /// The element's name in the config file's `[colors]` table.
            pub fn name(self) -> &'static str {
                match self { $(Element::$variant => $name,)* }
            }

            /// What the element is, for `newsdeck config`.
            pub fn doc(self) -> &'static str {
                match self { $(Element::$variant => $doc,)* }
            }

            /// The element's spec in a built-in theme.
            fn builtin(self, base: Builtin) -> &'static str {
                match self {
                    $(Element::$variant => match base {
                        Builtin::Dark => $dark,
                        Builtin::Light => $light,
                        Builtin::Mono => $mono,
                    },)*
                }
            }
        }
    };
}

elements! {
    Border "border" "A pane's border." ["dim", "dim", "dim"];
    BorderFocused "border_focused" "The focused pane's border (also drawn thick)." ["cyan", "blue", "bold"];
    Title "title" "A pane's title." ["bold", "bold", "bold"];
    TitleFocused "title_focused" "The focused pane's title." ["bold cyan", "bold blue", "bold underline"];
    Selected "selected" "The selected row in the focused pane." ["reverse", "reverse", "reverse"];
    SelectedUnfocused "selected_unfocused" "The selected row in a pane without focus." ["bold underline", "bold underline", "bold underline"];
    Unread "unread" "An unread article or digest row." ["bold", "bold", "bold"];
    Read "read" "A read article or digest row." ["dim", "dim", "dim"];
    UnreadMarker "unread_marker" "The dot before an unread article." ["bold yellow", "bold blue", "bold"];
    Headline "headline" "The article's headline." ["bold", "bold", "bold"];
    Meta "meta" "The line under the headline: source, date, author." ["italic dim", "italic dim", "italic"];
    Body "body" "Article text." ["plain", "plain", "plain"];
    Heading "heading" "A heading inside an article." ["bold cyan", "bold blue", "bold underline"];
    Bullet "bullet" "A list bullet inside an article." ["yellow", "blue", "plain"];
    TableHeader "table_header" "A table's header row." ["bold underline cyan", "bold underline blue", "bold underline"];
    Status "status" "The status bar." ["reverse", "reverse", "reverse"];
    Key "key" "A key name in hints and the help." ["bold yellow", "bold blue", "bold"];
    Notice "notice" "A message in the status bar, or a question." ["bold yellow", "bold magenta", "bold"];
    Dim "dim" "Secondary text: dates, counts, hints." ["dim", "dim", "dim"];
    Error "error" "Something that failed." ["bold red", "bold red", "bold"];
    Match "match" "A match of the search inside an article." ["reverse yellow", "reverse blue", "reverse"];
    MatchCurrent "match_current" "The match n/N are at." ["bold underline reverse yellow", "bold underline reverse blue", "bold underline reverse"];
}

/// The built-in themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Builtin {
    Dark,
    Light,
    Mono,
}

/// The names of the built-in themes, the default first.
pub const BUILTIN: &[&str] = &["dark", "light", "mono"];

const COUNT: usize = Element::ALL.len();

/// The styles newsdeck draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    styles: [Style; COUNT],
}

impl Default for Theme {
    /// The `dark` theme, with colour.
    fn default() -> Self {
        Theme::builtin(Builtin::Dark)
    }
}

impl Theme {
    fn builtin(base: Builtin) -> Self {
        let mut styles = [Style::new(); COUNT];
        for (i, el) in Element::ALL.iter().enumerate() {
            // The built-in specs are checked by a test, so one that does not parse cannot ship.
            styles[i] = spec::parse(el.builtin(base)).unwrap_or_default();
        }
        Theme { styles }
    }

    /// The built-in theme called `name` (`dark`, `light`, `mono`).
    pub fn named(name: &str) -> Option<Self> {
        match name {
            "dark" => Some(Theme::builtin(Builtin::Dark)),
            "light" => Some(Theme::builtin(Builtin::Light)),
            "mono" => Some(Theme::builtin(Builtin::Mono)),
            _ => None,
        }
    }

    /// The default theme with colour, or without (attributes such as bold and reverse remain).
    pub fn new(color: bool) -> Self {
        let theme = Theme::default();
        if color { theme } else { theme.without_color() }
    }

    /// True when `--no-color` was given or `NO_COLOR` is set to a non-empty value.
    pub fn no_color_wanted(no_color_flag: bool) -> bool {
        no_color_flag || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    /// The default theme, without colour if `--no-color` or `NO_COLOR` asks for that.
    pub fn from_env(no_color_flag: bool) -> Self {
        Theme::new(!Theme::no_color_wanted(no_color_flag))
    }

    /// The theme with `element` drawn as `style` instead.
    pub fn with(mut self, element: Element, style: Style) -> Self {
        self.styles[element as usize] = style;
        self
    }

    /// The same theme with every colour removed.
    pub fn without_color(mut self) -> Self {
        for s in &mut self.styles {
            *s = Style {
                fg: None,
                bg: None,
                underline_color: None,
                ..*s
            };
        }
        self
    }

    /// The style of `element`.
    pub fn style(&self, element: Element) -> Style {
        self.styles[element as usize]
    }

    /// A match of the search inside the article; the current one stands out more.
    pub fn search_match(&self, current: bool) -> Style {
        self.style(if current {
            Element::MatchCurrent
        } else {
            Element::Match
        })
    }

    /// A pane's border (thick when focused, so focus shows even without colour).
    pub fn border(&self, focused: bool) -> Style {
        self.style(if focused {
            Element::BorderFocused
        } else {
            Element::Border
        })
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
        self.style(if focused {
            Element::TitleFocused
        } else {
            Element::Title
        })
    }

    /// The selected row: reverse video in the focused pane, bold elsewhere.
    pub fn selected(&self, focused: bool) -> Style {
        self.style(if focused {
            Element::Selected
        } else {
            Element::SelectedUnfocused
        })
    }

    /// An unread article's row.
    pub fn unread(&self) -> Style {
        self.style(Element::Unread)
    }

    /// A read article's row.
    pub fn read(&self) -> Style {
        self.style(Element::Read)
    }

    /// The unread marker.
    pub fn unread_marker(&self) -> Style {
        self.style(Element::UnreadMarker)
    }

    /// Article text by role.
    pub fn role(&self, role: Role) -> Style {
        self.style(match role {
            Role::Headline => Element::Headline,
            Role::Meta => Element::Meta,
            Role::Body => Element::Body,
            Role::Heading => Element::Heading,
            Role::Bullet => Element::Bullet,
            Role::Error => Element::Error,
        })
    }

    /// The commentator table's header row.
    pub fn table_header(&self) -> Style {
        self.style(Element::TableHeader)
    }

    /// The status bar.
    pub fn status(&self) -> Style {
        self.style(Element::Status)
    }

    /// A key name in a hint.
    pub fn key(&self) -> Style {
        self.style(Element::Key)
    }

    /// A message in the status bar.
    pub fn notice(&self) -> Style {
        self.style(Element::Notice)
    }

    /// Dim secondary text (dates, counts, hints).
    pub fn dim(&self) -> Style {
        self.style(Element::Dim)
    }

    /// Something that failed (an invalid digest in the library).
    pub fn error(&self) -> Style {
        self.style(Element::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    #[test]
    fn builtin_specs_parse_and_names_are_unique() {
        for el in Element::ALL {
            for base in [Builtin::Dark, Builtin::Light, Builtin::Mono] {
                assert!(spec::parse(el.builtin(base)).is_ok(), "{el:?} {base:?}");
            }
            let same = Element::ALL.iter().filter(|e| e.name() == el.name());
            assert_eq!(same.count(), 1, "{}", el.name());
        }
    }

    #[test]
    fn defaults_use_only_ansi_colours_and_the_terminal_foreground() {
        // 256-colour greys and whites vanish on one background or the other.
        for name in BUILTIN {
            let theme = Theme::named(name).unwrap();
            for el in Element::ALL {
                let s = theme.style(*el);
                for c in [s.fg, s.bg].into_iter().flatten() {
                    assert!(
                        !matches!(
                            c,
                            Color::White | Color::Gray | Color::DarkGray | Color::Indexed(_)
                        ),
                        "{name}.{} uses {c:?}",
                        el.name()
                    );
                }
            }
        }
    }

    #[test]
    fn light_differs_from_dark_and_mono_has_no_colour() {
        let (dark, light) = (
            Theme::named("dark").unwrap(),
            Theme::named("light").unwrap(),
        );
        assert_ne!(dark, light);
        assert_ne!(dark.key(), light.key());
        let mono = Theme::named("mono").unwrap();
        assert_eq!(mono, mono.without_color());
        assert!(Theme::named("solarized").is_none());
    }

    #[test]
    fn no_color_keeps_attributes_and_drops_colours() {
        let t = Theme::default()
            .with(
                Element::Headline,
                spec::parse("bold #ff0000 on blue").unwrap(),
            )
            .without_color();
        assert_eq!(
            t.role(Role::Headline),
            Style::new().add_modifier(Modifier::BOLD)
        );
        assert_eq!(t.key().fg, None);
    }
}
