//! A web page given where a feed was expected: say so, and name the feed the page links to.

/// How far into a page its `<link rel="alternate">` tags are looked for (they sit in `<head>`).
const HEAD_PROBE: usize = 64 * 1024;

/// The message for `bytes` when they are an HTML page, else `None`. `url` (where the page came
/// from) resolves a relative feed link.
pub(super) fn html_page_message(bytes: &[u8], url: Option<&str>) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(HEAD_PROBE)]).to_ascii_lowercase();
    let start = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if !(start.starts_with("<!doctype html") || start.starts_with("<html")) {
        return None;
    }
    let lossy = String::from_utf8_lossy(&bytes[..bytes.len().min(HEAD_PROBE)]).into_owned();
    let feed = feed_link(&head, &lossy).and_then(|href| resolve(href, url));
    Some(match feed {
        Some(feed) => format!("a web page (HTML), not a feed; the page names its feed: {feed}"),
        None => {
            "a web page (HTML), not a feed: give the address of the site's RSS, Atom or JSON feed"
                .to_string()
        }
    })
}

/// The `href` of the first `<link rel="alternate" type="application/{rss,atom,feed}+json|xml">`,
/// read from `original` at the place found in its lower-cased copy `lower` (same byte offsets).
fn feed_link<'a>(lower: &str, original: &'a str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = lower[from..].find("<link") {
        let tag_start = from + at;
        let tag_end = tag_start + lower[tag_start..].find('>')?;
        let tag = &lower[tag_start..tag_end];
        let is_feed = attr(tag, "rel")
            .is_some_and(|r| r.split_whitespace().any(|w| w == "alternate"))
            && attr(tag, "type").is_some_and(|t| {
                [
                    "application/rss+xml",
                    "application/atom+xml",
                    "application/feed+json",
                ]
                .contains(&t.trim())
            });
        if is_feed {
            let (offset, len) = attr_span(tag, "href")?;
            return original.get(tag_start + offset..tag_start + offset + len);
        }
        from = tag_end;
    }
    None
}

/// The value of attribute `name` in `tag`, quoted with `"` or `'`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    attr_span(tag, name).map(|(at, len)| &tag[at..at + len])
}

/// Where the value of attribute `name` sits in `tag`: (offset, length).
fn attr_span(tag: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = tag[from..].find(name) {
        let at = from + at;
        from = at + name.len();
        let before_ok = tag[..at].ends_with(|c: char| c.is_whitespace());
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=').filter(|_| before_ok) else {
            continue;
        };
        let rest = rest.trim_start();
        let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let value_at = tag.len() - rest.len() + 1;
        let len = tag[value_at..].find(quote)?;
        return Some((value_at, len));
    }
    None
}

/// `href` made absolute against `base` where it can be; only http(s) results are named.
fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim().replace("&amp;", "&");
    if crate::url::is_web(&href) {
        return Some(href);
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let joined = if let Some(path) = href.strip_prefix("//") {
        format!("{scheme}://{path}")
    } else if href.starts_with('/') {
        format!("{scheme}://{authority}{href}")
    } else {
        let dir_end = base
            .rfind('/')
            .filter(|i| *i >= scheme.len() + 3 + authority.len());
        match dir_end {
            Some(i) => format!("{}/{href}", &base[..i]),
            None => format!("{scheme}://{authority}/{href}"),
        }
    };
    crate::url::is_web(&joined).then_some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_names_the_feed_it_links_to() {
        let page = br#"<!DOCTYPE html><html><head><title>Blog</title>
            <link rel="stylesheet" href="/s.css">
            <LINK REL="alternate" TYPE="application/rss+xml" title="RSS" HREF="/Feed.xml?a=1&amp;b=2">
            </head><body>hi</body></html>"#;
        let m = html_page_message(page, Some("https://blog.example/posts/1")).unwrap();
        assert!(
            m.ends_with("its feed: https://blog.example/Feed.xml?a=1&b=2"),
            "{m}"
        );
        let rel = br#"<html><link href='atom.xml' rel='alternate' type='application/atom+xml'>"#;
        let m = html_page_message(rel, Some("https://b.example/blog/")).unwrap();
        assert!(m.ends_with("https://b.example/blog/atom.xml"), "{m}");
        let m = html_page_message(rel, None).unwrap();
        assert!(m.contains("not a feed: give the address"), "{m}");
        let bare = b"\n<html><body>no links</body></html>";
        assert!(
            html_page_message(bare, None)
                .unwrap()
                .contains("web page (HTML)")
        );
        // Not a page: the parser's own message stands.
        assert_eq!(html_page_message(b"<rss><channel/></rss>", None), None);
        let js = br#"<html><link rel="alternate" type="application/rss+xml" href="javascript:x">"#;
        assert!(
            html_page_message(js, None)
                .unwrap()
                .contains("give the address")
        );
    }
}
