//! Relative item links made absolute. feed-rs resolves XML feeds' links against `xml:base` and
//! the feed's URL, but leaves a JSON Feed item's `"url": "/posts/1"` as it is, and newsdeck
//! opens only http(s) links: such an item had no link to open.

/// `link` made absolute against `base` (an http(s) URL); as it is when it already has a scheme
/// or there is no usable base.
pub fn absolute(link: &str, base: Option<&str>) -> String {
    if has_scheme(link) {
        return link.to_string();
    }
    let Some((scheme, rest)) = base.and_then(|b| b.trim().split_once("://")) else {
        return link.to_string();
    };
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return link.to_string();
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    if authority.is_empty() {
        return link.to_string();
    }
    let origin = format!("{scheme}://{authority}");
    if let Some(net) = link.strip_prefix("//") {
        format!("{scheme}://{net}")
    } else if link.starts_with('/') {
        format!("{origin}{link}")
    } else if link.starts_with('#') || link.starts_with('?') {
        let cut = path
            .find(if link.starts_with('#') {
                &['#'][..]
            } else {
                &['?', '#'][..]
            })
            .unwrap_or(path.len());
        format!("{origin}{}{link}", &path[..cut])
    } else {
        let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        let dir = if dir.is_empty() { "/" } else { dir };
        format!("{origin}{dir}{link}")
    }
}

/// Whether `link` starts with a URL scheme (`https:`, `mailto:`).
fn has_scheme(link: &str) -> bool {
    let Some((scheme, _)) = link.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::absolute;

    #[test]
    fn relative_links_resolve_against_the_base() {
        let base = Some("https://j.test/blog/feed.json?x=1#top");
        let cases = [
            ("/relative", "https://j.test/relative"),
            ("post/1", "https://j.test/blog/post/1"),
            ("//cdn.test/a.mp3", "https://cdn.test/a.mp3"),
            ("#frag", "https://j.test/blog/feed.json?x=1#frag"),
            ("?page=2", "https://j.test/blog/feed.json?page=2"),
            ("https://other.test/x", "https://other.test/x"),
            ("mailto:a@b.test", "mailto:a@b.test"),
        ];
        for (link, want) in cases {
            assert_eq!(absolute(link, base), want, "{link}");
        }
        assert_eq!(absolute("x", Some("https://j.test")), "https://j.test/x");
        // No usable base: left as it is (the reader then refuses to open it).
        assert_eq!(absolute("/x", None), "/x");
        assert_eq!(absolute("/x", Some("file:///tmp/f.json")), "/x");
        assert_eq!(absolute("/x", Some("not a url")), "/x");
    }
}
