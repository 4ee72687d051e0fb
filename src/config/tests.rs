//! Config tests: the defaults round-trip, each kind of error has its place, keys rebind.

use super::*;
use crate::action::Action;
use crate::keymap::Key;
use crate::model::Mode;

fn errors(text: &str) -> Vec<String> {
    parse(text, "config.toml")
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn one_error(text: &str) -> String {
    let e = errors(text);
    assert_eq!(e.len(), 1, "{e:?}");
    e[0].clone()
}

#[test]
fn empty_file_is_the_defaults() {
    assert_eq!(parse("", "config.toml"), Ok(Config::default()));
}

#[test]
fn default_config_parses_back_to_the_defaults() {
    let text = template::default_config();
    let config = parse(&text, "config.toml").unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    assert_eq!(config.keymap, Keymap::default());
    assert_eq!(config.settings, Settings::default());
    assert_eq!(config.theme(false), Theme::default().without_color());
    assert_eq!(config.theme(true), Theme::default());
    assert_eq!(config, Config::default());
    // Everything a user can set is named in it.
    for el in Element::ALL {
        assert!(
            text.contains(&format!("# {} = ", el.name())),
            "{}",
            el.name()
        );
    }
    for (name, _) in bindable_actions() {
        assert!(text.contains(name), "{name}");
    }
}

#[test]
fn every_setting_is_documented() {
    for field in names::fields::<Settings>() {
        assert!(
            template::SETTING_DOCS.iter().any(|(n, _, _)| n == field),
            "add `{field}` to config::template::SETTING_DOCS"
        );
    }
}

#[test]
fn keys_rebind_unbind_and_settings_apply() {
    let c = parse(
        "theme = \"light\"\n[settings]\nmouse = false\nreading_width = 72\n\
         [keys.reader]\ndown = [\"x\", \"<C-n>\"]\nquit = \"none\"\n[keys.library]\nopen = \"o\"\n",
        "config.toml",
    )
    .unwrap();
    let k = |s: &str| Key::parse(s).unwrap();
    assert_eq!(c.keymap.action(Mode::Reader, k("x")), Some(Action::Down));
    assert_eq!(
        c.keymap.action(Mode::Reader, k("<C-n>")),
        Some(Action::Down)
    );
    assert_eq!(c.keymap.action(Mode::Reader, k("j")), None);
    assert_eq!(c.keymap.action(Mode::Reader, k("q")), None);
    assert_eq!(c.keymap.action(Mode::Library, k("o")), Some(Action::Open));
    assert!(!c.settings.mouse);
    assert_eq!(c.settings.reading_width, 72);
    assert_eq!(
        c.theme(false),
        Theme::named("light").unwrap().without_color()
    );
    assert_ne!(c.theme(true), Theme::default());
}

#[test]
fn colors_override_one_element() {
    let c = parse("[colors]\nheadline = \"italic #ff0000\"\n", "config.toml").unwrap();
    let t = c.theme(true);
    let want = theme::spec::parse("italic #ff0000").unwrap();
    assert_eq!(t.style(Element::Headline), want);
    assert_eq!(t.style(Element::Key), Theme::default().style(Element::Key));
    assert_eq!(c.theme(true).without_color(), c.theme(true).without_color());
}

use crate::theme;

#[test]
fn toml_syntax_errors_have_line_and_column() {
    assert!(one_error("theme = \"dark\"\nmouse = \n").starts_with("config.toml:2:"));
}

#[test]
fn unknown_names_say_where_and_suggest() {
    let e = one_error("them = \"light\"\n");
    assert_eq!(
        e,
        "config.toml:1:1: unknown name `them`; did you mean `theme`?"
    );
    let e = one_error("[settings]\nmous = true\n");
    assert_eq!(
        e,
        "config.toml:2:1: unknown setting `mous`; did you mean `mouse`?"
    );
    let e = one_error("theme = \"lihgt\"\n");
    assert!(e.starts_with("config.toml:1:9: unknown theme"), "{e}");
    assert!(e.ends_with("did you mean `light`?"), "{e}");
    let e = one_error("[colors]\nheadlin = \"bold\"\n");
    assert!(
        e.starts_with("config.toml:2:1: unknown colour element `headlin`"),
        "{e}"
    );
    assert!(e.contains("did you mean `headline`?"), "{e}");
    let e = one_error("[keys.reader]\nnext_unred = \"n\"\n");
    assert_eq!(
        e,
        "config.toml:2:1: unknown action `next_unred`; did you mean `next_unread`?"
    );
    let e = one_error("[keys.reaedr]\ndown = \"j\"\n");
    assert!(
        e.starts_with("config.toml:1:7: unknown mode `reaedr`; did you mean `reader`?"),
        "{e}"
    );
}

#[test]
fn bad_values_say_where() {
    let e = one_error("[settings]\nmouse = \"yes\"\n");
    assert!(e.starts_with("config.toml:2:9: "), "{e}");
    assert!(e.contains("bool"), "{e}");
    let e = one_error("[colors]\nkey = \"blod red\"\n");
    assert!(
        e.starts_with("config.toml:2:7: unknown colour or attribute \"blod\""),
        "{e}"
    );
    assert!(e.ends_with("did you mean `bold`?"), "{e}");
    let e = one_error("[keys.reader]\ndown = [\"j\", \"<Dwon>\"]\n");
    assert!(
        e.starts_with("config.toml:2:14: unknown key name \"<Dwon>\"; did you mean `<Down>`?"),
        "{e}"
    );
    let e = one_error("[keys.reader]\ndown = \"jj\"\n");
    assert!(
        e.starts_with("config.toml:2:8: \"jj\" is more than one key"),
        "{e}"
    );
    let e = one_error("[keys.reader]\ndown = 5\n");
    assert!(e.starts_with("config.toml:2:8: "), "{e}");
    let e = one_error("[keys.filter]\nback = \"q\"\n");
    assert!(
        e.starts_with("config.toml:1:7: keys in filter mode are fixed"),
        "{e}"
    );
}

#[test]
fn one_key_for_two_actions_is_an_error() {
    let e = one_error("[keys.reader]\ndown = \"x\"\nup = [\"k\", \"x\"]\n");
    assert_eq!(
        e,
        "config.toml:3:12: \"x\" is bound to both down and up in [keys.reader]; a key does one thing"
    );
    // The same key in two modes is fine.
    assert!(
        parse(
            "[keys.reader]\ndown = \"x\"\n[keys.library]\nup = \"x\"\n",
            "c"
        )
        .is_ok()
    );
}

#[test]
fn several_errors_come_in_file_order() {
    let e = errors("theme = \"nope\"\n[colors]\nkey = \"blod\"\n[keys.reader]\nfoo = \"x\"\n");
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(e[0].starts_with("config.toml:1:"));
    assert!(e[1].starts_with("config.toml:3:"));
    assert!(e[2].starts_with("config.toml:5:"));
    // Settings too: every bad one is reported, and the good ones around them still parse.
    let text =
        "theme = \"nope\"\n[settings]\nmous = true\nreading_width = 72\nclipboard = \"no\"\n";
    let e = errors(text);
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(e[0].starts_with("config.toml:1:9: unknown theme"), "{e:?}");
    assert_eq!(
        e[1],
        "config.toml:3:1: unknown setting `mous`; did you mean `mouse`?"
    );
    assert!(e[2].starts_with("config.toml:5:13: "), "{e:?}");
    assert!(e[2].contains("bool"), "{e:?}");
}

#[test]
fn a_reading_width_below_the_least_is_an_error_not_a_silent_change() {
    // Found by hand: reading_width = 0 passed `config check` and ran at 20 columns.
    for w in ["0", "19"] {
        let e = errors(&format!("[settings]\nreading_width = {w}\nmouse = false\n"));
        assert_eq!(
            e,
            ["config.toml:2:17: reading_width must be at least 20 columns"],
            "{w}"
        );
    }
    assert!(parse("[settings]\nreading_width = 20\n", "config.toml").is_ok());
}

#[test]
fn load_reads_files_and_missing_is_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("config.toml");
    assert_eq!(load(&p), Ok(Config::default()));
    std::fs::write(&p, "theme = \"mono\"\n").unwrap();
    assert_eq!(load(&p).unwrap().theme, "mono");
    std::fs::write(&p, "theme = 1\n").unwrap();
    let e = load(&p).unwrap_err();
    assert!(e[0].to_string().contains("config.toml:1:9: "), "{e:?}");
}

#[test]
fn the_readme_example_is_a_valid_config() {
    let readme = include_str!("../../README.md");
    let start = readme.find("```toml\n").unwrap() + "```toml\n".len();
    let len = readme[start..].find("```").unwrap();
    let c = parse(&readme[start..start + len], "README.md").unwrap();
    assert_eq!(c.theme, "light");
    assert_ne!(c.keymap, Keymap::default());
}
