//! Pure rendering: [`render`] draws a `&Model` and never mutates state or does IO.

pub mod find;
pub mod finder;
pub mod help;
pub mod library;
pub mod links;
pub mod reader;
pub mod starred;
pub mod status;
pub mod text;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::action::Action;
use crate::keymap::Keymap;
use crate::layout;
use crate::model::scope::plural;
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
        (Screen::Starred, _) => starred::draw(model, view, area, buf),
        _ => library::draw(model, view, area, buf),
    }
    finder::draw(model, view, area, buf);
    if !model.warnings.is_empty() {
        // A config file may leave dismissing unbound: then the title names no key.
        let key = view
            .keymap
            .key_name(model.mode_under_overlay(), Action::DismissWarning);
        help::warnings(&model.warnings, key.as_deref(), theme, area, buf);
    }
    match &model.overlay {
        Some(Overlay::Help) => help::draw(
            model.mode_under_overlay(),
            model.help_scroll,
            view,
            area,
            buf,
        ),
        Some(Overlay::Links { links, selected }) => {
            links::draw_list(links, *selected, theme, area, buf)
        }
        _ => {}
    }
    if let Some((q, answers)) = question(model) {
        help::confirm(&q, answers, theme, area, buf);
    }
}

/// The question an open yes/no overlay asks, and the answers it takes.
fn question(model: &Model) -> Option<(String, &'static str)> {
    match &model.overlay {
        Some(Overlay::ConfirmDelete(i)) => {
            let title = model.library.rows.get(*i).map_or("", |r| r.title.as_str());
            Some((
                format!("Move \"{title}\" to the trash?"),
                "(y/n; U restores it)",
            ))
        }
        Some(Overlay::ConfirmMarkAll) => model.reader.as_ref().map(|r| {
            let n = r.unread_in_scope(&model.read);
            let s = plural(n);
            let q = if r.narrowed() {
                format!("Mark the {n} unread article{s} shown read?")
            } else if r.is_river() {
                format!("Mark {n} unread article{s} of every digest read?")
            } else {
                format!("Mark {n} unread article{s} of this digest read?")
            };
            (q, "(y/n)")
        }),
        Some(Overlay::ConfirmMarkDigest(i)) => model.library.rows.get(*i).map(|r| {
            let (n, whose) = match r.source {
                crate::model::Source::AllUnread => {
                    (model.library.total_unread(&model.read), "every digest")
                }
                _ => (r.unread(&model.read), "this digest"),
            };
            let s = plural(n);
            (
                format!("Mark {n} unread article{s} of {whose} read?"),
                "(y/n)",
            )
        }),
        _ => None,
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

/// Draws [`pane`]'s border and title into `rect`, cell for cell as rendering the block does,
/// without its style pass over the whole pane (the block has no style: the pass changes no
/// cell). The sides are written in the block's order, then the corners, then the title.
pub fn draw_pane(title: Line, focused: bool, theme: &Theme, rect: Rect, buf: &mut Buffer) {
    let area = rect.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let set = theme.border_type(focused).to_border_set();
    let style = theme.border(focused);
    let (left, top) = (area.left(), area.top());
    let (right, bottom) = (area.right() - 1, area.bottom() - 1);
    let mut put = |x: u16, y: u16, symbol: &str| {
        buf[(x, y)].set_symbol(symbol).set_style(style);
    };
    for y in top..=bottom {
        put(left, y, set.vertical_left);
    }
    for x in left..=right {
        put(x, top, set.horizontal_top);
    }
    for y in top..=bottom {
        put(right, y, set.vertical_right);
    }
    for x in left..=right {
        put(x, bottom, set.horizontal_bottom);
    }
    put(right, bottom, set.bottom_right);
    put(right, top, set.top_right);
    put(left, bottom, set.bottom_left);
    put(left, top, set.top_left);
    // The title: one line, left-aligned, from the column after the corner.
    let room = area.width.saturating_sub(2);
    if room > 0 {
        let title = title.style(theme.title(focused));
        let width = title.width().min(usize::from(room)) as u16;
        title.render(Rect::new(left + 1, top, width, 1), buf);
    }
}

#[cfg(test)]
mod pane_tests;
