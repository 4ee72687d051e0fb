//! Style specs as the config file writes them: `"bold yellow"`, `"reverse"`, `"#ff8800 on blue"`.
//!
//! A spec is words separated by spaces: attributes (`bold`, `dim`, `italic`, `underline`,
//! `reverse`), a foreground colour, and `on COLOUR` for a background. Colours are the 16 ANSI
//! names (`red`, `bright_red`, ...), `default` (the terminal's own) or `#rrggbb`. `""` or
//! `"plain"` is the terminal's default text.

use ratatui::style::{Color, Modifier, Style};

/// The attribute words, with what they set.
const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underline", Modifier::UNDERLINED),
    ("reverse", Modifier::REVERSED),
    ("strikethrough", Modifier::CROSSED_OUT),
];

/// The colour words. `white` is ANSI colour 7 and `bright_white` 15, as terminals number them
/// (ratatui calls them `Gray` and `White`).
const COLORS: &[(&str, Color)] = &[
    ("default", Color::Reset),
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("white", Color::Gray),
    ("bright_black", Color::DarkGray),
    ("bright_red", Color::LightRed),
    ("bright_green", Color::LightGreen),
    ("bright_yellow", Color::LightYellow),
    ("bright_blue", Color::LightBlue),
    ("bright_magenta", Color::LightMagenta),
    ("bright_cyan", Color::LightCyan),
    ("bright_white", Color::White),
];

/// Every word a spec may use (for "did you mean").
pub fn words() -> impl Iterator<Item = &'static str> {
    MODIFIERS
        .iter()
        .map(|(w, _)| *w)
        .chain(COLORS.iter().map(|(w, _)| *w))
        .chain(["on", "plain"])
}

/// Why a spec was refused: the word at fault (to suggest a close one) and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The word that is not understood, if one is.
    pub word: Option<String>,
    /// What is wrong.
    pub message: String,
}

fn color(word: &str) -> Option<Color> {
    if let Some(hex) = word.strip_prefix('#') {
        let ok = hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit());
        let v = u32::from_str_radix(hex, 16).ok().filter(|_| ok)?;
        return Some(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
    }
    COLORS.iter().find(|(w, _)| *w == word).map(|(_, c)| *c)
}

/// Parses a style spec (case-insensitive).
pub fn parse(spec: &str) -> Result<Style, SpecError> {
    let lower = spec.to_ascii_lowercase();
    let mut style = Style::new();
    let mut words = lower.split_whitespace();
    let (mut fg, mut bg) = (false, false);
    while let Some(word) = words.next() {
        if word == "plain" {
            continue;
        }
        if let Some((_, m)) = MODIFIERS.iter().find(|(w, _)| *w == word) {
            style = style.add_modifier(*m);
            continue;
        }
        let (target, set_bg) = if word == "on" {
            let next = words.next().ok_or_else(|| SpecError {
                word: None,
                message: "\"on\" needs a colour after it (\"on blue\")".into(),
            })?;
            (next, true)
        } else {
            (word, false)
        };
        let c = color(target).ok_or_else(|| SpecError {
            word: Some(target.to_string()),
            message: format!(
                "unknown colour or attribute \"{target}\" (colours: ANSI names such as red or \
                 bright_blue, default, #rrggbb; attributes: bold, dim, italic, underline, reverse)"
            ),
        })?;
        let seen = if set_bg { &mut bg } else { &mut fg };
        if *seen {
            return Err(SpecError {
                word: None,
                message: format!(
                    "two {} colours in \"{spec}\"",
                    if set_bg { "background" } else { "foreground" }
                ),
            });
        }
        *seen = true;
        style = if set_bg { style.bg(c) } else { style.fg(c) };
    }
    Ok(style)
}

/// A style written back as a spec (the inverse of [`parse`] for styles it can produce).
pub fn describe(style: Style) -> String {
    let mut words: Vec<String> = MODIFIERS
        .iter()
        .filter(|(_, m)| style.add_modifier.contains(*m))
        .map(|(w, _)| (*w).to_string())
        .collect();
    let name = |c: Color| match c {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        c => COLORS.iter().find(|(_, k)| *k == c).map_or_else(
            || format!("{c}").to_ascii_lowercase(),
            |(w, _)| w.to_string(),
        ),
    };
    if let Some(c) = style.fg {
        words.push(name(c));
    }
    if let Some(c) = style.bg {
        words.push(format!("on {}", name(c)));
    }
    if words.is_empty() {
        "plain".into()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_and_round_trips() {
        for spec in [
            "bold",
            "bold yellow",
            "reverse",
            "dim italic bright_black",
            "#ff8800 on blue",
            "plain",
        ] {
            let style = parse(spec).unwrap();
            assert_eq!(describe(style), spec, "{spec}");
        }
        assert_eq!(
            parse("BOLD Red").unwrap(),
            Style::new().bold().fg(Color::Red)
        );
        assert_eq!(parse("").unwrap(), Style::new());
    }

    #[test]
    fn refuses_what_it_does_not_know() {
        assert_eq!(parse("blod").unwrap_err().word.as_deref(), Some("blod"));
        assert!(parse("#12345").is_err());
        assert!(parse("#gggggg").is_err());
        assert!(
            parse("red blue")
                .unwrap_err()
                .message
                .contains("two foreground")
        );
        assert!(parse("on").is_err());
    }
}
