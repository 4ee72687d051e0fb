//! Tests of the daily loop in the model: `n` across digests, the river, the library's filter,
//! sort and `A`, and where digests and the library open.

use ratatui::layout::Rect;

use super::*;
use crate::action::Action;
use crate::format;
use crate::model::digest::DigestKey;

const AREA: Rect = Rect {
    x: 0,
    y: 0,
    width: 120,
    height: 40,
};

/// A digest `name` published on `date` with `n` articles `a0`, `a1`, ...
fn day(name: &str, date: &str, n: usize) -> Digest {
    let arts: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id":"a{i}","headline":"{name} {i}"}}"#))
        .collect();
    let json = format!(
        r#"{{"id":"{name}","title":"{name}","published":"{date}","articles":[{}]}}"#,
        arts.join(",")
    );
    format::parse(json.as_bytes(), name).unwrap()
}

fn file(d: &Digest) -> Source {
    Source::File(format!("{}.json", d.title).into())
}

/// Three digests, newest first, as the library lists them.
fn three() -> Vec<Digest> {
    vec![
        day("Wed", "2025-10-29", 2),
        day("Tue", "2025-10-28", 3),
        day("Mon", "2025-10-27", 1),
    ]
}

fn library(digests: &[Digest], read: ReadState) -> Model {
    let rows = digests
        .iter()
        .map(|d| LibraryRow::from_digest(d, file(d)))
        .collect();
    let mut m = Model::new(Library::default(), read, AREA);
    m.set_library(Library {
        title: "Library".into(),
        rows,
        ..Library::default()
    });
    m
}

fn press(m: &mut Model, actions: &[Action]) -> Vec<Effect> {
    actions.iter().flat_map(|a| m.update(*a, 1000)).collect()
}

fn titles(m: &Model) -> Vec<&str> {
    m.library.rows.iter().map(|r| r.title.as_str()).collect()
}

fn selected_id(m: &Model) -> String {
    let r = m.reader.as_ref().unwrap();
    r.digest.entries[r.selected().unwrap()].id.0.to_string()
}

#[test]
fn n_at_the_end_of_a_digest_names_the_next_one_with_unread_then_opens_it() {
    let ds = three();
    let mut read = ReadState::new();
    read.set(&ds[0].key, &ds[0].entries[0].id, true, 1);
    let mut m = library(&ds, read);
    m.show_digest(ds[0].clone(), file(&ds[0]));
    assert_eq!(selected_id(&m), "a1", "opens on the first unread");
    assert_eq!(
        press(&mut m, &[Action::NextUnread]),
        vec![Effect::SaveState]
    );
    assert_eq!(m.reader.as_ref().unwrap().unread, 0);
    // Nothing unread left: the first n names the next digest and stays.
    assert_eq!(press(&mut m, &[Action::NextUnread]), vec![]);
    assert_eq!(
        m.notice.as_deref(),
        Some("next: Tue, 3 unread (n again to open)")
    );
    // Any other key forgets it.
    press(&mut m, &[Action::Up, Action::NextUnread]);
    assert!(m.notice.as_deref().unwrap().starts_with("next: Tue"));
    assert_eq!(
        press(&mut m, &[Action::NextUnread]),
        vec![Effect::Open(file(&ds[1]))]
    );
    // The app loads it; arriving opens its first unread article, as n does.
    m.show_digest(ds[1].clone(), file(&ds[1]));
    assert_eq!(m.arrive(2000), vec![Effect::SaveState]);
    assert_eq!(selected_id(&m), "a0");
    assert!(m.read.is_read(&ds[1].key, &ds[1].entries[0].id));
    // N goes back the other way, and arrives on the last unread article there.
    press(&mut m, &[Action::MarkAllRead, Action::Confirm]);
    let mut back = ReadState::new();
    back.merge(&m.read);
    back.set(&ds[0].key, &ds[0].entries[1].id, false, 3000);
    m.set_read_state(back);
    m.update(Action::PrevUnread, 4000);
    assert_eq!(
        m.notice.as_deref(),
        Some("next: Wed, 1 unread (N again to open)")
    );
    assert_eq!(
        press(&mut m, &[Action::PrevUnread]),
        vec![Effect::Open(file(&ds[0]))]
    );
}

#[test]
fn n_with_nothing_unread_anywhere_says_so_and_skips_read_digests() {
    let ds = three();
    let mut read = ReadState::new();
    for d in &ds[..2] {
        for e in &d.entries {
            read.set(&d.key, &e.id, true, 1);
        }
    }
    let mut m = library(&ds, read);
    m.show_digest(ds[0].clone(), file(&ds[0]));
    press(&mut m, &[Action::NextUnread]);
    assert_eq!(
        m.notice.as_deref(),
        Some("next: Mon, 1 unread (n again to open)"),
        "Tue has nothing unread, so Mon is next"
    );
    press(&mut m, &[Action::PrevUnread]);
    assert_eq!(
        m.notice.as_deref(),
        Some("No unread articles"),
        "nothing comes before the newest"
    );
    // From Mon, with Mon read too, nothing is unread either way.
    let mut all = m.read.clone();
    all.set(&ds[2].key, &ds[2].entries[0].id, true, 2);
    m.set_read_state(all);
    m.show_digest(ds[2].clone(), file(&ds[2]));
    press(&mut m, &[Action::PrevUnread]);
    assert_eq!(
        m.notice.as_deref(),
        Some("No unread articles in the digests before this one")
    );
}

