//! JSON export in digest format v1 (docs/format.md): one article alone is the single-article
//! form, a whole digest the object form. What is written loads back as the same articles, and an
//! article keeps its identity (read state) because its `id` is written out.
//!
//! serde_json escapes C0 controls, but C1 controls and bidi overrides would pass through as raw
//! UTF-8, so the article is sanitised first like every other export.

use serde::Serialize;

use super::{DigestMeta, Item, clean_article, clean_meta};
use crate::model::digest::Article;

#[derive(Serialize)]
struct DigestWire<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    articles: Vec<ArticleWire<'a>>,
}

#[derive(Serialize)]
struct ArticleWire<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    headline: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    context: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    context_heading: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sections: Vec<SectionWire<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    commentators: Vec<CommentatorWire<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    commentators_heading: Option<&'a str>,
}

#[derive(Serialize)]
struct SectionWire<'a> {
    heading: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    bullets: &'a [String],
}

#[derive(Serialize)]
struct CommentatorWire<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    viewpoint: &'a str,
}

/// An article and its cleaned identity, owned so the wire types can borrow from them.
struct Clean {
    id: Option<String>,
    article: Article,
}

impl Clean {
    fn new(item: &Item<'_>) -> Self {
        Clean {
            id: item
                .id
                .map(|id| crate::sanitize::line(&id.0).into_owned())
                .filter(|id| !id.trim().is_empty()),
            article: clean_article(item.article),
        }
    }

    fn wire(&self) -> ArticleWire<'_> {
        let a = &self.article;
        ArticleWire {
            id: self.id.as_deref(),
            headline: &a.headline,
            summary: &a.summary,
            url: a.url.as_deref(),
            source: a.source.as_deref(),
            published: a.published.as_deref(),
            tags: &a.tags,
            context: &a.context,
            context_heading: a.context_heading.as_deref(),
            sections: a
                .sections
                .iter()
                .map(|s| SectionWire {
                    heading: &s.heading,
                    bullets: &s.bullets,
                })
                .collect(),
            commentators: a
                .commentators
                .iter()
                .map(|c| CommentatorWire {
                    name: &c.name,
                    role: c.role.as_deref(),
                    viewpoint: &c.viewpoint,
                })
                .collect(),
            commentators_heading: a.commentators_heading.as_deref(),
        }
    }
}

/// One article in the single-article form, pretty-printed, ending in a newline.
pub fn article(item: Item<'_>) -> String {
    to_string(&Clean::new(&item).wire())
}

/// A whole digest in the object form, pretty-printed, ending in a newline.
pub fn digest(meta: &DigestMeta, items: &[Item<'_>]) -> String {
    let meta = clean_meta(meta);
    let clean: Vec<Clean> = items.iter().map(Clean::new).collect();
    to_string(&DigestWire {
        id: meta.id.as_deref(),
        title: &meta.title,
        published: meta.published.as_deref(),
        source: meta.source.as_deref(),
        articles: clean.iter().map(Clean::wire).collect(),
    })
}

fn to_string(value: &impl Serialize) -> String {
    // Serialising borrowed strings and vectors to memory cannot fail; an empty object is the
    // harmless answer should serde_json ever disagree.
    let mut out = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}
