//! The first pass and the lazy body decoder against an independent full parse (serde_json::Value)
//! of the same synthetic digests: the fast path must give the same data and the same errors.

use newsdeck::format;
use newsdeck::sanitize;
use newsdeck::synth;
use serde_json::Value;

// Every string is compared as newsdeck shows it: one-line fields with control characters made
// safe (the short shape has tabs and line breaks in headlines), blocks with their line breaks.
fn line(s: &str) -> String {
    sanitize::line(s).into_owned()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|s| s.as_str().map(line)).collect())
        .unwrap_or_default()
}

fn opt(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(line)
}

fn block(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(|s| sanitize::block(s).into_owned())
}

fn compare(articles: usize, seed: u64) {
    compare_bytes(&synth::digest(articles, seed));
    compare_bytes(&synth::short_digest(articles, seed));
}

fn compare_bytes(bytes: &[u8]) {
    let full: Value = serde_json::from_slice(bytes).unwrap();
    let digest = format::parse(bytes, "synthetic").unwrap();
    assert_eq!(Some(digest.title.clone()), opt(&full, "title"));
    let wire = full["articles"].as_array().unwrap();
    assert_eq!(digest.entries.len(), wire.len());
    for (i, (entry, w)) in digest.entries.iter().zip(wire).enumerate() {
        assert_eq!(Some(entry.id.0.to_string()), opt(w, "id"), "article {i}");
        assert_eq!(
            Some(entry.headline().to_string()),
            opt(w, "headline").map(|h| h.trim().to_string()),
            "article {i}"
        );
        assert_eq!(entry.tag_list(), strings(&w["tags"]), "article {i}");
        let a = digest.article(i).unwrap();
        assert_eq!(a.headline, entry.headline());
        assert_eq!(Some(a.summary.clone()), block(w, "summary"));
        assert_eq!(a.url, opt(w, "url"));
        assert_eq!(a.source, opt(w, "source"));
        assert_eq!(a.published, opt(w, "published"));
        assert_eq!(a.context, strings(&w["context"]));
        let sections = w["sections"].as_array().cloned().unwrap_or_default();
        assert_eq!(a.sections.len(), sections.len());
        for (s, ws) in a.sections.iter().zip(&sections) {
            assert_eq!(Some(s.heading.clone()), opt(ws, "heading"));
            assert_eq!(s.bullets, strings(&ws["bullets"]));
        }
        let commentators = w["commentators"].as_array().unwrap();
        assert_eq!(a.commentators.len(), commentators.len());
        for (c, wc) in a.commentators.iter().zip(commentators) {
            assert_eq!(Some(c.name.clone()), opt(wc, "name"));
            assert_eq!(c.role, opt(wc, "role"));
            assert_eq!(Some(c.viewpoint.clone()), block(wc, "viewpoint"));
        }
    }
}

#[test]
fn small_digest_matches_the_full_parse() {
    compare(50, 11);
}

#[test]
fn big_digest_read_on_two_threads_matches_the_full_parse() {
    // Above the size where the first pass splits the work between two threads.
    compare(3000, 12);
}

#[test]
fn the_first_error_in_file_order_is_reported_from_either_thread() {
    let mut articles: Vec<String> = (0..5000)
        .map(|i| format!(r#"{{"headline":"h{i}"}}"#))
        .collect();
    articles[4000] = r#"{"summary":"no headline"}"#.into();
    articles[3000] = r#"{"headline":7}"#.into();
    let text = format!("{{\"articles\":[\n{}\n]}}", articles.join(",\n"));
    let err = format::parse(text.as_bytes(), "t").unwrap_err();
    // Line 1 is `{"articles":[`, so article i starts on line i + 2.
    assert_eq!(err.line, Some(3002), "{err}");
    assert!(
        err.message
            .starts_with("articles[3000].headline: invalid type"),
        "{err}"
    );
    articles[3000] = r#"{"headline":"fixed"}"#.into();
    articles[10] = r#"{"headline":""}"#.into();
    let text = format!("{{\"articles\":[\n{}\n]}}", articles.join(",\n"));
    let err = format::parse(text.as_bytes(), "t").unwrap_err();
    assert_eq!(err.to_string(), "12:1: articles[10]: \"headline\" is empty");
}
