//! Markdown export (CommonMark, with a GitHub-style table for the commentators).
//!
//! Digest text is text, never markup: characters that would start emphasis, code, links, images,
//! raw HTML, entities or strikethrough are backslash-escaped wherever they occur, and those that
//! only act at the start of a line (headings, quotes, lists, rules) are escaped there. A digest
//! with `[x](javascript:...)`, `![](http://tracker)` or `<script>` therefore shows those as text.

use super::{DigestMeta, clean_article, clean_meta, digest_meta_line, meta_line};
use crate::model::digest::Article;

/// One article as a Markdown document, headline as `#`.
pub fn article(article: &Article) -> String {
    let mut out = String::new();
    write_article(&mut out, &clean_article(article), 1);
    finish(out)
}

/// Every article of a digest: the title as `#`, each headline as `##`, their headings as `###`.
pub fn digest<'a>(meta: &DigestMeta, articles: impl IntoIterator<Item = &'a Article>) -> String {
    let meta = clean_meta(meta);
    let mut out = String::new();
    push_block(&mut out, &heading(1, &meta.title));
    let line = digest_meta_line(&meta);
    if !line.is_empty() {
        push_block(&mut out, &block(&line, ""));
    }
    for a in articles {
        write_article(&mut out, &clean_article(a), 2);
    }
    finish(out)
}

/// Appends a block (a paragraph, list, heading or table) followed by a blank line.
fn push_block(out: &mut String, block: &str) {
    out.push_str(block);
    out.push_str("\n\n");
}

