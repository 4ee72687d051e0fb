//! Articles rendered for keeping and sharing: plain or styled text, Markdown, one HTML page, and
//! format-v1 JSON (issue 17). Pure: articles in, a `String` out; writing files is `store`'s job
//! (see `store::export_file`).
//!
//! Renderers take the leaf types (`Article`, `ArticleId`) and a small [`DigestMeta`], not the
//! digest container, so they work on whatever the caller has decoded. Every string passes
//! through [`crate::sanitize`] again on the way out (`clean_article`): an `Article` built by hand
//! or by a future loader cannot smuggle control characters or escape sequences to stdout.

pub mod html;
pub mod json;
pub mod md;
pub mod text;

#[cfg(test)]
mod fixtures;

use crate::model::digest::{Article, ArticleId, Commentator, Section};
use crate::sanitize;

/// What the renderers need of the digest an article comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DigestMeta {
    /// The digest's own `id`, if it has one: JSON keeps it, so read marks and stars follow an
    /// exported copy.
    pub id: Option<String>,
    /// The digest's display title.
    pub title: String,
    /// When the digest was published, as written.
    pub published: Option<String>,
    /// Who published the digest.
    pub source: Option<String>,
}

/// One article to export, with its identity in the digest when known (JSON keeps it as `id`).
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    /// The article's identity; `None` leaves `id` out of JSON.
    pub id: Option<&'a ArticleId>,
    /// The decoded article.
    pub article: &'a Article,
}

/// The output formats of `newsdeck show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Wrapped text, styled only for a terminal.
    Text,
    /// Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// Format-v1 JSON.
    Json,
}

impl Format {
    /// The names `--format` accepts, in the order help should list them.
    pub const NAMES: [&'static str; 4] = ["text", "md", "html", "json"];

    /// The format a `--format` name stands for (`markdown` is accepted for `md`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// How `text` output is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOptions {
    /// Columns to wrap to (below 2 is treated as 2, what a wide character needs).
    pub width: usize,
    /// ANSI bold and dim: only when stdout is a terminal.
    pub styled: bool,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            width: 80,
            styled: false,
        }
    }
}

/// Renders one article in `format` (`text` uses `opts`, the others ignore it).
pub fn render_article(format: Format, item: Item<'_>, opts: TextOptions) -> String {
    match format {
        Format::Text => text::article(item.article, opts),
        Format::Markdown => md::article(item.article),
        Format::Html => html::article(item.article),
        Format::Json => json::article(item),
    }
}

/// Renders every article of a digest in `format`, with the digest's title and metadata.
pub fn render_digest(
    format: Format,
    meta: &DigestMeta,
    items: &[Item<'_>],
    opts: TextOptions,
) -> String {
    let articles = || items.iter().map(|i| i.article);
    match format {
        Format::Text => text::digest(meta, articles(), opts),
        Format::Markdown => md::digest(meta, articles()),
        Format::Html => html::digest(meta, articles()),
        Format::Json => json::digest(meta, items),
    }
}

/// The longest slug, in bytes: short enough for every file system with room for `-NN.md`.
pub const SLUG_MAX: usize = 60;

/// A file-name stem for `headline`: ASCII letters and digits, lowercase, words joined by `-`, at
/// most [`SLUG_MAX`] bytes, never empty (`article` when nothing is left) and never `.` or `..`.
pub fn slug(headline: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    let mut buf = [0u8; 4];
    for c in headline.chars() {
        let folded: &str = if c.is_ascii() {
            c.encode_utf8(&mut buf)
        } else {
            fold(c)
        };
        if folded.is_empty() {
            gap = true;
            continue;
        }
        for f in folded.chars() {
            if f.is_ascii_alphanumeric() {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push(f.to_ascii_lowercase());
            } else {
                gap = true;
            }
        }
    }
    if out.len() > SLUG_MAX {
        // Cut at a word boundary when there is one in the second half, so the name stays readable.
        let cut = match out[..=SLUG_MAX].rfind('-') {
            Some(dash) if dash > SLUG_MAX / 2 => dash,
            _ => SLUG_MAX,
        };
        out.truncate(cut);
    }
    // Only ASCII letters, digits and inner dashes remain, so `.` and `..` cannot occur; an empty
    // result (a headline of only symbols or of a script with no folding) needs a name all the same.
    if out.is_empty() {
        out.push_str("article");
    }
    out
}

/// ASCII for a non-ASCII character: its base letter(s) for the common accented Latin letters,
/// else nothing (it then separates words). Hand-written: a transliteration crate would
/// be a dependency for file names only.
fn fold(c: char) -> &'static str {
    match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ď'..='đ' | 'Ð' | 'ð' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => "e",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => "i",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'Ś'..='š' => "s",
        'ß' => "ss",
        'Ţ'..='ŧ' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'Ÿ' => "y",
        'Ź'..='ž' => "z",
        'Þ' | 'þ' => "th",
        _ => "",
    }
}

/// A copy of `a` with every field sanitised again (idempotent for what the loader produced).
pub(crate) fn clean_article(a: &Article) -> Article {
    let line = |s: &str| sanitize::line(s).trim().to_string();
    let block = |s: &str| sanitize::block(s).into_owned();
    Article {
        headline: line(&a.headline),
        published: a.published.as_deref().map(line),
        source: a.source.as_deref().map(line),
        url: a.url.as_deref().map(line),
        tags: a.tags.iter().map(|t| line(t)).collect(),
        summary: block(&a.summary),
        context: a.context.iter().map(|b| block(b)).collect(),
        context_heading: a.context_heading.as_deref().map(line),
        sections: a
            .sections
            .iter()
            .map(|s| Section {
                heading: line(&s.heading),
                bullets: s.bullets.iter().map(|b| block(b)).collect(),
            })
            .collect(),
        commentators: a
            .commentators
            .iter()
            .map(|c| Commentator {
                name: line(&c.name),
                role: c.role.as_deref().map(line),
                viewpoint: block(&c.viewpoint),
            })
            .collect(),
        commentators_heading: a.commentators_heading.as_deref().map(line),
    }
}

/// A copy of `m` with every field sanitised.
pub(crate) fn clean_meta(m: &DigestMeta) -> DigestMeta {
    let line = |s: &str| sanitize::line(s).trim().to_string();
    DigestMeta {
        id: m.id.as_deref().map(line),
        title: line(&m.title),
        published: m.published.as_deref().map(line),
        source: m.source.as_deref().map(line),
    }
}

/// The article's source, date and tags joined by ` · `, as the reader's metadata line shows them.
pub(crate) fn meta_line(a: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(a.source.clone());
    parts.extend(a.published.clone());
    // A blank source or tag would show as a bare `#`, as in the reader.
    let tags: Vec<String> = a
        .tags
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| format!("#{t}"))
        .collect();
    parts.push(tags.join(" "));
    parts.retain(|p| !p.trim().is_empty());
    parts.join(" · ")
}

/// The digest's date and source joined by ` · `.
pub(crate) fn digest_meta_line(m: &DigestMeta) -> String {
    let mut parts: Vec<&str> = Vec::new();
    parts.extend(m.published.as_deref());
    parts.extend(m.source.as_deref());
    parts.join(" · ")
}

#[cfg(test)]
mod tests;
