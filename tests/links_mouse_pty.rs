//! End to end in a pseudo-terminal, reading the raw bytes newsdeck writes: OSC 8 hyperlinks, OSC
//! 52 copies, mouse clicks and the wheel (SGR mouse reports), and terminal browsers that get the
//! terminal. Each test waits for what it expects (polling, with a generous deadline), never for a
//! fixed time; every child gets its own temporary HOME and XDG folders.

use std::path::Path;

mod common;

use common::pty::{DEADLINE, Session, contains};
use std::time::{Duration, Instant};

/// Every OSC sequence in `bytes` (its text up to the terminator), and anything foreign: a control
/// byte that is not part of an escape sequence and not CR, LF, BS or BEL.
fn scan(bytes: &[u8]) -> (Vec<String>, Vec<String>) {
    let (mut oscs, mut foreign) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x1b if bytes.get(i + 1) == Some(&b'[') => {
                // CSI: parameters, then one final byte in 0x40..=0x7e.
                i += 2;
                while i < bytes.len() && !(0x40..=0x7e).contains(&bytes[i]) {
                    i += 1;
                }
                i += 1;
            }
            0x1b if bytes.get(i + 1) == Some(&b']') => {
                let start = i + 2;
                let mut j = start;
                let end = loop {
                    match bytes.get(j) {
                        None => break j,
                        Some(0x07) => break j,
                        Some(0x1b) if bytes.get(j + 1) == Some(&b'\\') => break j,
                        _ => j += 1,
                    }
                };
                oscs.push(String::from_utf8_lossy(&bytes[start..end]).into_owned());
                i = if bytes.get(end) == Some(&0x07) {
                    end + 1
                } else {
                    end + 2
                };
            }
            // Other two-byte escapes (charset selection, keypad modes).
            0x1b => i += 2,
            b'\r' | b'\n' | 0x08 | 0x07 => i += 1,
            b if b < 0x20 || b == 0x7f => {
                foreign.push(format!("byte {b:#04x} at {i}"));
                i += 1;
            }
            _ => i += 1,
        }
    }
    (oscs, foreign)
}

fn digest(dir: &Path) -> String {
    let path = dir.join("links.json");
    let json = serde_json::json!({"articles": [
        {"id": "a", "headline": "Linked article", "url": "https://example.com/story",
         "summary": "More at https://example.org/more and that is all.",
         "commentators": [{"name": "Ann", "viewpoint": "first"}, {"name": "Bob", "viewpoint": "second"}]},
        {"id": "b", "headline": "Second article", "summary": "two"},
        {"id": "c", "headline": "Third article", "summary": "three"}
    ]});
    std::fs::write(&path, json.to_string()).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn osc8_wraps_links_and_y_copies_with_osc52_and_nothing_else_is_foreign() {
    let home = tempfile::tempdir().unwrap();
    let d = digest(home.path());
    let mut s = Session::newsdeck(home.path(), &[&d], &[]);
    s.wait_for_text("Linked article");
    let open = b"\x1b]8;;https://example.com/story\x1b\\https://example.com/story\x1b]8;;\x1b\\";
    s.wait("an OSC 8 hyperlink around the url", |_, b| {
        contains(b, open)
    });
    // The link in the summary is a hyperlink too.
    s.wait("the summary's link", |_, b| {
        contains(b, b"\x1b]8;;https://example.org/more\x1b\\")
    });
    s.press("y");
    // base64 of "https://example.com/story".
    let copy = b"\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLmNvbS9zdG9yeQ==\x07";
    s.wait("an OSC 52 copy", |_, b| contains(b, copy));
    s.wait_for_text("Copied https://example.com/story");
    s.quit();
    let (oscs, foreign) = scan(&s.bytes());
    assert!(foreign.is_empty(), "foreign bytes: {foreign:?}");
    for osc in &oscs {
        assert!(
            osc.starts_with("8;;") || osc.starts_with("52;c;"),
            "unexpected OSC {osc:?}"
        );
    }
}

#[test]
fn snapshot_output_stays_plain_text() {
    // `snapshot` prints plain text, and its rendering shares everything but the hyperlink pass.
    let home = tempfile::tempdir().unwrap();
    let d = digest(home.path());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsdeck"))
        .args(["snapshot", "--width", "80", "--height", "24", &d])
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("https://example.com/story"), "{text}");
    assert!(!text.contains('\x1b'), "escape in snapshot output");
}

