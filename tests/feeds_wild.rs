//! Feeds and OPML files as sites and readers in the wild write them, through the real binary:
//! odd dates, podcast episodes that are only an enclosure, attribute names in any case.

mod common;

use common::newsdeck;

use std::fs;

#[test]
fn odd_dates_and_bare_enclosures_survive_show() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let feed = h.join("wild.xml");
    fs::write(
        &feed,
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wild</title>
<item><guid>a</guid><title>Space</title><pubDate>2025-10-27 09:30:00</pubDate></item>
<item><guid>b</guid><title>Zone name</title><pubDate>Mon, 27 Oct 2025 11:30:00 CEST</pubDate></item>
<item><guid>c</guid><title>Episode</title><pubDate>Monday, 27-Oct-25 09:30:00 GMT</pubDate>
<enclosure url="https://cdn.test/ep.mp3" length="1" type="audio/mpeg"/></item>
</channel></rss>"#,
    )
    .unwrap();
    let r = newsdeck(h, &["show", feed.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let digest: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    let articles = digest["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 3);
    for a in articles {
        assert_eq!(a["published"], "2025-10-27T09:30:00Z", "{a}");
    }
    assert_eq!(articles[2]["url"], "https://cdn.test/ep.mp3");
}

#[test]
fn opml_attribute_names_in_any_case_are_imported() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let opml = h.join("caps.opml");
    fs::write(
        &opml,
        r#"<opml version="1.0"><body>
<outline TEXT="Upper" XMLURL="https://a.test/feed"/>
<outline Title="Mixed" xmlURL="https://b.test/feed" htmlURL="https://b.test/"/>
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
    let subs = newsdeck(h, &["subscriptions"]).out;
    assert_eq!(
        subs,
        "https://a.test/feed\tUpper\t\t\nhttps://b.test/feed\tMixed\t\t\n"
    );
}
