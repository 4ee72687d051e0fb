//! `PATH#ARTICLE-ID` on the command line: which part is the file and which the article.
//!
//! A file name may itself contain `#`, and so may an article id (a URL with a fragment is one),
//! so the whole argument is tried as a path first; only when it names nothing is it split, at
//! the last `#` whose left part names something (the longest path). Looking at the file system
//! is why this lives in `store`.

use std::path::{Path, PathBuf};

/// Splits `arg` into the digest path and the article id it names, if any.
///
/// `a.json#x` gives (`a.json`, `x`) when `a.json#x` does not exist but `a.json` does, and
/// `a.json#https://x/p#top` gives (`a.json`, `https://x/p#top`); an argument that exists as
/// given, has no `#` with an existing path before it and an id after it, or is not UTF-8 is a
/// path alone.
pub fn split(arg: &Path) -> (PathBuf, Option<String>) {
    let whole = || (arg.to_path_buf(), None);
    if arg.exists() {
        return whole();
    }
    let Some(text) = arg.to_str() else {
        return whole();
    };
    let split_at = text
        .rmatch_indices('#')
        .map(|(i, _)| (&text[..i], &text[i + 1..]))
        .find(|(path, id)| !path.is_empty() && !id.is_empty() && Path::new(path).exists());
    match split_at {
        Some((path, id)) => (PathBuf::from(path), Some(id.to_string())),
        None => whole(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn splits_at_the_last_hash_that_follows_a_path_only_when_the_whole_does_not_exist() {
        let tmp = tempfile::tempdir().unwrap();
        let plain = tmp.path().join("d.json");
        fs::write(&plain, "{}").unwrap();
        let hashed = tmp.path().join("odd#name.json");
        fs::write(&hashed, "{}").unwrap();
        let s = |p: &Path| split(p);
        assert_eq!(s(&plain), (plain.clone(), None));
        // `d.json#a` does not exist either: the id is `a#b` (ids may hold `#`, as URLs do).
        let with_id = PathBuf::from(format!("{}#a#b", plain.display()));
        assert_eq!(s(&with_id), (plain.clone(), Some("a#b".into())));
        let url_id = PathBuf::from(format!("{}#https://x.example/p#top", plain.display()));
        assert_eq!(
            s(&url_id),
            (plain.clone(), Some("https://x.example/p#top".into()))
        );
        let with_id = PathBuf::from(format!("{}#x1", plain.display()));
        assert_eq!(s(&with_id), (plain.clone(), Some("x1".into())));
        // A name with `#` in it is a path, and can carry an id of its own.
        assert_eq!(s(&hashed), (hashed.clone(), None));
        let hashed_id = PathBuf::from(format!("{}#7", hashed.display()));
        assert_eq!(s(&hashed_id), (hashed.clone(), Some("7".into())));
        // Nothing to split: the path is passed on, and loading it says what is wrong.
        let missing = tmp.path().join("missing.json#x");
        assert_eq!(s(&missing), (missing.clone(), None));
        let trailing = PathBuf::from(format!("{}#", plain.display()));
        assert_eq!(s(&trailing), (trailing.clone(), None));
    }
}