/// One trailing newline, however the last block ended.
fn finish(mut out: String) -> String {
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn write_article(out: &mut String, a: &Article, level: usize) {
    push_block(out, &heading(level, &a.headline));
    let meta = meta_line(a);
    if !meta.is_empty() {
        push_block(out, &block(&meta, ""));
    }
    if !a.summary.trim().is_empty() {
        push_block(out, &block(&a.summary, ""));
    }
    if !a.context.is_empty() {
        push_block(out, &heading(level + 1, a.context_title()));
        push_block(out, &bullets(&a.context));
    }
    for s in &a.sections {
        push_block(out, &heading(level + 1, &s.heading));
        if !s.bullets.is_empty() {
            push_block(out, &bullets(&s.bullets));
        }
    }
    if !a.commentators.is_empty() {
        push_block(out, &heading(level + 1, a.commentators_title()));
        let mut table = String::from("| Commentator | Role | Viewpoint |\n| --- | --- | --- |");
        for c in &a.commentators {
            let role = c.role.as_deref().unwrap_or("");
            table.push_str(&format!(
                "\n| {} | {} | {} |",
                cell(&c.name),
                cell(role),
                cell(&c.viewpoint)
            ));
        }
        push_block(out, &table);
    }
    if let Some(url) = a.url.as_deref().filter(|u| !u.is_empty()) {
        push_block(out, &link(url));
    }
}

/// An ATX heading; `#` is escaped too, so a headline ending in `#` keeps it.
fn heading(level: usize, text: &str) -> String {
    let text = inline(text).replace('#', "\\#");
    let marks = "#".repeat(level.clamp(1, 6));
    if text.is_empty() {
        marks
    } else {
        format!("{marks} {text}")
    }
}

/// A `-` list; a bullet's own line breaks stay inside its item.
fn bullets(items: &[String]) -> String {
    items
        .iter()
        .map(|b| format!("- {}", block(b, "  ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The link as a Markdown link for http(s) URLs; anything else (`javascript:`, `file:`) is text.
fn link(url: &str) -> String {
    if crate::url::is_web(url) {
        // The <...> form allows any character but these three, which are escaped; no line breaks
        // can occur (a sanitised URL is one line).
        let mut dest = String::with_capacity(url.len() + 2);
        for c in url.chars() {
            if matches!(c, '\\' | '<' | '>') {
                dest.push('\\');
            }
            dest.push(c);
        }
        format!("[{}](<{dest}>)", inline(url))
    } else {
        format!("Link: {}", inline(url))
    }
}

/// A table cell: inline-escaped (which includes `|` and `\`), line breaks as `<br>`, so a cell
/// never ends the row or the table.
fn cell(text: &str) -> String {
    text.split('\n')
        .map(|l| inline(l.trim()))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Block text: lines joined by hard breaks (`\` at line end), blank lines as paragraph breaks;
/// continuation lines start with `indent` so they stay inside a list item.
fn block(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let (mut prev, mut blank) = (false, false);
    for raw in text.split('\n') {
        let l = raw.trim();
        if l.is_empty() {
            blank = prev;
            continue;
        }
        if blank {
            out.push_str("\n\n");
            out.push_str(indent);
        } else if prev {
            out.push_str("\\\n");
            out.push_str(indent);
        }
        out.push_str(&line_start(inline(l)));
        (prev, blank) = (true, false);
    }
    out
}

/// Escapes what acts anywhere in a line: `\`, code, emphasis, links and images, raw HTML and
/// autolinks, strikethrough, table pipes, `$` (maths in GitHub and pandoc: news is full of
/// dollar amounts), and `&` where it would start an entity.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' | '$' => true,
            '&' => starts_entity(&text[i + 1..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether text after a `&` reads as an entity (`amp;`, `#38;`, `#x26;`).
fn starts_entity(rest: &str) -> bool {
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !name.is_empty() && rest[name.len()..].starts_with(';')
}

/// Escapes what acts only at the start of a line: ATX headings, quotes, list markers, setext
/// underlines and rules (`*`, `_`, `` ` ``, `~` and `<` are escaped everywhere already).
fn line_start(line: String) -> String {
    if line.starts_with(['#', '>', '-', '+', '=']) {
        return format!("\\{line}");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) && line[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_is_escaped() {
        assert_eq!(inline("a*b*_c_"), "a\\*b\\*\\_c\\_");
        assert_eq!(
            inline("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(inline("<script>"), "\\<script\\>");
        assert_eq!(inline("AT&T &amp; &#38;"), "AT&T \\&amp; \\&#38;");
        assert_eq!(inline("$6M, not $100M"), "\\$6M, not \\$100M");
        assert_eq!(
            inline("back\\slash `code` ~~s~~"),
            "back\\\\slash \\`code\\` \\~\\~s\\~\\~"
        );
    }

    #[test]
    fn line_starts_that_change_structure_are_escaped() {
        for (raw, want) in [
            ("# not a heading", "\\# not a heading"),
            ("> not a quote", "\\> not a quote"),
            ("- not a list", "\\- not a list"),
            ("+ not a list", "\\+ not a list"),
            ("===", "\\==="),
            ("1. not a list", "1\\. not a list"),
            ("2024) not a list", "2024\\) not a list"),
            ("    not code", "not code"),
            ("ordinary # text - here", "ordinary # text - here"),
        ] {
            assert_eq!(block(raw, ""), want, "{raw:?}");
        }
        assert_eq!(block("a\nb\n\n\nc", ""), "a\\\nb\n\nc");
        assert_eq!(block("a\n- b", "  "), "a\\\n  \\- b");
    }

    #[test]
    fn headings_keep_trailing_hashes_and_links_only_for_the_web() {
        assert_eq!(heading(1, "Learn C#"), "# Learn C\\#");
        assert_eq!(heading(2, ""), "##");
        assert_eq!(
            link("https://e.x/a_(b)"),
            "[https://e.x/a\\_(b)](<https://e.x/a_(b)>)"
        );
        assert_eq!(
            link("https://e.x/<a>"),
            "[https://e.x/\\<a\\>](<https://e.x/\\<a\\>>)"
        );
        assert_eq!(link("javascript:alert(1)"), "Link: javascript:alert(1)");
    }
}
