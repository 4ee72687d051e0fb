//! Issue 14 through the built binary: `search`, `people` and `sync` on the fixture library of
//! dated digests with shared commentators (tests/fixtures/library), copied into a temporary home.

use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::newsdeck;

fn library(home: &Path) -> PathBuf {
    home.join("data").join("newsdeck").join("digests")
}

/// A temporary home whose library holds the fixture digests.
fn home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let lib = library(home.path());
    fs::create_dir_all(&lib).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library");
    for e in fs::read_dir(fixtures).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), lib.join(e.file_name())).unwrap();
    }
    home
}

/// (digest file name, article id, field) of each hit line.
fn hits(out: &str) -> Vec<(String, String, String)> {
    out.lines()
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "{l}");
            let file = Path::new(cols[0]).file_name().unwrap().to_string_lossy();
            (file.into_owned(), cols[1].to_string(), cols[2].to_string())
        })
        .collect()
}

fn ids(out: &str) -> Vec<String> {
    hits(out).into_iter().map(|h| h.1).collect()
}

#[test]
fn search_finds_every_field_with_all_words_folded_newest_first() {
    let home = home();
    let h = home.path();
    let r = newsdeck(h, &["search", "GOMEZ"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        hits(&r.out),
        [
            (
                "2025-11-10.json".into(),
                "open-weights".into(),
                "commentator".into()
            ),
            (
                "2025-11-03.json".into(),
                "cohere-agents".into(),
                "commentator".into()
            ),
            (
                "2025-10-27.json".into(),
                "cohere-raise".into(),
                "commentator".into()
            ),
        ]
    );
    // Accents folded both ways, several words all required, viewpoints and roles searched.
    assert_eq!(
        ids(&newsdeck(h, &["search", "zurich"]).out),
        ["cohere-agents"]
    );
    assert_eq!(
        ids(&newsdeck(h, &["search", "Zürich", "regulators"]).out),
        ["cohere-agents"]
    );
    let r = newsdeck(h, &["search", "firewall"]);
    assert_eq!(hits(&r.out)[0].2, "viewpoint");
    assert!(r.out.contains("behind their own firewall"), "{}", r.out);
    assert_eq!(
        hits(&newsdeck(h, &["search", "northwind"]).out)[0].2,
        "role"
    );
    assert_eq!(hits(&newsdeck(h, &["search", "2023"]).out)[0].2, "context");
    assert_eq!(
        hits(&newsdeck(h, &["search", "reasoning"]).out)[0].2,
        "sections"
    );
    assert_eq!(
        hits(&newsdeck(h, &["search", "toronto"]).out)[0].2,
        "summary"
    );
    assert_eq!(hits(&newsdeck(h, &["search", "lwn"]).out)[0].2, "source");
    // No hit: exit 1 and nothing printed; a query that asks nothing is a usage error.
    let r = newsdeck(h, &["search", "gomez", "kernel"]);
    assert_eq!((r.code, r.out.as_str()), (1, ""));
    assert_eq!(newsdeck(h, &["search", " "]).code, 2);
    let r = newsdeck(h, &["search", "before:yesterday"]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("not a date"), "{}", r.err);
}

#[test]
fn search_filters_narrow_by_tag_source_person_date_and_unread() {
    let home = home();
    let h = home.path();
    let q = |args: &[&str]| {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        ids(&newsdeck(h, &all).out)
    };
    assert_eq!(
        q(&["tag:ai"]),
        ["open-weights", "cohere-agents", "cohere-raise"]
    );
    assert_eq!(q(&["tag:ai", "before:2025-11-03"]), ["cohere-raise"]);
    assert_eq!(
        q(&["tag:ai", "after:2025-11-03"]),
        ["open-weights", "cohere-agents"]
    );
    assert_eq!(q(&["source:bloomberg"]), ["cohere-agents", "cohere-raise"]);
    assert_eq!(q(&["person:ojeda"]), ["open-weights", "rust-kernel"]);
    assert_eq!(q(&["person:chen", "chips"]), ["chip-export"]);
    assert_eq!(q(&["tag:a"]), Vec::<String>::new());
    // Read marks are per digest: the article marked read drops out of `unread`.
    let state = h.join("state").join("newsdeck");
    fs::create_dir_all(&state).unwrap();
    fs::write(
        state.join("state.json"),
        r#"{"version": 2, "digests": {"id:fixture-2025-11-03": {"read": {"cohere-agents": {"read": true, "changed": 1000}}}}}"#,
    )
    .unwrap();
    assert_eq!(q(&["tag:ai", "unread"]), ["open-weights", "cohere-raise"]);
}

#[test]
fn search_json_is_one_object_per_line() {
    let home = home();
    let r = newsdeck(home.path(), &["search", "--json", "person:gomez", "audit"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let lines: Vec<serde_json::Value> = r
        .out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    let hit = &lines[0];
    assert_eq!(hit["article"], "cohere-agents");
    assert_eq!(hit["date"], "2025-11-03");
    assert_eq!(hit["title"], "Tech Digest 2025-11-03");
    assert!(hit["digest"].as_str().unwrap().ends_with("2025-11-03.json"));
    assert!(hit["snippet"].as_str().unwrap().contains("audit"), "{hit}");
}

#[test]
fn search_output_is_sanitised() {
    let home = home();
    let h = home.path();
    fs::write(
        library(h).join("evil.json"),
        r#"{"title": "E", "published": "2025-09-01", "articles": [{"id": "x\u001b[2J", "headline": "Evil\u001b]0;pwn\u0007 payload\ttab"}]}"#,
    )
    .unwrap();
    for args in [&["search", "payload"][..], &["search", "--json", "payload"]] {
        let r = newsdeck(h, args);
        assert_eq!(r.code, 0, "{}", r.err);
        assert!(
            !r.out.contains('\u{1b}') && !r.out.contains('\u{7}'),
            "{:?}",
            r.out
        );
    }
    let r = newsdeck(h, &["search", "payload"]);
    assert_eq!(r.out.lines().next().unwrap().split('\t').count(), 4);
}

#[test]
fn the_index_is_kept_in_the_cache_and_follows_changes() {
    let home = home();
    let h = home.path();
    assert_eq!(newsdeck(h, &["search", "quantum"]).code, 1);
    assert!(h.join("cache/newsdeck/search-index.bin").is_file());
    // A digest added later is found by the next search.
    fs::write(
        library(h).join("2025-12-01.json"),
        r#"{"id": "dec", "title": "Dec", "published": "2025-12-01", "articles": [{"id": "q", "headline": "Quantum chips", "commentators": [{"name": "Aidan Gómez", "viewpoint": "Not yet."}]}]}"#,
    )
    .unwrap();
    assert_eq!(ids(&newsdeck(h, &["search", "quantum"]).out), ["q"]);
    fs::remove_file(library(h).join("2025-12-01.json")).unwrap();
    assert_eq!(newsdeck(h, &["search", "quantum"]).code, 1);
}

#[test]
fn people_table_folds_names_and_splits_roles() {
    let home = home();
    let h = home.path();
    let r = newsdeck(h, &["people"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        r.out,
        "Aidan Gomez\tCohere CEO\t3\t2025-11-10\n\
         Miguel Ojeda\tRust for Linux lead\t2\t2025-11-10\n\
         Sarah Chen\tAnalyst, Northwind\t3\t2025-11-03\n"
    );
    let r = newsdeck(h, &["people", "--sort", "recent"]);
    let names: Vec<&str> = r
        .out
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(names, ["Aidan Gomez", "Miguel Ojeda", "Sarah Chen"]);
    let r = newsdeck(h, &["people", "--sort", "count"]);
    let names: Vec<&str> = r
        .out
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(names, ["Aidan Gomez", "Sarah Chen", "Miguel Ojeda"]);
}

#[test]
fn people_name_lists_every_viewpoint_newest_first() {
    let home = home();
    let h = home.path();
    // "Aidan Gomez, Cohere CEO", "aidan  GÓMEZ" and "Aidan Gomez" are one person.
    for name in ["aidan gómez", "AIDAN   GOMEZ", "Aidan Gomez, Cohere CEO"] {
        let r = newsdeck(h, &["people", name]);
        assert_eq!(r.code, 0, "{name}: {}", r.err);
        let rows: Vec<Vec<&str>> = r.out.lines().map(|l| l.split('\t').collect()).collect();
        assert_eq!(rows.len(), 3, "{}", r.out);
        assert_eq!(rows[0][0], "2025-11-10");
        assert!(rows[0][1].ends_with("2025-11-10.json"));
        assert_eq!(rows[0][2], "Open-weight models close the gap");
        assert_eq!(rows[0][3], "Open weights are good for the whole field.");
        assert_eq!(rows[1][0], "2025-11-03");
        assert_eq!(rows[2][0], "2025-10-27");
        assert_eq!(
            rows[2][3],
            "Enterprises want models they can run behind their own firewall."
        );
    }
    // Part of a name finds the person; nobody is exit 1.
    assert_eq!(newsdeck(h, &["people", "ojeda"]).out.lines().count(), 2);
    let r = newsdeck(h, &["people", "nobody"]);
    assert_eq!((r.code, r.out.as_str()), (1, ""));
}

/// A state file with these (digest key, article, read, changed) marks.
fn state_file(marks: &[(&str, &str, bool, u64)]) -> String {
    let digests: Vec<String> = marks
        .iter()
        .map(|(d, a, read, changed)| {
            format!(r#""{d}": {{"read": {{"{a}": {{"read": {read}, "changed": {changed}}}}}}}"#)
        })
        .collect();
    format!(r#"{{"version": 2, "digests": {{{}}}}}"#, digests.join(", "))
}

#[test]
fn sync_merges_other_devices_newer_wins_and_writes_only_its_own_file() {
    let home = home();
    let h = home.path();
    let sync = h.join("Sync");
    fs::create_dir_all(&sync).unwrap();
    // The desktop read two articles; one of them the laptop marked unread later.
    let desktop = state_file(&[
        ("id:fixture-2025-11-03", "cohere-agents", true, 2_000),
        ("id:fixture-2025-10-27", "cohere-raise", true, 2_000),
        ("id:not-here-yet", "future", true, 2_000),
    ]);
    fs::write(sync.join("state-desktop.json"), &desktop).unwrap();
    let state = h.join("state/newsdeck");
    fs::create_dir_all(&state).unwrap();
    fs::write(
        state.join("state.json"),
        state_file(&[("id:fixture-2025-10-27", "cohere-raise", false, 3_000)]),
    )
    .unwrap();
    let dir = sync.to_str().unwrap();
    let r = newsdeck(h, &["sync", "--dir", dir, "--device", "lap top"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        r.out,
        "desktop\t3\t1970-01-01T00:00:02Z\n\
         lap-top\t3\t1970-01-01T00:00:03Z\t(this machine)\n"
    );
    // The other device's file is untouched; this one's is the only one written.
    assert_eq!(
        fs::read_to_string(sync.join("state-desktop.json")).unwrap(),
        desktop
    );
    let mut names: Vec<String> = fs::read_dir(&sync)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["state-desktop.json", "state-lap-top.json"]);
    // Newer wins: the desktop's read mark arrived, the laptop's later unread mark stayed; the
    // mark for a digest this machine does not have is kept.
    let r = newsdeck(h, &["search", "unread", "tag:ai"]);
    assert_eq!(ids(&r.out), ["open-weights", "cohere-raise"]);
    let mine = fs::read_to_string(state.join("state.json")).unwrap();
    assert!(mine.contains("id:not-here-yet"), "{mine}");
    // Without a sync folder, `sync` says how to set one.
    let r = newsdeck(h, &["sync"]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("sync_dir"), "{}", r.err);
}

/// A mark made on another device reaches the running app through the sync folder's watch,
/// without a restart or a save here: the test waits for the saver's report, never a fixed time.
#[test]
fn another_devices_mark_reaches_the_open_app_through_the_watch() {
    use newsdeck::app::{App, Stores, Target};
    use newsdeck::model::digest::{ArticleId, DigestKey};
    use newsdeck::model::read_state::ReadState;
    use newsdeck::store::saver::Report;
    use newsdeck::store::sync::SyncDir;
    use std::time::Duration;

    let home = home();
    let h = home.path();
    let paths = newsdeck::store::paths::Paths::under(h);
    fs::create_dir_all(&paths.library).unwrap();
    for e in fs::read_dir(library(h)).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), paths.library.join(e.file_name())).unwrap();
    }
    let sync = h.join("Sync");
    let settings = newsdeck::settings::Settings {
        sync_dir: Some(sync.clone()),
        device: Some("laptop".into()),
        ..Default::default()
    };
    let stores = Stores::open_at(&paths, true).with_sync(&settings);
    let area = ratatui::layout::Rect::new(0, 0, 100, 30);
    let mut app = App::start(Target::Library, stores, area).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    app.save_in_background(move |r| {
        let _ = tx.send(r);
    });
    let key = DigestKey("id:fixture-2025-11-03".into());
    let id = ArticleId("cohere-agents".into());
    assert!(!app.model.read.is_read(&key, &id));
    // The desktop reads the article: its file in the sync folder is replaced, as it writes it.
    let mut theirs = ReadState::new();
    theirs.set(&key, &id, true, 5_000);
    SyncDir::new(sync.clone(), Some("desktop"))
        .write_own(&theirs)
        .unwrap();
    loop {
        let report = rx.recv_timeout(Duration::from_secs(30)).unwrap();
        let synced = matches!(report, Report::Synced { .. });
        app.saved(report);
        if synced {
            break;
        }
    }
    assert!(app.model.read.is_read(&key, &id));
    // This machine's file is untouched until it saves; the desktop's is never written here.
    assert!(!sync.join("state-laptop.json").exists());
}

/// `newsdeck snapshot` of the library at 100x14 after `keys`.
fn snap(home: &Path, keys: &str) -> String {
    let r = newsdeck(
        home,
        &[
            "snapshot", "--width", "100", "--height", "14", "--keys", keys,
        ],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.out.lines().count(), 14, "{}", r.out);
    r.out
}

#[test]
fn search_overlay_lists_live_results_and_opens_the_article() {
    let home = home();
    let h = home.path();
    // Typing: results follow each keystroke, accents folded.
    insta::assert_snapshot!("search_typing", snap(h, "Szur"));
    insta::assert_snapshot!("search_results", snap(h, "Sgomez<Enter>"));
    // A match in a long field shows its snippet, the match in view, cut from the digest.
    insta::assert_snapshot!("search_snippet", snap(h, "Sdeployments"));
    // Enter on the second result opens that article in its digest.
    let s = snap(h, "Sgomez<Enter>j<Enter>");
    // The 2025-11-03 digest: its other article is in the list.
    assert!(s.contains("New export rules for AI chips"), "{s}");
    assert!(
        s.contains("┃Cohere ships an agent platform for Zürich banks"),
        "{s}"
    );
    assert!(s.contains("▶   Cohere ships"), "{s}");
    // Esc closes the overlay; S works from the reader too.
    let s = snap(h, "Sgomez<Esc>");
    assert!(!s.contains("Search the library"), "{s}");
    let s = snap(h, "<Enter>Sojeda");
    assert!(s.contains("2 results"), "{s}");
    // Filters work in the app as on the command line; a bad date says so.
    assert!(snap(h, "Stag:ai before:2025-11-03").contains("1 result"));
    assert!(snap(h, "Sbefore:soon").contains("not a date"));
}

#[test]
fn people_overlay_sorts_filters_and_lists_viewpoints() {
    let home = home();
    let h = home.path();
    insta::assert_snapshot!("people_by_name", snap(h, "P"));
    let s = snap(h, "Ps");
    assert!(s.contains("People (by count)"), "{s}");
    let s = snap(h, "Pss");
    assert!(s.contains("People (by recent)"), "{s}");
    insta::assert_snapshot!("people_viewpoints", snap(h, "P/GÓMEZ<Enter><Enter>"));
    // Enter on a viewpoint opens its article; Esc goes back to everyone first.
    let s = snap(h, "P/sarah<Enter><Enter>jj<Enter>");
    assert!(
        s.contains("┃Cohere raises a new round for enterprise models"),
        "{s}"
    );
    let s = snap(h, "P/sarah<Enter><Enter><Esc>");
    assert!(
        s.contains("People (by name)") && s.contains("1 person"),
        "{s}"
    );
}

#[test]
fn the_overlays_queries_edit_like_the_filters() {
    // Bug: in the search and People overlays Ctrl-u, Ctrl-w, the arrows and recall did nothing
    // (the README promises them wherever a query is typed).
    let home = home();
    let h = home.path();
    assert!(snap(h, "Sxyz<C-u>gomez").contains("Search: gomez▏"));
    assert!(snap(h, "Sgomez xyz<C-w>").contains("Search: gomez ▏"));
    assert!(snap(h, "Sgmez<Left><Left><Left>o").contains("Search: go▏mez"));
    // Editing a kept query again starts at its end; Up recalls an earlier one.
    assert!(snap(h, "Sgomez<Enter>/<Left>x").contains("Search: gomex▏z"));
    let s = snap(h, "Szur<Enter>/<C-u>ojeda<Enter>/<C-u><Up><Up>");
    assert!(s.contains("Search: zur▏"), "{s}");
    assert!(snap(h, "P/sarah<C-w>gomez").contains("Filter: gomez▏"));
    // A query longer than the line keeps its cursor and its end in view.
    let long = "abcdefghijklmnopqrstuvwxyz".repeat(4);
    let s = snap(h, &format!("S{long}"));
    assert!(s.contains("Search: …") && s.contains("xyz▏"), "{s}");
}

/// The real app in a pseudo-terminal: the search overlay's snippet is cut on a thread and shows
/// up, and a mark another device writes into the sync folder reaches the open library's unread
/// counts without a restart (waiting for the screen, never a fixed time).
#[test]
fn in_the_terminal_snippets_arrive_and_another_devices_mark_shows() {
    use common::pty::Session;
    let home = home();
    let h = home.path();
    let sync = h.join("Sync");
    let config = h.join("config").join("newsdeck");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("config.toml"),
        format!(
            "[settings]\nsync_dir = {:?}\ndevice = \"laptop\"\n",
            sync.to_str().unwrap()
        ),
    )
    .unwrap();
    let mut s = Session::newsdeck(h, &[], &[]);
    s.wait_for("the library, 5 unread", |t| {
        t.contains("All unread") && t.contains("5┃")
    });
    s.press("Sdeployments");
    s.wait_for_text("summary: …deployment");
    s.press("\x1b");
    s.wait_for("the overlay closed", |t| !t.contains("Search the library"));
    // The desktop reads an article; only its own file in the sync folder changes.
    fs::write(
        sync.join("state-desktop.json"),
        state_file(&[("id:fixture-2025-11-03", "cohere-agents", true, 5_000)]),
    )
    .unwrap();
    s.wait_for("4 unread in all", |t| {
        t.lines()
            .any(|l| l.contains("All unread") && l.contains("4┃"))
    });
    s.press("q");
    assert!(s.wait_exit().success());
}
