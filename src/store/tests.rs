//! Listing with and without the library index: the index must never change what a list shows.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::model::digest::ArticleId;
use crate::store::index::IndexFile;
use crate::store::library::Library;
use crate::store::listing::{LibraryItem, scan, scan_with_index};
use crate::store::load;
use crate::store::test_digest as digest;

/// Sets a file's modification time an hour back: listings cache only files that have
/// settled (see `index::Stamp`), as a library's files have.
fn age(path: &Path, secs: u64) {
    let t = SystemTime::now() - Duration::from_secs(3600 + secs);
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(t).unwrap();
}

/// A library of 20 files: synthetic digests, hand-made ones with other dates or none, and
/// invalid ones (a field of the wrong type deep in a body, and not JSON at all).
fn sample_library(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    for i in 0..15u64 {
        fs::write(
            dir.join(format!("syn-{i:02}.json")),
            crate::synth::digest(3, i),
        )
        .unwrap();
    }
    fs::write(dir.join("old.json"), digest("Old", "2024-05-01", "o")).unwrap();
    fs::write(dir.join("new.json"), digest("New", "2026-03-01T10:00", "n")).unwrap();
    fs::write(
        dir.join("undated.json"),
        r#"[{"headline": "No id, no date"}]"#,
    )
    .unwrap();
    let deep_error = r#"{"title": "Bad", "articles": [
        {"id": "x", "headline": "H", "sections": [{"heading": "S", "bullets": [1]}]}]}"#;
    fs::write(dir.join("bad-body.json"), deep_error).unwrap();
    fs::write(dir.join("not-json.json"), "<rss></rss>").unwrap();
    for (n, entry) in fs::read_dir(dir).unwrap().enumerate() {
        age(&entry.unwrap().path(), n as u64);
    }
}

type Row = (
    PathBuf,
    String,
    Option<String>,
    String,
    Vec<ArticleId>,
    Option<SystemTime>,
    Option<String>,
);

fn rows(items: &[LibraryItem]) -> Vec<Row> {
    items
        .iter()
        .map(|i| {
            (
                i.path.clone(),
                i.title.clone(),
                i.published.clone(),
                i.key.0.clone(),
                i.ids.to_ids(),
                i.mtime,
                i.error.as_ref().map(|e| e.to_string()),
            )
        })
        .collect()
}

/// What `newsdeck check` says about a file.
fn check(path: &Path) -> Option<String> {
    load::load_valid(path).err().map(|e| e.to_string())
}

#[test]
fn the_index_gives_the_same_rows_and_errors_as_reading_every_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lib");
    sample_library(&dir);
    let index = IndexFile::new(
        tmp.path()
            .join("cache")
            .join(crate::store::index::INDEX_FILE),
    );
    let full = Library::new(dir.clone()).list();
    assert_eq!(full.len(), 20);
    let lib = Library::with_index(dir.clone(), index.clone());
    let (cold, stats) = lib.list_with_stats();
    assert_eq!((stats.cached, stats.inspected, stats.saved), (0, 20, true));
    let (warm, stats) = lib.list_with_stats();
    assert_eq!((stats.cached, stats.inspected, stats.saved), (20, 0, false));
    assert_eq!(rows(&cold), rows(&full));
    assert_eq!(rows(&warm), rows(&full));
    // Errors from the index are `check`'s, word for word.
    let errors: Vec<_> = warm.iter().filter(|i| i.error.is_some()).collect();
    assert_eq!(errors.len(), 2);
    for item in errors {
        let shown = item.error.as_ref().map(|e| e.to_string());
        assert_eq!(shown, check(&item.path));
    }
    assert!(
        warm.iter()
            .any(|i| i.error.as_ref().is_some_and(|e| e.error.line == Some(2))),
        "positions survive the index"
    );
    // Folders and files given on the command line.
    let targets = [
        dir.clone(),
        dir.join("new.json"),
        tmp.path().join("gone.json"),
    ];
    let plain = scan(&targets);
    let (first, _) = scan_with_index(&targets, Some(&index));
    let (again, stats) = scan_with_index(&targets, Some(&index));
    assert_eq!(
        stats.cached, 21,
        "the folder's 20 and new.json; gone.json is read"
    );
    assert_eq!(rows(&first), rows(&plain));
    assert_eq!(rows(&again), rows(&plain));
}

