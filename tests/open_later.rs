//! Opening a digest from the library (or by `n`/`N`) loads it off the terminal loop: the key
//! only asks, the load runs as a job, and what it loaded shows when it arrives, unless a newer
//! open was asked for or the user went elsewhere meanwhile. Headless here: the jobs are run by
//! hand, as the terminal loop runs them on their own threads. A digest opened before and
//! unchanged opens from its per-digest index.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use newsdeck::app::{App, Stores, Target, Then};
use newsdeck::model::{Effect, Screen, Source};
use newsdeck::store::paths::Paths;
use ratatui::layout::Rect;

const AREA: Rect = Rect::new(0, 0, 100, 20);

/// Writes a one-article digest, dated an hour back (settled: it gets a per-digest index).
fn digest(dir: &Path, name: &str, published: &str, headline: &str) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    let path = dir.join(format!("{name}.json"));
    let text = format!(
        r#"{{"id": "{name}", "title": "{name}", "published": "{published}", "articles": [{{"id": "1", "headline": "{headline}", "summary": "Body of {name}"}}]}}"#
    );
    fs::write(&path, text).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
    path
}

fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in newsdeck::keys::parse(keys).unwrap() {
        effects.extend(app.key(&k, 10));
    }
    effects
}

/// The one open the keys asked for, with its job started (not yet run).
fn asked(app: &mut App, effects: Vec<Effect>) -> impl FnOnce() -> newsdeck::app::Opened + use<> {
    match effects.as_slice() {
        [.., Effect::Open(source)] => app.open_job(source.clone(), Then::Arrive).unwrap(),
        other => panic!("an open is asked for: {other:?}"),
    }
}

fn headline(app: &App) -> String {
    let r = app.model.reader.as_ref().expect("a digest is open");
    r.digest.entries[r.selected().unwrap()]
        .headline()
        .to_string()
}

fn start(p: &Paths) -> App {
    let mut app = App::start(Target::Library, Stores::open_at(p, true), AREA).unwrap();
    app.sync_search = false;
    app
}

#[test]
fn enter_asks_and_only_the_newest_open_shows_on_the_screen_it_was_asked_from() {
    let tmp = tempfile::tempdir().unwrap();
    let p = Paths::under(tmp.path());
    digest(&p.library, "newer", "2025-10-28", "Newer news");
    digest(&p.library, "older", "2025-10-27", "Older news");
    let mut app = start(&p);
    // Rows: "All unread", then the digests, newest first.
    let first = press(&mut app, "j<Enter>");
    let first = asked(&mut app, first);
    assert_eq!(app.model.screen, Screen::Library, "the key does not wait");
    let notice = app.model.notice.clone().unwrap_or_default();
    assert_eq!(notice, "Opening newer…", "the library's title for it");
    // Another row asked for before the first arrives: only that one shows.
    let second = press(&mut app, "j<Enter>");
    let second = asked(&mut app, second);
    let (first, second) = (first(), second());
    assert!(app.opened(first, 20).is_empty());
    assert_eq!(
        app.model.screen,
        Screen::Library,
        "an older open is dropped"
    );
    app.opened(second, 20);
    assert_eq!(app.model.screen, Screen::Reader);
    assert_eq!(headline(&app), "Older news");
    assert!(app.model.notice.is_none(), "{:?}", app.model.notice);
    // Read the article, then `N` twice (nothing unread left here) asks for the digest before; back on the library
    // before it arrives, it does not pull the reader open again.
    let effects = press(&mut app, "<Enter>NN");
    let jump = asked(&mut app, effects);
    press(&mut app, "<Esc><Esc>");
    assert_eq!(app.model.screen, Screen::Library);
    app.opened(jump(), 30);
    assert_eq!(app.model.screen, Screen::Library);
}

#[test]
fn a_digest_opened_before_opens_again_from_its_index() {
    let tmp = tempfile::tempdir().unwrap();
    let p = Paths::under(tmp.path());
    digest(&p.library, "only", "2025-10-28", "Only news");
    let mut app = start(&p);
    // The sample is not in the way: the library has a digest, so it starts on the library.
    assert_eq!(app.model.screen, Screen::Library);
    let deadline = Instant::now() + Duration::from_secs(20);
    press(&mut app, "j");
    loop {
        let effects = press(&mut app, "<Enter>");
        let job = asked(&mut app, effects);
        app.opened(job(), 20);
        assert_eq!(headline(&app), "Only news");
        let r = app.model.reader.as_ref().unwrap();
        if r.digest.is_indexed() {
            assert_eq!(r.source, Source::File(p.library.join("only.json")));
            break;
        }
        // The first open writes the index on a thread of its own: open again once it is there.
        assert!(Instant::now() < deadline, "the index was never written");
        press(&mut app, "<Esc>");
        std::thread::sleep(Duration::from_millis(20));
    }
}
