//! [`draw_pane`] against rendering [`pane`]'s block: the same cells at every size, in and
//! partly outside the buffer, with titles that fit, fill or overflow, in both themes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{draw_pane, pane};
use crate::theme::{Element, Theme};

/// A buffer with something in it already, so cells the block leaves alone are seen to stay.
fn backdrop(area: Rect) -> Buffer {
    let mut buf = Buffer::empty(area);
    for y in area.top()..area.bottom() {
        for x in (area.left()..area.right()).step_by(2) {
            buf[(x, y)]
                .set_symbol("漢")
                .set_style(Style::default().bg(Color::Blue).add_modifier(Modifier::DIM));
        }
    }
    buf
}

#[test]
fn the_cells_are_the_blocks() {
    let screen = Rect::new(0, 0, 30, 10);
    let styled = Theme::new(true)
        .with(
            Element::BorderFocused,
            Style::default().fg(Color::Red).bg(Color::Indexed(9)),
        )
        .with(
            Element::TitleFocused,
            Style::default().add_modifier(Modifier::ITALIC),
        )
        .with(
            Element::Border,
            Style::default().remove_modifier(Modifier::DIM),
        );
    let titles = [
        "",
        " Article 1/3 ",
        " 漢字のタイトル · 12 unread · 40 ",
        " a title much longer than any of the panes it is drawn in ",
        "🦀👨\u{200d}👩\u{200d}👧e\u{301}\u{200b}",
    ];
    let rects = [
        Rect::new(0, 0, 30, 10),
        Rect::new(3, 2, 12, 5),
        Rect::new(0, 0, 1, 1),
        Rect::new(4, 4, 2, 1),
        Rect::new(4, 4, 1, 2),
        Rect::new(5, 5, 2, 2),
        Rect::new(5, 5, 3, 3),
        Rect::new(0, 3, 0, 4),
        Rect::new(20, 6, 20, 9),
        Rect::new(40, 40, 5, 5),
    ];
    for theme in [Theme::new(true), Theme::new(false), styled] {
        for focused in [true, false] {
            for title in titles {
                for rect in rects {
                    let mut by_block = backdrop(screen);
                    pane(Line::from(title), focused, &theme).render(rect, &mut by_block);
                    let mut drawn = backdrop(screen);
                    draw_pane(Line::from(title), focused, &theme, rect, &mut drawn);
                    assert_eq!(drawn, by_block, "{title:?} in {rect:?}, focused {focused}");
                }
            }
        }
    }
}