#[test]
fn the_river_marks_what_is_read_in_it_in_its_own_digest() {
    let ds = three();
    let mut read = ReadState::new();
    read.set(&ds[1].key, &ds[1].entries[0].id, true, 1);
    let mut m = library(&ds, read);
    assert_eq!(titles(&m)[0], "All unread");
    assert_eq!(m.library.total_unread(&m.read), 5);
    press(&mut m, &[Action::Top]);
    let effects = press(&mut m, &[Action::Open]);
    let Some(Effect::OpenRiver(request)) = effects.last().cloned() else {
        panic!("{effects:?}");
    };
    // A late river for an older request is ignored.
    m.show_river(river::assemble(&ds, &m.read.marks()), request + 1);
    assert_eq!(m.screen, Screen::Library);
    assert!(
        m.notice.is_some(),
        "the status bar says the river is being gathered"
    );
    m.show_river(river::assemble(&ds, &m.read.marks()), request);
    assert_eq!(m.notice, None, "and stops saying so once it is shown");
    let r = m.reader.as_ref().unwrap();
    let heads: Vec<&str> = r.digest.entries.iter().map(|e| e.headline()).collect();
    assert_eq!(
        heads,
        [
            "Wed · Wed 0",
            "Wed · Wed 1",
            "Tue · Tue 1",
            "Tue · Tue 2",
            "Mon · Mon 0"
        ],
        "newest digest first, unread only"
    );
    assert_eq!(r.unread, 5);
    // Reading the third marks Tue's a1, and nothing in the other digests.
    press(&mut m, &[Action::Down, Action::Down, Action::Open]);
    assert!(m.read.is_read(&ds[1].key, &ds[1].entries[1].id));
    assert!(!m.read.is_read(&ds[0].key, &ds[0].entries[1].id));
    assert_eq!(m.reader.as_ref().unwrap().unread, 4);
    let unread: Vec<usize> = m.library.all.iter().map(|r| r.unread(&m.read)).collect();
    assert_eq!(unread, [2, 1, 1]);
    // A star in the river lands on the article in its own digest too.
    press(&mut m, &[Action::ToggleStar]);
    assert!(m.read.is_starred(&ds[1].key, &ds[1].entries[1].id));
    assert_eq!(m.read.starred().len(), 1);
    // n in the river stays in the river: it holds every unread article already.
    press(
        &mut m,
        &[Action::MarkAllRead, Action::Confirm, Action::NextUnread],
    );
    assert_eq!(m.library.total_unread(&m.read), 0);
    assert_eq!(m.notice.as_deref(), Some("No unread articles"));
}

#[test]
fn the_library_filters_and_cycles_its_sort() {
    let ds = three();
    let mut read = ReadState::new();
    read.set(&ds[0].key, &ds[0].entries[0].id, true, 1);
    let mut m = library(&ds, read);
    assert_eq!(titles(&m), ["All unread", "Wed", "Tue", "Mon"]);
    press(&mut m, &[Action::CycleSort]);
    assert_eq!(m.library.sort, SortKey::Unread);
    assert_eq!(titles(&m), ["All unread", "Tue", "Wed", "Mon"]);
    press(&mut m, &[Action::CycleSort]);
    assert_eq!(titles(&m), ["All unread", "Mon", "Tue", "Wed"]);
    press(&mut m, &[Action::CycleSort]);
    assert_eq!(m.library.sort, SortKey::Date);
    // The filter matches titles, dates and file names; the river row stays.
    press(&mut m, &[Action::StartFilter]);
    assert_eq!(m.mode(), Mode::Filter);
    press(&mut m, &[Action::FilterChar('t'), Action::FilterChar('u')]);
    assert_eq!(titles(&m), ["All unread", "Tue"]);
    press(&mut m, &[Action::FilterBackspace, Action::FilterBackspace]);
    for c in "10-27".chars() {
        press(&mut m, &[Action::FilterChar(c)]);
    }
    assert_eq!(titles(&m), ["All unread", "Mon"]);
    press(&mut m, &[Action::FilterAccept]);
    assert_eq!(m.mode(), Mode::Library);
    assert_eq!(m.library.filter, "10-27");
    press(&mut m, &[Action::Back]);
    assert_eq!(titles(&m).len(), 4, "Esc clears the filter");
}

