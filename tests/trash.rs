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
