//! The app's side of a library that updates itself: what it does when the watcher reports files.

use std::fs;

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use newsdeck::app::{App, Stores, Target};
use newsdeck::model::Screen;
use ratatui::layout::Rect;

fn digest(title: &str, ids: &[&str]) -> String {
    let articles: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"id": "{id}", "headline": "Headline {id}"}}"#))
        .collect();
    format!(
        r#"{{"title": "{title}", "published": "2025-10-27", "articles": [{}]}}"#,
        articles.join(", ")
    )
}

fn key(app: &mut App, c: char) {
    app.key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), 1000);
}

/// The digests' titles (the rows without the "All unread" row on top).
fn titles(app: &App) -> Vec<String> {
    app.model
        .library
        .all
        .iter()
        .map(|r| r.title.clone())
        .collect()
}

#[test]
fn new_files_show_and_a_file_that_does_not_parse_keeps_its_last_good_row() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    fs::write(&a, digest("A", &["a1"])).unwrap();
    let area = Rect::new(0, 0, 100, 30);
    let mut app = App::start(
        Target::Paths(vec![dir.path().to_path_buf()]),
        Stores::none(),
        area,
    )
    .unwrap();
    assert_eq!(titles(&app), ["A"]);
    let b = dir.path().join("b.json");
    fs::write(&b, digest("B", &["b1"])).unwrap();
    app.files_changed(std::slice::from_ref(&b));
    assert_eq!(titles(&app).len(), 2);
    // Half a file (a writer that closed early): the row stays as it was, without an error.
    fs::write(&b, &digest("B2", &["b1"])[..20]).unwrap();
    app.files_changed(std::slice::from_ref(&b));
    let row = app
        .model
        .library
        .all
        .iter()
        .find(|r| r.title == "B")
        .unwrap();
    assert!(row.error.is_none());
    fs::write(&b, digest("B2", &["b1"])).unwrap();
    app.files_changed(std::slice::from_ref(&b));
    assert!(titles(&app).contains(&"B2".to_string()));
    fs::remove_file(&a).unwrap();
    app.files_changed(std::slice::from_ref(&a));
    assert_eq!(titles(&app), ["B2"]);
}

#[test]
fn the_open_digest_reloads_on_the_same_article_and_ignores_a_broken_version() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("d.json");
    fs::write(&file, digest("D", &["x", "y", "z"])).unwrap();
    let area = Rect::new(0, 0, 100, 30);
    let mut app = App::start(Target::Paths(vec![file.clone()]), Stores::none(), area).unwrap();
    key(&mut app, 'j');
    let selected = |app: &App| {
        let r = app.model.reader.as_ref().unwrap();
        (
            r.digest.entries.len(),
            r.digest.entries[r.selected().unwrap()].id.0.to_string(),
        )
    };
    assert_eq!(selected(&app), (3, "y".to_string()));
    fs::write(&file, "{\"title\": \"D\", \"articles\": [").unwrap();
    app.files_changed(std::slice::from_ref(&file));
    assert_eq!(
        selected(&app),
        (3, "y".to_string()),
        "the old version stays"
    );
    fs::write(&file, digest("D", &["new", "x", "y", "z"])).unwrap();
    app.files_changed(std::slice::from_ref(&file));
    assert_eq!(selected(&app), (4, "y".to_string()));
    assert_eq!(app.model.screen, Screen::Reader);
    // Its library row follows the new version too.
    assert_eq!(app.model.library.all[0].ids.len(), 4);
}

#[test]
fn r_fetches_subscriptions_and_the_library_shows_each_feed_with_a_summary() {
    use newsdeck::net::fetch::{self, Progress};
    use newsdeck::store::paths::Paths;
    use newsdeck::store::subscriptions::Subscriptions;
    use std::io::{Read, Write};

    // One answer from a server on 127.0.0.1: an RSS feed.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/feed.xml", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap() == 1 {
            head.push(byte[0]);
        }
        let body = r#"<rss version="2.0"><channel><title>Fetched feed</title><item><guid>i1</guid><title>One</title></item></channel></rss>"#;
        let reply = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(reply.as_bytes()).unwrap();
    });
    let home = tempfile::tempdir().unwrap();
    let paths = Paths {
        library: home.path().join("data/digests"),
        state: home.path().join("state/state.json"),
        config: home.path().join("config"),
        cache: home.path().join("cache"),
    };
    fs::create_dir_all(&paths.library).unwrap();
    fs::write(paths.library.join("a.json"), digest("A", &["a1"])).unwrap();
    let mut subs = Subscriptions::load(&Subscriptions::file(&paths)).unwrap();
    subs.subscribe(&url, None);
    subs.save().unwrap();

    let area = Rect::new(0, 0, 100, 30);
    let mut app = App::start(Target::Library, Stores::open_at(&paths, true), area).unwrap();
    assert_eq!(titles(&app), ["A"]);
    let effects = app.key(
        &KeyEvent::new(KeyCode::Char('R'), KeyModifiers::SHIFT),
        1000,
    );
    assert_eq!(effects, [newsdeck::model::Effect::Fetch]);
    // What the terminal loop runs on a thread, here on this one; its reports go to the app.
    let reports = std::sync::Mutex::new(Vec::new());
    fetch::refresh(&app.library_dir().unwrap(), &|p| {
        reports.lock().unwrap().push(p)
    });
    let reports = reports.into_inner().unwrap();
    assert!(matches!(reports[0], Progress::Started(1)), "{reports:?}");
    for p in reports {
        app.fetch_progress(p);
    }
    assert!(
        titles(&app).contains(&"Fetched feed".to_string()),
        "{:?}",
        titles(&app)
    );
    assert_eq!(
        app.model.notice.as_deref(),
        Some("1 feed: 1 updated, 0 unchanged, 0 failed")
    );
    assert_eq!(app.model.fetching, None);
}

