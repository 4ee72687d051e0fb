//! The daily loop through the built binary (`snapshot`, `list`) and, where state must be written
//! (snapshot never writes), through the app's own API on the same folders: `n` going on to the
//! next digest, the "All unread" river, the library's filter, sort and `A`, and where you were
//! across launches. HOME and every XDG folder point into a temporary folder.

mod common;

use common::newsdeck3 as newsdeck;

use std::fs;
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use newsdeck::app::{App, Stores, Target};
use newsdeck::store::paths::Paths;

fn snapshot(home: &Path, keys: &str) -> String {
    snapshot_at(home, "100", keys)
}

fn snapshot_at(home: &Path, width: &str, keys: &str) -> String {
    let (code, out, err) = newsdeck(
        home,
        &[
            "snapshot", "--width", width, "--height", "20", "--keys", keys,
        ],
    );
    assert_eq!(code, 0, "{err}");
    out
}

/// The folders the binary uses under `home` (as `Paths::resolve` finds them from the XDG
/// variables), for running the app in-process on the same files.
fn paths(home: &Path) -> Paths {
    Paths {
        library: home.join("data/newsdeck/digests"),
        state: home.join("state/newsdeck/state.json"),
        config: home.join("config/newsdeck"),
        cache: home.join("cache/newsdeck"),
    }
}

fn digest(name: &str, date: &str, n: usize) -> String {
    let arts: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id": "{name}-{i}", "headline": "{name} story {i}"}}"#))
        .collect();
    format!(
        r#"{{"id": "{name}", "title": "Digest {date}", "published": "{date}", "articles": [{}]}}"#,
        arts.join(", ")
    )
}

/// A library of three dated digests: 2025-10-29 (2 articles), -28 (3), -27 (1).
fn fixture() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let lib = paths(home.path()).library;
    fs::create_dir_all(&lib).unwrap();
    for (name, date, n) in [
        ("wed", "2025-10-29", 2),
        ("tue", "2025-10-28", 3),
        ("mon", "2025-10-27", 1),
    ] {
        fs::write(lib.join(format!("{name}.json")), digest(name, date, n)).unwrap();
    }
    home
}

/// `newsdeck list`'s unread counts, by title.
fn unread_counts(home: &Path) -> Vec<(String, String)> {
    let (code, out, err) = newsdeck(home, &["list"]);
    assert_eq!(code, 0, "{err}");
    out.lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[2].to_string(), f[0].to_string())
        })
        .collect()
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn enter() -> KeyEvent {
    KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
}

/// Starts the app on the library with writable state, presses `keys`, saves, and returns it.
fn run_app(home: &Path, keys: &[KeyEvent]) -> App {
    let area = ratatui::layout::Rect::new(0, 0, 100, 20);
    let mut app = App::start(Target::Library, Stores::open_at(&paths(home), true), area).unwrap();
    for (i, k) in keys.iter().enumerate() {
        app.key(k, 1_800_000_000_000 + i as u64);
    }
    assert_eq!(app.save(), None);
    app
}

#[test]
fn n_at_the_end_of_a_digest_says_which_is_next_then_goes_there() {
    let home = fixture();
    let h = home.path();
    // The library lists the river first, then the digests newest first.
    let lib = snapshot(h, "");
    let rows: Vec<&str> = lib
        .lines()
        .filter(|l| l.contains("All unread") || l.contains("Digest 2025"))
        .collect();
    assert!(
        rows[0].contains("All unread") && rows[0].ends_with("6┃"),
        "{lib}"
    );
    assert!(rows[1].contains("Digest 2025-10-29"), "{lib}");
    // Open Wed; n reads its two articles; the third n names the next digest.
    let named = snapshot(h, "j<Enter>nnn");
    assert!(
        named.contains("next: Digest 2025-10-28, 3 unread (n again to open)"),
        "{named}"
    );
    assert!(named.contains("Digest 2025-10-29"), "still in Wed: {named}");
    // The fourth goes there and opens its first article.
    let moved = snapshot(h, "j<Enter>nnnn");
    assert!(moved.contains("tue story 0"), "{moved}");
    assert!(!moved.contains("wed story"), "{moved}");
    assert!(
        moved.contains("2 unread"),
        "tue-0 was opened and marked: {moved}"
    );
    // N from Tue, once it is all read, names Wed (the digest before it in library order), and
    // the second N opens Wed on its last unread article.
    let named = snapshot(h, "jj<Enter>AyN");
    assert!(
        named.contains("next: Digest 2025-10-29, 2 unread (N again to open)"),
        "{named}"
    );
    let back = snapshot(h, "jj<Enter>AyNN");
    let row = back.lines().find(|l| l.contains("▶")).unwrap();
    assert!(row.contains("wed story 1"), "{back}");
}

