use super::*;
use crate::format;

fn load(json: &str) -> crate::format::Digest {
    format::parse(json.as_bytes(), "fallback").unwrap()
}

#[test]
fn sniff_tells_feeds_from_digests() {
    assert_eq!(
        sniff(b"\xEF\xBB\xBF \n<?xml version=\"1.0\"?><rss/>"),
        Kind::Feed
    );
    assert_eq!(
        sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\"/>"),
        Kind::Feed
    );
    assert_eq!(
        sniff(br#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#),
        Kind::Feed
    );
    assert_eq!(sniff(br#"{"articles": []}"#), Kind::Digest);
    // Mentioning jsonfeed.org is not being a JSON Feed: only the `version` key decides.
    assert_eq!(
        sniff(br#"{"title": "On https://jsonfeed.org/version/1.1", "version": 1, "articles": []}"#),
        Kind::Digest
    );
    assert_eq!(
        sniff(b"{\"version\" :\n \"https://jsonfeed.org/version/1\", \"items\": []}"),
        Kind::Feed
    );
    assert_eq!(sniff(b"[]"), Kind::Digest);
    assert_eq!(sniff(b"\xFF\xFE<\x00r\x00"), Kind::Feed);
    assert_eq!(sniff(b"\xFE\xFF\x00<\x00r"), Kind::Feed);
    assert_eq!(sniff(b"hello"), Kind::Unknown);
    assert_eq!(sniff(b""), Kind::Unknown);
}

#[test]
fn sniff_agrees_with_the_loaders_xml_hint() {
    for text in ["<rss/>", " \n\t<feed/>", "\u{FEFF}<?xml?>"] {
        assert_eq!(sniff(text.as_bytes()), Kind::Feed, "{text:?}");
        let err = format::parse(text.as_bytes(), "f").unwrap_err();
        assert!(err.message.contains("looks like XML"), "{text:?}: {err}");
    }
    // A no-break space is not JSON whitespace: the loader does not call this XML, nor do we.
    let nbsp = "\u{A0}<rss/>";
    assert_ne!(sniff(nbsp.as_bytes()), Kind::Feed);
    assert!(
        !format::parse(nbsp.as_bytes(), "f")
            .unwrap_err()
            .message
            .contains("XML")
    );
}

const NO_IDS: &str = r#"<rss version="2.0"><channel><title>T</title>
<item><title>Linked</title><link>https://x.test/a</link></item>
<item><title>Bare</title><pubDate>Mon, 27 Oct 2025 06:10:00 +0000</pubDate></item>
<item><title>Guid</title><guid>g-1</guid><link>https://x.test/b</link></item>
</channel></rss>"#;

#[test]
fn identity_is_guid_else_link_else_the_loaders_hash_and_never_random() {
    let first = convert(NO_IDS.as_bytes(), None).unwrap();
    // feed-rs would give the bare item a fresh UUID on every parse.
    assert_eq!(first, convert(NO_IDS.as_bytes(), None).unwrap());
    let d = load(&first);
    let ids: Vec<&str> = d.entries.iter().map(|e| e.id.0.as_str()).collect();
    assert_eq!(ids[0], "https://x.test/a");
    assert!(ids[1].starts_with("hash:"), "{ids:?}");
    assert_eq!(ids[2], "g-1");
}

#[test]
fn digest_fields_come_from_the_feed() {
    let json = convert(NO_IDS.as_bytes(), Some("https://feeds.x.test/rss")).unwrap();
    let d = load(&json);
    assert_eq!(d.title, "T");
    assert_eq!(d.source.as_deref(), Some("T"));
    assert_eq!(d.published.as_deref(), Some("2025-10-27T06:10:00Z"));
    // No title: the host names it.
    let untitled = r#"<rss version="2.0"><channel><link>https://Blog.X.test:8443/</link>
        <item><title>a</title></item></channel></rss>"#;
    let d = load(&convert(untitled.as_bytes(), None).unwrap());
    assert_eq!(d.title, "blog.x.test");
    assert_eq!(d.source.as_deref(), Some("blog.x.test"));
}

#[test]
fn untitled_items_take_their_first_words() {
    let feed = r#"<rss version="2.0"><channel><title>T</title>
        <item><description>&lt;p&gt;Just a &lt;b&gt;note&lt;/b&gt;&lt;/p&gt;</description><guid>n</guid></item>
        <item><guid>empty</guid></item></channel></rss>"#;
    let d = load(&convert(feed.as_bytes(), None).unwrap());
    assert_eq!(d.entries[0].headline(), "Just a note");
    assert_eq!(d.entries[1].headline(), UNTITLED);
}

#[test]
fn errors_say_what_was_wrong() {
    let e = convert(b"<html><body>hi</body></html>", None).unwrap_err();
    assert!(
        e.message.starts_with("a web page (HTML), not a feed"),
        "{e}"
    );
    let e = convert(b"<svg><g/></svg>", None).unwrap_err();
    assert!(e.message.starts_with("not a feed"), "{e}");
    let e = convert(
        br#"{"version": "https://jsonfeed.org/version/9", "items": []}"#,
        None,
    );
    assert!(e.is_err());
    let e = convert(b"<rss version=\"2.0\"><channel><title>x</tit", None).unwrap_err();
    assert!(!e.message.is_empty());
}

#[test]
fn a_panicking_parser_is_an_error_not_a_crash() {
    // UTF-16BE without a byte order mark goes to feed-rs as is, and feed-rs 3.0 panics on it.
    let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><title>x</title></channel></rss>";
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let e = convert(&be, None).unwrap_err();
    assert!(e.message.contains("parser failed"), "{e}");
    // The hook stays quiet only inside the parser.
    assert!(!IN_PARSER.with(Cell::get));
}

#[test]
fn hosts_of_urls() {
    assert_eq!(host_of("https://a.B.test/x?y").as_deref(), Some("a.b.test"));
    assert_eq!(host_of("http://u:p@h.test:80").as_deref(), Some("h.test"));
    assert_eq!(host_of("http://[::1]:8080/").as_deref(), Some("[::1]"));
    assert_eq!(host_of("ftp://h.test/"), None);
    assert_eq!(host_of("nonsense"), None);
}

#[test]
fn prepare_converts_feeds_and_passes_everything_else_through() {
    let digest = br#"{"articles": [{"headline": "h"}]}"#.to_vec();
    assert_eq!(prepare(digest.clone(), None).unwrap(), digest);
    assert_eq!(prepare(b"junk".to_vec(), None).unwrap(), b"junk");
    let json = prepare(NO_IDS.as_bytes().to_vec(), None).unwrap();
    assert_eq!(format::parse_owned(json, "f").unwrap().entries.len(), 3);
    assert!(prepare(b"<html/>".to_vec(), None).is_err());
}

#[test]
fn a_refetched_feed_keeps_its_digest_identity() {
    let rss = |items: &str| {
        format!(
            "<rss version=\"2.0\"><channel><title>Blog</title><link>https://blog.example/</link>{items}</channel></rss>"
        )
    };
    let one = "<item><guid>a</guid><title>A</title><pubDate>Mon, 27 Oct 2025 09:00:00 GMT</pubDate></item>";
    let two = "<item><guid>b</guid><title>B</title><pubDate>Tue, 28 Oct 2025 09:00:00 GMT</pubDate></item>";
    let url = Some("https://blog.example/feed.xml");
    let monday = load(&convert(rss(one).as_bytes(), url).unwrap());
    let tuesday = load(&convert(rss(&format!("{two}{one}")).as_bytes(), url).unwrap());
    assert_eq!(
        monday.key, tuesday.key,
        "a newer item must not make a new digest"
    );
    assert_eq!(monday.key.0, "id:feed:https://blog.example/feed.xml");
    // Without the URL it came from, the feed's own site names it, still stable across dates.
    let local = load(&convert(rss(one).as_bytes(), None).unwrap());
    let local2 = load(&convert(rss(&format!("{two}{one}")).as_bytes(), None).unwrap());
    assert_eq!(local.key, local2.key);
}

#[test]
fn a_json_feed_with_number_ids_is_read_with_them_as_strings() {
    // JSON Feed 1.1: "If an id is presented as a number or other type, a JSON Feed reader
    // must coerce it to a string." Many generators write numbers.
    let feed = br#"{"version": "https://jsonfeed.org/version/1", "title": "Numbers",
        "items": [{"id": 1, "title": "One", "content_text": "a"},
                  {"id": 2.5, "title": "Two", "content_text": "b"},
                  {"id": null, "title": "Three", "url": "https://x.example/3"},
                  {"id": "4", "title": "Four", "content_text": "d"}]}"#;
    let digest = load(&convert(feed, None).unwrap());
    let ids: Vec<&str> = digest.entries.iter().map(|e| e.id.0.as_str()).collect();
    assert_eq!(ids, ["1", "2.5", "https://x.example/3", "4"]);
    // What is still wrong is still reported.
    let bad = br#"{"version": "https://jsonfeed.org/version/1", "items": [{"id": 1, "title": 5}]}"#;
    let e = convert(bad, None).unwrap_err();
    assert!(e.message.starts_with("malformed JSON Feed"), "{e}");
}

#[test]
fn an_http_charset_is_declared_for_xml_that_does_not_declare_one() {
    let latin1 = b"<rss version=\"2.0\"><channel><title>Caf\xe9</title></channel></rss>".to_vec();
    let ct = Some("application/rss+xml; charset=ISO-8859-1");
    let fixed = repair::declare_http_charset(latin1.clone(), ct);
    assert_eq!(
        convert(&fixed, None).map(|j| load(&j).title),
        Ok("Café".to_string())
    );
    // Without the header it cannot be read (XML without a declaration is UTF-8).
    assert!(convert(&latin1, None).is_err());
    // A declaration without an encoding gets one; one with an encoding is kept.
    let bare = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Caf\xe9</title></channel></rss>";
    let fixed = repair::declare_http_charset(bare.to_vec(), ct);
    assert!(fixed.starts_with(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss"));
    let own = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss>\x93</rss>".to_vec();
    assert_eq!(repair::declare_http_charset(own.clone(), ct), own);
    // UTF-8 bodies (often mislabelled), other charsets' absence, and odd names change nothing.
    let utf8 = "<rss><channel><title>Café</title></channel></rss>"
        .as_bytes()
        .to_vec();
    assert_eq!(repair::declare_http_charset(utf8.clone(), ct), utf8);
    assert_eq!(
        repair::declare_http_charset(latin1.clone(), Some("text/xml")),
        latin1
    );
    let odd = Some("text/xml; charset=\"x\\\"?><evil\"");
    assert_eq!(repair::declare_http_charset(latin1.clone(), odd), latin1);
}

#[test]
fn items_keep_dates_written_in_odd_forms() {
    let rss = r#"<rss version="2.0"><channel><title>T</title>
<item><guid>a</guid><title>A</title><pubDate>2025-10-27 09:30:00</pubDate></item>
<item><guid>b</guid><title>B</title><pubDate>Monday, 27-Oct-25 09:30:00 GMT</pubDate></item>
<item><guid>c</guid><title>C</title><pubDate>Mon, 27 Oct 2025 11:30:00 CEST</pubDate></item>
</channel></rss>"#;
    let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>f</id>
<entry><id>a</id><title>A</title><updated>2025-10-27T09:30:00</updated></entry></feed>"#;
    let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T",
"items": [{"id": "a", "title": "A", "date_published": "2025-10-27 09:30"}]}"#;
    for feed in [rss, atom, json] {
        let d = load(&convert(feed.as_bytes(), None).unwrap());
        for i in 0..d.entries.len() {
            let a = d.article(i).unwrap();
            assert_eq!(
                a.published.as_deref(),
                Some("2025-10-27T09:30:00Z"),
                "{feed}"
            );
        }
        assert_eq!(d.published.as_deref(), Some("2025-10-27T09:30:00Z"));
    }
}

#[test]
fn podcast_episodes_link_to_their_enclosure_and_keep_their_summary() {
    let feed = r#"<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Pod</title>
<item><title>Episode 1</title><guid>ep-1</guid><itunes:summary>Talk about chips</itunes:summary>
<enclosure url="https://cdn.pod.test/ep1.mp3" length="123" type="audio/mpeg"/></item>
<item><title>Linked</title><guid>ep-2</guid><link>https://pod.test/2</link>
<enclosure url="https://cdn.pod.test/ep2.mp3" length="123" type="audio/mpeg"/></item>
</channel></rss>"#;
    let d = load(&convert(feed.as_bytes(), None).unwrap());
    let one = d.article(0).unwrap();
    assert_eq!(one.url.as_deref(), Some("https://cdn.pod.test/ep1.mp3"));
    assert_eq!(one.summary, "Talk about chips");
    // A page link still beats the enclosure.
    assert_eq!(
        d.article(1).unwrap().url.as_deref(),
        Some("https://pod.test/2")
    );
}

#[test]
fn relative_json_feed_links_resolve_against_the_feed() {
    let feed = r#"{"version": "https://jsonfeed.org/version/1", "title": "J",
"home_page_url": "https://j.test/", "items": [{"id": "1", "url": "/posts/1", "title": "A"}]}"#;
    let from_file = load(&convert(feed.as_bytes(), None).unwrap());
    let link = from_file.article(0).unwrap().url;
    assert_eq!(link.as_deref(), Some("https://j.test/posts/1"));
    let fetched = convert(feed.as_bytes(), Some("https://feeds.j.test/a/feed.json")).unwrap();
    let link = load(&fetched).article(0).unwrap().url;
    assert_eq!(link.as_deref(), Some("https://feeds.j.test/posts/1"));
}
