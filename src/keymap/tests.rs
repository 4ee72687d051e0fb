//! Key map tests: the default bindings, lookups both ways, rebinding, and the stable names.

use super::*;

fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn key(spec: &str) -> Key {
    Key::parse(spec).unwrap()
}

#[test]
fn vim_keys_and_arrows_agree() {
    let km = Keymap::default();
    let m = Mode::Reader;
    assert_eq!(
        km.action_for(m, &press(KeyCode::Char('j'), KeyModifiers::NONE)),
        Some(Action::Down)
    );
    assert_eq!(
        km.action_for(m, &press(KeyCode::Down, KeyModifiers::NONE)),
        Some(Action::Down)
    );
    assert_eq!(
        km.action_for(m, &press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
        Some(Action::Bottom)
    );
    assert_eq!(
        km.action_for(m, &press(KeyCode::BackTab, KeyModifiers::SHIFT)),
        Some(Action::FocusPrev)
    );
    assert_eq!(
        km.action_for(m, &press(KeyCode::Char('d'), KeyModifiers::CONTROL)),
        Some(Action::HalfPageDown)
    );
    assert_eq!(
        km.action_for(m, &press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Some(Action::Quit)
    );
}

#[test]
fn modes_change_meaning() {
    let km = Keymap::default();
    let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(
        km.action_for(Mode::Filter, &j),
        Some(Action::FilterChar('j'))
    );
    // In the help, moving keys scroll it and any other key closes it.
    assert_eq!(km.action_for(Mode::Help, &j), Some(Action::Down));
    let y = press(KeyCode::Char('y'), KeyModifiers::NONE);
    assert_eq!(km.action_for(Mode::Help, &y), Some(Action::Back));
    assert_eq!(
        km.action_for(
            Mode::Confirm,
            &press(KeyCode::Char('y'), KeyModifiers::NONE)
        ),
        Some(Action::Confirm)
    );
    assert_eq!(km.action_for(Mode::Confirm, &j), Some(Action::Back));
    assert_eq!(
        km.action_for(
            Mode::Library,
            &press(KeyCode::Char('d'), KeyModifiers::NONE)
        ),
        Some(Action::Delete)
    );
}

#[test]
fn every_default_spec_parses() {
    // `table` drops a spec that does not parse, so this is what keeps the defaults whole.
    for (spec, action, _) in READER.iter().chain(LIBRARY) {
        let keys = keys::parse(spec).unwrap_or_else(|e| panic!("{action:?}: {e}"));
        assert!(!keys.is_empty(), "{action:?} has no keys");
    }
}

#[test]
fn no_key_is_bound_twice_in_a_mode() {
    let km = Keymap::default();
    for mode in [Mode::Reader, Mode::Library] {
        let mut seen = Vec::new();
        for b in km.bindings(mode) {
            for key in &b.keys {
                assert!(!seen.contains(key), "{key:?} bound twice in {mode:?}");
                seen.push(*key);
            }
        }
    }
}

#[test]
fn default_keymap_round_trips_key_action_keys() {
    let km = Keymap::default();
    for mode in [Mode::Reader, Mode::Library] {
        let mut count = 0;
        for b in km.bindings(mode) {
            for &k in &b.keys {
                let action = km.action(mode, k);
                assert_eq!(action, Some(b.action), "{mode:?} {k:?}");
                assert!(km.keys(mode, b.action).contains(&k), "{mode:?} {k:?}");
                count += 1;
            }
        }
        assert!(count > 10, "{mode:?} has only {count} keys");
    }
    // Reverse lookups keep the default order: hints show the first key.
    assert_eq!(
        km.keys(Mode::Reader, Action::Back),
        [key("<Esc>"), key("<BS>"), key("h"), key("<Left>")]
    );
}

#[test]
fn hints_name_the_first_key() {
    let km = Keymap::default();
    assert_eq!(
        km.key_name(Mode::Reader, Action::HalfPageDown).as_deref(),
        Some("Ctrl-d")
    );
    assert_eq!(
        km.key_name(Mode::Reader, Action::Help).as_deref(),
        Some("?")
    );
    assert_eq!(km.key_name(Mode::Library, Action::NextUnread), None);
}

#[test]
fn bind_replaces_the_keys_and_takes_them_from_other_actions() {
    let mut km = Keymap::default();
    km.bind(Mode::Reader, Action::NextUnread, &[key("j"), key("<C-n>")])
        .unwrap();
    assert_eq!(km.action(Mode::Reader, key("j")), Some(Action::NextUnread));
    assert_eq!(
        km.action(Mode::Reader, key("<C-n>")),
        Some(Action::NextUnread)
    );
    // `n` is no longer bound; `j` left Down, which keeps its arrow.
    assert_eq!(km.action(Mode::Reader, key("n")), None);
    assert_eq!(km.keys(Mode::Reader, Action::Down), [key("<Down>")]);
    assert_eq!(
        km.key_name(Mode::Reader, Action::NextUnread).as_deref(),
        Some("j")
    );
    // The library's bindings are their own.
    assert_eq!(km.action(Mode::Library, key("j")), Some(Action::Down));
}

#[test]
fn bind_adds_an_action_new_to_the_mode_and_help_lists_it_last() {
    let mut km = Keymap::default();
    km.bind(Mode::Library, Action::ToggleUnreadOnly, &[key("u")])
        .unwrap();
    let last = km.bindings(Mode::Library).last().unwrap();
    assert_eq!(last.action, Action::ToggleUnreadOnly);
    assert_eq!(last.describe_keys(), "u");
    assert!(!last.help.is_empty());
}

#[test]
fn unbind_frees_a_key_and_an_action_with_no_keys_leaves_the_help() {
    let mut km = Keymap::default();
    assert_eq!(km.unbind(Mode::Reader, key("o")), Ok(Some(Action::OpenUrl)));
    assert_eq!(km.unbind(Mode::Reader, key("o")), Ok(None));
    assert_eq!(km.action(Mode::Reader, key("o")), None);
    assert!(
        km.bindings(Mode::Reader)
            .all(|b| b.action != Action::OpenUrl)
    );
    assert_eq!(km.key_name(Mode::Reader, Action::OpenUrl), None);
    // Bound again, it is back in its old place.
    km.bind(Mode::Reader, Action::OpenUrl, &[key("O")]).unwrap();
    assert_eq!(km.keys(Mode::Reader, Action::OpenUrl), [key("O")]);
    let order: Vec<Action> = km.bindings(Mode::Reader).map(|b| b.action).collect();
    let default: Vec<Action> = READER.iter().map(|d| d.1).collect();
    assert_eq!(order, default);
}

#[test]
fn fixed_modes_and_data_actions_cannot_be_bound() {
    let mut km = Keymap::default();
    for mode in [Mode::Filter, Mode::Help, Mode::Confirm] {
        assert!(km.bind(mode, Action::Quit, &[key("x")]).is_err());
        assert!(km.unbind(mode, key("x")).is_err());
    }
    assert!(
        km.bind(Mode::Reader, Action::FilterChar('x'), &[key("x")])
            .is_err()
    );
    assert_eq!(km, Keymap::default());
}

#[test]
fn key_parse_takes_exactly_one_key() {
    assert_eq!(
        key("<C-D>"),
        Key {
            code: KeyCode::Char('d'),
            mods: KeyModifiers::CONTROL
        }
    );
    assert_eq!(
        key("<S-Tab>"),
        Key {
            code: KeyCode::BackTab,
            mods: KeyModifiers::NONE
        }
    );
    assert!(Key::parse("").is_err());
    assert!(Key::parse("jj").is_err());
    assert!(Key::parse("<Nope>").is_err());
}

/// The name a config file uses for each bindable action. The match is exhaustive, so a new
/// action cannot be added without naming it here; the test checks serde agrees.
fn config_name(action: Action) -> Option<&'static str> {
    Some(match action {
        Action::Down => "down",
        Action::Up => "up",
        Action::Top => "top",
        Action::Bottom => "bottom",
        Action::PageDown => "page_down",
        Action::PageUp => "page_up",
        Action::HalfPageDown => "half_page_down",
        Action::HalfPageUp => "half_page_up",
        Action::FocusNext => "focus_next",
        Action::FocusPrev => "focus_prev",
        Action::Open => "open",
        Action::NextUnread => "next_unread",
        Action::PrevUnread => "prev_unread",
        Action::ToggleRead => "toggle_read",
        Action::MarkAllRead => "mark_all_read",
        Action::StartFilter => "start_filter",
        Action::ToggleUnreadOnly => "toggle_unread_only",
        Action::OpenUrl => "open_url",
        Action::CopyArticle => "copy_article",
        Action::ExportArticle => "export_article",
        Action::ToggleStar => "toggle_star",
        Action::Help => "help",
        Action::Zoom => "zoom",
        Action::DismissWarning => "dismiss_warning",
        Action::Back => "back",
        Action::Delete => "delete",
        Action::CycleSort => "cycle_sort",
        Action::Confirm => "confirm",
        Action::Quit => "quit",
        Action::Suspend => "suspend",
        Action::Fetch => "fetch",
        Action::FilterBackspace => "filter_backspace",
        Action::FilterAccept => "filter_accept",
        Action::LibrarySearch => "library_search",
        Action::People => "people",
        Action::PromptClear => "prompt_clear",
        Action::PromptDeleteWord => "prompt_delete_word",
        Action::PromptLeft => "prompt_left",
        Action::PromptRight => "prompt_right",
        Action::PromptOlder => "prompt_older",
        Action::PromptNewer => "prompt_newer",
        Action::Undo => "undo",
        Action::Redo => "redo",
        Action::LinkList => "link_list",
        Action::CopyLink => "copy_link",
        Action::ToggleMouse => "toggle_mouse",
        Action::FilterChar(_)
        | Action::PickLink(_)
        | Action::Click(..)
        | Action::DoubleClick(..)
        | Action::Wheel(..) => return None,
    })
}

#[test]
fn bindable_actions_have_stable_snake_case_names() {
    let all = [
        Action::LibrarySearch,
        Action::People,
        Action::Down,
        Action::Up,
        Action::Top,
        Action::Bottom,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::FocusNext,
        Action::FocusPrev,
        Action::Open,
        Action::NextUnread,
        Action::PrevUnread,
        Action::ToggleRead,
        Action::MarkAllRead,
        Action::StartFilter,
        Action::ToggleUnreadOnly,
        Action::OpenUrl,
        Action::CopyArticle,
        Action::ExportArticle,
        Action::ToggleStar,
        Action::Help,
        Action::Zoom,
        Action::DismissWarning,
        Action::Back,
        Action::Delete,
        Action::CycleSort,
        Action::Confirm,
        Action::Quit,
        Action::Suspend,
        Action::Fetch,
        Action::FilterBackspace,
        Action::FilterAccept,
        Action::PromptClear,
        Action::PromptDeleteWord,
        Action::PromptLeft,
        Action::PromptRight,
        Action::PromptOlder,
        Action::PromptNewer,
        Action::Undo,
        Action::Redo,
        Action::LinkList,
        Action::CopyLink,
        Action::ToggleMouse,
    ];
    for action in all {
        assert!(action.is_bindable());
        let name = config_name(action).unwrap();
        assert_eq!(serde_json::to_value(action).unwrap(), name);
        let back: Action = serde_json::from_value(name.into()).unwrap();
        assert_eq!(back, action);
    }
    // Data-carrying actions have no name: they are neither written nor read.
    assert!(!Action::FilterChar('x').is_bindable());
    assert_eq!(config_name(Action::FilterChar('x')), None);
    assert!(serde_json::to_value(Action::FilterChar('x')).is_err());
    assert!(serde_json::from_value::<Action>("filter_char".into()).is_err());
    // Every action the default map binds has a name.
    let km = Keymap::default();
    for mode in [Mode::Reader, Mode::Library] {
        for b in km.bindings(mode) {
            assert!(
                all.contains(&b.action),
                "{:?} missing from the list",
                b.action
            );
        }
    }
}

#[test]
fn modes_have_stable_names() {
    for (mode, name) in [
        (Mode::Reader, "reader"),
        (Mode::Library, "library"),
        (Mode::Filter, "filter"),
        (Mode::Help, "help"),
        (Mode::Confirm, "confirm"),
    ] {
        assert_eq!(serde_json::to_value(mode).unwrap(), name);
        assert_eq!(mode_name(mode), name);
    }
}

#[test]
fn vim_names_parse_back_to_the_same_key() {
    for mode in [Mode::Reader, Mode::Library] {
        for b in Keymap::default().bindings(mode) {
            for k in &b.keys {
                assert_eq!(Key::parse(&k.vim()), Ok(*k), "{}", k.vim());
            }
        }
    }
    for name in crate::keys::NAMED {
        assert_eq!(key(name).vim(), *name);
    }
    assert_eq!(key("<lt>").vim(), "<lt>");
    assert_eq!(key("<C-x>").vim(), "<C-x>");
}
