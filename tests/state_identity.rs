//! Read state scoped by digest, through the built binary: digests that number their articles
//! alike keep separate counts, renaming keeps the marks of a dated digest, and version-1 state
//! files are migrated and merged. HOME and every XDG folder point into a temporary folder.

use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::newsdeck;

fn library(home: &Path) -> PathBuf {
    home.join("data/newsdeck/digests")
}

fn state_file(home: &Path) -> PathBuf {
    home.join("state/newsdeck/state.json")
}

/// A digest numbering its articles "1", "2", "3" (plus `extra`), as many generators do.
fn numbered(title: &str, published: Option<&str>, extra: &[&str]) -> String {
    let ids = ["1", "2", "3"].iter().chain(extra);
    let articles: Vec<String> = ids
        .map(|id| format!(r#"{{"id": "{id}", "headline": "{title} {id}"}}"#))
        .collect();
    let published = published.map_or(String::new(), |p| format!(r#""published": "{p}", "#));
    format!(
        r#"{{"title": "{title}", {published}"articles": [{}]}}"#,
        articles.join(", ")
    )
}

/// Adds digests (name, text) to the library.
fn add(home: &Path, digests: &[(&str, String)]) {
    let inbox = home.join("in");
    fs::create_dir_all(&inbox).unwrap();
    let mut args = vec!["add".to_string()];
    for (name, text) in digests {
        let path = inbox.join(name);
        fs::write(&path, text).unwrap();
        args.push(path.to_string_lossy().into_owned());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = newsdeck(home, &args);
    assert_eq!(r.code, 0, "{}", r.err);
}

fn write_state(home: &Path, text: &str) {
    fs::create_dir_all(state_file(home).parent().unwrap()).unwrap();
    fs::write(state_file(home), text).unwrap();
}

/// `list`'s lines as (unread, total, title).
fn counts(home: &Path) -> Vec<(String, String, String)> {
    let r = newsdeck(home, &["list"]);
    assert_eq!(r.code, 0, "{}", r.err);
    r.out
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].into(), f[1].into(), f[2].into())
        })
        .collect()
}

fn row(unread: &str, total: &str, title: &str) -> (String, String, String) {
    (unread.into(), total.into(), title.into())
}

/// A version-2 state file marking `ids` of the digest with key `key` read.
fn v2_read(key: &str, ids: &[&str]) -> String {
    let marks: Vec<String> = ids
        .iter()
        .map(|id| format!(r#""{id}": {{"read": true, "changed": 1000}}"#))
        .collect();
    format!(
        r#"{{"version": 2, "digests": {{"{key}": {{"read": {{{}}}}}}}}}"#,
        marks.join(", ")
    )
}

const MONDAY: &str = r"dated:2025-10-27\u001fMonday";

#[test]
fn marking_monday_read_leaves_tuesday_unread_though_both_number_articles_alike() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    add(
        h,
        &[
            ("monday.json", numbered("Monday", Some("2025-10-27"), &[])),
            ("tuesday.json", numbered("Tuesday", Some("2025-10-28"), &[])),
        ],
    );
    write_state(h, &v2_read(MONDAY, &["1", "2", "3"]));
    assert_eq!(
        counts(h),
        [row("3", "3", "Tuesday"), row("0", "3", "Monday")]
    );
}

#[test]
fn renaming_a_dated_digest_keeps_its_marks_and_an_undated_one_follows_its_name() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    add(
        h,
        &[
            ("monday.json", numbered("Monday", Some("2025-10-27"), &[])),
            ("notes.json", numbered("Notes", None, &[])),
        ],
    );
    let state = format!(
        r#"{{"version": 2, "digests": {{"{MONDAY}": {{"read": {{"1": {{"read": true, "changed": 1000}}}}}},
            "file:notes": {{"read": {{"2": {{"read": true, "changed": 1000}}}}}}}}}}"#
    );
    write_state(h, &state);
    let before = counts(h);
    assert!(before.contains(&row("2", "3", "Monday")), "{before:?}");
    assert!(before.contains(&row("2", "3", "Notes")), "{before:?}");
    let lib = library(h);
    let moved = lib.join("sub");
    fs::create_dir_all(&moved).unwrap();
    fs::rename(lib.join("monday.json"), lib.join("2025-10-27-renamed.json")).unwrap();
    fs::rename(lib.join("notes.json"), lib.join("notes-renamed.json")).unwrap();
    let after = counts(h);
    assert!(after.contains(&row("2", "3", "Monday")), "{after:?}");
    assert!(
        after.contains(&row("3", "3", "Notes")),
        "an undated digest's marks follow its file name: {after:?}"
    );
    // Moving the dated digest out of the library and listing it there keeps its marks too.
    fs::rename(
        lib.join("2025-10-27-renamed.json"),
        moved.join("elsewhere.json"),
    )
    .unwrap();
    let r = newsdeck(
        h,
        &["list", &moved.join("elsewhere.json").to_string_lossy()],
    );
    assert!(r.out.starts_with("2\t3\tMonday\t"), "{}", r.out);
}

