//! Stars (issue 17): `*` in the reader and on the Starred screen, kept in the read-state file,
//! merged newer-wins, listed by `list --starred` and opened with `PATH#ID`. In-process runs use
//! `Paths::under` a temporary folder; binary runs point HOME and every XDG folder into one.

mod common;

use common::newsdeck3 as newsdeck;

use std::fs;
use std::path::{Path, PathBuf};

use newsdeck::app::{App, Stores, Target};
use newsdeck::model::{Screen, Source};
use newsdeck::snapshot::{render, to_text};
use newsdeck::store::paths::Paths;
use newsdeck::theme::Theme;
use ratatui::layout::Rect;

const AREA: Rect = Rect {
    x: 0,
    y: 0,
    width: 80,
    height: 16,
};

fn digest(id: &str, title: &str, published: &str, articles: &[(&str, &str)]) -> String {
    let a: Vec<String> = articles
        .iter()
        .map(|(id, h)| format!(r#"{{"id": "{id}", "headline": "{h}", "summary": "Body {id}"}}"#))
        .collect();
    format!(
        r#"{{"id": "{id}", "title": "{title}", "published": "{published}", "articles": [{}]}}"#,
        a.join(", ")
    )
}

/// A library of two digests that both number their articles "1", "2".
fn library(dir: &Path) -> (PathBuf, PathBuf) {
    fs::create_dir_all(dir).unwrap();
    let mon = dir.join("monday.json");
    let tue = dir.join("tuesday.json");
    fs::write(
        &mon,
        digest(
            "mon",
            "Monday",
            "2025-10-27",
            &[("1", "Mon one"), ("2", "Mon two")],
        ),
    )
    .unwrap();
    fs::write(
        &tue,
        digest(
            "tue",
            "Tuesday",
            "2025-10-28",
            &[("1", "Tue one"), ("2", "Tue two")],
        ),
    )
    .unwrap();
    (mon, tue)
}

fn press(app: &mut App, keys: &str, now: u64) {
    for k in newsdeck::keys::parse(keys).unwrap() {
        app.key(&k, now);
    }
}

/// Opens the digest at `path` alone, presses `keys` (which star something) and saves.
fn star(p: &Paths, path: &Path, keys: &str, now: u64) {
    let target = Target::Paths(vec![path.to_path_buf()]);
    let mut app = App::start(target, Stores::open_at(p, true), AREA).unwrap();
    press(&mut app, keys, now);
    assert!(app.save().is_none());
}

fn screen(app: &App) -> String {
    to_text(&render(app, &Theme::new(false)))
}

#[test]
fn star_toggles_persists_and_shows_without_colour() {
    let tmp = tempfile::tempdir().unwrap();
    let p = Paths::under(tmp.path());
    let (mon, _) = library(&p.library);
    let mut app = App::start(
        Target::Paths(vec![mon.clone()]),
        Stores::open_at(&p, true),
        AREA,
    )
    .unwrap();
    press(&mut app, "j*", 10);
    assert_eq!(app.model.notice.as_deref(), Some("Starred"));
    let list = screen(&app);
    assert!(list.contains("▶*● Mon two"), "{list}");
    assert!(list.contains("  ● Mon one"), "{list}");
    assert!(app.save().is_none());
    // A second run sees the star; `*` again unstars, and that is saved too.
    let mut again = App::start(
        Target::Paths(vec![mon.clone()]),
        Stores::open_at(&p, true),
        AREA,
    )
    .unwrap();
    assert!(screen(&again).contains(" *● Mon two"));
    press(&mut again, "j*", 20);
    assert_eq!(again.model.notice.as_deref(), Some("Unstarred"));
    assert!(again.save().is_none());
    let third = App::start(Target::Paths(vec![mon]), Stores::open_at(&p, false), AREA).unwrap();
    assert!(!screen(&third).contains("*●"), "{}", screen(&third));
}

#[test]
fn starred_screen_lists_stars_across_the_library_newest_first_and_opens_them() {
    let tmp = tempfile::tempdir().unwrap();
    let p = Paths::under(tmp.path());
    let (mon, tue) = library(&p.library);
    // Star Monday's "2", then Tuesday's "1" later; both digests have a "1" and a "2".
    star(&p, &mon, "j*", 1_000);
    star(&p, &tue, "*", 2_000);

    let mut lib = App::start(Target::Library, Stores::open_at(&p, true), AREA).unwrap();
    let rows = &lib.model.library.rows;
    assert_eq!(
        rows[0].source,
        Source::Starred,
        "the Starred row comes first"
    );
    let text = screen(&lib);
    assert!(text.contains("Library · 2 digests"), "{text}");
    insta::assert_snapshot!("library_with_starred_row", text);
    press(&mut lib, "<Enter>", 3_000);
    assert_eq!(lib.model.screen, Screen::Starred);
    let text = screen(&lib);
    insta::assert_snapshot!("starred_screen", text);
    let tue_one = text.find("Tue one").unwrap();
    assert!(
        tue_one < text.find("Mon two").unwrap(),
        "newest star first: {text}"
    );
    // Enter opens the article in its digest.
    press(&mut lib, "<Enter>", 3_000);
    let r = lib.model.reader.as_ref().unwrap();
    assert_eq!(lib.model.screen, Screen::Reader);
    assert_eq!(r.source, Source::File(tue));
    assert_eq!(
        r.digest.entries[r.selected().unwrap()].headline(),
        "Tue one"
    );
    // Back to the library, and into the Starred screen again: `*` there unstars the row.
    press(&mut lib, "<Esc><Esc><Enter>j*", 4_000);
    assert_eq!(lib.model.notice.as_deref(), Some("Unstarred"));
    assert!(screen(&lib).contains("▶   Mon two"), "{}", screen(&lib));
    // Bug: U did nothing on the Starred screen. It undoes the unstar there too, and Ctrl-r
    // redoes it; the row shows the star either way.
    press(&mut lib, "U", 4_100);
    assert!(screen(&lib).contains("▶ * Mon two"), "{}", screen(&lib));
    assert!(
        lib.model
            .notice
            .as_deref()
            .unwrap_or("")
            .starts_with("undid")
    );
    press(&mut lib, "<C-r>", 4_200);
    assert!(screen(&lib).contains("▶   Mon two"), "{}", screen(&lib));
    assert!(lib.save().is_none());
    press(&mut lib, "<Esc>", 5_000);
    let rows = &lib.model.library.rows;
    assert_eq!(rows[0].ids.len(), 1, "one star left");
    // `list --starred` agrees, and its columns joined with `#` open the article.
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(
        newsdeck::cmd::list::starred_with(&p, &[], &mut out, &mut err),
        0
    );
    let out = String::from_utf8(out).unwrap();
    let tue_path = newsdeck::store::load::display_path(&p.library.join("tuesday.json"));
    assert_eq!(out, format!("{tue_path}\t1\tTue one\n"));
    assert!(err.is_empty(), "{}", String::from_utf8_lossy(&err));
}

/// A version-2 state file starring (digest, article, starred, changed), grouped by digest.
fn state(stars: &[(&str, &str, bool, u64)]) -> String {
    let mut digests: Vec<(&str, Vec<String>)> = Vec::new();
    for (d, a, on, t) in stars {
        let entry = format!(r#""{a}": {{"starred": {on}, "changed": {t}}}"#);
        match digests.iter_mut().find(|(k, _)| k == d) {
            Some((_, v)) => v.push(entry),
            None => digests.push((d, vec![entry])),
        }
    }
    let digests: Vec<String> = digests
        .iter()
        .map(|(d, v)| format!(r#""id:{d}": {{"starred": {{{}}}}}"#, v.join(", ")))
        .collect();
    format!(r#"{{"version": 2, "digests": {{{}}}}}"#, digests.join(", "))
}

#[test]
fn list_starred_and_merge_through_the_binary() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let (mon, tue) = library(&h.join("in"));
    for f in [&mon, &tue] {
        let (code, _, err) = newsdeck(h, &["add", f.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
    }
    let state_file = h.join("state/newsdeck/state.json");
    fs::create_dir_all(state_file.parent().unwrap()).unwrap();
    fs::write(
        &state_file,
        state(&[("mon", "2", true, 100), ("tue", "1", true, 50)]),
    )
    .unwrap();
    let (code, out, err) = newsdeck(h, &["list", "--starred"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].ends_with("monday.json\t2\tMon two"), "{out}");
    assert!(lines[1].ends_with("tuesday.json\t1\tTue one"), "{out}");
    // Path and id joined with `#` open that article.
    let cols: Vec<&str> = lines[1].split('\t').collect();
    let (code, snap, err) = newsdeck(
        h,
        &[
            "snapshot",
            "--width",
            "100",
            &format!("{}#{}", cols[0], cols[1]),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        snap.contains("Body 1") && snap.contains("Article 1/2"),
        "{snap}"
    );
    let (code, shown, _) = newsdeck(h, &["show", &format!("{}#{}", cols[0], cols[1])]);
    assert_eq!(code, 0);
    assert!(shown.starts_with("Tue one"), "{shown}");
    // Another machine unstarred Monday's "2" later and starred Tuesday's "2": newer wins.
    let other = h.join("other.json");
    fs::write(
        &other,
        state(&[
            ("mon", "2", false, 200),
            ("tue", "2", true, 150),
            ("tue", "1", true, 10),
        ]),
    )
    .unwrap();
    let (code, _, err) = newsdeck(h, &["merge", other.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = newsdeck(h, &["list", "--starred"]);
    let rows: Vec<Vec<&str>> = out
        .lines()
        .map(|l| l.split('\t').skip(1).collect())
        .collect();
    assert_eq!(rows, [vec!["2", "Tue two"], vec!["1", "Tue one"]], "{out}");
    // The Starred screen through `snapshot`: the library's first row, then Enter.
    let (code, snap, err) = newsdeck(
        h,
        &[
            "snapshot", "--width", "80", "--height", "12", "--keys", "<Enter>",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(snap.contains("Starred · 2 articles"), "{snap}");
    assert!(
        snap.find("Tue two").unwrap() < snap.find("Tue one").unwrap(),
        "{snap}"
    );
}

/// With a terminal loop, the Starred screen's rows are gathered on a thread of their own (it
/// lists the library and reads each digest with stars): `Enter` only asks for them, and rows
/// for an older request, or arriving after the library screen was left, are dropped.
#[test]
fn starred_rows_are_asked_for_and_only_the_latest_request_shows() {
    let tmp = tempfile::tempdir().unwrap();
    let p = Paths::under(tmp.path());
    let (mon, _) = library(&p.library);
    star(&p, &mon, "j*", 1_000);
    let mut lib = App::start(Target::Library, Stores::open_at(&p, true), AREA).unwrap();
    lib.sync_search = false;
    let gather = |app: &mut App| {
        let effects = app.key(&newsdeck::keys::parse("<Enter>").unwrap()[0], 2_000);
        match effects.as_slice() {
            [newsdeck::model::Effect::GatherStarred(r)] => *r,
            other => panic!("Enter on the Starred row asks for its rows: {other:?}"),
        }
    };
    let first = gather(&mut lib);
    assert_eq!(
        lib.model.screen,
        Screen::Library,
        "nothing waits for the disk"
    );
    assert!(screen(&lib).contains("Gathering starred articles…"));
    let old = lib.starred_job()();
    let second = gather(&mut lib);
    assert_ne!(first, second);
    lib.starred_found(old, first);
    assert_eq!(
        lib.model.screen,
        Screen::Library,
        "an older request is dropped"
    );
    let rows = lib.starred_job()();
    lib.starred_found(rows, second);
    assert_eq!(lib.model.screen, Screen::Starred);
    let text = screen(&lib);
    assert!(text.contains("Mon two"), "{text}");
    assert!(!text.contains("Gathering"), "{text}");
    // Asked for, then a digest is opened meanwhile: the rows come too late to show.
    press(&mut lib, "<Esc>", 3_000);
    let third = gather(&mut lib);
    lib.sync_search = true;
    press(&mut lib, "j<Enter>", 3_000);
    assert_eq!(lib.model.screen, Screen::Reader);
    let late = lib.starred_job()();
    lib.starred_found(late, third);
    assert_eq!(lib.model.screen, Screen::Reader);
}
