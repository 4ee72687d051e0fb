//! Getting digests in through the command line: folders, stdin, URLs (from a server this test
//! starts on 127.0.0.1), feed files, subscriptions, OPML and fetch. Each run has HOME and every
//! XDG folder in a temporary folder.

mod common;

use common::{newsdeck, newsdeck_with_stdin};

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use std::sync::{Arc, Mutex};

fn library(home: &Path) -> PathBuf {
    home.join("data").join("newsdeck").join("digests")
}

fn library_names(home: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(library(home)) else {
        return Vec::new();
    };
    let mut v: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

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

fn feed_fixture() -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds/rss2_cdata.xml"))
        .unwrap()
}

/// An RSS feed titled `title` with one item per guid.
fn rss(title: &str, guids: &[&str]) -> String {
    let items: String = guids
        .iter()
        .map(|g| {
            format!(
                "<item><title>Item {g}</title><guid>{g}</guid><link>https://example.org/{g}</link></item>"
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>https://example.org/</link>{items}</channel></rss>"#
    )
}

/// What the test server answers for a path: status, extra headers, body.
type Route = (u16, Vec<(String, String)>, Vec<u8>);

/// A tiny HTTP/1.1 server on 127.0.0.1 whose answers the test can change between requests.
struct Server {
    base: String,
    routes: Arc<Mutex<HashMap<String, Route>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let table = Arc::clone(&routes);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let table = Arc::clone(&table);
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut first = String::new();
                    if reader.read_line(&mut first).is_err() {
                        return;
                    }
                    loop {
                        let mut line = String::new();
                        match reader.read_line(&mut line) {
                            Ok(0) | Err(_) => break,
                            Ok(_) if line == "\r\n" => break,
                            Ok(_) => {}
                        }
                    }
                    let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
                    let route = table.lock().unwrap().get(&path).cloned();
                    let (status, headers, body) =
                        route.unwrap_or((404, Vec::new(), b"not found".to_vec()));
                    let mut head = format!("HTTP/1.1 {status} X\r\nConnection: close\r\n");
                    let declares_length = headers
                        .iter()
                        .any(|(n, _)| n.eq_ignore_ascii_case("content-length"));
                    for (n, v) in &headers {
                        head.push_str(&format!("{n}: {v}\r\n"));
                    }
                    if !declares_length {
                        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
                    }
                    head.push_str("\r\n");
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&body);
                });
            }
        });
        Server { base, routes }
    }

    fn serve(&self, path: &str, status: u16, body: impl Into<Vec<u8>>) {
        self.serve_with(path, status, &[], body);
    }

    fn serve_with(
        &self,
        path: &str,
        status: u16,
        headers: &[(&str, &str)],
        body: impl Into<Vec<u8>>,
    ) {
        let headers = headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        self.routes
            .lock()
            .unwrap()
            .insert(path.to_string(), (status, headers, body.into()));
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

#[test]
fn add_dir_adds_every_digest_and_feed_and_reports_each_bad_file() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let dir = h.join("incoming");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("good.json"), digest("Good", &["g1"])).unwrap();
    fs::write(dir.join("chips.xml"), feed_fixture()).unwrap();
    fs::write(dir.join("bad.json"), r#"{"articles": [{"headline": 3}]}"#).unwrap();
    fs::write(dir.join("notes.txt"), "not a digest").unwrap();
    let r = newsdeck(h, &["add", dir.to_str().unwrap()]);
    assert_eq!(r.code, 1, "a bad file fails the run: {}", r.out);
    assert!(r.err.contains("bad.json"), "{}", r.err);
    assert!(!r.err.contains("notes.txt"), "{}", r.err);
    assert!(r.out.contains("good.json: added as"), "{}", r.out);
    assert!(r.out.contains("chips.xml: added as"), "{}", r.out);
    assert_eq!(library_names(h), ["chips.json", "good.json"]);
    // The library keeps the converted digest, which the loader reads.
    let listed = newsdeck(h, &["list"]);
    assert!(
        listed.out.contains("2\t2\tChips & Compilers Weekly"),
        "{}",
        listed.out
    );
    assert!(listed.out.contains("1\t1\tGood"), "{}", listed.out);
}

