//! A html2text decorator that lays text out as the rich one does, without its annotations.
//!
//! newsdeck keeps only the text html2text writes (headings `# `, items `* `/`1. `, quotes `> `).
//! The rich decorator also tags every piece of text with what it is inside (each link's URL, a
//! string, cloned onto every fragment of its text), which newsdeck threw away: on a feed whose
//! articles are full of links that was most of the conversion's time. These annotations are `()`.

use html2text::render::TextDecorator;

/// The rich decorator's text with `()` for annotations.
#[derive(Clone, Debug, Default)]
pub struct TextOnly;

impl TextDecorator for TextOnly {
    type Annotation = ();

    fn decorate_link_start(&mut self, _url: &str) -> (String, ()) {
        (String::new(), ())
    }

    fn decorate_link_end(&mut self) -> String {
        String::new()
    }

    fn decorate_em_start(&self) -> (String, ()) {
        (String::new(), ())
    }

    fn decorate_em_end(&self) -> String {
        String::new()
    }

    fn decorate_strong_start(&self) -> (String, ()) {
        (String::new(), ())
    }

    fn decorate_strong_end(&self) -> String {
        String::new()
    }

    fn decorate_strikeout_start(&self) -> (String, ()) {
        (String::new(), ())
    }

    fn decorate_strikeout_end(&self) -> String {
        String::new()
    }

    fn decorate_code_start(&self) -> (String, ()) {
        (String::new(), ())
    }

    fn decorate_code_end(&self) -> String {
        String::new()
    }

    fn decorate_preformat_first(&self) {}

    fn decorate_preformat_cont(&self) {}

    /// An image is its title (alt text), as in rich mode.
    fn decorate_image(&mut self, _src: &str, title: &str) -> (String, ()) {
        (title.to_string(), ())
    }

    fn header_prefix(&self, level: usize) -> String {
        "#".repeat(level) + " "
    }

    fn quote_prefix(&self) -> String {
        "> ".to_string()
    }

    fn unordered_item_prefix(&self) -> String {
        "* ".to_string()
    }

    fn ordered_item_prefix(&self, i: i64) -> String {
        format!("{i}. ")
    }

    fn make_subblock_decorator(&self) -> Self {
        TextOnly
    }
}
