//! Test digests for the exporters: a hostile one, the CJK fixture and the bundled sample, loaded
//! through the real parser, plus an article built by hand that the loader never cleaned.

use super::{DigestMeta, Item};
use crate::model::digest::{Article, ArticleId, Commentator, Section};

/// Strings meant to break out of each format, as JSON string content (escapes decode to bytes).
const HOSTILE: &[&str] = &[
    "OSC52 \\u001b]52;c;cm0gLXJmIH4=\\u0007 end",
    "CLEAR \\u001b[2J end",
    "CSI8 \\u009b31m end",
    "BIDI \\u202egnp.exe end",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\\\" onerror=\\\"alert(1)",
    "'single' &lt;entity&gt; & AT&T",
    "[click](javascript:alert(1)) ![t](http://tracker.example/p.png)",
    "cell | pipe \\\\ backslash",
    "`code` *em* _em_ ~~del~~",
];

/// Block text whose line starts would change Markdown structure.
const LINE_STARTS: &str =
    "# heading\\n> quote\\n- list\\n+ plus\\n1. ordered\\n```\\n    indented\\n===\\n---\\n<div>";

/// A digest whose every field carries [`HOSTILE`] text, with a non-web link and a quoted one.
pub(super) fn hostile_json() -> String {
    let t = HOSTILE.join(" ");
    format!(
        r##"{{"title":"T {t}","published":"2025-01-01 {t}","source":"S {t}","articles":[
        {{"id":"id {t}","headline":"H {t}","summary":"{t}\n{LINE_STARTS}\n\n{t}",
          "url":"javascript:alert(1)","source":"{t}","published":"{t}","tags":["{t}","x"],
          "context":["{t}","{LINE_STARTS}"],
          "sections":[{{"heading":"{t}","bullets":["{t}","{LINE_STARTS}"]}},{{"heading":"# empty"}}],
          "commentators":[{{"name":"{t}","role":"{t}","viewpoint":"{t}\n{LINE_STARTS}"}},
                          {{"name":"No role","viewpoint":"a | b\\\\c\nnext line"}}]}},
        {{"headline":"second {t}","url":"https://e.example/\" onerror=\"alert(1)"}}]}}"##
    )
}

/// A loaded digest's articles, each with its identity.
pub(super) type Articles = Vec<(ArticleId, Article)>;

/// A digest loaded through the parser: its metadata and each article with its identity.
pub(super) fn load(json: &str) -> (DigestMeta, Articles) {
    let digest = crate::format::parse(json.as_bytes(), "fixture").unwrap();
    let meta = DigestMeta {
        id: None,
        title: digest.title.clone(),
        published: digest.published.clone(),
        source: digest.source.clone(),
    };
    let articles = (0..digest.entries.len())
        .map(|i| (digest.entries[i].id.clone(), digest.article(i).unwrap()))
        .collect();
    (meta, articles)
}

/// Every fixture digest, by name.
pub(super) fn all() -> Vec<(&'static str, DigestMeta, Articles)> {
    let (hm, ha) = load(&hostile_json());
    let (cm, ca) = load(include_str!("../../tests/fixtures/cjk.json"));
    let (sm, sa) = load(crate::SAMPLE_DIGEST);
    vec![("hostile", hm, ha), ("cjk", cm, ca), ("sample", sm, sa)]
}

/// The items of a loaded digest.
pub(super) fn items(articles: &[(ArticleId, Article)]) -> Vec<Item<'_>> {
    articles
        .iter()
        .map(|(id, article)| Item {
            id: Some(id),
            article,
        })
        .collect()
}

/// An article with raw control characters in every field, as no loader would produce it.
pub(super) fn raw_article() -> Article {
    let bad = "x\u{1b}]52;c;AAAA\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{8}\ry";
    let s = || bad.to_string();
    Article {
        headline: s(),
        published: Some(s()),
        source: Some(s()),
        url: Some(format!("https://e.example/{bad}")),
        tags: vec![s()],
        summary: s(),
        context: vec![s()],
        context_heading: Some(s()),
        sections: vec![Section {
            heading: s(),
            bullets: vec![s()],
        }],
        commentators: vec![Commentator {
            name: s(),
            role: Some(s()),
            viewpoint: s(),
        }],
        commentators_heading: Some(s()),
    }
}
