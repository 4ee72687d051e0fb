//! State-transition tests of the model, without a terminal.

use ratatui::layout::Rect;

use super::*;
use crate::action::Action;
use crate::format;
use crate::model::pane::Pane;
use crate::model::search::SearchIndex;

pub(super) fn digest(n: usize) -> format::Digest {
    let articles: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id":"a{i}","headline":"Headline {i}{}","summary":"summary {i}","tags":["t{}"],
                "commentators":[{{"name":"Person {i}","viewpoint":"view {i}"}}]}}"#,
                if i % 2 == 0 { " even" } else { " odd" },
                i % 3
            )
        })
        .collect();
    let json = format!(r#"{{"title":"T","articles":[{}]}}"#, articles.join(","));
    format::parse(json.as_bytes(), "t").unwrap()
}

pub(super) fn model(n: usize, area: Rect) -> Model {
    let mut m = Model::new(Library::default(), ReadState::default(), area);
    m.show_digest(digest(n), Source::Bundled);
    m
}

pub(super) fn reader(m: &Model) -> &Reader {
    m.reader.as_ref().unwrap()
}

pub(super) fn press(m: &mut Model, actions: &[Action]) -> Vec<Effect> {
    actions.iter().flat_map(|a| m.update(*a, 1000)).collect()
}

fn selected_headline(m: &Model) -> String {
    let r = reader(m);
    r.digest.entries[r.selected().unwrap()]
        .headline()
        .to_string()
}

pub(super) const WIDE: Rect = Rect {
    x: 0,
    y: 0,
    width: 120,
    height: 40,
};

#[test]
fn moves_within_the_list_and_clamps() {
    let mut m = model(5, WIDE);
    press(&mut m, &[Action::Down, Action::Down]);
    assert_eq!(reader(&m).cursor, 2);
    press(&mut m, &[Action::Bottom, Action::Down]);
    assert_eq!(reader(&m).cursor, 4);
    press(&mut m, &[Action::Top, Action::Up]);
    assert_eq!(reader(&m).cursor, 0);
    // The article pane follows the cursor.
    press(&mut m, &[Action::Down]);
    assert_eq!(reader(&m).opened.as_ref().unwrap().index, 1);
}

#[test]
fn list_scrolls_to_keep_the_cursor_visible() {
    let mut m = model(100, Rect::new(0, 0, 120, 12));
    press(&mut m, &[Action::PageDown]);
    let r = reader(&m);
    // 12 rows: 11 above the status bar, 9 inside the borders.
    assert_eq!(r.cursor, 9);
    assert_eq!(r.list_top, 1);
    press(&mut m, &[Action::Bottom]);
    assert_eq!(reader(&m).list_top, 91);
}

#[test]
fn focus_cycles_through_panes_with_a_table() {
    let mut m = model(3, WIDE);
    press(&mut m, &[Action::FocusNext]);
    assert_eq!(reader(&m).focus, Pane::Article);
    press(&mut m, &[Action::FocusNext]);
    assert_eq!(reader(&m).focus, Pane::Commentators);
    press(&mut m, &[Action::FocusNext]);
    assert_eq!(reader(&m).focus, Pane::List);
    press(&mut m, &[Action::FocusPrev]);
    assert_eq!(reader(&m).focus, Pane::Commentators);
}

#[test]
fn enter_opens_marks_read_and_asks_to_save() {
    let mut m = model(3, WIDE);
    press(&mut m, &[Action::Down]);
    let effects = press(&mut m, &[Action::Open]);
    assert_eq!(effects, vec![Effect::SaveState]);
    let r = reader(&m);
    assert_eq!(r.focus, Pane::Article);
    assert!(m.read.is_read(&r.digest.key, &r.digest.entries[1].id));
    assert_eq!(r.unread, 2);
    // Opening an article already read changes nothing on disk.
    press(&mut m, &[Action::Back]);
    assert_eq!(press(&mut m, &[Action::Open]), vec![]);
}