#[test]
fn stdin_is_read_by_add_and_check() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let r = newsdeck_with_stdin(h, &["check", "-"], &feed_fixture());
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert_eq!(r.out, "stdin: ok, 2 articles\n");
    let r = newsdeck_with_stdin(h, &["check", "-"], b"hello");
    assert_eq!(r.code, 1);
    assert!(r.out.starts_with("stdin:"), "{}", r.out);
    let r = newsdeck_with_stdin(h, &["add", "-"], digest("Piped", &["p1"]).as_bytes());
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.starts_with("stdin: added as"), "{}", r.out);
    assert_eq!(library_names(h), ["stdin.json"]);
    // Stdin can be read once: `-` twice is a usage error, and nothing is added.
    let r = newsdeck_with_stdin(h, &["add", "-", "-"], digest("Twice", &["t1"]).as_bytes());
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("`-` (stdin) can be given once"), "{}", r.err);
    assert_eq!(library_names(h), ["stdin.json"]);
}

#[test]
fn urls_are_downloaded_for_add_and_check_and_each_failure_says_why() {
    let server = Server::start();
    server.serve("/d/news.json", 200, digest("Served", &["s1", "s2"]));
    server.serve("/feed.xml", 200, feed_fixture());
    server.serve("/hello.txt", 200, "hello, not a digest");
    // Declares more than the 256 MiB cap: refused before the body is read.
    server.serve_with("/huge.json", 200, &[("Content-Length", "300000000")], "{");
    let home = tempfile::tempdir().unwrap();
    let h = home.path();

    let r = newsdeck(h, &["check", &server.url("/feed.xml")]);
    assert_eq!(r.code, 0, "{}", r.out);
    assert_eq!(
        r.out,
        format!("{}: ok, 2 articles\n", server.url("/feed.xml"))
    );

    let r = newsdeck(
        h,
        &["add", &server.url("/d/news.json"), &server.url("/feed.xml")],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(library_names(h), ["feed.json", "news.json"]);

    for (path, why) in [
        ("/missing.json", "HTTP 404"),
        ("/huge.json", "too big"),
        ("/hello.txt", ""),
    ] {
        let url = server.url(path);
        let r = newsdeck(h, &["add", &url]);
        assert_eq!(r.code, 1, "{path}: {}", r.out);
        assert!(
            r.err.starts_with(&url) && r.err.contains(why),
            "{path}: {}",
            r.err
        );
        let r = newsdeck(h, &["check", &url]);
        assert_eq!(r.code, 1, "{path}: {}", r.out);
        assert!(
            r.out.starts_with(&url) && r.out.contains(why),
            "{path}: {}",
            r.out
        );
    }
    assert_eq!(
        library_names(h),
        ["feed.json", "news.json"],
        "failures add nothing"
    );
    // Opening a URL or stdin that fails says why before the terminal is touched.
    let r = newsdeck(h, &[&server.url("/missing.json")]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("HTTP 404"), "{}", r.err);
    let r = newsdeck_with_stdin(h, &["-"], b"hello");
    assert_eq!(r.code, 1);
    assert!(r.err.starts_with("newsdeck: stdin"), "{}", r.err);
    let r = newsdeck(h, &["-", "x.json"]);
    assert_eq!(r.code, 2, "{}", r.err);
    // Nothing listens here any more once the listener is dropped: a connection error.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/x.json", closed.local_addr().unwrap());
    drop(closed);
    let r = newsdeck(h, &["add", &url]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("connect"), "{}", r.err);
}

#[test]
fn show_prints_a_digest_from_a_url_or_stdin_as_from_a_file() {
    let server = Server::start();
    server.serve("/d/news.json", 200, digest("Served", &["s1", "s2"]));
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let url = server.url("/d/news.json");
    let r = newsdeck(h, &["show", &url]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out.contains("Headline s1") && r.out.contains("Headline s2"),
        "{}",
        r.out
    );
    // The fragment names the article (it never goes to the server), as `FILE#ID` does.
    let r = newsdeck(h, &["show", &format!("{url}#s2")]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out.contains("Headline s2") && !r.out.contains("Headline s1"),
        "{}",
        r.out
    );
    let r = newsdeck(h, &["show", &format!("{url}#nope")]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("no article \"nope\""), "{}", r.err);
    let r = newsdeck(h, &["show", &server.url("/missing.json")]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("HTTP 404"), "{}", r.err);
    let piped = digest("Piped", &["p1"]);
    let r = newsdeck_with_stdin(h, &["show", "-", "--article", "p1"], piped.as_bytes());
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("Headline p1"), "{}", r.out);
    let r = newsdeck_with_stdin(h, &["show", "-"], b"not json");
    assert_eq!(r.code, 1);
    assert!(r.err.starts_with("newsdeck: stdin"), "{}", r.err);
}

