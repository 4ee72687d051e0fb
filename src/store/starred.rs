//! Finding starred articles in the library: read state knows a star by digest key + article key
//! (see [`crate::model::digest::Identity`]); this finds the file with that digest and the
//! article's headline in it, for the Starred screen and `newsdeck list --starred`.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::format::Digest;
use crate::model::digest::{ArticleId, DigestKey, Identity};
use crate::model::read_state::ReadState;
use crate::store::listing::LibraryItem;
use crate::store::load;

/// A starred article and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Starred {
    /// The digest file it is in.
    pub path: PathBuf,
    /// The digest's title.
    pub digest_title: String,
    /// The digest's key in read state.
    pub key: DigestKey,
    /// Its id in that digest.
    pub id: ArticleId,
    /// Its headline, or why the digest could not be read again.
    pub headline: Result<String, String>,
    /// When it was starred, in ms since the Unix epoch.
    pub starred_at: u64,
}

/// Every starred article found in `items` (the library, or the files given), newest star first,
/// and how many starred articles are in none of them (their digest was deleted or moved away).
///
/// Each digest with stars is read once, for its headlines; the others are not read at all.
pub fn find(read: &ReadState, items: &[LibraryItem]) -> (Vec<Starred>, usize) {
    find_stars(read.starred(), items)
}

/// [`find`] for the stars `starred` (as [`ReadState::starred`] lists them), so a thread of its
/// own can look for them without a copy of the whole read state.
pub fn find_stars(starred: Vec<(Identity, u64)>, items: &[LibraryItem]) -> (Vec<Starred>, usize) {
    let mut loaded: HashMap<PathBuf, Result<Digest, String>> = HashMap::new();
    let mut found = Vec::new();
    let mut missing = 0;
    for (identity, starred_at) in starred {
        // A digest may be in two files (a copy); the first, the newest, is the one shown.
        let Some(item) = items.iter().find(|i| {
            i.error.is_none() && i.key == identity.digest && i.ids.contains(&identity.article)
        }) else {
            missing += 1;
            continue;
        };
        let digest = loaded
            .entry(item.path.clone())
            .or_insert_with(|| load::load(&item.path).map_err(|e| e.to_string()));
        let headline = match digest {
            Ok(d) => d
                .entries
                .iter()
                .find(|e| e.id == identity.article)
                .map(|e| e.headline().to_string())
                .ok_or_else(|| "the article is no longer in its digest".to_string()),
            Err(e) => Err(e.clone()),
        };
        found.push(Starred {
            path: item.path.clone(),
            digest_title: item.title.clone(),
            key: identity.digest,
            id: identity.article,
            headline,
            starred_at,
        });
    }
    (found, missing)
}
