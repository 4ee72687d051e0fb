//! `newsdeck check` end to end: output lines and exit codes (0 valid, 1 invalid, 2 usage).

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

struct Run {
    code: i32,
    stdout: String,
}

/// Runs the binary with HOME and the XDG folders inside `home`, so no real user file is touched.
fn check(home: &Path, args: &[&Path]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_newsdeck"))
        .arg("check")
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .expect("run newsdeck");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("utf-8 output"),
    }
}

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

fn lines(run: &Run) -> Vec<&str> {
    run.stdout.lines().collect()
}

#[test]
fn valid_files_print_ok_and_exit_0() {
    let dir = TempDir::new().unwrap();
    let one = write(
        &dir,
        "one.json",
        br#"{"id": "one", "articles": [{"headline": "a"}]}"#,
    );
    let two = write(
        &dir,
        "two.json",
        br#"[{"headline": "a"}, {"headline": "b"}]"#,
    );
    let run = check(dir.path(), &[&one, &two]);
    assert_eq!(run.code, 0);
    assert_eq!(
        lines(&run),
        [
            format!("{}: ok, 1 article", one.display()),
            format!("{}: ok, 2 articles", two.display()),
            // An array of articles has no digest `id` or `published`.
            format!(
                "{}: warning: read state will follow the file name; give the digest an id or a date",
                two.display()
            ),
        ]
    );
}

#[test]
fn any_invalid_file_exits_1_and_every_file_gets_a_line() {
    let dir = TempDir::new().unwrap();
    let good = write(
        &dir,
        "good.json",
        br#"{"published": "2025-10-27", "articles": []}"#,
    );
    let bad = write(
        &dir,
        "bad.json",
        b"{\"articles\": [\n  {\"headline\": \"a\"},\n  {\"summary\": \"b\"}\n]}",
    );
    let wrong = write(&dir, "wrong.json", br#"{"articles": [{"headline": 5}]}"#);
    let empty = write(&dir, "empty.json", b"");
    let utf8 = write(&dir, "latin1.json", b"[{\"headline\": \"caf\xe9\"}]");
    let rss = write(&dir, "feed.xml", b"<?xml version=\"1.0\"?><rss/>");
    let body = write(
        &dir,
        "body.json",
        br#"[{"headline": "a", "context": "not a list"}]"#,
    );
    let run = check(
        dir.path(),
        &[&good, &bad, &wrong, &empty, &utf8, &rss, &body],
    );
    assert_eq!(run.code, 1);
    let d = |p: &PathBuf| p.display().to_string();
    assert_eq!(
        lines(&run),
        [
            format!("{}: ok, 0 articles", d(&good)),
            format!("{}:3:3: articles[1]: missing \"headline\"", d(&bad)),
            format!(
                "{}:1:28: articles[0].headline: invalid type: integer `5`, expected a string",
                d(&wrong)
            ),
            format!(
                "{}: empty file: a digest is a JSON object with an \"articles\" array (see `newsdeck help format`)",
                d(&empty)
            ),
            format!(
                "{}:1:19: invalid UTF-8 at byte offset 18: a digest must be UTF-8 text",
                d(&utf8)
            ),
            format!(
                // XML is read as a feed now; this one has no channel, and the feed reader says so.
                "{}: not a feed: no <rss>, <feed>, <rdf:RDF> or JSON Feed object found",
                d(&rss)
            ),
            format!(
                "{}:1:42: [0].context: invalid type: string \"not a list\", expected a sequence",
                d(&body)
            ),
        ]
    );
}

#[test]
fn duplicate_ids_are_a_warning_line_after_ok() {
    let dir = TempDir::new().unwrap();
    let f = write(
        &dir,
        "dups.json",
        br#"{"id": "d", "articles": [{"headline": "a", "id": "x"}, {"headline": "b", "id": "y"},
            {"headline": "c", "id": "x"}, {"headline": "d", "url": "y"}, {"headline": "e", "id": "x"}]}"#,
    );
    let run = check(dir.path(), &[&f]);
    assert_eq!(run.code, 0, "duplicates are a warning, not an error");
    let p = f.display();
    assert_eq!(
        lines(&run),
        [
            format!("{p}: ok, 5 articles"),
            format!("{p}: warning: duplicate id \"x\" at articles[0], articles[2] and articles[4]"),
            format!("{p}: warning: duplicate id \"y\" at articles[1] and articles[3]"),
        ]
    );
}

