//! An article laid out for a given width: the article pane's lines and the commentator table.
//!
//! Layout happens once per article and width, in `update`; rendering only slices these lines.

use jiff::tz::TimeZone;

use crate::format::FormatError;
use crate::model::digest::{Article, Commentator};
use crate::{date, layout, wrap};

/// What a piece of text is, so the theme can style it without the layout knowing colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The article's headline.
    Headline,
    /// Source, date, tags, link.
    Meta,
    /// Ordinary text.
    Body,
    /// A section heading.
    Heading,
    /// A bullet marker.
    Bullet,
    /// A message about something that went wrong.
    Error,
}

/// One screen line: spans of text with their roles.
pub type DocLine = Vec<(String, Role)>;

/// An article's text wrapped to a width.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The width the lines were wrapped for.
    pub width: usize,
    /// The lines, top to bottom.
    pub lines: Vec<DocLine>,
}

const BULLET: &str = "• ";

impl Document {
    /// Lays out an article (or the error that stopped it from decoding) for `width` columns,
    /// with dates shown in UTC.
    pub fn build(article: &Result<Article, FormatError>, width: usize) -> Self {
        Self::build_in(article, width, &TimeZone::UTC)
    }

    /// Lays out an article for `width` columns, with date-times shown in time zone `tz`.
    pub fn build_in(article: &Result<Article, FormatError>, width: usize, tz: &TimeZone) -> Self {
        let mut doc = Document {
            width,
            lines: Vec::new(),
        };
        let a = match article {
            Ok(a) => a,
            Err(e) => {
                doc.para(&format!("This article could not be read: {e}"), Role::Error);
                return doc;
            }
        };
        doc.para(&a.headline, Role::Headline);
        let mut meta: Vec<&str> = Vec::new();
        meta.extend(a.source.as_deref());
        let published = a.published.as_deref().map(|p| date::display(p, tz));
        meta.extend(published.as_deref());
        let tags = a
            .tags
            .iter()
            // A blank tag (or one that was only escape codes) would show as a bare `#`.
            .filter(|t| !t.trim().is_empty())
            .map(|t| format!("#{t}"))
            .collect::<Vec<_>>()
            .join(" ");
        meta.push(&tags);
        // A blank source or date (or one that was only escape codes) would leave a stray ` · `.
        meta.retain(|m| !m.trim().is_empty());
        if !meta.is_empty() {
            doc.para(&meta.join(" · "), Role::Meta);
        }
        if let Some(url) = &a.url {
            doc.para(url, Role::Meta);
        }
        if !a.summary.trim().is_empty() {
            doc.blank();
            doc.para(&a.summary, Role::Body);
        }
        if !a.context.is_empty() {
            doc.blank();
            doc.para(a.context_title(), Role::Heading);
            for b in &a.context {
                doc.bullet(b);
            }
        }
        for s in &a.sections {
            doc.blank();
            doc.para(&s.heading, Role::Heading);
            for b in &s.bullets {
                doc.bullet(b);
            }
        }
        doc
    }

    fn blank(&mut self) {
        self.lines.push(Vec::new());
    }

    fn para(&mut self, text: &str, role: Role) {
        for line in wrap::wrap_links(text, self.width) {
            self.lines.push(vec![(line, role)]);
        }
    }

    /// A bullet with a hanging indent: continuation lines start under the text, not the marker.
    /// An empty bullet is left out rather than drawn as a lone marker.
    fn bullet(&mut self, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        let indent = wrap::width(BULLET);
        for (i, line) in wrap::wrap_links(text, self.width.saturating_sub(indent))
            .into_iter()
            .enumerate()
        {
            let marker = if i == 0 {
                BULLET.to_string()
            } else {
                " ".repeat(indent)
            };
            self.lines
                .push(vec![(marker, Role::Bullet), (line, Role::Body)]);
        }
    }
}

/// The commentator table wrapped to a width: column widths and each row's cell lines.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The width the table was laid out for.
    pub width: usize,
    /// Width of the Commentator, Role and Viewpoint columns.
    pub widths: [usize; 3],
    /// Rows, each a list of screen lines of three cells. Stacked cards put a card's head (name
    /// and role) in the first cell and its viewpoint in the third, one under the other.
    pub rows: Vec<Vec<[String; 3]>>,
    /// Drawn as stacked cards (name and role, the viewpoint under them) for a narrow pane.
    pub stacked: bool,
}

/// Column headers of the commentator table.
pub const TABLE_HEADERS: [&str; 3] = ["Commentator", "Role", "Viewpoint"];
/// Columns between table cells.
pub const COLUMN_GAP: usize = 2;
/// Width of the selected-row marker column.
pub const MARKER_WIDTH: usize = 2;
/// How far a card's viewpoint is indented under its head.
pub const CARD_INDENT: usize = 2;

