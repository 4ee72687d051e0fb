//! A one-line query being typed (the list filter, the search inside an article): the text, a
//! cursor, and the queries typed earlier this session to recall with Up and Down.

use crate::action::Action;

/// Queries kept for recall, oldest first; more than this and the oldest goes.
const HISTORY: usize = 50;

/// A line editor for queries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    /// The text typed so far.
    pub text: String,
    /// Where the cursor is, as a byte offset into `text` (always at a character boundary).
    pub cursor: usize,
    /// Earlier queries of this session, oldest first.
    history: Vec<String>,
    /// The history entry shown, while recalling.
    recall: Option<usize>,
}

impl Prompt {
    /// Starts a new, empty query.
    pub fn start(&mut self) {
        self.set(String::new());
        self.recall = None;
    }

    /// Goes on editing `text` (a query kept from before), the cursor at its end; nothing
    /// changes when it is the text already being edited.
    pub fn resume(&mut self, text: &str) {
        if self.text != text {
            self.set(text.to_string());
            self.recall = None;
        }
    }

    fn set(&mut self, text: String) {
        self.cursor = text.len();
        self.text = text;
    }

    /// Keeps the current query for recall (an empty one, or a repeat of the last, is not kept).
    pub fn remember(&mut self) {
        let t = self.text.trim();
        if t.is_empty() || self.history.last().is_some_and(|h| h == t) {
            return;
        }
        if self.history.len() >= HISTORY {
            self.history.remove(0);
        }
        self.history.push(t.to_string());
    }

    /// Carries out an editing action; returns true when the text changed.
    pub fn edit(&mut self, action: Action) -> bool {
        let before = self.text.clone();
        match action {
            Action::FilterChar(c) => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            Action::FilterBackspace => {
                if let Some(c) = self.text[..self.cursor].chars().next_back() {
                    self.cursor -= c.len_utf8();
                    self.text.remove(self.cursor);
                }
            }
            Action::PromptClear => self.set(String::new()),
            Action::PromptDeleteWord => {
                let head = &self.text[..self.cursor];
                // Like a shell's Ctrl-w: spaces before the cursor, then the word before them.
                let trimmed = head.trim_end_matches(' ');
                let start = trimmed.rfind(' ').map_or(0, |i| i + 1);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Action::PromptLeft => {
                if let Some(c) = self.text[..self.cursor].chars().next_back() {
                    self.cursor -= c.len_utf8();
                }
            }
            Action::PromptRight => {
                if let Some(c) = self.text[self.cursor..].chars().next() {
                    self.cursor += c.len_utf8();
                }
            }
            Action::PromptOlder if !self.history.is_empty() => {
                let at = match self.recall {
                    Some(i) => i.saturating_sub(1),
                    None => self.history.len() - 1,
                };
                self.recall = Some(at);
                self.set(self.history[at].clone());
            }
            Action::PromptNewer => match self.recall {
                Some(i) if i + 1 < self.history.len() => {
                    self.recall = Some(i + 1);
                    self.set(self.history[i + 1].clone());
                }
                Some(_) => {
                    self.recall = None;
                    self.set(String::new());
                }
                None => {}
            },
            _ => {}
        }
        self.text != before
    }

    /// The text before and after the cursor, for drawing the cursor between them.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(p: &mut Prompt, s: &str) {
        for c in s.chars() {
            p.edit(Action::FilterChar(c));
        }
    }

    #[test]
    fn edits_at_the_cursor() {
        let mut p = Prompt::default();
        typed(&mut p, "björn borg");
        p.edit(Action::PromptDeleteWord);
        assert_eq!(p.text, "björn ");
        p.edit(Action::PromptDeleteWord);
        assert_eq!(p.text, "");
        typed(&mut p, "ac");
        p.edit(Action::PromptLeft);
        typed(&mut p, "ö");
        assert_eq!(p.text, "aöc");
        assert_eq!(p.split(), ("aö", "c"));
        p.edit(Action::FilterBackspace);
        assert_eq!(p.text, "ac");
        p.edit(Action::PromptRight);
        p.edit(Action::PromptRight);
        assert_eq!(p.cursor, 2);
        p.edit(Action::PromptClear);
        assert_eq!((p.text.as_str(), p.cursor), ("", 0));
    }

    #[test]
    fn recalls_earlier_queries() {
        let mut p = Prompt::default();
        for q in ["one", "two", "two", ""] {
            p.start();
            typed(&mut p, q);
            p.remember();
        }
        p.start();
        p.edit(Action::PromptOlder);
        assert_eq!(p.text, "two");
        p.edit(Action::PromptOlder);
        assert_eq!(p.text, "one");
        p.edit(Action::PromptOlder);
        assert_eq!(p.text, "one");
        p.edit(Action::PromptNewer);
        assert_eq!(p.text, "two");
        p.edit(Action::PromptNewer);
        assert_eq!(p.text, "");
    }
}