#[test]
fn only_changed_files_are_read_again() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lib");
    sample_library(&dir);
    let cache = tmp.path().join("cache").join("index.json");
    let lib = Library::with_index(dir.clone(), IndexFile::new(cache.clone()));
    lib.list();

    // A different size.
    let changed = dir.join("old.json");
    fs::write(&changed, digest("Older", "2024-05-01", "o2")).unwrap();
    age(&changed, 0);
    let (items, stats) = lib.list_with_stats();
    assert_eq!((stats.cached, stats.inspected), (19, 1));
    assert!(items.iter().any(|i| i.title == "Older"));
    assert_eq!(rows(&items), rows(&Library::new(dir.clone()).list()));

    // The same size, another modification time.
    age(&changed, 7);
    assert_eq!(lib.list_with_stats().1.inspected, 1);

    // The same size and modification time, other content (as `cp -p` leaves it): Unix sees
    // the change time move.
    if cfg!(unix) {
        let mtime = fs::metadata(&changed).unwrap().modified().unwrap();
        fs::write(&changed, digest("Newer", "2024-05-01", "o3")).unwrap();
        let f = fs::File::options().write(true).open(&changed).unwrap();
        f.set_modified(mtime).unwrap();
        let (items, stats) = lib.list_with_stats();
        assert_eq!(stats.inspected, 1);
        assert!(items.iter().any(|i| i.title == "Newer"));
    }

    // A file that became invalid reports its new error; a deleted one is forgotten.
    fs::write(&changed, r#"{"articles": [{"headline": "H", "tags": 3}]}"#).unwrap();
    age(&changed, 0);
    fs::remove_file(dir.join("new.json")).unwrap();
    let (items, stats) = lib.list_with_stats();
    assert_eq!((stats.cached, stats.inspected, stats.saved), (18, 1, true));
    let bad = items.iter().find(|i| i.path == changed).unwrap();
    assert_eq!(bad.error.as_ref().map(|e| e.to_string()), check(&changed));
    assert_eq!(rows(&items), rows(&Library::new(dir).list()));
    assert_eq!(crate::store::index::LibraryIndex::load(&cache).len(), 19);
}

#[test]
fn just_written_files_are_read_every_time() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lib");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("a.json"), digest("A", "2025-01-01", "a")).unwrap();
    let lib = Library::with_index(dir, IndexFile::new(tmp.path().join("i.json")));
    lib.list();
    // It could change again within the file system's time granularity, unnoticed.
    assert_eq!(lib.list_with_stats().1.inspected, 1);
}

#[test]
fn deleting_or_corrupting_the_index_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lib");
    sample_library(&dir);
    let cache = tmp.path().join("cache").join("index.json");
    let lib = Library::with_index(dir.clone(), IndexFile::new(cache.clone()));
    let first = rows(&lib.list());
    fs::remove_file(&cache).unwrap();
    let (items, stats) = lib.list_with_stats();
    assert_eq!((stats.inspected, stats.saved), (20, true));
    assert_eq!(rows(&items), first);
    let valid = fs::read(&cache).unwrap();
    for garbage in [
        &valid[..valid.len() / 2],
        b"\x00\xff not json",
        br#"{"version": 999, "files": {}}"#,
        br#"{"version": 1, "files": {"x": {"size": "big"}}}"#,
    ] {
        fs::write(&cache, garbage).unwrap();
        let (items, stats) = lib.list_with_stats();
        assert_eq!((stats.inspected, stats.saved), (20, true));
        assert_eq!(rows(&items), first);
        assert_eq!(lib.list_with_stats().1.cached, 20, "rebuilt");
    }
}

