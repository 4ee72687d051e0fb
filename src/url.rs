//! Which links newsdeck opens: only web links, decided once for the model and the opener.

/// What the user is told when a link is not one newsdeck opens.
pub const NOT_WEB: &str = "Not opening the link: only http and https links are opened";

/// Whether `url` is an http(s) link, the only kind handed to the system opener: `file:`,
/// `javascript:` and anything else could do more than show a page. The scheme's case and
/// spaces around the link do not matter (`HTTPS://x` is a web link).
pub fn is_web(url: &str) -> bool {
    web(url).is_some()
}

/// The web link `url` names, tidied for an opener (spaces around it trimmed, the scheme in lower
/// case), or `None` when it is not an http(s) link or holds control characters (which could
/// end an escape sequence the link is written into).
pub fn web(url: &str) -> Option<String> {
    let url = url.trim();
    let scheme = ["https://", "http://"].into_iter().find(|s| {
        url.get(..s.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(s))
    })?;
    let rest = &url[scheme.len()..];
    if rest.is_empty() || rest.chars().any(char::is_control) {
        return None;
    }
    Some(format!("{scheme}{rest}"))
}

/// The http(s) links written in `text`, in order, each as [`web`] tidies it, with the byte range
/// it takes in `text`. A link ends at a space, a quote or an angle bracket; trailing punctuation
/// that usually ends a sentence (`.`, `,`, `)` ...) is left out.
pub fn find_links(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = lower[from..].find("http") {
        let start = from + k;
        let len = text[start..]
            .find(|c: char| c.is_whitespace() || c.is_control() || "<>\"'`".contains(c))
            .unwrap_or(text.len() - start);
        let mut end = start + len;
        while end > start && text[..end].ends_with(['.', ',', ';', ':', '!', '?', ')', ']', '}']) {
            // Keep a closing parenthesis the link itself opened (Wikipedia links).
            let cand = &text[start..end];
            if cand.ends_with(')') && cand.matches('(').count() >= cand.matches(')').count() {
                break;
            }
            end -= 1;
        }
        match web(&text[start..end]) {
            Some(url) => {
                out.push((start..end, url));
                from = end.max(start + 1);
            }
            None => from = start + 4,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_are_web_links() {
        assert!(is_web("https://example.com/a") && is_web("http://example.com"));
        assert!(is_web("HTTPS://example.com") && is_web("  https://x.org/ \n"));
        assert_eq!(web(" HTTPS://x.org/A ").as_deref(), Some("https://x.org/A"));
        assert!(!is_web("https://x.org/\u{1b}]8;;evil"));
        for not in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "HTTPS//x",
            "ftp://x",
            "",
        ] {
            assert!(!is_web(not), "{not}");
        }
    }

    #[test]
    fn finds_links_in_text() {
        let t = "See https://a.org/x, and (http://b.org/wiki/Rust_(lang)). Not ftp://c.org or https:// alone.";
        let links: Vec<String> = find_links(t).into_iter().map(|(_, u)| u).collect();
        assert_eq!(links, ["https://a.org/x", "http://b.org/wiki/Rust_(lang)"]);
        let (r, _) = &find_links(t)[0];
        assert_eq!(&t[r.clone()], "https://a.org/x");
    }
}
