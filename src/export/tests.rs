//! Tests across the exporters: hostile text through every format, escaping, round trips, slugs.

use super::fixtures::{self, all, items, load, raw_article};
use super::*;

const FORMATS: [Format; 4] = [Format::Text, Format::Markdown, Format::Html, Format::Json];

/// Every output of every fixture: each article alone and the whole digest, in each format.
fn outputs(opts: TextOptions) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, meta, articles) in all() {
        let items = items(&articles);
        for format in FORMATS {
            for (i, item) in items.iter().enumerate() {
                out.push((
                    format!("{name} {format:?} #{i}"),
                    render_article(format, *item, opts),
                ));
            }
            out.push((
                format!("{name} {format:?} digest"),
                render_digest(format, &meta, &items, opts),
            ));
        }
    }
    let raw = raw_article();
    let item = Item {
        id: None,
        article: &raw,
    };
    for format in FORMATS {
        out.push((
            format!("raw {format:?}"),
            render_article(format, item, opts),
        ));
    }
    out
}

/// The first character that must never reach stdout (our own SGR codes removed first).
fn forbidden(text: &str) -> Option<char> {
    let text = ["\u{1b}[1m", "\u{1b}[2m", "\u{1b}[0m"]
        .iter()
        .fold(text.to_string(), |t, sgr| t.replace(sgr, ""));
    text.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
    })
}

#[test]
fn no_format_lets_control_characters_through() {
    for styled in [false, true] {
        for (name, text) in outputs(TextOptions { width: 60, styled }) {
            assert_eq!(forbidden(&text), None, "{name}:\n{text}");
            // The content is really there (only the control characters went), so the check is
            // not passing on empty output.
            if name.starts_with("hostile") {
                assert!(text.contains("OSC52") && text.contains("end"), "{name}");
                // The whole sequence went, its payload too.
                assert!(!text.contains("cm0gLXJmIH4="), "{name}");
            }
            if name.starts_with("raw") {
                assert!(!text.contains("AAAA"), "{name}: {text}");
            }
            assert!(text.len() > 40, "{name}: {text}");
        }
    }
    // And the check itself sees a raw escape.
    assert_eq!(forbidden("a\u{1b}]0;t\u{7}"), Some('\u{1b}'));
}

#[test]
fn plain_text_has_no_escape_byte_and_styled_text_is_bold_and_dim() {
    let (_, articles) = load(crate::SAMPLE_DIGEST);
    let a = &articles[0].1;
    let plain = text::article(
        a,
        TextOptions {
            width: 60,
            styled: false,
        },
    );
    assert!(!plain.contains('\u{1b}'), "{plain}");
    assert!(plain.starts_with(&a.headline[..10]));
    let styled = text::article(
        a,
        TextOptions {
            width: 60,
            styled: true,
        },
    );
    assert!(styled.starts_with("\u{1b}[1m"), "{styled}");
    assert!(styled.contains("\u{1b}[2m"), "{styled}");
    // Styling adds codes, never changes the words.
    let unstyled = styled
        .replace("\u{1b}[1m", "")
        .replace("\u{1b}[2m", "")
        .replace("\u{1b}[0m", "");
    assert_eq!(unstyled, plain);
}

#[test]
fn text_wraps_to_the_width_by_display_columns() {
    for width in [2, 12, 37, 80] {
        for (name, text) in outputs(TextOptions {
            width,
            styled: false,
        }) {
            if !name.contains("Text") {
                continue;
            }
            for line in text.lines() {
                assert!(
                    crate::wrap::width(line) <= width,
                    "{name} at {width}: {line:?}"
                );
            }
        }
    }
}

#[test]
fn text_lays_out_commentators_as_name_role_viewpoint() {
    let a = Article {
        headline: "H".into(),
        commentators: vec![
            Commentator {
                name: "Ada".into(),
                role: Some("Engineer".into()),
                viewpoint: "Works\nwell".into(),
            },
            Commentator {
                name: "Bob".into(),
                role: None,
                viewpoint: "No role".into(),
            },
        ],
        ..Article::default()
    };
    let out = text::article(
        &a,
        TextOptions {
            width: 40,
            styled: false,
        },
    );
    assert_eq!(
        out,
        "H\n\nCommentators\n• Ada — Engineer: Works\n  well\n• Bob: No role\n"
    );
}