#[test]
fn the_library_filter_edits_like_the_others() {
    // Bug: the library's filter ignored Ctrl-u, Ctrl-w, the arrows and recall (the README
    // promises them for every filter), and said "0 match".
    let ds = three();
    let mut m = library(&ds, ReadState::new());
    let typed = |m: &mut Model, s: &str| {
        for c in s.chars() {
            press(m, &[Action::FilterChar(c)]);
        }
    };
    press(&mut m, &[Action::StartFilter]);
    typed(&mut m, "xyz tu");
    press(&mut m, &[Action::PromptLeft, Action::PromptLeft]);
    press(&mut m, &[Action::PromptDeleteWord]);
    assert_eq!(m.library.filter, "tu");
    assert_eq!(titles(&m), ["All unread", "Tue"]);
    press(&mut m, &[Action::PromptClear]);
    assert_eq!(m.library.filter, "");
    assert_eq!(titles(&m).len(), 4);
    typed(&mut m, "mon");
    press(
        &mut m,
        &[Action::FilterAccept, Action::Back, Action::StartFilter],
    );
    press(&mut m, &[Action::PromptOlder]);
    assert_eq!(m.library.filter, "mon", "recalled");
    assert_eq!(titles(&m), ["All unread", "Mon"]);
}

#[test]
fn a_on_the_library_asks_then_marks_the_digest_read() {
    let ds = three();
    let mut m = library(&ds, ReadState::new());
    press(&mut m, &[Action::Down, Action::Down]);
    assert_eq!(m.library.rows[m.library.cursor].title, "Tue");
    press(&mut m, &[Action::MarkAllRead]);
    assert_eq!(m.mode(), Mode::Confirm);
    press(&mut m, &[Action::Down]);
    assert_eq!(m.library.total_unread(&m.read), 6, "anything but y cancels");
    press(&mut m, &[Action::MarkAllRead]);
    assert_eq!(press(&mut m, &[Action::Confirm]), vec![Effect::SaveState]);
    assert_eq!(m.notice.as_deref(), Some("Marked 3 articles read"));
    let unread: Vec<usize> = m.library.all.iter().map(|r| r.unread(&m.read)).collect();
    assert_eq!(unread, [2, 0, 1]);
    // U undoes it; after that, U restores from the trash again.
    assert_eq!(press(&mut m, &[Action::Undo]), vec![Effect::SaveState]);
    assert_eq!(m.notice.as_deref(), Some("undid: marked 3 articles read"));
    assert_eq!(m.library.total_unread(&m.read), 6);
    assert_eq!(press(&mut m, &[Action::Undo]), vec![Effect::RestoreTrash]);
    press(&mut m, &[Action::MarkAllRead, Action::Confirm]);
    // On the river row it marks every digest.
    press(&mut m, &[Action::Top, Action::MarkAllRead, Action::Confirm]);
    assert_eq!(m.library.total_unread(&m.read), 0);
}

#[test]
fn a_digest_opens_where_you_were_and_the_library_cursor_is_remembered() {
    let d = day("Tue", "2025-10-28", 5);
    let mut read = ReadState::new();
    for i in [0, 2] {
        read.set(&d.key, &d.entries[i].id, true, 1);
    }
    // Opened last: a3, still unread: there.
    read.set_last_opened(&d.key, &d.entries[3].id, 1);
    let mut m = library(std::slice::from_ref(&d), read.clone());
    m.show_digest(d.clone(), file(&d));
    assert_eq!(selected_id(&m), "a3");
    // Opened last: a2, read since: the first unread after it.
    read.set_last_opened(&d.key, &d.entries[2].id, 2);
    m.set_read_state(read.clone());
    m.show_digest(d.clone(), file(&d));
    assert_eq!(selected_id(&m), "a3");
    // Nothing unread after it: the first unread before it.
    for i in [3, 4] {
        read.set(&d.key, &d.entries[i].id, true, 3);
    }
    m.set_read_state(read.clone());
    m.show_digest(d.clone(), file(&d));
    assert_eq!(selected_id(&m), "a1");
    // Opening an article remembers it.
    press(&mut m, &[Action::Open]);
    assert_eq!(m.read.last_opened(&d.key), Some(&d.entries[1].id));
    // The library opens on the row remembered, and quitting remembers the row under the cursor.
    let ds = three();
    let mut read = ReadState::new();
    read.set_library_cursor(&ds[2].key, 1);
    let mut m = library(&ds, read);
    assert_eq!(m.library.rows[m.library.cursor].title, "Mon");
    press(&mut m, &[Action::Up]);
    assert_eq!(
        press(&mut m, &[Action::Quit]),
        vec![Effect::SaveState, Effect::Quit]
    );
    assert_eq!(m.read.library_cursor(), Some(&ds[1].key));
    let _: DigestKey = library::all_unread_key();
}
