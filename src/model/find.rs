//! Search inside the open article: where a query matches in the laid-out article text and the
//! commentator table, as screen positions (line and columns), so drawing only paints them.
//!
//! Matching happens on each paragraph, bullet or table cell with its wrapped lines joined again,
//! so a match that a line wrap split in two is found, and highlighted on both lines.

use std::ops::Range;

use crate::fold::Query;
use crate::model::document::{COLUMN_GAP, Document, MARKER_WIDTH, Role, Table};
use crate::model::pane::Pane;
use crate::wrap;

/// One highlighted run of a match on one screen line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seg {
    /// The article pane or the commentator table.
    pub pane: Pane,
    /// Line of the document, or line of the table body.
    pub line: usize,
    /// First column of the run, from the pane's inner left edge.
    pub col: usize,
    /// Columns the run covers.
    pub width: usize,
}

/// One match: one run per screen line it touches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The runs, top to bottom.
    pub segs: Vec<Seg>,
    /// The commentator row the match is in (None: article text).
    pub row: Option<usize>,
}

/// An active search in the open article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    /// The query as typed.
    pub query: String,
    /// Every match, article text first, then the table row by row.
    pub matches: Vec<Match>,
    /// The match `n`/`N` are at.
    pub current: usize,
}

impl Find {
    /// Searches `doc` and `table` for `query` (smart case, accents folded).
    pub fn new(query: &str, doc: &Document, table: &Table) -> Find {
        let q = Query::smart(query.trim());
        let mut matches = Vec::new();
        if !q.is_empty() {
            search_doc(&q, doc, &mut matches);
            search_table(&q, table, &mut matches);
        }
        Find {
            query: query.to_string(),
            matches,
            current: 0,
        }
    }

    /// Searches again after a new layout, staying at the same match number.
    pub fn redo(&mut self, doc: &Document, table: &Table) {
        let current = self.current;
        *self = Find::new(&self.query, doc, table);
        self.current = current.min(self.matches.len().saturating_sub(1));
    }

    /// Moves to the next (or previous) match, wrapping around like `n` in less.
    pub fn step(&mut self, forward: bool) {
        let n = self.matches.len();
        if n > 0 {
            self.current = if forward {
                (self.current + 1) % n
            } else {
                (self.current + n - 1) % n
            };
        }
    }

    /// The match `n`/`N` are at.
    pub fn current(&self) -> Option<&Match> {
        self.matches.get(self.current)
    }
}

/// One line of a paragraph being joined: where its text sits in the joined string and on screen.
struct Piece {
    line: usize,
    /// Byte range in the joined text.
    start: usize,
    end: usize,
    /// Column where the line's text starts (after a bullet marker).
    col: usize,
}

/// A paragraph's lines joined back into one string, with where each line came from.
#[derive(Default)]
struct Joined {
    text: String,
    pieces: Vec<Piece>,
}

