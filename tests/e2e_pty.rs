//! End to end: the built binary in a pseudo-terminal, read through a vt100 parser.
//!
//! Each test waits (with a generous deadline, polling rather than sleeping) for the screen to show
//! what it expects, so a loaded machine only makes it slower, not flaky. Every child gets HOME and
//! the XDG folders in its own temp folder, so nothing touches the user's files.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;

use common::pty::{DEADLINE, LEAVE_ALT, Session, find_last};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn path_hash_id_opens_that_article_and_y_writes_osc52() {
    let home = tempfile::tempdir().unwrap();
    let arg = format!("{}#cjk-3", fixture("cjk.json"));
    let mut s = Session::spawn_in(home.path(), &[&arg]);
    // Opened as Enter would: the article pane has it and it is marked read.
    // (Waiting for each: a read can catch a frame half drawn.)
    s.wait_for_text("Article 3/3");
    s.wait_for_text("article · 2 unread");
    s.press("Y");
    s.wait_for_text("Copied the article as Markdown");
    let expected = format!(
        "\x1b]52;c;{}",
        b64("# An ASCII headline between the wide ones")
    );
    let bytes = s.bytes();
    let at = find_last(&bytes, b"\x1b]52;c;").expect("an OSC 52 sequence");
    let seq = &bytes[at..];
    let end = seq.iter().position(|&b| b == 0x07).expect("ended by BEL");
    assert!(
        seq[..end].starts_with(expected.as_bytes()),
        "the payload starts with the headline: {:?}",
        String::from_utf8_lossy(&seq[..end.min(80)])
    );
    s.press("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// Base64 of `text` up to its last whole three bytes (enough to compare the start of a payload).
fn b64(text: &str) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in text.as_bytes().chunks_exact(3) {
        let n = (u32::from(c[0]) << 16) | (u32::from(c[1]) << 8) | u32::from(c[2]);
        for i in 0..4 {
            out.push(char::from(A[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

#[test]
fn keys_move_focus_help_and_quit_restores_the_terminal() {
    let mut s = Session::spawn(&[&fixture("cjk.json")]);
    s.wait_for_text("An ASCII headline");
    // The status bar is drawn after the list: wait for it rather than expect it in the same read
    // (under load the first read can end mid-frame).
    let screen = s.wait_for_text("list · 3 unread");
    assert!(screen.contains("Article 1/3"), "{screen}");

    s.press("j");
    s.wait_for_text("Article 2/3");

    s.press("\t");
    let screen = s.wait_for_text("article · 3 unread");
    assert!(!screen.contains("list · 3 unread"), "{screen}");

    s.press("?");
    s.wait_for_text("Keys: reader");
    // Any key closes the help and does nothing else.
    s.press("x");
    let screen = s.wait_for("the help to close", |s| !s.contains("Keys: reader"));
    assert!(screen.contains("article · 3 unread"), "{screen}");

    s.press("\t\t\r");
    // Enter in the list opens the article and marks it read.
    s.wait_for_text("2 unread");

    s.press("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal_saves_state_and_exits_143() {
    // No arguments: the (empty, temporary) library shows the bundled sample.
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::spawn_in(home.path(), &[]);
    s.wait_for_text("OpenAI CEO Sam Altman");
    // Mark the article read and signal at once, before the debounced save would run.
    s.press("\r");
    s.wait_for_text("0 unread");
    s.signal("TERM");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 128 + 15, "{status:?}");
    s.assert_restored();
    // The change made just before the signal was flushed on the way out.
    let state = std::fs::read_to_string(home.path().join("state/newsdeck/state.json")).unwrap();
    assert!(
        state.contains(r#""openai-altman-deepseek-efficiency-2025-10-27": {"read": true"#),
        "{state}"
    );
}

#[test]
fn read_marks_survive_quit_and_relaunch() {
    let home = tempfile::tempdir().unwrap();
    let cjk = fixture("cjk.json");
    let mut s = Session::spawn_in(home.path(), &[&cjk]);
    s.wait_for_text("list · 3 unread");
    // Open the second article (marks it read), then quit.
    s.press("j\r");
    s.wait_for_text("article · 2 unread");
    s.press("q");
    assert!(s.wait_exit().success());
    drop(s);

    let mut again = Session::spawn_in(home.path(), &[&cjk]);
    let screen = again.wait_for_text("list · 2 unread");
    // The list shows the second article without its unread marker, and the digest opens where
    // you were: after the article opened last (read), on the first unread one, the third.
    let rows: Vec<&str> = screen.lines().skip(1).take(3).collect();
    assert!(
        rows[0].contains('●') && !rows[1].contains('●') && rows[2].contains('●'),
        "{screen}"
    );
    assert!(rows[2].contains('▶'), "{screen}");
    // And `m` makes the second unread again, which also lasts.
    again.press("km");
    again.wait_for_text("list · 3 unread");
    again.press("q");
    assert!(again.wait_exit().success());
    drop(again);
    let mut third = Session::spawn_in(home.path(), &[&cjk]);
    third.wait_for_text("list · 3 unread");
    third.press("q");
    assert!(third.wait_exit().success());
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    let mut s = Session::spawn(&[]);
    s.wait_for_text("OpenAI CEO Sam Altman");
    s.signal("HUP");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 128 + 1, "{status:?}");
    s.assert_restored();
}

/// newsdeck on the CJK fixture, started from an interactive bash (for job control), in a home
/// of its own; returns once its first screen is up.
fn cjk_under_a_shell() -> (tempfile::TempDir, Session) {
    let home = tempfile::tempdir().unwrap();
    let mut sh = Session::shell(home.path());
    let newsdeck = env!("CARGO_BIN_EXE_newsdeck");
    sh.press(&format!("'{newsdeck}' '{}'\r", fixture("cjk.json")));
    sh.wait_for_text("list · 3 unread");
    (home, sh)
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws() {
    let (_home, mut sh) = cjk_under_a_shell();

    sh.press("\x1a");
    // The shell is back: its job report is on the normal screen, and newsdeck restored it.
    sh.wait_for_text("Stopped");
    sh.assert_restored();

    sh.press("fg\r");
    // Back on the alternate screen and drawn in full, with keys working again.
    sh.wait_for_text("list · 3 unread");
    sh.press("j");
    sh.wait_for_text("Article 2/3");
    sh.press("q");
    sh.wait_for_prompt();
    sh.assert_restored();
    sh.press("exit\r");
    sh.wait_exit();
}

#[test]
fn o_opens_the_link_as_one_argument_and_never_through_a_shell() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    // A fake browser that records the arguments it was given.
    let browser = dir.join("browser.sh");
    let record = dir.join("opened.txt");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > '{}'\n",
            record.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let pwned = dir.join("pwned");
    let url = format!("https://example.com/a b;c$(touch {})`id`", pwned.display());
    let digest = dir.join("links.json");
    let json = serde_json::json!({"articles": [
        {"headline": "Web link", "url": url},
        {"headline": "File link", "url": "file:///etc/passwd"}
    ]});
    std::fs::write(&digest, json.to_string()).unwrap();

    let mut s = Session::spawn_with_env(
        env!("CARGO_BIN_EXE_newsdeck"),
        dir,
        &[digest.to_str().unwrap()],
        &[("BROWSER", browser.to_str().unwrap())],
    );
    s.wait_for_text("Web link");
    s.press("o");
    let start = Instant::now();
    while !record.exists() {
        assert!(start.elapsed() < DEADLINE, "the browser was never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Give the script a moment to finish writing.
    std::thread::sleep(Duration::from_millis(200));
    let got = std::fs::read_to_string(&record).unwrap();
    assert_eq!(got, format!("1\n{url}\n"), "one argument, exactly the url");
    assert!(!pwned.exists(), "a shell ran part of the url");

    // Anything but http(s) is refused with a message.
    std::fs::remove_file(&record).unwrap();
    s.press("jo");
    s.wait_for_text("only http and https links are opened");
    assert!(!record.exists());
    s.press("q");
    assert!(s.wait_exit().success());
}

#[test]
fn sigint_from_outside_restores_the_terminal_and_exits_130() {
    // In raw mode Ctrl-c is a key; a SIGINT from another process must still end newsdeck cleanly.
    let mut s = Session::spawn(&[]);
    s.wait_for_text("OpenAI CEO Sam Altman");
    s.signal("INT");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 128 + 2, "{status:?}");
    s.assert_restored();
}

#[test]
fn a_corrupt_state_warning_stays_until_dismissed_and_is_printed_at_exit() {
    // Bug: the warning was cut before it named the file it moved aside, vanished on the next
    // key, and was never said again once the screen was gone.
    let home = tempfile::tempdir().unwrap();
    let state_dir = home.path().join("state/newsdeck");
    std::fs::create_dir_all(&state_dir).unwrap();
    std::fs::write(state_dir.join("state.json"), "{\"version\": 1, \"arti").unwrap();
    let mut s = Session::spawn_in(home.path(), &[&fixture("cjk.json")]);
    s.wait_for_text("Warning · x dismisses");
    // A key that does something else leaves the warning up, its file name whole.
    s.press("j");
    let screen = s.wait_for_text("list · 3 unread");
    assert!(screen.contains("Warning"), "{screen}");
    assert!(screen.contains(".corrupt-"), "{screen}");
    s.press("x");
    s.wait_for("the warning to close", |t| !t.contains("Warning"));
    s.press("q");
    assert!(s.wait_exit().success());
    // After the terminal is restored, the warning is said again on stderr (the reader thread
    // may still be draining the last bytes).
    let start = Instant::now();
    loop {
        let bytes = s.bytes();
        let after = find_last(&bytes, LEAVE_ALT).map_or(&[][..], |i| &bytes[i..]);
        let tail = String::from_utf8_lossy(after);
        if tail.contains("newsdeck: read state") && tail.contains(".corrupt-") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no warning after the screen was restored: {tail:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_config_error_shows_on_the_first_screen_and_again_at_exit() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/newsdeck");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "them = \"light\"\n").unwrap();
    let mut s = Session::spawn_in(home.path(), &[]);
    s.wait_for_text("config.toml:1:1: unknown name");
    // The defaults apply, and the message stays, wrapped, through other keys until dismissed.
    s.press("j");
    let screen = s.wait_for_text("Warning · x dismisses");
    assert!(screen.contains("using the defaults"), "{screen}");
    s.press("x");
    s.wait_for("the message to go", |screen| {
        !screen.contains("config.toml:1:1")
    });
    s.press("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
    let bytes = s.bytes();
    let after = &bytes[find_last(&bytes, LEAVE_ALT).unwrap()..];
    let text = String::from_utf8_lossy(after);
    assert!(
        text.contains("config.toml:1:1: unknown name `them`; did you mean `theme`?"),
        "{text}"
    );
}

/// The state folder newsdeck uses under a session's `home`.
fn state_dir(home: &Path) -> PathBuf {
    home.join("state").join("newsdeck")
}

/// Holds newsdeck's state lock from this process, as another newsdeck in mid-save would.
fn hold_state_lock(home: &Path) -> std::fs::File {
    let dir = state_dir(home);
    std::fs::create_dir_all(&dir).unwrap();
    let lock = std::fs::File::create(dir.join("state.json.lock")).unwrap();
    lock.try_lock().unwrap();
    lock
}

#[test]
fn a_held_state_lock_never_blocks_the_screen_and_lost_marks_are_reported_at_quit() {
    let home = tempfile::tempdir().unwrap();
    let _lock = hold_state_lock(home.path());
    let mut s = Session::spawn_in(home.path(), &[&fixture("cjk.json")]);
    // The first frame comes at once (start-up used to wait ~10 s for the lock).
    s.wait_for_text("list · 3 unread");
    s.press("\r");
    s.wait_for_text("2 unread");
    // The save after the change is held up, and the status bar says so...
    s.wait_for_text("saving… (state file locked by another newsdeck)");
    // ...while keys still answer (each used to wait ~10 s).
    s.press("?");
    s.wait_for_text("Keys: reader");
    s.press("x");
    s.wait_for("the help to close", |s| !s.contains("Keys: reader"));
    s.press("q");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 1, "{status:?}");
    s.assert_restored();
    // Said on the normal screen, after the terminal was restored.
    // The read mark, the article last opened and the library cursor.
    let screen =
        s.wait_for_text("3 changes to read state (read marks, stars, places) were not saved");
    assert!(screen.contains("locked by another newsdeck"), "{screen}");
    assert!(!state_dir(home.path()).join("state.json").exists());
}

#[test]
fn sigquit_restores_the_terminal_and_exits_131() {
    let mut s = Session::spawn(&[]);
    s.wait_for_text("OpenAI CEO Sam Altman");
    s.signal("QUIT");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 128 + 3, "{status:?}");
    s.assert_restored();
}

#[test]
fn ctrl_z_saves_first_and_kill_of_the_stopped_job_saves_and_exits_143() {
    let (home, mut sh) = cjk_under_a_shell();
    // Mark an article read and stop at once, well before the debounced save would run.
    sh.press("\r");
    sh.wait_for_text("2 unread");
    sh.press("\x1a");
    sh.wait_for_text("Stopped");
    sh.assert_restored();
    // Saved before stopping: nothing runs while stopped.
    let state = std::fs::read_to_string(state_dir(home.path()).join("state.json")).unwrap();
    assert!(state.contains(r#""cjk-1": {"read": true"#), "{state}");
    // `kill %1` sends SIGTERM (and SIGCONT): newsdeck ends without `fg`, as signals say. Until
    // bash has seen the job continue, `wait %1` answers at once with the stop's 147: ask again.
    // (Before this change newsdeck stayed stopped, and this loop never ended.)
    sh.press("kill %1; r=147; while [ $r = 147 ]; do wait %1 2>/dev/null; r=$?; sleep 0.05; done; echo \"rc=$r\"\r");
    // Either `wait` reports it, or bash's own job report does (having reaped the job first).
    sh.wait_for("exit status 143", |s| {
        s.contains("rc=143") || s.contains("Exit 143")
    });
    sh.assert_restored();
    sh.press("exit\r");
    sh.wait_exit();
}

#[test]
fn a_huge_terminal_draws_a_bounded_screen() {
    // 20000x20000 cells used to allocate ~19 GB and abort with the terminal left raw.
    let home = tempfile::tempdir().unwrap();
    let mut sh = Session::shell(home.path());
    let newsdeck = env!("CARGO_BIN_EXE_newsdeck");
    sh.press(&format!(
        "stty rows 20000 cols 20000; '{newsdeck}' '{}'; echo \"rc=$?\"\r",
        fixture("cjk.json")
    ));
    // The emulated terminal is 80x24, so only the status bar's end shows where it expects it.
    sh.wait_for_text("list · 3 unread");
    sh.press("q");
    sh.wait_for_text("rc=0");
    sh.assert_restored();
    sh.press("exit\r");
    sh.wait_exit();
}

/// A digest with this title and one article per headline (ids from the headlines).
fn small_digest(title: &str, headlines: &[&str]) -> String {
    let articles: Vec<String> = headlines
        .iter()
        .map(|h| format!(r#"{{"id": "{h}", "headline": "{h}"}}"#))
        .collect();
    format!(
        r#"{{"title": "{title}", "published": "2025-10-27", "articles": [{}]}}"#,
        articles.join(", ")
    )
}

#[test]
fn a_digest_copied_into_the_library_appears_without_a_key() {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("data/newsdeck/digests");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::write(
        lib.join("first.json"),
        small_digest("First digest", &["f1"]),
    )
    .unwrap();
    let outside = home.path().join("second.json");
    std::fs::write(&outside, small_digest("Second digest", &["s1", "s2"])).unwrap();
    let mut s = Session::spawn_in(home.path(), &[]);
    let screen = s.wait_for_text("First digest");
    assert!(!screen.contains("Second digest"), "{screen}");
    // Copied in, as a user or a script would: no key is pressed, and the screen follows.
    std::fs::copy(&outside, lib.join("second.json")).unwrap();
    s.wait_for_text("Second digest");
    // And a digest that leaves the folder leaves the screen.
    std::fs::remove_file(lib.join("first.json")).unwrap();
    s.wait_for("first.json's row to go", |screen| {
        !screen.contains("First digest")
    });
    s.press("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn a_digest_piped_to_stdin_opens_and_keys_still_work() {
    // stdin is a pipe here, so the keys must come from the terminal itself (/dev/tty).
    let home = tempfile::tempdir().unwrap();
    let mut sh = Session::shell(home.path());
    let newsdeck = env!("CARGO_BIN_EXE_newsdeck");
    sh.press(&format!("cat '{}' | '{newsdeck}' -\r", fixture("cjk.json")));
    sh.wait_for_text("Article 1/3");
    sh.press("j");
    sh.wait_for_text("Article 2/3");
    sh.press("q");
    sh.wait_for_prompt();
    sh.assert_restored();
    sh.press("exit\r");
    sh.wait_exit();
}

#[test]
fn a_feed_url_downloads_and_opens() {
    // One answer from a server on 127.0.0.1: the RSS fixture, whatever was asked.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/feed.xml", listener.local_addr().unwrap());
    let body = std::fs::read(fixture("feeds/rss2_cdata.xml")).unwrap();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap() == 1 {
            head.push(byte[0]);
        }
        let reply = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len());
        stream.write_all(reply.as_bytes()).unwrap();
        stream.write_all(&body).unwrap();
    });
    let mut s = Session::spawn(&[&url]);
    s.wait_for_text("LLVM 21 lands");
    s.press("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// The terminal loop runs a filter pass that does not fit in one keystroke to its end, between
/// input events: the prompt ends on the count a one-shot filter gives, once the full-text index
/// has arrived (the headlines alone give fewer).
#[test]
fn a_long_filter_pass_finishes_between_keys_in_the_terminal() {
    use newsdeck::model::search::SearchIndex;
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("big.json");
    // About 2.7 MB of text: with the index, three steps of the filter.
    let bytes = newsdeck::synth::digest(600, 9);
    std::fs::write(&path, &bytes).unwrap();
    let digest = newsdeck::format::parse(&bytes, "t").unwrap();
    let index = SearchIndex::build(&digest);
    let count = |terms: &[&str], full: bool| {
        (0..digest.entries.len())
            .filter(|&i| match full {
                true => index.matches(&digest, i, terms),
                false => terms
                    .iter()
                    .all(|t| newsdeck::model::search::matches_list_fields(&digest, i, t)),
            })
            .count()
    };
    // A query the index finds in some articles, more than their headlines and tags show: the
    // generator names commentators "Analyst 0" to "Analyst 3".
    let candidates: [&[&str]; 3] = [&["analyst", "3"], &["analyst", "2"], &["analyst", "1"]];
    let terms = candidates
        .into_iter()
        .find(|t| count(t, false) < count(t, true) && count(t, true) < digest.entries.len())
        .expect("a query that needs the index");
    let (query, all) = (terms.join(" "), count(terms, true));
    let mut s = Session::spawn_in(home.path(), &[path.to_str().unwrap()]);
    s.wait_for_text("· 600 unread");
    s.press(&format!("/{query}"));
    s.wait_for_text(&format!("{all} matches  Enter"));
    s.press("\x1b");
    s.wait_for("the filter to clear", |screen| {
        !screen.contains("[/analyst")
    });
    s.quit();
    s.assert_restored();
}