#[test]
fn toggle_and_mark_all() {
    let mut m = model(4, WIDE);
    press(&mut m, &[Action::ToggleRead]);
    assert_eq!(reader(&m).unread, 3);
    press(&mut m, &[Action::ToggleRead]);
    assert_eq!(reader(&m).unread, 4);
    // Marking everything read asks first; anything but y leaves the marks alone.
    assert_eq!(press(&mut m, &[Action::MarkAllRead]), vec![]);
    assert_eq!(m.mode(), Mode::Confirm);
    assert_eq!(press(&mut m, &[Action::Down]), vec![]);
    assert_eq!(reader(&m).unread, 4);
    assert_eq!(
        press(&mut m, &[Action::MarkAllRead, Action::Confirm]),
        vec![Effect::SaveState]
    );
    assert_eq!(reader(&m).unread, 0);
}

#[test]
fn next_and_previous_unread_skip_read_articles_and_wrap() {
    let mut m = model(5, WIDE);
    // Read articles 1 and 2 by hand.
    press(
        &mut m,
        &[
            Action::Down,
            Action::ToggleRead,
            Action::Down,
            Action::ToggleRead,
            Action::Top,
        ],
    );
    press(&mut m, &[Action::NextUnread]);
    assert_eq!(reader(&m).cursor, 3, "skips 1 and 2");
    assert_eq!(reader(&m).focus, Pane::Article);
    press(&mut m, &[Action::PrevUnread]);
    assert_eq!(reader(&m).cursor, 0, "back over the read ones to 0");
    press(&mut m, &[Action::PrevUnread]);
    assert_eq!(reader(&m).cursor, 4, "wraps around");
    press(
        &mut m,
        &[Action::MarkAllRead, Action::Confirm, Action::NextUnread],
    );
    assert_eq!(m.notice.as_deref(), Some("No unread articles"));
}

#[test]
fn filter_narrows_keeps_and_clears() {
    let mut m = model(10, WIDE);
    press(&mut m, &[Action::StartFilter]);
    assert_eq!(m.mode(), Mode::Filter);
    for c in "odd".chars() {
        press(&mut m, &[Action::FilterChar(c)]);
    }
    assert_eq!(reader(&m).shown.len(), 5);
    assert!(selected_headline(&m).contains("odd"));
    // Several words must all match, in any field: "odd" in the headline, "t0" in the tags.
    for c in " t0".chars() {
        press(&mut m, &[Action::FilterChar(c)]);
    }
    let shown: Vec<u32> = reader(&m).shown.clone();
    assert_eq!(shown, vec![3, 9]);
    press(
        &mut m,
        &[
            Action::FilterBackspace,
            Action::FilterBackspace,
            Action::FilterBackspace,
        ],
    );
    assert_eq!(reader(&m).shown.len(), 5);
    press(&mut m, &[Action::FilterAccept]);
    assert_eq!(m.mode(), Mode::Reader);
    assert_eq!(reader(&m).filter, "odd");
    press(&mut m, &[Action::Back]);
    assert_eq!(reader(&m).shown.len(), 10);
    assert!(reader(&m).filter.is_empty());
}

/// Builds the search index the way the app does after `StartFilter` asks for it.
fn index(m: &mut Model) {
    let r = reader(m);
    let (token, idx) = (r.token, std::sync::Arc::new(SearchIndex::build(&r.digest)));
    m.set_search_index(token, idx);
}

#[test]
fn filter_asks_once_for_a_search_index_and_uses_it_when_it_arrives() {
    let mut m = model(12, WIDE);
    assert_eq!(
        press(&mut m, &[Action::StartFilter]),
        vec![Effect::BuildSearchIndex]
    );
    for c in "person 11".chars() {
        press(&mut m, &[Action::FilterChar(c)]);
    }
    // Before the index arrives only headlines and tags are searched: no headline says "person".
    assert!(reader(&m).shown.is_empty());
    // An index for a reader that is gone is ignored (this one would match article 11).
    let stale = std::sync::Arc::new(SearchIndex::build(&reader(&m).digest));
    m.set_search_index(reader(&m).token + 1, stale);
    assert!(reader(&m).shown.is_empty());
    index(&mut m);
    assert_eq!(reader(&m).shown, vec![11]);
    press(&mut m, &[Action::Back]);
    assert_eq!(
        press(&mut m, &[Action::StartFilter]),
        vec![],
        "built once per digest"
    );
}

