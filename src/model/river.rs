//! The "All unread" river: every unread article of every digest in one list, newest digest
//! first, each article keeping its real identity (its digest's key and its own id), so reading
//! it in the river marks it read in its digest. Pure: the app loads the digests (off the input
//! thread in the terminal) and hands them here.

use std::ops::Range;
use std::sync::Arc;

use crate::format::{Digest, Form};
use crate::model::digest::{DigestKey, Entry};
use crate::model::library::all_unread_key;
use crate::model::read_state::ReadMarks;

/// The river, ready for the reader: a digest made of the unread articles, and whose each is.
#[derive(Debug, Clone)]
pub struct River {
    /// The articles, as one synthetic digest (titled "All unread").
    pub digest: Digest,
    /// The digest each article belongs to, by index.
    pub origins: Vec<DigestKey>,
}

/// Assembles the river from `digests`, in the order given (the library's, newest first), taking
/// each one's unread articles in file order. Each list row starts with its digest's title.
///
/// Only the unread articles' JSON is copied into the river's text, so the digests themselves can
/// be dropped once it is built.
pub fn assemble(digests: &[Digest], read: &ReadMarks) -> River {
    let mut text = String::from("[");
    let mut entries = Vec::new();
    let mut origins = Vec::new();
    for d in digests {
        // `load` reads the whole text; a digest listed from its index has none to copy from.
        let crate::format::Body::Text(source) = &d.body else {
            continue;
        };
        for e in &d.entries {
            if read.is_read(&d.key, &e.id) {
                continue;
            }
            let before = text.len();
            if !entries.is_empty() {
                text.push(',');
            }
            let start = text.len();
            text.push_str(&source[e.span()]);
            let span: Range<usize> = start..text.len();
            let headline = format!("{} · {}", d.title, e.headline());
            let tags = e.tags().collect::<Vec<_>>();
            // An entry's span is 32 bits: a river of more than 4 GiB of unread articles (which
            // no machine this runs on holds in memory) ends where that limit is reached.
            let Some(entry) = Entry::new(e.id.clone(), &headline, &tags, span) else {
                text.truncate(before);
                break;
            };
            entries.push(entry);
            origins.push(d.key.clone());
        }
    }
    text.push(']');
    River {
        digest: Digest {
            title: "All unread".into(),
            published: None,
            source: None,
            key: all_unread_key(),
            entries,
            body: crate::format::Body::Text(Arc::new(text)),
            form: Form::Array,
        },
        origins,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format;
    use crate::model::read_state::ReadState;

    fn digest(id: &str, date: &str, ids: &[&str]) -> Digest {
        let arts: Vec<String> = ids
            .iter()
            .map(|a| format!(r#"{{"id": "{a}", "headline": "H {a}", "summary": "S {a}"}}"#))
            .collect();
        let json = format!(
            r#"{{"id": "{id}", "title": "D {id}", "published": "{date}", "articles": [{}]}}"#,
            arts.join(",")
        );
        format::parse(json.as_bytes(), "t").unwrap()
    }

    #[test]
    fn the_river_holds_the_unread_articles_of_every_digest_with_their_identity() {
        let new = digest("new", "2025-10-28", &["a", "b"]);
        let old = digest("old", "2025-10-27", &["a", "c"]);
        let mut read = ReadState::new();
        read.set(&new.key, &new.entries[0].id, true, 1);
        let river = assemble(&[new.clone(), old.clone()], &read.marks());
        let heads: Vec<&str> = river.digest.entries.iter().map(|e| e.headline()).collect();
        assert_eq!(heads, ["D new · H b", "D old · H a", "D old · H c"]);
        assert_eq!(river.origins, [new.key.clone(), old.key.clone(), old.key]);
        // Bodies decode from the river's own text, as the original articles.
        let a = river.digest.article(1).unwrap();
        assert_eq!((a.headline.as_str(), a.summary.as_str()), ("H a", "S a"));
        assert_eq!(river.digest.entries[1].id, old.entries[0].id);
    }
}
