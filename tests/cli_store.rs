//! The `add`, `list` and `paths` subcommands, run as the built binary with HOME and every XDG
//! folder pointing into a temporary folder.

mod common;

use common::{newsdeck, run};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn library(home: &Path) -> PathBuf {
    home.join("data").join("newsdeck").join("digests")
}

/// The library's files and their contents, sorted by name.
fn library_files(home: &Path) -> Vec<(String, String)> {
    let Ok(entries) = fs::read_dir(library(home)) else {
        return Vec::new();
    };
    let mut v: Vec<(String, String)> = entries
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn digest(title: &str, published: &str, ids: &[&str]) -> String {
    let articles: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"id": "{id}", "headline": "Headline {id}"}}"#))
        .collect();
    format!(
        r#"{{"title": "{title}", "published": "{published}", "articles": [{}]}}"#,
        articles.join(", ")
    )
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn paths_follow_the_xdg_variables() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let r = newsdeck(h, &["paths"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        r.out,
        format!(
            "library: {}\nstate: {}\nconfig: {}\ncache: {}\n",
            library(h).display(),
            h.join("state/newsdeck/state.json").display(),
            h.join("config/newsdeck").display(),
            h.join("cache/newsdeck").display()
        )
    );
    assert_eq!(fs::read_dir(h).unwrap().count(), 0, "paths creates nothing");
}

#[test]
fn relative_xdg_values_are_ignored_and_home_is_used() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsdeck"));
    cmd.arg("paths")
        .env("HOME", h)
        .env("XDG_DATA_HOME", "relative/data")
        .env("XDG_STATE_HOME", "")
        .env_remove("XDG_CONFIG_HOME")
        .current_dir(h);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out.starts_with(&format!(
            "library: {}\nstate: {}\n",
            h.join(".local/share/newsdeck/digests").display(),
            h.join(".local/state/newsdeck/state.json").display()
        )),
        "{}",
        r.out
    );
}

#[test]
fn without_home_the_xdg_folders_still_work() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsdeck"));
    cmd.arg("paths")
        .env_remove("HOME")
        .env("XDG_DATA_HOME", h.join("data"))
        .env("XDG_STATE_HOME", h.join("state"))
        .env("XDG_CONFIG_HOME", h.join("config"));
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out
            .starts_with(&format!("library: {}\n", library(h).display()))
    );
}

#[test]
fn add_copies_dedupes_and_renames() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let first = write(h, "in/news.json", &digest("First", "2025-01-01", &["a"]));
    let r = newsdeck(h, &["add", &first]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("news.json: added as"), "{}", r.out);

    // Identical content, even under another name, is not copied again.
    let copy = write(h, "in/copy.json", &digest("First", "2025-01-01", &["a"]));
    let r = newsdeck(h, &["add", &first, &copy]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        r.out.matches("already in the library").count(),
        2,
        "{}",
        r.out
    );

    // A different digest with the same name is kept under a new name.
    let second = write(
        h,
        "other/news.json",
        &digest("Second", "2025-02-01", &["b"]),
    );
    let r = newsdeck(h, &["add", &second]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("news-2.json"), "{}", r.out);
    let names: Vec<String> = library_files(h).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["news-2.json", "news.json"]);
    assert_eq!(library_files(h)[1].1, fs::read_to_string(&first).unwrap());
}

#[test]
fn add_refuses_invalid_files_and_touches_nothing_else() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let good = write(h, "in/good.json", &digest("Good", "2025-01-01", &["a"]));
    assert_eq!(newsdeck(h, &["add", &good]).code, 0);
    let before = library_files(h);

    let bad = write(h, "in/good.json.bad", r#"{"articles": [{"headline": 7}]}"#);
    let broken = write(h, "in/broken.json", "{\"articles\": [");
    let r = newsdeck(h, &["add", &bad, &broken, "missing.json"]);
    assert_eq!(r.code, 1);
    assert!(r.out.is_empty(), "{}", r.out);
    assert!(r.err.contains("good.json.bad:1:"), "{}", r.err);
    assert!(r.err.contains("broken.json:"), "{}", r.err);
    assert!(r.err.contains("missing.json: no such file"), "{}", r.err);
    assert_eq!(library_files(h), before, "the library is unchanged");

    // In one command, valid files are still added; the exit code reports the failure.
    let other = write(h, "in/other.json", &digest("Other", "2025-01-02", &["b"]));
    let r = newsdeck(h, &["add", &bad, &other]);
    assert_eq!(r.code, 1);
    assert_eq!(library_files(h).len(), 2);
}