impl Table {
    /// Lays out commentators for a pane `width` columns wide (marker and gaps included).
    pub fn build(commentators: &[Commentator], width: usize) -> Self {
        if layout::stacked(width) {
            return Self::cards(commentators, width);
        }
        let usable = width.saturating_sub(MARKER_WIDTH + 2 * COLUMN_GAP);
        let widest = |f: &dyn Fn(&Commentator) -> usize, header: &str| {
            commentators
                .iter()
                .map(f)
                .max()
                .unwrap_or(0)
                .max(wrap::width(header))
        };
        let name_w = widest(&|c| wrap::width(&c.name), TABLE_HEADERS[0]);
        let role_w = widest(
            &|c| c.role.as_deref().map_or(0, wrap::width),
            TABLE_HEADERS[1],
        );
        // Names get what they need up to three tenths of the width, and at least their longest
        // word up to a third, so a name is not cut mid-word while there is room; roles get up
        // to a quarter; the viewpoint, which is the point of the table, gets the rest.
        let longest_word = |f: &dyn Fn(&Commentator) -> &str| {
            commentators
                .iter()
                .flat_map(|c| f(c).split_whitespace().map(wrap::width))
                .max()
                .unwrap_or(0)
        };
        let name_cap = (usable * 3 / 10)
            .max(longest_word(&|c| &c.name).min(usable / 3))
            .max(wrap::width(TABLE_HEADERS[0]));
        let role_cap = (usable / 4)
            .max(longest_word(&|c| c.role.as_deref().unwrap_or("")).min(usable / 4))
            .max(4);
        let name_w = name_w.min(name_cap);
        let role_w = role_w.min(role_cap);
        let view_w = usable.saturating_sub(name_w + role_w).max(1);
        let rows = commentators
            .iter()
            .map(|c| {
                let cells = [
                    wrap::wrap(&c.name, name_w),
                    wrap::wrap(c.role.as_deref().unwrap_or(""), role_w),
                    wrap::wrap(&c.viewpoint, view_w),
                ];
                let height = cells.iter().map(Vec::len).max().unwrap_or(1);
                (0..height)
                    .map(|i| {
                        std::array::from_fn(|col| cells[col].get(i).cloned().unwrap_or_default())
                    })
                    .collect()
            })
            .collect();
        Table {
            width,
            widths: [name_w, role_w, view_w],
            rows,
            stacked: false,
        }
    }

