//! Key notation for `snapshot --keys`: plain characters and vim-style names such as `<Tab>`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Parses vim key notation (`jj<Tab><C-d><S-Tab>`) into key events; an unknown name is an error.
pub fn parse(spec: &str) -> Result<Vec<KeyEvent>, String> {
    let mut keys = Vec::new();
    let mut rest = spec;
    while let Some(c) = rest.chars().next() {
        if let Some(end) = rest.find('>').filter(|_| c == '<') {
            let name = &rest[1..end];
            keys.push(named(name).ok_or_else(|| format!("unknown key <{name}> in --keys"))?);
            rest = &rest[end + 1..];
            continue;
        }
        keys.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        rest = &rest[c.len_utf8()..];
    }
    Ok(keys)
}

/// The named keys [`parse`] knows, as written in config files (for "did you mean"); `<C-x>` is
/// Ctrl with any character.
pub const NAMED: &[&str] = &[
    "<Tab>",
    "<S-Tab>",
    "<Enter>",
    "<Esc>",
    "<Up>",
    "<Down>",
    "<Left>",
    "<Right>",
    "<PageUp>",
    "<PageDown>",
    "<Home>",
    "<End>",
    "<Space>",
    "<BS>",
    "<lt>",
];

fn named(name: &str) -> Option<KeyEvent> {
    let plain = |code| Some(KeyEvent::new(code, KeyModifiers::NONE));
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "tab" => plain(KeyCode::Tab),
        "s-tab" => Some(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        "enter" | "cr" | "return" => plain(KeyCode::Enter),
        "esc" => plain(KeyCode::Esc),
        "up" => plain(KeyCode::Up),
        "down" => plain(KeyCode::Down),
        "left" => plain(KeyCode::Left),
        "right" => plain(KeyCode::Right),
        "pageup" => plain(KeyCode::PageUp),
        "pagedown" => plain(KeyCode::PageDown),
        "home" => plain(KeyCode::Home),
        "end" => plain(KeyCode::End),
        "space" => plain(KeyCode::Char(' ')),
        "bs" | "backspace" => plain(KeyCode::Backspace),
        "lt" => plain(KeyCode::Char('<')),
        _ => {
            let c = lower.strip_prefix("c-")?;
            let mut chars = c.chars();
            match (chars.next(), chars.next()) {
                (Some(ch), None) => Some(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::CONTROL)),
                _ => None,
            }
        }
    }
}

/// A short human name for a key event, as the help overlay shows it.
pub fn describe(key: &KeyEvent) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Backspace => "BS".into(),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_and_named_keys() {
        let keys = parse("j<Tab><C-d><S-Tab><Space><lt>").unwrap();
        assert_eq!(keys[0].code, KeyCode::Char('j'));
        assert_eq!(keys[1].code, KeyCode::Tab);
        assert_eq!(
            (keys[2].code, keys[2].modifiers),
            (KeyCode::Char('d'), KeyModifiers::CONTROL)
        );
        assert_eq!(keys[3].code, KeyCode::BackTab);
        assert_eq!(keys[4].code, KeyCode::Char(' '));
        assert_eq!(keys[5].code, KeyCode::Char('<'));
    }

    #[test]
    fn unknown_names_are_errors() {
        assert_eq!(parse("<Nope>").unwrap_err(), "unknown key <Nope> in --keys");
        assert!(parse("<C-ab>").is_err());
        // A lone `<` with no closing `>` is just the character.
        assert_eq!(parse("<").unwrap()[0].code, KeyCode::Char('<'));
    }
}