#[test]
fn a_read_only_or_unusable_index_is_never_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lib");
    sample_library(&dir);
    let cache = tmp.path().join("cache").join("index.json");
    let peek = Library::with_index(dir.clone(), IndexFile::read_only(cache.clone()));
    let (items, stats) = peek.list_with_stats();
    assert_eq!((stats.inspected, stats.saved), (20, false));
    assert!(
        !tmp.path().join("cache").exists(),
        "read-only writes nothing"
    );
    Library::with_index(dir.clone(), IndexFile::new(cache.clone())).list();
    let (warm, stats) = peek.list_with_stats();
    assert_eq!(stats.cached, 20, "but reads what exists");
    assert_eq!(rows(&warm), rows(&items));
    // A cache folder that cannot be created (a file is in the way): listed all the same.
    let blocked = tmp.path().join("file");
    fs::write(&blocked, "x").unwrap();
    let lib = Library::with_index(dir, IndexFile::new(blocked.join("cache").join("i.json")));
    let (again, stats) = lib.list_with_stats();
    assert_eq!((stats.inspected, stats.saved), (20, false));
    assert_eq!(rows(&again), rows(&items));
}

#[test]
fn a_fifo_or_device_as_the_index_reads_as_empty_without_hanging() {
    // Before the guarded reader, a FIFO here hung every listing and /dev/zero ate all memory.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("library-index.bin");
    crate::store::test_fifo(&fifo);
    assert_eq!(crate::store::index::LibraryIndex::load(&fifo).len(), 0);
    let zero = std::path::Path::new("/dev/zero");
    assert_eq!(crate::store::index::LibraryIndex::load(zero).len(), 0);
}

// The state file when it cannot be read: never set aside, never written over.

#[test]
fn a_fifo_or_folder_as_state_file_is_left_alone_and_saving_is_off() {
    // Before the guarded reader, a FIFO here hung start-up forever, and a folder was "corrupt"
    // and renamed aside. A folder also stands in for permission denied, which root never gets.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.json");
    crate::store::test_fifo(&fifo);
    let folder = dir.path().join("folder.json");
    std::fs::create_dir(&folder).unwrap();
    for path in [fifo, folder] {
        let (mut store, mut state, warnings) = crate::store::state::StateStore::open(&path);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("cannot be read"), "{}", warnings[0]);
        assert!(warnings[0].contains("nothing is saved"), "{}", warnings[0]);
        assert!(!store.can_save());
        state.set(
            &crate::model::digest::DigestKey("id:d".into()),
            &crate::model::digest::ArticleId("a".into()),
            true,
            1,
        );
        assert_eq!(store.save(&state), Ok(state.clone()), "kept in memory");
        assert!(path.exists(), "not renamed aside");
    }
    assert!(
        !crate::store::test_files(dir.path())
            .iter()
            .any(|n| n.contains(".corrupt-"))
    );
}

#[test]
fn unreadable_state_is_not_corrupt_for_non_root() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    std::fs::write(&path, "{\"version\": 1, \"articles\": {}}").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Root reads anything; the folder case above checks the same path as root.
        eprintln!("skipped: running as root, permission bits do not stop a read");
        return;
    }
    let (store, _, warnings) = crate::store::state::StateStore::open(&path);
    assert!(warnings[0].contains("permission denied"), "{warnings:?}");
    assert!(!store.can_save());
    assert_eq!(
        crate::store::test_files(dir.path()),
        ["state.json", "state.json.lock"]
    );
}

#[test]
fn a_link_to_a_missing_target_warns_and_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("unmounted").join("newsdeck-state.json");
    let path = dir.path().join("state.json");
    std::os::unix::fs::symlink(&target, &path).unwrap();
    let (mut store, mut state, warnings) = crate::store::state::StateStore::open(&path);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("which is missing"), "{}", warnings[0]);
    state.set(
        &crate::model::digest::DigestKey("id:d".into()),
        &crate::model::digest::ArticleId("a".into()),
        true,
        1,
    );
    assert_eq!(store.save(&state), Ok(state.clone()), "kept in memory");
    assert!(
        std::fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!target.exists());
}