    /// Stacked cards: "Name · Role" on a line (wrapped), the viewpoint wrapped under it with an
    /// indent, and a blank line between cards.
    fn cards(commentators: &[Commentator], width: usize) -> Self {
        let head_w = width.saturating_sub(MARKER_WIDTH).max(1);
        let view_w = head_w.saturating_sub(CARD_INDENT).max(1);
        let n = commentators.len();
        let rows = commentators
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let head = match c.role.as_deref().filter(|r| !r.trim().is_empty()) {
                    Some(role) => format!("{} · {role}", c.name),
                    None => c.name.clone(),
                };
                let mut lines: Vec<[String; 3]> = wrap::wrap(&head, head_w)
                    .into_iter()
                    .map(|l| [l, String::new(), String::new()])
                    .collect();
                lines.extend(
                    wrap::wrap_links(&c.viewpoint, view_w)
                        .into_iter()
                        .map(|l| [String::new(), String::new(), l]),
                );
                if i + 1 < n {
                    lines.push(Default::default());
                }
                lines
            })
            .collect();
        Table {
            width,
            widths: [head_w, 0, view_w],
            rows,
            stacked: true,
        }
    }

    /// Lines of a card's head (name and role) in row `row`; 1 for a table row.
    pub fn head_lines(&self, row: usize) -> usize {
        if !self.stacked {
            return 1;
        }
        self.rows
            .get(row)
            .map_or(0, |r| r.iter().take_while(|l| !l[0].is_empty()).count())
    }

    /// Lines on screen, header included (stacked cards have none).
    pub fn screen_lines(&self) -> usize {
        self.line_count() + usize::from(!self.stacked)
    }

    /// Total number of lines of all rows (without the header).
    pub fn line_count(&self) -> usize {
        self.rows.iter().map(Vec::len).sum()
    }

    /// The line at which row `row` starts.
    pub fn row_start(&self, row: usize) -> usize {
        self.rows.iter().take(row).map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::digest::Section;

    fn article() -> Article {
        Article {
            headline: "A headline that is long enough to wrap".into(),
            source: Some("Wire".into()),
            published: Some("2025-10-27".into()),
            tags: vec!["ai".into()],
            summary: "Lede.".into(),
            context: vec!["one two three four five six".into()],
            sections: vec![Section {
                heading: "More".into(),
                bullets: vec!["b".into()],
            }],
            ..Article::default()
        }
    }

    fn text(doc: &Document) -> Vec<String> {
        doc.lines
            .iter()
            .map(|l| l.iter().map(|(s, _)| s.as_str()).collect())
            .collect()
    }

    #[test]
    fn blank_tags_are_not_shown_as_bare_hashes() {
        let mut a = article();
        a.tags = vec!["".into(), " ".into(), "ai".into()];
        let doc = Document::build(&Ok(a), 60);
        assert_eq!(text(&doc)[1], "Wire · Mon 27 Oct 2025 · #ai");
        let mut a = article();
        a.tags = vec!["".into()];
        let doc = Document::build(&Ok(a), 60);
        assert_eq!(text(&doc)[1], "Wire · Mon 27 Oct 2025");
        let mut a = article();
        a.source = Some(" ".into());
        let doc = Document::build(&Ok(a), 60);
        assert_eq!(text(&doc)[1], "Mon 27 Oct 2025 · #ai");
    }

    #[test]
    fn article_layout_has_hanging_bullets() {
        let doc = Document::build(&Ok(article()), 16);
        assert_eq!(
            text(&doc),
            [
                "A headline that",
                "is long enough",
                "to wrap",
                "Wire · Mon 27",
                "Oct 2025 · #ai",
                "",
                "Lede.",
                "",
                "Context",
                "• one two three",
                "  four five six",
                "",
                "More",
                "• b"
            ]
        );
        assert!(
            doc.lines
                .iter()
                .all(|l| wrap::width(&l.iter().map(|(s, _)| s.as_str()).collect::<String>()) <= 16)
        );
    }

    #[test]
    fn table_rows_grow_with_their_viewpoint() {
        let cs = vec![
            Commentator {
                name: "Ann".into(),
                role: Some("CEO".into()),
                viewpoint: "short".into(),
            },
            Commentator {
                name: "漢字".into(),
                role: None,
                viewpoint: "a much longer viewpoint that wraps ".repeat(3),
            },
        ];
        let t = Table::build(&cs, 70);
        assert!(!t.stacked);
        assert_eq!(t.widths[0], 11); // "Commentator" is the widest
        assert_eq!(t.rows[0].len(), 1);
        assert!(t.rows[1].len() > 1);
        assert_eq!(t.line_count(), 1 + t.rows[1].len());
        assert_eq!(t.row_start(1), 1);
        let total: usize = t.widths.iter().sum::<usize>() + MARKER_WIDTH + 2 * COLUMN_GAP;
        assert!(total <= 70);
    }

    #[test]
    fn name_column_fits_the_names_within_a_cap() {
        let c = |name: &str, role: &str| Commentator {
            name: name.into(),
            role: Some(role.into()),
            viewpoint: "words ".repeat(40),
        };
        // At 120 columns the table is 68 wide: "Hacker News thread" fits on one line.
        let t = Table::build(&[c("Hacker News thread", "forum"), c("Ann", "CEO")], 68);
        assert_eq!(t.rows[0][0][0], "Hacker News thread");
        assert_eq!(t.rows[0][1][0], "");
        // A name longer than the cap wraps at words, never mid-word while a word fits.
        let long = "Someone With A Remarkably Long Name Indeed Yes";
        let t = Table::build(&[c(long, "r/programming")], 68);
        assert!(t.widths[0] < wrap::width(long));
        let words: Vec<String> = t.rows[0].iter().map(|l| l[0].clone()).collect();
        assert_eq!(words.join(" ").trim(), long);
        assert!(t.rows[0].iter().any(|l| l[1] == "r/programming"));
    }

    #[test]
    fn narrow_tables_are_stacked_cards() {
        let cs = vec![
            Commentator {
                name: "r/programming".into(),
                role: Some("forum".into()),
                viewpoint: "a viewpoint long enough to wrap under the name".into(),
            },
            Commentator {
                name: "Bob".into(),
                role: None,
                viewpoint: "short".into(),
            },
        ];
        let t = Table::build(&cs, 30);
        assert!(t.stacked);
        let text = |r: usize| -> Vec<String> {
            t.rows[r]
                .iter()
                .map(|l| format!("{}{}", l[0], l[2]))
                .collect()
        };
        assert_eq!(
            text(0),
            [
                "r/programming · forum",
                "a viewpoint long enough to",
                "wrap under the name",
                ""
            ]
        );
        assert_eq!(text(1), ["Bob", "short"]);
        assert_eq!((t.head_lines(0), t.head_lines(1)), (1, 1));
        assert_eq!(t.screen_lines(), t.line_count());
    }

    #[test]
    fn empty_bullets_are_left_out_and_links_stand_alone() {
        let a = Article {
            headline: "H".into(),
            context: vec!["".into(), "  ".into(), "real".into()],
            summary: "Read https://example.com/x now".into(),
            context_heading: Some("Why it matters".into()),
            ..Article::default()
        };
        assert_eq!(
            text(&Document::build(&Ok(a), 40)),
            [
                "H",
                "",
                "Read",
                "https://example.com/x",
                "now",
                "",
                "Why it matters",
                "• real"
            ]
        );
    }
}