#[test]
fn filter_matches_commentator_names_case_insensitively() {
    let mut m = model(12, WIDE);
    press(&mut m, &[Action::StartFilter]);
    index(&mut m);
    for c in "PERSON 11".chars() {
        press(&mut m, &[Action::FilterChar(c)]);
    }
    assert_eq!(reader(&m).shown, vec![11]);
}

#[test]
fn unread_only_hides_read_articles_until_toggled() {
    let mut m = model(4, WIDE);
    press(
        &mut m,
        &[Action::ToggleRead, Action::Down, Action::ToggleRead],
    );
    press(&mut m, &[Action::ToggleUnreadOnly]);
    assert_eq!(reader(&m).shown, vec![2, 3]);
    // Reading an article in this view keeps it on screen, so the cursor does not jump.
    press(&mut m, &[Action::Open]);
    assert_eq!(reader(&m).shown, vec![2, 3]);
    press(&mut m, &[Action::ToggleUnreadOnly]);
    assert_eq!(reader(&m).shown.len(), 4);
}

#[test]
fn back_steps_out_one_level_at_a_time() {
    let mut m = model(2, WIDE);
    press(&mut m, &[Action::FocusNext]);
    assert_eq!(press(&mut m, &[Action::Back]), vec![]);
    assert_eq!(reader(&m).focus, Pane::List);
    assert_eq!(press(&mut m, &[Action::Back]), vec![Effect::ShowLibrary]);
    assert_eq!(m.screen, Screen::Library);
}

#[test]
fn help_overlay_takes_the_next_key() {
    let mut m = model(3, WIDE);
    press(&mut m, &[Action::Help]);
    assert_eq!(m.mode(), Mode::Help);
    // Moving keys scroll the help and keep it open; any other key closes it.
    assert_eq!(
        press(&mut m, &[Action::Down, Action::Down, Action::Up]),
        vec![]
    );
    assert_eq!((m.mode(), m.help_scroll), (Mode::Help, 1));
    assert_eq!(press(&mut m, &[Action::ToggleRead]), vec![]);
    assert!(m.overlay.is_none());
    assert_eq!(
        reader(&m).cursor,
        0,
        "the key that closed the help did nothing else"
    );
    assert_eq!(
        press(&mut m, &[Action::Help, Action::Quit]),
        vec![Effect::Quit]
    );
}