impl Joined {
    /// Adds a line; `avail` is the width it was wrapped to. A line without spaces that filled its
    /// width was a long word broken by columns, so it joins the next without a space.
    fn push(&mut self, line: usize, col: usize, text: &str, avail: usize) {
        if let Some(last) = self.pieces.last() {
            let prev = &self.text[last.start..last.end];
            let broken_word = !prev.contains(' ') && wrap::width(prev) + 1 >= avail;
            if !broken_word {
                self.text.push(' ');
            }
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.pieces.push(Piece {
            line,
            start,
            end: self.text.len(),
            col,
        });
    }

    /// The screen runs of the joined text's byte range `r`.
    fn segs(&self, r: Range<usize>, pane: Pane) -> Vec<Seg> {
        self.pieces
            .iter()
            .filter_map(|p| {
                let (a, b) = (r.start.max(p.start), r.end.min(p.end));
                (a < b).then(|| Seg {
                    pane,
                    line: p.line,
                    col: p.col + wrap::width(&self.text[p.start..a]),
                    width: wrap::width(&self.text[a..b]),
                })
            })
            .collect()
    }

    /// The screen runs of each match of `q`.
    fn find(&self, q: &Query, pane: Pane, row: Option<usize>, out: &mut Vec<Match>) {
        for r in q.find_all(&self.text) {
            let segs = self.segs(r, pane);
            if !segs.is_empty() {
                out.push(Match { segs, row });
            }
        }
    }
}

/// Splits a document line into its marker width and its text: a bullet's marker (or the hanging
/// indent of its continuation lines) is not searched.
fn line_text(line: &[(String, Role)]) -> (usize, bool, String, Option<Role>) {
    let mut marker = 0;
    let mut new_bullet = false;
    let mut text = String::new();
    let mut role = None;
    for (s, r) in line {
        if *r == Role::Bullet {
            marker += wrap::width(s);
            new_bullet |= !s.trim().is_empty();
        } else {
            text.push_str(s);
            role = role.or(Some(*r));
        }
    }
    (marker, new_bullet, text, role)
}

/// Calls `f` with each paragraph of `doc`, its wrapped lines joined again.
fn paragraphs(doc: &Document, mut f: impl FnMut(&Joined)) {
    let mut joined = Joined::default();
    let mut role = None;
    for (i, line) in doc.lines.iter().enumerate() {
        let (marker, new_bullet, text, r) = line_text(line);
        // A blank line, a new bullet or a change of role (headline to meta) starts a paragraph.
        if text.is_empty() || new_bullet || r != role {
            f(&joined);
            joined = Joined::default();
            role = r;
        }
        if !text.is_empty() {
            joined.push(i, marker, &text, doc.width.saturating_sub(marker));
        }
    }
    f(&joined);
}

fn search_doc(q: &Query, doc: &Document, out: &mut Vec<Match>) {
    paragraphs(doc, |p| p.find(q, Pane::Article, None, out));
}

/// The web links written in `doc` (the article's url line included), each with the screen runs
/// its text covers: a link that wraps is one target on several lines.
pub fn doc_links(doc: &Document) -> Vec<(String, Vec<Seg>)> {
    let mut out = Vec::new();
    paragraphs(doc, |p| {
        for (r, url) in crate::url::find_links(&p.text) {
            out.push((url, p.segs(r, Pane::Article)));
        }
    });
    out
}

fn search_table(q: &Query, table: &Table, out: &mut Vec<Match>) {
    let mut line = 0;
    for (r, row) in table.rows.iter().enumerate() {
        for col in 0..3 {
            let x = MARKER_WIDTH + table.widths[..col].iter().sum::<usize>() + col * COLUMN_GAP;
            let mut joined = Joined::default();
            for (k, cells) in row.iter().enumerate() {
                if !cells[col].is_empty() {
                    joined.push(line + k, x, &cells[col], table.widths[col]);
                }
            }
            joined.find(q, Pane::Commentators, Some(r), out);
        }
        line += row.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::digest::{Article, Commentator};

    fn doc(width: usize) -> (Document, Table) {
        let a = Article {
            headline: "Björn ships the parser".into(),
            summary: "The new parser from Björn is fast; the old parser was slow.".into(),
            context: vec!["Parsers everywhere".into()],
            commentators: vec![Commentator {
                name: "Ann".into(),
                role: None,
                viewpoint: "I like the parser a lot".into(),
            }],
            ..Article::default()
        };
        let t = Table::build(&a.commentators, 40);
        (Document::build(&Ok(a), width), t)
    }

    #[test]
    fn finds_matches_split_by_a_wrap_on_both_lines() {
        let (d, t) = doc(12);
        // "The new" / "parser from" / "Björn is" ...: "new parser" spans two lines.
        let f = Find::new("new parser", &d, &t);
        assert_eq!(f.matches.len(), 1);
        let segs = &f.matches[0].segs;
        assert_eq!(segs.len(), 2);
        let text = |s: &Seg| -> String {
            let l: String = d.lines[s.line].iter().map(|(t, _)| t.as_str()).collect();
            l.chars().skip(s.col).take(s.width).collect()
        };
        assert_eq!(text(&segs[0]), "new");
        assert_eq!(text(&segs[1]), "parser");
        assert_eq!(segs[1].line, segs[0].line + 1);
    }

    #[test]
    fn smart_case_and_accents_count_matches_in_text_and_table() {
        let (d, t) = doc(30);
        // Headline, summary twice, context bullet ("Parsers"), table viewpoint.
        let f = Find::new("parser", &d, &t);
        assert_eq!(f.matches.len(), 5);
        assert_eq!(f.matches[4].row, Some(0));
        assert_eq!(f.matches[4].segs[0].pane, Pane::Commentators);
        assert_eq!(Find::new("Parser", &d, &t).matches.len(), 1);
        assert_eq!(Find::new("bjorn", &d, &t).matches.len(), 2);
        assert!(Find::new("zzz", &d, &t).matches.is_empty());
        // The context bullet's match starts after the marker.
        let bullet = &f.matches[3].segs[0];
        assert_eq!(bullet.col, 2);
    }

    #[test]
    fn steps_wrap_around() {
        let (d, t) = doc(30);
        let mut f = Find::new("parser", &d, &t);
        f.step(false);
        assert_eq!(f.current, 4);
        f.step(true);
        f.step(true);
        assert_eq!(f.current, 1);
        // A new width keeps the match number.
        let (d2, t2) = doc(14);
        f.redo(&d2, &t2);
        assert_eq!((f.current, f.matches.len()), (1, 5));
    }

    #[test]
    fn links_that_wrap_are_one_target() {
        let a = Article {
            headline: "H".into(),
            url: Some("https://example.com/a/long/path".into()),
            summary: "read https://b.org/x now".into(),
            ..Article::default()
        };
        let d = Document::build(&Ok(a), 20);
        let links = doc_links(&d);
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].0, "https://example.com/a/long/path");
        assert_eq!(links[0].1.len(), 2, "the url is broken over two lines");
        assert_eq!(links[1].0, "https://b.org/x");
    }
}
