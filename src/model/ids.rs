//! A digest's article ids as one shared buffer, for the library's rows and its index.
//!
//! A library of 10,000 digests x 30 articles holds 300,000 ids for its unread counts: as a
//! `String` each they cost about 56 bytes apiece in memory (header and allocation) for ~10
//! bytes of text, four times the index file they came from, and as many allocations when the
//! index is read. One buffer per digest keeps them at their text's size and copies cheaply, and
//! the index file stores exactly that buffer (see `store::index::codec`).

use std::fmt;
use std::sync::Arc;

use crate::model::digest::ArticleId;

/// A list of article ids in one buffer; cloning shares it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct IdList {
    /// The ids one after the other.
    text: Arc<str>,
    /// Where each id ends in `text`.
    ends: Arc<[u32]>,
}

impl IdList {
    /// How many ids.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The ids, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(a, b)| self.text.get(a as usize..b as usize).unwrap_or(""))
    }

    /// Whether `id` is one of them.
    pub fn contains(&self, id: &ArticleId) -> bool {
        self.iter().any(|i| i == id.0)
    }

    /// The buffer and where each id ends in it (for writing the list down).
    pub fn parts(&self) -> (&str, &[u32]) {
        (&self.text, &self.ends)
    }

    /// The list with ids `text` ending at `ends`, if those make sense: ascending, within the
    /// text, and on character boundaries (a corrupt cache file must not make a wrong list).
    pub fn from_parts(text: &str, ends: Vec<u32>) -> Option<IdList> {
        let mut last = 0;
        for &end in &ends {
            let end_at = end as usize;
            if end < last || !text.is_char_boundary(end_at) {
                return None;
            }
            last = end;
        }
        if last as usize != text.len() {
            return None;
        }
        Some(IdList {
            text: text.into(),
            ends: ends.into(),
        })
    }

    /// The ids as article keys (for code that needs them one by one).
    pub fn to_ids(&self) -> Vec<ArticleId> {
        self.iter().map(|i| ArticleId(i.into())).collect()
    }
}

/// Builds a list from ids as they come.
#[derive(Default)]
struct Builder {
    text: String,
    ends: Vec<u32>,
}

impl Builder {
    fn push(&mut self, id: &str) {
        self.text.push_str(id);
        // A digest file is capped far below 4 GB, so its ids' text is too.
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    fn finish(self) -> IdList {
        IdList {
            text: self.text.into(),
            ends: self.ends.into(),
        }
    }
}

impl FromIterator<ArticleId> for IdList {
    fn from_iter<I: IntoIterator<Item = ArticleId>>(iter: I) -> IdList {
        let mut b = Builder::default();
        for id in iter {
            b.push(&id.0);
        }
        b.finish()
    }
}

impl<'a> FromIterator<&'a ArticleId> for IdList {
    fn from_iter<I: IntoIterator<Item = &'a ArticleId>>(iter: I) -> IdList {
        let mut b = Builder::default();
        for id in iter {
            b.push(&id.0);
        }
        b.finish()
    }
}

impl fmt::Debug for IdList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_their_order_and_text_and_come_apart_and_back() {
        let ids: IdList = ["a", "", "é\"q", "long-id-42"]
            .into_iter()
            .map(|s| ArticleId(s.into()))
            .collect();
        assert_eq!(ids.len(), 4);
        assert_eq!(
            ids.iter().collect::<Vec<_>>(),
            ["a", "", "é\"q", "long-id-42"]
        );
        assert!(ids.contains(&ArticleId("é\"q".into())));
        assert!(!ids.contains(&ArticleId("long".into())));
        assert!(IdList::default().is_empty());
        let (text, ends) = ids.parts();
        assert_eq!(IdList::from_parts(text, ends.to_vec()), Some(ids.clone()));
        assert_eq!(IdList::from_parts("ab", vec![2, 1]), None, "not ascending");
        assert_eq!(IdList::from_parts("ab", vec![1]), None, "text left over");
        assert_eq!(
            IdList::from_parts("é", vec![1, 2]),
            None,
            "inside a character"
        );
    }
}
