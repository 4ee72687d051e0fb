//! Which links newsdeck opens: only web links, decided once for the model and the opener.

/// What the user is told when a link is not one newsdeck opens.
pub const NOT_WEB: &str = "Not opening the link: only http and https links are opened";

/// Whether `url` is an http(s) link, the only kind handed to the system opener: `file:`,
/// `javascript:` and anything else could do more than show a page.
pub fn is_web(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_are_web_links() {
        assert!(is_web("https://example.com/a") && is_web("http://example.com"));
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
}