#[test]
fn list_shows_the_library_newest_first_with_unread_counts() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let old = write(h, "in/old.json", &digest("Old", "2024-06-01", &["a", "b"]));
    let new = write(h, "in/new.json", &digest("New", "2025-06-01", &["c"]));
    assert_eq!(newsdeck(h, &["add", &old, &new]).code, 0);
    let state = h.join("state/newsdeck/state.json");
    fs::create_dir_all(state.parent().unwrap()).unwrap();
    fs::write(
        &state,
        r#"{"version": 1, "articles": {"a": {"read": true, "changed": 5}}}"#,
    )
    .unwrap();
    let r = newsdeck(h, &["list"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let lib = library(h);
    assert_eq!(
        r.out,
        format!(
            "1\t1\tNew\t{}\n1\t2\tOld\t{}\n",
            lib.join("new.json").display(),
            lib.join("old.json").display()
        )
    );
}

#[test]
fn list_of_paths_marks_invalid_files_and_goes_on() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    write(h, "dir/a.json", &digest("A", "2025-01-01", &["a"]));
    write(h, "dir/notes.txt", "not a digest, not listed");
    write(h, "dir/bad.json", "[1, 2");
    let single = write(h, "b.json", &digest("B", "2026-01-01", &["b"]));
    let r = newsdeck(h, &["list", &h.join("dir").to_string_lossy(), &single]);
    assert_eq!(r.code, 1, "an invalid file fails the command");
    let lines: Vec<&str> = r.out.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.out);
    // The invalid file has no date of its own, so its mtime (now) puts it first.
    assert!(
        lines[0].starts_with("-\t-\tinvalid: 1:5: invalid JSON"),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with("bad.json"));
    assert!(lines[1].starts_with("1\t1\tB\t"), "{}", lines[1]);
    assert!(lines[2].starts_with("1\t1\tA\t"), "{}", lines[2]);
}

#[test]
fn list_survives_a_corrupt_state_file_and_keeps_a_copy() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let state_dir = h.join("state/newsdeck");
    write(&state_dir, "state.json", "{\"version\": 1, \"arti");
    let r = newsdeck(h, &["list"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.contains("is unreadable"), "{}", r.err);
    let aside: Vec<_> = fs::read_dir(&state_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("state.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        fs::read_to_string(state_dir.join(&aside[0])).unwrap(),
        "{\"version\": 1, \"arti"
    );
}

#[test]
fn an_unusable_data_folder_is_reported_plainly() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // The data folder's place is taken by a file, so the library cannot be created (root-proof).
    fs::write(h.join("data"), "").unwrap();
    let good = write(h, "in/good.json", &digest("Good", "2025-01-01", &["a"]));
    let r = newsdeck(h, &["add", &good]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("cannot create the library"), "{}", r.err);
    assert!(r.err.contains("nothing was added"), "{}", r.err);
    let r = newsdeck(h, &["list"]);
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(
        r.out
            .contains("invalid: cannot read the library folder: not a directory"),
        "{}",
        r.out
    );
}

/// Dates a file an hour back: the library index caches only files that have settled.
fn age(path: &Path) {
    let t = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(t).unwrap();
}

#[test]
fn list_keeps_an_index_in_the_cache_that_changes_nothing_it_prints() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let a = write(h, "in/a.json", &digest("A", "2024-06-01", &["a", "b"]));
    let b = write(h, "in/b.json", &digest("B", "2025-06-01", &["c"]));
    assert_eq!(newsdeck(h, &["add", &a, &b]).code, 0);
    let lib = library(h);
    let bad = lib.join("bad.json");
    fs::write(&bad, r#"{"articles": [{"headline": "H", "tags": 3}]}"#).unwrap();
    for name in ["a.json", "b.json", "bad.json"] {
        age(&lib.join(name));
    }
    let index = h.join("cache").join("newsdeck").join("library-index.bin");

    // The snapshot never writes, not even the cache.
    let snap = newsdeck(h, &["snapshot", "--width", "80", "--height", "10"]);
    assert_eq!(snap.code, 0, "{}", snap.err);
    assert!(!index.exists(), "snapshot wrote the index");

    let cold = newsdeck(h, &["list"]);
    assert_eq!(cold.code, 1, "the invalid file fails the command");
    assert!(index.exists(), "list writes the index");
    let warm = newsdeck(h, &["list"]);
    assert_eq!((warm.code, &warm.out, &warm.err), (1, &cold.out, &cold.err));
    let check = newsdeck(h, &["check", &bad.to_string_lossy()]);
    let why = check.out.trim().rsplit_once(".json:").unwrap().1;
    assert!(
        warm.out.contains(&format!("invalid: {why}")),
        "{}",
        warm.out
    );

    // The snapshot reads the index and shows what it shows without it.
    let snap_warm = newsdeck(h, &["snapshot", "--width", "80", "--height", "10"]);
    assert_eq!(snap_warm.out, snap.out);

    fs::remove_file(&index).unwrap();
    let rebuilt = newsdeck(h, &["list"]);
    assert_eq!(rebuilt.out, cold.out, "deleting the index loses nothing");
}