#[test]
fn clicks_select_and_focus_and_the_wheel_scrolls() {
    let home = tempfile::tempdir().unwrap();
    let d = digest(home.path());
    let mut s = Session::newsdeck(home.path(), &[&d], &[]);
    s.wait_for_text("Linked article");
    s.wait("mouse reporting on", |_, b| contains(b, b"\x1b[?1006h"));
    // The list's third row: screen row 3 (border, then rows 1..).
    s.click(5, 3);
    s.wait_for_text("Article 3/3");
    // A click in the article pane focuses it.
    s.click(50, 5);
    s.wait_for_text("article · ");
    // The wheel over the list moves up a row without taking the focus.
    s.press("\x1b[<64;5;3M");
    s.wait_for_text("Article 2/3");
    assert!(s.screen().contains("article · "));
    // A double click on the first row opens it (focus on the article): read, two unread remain.
    s.click(5, 1);
    s.click(5, 1);
    s.wait_for_text("article · 2 unread");
    // M turns the mouse off (and says so).
    s.press("M");
    s.wait_for_text("Mouse off");
    s.wait("mouse reporting off", |_, b| contains(b, b"\x1b[?1006l"));
    s.quit();
}

#[test]
fn a_terminal_browser_gets_the_terminal_and_percent_s_is_the_url() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let d = digest(dir);
    // A fake terminal browser, named like one: it records whether it has a terminal and the
    // arguments it got.
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let browser = bin.join("w3m");
    let record = dir.join("browser.txt");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nif [ -t 0 ] && [ -t 1 ]; then t=tty; else t=notty; fi\n\
             printf '%s\\n' \"$t\" \"$@\" > '{}.tmp'\nmv '{0}.tmp' '{0}'\n",
            record.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let command = format!("'{}' -o 'x y' %s", browser.display());
    let mut s = Session::newsdeck(dir, &[&d], &[("BROWSER", &command)]);
    s.wait_for_text("Linked article");
    s.press("o");
    let start = Instant::now();
    while !record.exists() {
        assert!(start.elapsed() < DEADLINE, "the browser never ran");
        std::thread::sleep(Duration::from_millis(20));
    }
    let got = std::fs::read_to_string(&record).unwrap();
    assert_eq!(got, "tty\n-o\nx y\nhttps://example.com/story\n");
    // newsdeck takes the terminal back and says what it did; the article is now read.
    s.wait_for_text("Opened https://example.com/story with");
    s.wait_for_text("list · 2 unread");
    s.quit();
}

#[test]
fn the_link_list_says_what_its_keys_do_and_marks_its_choice() {
    // Bug (found by hand): under the link list the status bar kept the reader's hints (Tab
    // pane, / filter, ? help), keys that only close the list; and its chosen row was marked
    // by reverse video alone, lost without colour.
    let home = tempfile::tempdir().unwrap();
    let path = digest(home.path());
    let run = common::newsdeck(
        home.path(),
        &[
            "snapshot", "--width", "80", "--height", "24", "--keys", "Lj", &path,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.err);
    let bar = run.out.lines().last().unwrap_or_default();
    assert!(
        bar.contains("y copy") && bar.contains("any other key close"),
        "{bar}"
    );
    assert!(!bar.contains("Tab pane"), "{bar}");
    assert!(
        run.out.contains("▶ 2  https://example.org/more"),
        "{}",
        run.out
    );
}

#[test]
fn a_browser_that_cannot_start_says_why_and_what_to_do_in_full() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let d = digest(dir);
    // A browser named by a long path that does not exist: the reason comes after the path, and
    // a one-line notice cut it off.
    let missing = dir.join("no-such-folder-anywhere").join("nor-this-browser");
    let command = format!("'{}' %s", missing.display());
    let mut s = Session::newsdeck(dir, &[&d], &[("BROWSER", &command)]);
    s.wait_for_text("Linked article");
    s.press("o");
    // The warning wraps: joined up, its lines hold the reason and the advice whole.
    s.wait_for("the whole reason and the advice", |screen| {
        let joined: String = screen
            .lines()
            .map(|l| l.trim_matches(|c: char| c == '┃' || c.is_whitespace()))
            .collect::<Vec<_>>()
            .join(" ");
        joined.contains("No such file or directory") && joined.contains("firefox %s")
    });
    s.press("x");
    s.quit();
}
