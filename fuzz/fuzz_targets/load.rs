//! Arbitrary bytes through the whole load pipeline: parse, validate, decode every article, and
//! look for duplicate ids. None of it may panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
});
