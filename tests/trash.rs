//! `d` in the library moves a digest to the trash under the data folder, `U` restores it, and
//! `newsdeck list --trash` shows what is there. Everything lives in a temporary folder.

mod common;

use common::newsdeck3 as newsdeck;

use newsdeck::app::{App, Stores, Target};
use newsdeck::store::paths::Paths;
use ratatui::layout::Rect;

fn press(app: &mut App, keys: &str) {
    for key in newsdeck::keys::parse(keys).unwrap() {
        app.key(&key, 1_700_000_000_000);
    }
}

#[test]
fn d_moves_to_the_trash_u_restores_and_list_trash_shows_it() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path();
    let src = home.join("week.json");
    std::fs::write(
        &src,
        r#"{"title": "Week", "articles": [{"id": "a", "headline": "A"}]}"#,
    )
    .unwrap();
    assert_eq!(newsdeck(home, &["add", src.to_str().unwrap()]).0, 0);
    // The same folders the binary uses under these XDG variables.
    let data = home.join("data").join("newsdeck");
    let paths = Paths {
        library: data.join("digests"),
        state: home.join("state").join("newsdeck").join("state.json"),
        config: home.join("config").join("newsdeck"),
        cache: home.join("cache").join("newsdeck"),
    };
    let in_library = paths.library.join("week.json");
    assert!(in_library.exists());

    let stores = Stores::open_at(&paths, true);
    let mut app = App::start(Target::Library, stores, Rect::new(0, 0, 100, 30)).unwrap();
    // The first row is "All unread"; the digest is the one below it.
    press(&mut app, "jdy");
    assert!(!in_library.exists());
    let note = app.model.notice.clone().unwrap_or_default();
    assert!(note.contains("to the trash"), "{note}");

    let (code, out, _) = newsdeck(home, &["list", "--trash"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("week.json\t"), "{out}");
    assert!(
        out.contains(&data.join("trash").to_string_lossy().into_owned()),
        "{out}"
    );

    press(&mut app, "U");
    assert!(in_library.exists(), "U restores it");
    assert_eq!(app.model.library.all.len(), 1);
    let (_, out, err) = newsdeck(home, &["list", "--trash"]);
    assert!(out.is_empty() && err.contains("empty"), "{out} {err}");
}

/// With a terminal loop, `d` moves nothing on the loop: the row leaves the library at once, the
/// status line says the move is under way, and the move is a job (run by hand here, as the loop
/// runs it on its file queue's thread). `U` pressed before it is done queues behind it, so the
/// file comes back: jobs run in the order asked.
#[test]
fn d_then_u_in_the_terminal_loop_are_jobs_done_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = Paths::under(tmp.path());
    std::fs::create_dir_all(&paths.library).unwrap();
    let file = paths.library.join("week.json");
    std::fs::write(
        &file,
        r#"{"title": "Week", "articles": [{"id": "a", "headline": "A"}]}"#,
    )
    .unwrap();
    let stores = Stores::open_at(&paths, true);
    let mut app = App::start(Target::Library, stores, Rect::new(0, 0, 100, 30)).unwrap();
    app.sync_search = false;
    let said = |app: &App| app.model.notice.clone().unwrap_or_default();
    press(&mut app, "jdy");
    assert!(file.exists(), "nothing is moved on the loop");
    assert!(said(&app).starts_with("Moving "), "{}", said(&app));
    assert!(said(&app).contains("to the trash…"), "{}", said(&app));
    assert!(
        app.model.library.all.iter().all(|r| r.title != "Week"),
        "the row is gone meanwhile"
    );
    press(&mut app, "U");
    let jobs = app.take_file_jobs();
    assert_eq!(jobs.len(), 2, "the delete, then the restore");
    let mut jobs = jobs.into_iter();
    let moved = jobs.next().unwrap()();
    assert!(!file.exists());
    app.filed(moved);
    assert!(
        said(&app).contains("to the trash (U restores it)"),
        "{}",
        said(&app)
    );
    assert!(app.model.library.all.iter().all(|r| r.title != "Week"));
    let restored = jobs.next().unwrap()();
    assert!(file.exists(), "U restores it");
    app.filed(restored);
    assert!(said(&app).starts_with("Restored "), "{}", said(&app));
    assert!(app.model.library.all.iter().any(|r| r.title == "Week"));
}

/// Two quick deletes: the second row does not come back when the first move is done (the
/// library is listed again only after the last move asked for).
#[test]
fn two_quick_deletes_never_show_the_second_row_again_meanwhile() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = Paths::under(tmp.path());
    std::fs::create_dir_all(&paths.library).unwrap();
    for (name, date) in [("new", "2025-10-28"), ("old", "2025-10-27")] {
        let text = format!(
            r#"{{"title": "{name}", "published": "{date}", "articles": [{{"id": "a", "headline": "A"}}]}}"#
        );
        std::fs::write(paths.library.join(format!("{name}.json")), text).unwrap();
    }
    let stores = Stores::open_at(&paths, true);
    let mut app = App::start(Target::Library, stores, Rect::new(0, 0, 100, 30)).unwrap();
    app.sync_search = false;
    let titles = |app: &App| -> Vec<String> {
        let rows = app.model.library.all.iter();
        rows.map(|r| r.title.clone()).collect()
    };
    assert_eq!(titles(&app), ["new", "old"]);
    // The cursor stays where "new" was, on "old", once "new" leaves.
    press(&mut app, "jdydy");
    assert!(titles(&app).is_empty(), "{:?}", titles(&app));
    let jobs = app.take_file_jobs();
    assert_eq!(jobs.len(), 2);
    let mut jobs = jobs.into_iter();
    let first = jobs.next().unwrap()();
    app.filed(first);
    assert!(titles(&app).is_empty(), "{:?}", titles(&app));
    let second = jobs.next().unwrap()();
    app.filed(second);
    assert!(!paths.library.join("old.json").exists());
    let rows: Vec<_> = app.model.library.all.iter().map(|r| &r.source).collect();
    assert!(
        rows.iter()
            .all(|s| !matches!(s, newsdeck::model::Source::File(_))),
        "{rows:?}"
    );
}

/// In the terminal: `d` moves the file on the loop's file thread and the status line says so
/// when it is done; `d` then `U` typed at once restore it (the moves run in the order asked).
#[test]
fn in_the_terminal_d_and_u_move_the_file_and_say_so() {
    use common::pty::Session;
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("data/newsdeck/digests");
    std::fs::create_dir_all(&lib).unwrap();
    let file = lib.join("week.json");
    std::fs::write(
        &file,
        r#"{"title": "Week digest", "articles": [{"id": "a", "headline": "A"}]}"#,
    )
    .unwrap();
    let mut s = Session::spawn_in(home.path(), &[]);
    s.wait_for_text("Week digest");
    // The first row is "All unread"; the digest is the one below it.
    s.press("jdy");
    s.wait_for_text("Moved ");
    assert!(!file.exists());
    s.press("U");
    s.wait_for_text("Restored ");
    assert!(file.exists());
    s.wait_for_text("Week digest");
    s.press("dyU");
    // The second "Restored" drawn (the screen may still show the first one).
    let restored = |bytes: &[u8]| bytes.windows(9).filter(|w| w == b"Restored ").count();
    s.wait("the second restore", |_, bytes| restored(bytes) >= 2);
    assert!(file.exists(), "the restore ran after the move");
    s.quit();
    s.assert_restored();
}
