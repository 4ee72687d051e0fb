//! HTML export: one self-contained page (inline CSS, no scripts, no external resources).
//!
//! Every piece of digest text is escaped, in element content and in attributes alike, so a digest
//! containing `<script>` or `" onerror="` shows those as text. Only http(s) URLs become links;
//! a Content-Security-Policy that allows nothing but the inline style backs this up should a
//! future change forget to escape something.

use super::{DigestMeta, clean_article, clean_meta, digest_meta_line, meta_line};
use crate::model::digest::Article;

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:42rem;\
margin:2rem auto;padding:0 1rem;color:#222;background:#fff}\
.meta{color:#666;font-size:.9em}\
table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}\
article+article{border-top:1px solid #ccc;margin-top:2rem}\
a{overflow-wrap:anywhere}";

/// One article as an HTML page titled by its headline.
pub fn article(article: &Article) -> String {
    let a = clean_article(article);
    let mut body = String::new();
    write_article(&mut body, &a, 1);
    page(&a.headline, &body)
}

/// Every article of a digest on one page under the digest's title.
pub fn digest<'a>(meta: &DigestMeta, articles: impl IntoIterator<Item = &'a Article>) -> String {
    let meta = clean_meta(meta);
    let mut body = format!("<header><h1>{}</h1>\n", esc(&meta.title));
    let line = digest_meta_line(&meta);
    if !line.is_empty() {
        body.push_str(&format!("<p class=\"meta\">{}</p>\n", esc(&line)));
    }
    body.push_str("</header>\n");
    for a in articles {
        write_article(&mut body, &clean_article(a), 2);
    }
    page(&meta.title, &body)
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
<meta name=\"referrer\" content=\"no-referrer\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        esc(title)
    )
}

fn write_article(out: &mut String, a: &Article, level: usize) {
    let (h, sub) = (level.clamp(1, 5), level.clamp(1, 5) + 1);
    out.push_str("<article>\n");
    out.push_str(&format!("<h{h}>{}</h{h}>\n", esc(&a.headline)));
    let meta = meta_line(a);
    if !meta.is_empty() {
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", esc(&meta)));
    }
    if let Some(url) = a.url.as_deref().filter(|u| !u.is_empty()) {
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", link(url)));
    }
    paragraphs(out, &a.summary);
    if !a.context.is_empty() {
        out.push_str(&format!("<h{sub}>{}</h{sub}>\n", esc(a.context_title())));
        bullets(out, &a.context);
    }
    for s in &a.sections {
        out.push_str(&format!("<h{sub}>{}</h{sub}>\n", esc(&s.heading)));
        bullets(out, &s.bullets);
    }
    if !a.commentators.is_empty() {
        out.push_str(&format!(
            "<h{sub}>{}</h{sub}>\n",
            esc(a.commentators_title())
        ));
        out.push_str(
            "<table>\n<thead><tr><th>Commentator</th><th>Role</th><th>Viewpoint</th></tr></thead>\n<tbody>\n",
        );
        for c in &a.commentators {
            out.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                esc(&c.name),
                esc(c.role.as_deref().unwrap_or("")),
                lines(&c.viewpoint)
            ));
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</article>\n");
}

/// A link for http(s) URLs (the href escaped like any attribute); anything else is text.
fn link(url: &str) -> String {
    if crate::url::is_web(url) {
        format!(
            "<a href=\"{0}\" rel=\"noopener noreferrer\">{0}</a>",
            esc(url)
        )
    } else {
        esc(url)
    }
}

fn bullets(out: &mut String, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str("<ul>\n");
    for b in items {
        out.push_str(&format!("<li>{}</li>\n", lines(b)));
    }
    out.push_str("</ul>\n");
}

/// Block text as paragraphs: a blank line separates paragraphs, a line break is `<br>`.
fn paragraphs(out: &mut String, text: &str) {
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        out.push_str(&format!("<p>{}</p>\n", lines(para)));
    }
}

/// Escaped text with its line breaks kept as `<br>`.
fn lines(text: &str) -> String {
    text.trim()
        .split('\n')
        .map(esc)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Escapes text for element content and for quoted attribute values alike.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        assert_eq!(
            esc(r#"<a href="x" onerror='y'>&"#),
            "&lt;a href=&quot;x&quot; onerror=&#39;y&#39;&gt;&amp;"
        );
        assert_eq!(
            link("https://e.x/\" onmouseover=\"alert(1)"),
            "<a href=\"https://e.x/&quot; onmouseover=&quot;alert(1)\" rel=\"noopener noreferrer\">\
https://e.x/&quot; onmouseover=&quot;alert(1)</a>"
        );
        assert_eq!(
            link("javascript:alert('x')"),
            "javascript:alert(&#39;x&#39;)"
        );
    }

    #[test]
    fn paragraphs_and_line_breaks() {
        let mut out = String::new();
        paragraphs(&mut out, "a\nb\n\n\n c ");
        assert_eq!(out, "<p>a<br>b</p>\n<p>c</p>\n");
    }
}
