//! A digest's article ids as one shared buffer, for the library's rows and its index.
//!
//! A library of 10,000 digests x 30 articles holds 300,000 ids for its unread counts: as a
//! `String` each they cost about 56 bytes apiece in memory (header and allocation) for ~10
//! bytes of text, four times the index file they came from, and as many allocations when the
//! index is read. One buffer per digest keeps them at their text's size and copies cheaply.

use std::fmt;
use std::sync::Arc;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeSeq, Serializer};

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

    /// The ids as article keys (for code that needs them one by one).
    pub fn to_ids(&self) -> Vec<ArticleId> {
        self.iter().map(|i| ArticleId(i.to_string())).collect()
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

/// Written as a list of strings, as a `Vec<String>` would be.
impl Serialize for IdList {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for id in self.iter() {
            seq.serialize_element(id)?;
        }
        seq.end()
    }
}

/// Read from a list of strings straight into the buffer: no string of its own per id.
impl<'de> Deserialize<'de> for IdList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<IdList, D::Error> {
        struct Ids;
        impl<'de> Visitor<'de> for Ids {
            type Value = IdList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of article ids")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<IdList, A::Error> {
                let mut b = Builder::default();
                while let Some(piece) = seq.next_element::<Piece<'de>>()? {
                    b.push(piece.as_str());
                }
                Ok(b.finish())
            }
        }
        deserializer.deserialize_seq(Ids)
    }
}

/// One id as read: borrowed from the input where it has no escapes.
enum Piece<'a> {
    Borrowed(&'a str),
    Owned(String),
}

impl Piece<'_> {
    fn as_str(&self) -> &str {
        match self {
            Piece::Borrowed(s) => s,
            Piece::Owned(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for Piece<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Piece<'de>, D::Error> {
        struct Str;
        impl<'de> Visitor<'de> for Str {
            type Value = Piece<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an article id")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Piece<'de>, E> {
                Ok(Piece::Borrowed(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Piece<'de>, E> {
                Ok(Piece::Owned(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Piece<'de>, E> {
                Ok(Piece::Owned(v))
            }
        }
        deserializer.deserialize_str(Str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_json_escapes_and_all() {
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
        let json = serde_json::to_string(&ids).unwrap();
        assert_eq!(json, r#"["a","","é\"q","long-id-42"]"#);
        let back: IdList = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ids);
        assert!(serde_json::from_str::<IdList>("[1]").is_err());
        assert!(IdList::default().is_empty());
    }
}