#[test]
fn what_http_headers_say_about_a_body_is_heeded() {
    let server = Server::start();
    // Latin-1 XML with no declaration: only the Content-Type says how to read it.
    let latin1 =
        b"<rss version=\"2.0\"><channel><title>Caf\xe9</title><link>https://c.example/</link>\
        <item><title>R\xe9sum\xe9</title><guid>r1</guid></item></channel></rss>";
    let ct = [("Content-Type", "application/rss+xml; charset=ISO-8859-1")];
    server.serve_with("/latin1.xml", 200, &ct, latin1.to_vec());
    // gzip bytes newsdeck never asked for (it sends no Accept-Encoding).
    let gz = [("Content-Encoding", "gzip")];
    server.serve_with("/gz.xml", 200, &gz, b"\x1f\x8b\x08\x00\x00\x00".to_vec());
    let home = tempfile::tempdir().unwrap();
    let h = home.path();

    let r = newsdeck(h, &["add", &server.url("/latin1.xml")]);
    assert_eq!(r.code, 0, "{}", r.err);
    let added = fs::read_to_string(library(h).join("latin1.json")).unwrap();
    assert!(added.contains("\"title\": \"Caf\u{e9}\""), "{added}");
    assert!(
        added.contains("\"headline\": \"R\u{e9}sum\u{e9}\""),
        "{added}"
    );

    let r = newsdeck(h, &["check", &server.url("/gz.xml")]);
    assert_eq!(r.code, 1, "{}", r.out);
    assert!(
        r.out.contains("compressed (Content-Encoding: gzip)") && !r.out.contains("UTF-8"),
        "{}",
        r.out
    );
}

