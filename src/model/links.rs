//! The open article's links: its own url first, then the http(s) links written in its text, and
//! where the numbered link list sits on screen (pure, so clicks are hit-tested with the same
//! geometry the list is drawn with).

use ratatui::layout::Rect;

use crate::model::digest::Article;
use crate::url;
use crate::wrap;

/// Every web link of `article`, its own url first, each once.
pub fn article_links(article: &Article) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |u: String| {
        if !out.contains(&u) {
            out.push(u);
        }
    };
    if let Some(u) = article.url.as_deref().and_then(url::web) {
        add(u);
    }
    let texts = std::iter::once(article.summary.as_str())
        .chain(article.context.iter().map(String::as_str))
        .chain(article.sections.iter().flat_map(|s| {
            std::iter::once(s.heading.as_str()).chain(s.bullets.iter().map(String::as_str))
        }))
        .chain(article.commentators.iter().map(|c| c.viewpoint.as_str()));
    for t in texts {
        for (_, u) in url::find_links(t) {
            add(u);
        }
    }
    out
}

/// The columns before each link in the list: the `▶` marker of the selected row, its number
/// right-aligned in two, two spaces.
pub const LINK_INDENT: usize = 5;

/// The link list's box in `area` for `links` (borders included): centred, as wide as the longest
/// link needs, as tall as the links need, within the screen.
pub fn list_rect(area: Rect, links: &[String]) -> Rect {
    let widest = links.iter().map(|l| wrap::width(l)).max().unwrap_or(0);
    // The indent before each link, two borders.
    let want_w = widest.saturating_add(LINK_INDENT + 2).max(30);
    let w = u16::try_from(want_w)
        .unwrap_or(u16::MAX)
        .min(area.width.saturating_sub(4));
    let h = u16::try_from(links.len().saturating_add(2))
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The first link shown when link `selected` must be visible in a list `rows` tall.
pub fn list_top(selected: usize, rows: usize) -> usize {
    selected.saturating_sub(rows.saturating_sub(1))
}

/// Which link a click at (`x`, `y`) hits in the list drawn for `selected` (None: not a link).
pub fn hit(area: Rect, links: &[String], selected: usize, x: u16, y: u16) -> Option<usize> {
    let inner = crate::layout::inner(list_rect(area, links));
    if x < inner.x || x >= inner.right() || y < inner.y || y >= inner.bottom() {
        return None;
    }
    let i = list_top(selected, inner.height as usize) + usize::from(y - inner.y);
    (i < links.len()).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::digest::{Commentator, Section};

    #[test]
    fn url_first_then_text_links_once_each() {
        let a = Article {
            url: Some(" HTTPS://a.org/1 ".into()),
            summary: "see https://b.org/2 and https://a.org/1".into(),
            sections: vec![Section {
                heading: "h".into(),
                bullets: vec!["javascript:alert(1) http://c.org/3.".into()],
            }],
            commentators: vec![Commentator {
                name: "n".into(),
                role: None,
                viewpoint: "https://d.org/4".into(),
            }],
            ..Article::default()
        };
        assert_eq!(
            article_links(&a),
            [
                "https://a.org/1",
                "https://b.org/2",
                "http://c.org/3",
                "https://d.org/4"
            ]
        );
    }

    #[test]
    fn clicks_hit_the_row_drawn() {
        let area = Rect::new(0, 0, 80, 24);
        let links = vec!["https://a.org".to_string(), "https://b.org".to_string()];
        let r = list_rect(area, &links);
        assert_eq!(hit(area, &links, 0, r.x + 3, r.y + 1), Some(0));
        assert_eq!(hit(area, &links, 0, r.x + 3, r.y + 2), Some(1));
        assert_eq!(hit(area, &links, 0, r.x + 3, r.y), None);
        // Tiny screens do not panic.
        let _ = list_rect(Rect::new(0, 0, 1, 1), &links);
    }
}