#[test]
fn missing_files_and_folders_are_not_digests() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("nope.json");
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let run = check(dir.path(), &[&missing, &folder]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run),
        [
            format!("{}: no such file", missing.display()),
            format!(
                "{}: not a regular file (it is a folder); give a digest file",
                folder.display()
            ),
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("pipe.json");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable; skipping");
        return;
    }
    let run = check(dir.path(), &[&fifo]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        format!(
            "{}: not a regular file (it is a FIFO, socket or device); give a digest file\n",
            fifo.display()
        )
    );
    let dev = Path::new("/dev/null");
    let run = check(dir.path(), &[dev]);
    assert_eq!(
        run.stdout,
        "/dev/null: not a regular file (it is a FIFO, socket or device); give a digest file\n"
    );
}

#[test]
fn files_over_the_size_cap_are_refused_unread() {
    let dir = TempDir::new().unwrap();
    let big = dir.path().join("big.json");
    // Sparse: no disk space used, and the cap refuses it before reading a byte.
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(newsdeck::store::load::MAX_DIGEST_BYTES + 1)
        .unwrap();
    let run = check(dir.path(), &[&big]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        format!(
            "{}: too big: 268435457 bytes, and newsdeck reads digests of at most 256 MiB (268435456 bytes)\n",
            big.display()
        )
    );
}

#[test]
fn file_names_are_sanitised_in_output() {
    let dir = TempDir::new().unwrap();
    let evil = write(&dir, "evil\x1b[2J\u{202e}.json", b"[]");
    let run = check(dir.path(), &[&evil]);
    assert_eq!(run.code, 0);
    assert!(!run.stdout.contains('\x1b') && !run.stdout.contains('\u{202e}'));
    assert!(
        run.stdout.contains("evil.json: ok, 0 articles\n"),
        "{:?}",
        run.stdout
    );
}

#[test]
fn no_files_is_a_usage_error() {
    let dir = TempDir::new().unwrap();
    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
}

#[test]
fn the_check_function_is_usable_in_process() {
    let dir = TempDir::new().unwrap();
    let f = write(&dir, "a.json", br#"{"headline": "solo"}"#);
    let mut out = Vec::new();
    assert_eq!(
        newsdeck::cmd::check::run(std::slice::from_ref(&f), &mut out),
        0
    );
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!(
            "{p}: ok, 1 article\n{p}: warning: read state will follow the file name; give the digest an id or a date\n",
            p = f.display()
        )
    );
}

#[test]
fn a_digest_keyed_by_its_file_name_gets_a_warning_and_still_passes() {
    let dir = TempDir::new().unwrap();
    let undated = write(&dir, "undated.json", br#"{"title": "T", "articles": []}"#);
    let dated = write(
        &dir,
        "dated.json",
        br#"{"title": "T", "published": "2025-10-27", "articles": []}"#,
    );
    let with_id = write(&dir, "id.json", br#"{"id": "x", "articles": []}"#);
    let run = check(dir.path(), &[&undated, &dated, &with_id]);
    assert_eq!(run.code, 0, "a warning, not an error");
    assert_eq!(
        lines(&run),
        [
            format!("{}: ok, 0 articles", undated.display()),
            format!(
                "{}: warning: read state will follow the file name; give the digest an id or a date",
                undated.display()
            ),
            format!("{}: ok, 0 articles", dated.display()),
            format!("{}: ok, 0 articles", with_id.display()),
        ]
    );
}

#[test]
fn a_headline_of_only_invisible_characters_is_empty() {
    // Zero width space, LRM, RLM, Arabic letter mark, zero width no-break space, soft hyphen.
    let dir = TempDir::new().unwrap();
    let f = write(
        &dir,
        "ghost.json",
        r#"{"articles": [{"headline": "\u200b\u200e\u200f\u061c\ufeff\u00ad"}]}"#.as_bytes(),
    );
    let run = check(dir.path(), &[&f]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("headline"), "{}", run.stdout);
}

#[test]
fn utf16_without_a_bom_gets_the_utf16_message() {
    let dir = TempDir::new().unwrap();
    let text = r#"{"articles": [{"headline": "H"}]}"#;
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes) in [("le.json", le), ("be.json", be)] {
        let f = write(&dir, name, &bytes);
        let run = check(dir.path(), &[&f]);
        assert_eq!(run.code, 1, "{}", run.stdout);
        assert!(run.stdout.contains("UTF-16"), "{name}: {}", run.stdout);
        assert!(!run.stdout.contains("expected value"), "{}", run.stdout);
    }
}