#[test]
fn article_scrolls_and_stops_at_the_end() {
    let long = format!(r#"{{"headline":"h","summary":"{}"}}"#, "word ".repeat(2000));
    let d = format::parse(long.as_bytes(), "t").unwrap();
    let mut m = Model::new(
        Library::default(),
        ReadState::default(),
        Rect::new(0, 0, 100, 20),
    );
    m.show_digest(d, Source::Bundled);
    press(&mut m, &[Action::FocusNext, Action::Down, Action::Down]);
    assert_eq!(reader(&m).opened.as_ref().unwrap().scroll, 2);
    press(&mut m, &[Action::Bottom]);
    let o = reader(&m).opened.as_ref().unwrap();
    // 20 rows: 19 above the status bar, 17 inside the borders.
    assert_eq!(o.scroll, o.doc.lines.len() - 17);
    press(&mut m, &[Action::Top, Action::HalfPageDown]);
    assert_eq!(reader(&m).opened.as_ref().unwrap().scroll, 8);
}

#[test]
fn narrow_terminals_show_one_pane_and_relayout_on_resize() {
    let mut m = model(3, Rect::new(0, 0, 60, 20));
    let panes = reader(&m).panes(m.area);
    assert!(panes.list.is_some() && panes.article.is_none());
    press(&mut m, &[Action::Open]);
    let panes = reader(&m).panes(m.area);
    assert!(panes.list.is_none() && panes.article.is_some());
    let w = reader(&m).opened.as_ref().unwrap().doc.width;
    m.resize(WIDE);
    assert_ne!(reader(&m).opened.as_ref().unwrap().doc.width, w);
    for (w, h) in [(0, 0), (1, 1), (20, 3), (500, 300)] {
        m.resize(Rect::new(0, 0, w, h));
        press(
            &mut m,
            &[
                Action::Down,
                Action::PageDown,
                Action::FocusNext,
                Action::Bottom,
            ],
        );
    }
}

#[test]
fn library_opens_and_confirms_deletion() {
    let row = |name: &str, deletable| LibraryRow {
        title: name.into(),
        date: None,
        source: Source::File(name.into()),
        key: Default::default(),
        ids: crate::model::ids::IdList::default(),
        error: None,
        deletable,
        order: None,
    };
    let lib = Library {
        rows: vec![row("a.json", true), row("b.json", false)],
        ..Library::default()
    };
    let mut m = Model::new(lib, ReadState::default(), WIDE);
    assert_eq!(
        m.library.rows[0].source,
        Source::AllUnread,
        "the river comes first"
    );
    assert_eq!(
        press(&mut m, &[Action::Down, Action::Open]),
        vec![
            Effect::SaveState,
            Effect::Open(Source::File("a.json".into()))
        ],
        "opening remembers the library cursor"
    );
    press(&mut m, &[Action::Delete]);
    assert_eq!(m.mode(), Mode::Confirm);
    assert_eq!(
        press(&mut m, &[Action::Down]),
        vec![],
        "anything but y cancels"
    );
    assert_eq!(m.library.cursor, 1);
    press(&mut m, &[Action::Delete]);
    assert_eq!(
        press(&mut m, &[Action::Confirm]),
        vec![Effect::Delete("a.json".into())]
    );
    press(&mut m, &[Action::Down, Action::Delete]);
    assert!(m.overlay.is_none(), "b.json is not in the library folder");
    assert!(m.notice.is_some());
}

#[test]
fn a_digest_opens_on_its_first_unread_article() {
    let mut read = ReadState::default();
    let d = digest(5);
    for e in &d.entries[..3] {
        read.set(&d.key, &e.id, true, 1);
    }
    let mut m = Model::new(Library::default(), read, WIDE);
    m.show_digest(d, Source::Bundled);
    assert_eq!(reader(&m).cursor, 3);
    assert_eq!(reader(&m).opened.as_ref().unwrap().index, 3);
    // All read: the first article.
    let mut m = model(2, WIDE);
    press(&mut m, &[Action::MarkAllRead, Action::Confirm]);
    let d = digest(2);
    m.show_digest(d, Source::Bundled);
    assert_eq!(reader(&m).cursor, 0);
}

#[test]
fn a_reloaded_digest_keeps_the_article_the_screen_and_the_read_marks() {
    let mut m = model(5, Rect::new(0, 0, 100, 30));
    press(&mut m, &[Action::Down, Action::Down, Action::Open]);
    let id = |m: &Model| {
        let r = reader(m);
        r.digest.entries[r.selected().unwrap()].id.0.clone()
    };
    assert_eq!(id(&m), "a2");
    assert_eq!(reader(&m).unread, 4);
    // The new version has an article in front: the cursor follows a2, which is still read.
    let json = r#"{"title":"T","articles":[{"id":"new","headline":"New"},
        {"id":"a0","headline":"H0"},{"id":"a1","headline":"H1"},{"id":"a2","headline":"H2"}]}"#;
    m.reload_digest(format::parse(json.as_bytes(), "t").unwrap());
    assert_eq!(id(&m), "a2");
    assert_eq!(reader(&m).cursor, 3);
    assert_eq!(reader(&m).unread, 3);
    assert_eq!(m.screen, Screen::Reader);
}