#[test]
fn merge_combines_synced_copies_and_the_newer_change_wins() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let state_dir = home.join("state").join("newsdeck");
    fs::create_dir_all(&state_dir).unwrap();
    let mark = |read: bool, changed: u64| format!(r#"{{"read": {read}, "changed": {changed}}}"#);
    fs::write(
        state_dir.join("state.json"),
        format!(
            r#"{{"version": 1, "articles": {{"a": {}, "b": {}}}}}"#,
            mark(true, 100),
            mark(true, 100)
        ),
    )
    .unwrap();
    // The other machine read "c", and marked "b" unread later than this one read it.
    let other = home.join("other-state.json");
    fs::write(
        &other,
        format!(
            r#"{{"version": 1, "articles": {{"b": {}, "c": {}}}}}"#,
            mark(false, 200),
            mark(true, 50)
        ),
    )
    .unwrap();
    let bad = home.join("bad.json");
    fs::write(&bad, "not json").unwrap();

    let r = newsdeck(home, &["merge", other.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("other-state.json: 2 marks"), "{}", r.out);
    let merged = fs::read_to_string(state_dir.join("state.json")).unwrap();
    for (id, line) in [
        ("a", mark(true, 100)),
        ("b", mark(false, 200)),
        ("c", mark(true, 50)),
    ] {
        assert!(
            merged.contains(&format!(r#""{id}": {line}"#)),
            "{id} in {merged}"
        );
    }

    // A file that is not a state file is refused by name, and exit 1 says so.
    let r = newsdeck(home, &["merge", bad.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.err.contains("bad.json: not a newsdeck state file"),
        "{}",
        r.err
    );
    assert_eq!(
        fs::read_to_string(state_dir.join("state.json")).unwrap(),
        merged
    );
}

#[test]
fn merge_of_a_fifo_device_or_missing_file_fails_fast_and_claims_nothing() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let fifo = h.join("fifo.json");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    // Before the guarded reader, the FIFO hung `merge` and /dev/zero ate all memory.
    for (input, why) in [
        (fifo.to_str().unwrap(), "not a regular file"),
        ("/dev/zero", "not a regular file"),
        ("/nonexistent/state.json", "no such file"),
    ] {
        let r = newsdeck(h, &["merge", input]);
        assert_eq!(r.code, 1, "{input}: {}", r.err);
        assert!(r.err.contains(why), "{input}: {}", r.err);
        assert!(!r.out.contains("merged into"), "{input}: {}", r.out);
        assert!(r.err.contains("nothing was merged"), "{}", r.err);
    }
}

#[test]
fn merge_errors_quoting_the_file_are_sanitised() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // An 8-bit OSC that would retitle the terminal, and a right-to-left override, as `version`.
    let bad = write(
        h,
        "hostile.json",
        "{\"version\": \"\u{9d}0;pwned\\u0007\u{202e}x\", \"articles\": {}}",
    );
    let r = newsdeck(h, &["merge", &bad]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("unknown \"version\""), "{}", r.err);
    for c in ['\u{9d}', '\u{7}', '\u{202e}', '\u{1b}'] {
        assert!(!r.err.contains(c), "{c:?} reached stderr: {:?}", r.err);
    }
}

#[test]
fn snapshot_sizes_outside_1_to_1000_are_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // 65535x65535 used to try to allocate ~206 GB.
    for (w, hgt) in [("65535", "65535"), ("0", "10"), ("80", "1001")] {
        let r = newsdeck(h, &["snapshot", "--width", w, "--height", hgt]);
        assert_eq!(r.code, 2, "{w}x{hgt}: {}", r.err);
        assert!(r.out.is_empty());
    }
    let r = newsdeck(h, &["snapshot", "--width", "1000", "--height", "1"]);
    assert_eq!(r.code, 0, "{}", r.err);
}

#[test]
fn the_reader_with_output_into_a_pipe_says_what_to_use_and_writes_no_screen() {
    let home = tempfile::tempdir().unwrap();
    let digest = home.path().join("d.json");
    std::fs::write(&digest, newsdeck::SAMPLE_DIGEST).unwrap();
    // `output()` pipes stdout: what the user gets with `newsdeck d.json > out.txt`.
    let run = newsdeck(home.path(), &[digest.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.err);
    assert!(
        run.out.is_empty(),
        "no screen went into the pipe: {:?}",
        run.out
    );
    assert!(run.err.contains("not a terminal"), "{}", run.err);
    assert!(run.err.contains("newsdeck show FILE"), "{}", run.err);
    // A path that does not open is still the error said.
    let run = newsdeck(home.path(), &["missing.json"]);
    assert_eq!(run.code, 1);
    assert!(run.err.contains("missing.json"), "{}", run.err);
    assert!(!run.err.contains("not a terminal"), "{}", run.err);
}
