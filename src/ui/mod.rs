//! Pure rendering: [`render`] draws a `&Model` and never mutates state or does IO.

pub mod find;
pub mod help;
pub mod library;
pub mod links;
pub mod reader;
pub mod status;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::keymap::Keymap;
use crate::layout;
use crate::model::{Model, Overlay, Screen};
use crate::theme::Theme;

/// What drawing needs besides the model: the colours, and the key map the help and hints name.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    /// Colours and border styles.
    pub theme: &'a Theme,
    /// The bindings in force, for the help overlay and the status-bar hints.
    pub keymap: &'a Keymap,
}

/// Draws the whole screen for `model` in a terminal frame: [`draw`], then link text made into
/// OSC 8 hyperlinks unless the settings turn them off.
pub fn render(model: &Model, view: &View, frame: &mut Frame) {
    let area = frame.area();
    draw(model, view, area, frame.buffer_mut());
    if model.settings.hyperlinks {
        links::hyperlinks(model, area, frame.buffer_mut());
    }
}

/// Draws the whole screen into a buffer; `render` and `snapshot` share it.
pub fn draw(model: &Model, view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    if layout::too_small(area) {
        let msg = format!(
            "Terminal too small: newsdeck needs {}x{}",
            layout::MIN_SIZE.0,
            layout::MIN_SIZE.1
        );
        Paragraph::new(msg)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .render(area, buf);
        return;
    }
    match (model.screen, &model.reader) {
        (Screen::Reader, Some(r)) => reader::draw(model, r, view, area, buf),
        _ => library::draw(model, view, area, buf),
    }
    match &model.overlay {
        Some(Overlay::Help) => help::draw(model.mode_under_overlay(), view, area, buf),
        Some(Overlay::Links { links, selected }) => {
            links::draw_list(links, *selected, theme, area, buf)
        }
        _ => {}
    }
    let question = match &model.overlay {
        Some(Overlay::ConfirmDelete(i)) => {
            let title = model.library.rows.get(*i).map_or("", |r| r.title.as_str());
            Some(format!(
                "Move \"{title}\" to the trash? (y/n; U restores it)"
            ))
        }
        Some(Overlay::ConfirmMarkAll) => model.reader.as_ref().map(|r| {
            let (n, s) = (r.unread, if r.unread == 1 { "" } else { "s" });
            let whose = if r.is_river() {
                "every digest"
            } else {
                "this digest"
            };
            format!("Mark {n} unread article{s} of {whose} read? (y/n)")
        }),
        Some(Overlay::ConfirmMarkDigest(i)) => model.library.rows.get(*i).map(|r| {
            let (n, whose) = match r.source {
                crate::model::Source::AllUnread => {
                    (model.library.total_unread(&model.read), "every digest")
                }
                _ => (r.unread(&model.read), "this digest"),
            };
            let s = if n == 1 { "" } else { "s" };
            format!("Mark {n} unread article{s} of {whose} read? (y/n)")
        }),
        _ => None,
    };
    if let Some(q) = question {
        help::confirm(&q, theme, area, buf);
    }
}

/// A bordered pane: thick border and highlighted title when focused.
pub fn pane<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(theme.border_type(focused))
        .border_style(theme.border(focused))
        .title(title.style(theme.title(focused)))
}