#[test]
fn fetch_asks_the_app_once_and_reports_progress() {
    let mut m = model(1, Rect::new(0, 0, 100, 30));
    assert_eq!(press(&mut m, &[Action::Fetch]), vec![Effect::Fetch]);
    assert_eq!(
        press(&mut m, &[Action::Fetch]),
        vec![],
        "one fetch at a time"
    );
    m.fetch_started(2);
    m.feed_fetched("A");
    assert_eq!(m.notice.as_deref(), Some("Fetching feeds: 1/2 (A)"));
    m.fetch_finished("2 feeds: 2 updated, 0 unchanged, 0 failed".into());
    assert_eq!(m.fetching, None);
    assert_eq!(press(&mut m, &[Action::Fetch]), vec![Effect::Fetch]);
}

#[test]
fn the_unread_count_kept_by_each_mark_matches_a_recount_with_shared_ids() {
    // Articles 0 and 2 share an identity, so marking one marks both.
    let json = r#"{"articles":[{"id":"x","headline":"A"},{"id":"y","headline":"B"},
        {"id":"x","headline":"C"},{"id":"z","headline":"D"}]}"#;
    let mut m = Model::new(
        Library::default(),
        ReadState::default(),
        Rect::new(0, 0, 100, 30),
    );
    m.show_digest(
        format::parse(json.as_bytes(), "t").unwrap(),
        Source::Bundled,
    );
    let recount = |m: &Model| {
        let r = reader(m);
        m.read
            .unread_count(&r.digest.key, r.digest.entries.iter().map(|e| &e.id))
    };
    assert_eq!(reader(&m).unread, 4);
    let steps = [
        Action::ToggleRead,
        Action::Down,
        Action::Open,
        Action::Back,
        Action::Top,
        Action::ToggleRead,
        Action::Down,
        Action::Down,
        Action::ToggleRead,
        Action::NextUnread,
        Action::MarkAllRead,
        Action::ToggleRead,
    ];
    for action in steps {
        m.update(action, 1000);
        assert_eq!(reader(&m).unread, recount(&m), "after {action:?}");
    }
}

#[test]
fn marking_monday_read_leaves_tuesday_unread_though_both_number_articles_alike() {
    let day = |title: &str, date: &str, file: &str| {
        let json = format!(
            r#"{{"title":"{title}","published":"{date}","articles":[{{"id":"1","headline":"a"}},
            {{"id":"2","headline":"b"}},{{"id":"3","headline":"c"}}]}}"#
        );
        format::parse(json.as_bytes(), file).unwrap()
    };
    let (monday, tuesday) = (
        day("Monday", "2025-10-27", "monday"),
        day("Tuesday", "2025-10-28", "tuesday"),
    );
    let rows = vec![
        LibraryRow::from_digest(&tuesday, Source::File("tuesday.json".into())),
        LibraryRow::from_digest(&monday, Source::File("monday.json".into())),
    ];
    let lib = Library {
        rows,
        ..Library::default()
    };
    let mut m = Model::new(lib, ReadState::default(), WIDE);
    m.show_digest(monday, Source::File("monday.json".into()));
    press(&mut m, &[Action::MarkAllRead, Action::Confirm]);
    assert_eq!(reader(&m).unread, 0);
    let unread: Vec<usize> = m.library.all.iter().map(|r| r.unread(&m.read)).collect();
    assert_eq!(unread, [3, 0], "Tuesday is untouched");
    m.show_digest(tuesday, Source::File("tuesday.json".into()));
    assert_eq!(reader(&m).unread, 3);
    // The same digest read from a renamed file is still all read.
    m.show_digest(
        day("Monday", "2025-10-27", "renamed"),
        Source::File("renamed.json".into()),
    );
    assert_eq!(reader(&m).unread, 0);
}
