//! Folding text for library-wide search and for matching people's names: lower case, accents
//! stripped (`Gómez` and `GOMEZ` both fold to `gomez`), so a query typed without accents finds
//! text written with them.
//!
//! Every caller folds through [`fold`] (or [`fold_char`]), so when the in-app filter gets its own
//! folding, this is the one place to swap. Folding works per character, which lets a snippet be
//! cut from the original text at the place a folded match was found ([`fold_with_offsets`]).

/// Base letters of U+00E0..=U+00FF (lower-case Latin-1), by code point.
const LATIN1: &str = "aaaaaaæceeeeiiiiðnooooo÷ouuuuyþy";
/// Base letters of U+0100..=U+017F (Latin Extended-A), by code point.
const LATIN_EXT_A: &str = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiĳĳjjkkkllllllllllnnnnnnnŋŋooooooœœrrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// Folds one character into `out`: lower case, Latin accents stripped, combining marks dropped.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Combining diacritical marks (text written in decomposed form): the base letter stays.
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return;
    }
    for l in c.to_lowercase() {
        let code = l as u32;
        let base = match code {
            0xe0..=0xff => LATIN1.chars().nth((code - 0xe0) as usize),
            0x100..=0x17f => LATIN_EXT_A.chars().nth((code - 0x100) as usize),
            _ => None,
        };
        out.push(base.unwrap_or(l));
    }
}

/// `s` folded: lower case, accents stripped.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// `s` folded, with the byte offset in `s` of the character each folded byte came from (plus one
/// final entry, `s.len()`), so a match in the folded text maps back to the original.
pub fn fold_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut offsets = Vec::with_capacity(s.len() + 1);
    for (at, c) in s.char_indices() {
        let before = out.len();
        fold_char(c, &mut out);
        offsets.resize(offsets.len() + (out.len() - before), at);
    }
    offsets.push(s.len());
    (out, offsets)
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
        assert_eq!(fold("Łódź Dvořák"), "lodz dvorak");
        assert_eq!(fold("Go\u{301}mez"), "gomez");
        assert_eq!(fold("東京 GPU"), "東京 gpu");
        assert_eq!(LATIN1.chars().count(), 32);
        assert_eq!(LATIN_EXT_A.chars().count(), 128);
    }

    #[test]
    fn offsets_map_folded_bytes_back() {
        let s = "Dr. GÓMEZ said";
        let (f, off) = fold_with_offsets(s);
        let at = f.find("gomez").unwrap();
        let end = at + "gomez".len();
        assert_eq!(&s[off[at]..off[end]], "GÓMEZ");
    }

    #[test]
    fn name_keys_ignore_case_spacing_and_accents() {
        assert_eq!(name_key("  Aidan   GÓMEZ "), name_key("aidan gomez"));
    }
}
