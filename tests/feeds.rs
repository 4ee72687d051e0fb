//! The feed corpus: each file is converted to a digest and loaded by the normal loader.

use std::path::Path;

use newsdeck::feed::{self, Kind};
use newsdeck::format;
use newsdeck::format::Digest;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new("tests/fixtures/feeds").join(name)).unwrap()
}

/// Converts and loads a fixture, checking every article body decodes.
fn load(name: &str) -> Digest {
    let bytes = fixture(name);
    assert_eq!(feed::sniff(&bytes), Kind::Feed, "{name}");
    let json = feed::convert(&bytes, None).unwrap_or_else(|e| panic!("{name}: {e}"));
    let d = format::parse(json.as_bytes(), name).unwrap_or_else(|e| panic!("{name}: {e}"));
    d.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(d.duplicate_ids().is_empty(), "{name}");
    d
}

fn ids(d: &Digest) -> Vec<&str> {
    d.entries.iter().map(|e| e.id.0.as_str()).collect()
}

#[test]
fn rss2_with_cdata_and_entities() {
    let d = load("rss2_cdata.xml");
    assert_eq!(d.title, "Chips & Compilers Weekly");
    assert_eq!(d.published.as_deref(), Some("2025-10-27T09:30:00Z"));
    assert_eq!(
        ids(&d),
        [
            "chips-2025-10-27-llvm21",
            "https://chips.example.org/?p=4211"
        ]
    );
    let a = d.article(0).unwrap();
    assert_eq!(a.headline, "LLVM 21 lands faster linking & a new backend");
    assert_eq!(
        a.summary,
        "The LLVM\u{a0}21 release brings a faster linker \u{2014} up to 30% on large C++ projects."
    );
    assert_eq!(a.tags, ["compilers", "llvm"]);
    assert_eq!(
        a.url.as_deref(),
        Some("https://chips.example.org/2025/10/llvm-21")
    );
    let headings: Vec<&str> = a.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["Article", "What\u{2019}s new", "Why it matters"]);
    assert_eq!(
        a.sections[1].bullets,
        ["lld links Chromium 30% faster", "A new loongarch64 backend"]
    );
    assert_eq!(
        a.sections[2].bullets,
        ["Build times dominate CI bills.\nEvery second counts."]
    );
    let b = d.article(1).unwrap();
    assert_eq!(
        b.summary,
        "Early numbers from \"real\" silicon look promising."
    );
    assert_eq!(b.published.as_deref(), Some("2025-10-26T18:05:00Z"));
}

#[test]
fn rss1_rdf() {
    let d = load("rss1_rdf.xml");
    assert_eq!(d.title, "Slash News: Technology");
    assert_eq!(d.entries.len(), 2);
    assert_eq!(ids(&d)[0], "https://slashnews.example.net/story/25/10/27/1");
    let a = d.article(0).unwrap();
    assert_eq!(a.summary, "Linus merged the removal without ceremony.");
    assert_eq!(a.published.as_deref(), Some("2025-10-27T08:00:00Z"));
}

#[test]
fn atom_with_xhtml_content() {
    let d = load("atom_xhtml.xml");
    assert_eq!(d.title, "Ops Notes");
    assert_eq!(
        d.published.as_deref(),
        Some("2025-10-25T09:00:00Z").or(d.published.as_deref())
    );
    assert_eq!(
        ids(&d),
        [
            "tag:ops.example.com,2025:post-91",
            "tag:ops.example.com,2025:post-90"
        ]
    );
    let a = d.article(0).unwrap();
    assert_eq!(
        a.url.as_deref(),
        Some("https://ops.example.com/2025/10/dns-postmortem")
    );
    assert_eq!(a.summary, "A TTL of 0 and a cache stampede.");
    assert_eq!(a.tags, ["DNS", "postmortem"]);
    let headings: Vec<&str> = a.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["Article", "Timeline", "Lessons"]);
    assert_eq!(
        a.sections[1].bullets,
        ["14:02 first alerts", "14:40 rollback of the TTL change"]
    );
    // Published, else updated.
    assert_eq!(
        d.article(1).unwrap().published.as_deref(),
        Some("2025-10-20T07:15:00Z")
    );
}

#[test]
fn json_feed_1_1() {
    let d = load("jsonfeed11.json");
    assert_eq!(d.title, "Tiny Tech Blog");
    assert_eq!(ids(&d), ["2025-10-27-wasm", "2025-10-20-note"]);
    let a = d.article(0).unwrap();
    assert_eq!(a.tags, ["wasm", "web"]);
    assert_eq!(a.published.as_deref(), Some("2025-10-27T11:00:00Z"));
    assert_eq!(a.sections[1].heading, "Languages");
    assert_eq!(a.sections[1].bullets, ["Kotlin", "Dart"]);
    // No title: the start of the text stands in.
    assert!(
        d.entries[1]
            .headline()
            .starts_with("A short note with no title"),
        "{}",
        d.entries[1].headline()
    );
}

#[test]
fn items_without_guid_or_link_get_stable_hash_ids() {
    let first = load("no_guid_no_link.xml");
    let again = load("no_guid_no_link.xml");
    assert_eq!(ids(&first), ids(&again));
    assert!(
        ids(&first).iter().all(|id| id.starts_with("hash:")),
        "{:?}",
        ids(&first)
    );
    assert_ne!(ids(&first)[0], ids(&first)[1]);
}

#[test]
fn latin1_with_an_encoding_declaration() {
    let d = load("latin1.xml");
    assert_eq!(d.title, "Café Tech - Nachrichten");
    let a = d.article(0).unwrap();
    assert_eq!(a.headline, "Größere Caches für München");
    assert_eq!(a.summary, "Die Maßnahme kostet 5 £ pro Monat € 6.");
}

#[test]
fn utf16_little_and_big_endian_with_bom() {
    for name in ["utf16le.xml", "utf16be.xml"] {
        let d = load(name);
        assert_eq!(d.title, "日本語 Tech ニュース", "{name}");
        assert_eq!(
            d.entries[0].headline(),
            "漢字 in a UTF-16 feed 🚀",
            "{name}"
        );
        assert_eq!(
            d.published.as_deref(),
            Some("2025-10-27T00:00:00Z"),
            "{name}"
        );
    }
}

#[test]
fn a_truncated_feed_is_a_clear_error() {
    let e = feed::convert(&fixture("truncated.xml"), None).unwrap_err();
    assert!(
        e.message.contains("malformed") || e.message.contains("truncated"),
        "{e}"
    );
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let bytes = fixture("hostile.xml");
    let json = match feed::convert(&bytes, None) {
        Ok(json) => json,
        Err(e) => {
            // Refusing the file is fine too; the message itself must be clean.
            assert!(
                !e.message.contains('\u{1b}') && !e.message.contains('\u{202e}'),
                "{e:?}"
            );
            return;
        }
    };
    let d = format::parse(json.as_bytes(), "hostile").unwrap();
    let a = d.article(0).unwrap();
    let mut all = vec![d.title.clone(), a.headline.clone(), a.summary.clone()];
    for s in &a.sections {
        all.push(s.heading.clone());
        all.extend(s.bullets.iter().cloned());
    }
    for text in &all {
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)),
            "{text:?}"
        );
        assert!(
            !text.contains("document.write"),
            "script bodies are dropped: {text:?}"
        );
    }
    // Escaped markup in an RSS title is HTML (as feeds use it): the script goes, the words stay.
    assert!(!a.headline.contains("alert"), "{}", a.headline);
    assert!(a.headline.contains("gnp.exe"), "{}", a.headline);
}
