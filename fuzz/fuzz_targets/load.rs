//! Arbitrary bytes through the whole pipeline: parse, validate, decode every article, look for
//! duplicate ids, then render the reader at a size taken from the input, after a few keys.
//! None of it may panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first two bytes choose the screen size (0x0 up to 255x255), the rest is the digest.
    let (size, data) = data.split_at(data.len().min(2));
    let width = u16::from(size.first().copied().unwrap_or(80));
    let height = u16::from(size.get(1).copied().unwrap_or(24));
    let Ok(digest) = newsdeck::format::parse(data, "fuzz") else {
        return;
    };
    let _ = digest.validate();
    for index in 0..digest.entries.len() {
        if let Ok(article) = digest.article(index) {
            // Everything that reaches the model must already be sanitised.
            assert!(!article.headline.contains('\n'));
            assert!(!article.summary.chars().any(|c| c.is_control() && c != '\n'));
        }
    }
    let _ = digest.duplicate_ids();
    // One past the end must be an error, never a panic.
    let _ = digest.article(digest.entries.len());
    let keys = newsdeck::keys::parse("j<Tab>G<Tab>j<C-d>/e<Enter>?").unwrap_or_default();
    let screen = newsdeck::snapshot::digest_screen(digest, width, height, &keys);
    assert_eq!(screen.lines().count(), usize::from(height));
});
