use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::*;
use crate::net::test_server::{Reply, Server};
use crate::store::paths::Paths;

fn rss(items: &[&str]) -> String {
    let items: String = items.iter().map(|i| format!("<item>{i}</item>")).collect();
    format!(
        r#"<rss version="2.0"><channel><title>Feed A</title><link>https://a.test/</link>{items}</channel></rss>"#
    )
}

const OLD: [&str; 2] = [
    "<title>Has a guid</title><guid>a-1</guid>",
    "<title>Bare item</title><pubDate>Mon, 27 Oct 2025 06:10:00 +0000</pubDate>",
];
const NEW: &str = "<title>Brand new</title><link>https://a.test/new</link>";

fn options() -> Options {
    Options {
        timeout: Duration::from_secs(10),
        ..Options::default()
    }
}

fn ids_in(file: &Path) -> Vec<String> {
    let d = crate::store::load::load(file).unwrap();
    d.entries.iter().map(|e| e.id.0.to_string()).collect()
}

#[test]
fn fetch_all_updates_reports_and_records_each_feed() {
    let s = Server::start(|r| match r.path.as_str() {
        "/a.xml" if r.header("If-None-Match") == Some("\"a1\"") => Reply::status(304),
        "/a.xml" => Reply::ok(rss(&OLD)).with("ETag", "\"a1\""),
        "/digest.json" => Reply::ok(r#"{"title": "D", "articles": [{"headline": "h"}]}"#),
        "/junk" => Reply::ok("<html><body>not a feed</body></html>"),
        _ => Reply::status(404),
    });
    let root = tempfile::tempdir().unwrap();
    let paths = Paths::under(root.path());
    let mut subs = Subscriptions::load(&Subscriptions::file(&paths)).unwrap();
    subs.subscribe(&s.url("/a.xml"), None);
    subs.subscribe(&s.url("/digest.json"), None);
    subs.subscribe(&s.url("/missing"), Some("Gone"));
    subs.subscribe(&s.url("/junk"), Some("Junk"));
    let seen = AtomicUsize::new(0);
    let out = fetch_all(&mut subs, &paths.library, &options(), 2, &|_| {
        seen.fetch_add(1, Ordering::Relaxed);
    });
    assert_eq!(seen.load(Ordering::Relaxed), 4);
    assert!(
        matches!(out[0].outcome, Outcome::Updated { articles: 2, .. }),
        "{out:?}"
    );
    assert!(
        matches!(out[1].outcome, Outcome::Updated { articles: 1, .. }),
        "{out:?}"
    );
    let line = summary(&out);
    assert!(
        line.starts_with(
            "4 feeds: 2 updated, 0 unchanged, 2 failed: Gone: the server answered HTTP 404"
        ),
        "{line}"
    );
    assert!(
        line.contains("; Junk: a web page (HTML), not a feed"),
        "{line}"
    );
    assert_eq!(subs.list()[0].etag.as_deref(), Some("\"a1\""));
    assert!(subs.list()[0].last_fetched.is_some() && subs.list()[0].last_error.is_none());
    assert!(
        subs.list()[2]
            .last_error
            .as_deref()
            .unwrap()
            .contains("404")
    );
    let names = crate::store::test_files(&paths.library);
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&file_name_for(&s.url("/a.xml"))));

    // Again: the ETag comes back, the server says 304, nothing is rewritten.
    let out = fetch_all(&mut subs, &paths.library, &options(), 4, &|_| {});
    assert_eq!(out[0].outcome, Outcome::Unchanged);
    assert!(summary(&out).starts_with("4 feeds: 1 updated, 1 unchanged, 2 failed"));
}

#[test]
fn a_refetch_replaces_the_same_file_and_keeps_article_ids() {
    let version = Arc::new(AtomicUsize::new(0));
    let v = version.clone();
    let s = Server::start(move |_| match v.load(Ordering::SeqCst) {
        0 => Reply::ok(rss(&OLD)),
        1 => Reply::ok(rss(&[NEW, OLD[0], OLD[1]])),
        _ => Reply::ok("<rss><channel><title>broken"),
    });
    let root = tempfile::tempdir().unwrap();
    let library = root.path().join("digests");
    let sub = Subscription::new(&s.url("/feed"), None);
    let (first, _) = fetch_one(&sub, &library, &options());
    let Outcome::Updated { file, .. } = first else {
        panic!("{first:?}")
    };
    let before = ids_in(&file);
    version.store(1, Ordering::SeqCst);
    let (second, _) = fetch_one(&sub, &library, &options());
    assert_eq!(
        second,
        Outcome::Updated {
            file: file.clone(),
            articles: 3
        }
    );
    let after = ids_in(&file);
    assert_eq!(after.len(), 3);
    assert_eq!(after[0], "https://a.test/new");
    // Every id read marks were kept under is still there.
    assert_eq!(&after[1..], &before[..]);
    assert_eq!(crate::store::test_files(&library).len(), 1);
    // A broken update leaves the good file as it was.
    version.store(2, Ordering::SeqCst);
    assert!(matches!(
        fetch_one(&sub, &library, &options()).0,
        Outcome::Failed(_)
    ));
    assert_eq!(ids_in(&file), after);
}

#[test]
fn file_names_are_stable_and_safe() {
    let a = file_name_for("https://Blog.Example.com/feed.xml");
    assert_eq!(a, file_name_for(" https://Blog.Example.com/feed.xml "));
    assert!(
        a.starts_with("blog.example.com-") && a.ends_with(".json"),
        "{a}"
    );
    assert_ne!(a, file_name_for("https://blog.example.com/other.xml"));
    let odd = file_name_for("https://../../etc/passwd");
    assert!(!odd.contains('/') && !odd.starts_with('.'), "{odd}");
    assert!(file_name_for("nonsense").starts_with("feed-"));
}
