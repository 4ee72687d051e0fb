//! The digest format v1 contract: every top-level form, identity, sanitising, and every error
//! with its exact `line:column` (1-based; the column counts bytes, as serde_json does).

use newsdeck::format::{Digest, FormatError, MAX_DEPTH, parse};
use newsdeck::model::search::SearchIndex;

fn ok(json: &str) -> Digest {
    match parse(json.as_bytes(), "fallback") {
        Ok(d) => {
            if let Err(e) = d.validate() {
                panic!("valid digest failed validation: {e}\n{json}");
            }
            d
        }
        Err(e) => panic!("expected a digest, got {e}\n{json}"),
    }
}

/// The error `check` would report: from the first pass, else from decoding every body.
fn err_bytes(bytes: &[u8]) -> String {
    match parse(bytes, "fallback") {
        Err(e) => e.to_string(),
        Ok(d) => match d.validate() {
            Err(e) => e.to_string(),
            Ok(()) => panic!("expected an error for {:?}", String::from_utf8_lossy(bytes)),
        },
    }
}

fn err(json: &str) -> String {
    err_bytes(json.as_bytes())
}

const FULL: &str = r#"{
  "title": "Weekly AI",
  "published": "2025-10-27",
  "source": "newsdeck",
  "articles": [
    {
      "id": "a1",
      "headline": "First",
      "summary": "Para one.\n\nPara two.",
      "url": "https://example.com/1",
      "source": "Example",
      "published": "2025-10-27T09:30:00Z",
      "tags": ["ai", "chips"],
      "context": ["Some context"],
      "sections": [{"heading": "What it means", "bullets": ["b1", "b2"]}],
      "commentators": [
        {"name": "Ada", "role": "Engineer", "viewpoint": "Line one\nline two"},
        {"name": "Bob", "viewpoint": "No role"}
      ]
    }
  ]
}"#;

#[test]
fn object_form_with_every_field() {
    let d = ok(FULL);
    assert_eq!(d.title, "Weekly AI");
    assert_eq!(d.published.as_deref(), Some("2025-10-27"));
    assert_eq!(d.source.as_deref(), Some("newsdeck"));
    assert_eq!(d.entries.len(), 1);
    let e = &d.entries[0];
    assert_eq!(e.id.0, "a1");
    assert_eq!(e.headline(), "First");
    assert_eq!(e.tag_list(), ["ai", "chips"]);
    // The filter finds the article by its summary and by a commentator's name.
    let index = SearchIndex::build(&d);
    assert!(index.matches(&d, 0, &["para one."]) && index.matches(&d, 0, &["ada"]));
    let a = d.article(0).unwrap();
    assert_eq!(a.summary, "Para one.\n\nPara two.");
    assert_eq!(a.url.as_deref(), Some("https://example.com/1"));
    assert_eq!(a.source.as_deref(), Some("Example"));
    assert_eq!(a.published.as_deref(), Some("2025-10-27T09:30:00Z"));
    assert_eq!(a.context, ["Some context"]);
    assert_eq!(a.sections[0].heading, "What it means");
    assert_eq!(a.sections[0].bullets, ["b1", "b2"]);
    assert_eq!(a.commentators[0].role.as_deref(), Some("Engineer"));
    assert_eq!(a.commentators[0].viewpoint, "Line one\nline two");
    assert_eq!(a.commentators[1].role, None);
}

