//! Folding for library-wide search and for matching people's names: the in-app filter's folding
//! ([`crate::fold`]: accents dropped, case ignored), so `gomez` finds `Gómez` everywhere alike.

/// `s` folded as the filter folds a case-insensitive query: accents dropped, lower case.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    crate::fold::fold(s, true)
}

/// Where the first of `words` (folded) occurs in `text`, as a byte range of `text`.
pub fn find_first(text: &str, words: &[String]) -> Option<std::ops::Range<usize>> {
    words
        .iter()
        .find_map(|w| crate::fold::find_all(text, w, true).into_iter().next())
}

/// A person's name as matched across digests: folded, whitespace collapsed to single spaces.
pub fn name_key(name: &str) -> String {
    fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Gómez"), "gomez");
        assert_eq!(fold("ZÜRICH São Paulo"), "zurich sao paulo");
        assert_eq!(fold("Dvořák"), "dvorak");
        assert_eq!(fold("Go\u{301}mez"), "gomez");
        assert_eq!(fold("東京 GPU"), "東京 gpu");
    }

    #[test]
    fn finds_matches_in_the_original_text() {
        let s = "Dr. GÓMEZ said";
        assert_eq!(
            find_first(s, &["gomez".into()]).map(|r| &s[r]),
            Some("GÓMEZ")
        );
        assert_eq!(find_first(s, &["nobody".into()]), None);
    }

    #[test]
    fn name_keys_ignore_case_spacing_and_accents() {
        assert_eq!(name_key("  Aidan   GÓMEZ "), name_key("aidan gomez"));
    }
}