/// Pipes in a table row that end a cell: those not escaped by an odd run of backslashes.
fn cell_pipes(row: &str) -> usize {
    let mut count = 0;
    let mut backslashes = 0;
    for c in row.chars() {
        if c == '|' && backslashes % 2 == 0 {
            count += 1;
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    count
}

#[test]
fn markdown_table_cells_cannot_break_the_table() {
    let a = Article {
        headline: "H".into(),
        commentators: vec![
            Commentator {
                name: "a|b".into(),
                role: Some("c\\".into()),
                viewpoint: "one | two\\|\nthree\\".into(),
            },
            Commentator {
                name: "n".into(),
                role: None,
                viewpoint: "v".into(),
            },
        ],
        ..Article::default()
    };
    let md = md::article(&a);
    let rows: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("| Commentator"))
        .collect();
    assert_eq!(rows.len(), 4, "{md}");
    for row in &rows {
        assert!(row.starts_with("| ") && row.ends_with(" |"), "{row}");
        assert_eq!(cell_pipes(row), 4, "{row}");
    }
    assert_eq!(
        rows[2],
        "| a\\|b | c\\\\ | one \\| two\\\\\\|<br>three\\\\ |"
    );
    assert_eq!(rows[3], "| n |  | v |");
}

/// Whether `pat` occurs in `md` without a backslash before it.
fn unescaped(md: &str, pat: &str) -> bool {
    md.match_indices(pat).any(|(i, _)| !md[..i].ends_with('\\'))
}

#[test]
fn hostile_markdown_shows_markup_as_text() {
    let (_, articles) = load(&fixtures::hostile_json());
    let md = md::article(&articles[0].1);
    assert!(unescaped("a <b", "<b") && !unescaped("a \\<b", "<b"));
    for raw in [
        "<script",
        "<img",
        "[click]",
        "![t]",
        "](javascript",
        "`code`",
        "*em*",
        "_em_",
        "~~del~~",
        "&lt;",
    ] {
        assert!(!unescaped(&md, raw), "{raw} unescaped in:\n{md}");
    }
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"), "{md}");
    // Digest line starts never open a block of their own.
    for line in md.lines() {
        let l = line.trim_start();
        for start in ["> ", "+ ", "1. ", "===", "```", "<div"] {
            assert!(!l.starts_with(start), "line opens a block: {line:?}");
        }
        assert!(!line.starts_with("    "), "indented code: {line:?}");
    }
    // Only our own headings and bullets start lines with # and -.
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(headings.len(), 5, "{headings:?}");
    assert!(
        md.contains(
            "\n\\# heading\\\n\\> quote\\\n\\- list\\\n\\+ plus\\\n1\\. ordered\\\n\\`\\`\\`"
        ),
        "{md}"
    );
    // A javascript: link stays text.
    assert!(md.contains("Link: javascript:alert(1)"), "{md}");
}

#[test]
fn markdown_structure_of_an_article() {
    let (_, articles) = load(crate::SAMPLE_DIGEST);
    let a = &articles[0].1;
    let md = md::article(a);
    assert!(md.starts_with(&format!("# {}\n\n", a.headline)), "{md}");
    // The sample's context block carries the source article's own heading.
    assert_eq!(
        a.context_title(),
        "🔍 Context: Why DeepSeek Sparked a Global Stir"
    );
    assert!(
        md.contains(&format!("\n## {}\n\n- ", a.context_title())),
        "{md}"
    );
    if let Some(url) = &a.url {
        assert!(md.trim_end().ends_with(&format!("(<{url}>)")), "{md}");
    }
    let (meta, all) = load(crate::SAMPLE_DIGEST);
    let d = md::digest(&meta, all.iter().map(|(_, a)| a));
    assert!(d.starts_with(&format!("# {}\n", meta.title)), "{d}");
    assert_eq!(
        d.lines().filter(|l| l.starts_with("## ")).count(),
        all.len(),
        "{d}"
    );
}

/// Every tag in an HTML page, with its attribute names; fails on anything not tag-shaped.
fn tags(html: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').unwrap() + open;
        let inner = &rest[open + 1..close];
        let name = inner.split_whitespace().next().unwrap_or("").to_string();
        let mut attrs = Vec::new();
        // `<!DOCTYPE html>` has a word, not attributes.
        let mut a = if name == "!DOCTYPE" {
            ""
        } else {
            inner[name.len()..].trim()
        };
        while !a.is_empty() {
            let eq = a
                .find("=\"")
                .unwrap_or_else(|| panic!("attribute not quoted: {inner}"));
            attrs.push(a[..eq].to_string());
            let end = a[eq + 2..].find('"').unwrap() + eq + 2;
            a = a[end + 1..].trim();
        }
        out.push((name, attrs));
        rest = &rest[close + 1..];
    }
    out
}