/// With a terminal loop the reload reads the file on a thread of its own: the change only
/// leaves a job, and what it read shows (with the library row after it) when it comes back,
/// unless another digest is open by then.
#[test]
fn the_terminal_loop_reloads_the_open_digest_off_its_thread() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("d.json");
    let other = dir.path().join("e.json");
    fs::write(&file, digest("D", &["x", "y"])).unwrap();
    fs::write(&other, digest("E", &["e1"])).unwrap();
    let area = Rect::new(0, 0, 100, 30);
    let mut app = App::start(Target::Paths(vec![file.clone()]), Stores::none(), area).unwrap();
    app.sync_search = false;
    let count = |app: &App| app.model.reader.as_ref().unwrap().digest.entries.len();
    fs::write(&file, digest("D", &["new", "x", "y"])).unwrap();
    app.files_changed(std::slice::from_ref(&file));
    assert_eq!(count(&app), 2, "nothing is read on the loop");
    let job = app.take_reload_job().expect("a reload is waiting");
    assert!(app.take_reload_job().is_none(), "taken once");
    app.reloaded(job());
    assert_eq!(count(&app), 3);
    assert_eq!(app.model.library.all[0].ids.len(), 3, "the row follows");
    // Changed again, but another digest is open when the new version comes back.
    fs::write(&file, digest("D", &["x"])).unwrap();
    app.files_changed(std::slice::from_ref(&file));
    let job = app.take_reload_job().unwrap();
    let e = newsdeck::app::open(&newsdeck::model::Source::File(other.clone())).unwrap();
    app.model
        .show_digest(e, newsdeck::model::Source::File(other));
    app.reloaded(job());
    assert_eq!(count(&app), 1);
    let r = app.model.reader.as_ref().unwrap();
    assert_eq!(r.digest.title, "E", "the other digest stays");
}

/// With a terminal loop, the folders given on the command line are listed again off the loop:
/// a change only leaves a job, its rows show when it comes back (the cursor on the digest it
/// was on), a listing overtaken by a newer one is dropped, and a file that stopped parsing keeps
/// its last good row, as in place.
#[test]
fn the_terminal_loop_lists_the_folders_given_again_off_its_thread() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.json"), digest("A", &["a1"])).unwrap();
    let area = Rect::new(0, 0, 100, 30);
    let target = Target::Paths(vec![dir.path().to_path_buf()]);
    let mut app = App::start(target, Stores::none(), area).unwrap();
    app.sync_search = false;
    key(&mut app, 'j');
    let on = |app: &App| {
        app.model.library.rows[app.model.library.cursor]
            .title
            .clone()
    };
    assert_eq!(on(&app), "A");
    // A newer digest: it goes above A.
    let b = dir.path().join("b.json");
    fs::write(&b, digest("B", &["b1"]).replace("2025-10-27", "2025-10-28")).unwrap();
    app.files_changed(std::slice::from_ref(&b));
    assert_eq!(titles(&app), ["A"], "nothing is listed on the loop");
    let older = app.take_relist_job().expect("a listing is waiting");
    assert!(app.take_relist_job().is_none(), "taken once");
    app.files_changed(std::slice::from_ref(&b));
    let newer = app.take_relist_job().unwrap();
    app.relisted(older());
    assert_eq!(titles(&app), ["A"], "an overtaken listing is dropped");
    app.relisted(newer());
    assert_eq!(titles(&app), ["B", "A"]);
    assert_eq!(on(&app), "A", "the cursor stays on its digest");
    // Half a file: its row stays as it was, without an error.
    fs::write(&b, &digest("B2", &["b1"])[..20]).unwrap();
    app.files_changed(std::slice::from_ref(&b));
    let job = app.take_relist_job().unwrap();
    app.relisted(job());
    assert_eq!(titles(&app), ["B", "A"]);
    assert!(app.model.library.all.iter().all(|r| r.error.is_none()));
}

/// In the terminal, a folder given on the command line follows its files: listed again on a
/// thread of its own after a change, and the rows show when it is done.
#[test]
fn in_the_terminal_a_folder_given_follows_its_files() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("news");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("a.json"), digest("First folder digest", &["a1"])).unwrap();
    let mut s = common::pty::Session::spawn_in(home.path(), &[dir.to_str().unwrap()]);
    s.wait_for_text("First folder digest");
    fs::write(dir.join("b.json"), digest("Second folder digest", &["b1"])).unwrap();
    s.wait_for_text("Second folder digest");
    fs::remove_file(dir.join("a.json")).unwrap();
    s.wait_for("a.json's row to go", |screen| {
        !screen.contains("First folder digest")
    });
    s.quit();
    s.assert_restored();
}