#[test]
fn bare_array_form() {
    let d = ok(r#"[{"headline": "One"}, {"headline": "Two", "id": "t"}]"#);
    assert_eq!(d.title, "fallback");
    assert_eq!(d.entries.len(), 2);
    assert_eq!(d.article(1).unwrap().headline, "Two");
}

#[test]
fn single_article_form() {
    let d = ok("\n  {\"headline\": \"Alone\", \"summary\": \"s\"}\n");
    assert_eq!(d.entries.len(), 1);
    assert_eq!(d.article(0).unwrap().summary, "s");
    // Digest-level keys are unknown fields of an article, so ignored, whatever their type.
    let d = ok(r#"{"headline": "A", "title": 5, "articles": 3}"#);
    assert_eq!(d.title, "fallback");
}

#[test]
fn bom_is_accepted() {
    let d = ok("\u{feff}{\"articles\": [{\"headline\": \"x\"}]}");
    assert_eq!(d.entries.len(), 1);
}

#[test]
fn unknown_fields_and_nulls_are_ignored() {
    let d = ok(
        r#"{"version": 2, "extra": {"a": [1, {"b": null}]}, "title": null,
        "articles": [{"headline": "h", "likes": 3, "summary": null, "tags": null,
        "sections": [{"heading": "s", "bullets": null, "icon": "x"}],
        "commentators": null}]}"#,
    );
    let a = d.article(0).unwrap();
    assert_eq!(a.summary, "");
    assert!(a.tags.is_empty());
    assert!(a.sections[0].bullets.is_empty());
}

#[test]
fn empty_arrays_load() {
    assert_eq!(ok(r#"{"articles": []}"#).entries.len(), 0);
    assert_eq!(ok("[]").entries.len(), 0);
    let d =
        ok(r#"[{"headline": "h", "tags": [], "context": [], "sections": [], "commentators": []}]"#);
    assert!(d.article(0).unwrap().commentators.is_empty());
}

#[test]
fn title_falls_back_to_file_name() {
    let d = parse(br#"{"articles": []}"#, "my-digest").unwrap();
    assert_eq!(d.title, "my-digest");
    let d = parse(br#"{"title": "  ", "articles": []}"#, "my-digest").unwrap();
    assert_eq!(d.title, "my-digest");
    // The file name is untrusted text too.
    let d = parse(b"[]", "evil\x1b[2Jname").unwrap();
    assert_eq!(d.title, "evilname");
}

#[test]
fn identity_is_id_then_url_then_hash() {
    let d = ok(r#"[
        {"headline": "a", "id": "the-id", "url": "https://u/1"},
        {"headline": "b", "url": "https://u/2"},
        {"headline": "c", "published": "2025-01-01"},
        {"headline": "c", "published": "2025-01-02"},
        {"headline": "d", "id": "", "url": "https://u/4"}
    ]"#);
    let ids: Vec<&str> = d.entries.iter().map(|e| e.id.0.as_str()).collect();
    assert_eq!(ids[0], "the-id");
    assert_eq!(ids[1], "https://u/2");
    assert!(ids[2].starts_with("hash:") && ids[3].starts_with("hash:"));
    assert_ne!(ids[2], ids[3]);
    assert_eq!(ids[4], "https://u/4");
    // The hash is part of the read-state format: it must not change between versions.
    let again = ok(r#"[{"headline": "c", "published": "2025-01-01"}]"#);
    assert_eq!(again.entries[0].id, d.entries[2].id);
}

#[test]
fn duplicate_ids_are_found() {
    let d = ok(
        r#"[{"headline": "a", "id": "x"}, {"headline": "b", "id": "y"},
        {"headline": "c", "id": "x"}, {"headline": "d", "id": "x"}]"#,
    );
    let dups: Vec<&str> = d.duplicate_ids().iter().map(|i| i.0.as_str()).collect();
    assert_eq!(dups, ["x"]);
}

#[test]
fn many_duplicates_are_found_quickly() {
    // 50,000 ids, each twice: the search for duplicates must stay linear.
    let items: Vec<String> = (0..100_000)
        .map(|i| format!(r#"{{"headline": "h", "id": "{}"}}"#, i % 50_000))
        .collect();
    let d = ok(&format!("[{}]", items.join(",")));
    let start = std::time::Instant::now();
    let dups = d.duplicate_ids();
    assert_eq!(dups.len(), 50_000);
    assert_eq!(dups[0].0, "0");
    assert_eq!(dups[49_999].0, "49999");
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
}

#[test]
fn text_is_sanitised_at_load() {
    let d = ok(
        r#"[{"headline": "a\u001b[31mred\r\nnext\u202eevil", "id": "i\u0007d",
        "summary": "one\r\ntwo\rthree\tfour\u009b", "tags": ["t\nag"],
        "commentators": [{"name": "n\u2066", "viewpoint": "v1\r\nv2"}]}]"#,
    );
    let e = &d.entries[0];
    assert_eq!(e.headline(), "ared nextevil");
    assert_eq!(e.id.0, "id");
    assert_eq!(e.tag_list(), ["t ag"]);
    let a = d.article(0).unwrap();
    assert_eq!(a.summary, "one\ntwo\nthree four");
    assert_eq!(a.commentators[0].name, "n");
    assert_eq!(a.commentators[0].viewpoint, "v1\nv2");
}

#[test]
fn cjk_emoji_and_long_words_load() {
    let word = "x".repeat(10_000);
    let json = format!(
        r#"{{"title": "日本語 🦀", "articles": [{{"headline": "中文标题 👩‍💻 {word}", "summary": "한국어 {word}",
        "tags": ["🏷️", "\ud83e\udd80"], "commentators": [{{"name": "山田", "viewpoint": "✅"}}]}}]}}"#
    );
    let d = ok(&json);
    assert_eq!(d.title, "日本語 🦀");
    assert!(d.entries[0].headline().ends_with(&word));
    assert_eq!(d.article(0).unwrap().commentators[0].name, "山田");
    // A surrogate pair escape is one character.
    assert_eq!(d.entries[0].tag_list()[1], "🦀");
}

#[test]
fn a_hundred_thousand_articles_load() {
    let mut json = String::from("{\"articles\": [");
    for i in 0..100_000 {
        if i > 0 {
            json.push(',');
        }
        json.push_str(&format!(
            r#"{{"id": "a{i}", "headline": "Headline {i}", "summary": "s", "tags": ["t"]}}"#
        ));
    }
    json.push_str("]}");
    let start = std::time::Instant::now();
    let d = parse(json.as_bytes(), "big").unwrap();
    assert_eq!(d.entries.len(), 100_000);
    assert_eq!(d.article(99_999).unwrap().headline, "Headline 99999");
    d.validate().unwrap();
    assert!(d.duplicate_ids().is_empty());
    // Generous: a debug build on a busy machine; release is far faster.
    assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
}

// ---- errors, each with its exact position ----

#[test]
fn empty_files() {
    let msg = "empty file: a digest is a JSON object with an \"articles\" array (see `newsdeck help format`)";
    assert_eq!(err(""), msg);
    assert_eq!(err(" \n\t\r\n"), msg);
    assert_eq!(err("\u{feff}"), msg);
}

#[test]
fn json_syntax_errors() {
    // Found by the article's own decode (the first pass leaves syntax inside articles to it),
    // whose serde words it better than the list pass did ("key must be a string").
    assert_eq!(
        err("{\"articles\": [{\"headline\": \"a\",}]}"),
        "1:32: articles[0]: invalid JSON: trailing comma"
    );
    assert_eq!(
        err("{\"articles\": [\n  {\"headline\": \"a\" \"b\"}\n]}"),
        "2:20: articles[0]: invalid JSON: expected `,` or `}`"
    );
    assert_eq!(
        err("{\"articles\": []} x"),
        "1:18: invalid JSON: trailing characters"
    );
    assert_eq!(
        err("{\"articles\": [{\"headline\": \"a\"}]"),
        "1:32: invalid JSON: EOF while parsing an object"
    );
}

#[test]
fn wrong_types() {
    assert_eq!(
        err(r#"{"articles": [{"headline": 5}]}"#),
        "1:28: articles[0].headline: invalid type: integer `5`, expected a string"
    );
    assert_eq!(
        err("{\"articles\": [\n {\"headline\": \"a\", \"tags\": [1]}]}"),
        "2:29: articles[0].tags[0]: invalid type: integer `1`, expected a string"
    );
    assert_eq!(
        err(r#"{"articles": 5}"#),
        "1:14: articles: invalid type: integer `5`, expected a sequence"
    );
    assert_eq!(
        err(r#"{"title": 5, "articles": []}"#),
        "1:11: title: invalid type: integer `5`, expected a string"
    );
    assert_eq!(
        err(r#"[{"headline": "a", "sections": [{"heading": "h", "bullets": [2]}]}]"#),
        "1:62: [0].sections[0].bullets[0]: invalid type: integer `2`, expected a string"
    );
    assert_eq!(
        err(r#"[{"headline": "a", "commentators": [{"name": "n"}]}]"#),
        "1:49: [0].commentators[0]: missing field `viewpoint`"
    );
    assert_eq!(
        err("[1]"),
        "1:2: [0]: an article must be a JSON object with a \"headline\""
    );
}

#[test]
fn missing_or_empty_headline_names_the_article() {
    let json = "{\"articles\": [\n  {\"headline\": \"a\"},\n  {\"headline\": \"b\"},\n  {\"headline\": \"c\"},\n  {\"summary\": \"x\"}\n]}";
    assert_eq!(err(json), "5:3: articles[3]: missing \"headline\"");
    assert_eq!(
        err(r#"[{"headline": "a"}, {"headline": "   "}]"#),
        "1:21: [1]: \"headline\" is empty"
    );
    // Empty once its control characters are removed.
    assert_eq!(
        err(r#"{"articles": [{"headline": "\u0007\u001b"}]}"#),
        "1:15: articles[0]: \"headline\" is empty"
    );
    assert_eq!(
        err(r#"{"articles": [{"headline": null}]}"#),
        "1:15: articles[0]: missing \"headline\""
    );
    assert_eq!(
        err(r#"{"headline": null}"#),
        "1:1: article: missing \"headline\""
    );
    assert_eq!(
        err(r#"{"title": "x"}"#),
        "1:1: no \"articles\" array: a digest is {\"articles\": [...]}, an array of articles, or one article with a \"headline\" (see `newsdeck help format`)"
    );
}

#[test]
fn invalid_utf8_gives_the_byte_offset() {
    assert_eq!(
        err_bytes(b"{\"articles\": [{\"headline\": \"a\"}, \xff]}"),
        "1:34: invalid UTF-8 at byte offset 33: a digest must be UTF-8 text"
    );
    // After a BOM the offset is in the file, the column in the text after the BOM.
    assert_eq!(
        err_bytes(b"\xef\xbb\xbf{\n\"articles\": \xfe}"),
        "2:13: invalid UTF-8 at byte offset 17: a digest must be UTF-8 text"
    );
}

#[test]
fn lone_surrogates() {
    assert_eq!(
        err(r#"{"articles": [{"headline": "\ud800"}]}"#),
        "1:35: articles[0].headline: invalid JSON: unexpected end of hex escape (\\ud800 to \\udfff must come in surrogate pairs)"
    );
    // In a field newsdeck ignores, it is never decoded, so it does no harm.
    ok(r#"{"articles": [{"headline": "a", "future": "\ud800"}]}"#);
}

#[test]
fn nesting_too_deep() {
    let deep = format!(
        "{}{}",
        "[".repeat(MAX_DEPTH + 10),
        "]".repeat(MAX_DEPTH + 10)
    );
    assert_eq!(
        err(&deep),
        format!("1:129: nesting too deep: newsdeck reads at most {MAX_DEPTH} levels of JSON")
    );
    // Inside an unknown field, which the typed decoders would skip unchecked.
    let json = format!(
        r#"{{"articles": [{{"headline": "a", "x": {}{}}}]}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    assert_eq!(
        err(&json),
        format!("1:163: nesting too deep: newsdeck reads at most {MAX_DEPTH} levels of JSON")
    );
    // Exactly at the limit is fine.
    let ok_json = format!(
        r#"{{"articles": [{{"headline": "a", "x": {}{}}}]}}"#,
        "[".repeat(MAX_DEPTH - 3),
        "]".repeat(MAX_DEPTH - 3)
    );
    ok(&ok_json);
}

#[test]
fn not_json_at_all() {
    assert_eq!(
        err("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"></rss>"),
        "1:1: not JSON: this looks like XML (an RSS or Atom feed?); newsdeck reads JSON digests (see `newsdeck help format`)"
    );
    assert_eq!(
        err("\n\n  <feed/>"),
        "3:3: not JSON: this looks like XML (an RSS or Atom feed?); newsdeck reads JSON digests (see `newsdeck help format`)"
    );
    assert_eq!(err("hello"), "1:1: not JSON: expected value");
    assert_eq!(
        err("\"text\""),
        "1:1: not a digest: the top level is a string, and a digest is a JSON object or array (see `newsdeck help format`)"
    );
    assert_eq!(
        err("null"),
        "1:1: not a digest: the top level is null, and a digest is a JSON object or array (see `newsdeck help format`)"
    );
}

#[test]
fn duplicate_keys_policy() {
    // Known fields: refused, at the second occurrence, wherever they are.
    assert_eq!(
        err(r#"{"articles": [{"headline": "a", "headline": "b"}]}"#),
        "1:42: articles[0]: duplicate field `headline`"
    );
    assert_eq!(
        err(r#"{"title": "a", "title": "b", "articles": []}"#),
        "1:22: duplicate field `title`"
    );
    assert_eq!(
        err(r#"{"articles": [], "articles": []}"#),
        "1:27: duplicate field `articles`"
    );
    assert_eq!(
        err(r#"[{"headline": "a", "context": [], "context": []}]"#),
        "1:43: [0]: duplicate field `context`"
    );
    assert_eq!(
        err(r#"[{"headline": "a", "id": "1", "id": "2"}]"#),
        "1:34: [0]: duplicate field `id`"
    );
    assert_eq!(
        err(r#"{"headline": "a", "headline": "b"}"#),
        "1:28: duplicate field `headline`"
    );
    // Unknown fields: ignored, duplicates too, since newsdeck reads neither value.
    ok(r#"[{"headline": "a", "x": 1, "x": 2}]"#);
    ok(r#"{"v": 1, "v": 2, "articles": []}"#);
}

#[test]
fn error_messages_carry_no_escape_sequences() {
    // serde quotes the offending value; it must not reach the terminal raw.
    let e = err(r#"[{"headline": "a", "tags": "\u001b]0;pwn\u0007\u202e"}]"#);
    assert!(!e.chars().any(|c| c.is_control()), "{e:?}");
    assert!(!e.contains('\u{202e}'), "{e:?}");
    // And a 10,000-character value does not make a 10,000-character message.
    let long = format!(r#"[{{"headline": "a", "tags": "{}"}}]"#, "y".repeat(10_000));
    assert!(err(&long).chars().count() < 400);
}

#[test]
fn errors_have_positions_when_known() {
    let e: FormatError = parse(b"[1]", "f").unwrap_err();
    assert_eq!((e.line, e.column), (Some(1), Some(2)));
    let e = parse(b"", "f").unwrap_err();
    assert_eq!((e.line, e.column), (None, None));
}

#[test]
fn bundled_sample_is_valid() {
    let d = ok(newsdeck::SAMPLE_DIGEST);
    assert!(!d.entries.is_empty());
    assert!(d.duplicate_ids().is_empty());
}

#[test]
fn loading_a_file_titles_it_from_its_name() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("weekly-ai.json");
    std::fs::write(&path, br#"[{"headline": "a"}]"#).unwrap();
    let d = newsdeck::store::load::load(&path).unwrap();
    assert_eq!(d.title, "weekly-ai");
    std::fs::write(&path, b"[1]").unwrap();
    let e = newsdeck::store::load::load(&path).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{}:1:2: [0]: an article must be a JSON object with a \"headline\"",
            path.display()
        )
    );
}
