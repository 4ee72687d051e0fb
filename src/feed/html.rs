//! HTML from feeds turned into newsdeck's text: plain lines, paragraphs, and headed bullet lists.
//!
//! html2text (rich mode) does the HTML work; this file only reads the text it lays out. Rich mode
//! marks headings with `# `, list items with `* ` or `1. ` and quotes with `> `, and separates
//! blocks with blank lines, which is the structure a digest article keeps.

/// The width html2text lays text out at: wide enough that no paragraph is wrapped, so each line
/// break in the result is one the HTML asked for.
const WIDTH: usize = 100_000;

/// A headed list of bullets taken from an article's HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's text; the one for text before any heading is [`LEAD_HEADING`].
    pub heading: String,
    /// One per paragraph or list item, line breaks kept.
    pub bullets: Vec<String>,
}

/// The heading of the section that holds what comes before the first heading.
pub const LEAD_HEADING: &str = "Article";

mod text_only;

/// The text of `html` laid out as html2text's rich mode lays it out, or the input itself if it
/// cannot be read.
fn render(html: &str) -> String {
    html2text::config::with_decorator(text_only::TextOnly)
        .no_link_wrapping()
        // Box-drawing borders are noise once a table is folded into bullets.
        .no_table_borders()
        .string_from_read(html.as_bytes(), WIDTH)
        .unwrap_or_else(|_| html.to_string())
}

/// True when `s` may hold markup or entities worth handing to the HTML converter.
pub fn looks_like_html(s: &str) -> bool {
    s.contains('<') || s.contains('&')
}

/// One line of plain text: tags stripped, entities decoded, whitespace folded.
pub fn to_line(html: &str) -> String {
    let text = if looks_like_html(html) {
        render(html)
    } else {
        html.to_string()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Paragraphs of plain text (blank line between them), for an article summary.
pub fn to_paragraphs(html: &str) -> String {
    let blocks: Vec<String> = blocks(&render(html))
        .into_iter()
        .map(|b| match b {
            Block::Heading(t) | Block::Text(t) => t,
        })
        .collect();
    blocks.join("\n\n")
}

/// Sections from headings, and a bullet per paragraph or list item.
pub fn to_sections(html: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for block in blocks(&render(html)) {
        match block {
            Block::Heading(heading) => sections.push(Section {
                heading,
                bullets: Vec::new(),
            }),
            Block::Text(text) => match sections.last_mut() {
                Some(s) => s.bullets.push(text),
                None => sections.push(Section {
                    heading: LEAD_HEADING.to_string(),
                    bullets: vec![text],
                }),
            },
        }
    }
    // A heading with nothing under it is kept: it still says something, and it is short.
    sections
}

#[derive(Debug, PartialEq, Eq)]
enum Block {
    Heading(String),
    Text(String),
}

/// Splits rendered text into headings and text blocks (paragraphs, list items).
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let flush = |current: &mut Option<String>, out: &mut Vec<Block>| {
        if let Some(t) = current.take() {
            let t = t.trim().to_string();
            if !t.is_empty() {
                out.push(Block::Text(t));
            }
        }
    };
    for raw in text.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            flush(&mut current, &mut out);
        } else if let Some(h) = heading(trimmed).filter(|_| trimmed.len() == line.len()) {
            flush(&mut current, &mut out);
            out.push(Block::Heading(h.to_string()));
        } else if let Some(item) = list_item(trimmed) {
            flush(&mut current, &mut out);
            current = Some(item.to_string());
        } else {
            let body = trimmed.strip_prefix("> ").unwrap_or(trimmed);
            match current.as_mut() {
                // A continuation line inside a list item or a `<br>` inside a paragraph.
                Some(t) => {
                    t.push('\n');
                    t.push_str(body);
                }
                None => current = Some(body.to_string()),
            }
        }
    }
    flush(&mut current, &mut out);
    out
}

/// The text of a rich-mode heading line (`# `, `## `, ...).
fn heading(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches('#');
    let level = line.len() - rest.len();
    (1..=6)
        .contains(&level)
        .then(|| rest.strip_prefix(' '))
        .flatten()
        .map(str::trim)
        .filter(|h| !h.is_empty())
}

/// The text of a rich-mode list item line (`* ` or `12. `).
fn list_item(line: &str) -> Option<&str> {
    if let Some(rest) = line.strip_prefix("* ") {
        return Some(rest);
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && digits < 6 {
        return line[digits..].strip_prefix(". ");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_lose_tags_and_decode_entities() {
        assert_eq!(
            to_line("<b>Rust&nbsp;1.90</b> &amp; <i>more</i>\n  news"),
            "Rust 1.90 & more news"
        );
        assert_eq!(to_line("plain   words"), "plain words");
    }

    #[test]
    fn headings_make_sections_and_paragraphs_and_items_make_bullets() {
        let html = "<p>Lead <a href=\"https://x.test/\">link</a>.</p>\
                    <h2>Details</h2><ul><li>One</li><li>Two &lt;3</li></ul>\
                    <p>After<br>break</p><h3>Empty</h3>";
        let s = to_sections(html);
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0].heading, LEAD_HEADING);
        assert_eq!(s[0].bullets, vec!["Lead link."]);
        assert_eq!(s[1].heading, "Details");
        assert_eq!(s[1].bullets, vec!["One", "Two <3", "After\nbreak"]);
        assert_eq!(s[2].heading, "Empty");
        assert!(s[2].bullets.is_empty());
    }

    #[test]
    fn ordered_items_and_paragraph_summaries() {
        let s = to_sections("<ol><li>first</li><li>second</li></ol>");
        assert_eq!(s[0].bullets, vec!["first", "second"]);
        assert_eq!(to_paragraphs("<p>a</p><p>b</p>"), "a\n\nb");
    }

    #[test]
    fn text_only_lays_out_what_rich_mode_does() {
        let samples = [
            "<p>Lead <a href=\"https://x.test/\">link <b>bold</b></a> and <em>em</em>.</p>",
            "<h1>One</h1><h3>Three</h3><p>a<br>b</p><blockquote><p>quoted</p></blockquote>",
            "<ul><li>x <code>c</code></li><li><ol start=\"3\"><li>n</li></ol></li></ul>",
            "<pre>  keep\n   spaces</pre><p><img src=\"i.png\" alt=\"Alt text\"> <s>old</s></p>",
            "<table><tr><th>h</th><td><a href=\"/r\">cell</a></td></tr></table><sup>2</sup>",
            "<p style=\"color:red\">red</p><font color=\"blue\">blue</font> &amp; &lt;tags&gt;",
        ];
        for html in samples {
            let rich = html2text::config::rich()
                .no_link_wrapping()
                .no_table_borders()
                .string_from_read(html.as_bytes(), WIDTH)
                .unwrap();
            assert_eq!(render(html), rich, "{html}");
        }
    }

    #[test]
    fn tables_lose_their_borders() {
        let text = to_paragraphs("<table><tr><td>cell a</td><td>cell b</td></tr></table>");
        assert!(
            text.contains("cell a") && text.contains("cell b"),
            "{text:?}"
        );
        assert!(!text.contains('─') && !text.contains('┬'), "{text:?}");
    }
}
