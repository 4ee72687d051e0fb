//! An article's full body: its wire types and the decoder that reads them from the article's
//! span when it is opened (sanitising every string on the way in).

use std::ops::Range;

use serde::Deserialize;

use super::error::{FormatError, decode};
use super::wire::{Form, article_label, checked_headline, identity};
use crate::model::digest::{Article, ArticleId, Commentator, Section};
use crate::sanitize;

#[derive(Deserialize)]
struct ArticleWire {
    id: Option<String>,
    headline: Option<String>,
    summary: Option<String>,
    url: Option<String>,
    source: Option<String>,
    published: Option<String>,
    tags: Option<Vec<String>>,
    context: Option<Vec<String>>,
    context_heading: Option<String>,
    sections: Option<Vec<SectionWire>>,
    commentators: Option<Vec<CommentatorWire>>,
    commentators_heading: Option<String>,
}

#[derive(Deserialize)]
struct SectionWire {
    heading: String,
    #[serde(default)]
    bullets: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct CommentatorWire {
    name: String,
    role: Option<String>,
    viewpoint: String,
}

/// Decodes the full body of one article from its span in the digest's text.
pub(crate) fn decode_article(
    text: &str,
    span: Range<usize>,
    form: Form,
    index: usize,
) -> Result<Article, FormatError> {
    decode_identified(text, span, form, index).map(|(article, _)| article)
}

/// [`decode_article`], with the identity the first pass derives for the article.
pub(crate) fn decode_identified(
    text: &str,
    span: Range<usize>,
    form: Form,
    index: usize,
) -> Result<(Article, ArticleId), FormatError> {
    let label = article_label(form, index);
    let w: ArticleWire = decode(&text[span.clone()], span.start, Some((text, &label)))?;
    let headline = checked_headline(w.headline, text, &span, &label)?;
    let id = identity(w.id, w.url.clone(), w.published.clone(), &headline);
    let lines = |v: Option<Vec<String>>| -> Vec<String> {
        v.unwrap_or_default()
            .into_iter()
            .map(sanitize::block_owned)
            .collect()
    };
    let article = Article {
        headline,
        published: w.published.map(sanitize::line_owned),
        source: w.source.map(sanitize::line_owned),
        url: w.url.map(sanitize::line_owned),
        tags: w
            .tags
            .unwrap_or_default()
            .into_iter()
            .map(sanitize::line_owned)
            .collect(),
        summary: sanitize::block_owned(w.summary.unwrap_or_default()),
        context: lines(w.context),
        context_heading: w.context_heading.map(sanitize::line_owned),
        sections: w
            .sections
            .unwrap_or_default()
            .into_iter()
            .map(|s| Section {
                heading: sanitize::line_owned(s.heading),
                bullets: lines(s.bullets),
            })
            .collect(),
        commentators: w
            .commentators
            .unwrap_or_default()
            .into_iter()
            .map(|c| Commentator {
                name: sanitize::line_owned(c.name),
                role: c.role.map(sanitize::line_owned),
                viewpoint: sanitize::block_owned(c.viewpoint),
            })
            .collect(),
        commentators_heading: w.commentators_heading.map(sanitize::line_owned),
    };
    Ok((article, id))
}