#[test]
fn a_version_1_state_file_is_migrated_where_unambiguous_and_the_rest_is_kept() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    add(
        h,
        &[
            (
                "monday.json",
                numbered("Monday", Some("2025-10-27"), &["mon-only"]),
            ),
            ("tuesday.json", numbered("Tuesday", Some("2025-10-28"), &[])),
        ],
    );
    // What an older newsdeck wrote: marks keyed by article id alone.
    write_state(
        h,
        r#"{"version": 1, "articles": {
            "1": {"read": true, "changed": 100},
            "mon-only": {"read": true, "changed": 100},
            "not-in-library": {"read": true, "changed": 100}}}"#,
    );
    assert_eq!(
        counts(h),
        [row("3", "3", "Tuesday"), row("3", "4", "Monday")],
        "\"1\" is in both digests: it is not given to either"
    );
    // `list` only reads; merging an (empty) copy saves, as version 2.
    let empty = h.join("empty-state.json");
    fs::write(&empty, r#"{"version": 2, "digests": {}}"#).unwrap();
    let r = newsdeck(h, &["merge", &empty.to_string_lossy()]);
    assert_eq!(r.code, 0, "{}", r.err);
    let saved = fs::read_to_string(state_file(h)).unwrap();
    assert!(saved.contains("\"version\": 2"), "{saved}");
    let legacy = &saved[saved.find("\"legacy\"").expect(&saved)..];
    assert!(
        legacy.contains(r#""1": {"read": true, "changed": 100}"#),
        "{saved}"
    );
    assert!(
        legacy.contains(r#""not-in-library": {"read": true"#),
        "{saved}"
    );
    assert!(!legacy.contains("mon-only"), "carried over: {saved}");
    let monday = &saved[saved.find("Monday").expect(&saved)..saved.find("legacy").unwrap()];
    assert!(
        monday.contains(r#""mon-only": {"read": true, "changed": 100}"#),
        "{saved}"
    );
    assert_eq!(
        counts(h),
        [row("3", "3", "Tuesday"), row("3", "4", "Monday")]
    );
}

#[test]
fn merge_takes_version_1_and_version_2_copies_together() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    add(
        h,
        &[
            (
                "monday.json",
                numbered("Monday", Some("2025-10-27"), &["m"]),
            ),
            (
                "tuesday.json",
                numbered("Tuesday", Some("2025-10-28"), &["t"]),
            ),
        ],
    );
    let v1 = h.join("old-laptop.json");
    fs::write(
        &v1,
        r#"{"version": 1, "articles": {"t": {"read": true, "changed": 100}, "2": {"read": true, "changed": 100}}}"#,
    )
    .unwrap();
    let v2 = h.join("desktop.json");
    fs::write(&v2, v2_read(MONDAY, &["1", "m"])).unwrap();
    let r = newsdeck(h, &["merge", &v1.to_string_lossy(), &v2.to_string_lossy()]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("old-laptop.json: 2 marks"), "{}", r.out);
    assert!(r.out.contains("desktop.json: 2 marks"), "{}", r.out);
    assert_eq!(
        counts(h),
        [row("3", "4", "Tuesday"), row("2", "4", "Monday")],
        "t went to Tuesday; the ambiguous 2 to neither"
    );
    let saved = fs::read_to_string(state_file(h)).unwrap();
    assert!(saved.contains(r#""legacy": {"#), "{saved}");
}

#[test]
fn the_reader_migrates_version_1_marks_at_start_up() {
    use newsdeck::app::{App, Stores, Target};
    use newsdeck::store::paths::Paths;
    let tmp = tempfile::tempdir().unwrap();
    let p = Paths::under(tmp.path());
    fs::create_dir_all(&p.library).unwrap();
    let monday = p.library.join("monday.json");
    fs::write(&monday, numbered("Monday", Some("2025-10-27"), &["m"])).unwrap();
    fs::write(
        p.library.join("tuesday.json"),
        numbered("Tuesday", Some("2025-10-28"), &[]),
    )
    .unwrap();
    fs::create_dir_all(p.state.parent().unwrap()).unwrap();
    fs::write(
        &p.state,
        r#"{"version": 1, "articles": {"1": {"read": true, "changed": 1}, "m": {"read": true, "changed": 1}}}"#,
    )
    .unwrap();
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    // Opening one digest by path: the migration still looks at the whole library.
    let app = App::start(
        Target::Paths(vec![monday]),
        Stores::open_at(&p, false),
        area,
    )
    .unwrap();
    assert_eq!(
        app.model.reader.as_ref().unwrap().unread,
        3,
        "m was carried"
    );
    let app = App::start(Target::Library, Stores::open_at(&p, false), area).unwrap();
    let unread: Vec<(String, usize)> = app
        .model
        .library
        .all
        .iter()
        .map(|r| (r.title.clone(), r.unread(&app.model.read)))
        .collect();
    assert_eq!(
        unread,
        [("Tuesday".to_string(), 3), ("Monday".to_string(), 3)]
    );
}