#[test]
fn hostile_html_shows_everything_as_text() {
    let (meta, articles) = load(&fixtures::hostile_json());
    let pages = [
        html::article(&articles[0].1),
        html::article(&articles[1].1),
        html::digest(&meta, articles.iter().map(|(_, a)| a)),
    ];
    const ELEMENTS: &[&str] = &[
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "article", "h1",
        "h2", "h3", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "br",
    ];
    const ATTRIBUTES: &[&str] = &[
        "charset",
        "http-equiv",
        "content",
        "name",
        "class",
        "href",
        "rel",
    ];
    for page in &pages {
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}"
        );
        assert!(
            page.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{page}"
        );
        for (name, attrs) in tags(page) {
            let bare = name.trim_start_matches('/');
            assert!(ELEMENTS.contains(&bare), "element {name} in:\n{page}");
            for attr in attrs {
                assert!(
                    ATTRIBUTES.contains(&attr.as_str()),
                    "attribute {attr} on {name}"
                );
            }
        }
        for href in page.split("href=\"").skip(1) {
            assert!(
                href.starts_with("https://") || href.starts_with("http://"),
                "{href}"
            );
        }
        assert!(!page.contains("javascript:alert(1)\""), "{page}");
        // No element can load anything: the attribute allowlist has no `src`, and no `<img`.
        assert!(!page.contains("<img"), "{page}");
    }
    // The quoted link is a link whose quotes stay inside the attribute.
    assert!(
        pages[1].contains("href=\"https://e.example/&quot; onerror=&quot;alert(1)\""),
        "{}",
        pages[1]
    );
    assert!(pages[0].contains("<meta charset=\"utf-8\">"));
}

#[test]
fn json_round_trips_through_the_loader() {
    for (name, meta, articles) in all() {
        for (id, article) in &articles {
            let json = json::article(Item {
                id: Some(id),
                article,
            });
            let (_, back) = load(&json);
            assert_eq!(back.len(), 1, "{name}: {json}");
            assert_eq!(&back[0].0, id, "{name}: identity");
            assert_eq!(&back[0].1, article, "{name}: {json}");
        }
        let json = json::digest(&meta, &items(&articles));
        let (back_meta, back) = load(&json);
        assert_eq!(back_meta, meta, "{name}");
        assert_eq!(back, articles, "{name}");
    }
}

#[test]
fn json_of_a_raw_article_loads_as_its_sanitised_self() {
    let raw = raw_article();
    let json = json::article(Item {
        id: None,
        article: &raw,
    });
    let (_, back) = load(&json);
    assert_eq!(back[0].1, clean_article(&raw));
    assert!(!back[0].1.headline.contains('\u{1b}'));
}

#[test]
fn slugs() {
    for (headline, want) in [
        (
            "Altman: DeepSeek has not found something way more efficient",
            "altman-deepseek-has-not-found-something-way-more-efficient",
        ),
        (
            "  Crème brûlée à Zürich — Łódź, Straße ",
            "creme-brulee-a-zurich-lodz-strasse",
        ),
        ("GPT-5.1 & C++/Rust!!", "gpt-5-1-c-rust"),
        ("漢字のみ", "article"),
        ("", "article"),
        (".", "article"),
        ("..", "article"),
        ("../../etc/passwd", "etc-passwd"),
        ("a\u{1b}[2Jb", "a-2jb"),
    ] {
        assert_eq!(slug(headline), want, "{headline:?}");
    }
    let long = slug(&"word ".repeat(40));
    assert!(long.len() <= SLUG_MAX && long.ends_with("word"), "{long}");
    let unbroken = slug(&"x".repeat(200));
    assert_eq!(unbroken.len(), SLUG_MAX);
    for s in ["ÆØÅ", "-a-", "🦀 rust 🦀"] {
        let out = slug(s);
        assert!(!out.starts_with('-') && !out.ends_with('-'), "{out}");
        assert!(
            out.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        );
    }
}

#[test]
fn format_names() {
    for name in Format::NAMES {
        assert!(Format::from_name(name).is_some(), "{name}");
    }
    assert_eq!(Format::from_name("markdown"), Some(Format::Markdown));
    assert_eq!(Format::from_name("pdf"), None);
}

#[test]
fn blank_source_and_tags_leave_no_stray_separator() {
    // Found by hand: a source that was only an escape sequence printed `· 2025-10-27` in show.
    let a = Article {
        source: Some(" ".into()),
        published: Some("2025-10-27".into()),
        tags: vec!["".into(), "ai".into()],
        ..Article::default()
    };
    assert_eq!(meta_line(&a), "2025-10-27 · #ai");
    let a = Article {
        tags: vec!["".into()],
        ..Article::default()
    };
    assert_eq!(meta_line(&a), "");
}