#[test]
fn a_feed_file_is_checked_and_added_like_a_digest() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let feed = h.join("chips.xml");
    fs::write(&feed, feed_fixture()).unwrap();
    let r = newsdeck(h, &["check", feed.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.out);
    assert!(r.out.ends_with("chips.xml: ok, 2 articles\n"), "{}", r.out);
    let r = newsdeck(h, &["add", feed.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(library_names(h), ["chips.json"]);
    let broken = h.join("broken.xml");
    fs::write(&broken, "<rss><channel><title>x</tit").unwrap();
    let r = newsdeck(h, &["check", broken.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.out.contains("broken.xml") && r.out.contains("feed"),
        "{}",
        r.out
    );
}

#[test]
fn subscribe_list_and_unsubscribe() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let r = newsdeck(h, &["subscribe", "https://a.example/feed", "--name", "A"]);
    assert_eq!(
        (r.code, r.out.as_str()),
        (0, "subscribed to https://a.example/feed\n")
    );
    let r = newsdeck(h, &["subscribe", "https://b.example/rss"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let r = newsdeck(h, &["subscribe", "https://b.example/rss"]);
    assert!(r.out.starts_with("already subscribed"), "{}", r.out);
    let r = newsdeck(h, &["subscribe", "file:///etc/passwd"]);
    assert_eq!(r.code, 2, "{}", r.err);
    let r = newsdeck(h, &["subscriptions"]);
    assert_eq!(
        r.out,
        "https://a.example/feed\tA\t\t\nhttps://b.example/rss\t\t\t\n"
    );
    let r = newsdeck(h, &["unsubscribe", "A"]);
    assert_eq!(
        (r.code, r.out.as_str()),
        (0, "unsubscribed from https://a.example/feed\n")
    );
    let r = newsdeck(h, &["unsubscribe", "A"]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("no subscription"), "{}", r.err);
    let r = newsdeck(h, &["subscriptions"]);
    assert_eq!(r.out, "https://b.example/rss\t\t\t\n");
}

#[test]
fn opml_import_then_export_round_trips() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let opml = h.join("feeds.opml");
    fs::write(
        &opml,
        r#"<?xml version="1.0"?>
<opml version="2.0"><head><title>mine</title></head><body>
  <outline text="Tech">
    <outline type="rss" text="LWN" title="LWN.net" xmlUrl="https://lwn.net/headlines/rss"/>
    <outline type="rss" text="Chips &amp; Co" xmlUrl="https://chips.example.org/feed.xml"/>
  </outline>
</body></opml>"#,
    )
    .unwrap();
    let r = newsdeck(h, &["import", opml.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out.ends_with("2 feeds, 2 new subscriptions\n"),
        "{}",
        r.out
    );
    let exported = newsdeck(h, &["export"]);
    assert_eq!(exported.code, 0, "{}", exported.err);
    // Import the export into a fresh home: the same subscriptions come out.
    let other = tempfile::tempdir().unwrap();
    let again = other.path().join("again.opml");
    fs::write(&again, &exported.out).unwrap();
    let r = newsdeck(other.path(), &["import", again.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.err);
    let first = newsdeck(h, &["subscriptions"]).out;
    let second = newsdeck(other.path(), &["subscriptions"]).out;
    assert_eq!(first, second);
    assert_eq!(
        first,
        "https://lwn.net/headlines/rss\tLWN.net\t\t\nhttps://chips.example.org/feed.xml\tChips & Co\t\t\n"
    );
}

#[test]
fn opml_import_skips_what_subscribe_refuses() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let opml = h.join("feeds.opml");
    fs::write(
        &opml,
        r#"<opml version="2.0"><head/><body>
  <outline text="Good" xmlUrl="https://good.example/rss"/>
  <outline text="Script" xmlUrl="javascript:alert(1)"/>
  <outline text="Local" xmlUrl="file:///etc/passwd"/>
</body></opml>"#,
    )
    .unwrap();
    let r = newsdeck(h, &["import", opml.to_str().unwrap()]);
    assert_eq!(
        r.code, 1,
        "a skipped feed is a failure for scripts: {}",
        r.err
    );
    assert!(
        r.out.ends_with("1 feeds, 1 new subscriptions\n"),
        "{}",
        r.out
    );
    assert!(
        r.err.contains("skipped javascript:alert(1): only http"),
        "{}",
        r.err
    );
    assert!(r.err.contains("skipped file:///etc/passwd"), "{}", r.err);
    let r = newsdeck(h, &["subscriptions"]);
    assert_eq!(r.out, "https://good.example/rss\tGood\t\t\n");
}

#[test]
fn fetch_twice_updates_in_place_and_keeps_read_marks() {
    let server = Server::start();
    server.serve("/a.xml", 200, rss("Feed A", &["a1", "a2"]));
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    assert_eq!(newsdeck(h, &["subscribe", &server.url("/a.xml")]).code, 0);
    assert_eq!(
        newsdeck(h, &["subscribe", &server.url("/gone.xml")]).code,
        0
    );

    let r = newsdeck(h, &["fetch"]);
    assert_eq!(r.code, 1, "one feed failed: {}", r.out);
    assert!(
        r.out
            .starts_with("2 feeds: 1 updated, 0 unchanged, 1 failed: "),
        "{}",
        r.out
    );
    assert!(r.out.contains("HTTP 404"), "{}", r.out);
    let names = library_names(h);
    assert_eq!(names.len(), 1, "{names:?}");
    let list = newsdeck(h, &["list"]).out;
    assert!(list.starts_with("2\t2\tFeed A\t"), "{list}");

    // Read both articles (as another machine's synced state would say), then fetch a new item.
    let marks = h.join("marks.json");
    fs::write(
        &marks,
        // The feed's digest key is the URL it came from, the same on every fetch.
        format!(
            r#"{{"version": 2, "digests": {{"id:feed:{}": {{"read": {{
            "a1": {{"read": true, "changed": 1000}}, "a2": {{"read": true, "changed": 1000}}}}}}}}}}"#,
            server.url("/a.xml")
        ),
    )
    .unwrap();
    assert_eq!(newsdeck(h, &["merge", marks.to_str().unwrap()]).code, 0);
    assert!(newsdeck(h, &["list"]).out.starts_with("0\t2\tFeed A\t"));

    server.serve("/a.xml", 200, rss("Feed A", &["a3", "a1", "a2"]));
    assert_eq!(
        newsdeck(h, &["unsubscribe", &server.url("/gone.xml")]).code,
        0
    );
    let r = newsdeck(h, &["fetch"]);
    assert_eq!(r.code, 0, "{}", r.out);
    assert_eq!(r.out, "1 feed: 1 updated, 0 unchanged, 0 failed\n");
    assert_eq!(library_names(h), names, "the same file is updated in place");
    let list = newsdeck(h, &["list"]).out;
    assert!(
        list.starts_with("1\t3\tFeed A\t"),
        "only the new item is unread: {list}"
    );
    let subs = newsdeck(h, &["subscriptions"]).out;
    assert!(
        !subs.contains("\t\t\t"),
        "the fetch time is recorded: {subs}"
    );
}