#[test]
fn a_fifo_as_the_subscription_list_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("subscriptions.json");
    crate::store::test_fifo(&fifo);
    let err = crate::store::subscriptions::Subscriptions::load(&fifo).unwrap_err();
    assert!(err.contains("not a regular file"), "{err}");
    let missing = dir.path().join("none.json");
    assert!(crate::store::subscriptions::Subscriptions::load(&missing).is_ok());
}

#[test]
fn an_index_from_before_digest_keys_is_rebuilt_not_misread() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lib");
    sample_library(&dir);
    let cache = tmp.path().join("cache").join("index.json");
    let lib = Library::with_index(dir.clone(), IndexFile::new(cache.clone()));
    let fresh = lib.list();
    // What the index looked like at version 1 (JSON, entries without digest keys), with the
    // files' current stamps: an index of another format or version is never read.
    let mut files = serde_json::Map::new();
    for item in &fresh {
        let meta = fs::metadata(&item.path).unwrap();
        let stamp = crate::store::index::Stamp::of(&meta).unwrap();
        let path = std::path::absolute(&item.path).unwrap();
        files.insert(
            path.to_string_lossy().into_owned(),
            serde_json::json!({
                "size": stamp.size, "mtime_ns": stamp.mtime_ns, "ctime_ns": stamp.ctime_ns,
                "title": "Wrong", "ids": ["x"],
            }),
        );
    }
    let old = serde_json::json!({"version": 1, "files": files});
    fs::write(&cache, serde_json::to_vec(&old).unwrap()).unwrap();
    let (again, stats) = lib.list_with_stats();
    assert_eq!(
        (stats.cached, stats.inspected),
        (0, 20),
        "every file is read again"
    );
    assert_eq!(rows(&again), rows(&fresh));
    assert!(again.iter().any(|i| i.key.0 == "dated:2024-05-01\u{1f}Old"));
}

/// Undated digests (no `published`, or one that is not a date) sort by their file's time among
/// the dated ones, with and without the index, not above or below all of them.
#[test]
fn undated_digests_sort_by_file_time_among_dated_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let day = |d: u64| SystemTime::UNIX_EPOCH + Duration::from_secs(1_761_523_200 + d * 86_400);
    let files = [
        ("mon.json", digest("Mon", "2025-10-27", "m"), day(5)),
        ("wed.json", digest("Wed", "2025-10-29", "w"), day(5)),
        (
            "tue-undated.json",
            r#"[{"headline": "u"}]"#.to_string(),
            day(1),
        ),
        (
            "not-a-date.json",
            digest("Odd", "Oct 30", "o"),
            day(3) + Duration::from_secs(3600),
        ),
        (
            "old-undated.json",
            r#"[{"headline": "x"}]"#.to_string(),
            day(0) - Duration::from_secs(86_400 * 30),
        ),
    ];
    for (name, body, mtime) in &files {
        let p = dir.join(name);
        fs::write(&p, body).unwrap();
        fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(*mtime)
            .unwrap();
    }
    let names = |items: Vec<LibraryItem>| -> Vec<String> {
        items
            .iter()
            .map(|i| i.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    let want = [
        "not-a-date.json",
        "wed.json",
        "tue-undated.json",
        "mon.json",
        "old-undated.json",
    ];
    assert_eq!(names(scan(&[dir.to_path_buf()])), want);
    let cache = tempfile::tempdir().unwrap();
    let index = IndexFile::new(cache.path().join("index.json"));
    for _ in 0..2 {
        let (items, _) = scan_with_index(&[dir.to_path_buf()], Some(&index));
        assert_eq!(names(items), want, "the same through the index");
    }
}