#[test]
fn the_river_lists_every_unread_article_newest_first_and_marks_its_digest() {
    let home = fixture();
    let h = home.path();
    let river = snapshot_at(h, "200", "<Enter>");
    let order: Vec<usize> = [
        "wed story 0",
        "wed story 1",
        "tue story 0",
        "tue story 2",
        "mon story 0",
    ]
    .iter()
    .map(|s| river.find(s).unwrap_or_else(|| panic!("{s} in {river}")))
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "newest digest first: {river}"
    );
    assert!(
        river.contains("Digest 2025-10-28 · tue story 1"),
        "with its digest's name: {river}"
    );
    // Reading in the river (written through the app: snapshot never writes) marks the digest.
    run_app(h, &[enter(), key('j'), key('j'), key('j'), enter()]);
    let counts = unread_counts(h);
    assert_eq!(
        counts,
        [
            ("Digest 2025-10-29".to_string(), "2".to_string()),
            ("Digest 2025-10-28".to_string(), "2".to_string()),
            ("Digest 2025-10-27".to_string(), "1".to_string()),
        ],
        "the fourth river article was tue-1"
    );
    // The river shows only what is still unread.
    let after = snapshot_at(h, "200", "<Enter>");
    assert!(!after.contains("tue story 1"), "{after}");
}

#[test]
fn the_library_filters_sorts_and_marks_a_digest_read() {
    let home = fixture();
    let h = home.path();
    let filtered = snapshot(h, "/10-28<Enter>");
    assert!(filtered.contains("1 of 3 digests · /10-28"), "{filtered}");
    assert!(
        filtered.contains("Digest 2025-10-28") && !filtered.contains("Digest 2025-10-27"),
        "{filtered}"
    );
    let by_unread = snapshot(h, "s");
    assert!(by_unread.contains("by unread"), "{by_unread}");
    let tue = by_unread.find("Digest 2025-10-28").unwrap();
    let wed = by_unread.find("Digest 2025-10-29").unwrap();
    assert!(tue < wed, "most unread first: {by_unread}");
    assert!(snapshot(h, "ss").contains("by title"));
    assert!(snapshot(h, "sss").contains("by date"));
    // A asks first; y marks the digest read.
    let asked = snapshot(h, "jjA");
    assert!(
        asked.contains("Mark 3 unread articles of this digest read? (y/n)"),
        "{asked}"
    );
    let marked = snapshot(h, "jjAy");
    assert!(marked.contains("Marked 3 articles read"), "{marked}");
    let row = marked
        .lines()
        .find(|l| l.contains("Digest 2025-10-28"))
        .unwrap();
    assert!(row.ends_with(" 3        0┃"), "{row}");
    let kept = snapshot(h, "jjAn");
    let row = kept
        .lines()
        .find(|l| l.contains("Digest 2025-10-28"))
        .unwrap();
    assert!(row.ends_with(" 3        3┃"), "n keeps it: {row}");
}

#[test]
fn newsdeck_remembers_the_library_cursor_and_where_you_were_in_each_digest() {
    let home = fixture();
    let h = home.path();
    // First run: open Tue, read its second article (j, Enter), back, move to Mon, quit.
    run_app(
        h,
        &[
            key('j'),
            key('j'),
            enter(),
            key('j'),
            enter(),
            KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            key('j'),
            key('q'),
        ],
    );
    // Second run: the library opens on Mon, where the cursor was.
    let lib = snapshot(h, "");
    let row = lib.lines().find(|l| l.contains("▶")).unwrap();
    assert!(row.contains("Digest 2025-10-27"), "{lib}");
    // Tue opens after the article opened last (tue-1, read): on tue-2, the first unread after it.
    let tue = snapshot(h, "k<Enter>");
    let row = tue.lines().find(|l| l.contains("▶")).unwrap();
    assert!(row.contains("tue story 2"), "{tue}");
}

#[test]
fn search_and_people_cover_the_digests_given_on_the_command_line() {
    // Bug (found by hand): `newsdeck DIR` shows DIR's digests as the library, but `S` and `P`
    // searched the saved library (empty here) and found nothing.
    let home = tempfile::tempdir().unwrap();
    let given = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library");
    let given = given.to_str().unwrap();
    let (code, out, err) = newsdeck(
        home.path(),
        &[
            "snapshot", "--width", "100", "--height", "20", "--keys", "Sgomez", given,
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("3 results"), "{out}");
    let (code, out, err) = newsdeck(
        home.path(),
        &[
            "snapshot", "--width", "100", "--height", "20", "--keys", "P", given,
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Aidan Gomez"), "{out}");
    // Nothing is cached for digests that are not the library's.
    assert!(!home.path().join("cache/newsdeck/search-index.bin").exists());
}
