//! The library screen of a big library (issue 16, budget 3), headless: the terminal's start-up
//! (`App::start_deferred`) draws the first frame from the library index alone, and the listing
//! job's batches are handed in by hand here, as the terminal loop does from its thread.
//! Nothing is timed: `cargo bench --bench biglib` measures.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use newsdeck::app::{App, Stores, Target};
use newsdeck::model::Source;
use newsdeck::snapshot::{render, to_text};
use newsdeck::store::listing_job::Batch;
use newsdeck::store::paths::Paths;
use newsdeck::theme::Theme;
use ratatui::layout::Rect;

mod common;
use common::pty::Session;

const AREA: Rect = Rect::new(0, 0, 90, 16);

/// Writes `n` small digests, dated an hour back (settled: the index caches them).
fn library(paths: &Paths, n: usize) {
    fs::create_dir_all(&paths.library).unwrap();
    for i in 0..n {
        write(
            &paths.library.join(format!("d{i:02}.json")),
            &format!("Digest {i:02}"),
            i,
        );
    }
}

fn write(path: &Path, title: &str, i: usize) {
    let text = format!(
        r#"{{"title": "{title}", "published": "2025-{:02}-{:02}", "articles": [{{"id": "a{i}", "headline": "H"}}]}}"#,
        1 + (i * 7) % 12,
        1 + (i * 5) % 28
    );
    fs::write(path, text).unwrap();
    let old = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(old)
        .unwrap();
}

fn start(paths: &Paths) -> App {
    let mut app = App::start_deferred(Target::Library, Stores::open_at(paths, true), AREA).unwrap();
    app.model.set_time_zone(jiff::tz::TimeZone::UTC);
    app
}

/// Runs the app's listing job here and returns its batches, not yet handed to the app.
fn batches(app: &mut App) -> Vec<Batch> {
    let job = app.take_listing_job().expect("a listing job");
    let mut out = Vec::new();
    job.run(&mut |b| out.push(b));
    out
}

fn titles(app: &App) -> Vec<String> {
    let all = &app.model.library.all;
    all.iter()
        .filter(|r| matches!(r.source, Source::File(_)))
        .map(|r| r.title.clone())
        .collect()
}

fn screen(app: &App) -> String {
    to_text(&render(app, &Theme::new(false)))
}

#[test]
fn a_library_with_no_index_shows_its_first_rows_while_the_rest_are_listed() {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths::under(home.path());
    library(&paths, 40);
    let mut app = start(&paths);
    let text = screen(&app);
    assert!(text.contains("Listing the library…"), "{text}");
    let mut batches = batches(&mut app).into_iter();
    app.listed(batches.next().unwrap());
    let text = screen(&app);
    assert!(text.contains("listing… 16 of 40"), "{text}");
    insta::assert_snapshot!("library_mid_listing_90x16", text);
    // Move down to a digest; the rest arrive around it.
    for key in newsdeck::keys::parse("jjj").unwrap() {
        app.key(&key, 1000);
    }
    let cursor = app.model.library.cursor;
    let chosen = app.model.library.rows[cursor].title.clone();
    for b in batches {
        app.listed(b);
    }
    let lib = &app.model.library;
    assert_eq!(
        lib.rows[lib.cursor].title, chosen,
        "the cursor stays on its digest"
    );
    assert!(lib.listing.is_none());
    assert!(!screen(&app).contains("listing…"));
    assert_eq!(titles(&app).len(), 40);
    // The order is the one a full listing gives.
    let full = App::start(Target::Library, Stores::open_at(&paths, false), AREA).unwrap();
    assert_eq!(titles(&app), titles(&full));
}

#[test]
fn a_library_with_an_index_opens_from_it_and_the_check_catches_up_with_the_files() {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths::under(home.path());
    library(&paths, 5);
    // A first listing writes the index.
    App::start(Target::Library, Stores::open_at(&paths, true), AREA).unwrap();
    assert!(paths.index_file().exists());
    // Meanwhile one digest is removed and one rewritten.
    fs::remove_file(paths.library.join("d01.json")).unwrap();
    write(&paths.library.join("d02.json"), "Rewritten", 2);
    let mut app = start(&paths);
    // The first frame is the index's: no file was looked at.
    assert_eq!(titles(&app).len(), 5);
    assert!(titles(&app).contains(&"Digest 01".to_string()));
    assert!(
        !screen(&app).contains("listing…"),
        "every row is shown already"
    );
    for b in batches(&mut app) {
        app.listed(b);
    }
    let now = titles(&app);
    assert_eq!(now.len(), 4, "{now:?}");
    assert!(!now.contains(&"Digest 01".to_string()));
    assert!(now.contains(&"Rewritten".to_string()));
}

#[test]
fn an_empty_library_still_opens_the_sample_and_a_newer_listing_drops_an_older_ones_batches() {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths::under(home.path());
    let app = start(&paths);
    assert!(app.model.reader.is_some(), "the bundled sample, as before");

    library(&paths, 3);
    let mut app = start(&paths);
    let old = batches(&mut app);
    // Back from the reader (or a file changed): a new listing is asked for.
    app.files_changed(&[paths.library.join("d00.json")]);
    for b in old {
        app.listed(b);
    }
    assert!(
        titles(&app).is_empty(),
        "the superseded listing's rows are dropped"
    );
    for b in batches(&mut app) {
        app.listed(b);
    }
    assert_eq!(titles(&app).len(), 3);
}

#[test]
fn in_the_terminal_a_library_with_no_index_fills_in_and_its_index_is_written() {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths {
        library: home.path().join("data/newsdeck/digests"),
        ..Paths::under(home.path())
    };
    library(&paths, 30);
    let mut s = Session::spawn_in(home.path(), &[]);
    // The background listing's batches reach the screen, and its last one ends the status.
    let screen = s.wait_for("every digest listed", |screen| {
        screen.contains("30 digests") && !screen.contains("listing")
    });
    assert!(screen.contains("Digest 05"), "{screen}");
    let index = home.path().join("cache/newsdeck/library-index.bin");
    assert!(index.exists(), "the listing job saved the index");
    s.press("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}
