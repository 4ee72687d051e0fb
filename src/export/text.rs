//! Text export: the article wrapped to a width, as the reader lays it out, for a pipe or a
//! terminal. Styling (ANSI bold and dim) is only ever added by this module, around whole lines,
//! and only when asked: the caller asks only when stdout is a terminal.

use super::{DigestMeta, TextOptions, clean_article, clean_meta, digest_meta_line, meta_line};
use crate::model::digest::Article;
use crate::wrap;

const BULLET: &str = "• ";
const BOLD: &str = "\u{1b}[1m";
const DIM: &str = "\u{1b}[2m";
const RESET: &str = "\u{1b}[0m";

/// How a line is shown when styled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Bold,
    Dim,
}

/// Lines being built, wrapped to one width, styled or not.
struct Out {
    opts: TextOptions,
    text: String,
}

impl Out {
    fn new(opts: TextOptions) -> Self {
        Out {
            opts: TextOptions {
                // A wide (CJK) character needs two columns.
                width: opts.width.max(2),
                ..opts
            },
            text: String::new(),
        }
    }

    fn line(&mut self, line: &str, style: Style) {
        let code = match style {
            Style::Bold => BOLD,
            Style::Dim => DIM,
            Style::Plain => "",
        };
        // Styled lines open and close their own style, so a pager that shows any slice of the
        // output (or a line cut by the terminal) never bleeds bold into the next line.
        if self.opts.styled && !code.is_empty() && !line.is_empty() {
            self.text.push_str(code);
            self.text.push_str(line);
            self.text.push_str(RESET);
        } else {
            self.text.push_str(line);
        }
        self.text.push('\n');
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }

    fn para(&mut self, text: &str, style: Style) {
        for l in wrap::wrap(text, self.opts.width) {
            self.line(l.trim_end(), style);
        }
    }

    /// A bullet with a hanging indent: continuation lines start under the text, not the marker.
    fn bullet(&mut self, text: &str) {
        let indent = wrap::width(BULLET);
        if self.opts.width <= indent {
            // No room for a marker and text side by side: the text alone still fits.
            return self.para(text, Style::Plain);
        }
        let inner = self.opts.width - indent;
        for (i, l) in wrap::wrap(text, inner).into_iter().enumerate() {
            let marker = if i == 0 {
                BULLET.to_string()
            } else {
                " ".repeat(indent)
            };
            self.line(format!("{marker}{l}").trim_end(), Style::Plain);
        }
    }

    fn article(&mut self, a: &Article) {
        self.para(&a.headline, Style::Bold);
        let meta = meta_line(a);
        if !meta.is_empty() {
            self.para(&meta, Style::Dim);
        }
        if let Some(url) = &a.url {
            self.para(url, Style::Dim);
        }
        if !a.summary.trim().is_empty() {
            self.blank();
            self.para(a.summary.trim(), Style::Plain);
        }
        if !a.context.is_empty() {
            self.blank();
            self.para(a.context_title(), Style::Bold);
            a.context.iter().for_each(|b| self.bullet(b));
        }
        for s in &a.sections {
            self.blank();
            self.para(&s.heading, Style::Bold);
            s.bullets.iter().for_each(|b| self.bullet(b));
        }
        if !a.commentators.is_empty() {
            self.blank();
            self.para(a.commentators_title(), Style::Bold);
            for c in &a.commentators {
                // "Name — Role: viewpoint", one hanging-indented entry per commentator: a table
                // of columns would not survive a narrow pipe or a proportional font.
                let who = match c.role.as_deref().filter(|r| !r.is_empty()) {
                    Some(role) => format!("{} — {role}", c.name),
                    None => c.name.clone(),
                };
                self.bullet(&format!("{who}: {}", c.viewpoint.trim()));
            }
        }
    }
}

/// One article as wrapped text (the digest's title is not repeated: the article stands alone).
pub fn article(article: &Article, opts: TextOptions) -> String {
    let mut out = Out::new(opts);
    out.article(&clean_article(article));
    out.text
}

/// Every article of a digest under its title, separated by rules.
pub fn digest<'a>(
    meta: &DigestMeta,
    articles: impl IntoIterator<Item = &'a Article>,
    opts: TextOptions,
) -> String {
    let meta = clean_meta(meta);
    let mut out = Out::new(opts);
    out.para(&meta.title, Style::Bold);
    let line = digest_meta_line(&meta);
    if !line.is_empty() {
        out.para(&line, Style::Dim);
    }
    let rule = "─".repeat(out.opts.width.min(80));
    for a in articles {
        out.blank();
        out.line(&rule, Style::Dim);
        out.blank();
        out.article(&clean_article(a));
    }
    out.text
}
