//! `newsdeck config`: the full default config as a commented file, generated from the real
//! defaults (key map, settings, theme elements) so it cannot drift from them.

use std::fmt::Write;

use super::bindable_actions;
use super::names::fields;
use crate::keymap::{Key, Keymap};
use crate::model::Mode;
use crate::settings::Settings;
use crate::theme::{Element, Theme, spec};

/// Each setting's help and, for a setting unset by default, an example value (TOML).
/// Every field of [`Settings`] needs a line here (a test checks).
pub const SETTING_DOCS: &[(&str, &str, &str)] = &[
    (
        "mouse",
        "Capture the mouse at start (`M` toggles it while running).",
        "",
    ),
    (
        "hyperlinks",
        "Make links clickable (OSC 8) in terminals that support it.",
        "",
    ),
    (
        "clipboard",
        "Let copy keys put text on the clipboard (OSC 52).",
        "",
    ),
    (
        "opener",
        "The command that opens links; unset uses $BROWSER, else the system opener.",
        "\"firefox\"",
    ),
    (
        "open_in_terminal",
        "Run the opener in this terminal (w3m, lynx).",
        "",
    ),
    (
        "mark_read_on_open_link",
        "Opening an article's link marks it read.",
        "",
    ),
    (
        "reading_width",
        "The widest article text runs, in columns (at least 20).",
        "",
    ),
    (
        "sync_dir",
        "A folder you sync between machines; each machine writes its own state file there.",
        "\"/home/me/Sync/newsdeck\"",
    ),
    (
        "device",
        "This machine's name in the sync folder; unset uses the host name.",
        "\"laptop\"",
    ),
];

/// A TOML string literal for `s`.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// `"j"` or `["j", "<Down>"]`.
fn key_list(keys: &[Key]) -> String {
    match keys {
        [one] => quoted(&one.vim()),
        _ => {
            let all: Vec<String> = keys.iter().map(|k| quoted(&k.vim())).collect();
            format!("[{}]", all.join(", "))
        }
    }
}

/// The default config file, commented.
pub fn default_config() -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "\
# newsdeck configuration. Every value below is a default: keep the lines you change, delete
# the rest. `newsdeck config path` says where this file goes; `newsdeck config check` checks it.

# Colours: dark (the default), light or mono (no colour at all). NO_COLOR or --no-color
# turns colour off whatever this says.
theme = \"{}\"
",
        crate::theme::BUILTIN[0]
    );
    settings(&mut out);
    colors(&mut out);
    let keymap = Keymap::default();
    out.push_str(
        "\n# Keys, per mode: action = \"key\" or [\"key\", \"key\"]; \"none\" unbinds the action.\n\
         # Vim notation: j, G, <C-d>, <S-Tab>, <Enter>, <Esc>, <Space>, <BS>, <Up>, <PageDown>,\n\
         # <Home>, <lt> (for <). Your keys replace the action's default keys, and a key you bind\n\
         # is taken from the action that had it. One key for two actions in a mode is an error.\n",
    );
    for (mode, name) in [
        (Mode::Reader, "reader"),
        (Mode::Library, "library"),
        (Mode::Starred, "starred"),
    ] {
        keys(&mut out, &keymap, mode, name);
    }
    out
}

fn settings(out: &mut String) {
    let values = toml::Table::try_from(Settings::default()).unwrap_or_default();
    out.push_str("\n[settings]\n");
    for field in fields::<Settings>() {
        let (doc, example) = SETTING_DOCS
            .iter()
            .find(|(n, _, _)| n == field)
            .map_or(("", ""), |(_, d, e)| (*d, *e));
        if !doc.is_empty() {
            let _ = writeln!(out, "# {doc}");
        }
        match values.get(*field) {
            Some(v) => {
                let _ = writeln!(out, "{field} = {v}");
            }
            None => {
                let _ = writeln!(out, "# {field} = {example}");
            }
        }
    }
}

fn colors(out: &mut String) {
    out.push_str(
        "\n# Per-element styles, replacing the theme's. A style is words: attributes (bold, dim,\n\
         # italic, underline, reverse), a colour (black, red, green, yellow, blue, magenta, cyan,\n\
         # white, bright_red ... bright_white, default, or #rrggbb) and \"on COLOUR\" for a\n\
         # background: \"bold yellow\", \"reverse\", \"#ffaf00 on blue\". Shown: the dark theme.\n\
         [colors]\n",
    );
    let theme = Theme::default();
    for el in Element::ALL {
        let _ = writeln!(
            out,
            "# {:<38} # {}",
            format!(
                "{} = {}",
                el.name(),
                quoted(&spec::describe(theme.style(*el)))
            ),
            el.doc()
        );
    }
}

fn keys(out: &mut String, keymap: &Keymap, mode: Mode, name: &str) {
    let _ = writeln!(out, "\n[keys.{name}]");
    let mut bound = Vec::new();
    for b in keymap.bindings(mode) {
        let Some((action, _)) = bindable_actions().into_iter().find(|(_, a)| *a == b.action) else {
            continue;
        };
        let line = format!("{action} = {}", key_list(&b.keys));
        let _ = writeln!(out, "{line:<40} # {}", b.help);
        bound.push(b.action);
    }
    let rest: Vec<&str> = bindable_actions()
        .into_iter()
        .filter(|(_, a)| !bound.contains(a))
        .map(|(n, _)| n)
        .collect();
    // Wrapped as comments, so the file stays readable in an 80-column editor.
    let mut line = String::from("# Also bindable here:");
    for name in rest {
        if line.len() + name.len() + 2 > 80 {
            let _ = writeln!(out, "{line}");
            line = String::from("#  ");
        }
        line.push(' ');
        line.push_str(name);
        line.push(',');
    }
    if line.ends_with(',') {
        line.pop();
        let _ = writeln!(out, "{line}");
    }
}
