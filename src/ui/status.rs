//! The status bar: a message, the filter being typed, or the keys that matter here.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::action::Action;
use crate::keymap::Keymap;
use crate::layout;
use crate::model::Mode;
use crate::model::Model;
use crate::model::pane::Pane;
use crate::model::prompt::Prompt;
use crate::model::reader::Reader;
use crate::theme::Theme;
use crate::ui::View;
use crate::wrap;

/// Hints for the reader, by the pane in focus: (action, what to call it).
const READER_HINTS: &[(Action, &str)] = &[
    (Action::Down, "move"),
    (Action::Open, "open"),
    (Action::FocusNext, "pane"),
    (Action::StartFilter, "filter"),
    (Action::NextUnread, "next unread"),
    (Action::Back, "back"),
    (Action::Help, "help"),
    (Action::Quit, "quit"),
];

const LIBRARY_HINTS: &[(Action, &str)] = &[
    (Action::Down, "move"),
    (Action::Open, "open"),
    (Action::StartFilter, "filter"),
    (Action::CycleSort, "sort"),
    (Action::Delete, "delete"),
    (Action::Help, "help"),
    (Action::Quit, "quit"),
];

/// As many hints as fit in `room` columns; a hint is never cut in half.
fn hints(
    keymap: &Keymap,
    mode: Mode,
    list: &[(Action, &str)],
    skip: &[Action],
    room: usize,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (action, label) in list.iter().filter(|(a, _)| !skip.contains(a)) {
        if let Some(key) = keymap.key_name(mode, *action) {
            let sep = if spans.is_empty() { "" } else { "  " };
            let w = wrap::width(sep) + wrap::width(&key) + 1 + wrap::width(label);
            if used + w > room {
                break;
            }
            used += w;
            spans.push(Span::raw(sep));
            spans.push(Span::styled(key, theme.key()));
            spans.push(Span::raw(format!(" {label}")));
        }
    }
    spans
}

/// Columns left for hints beside a right-hand text.
fn room(area: Rect, right: &str) -> usize {
    (area.width as usize).saturating_sub(wrap::width(right).saturating_add(3))
}

/// Draws `left` and, when there is room, `right` flush right after a separator. `left` is cut so
/// the two never overlap (a long message would otherwise show through the right-hand text).
fn bar(left: Vec<Span<'static>>, right: String, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let right = format!("│{right} ");
    let right_w = layout::cells(wrap::width(&right));
    let show_right = area.width > right_w.saturating_add(12);
    let left_area = Rect {
        width: if show_right {
            area.width.saturating_sub(right_w)
        } else {
            area.width
        },
        ..area
    };
    buf.set_style(area, theme.status());
    Paragraph::new(Line::from(left))
        .style(theme.status())
        .render(left_area, buf);
    if show_right {
        let r = Rect {
            x: area.right() - right_w,
            width: right_w,
            ..area
        };
        Paragraph::new(right).style(theme.status()).render(r, buf);
    }
}

/// Draws the reader's status bar.
pub fn draw_reader(model: &Model, r: &Reader, view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let pane = match r.focus {
        Pane::List => "list",
        Pane::Article => "article",
        Pane::Commentators => "commentators",
    };
    let right = format!(" {pane} · {} unread", r.unread);
    let left = if r.filter_editing {
        prompt(
            &r.prompt,
            format!("  {} match  Enter keep  Esc clear", r.shown.len()),
            theme,
        )
    } else if r.search_editing {
        let found = r.match_status().unwrap_or_default();
        prompt(
            &r.search_prompt,
            format!("  {found}  Enter keep  Esc end"),
            theme,
        )
    } else if let Some(n) = &model.notice {
        vec![Span::styled(n.clone(), theme.notice())]
    } else if let Some(found) = r.match_status() {
        let mut spans = vec![Span::styled(found, theme.notice()), Span::raw("  ")];
        let n = view.keymap.key_name(Mode::Reader, Action::NextUnread);
        let back = view.keymap.key_name(Mode::Reader, Action::Back);
        if let (Some(n), Some(back)) = (n, back) {
            spans.push(Span::styled(n, theme.key()));
            spans.push(Span::raw(" next match  "));
            spans.push(Span::styled(back, theme.key()));
            spans.push(Span::raw(" end search"));
        }
        spans
    } else {
        // Keys that would do nothing here are not offered: Enter outside the list, and opening
        // or finding unread articles when no article is shown.
        let mut skip = Vec::new();
        if r.focus != Pane::List || r.shown.is_empty() {
            skip.push(Action::Open);
        }
        if r.unread == 0 {
            skip.push(Action::NextUnread);
        }
        hints(
            view.keymap,
            Mode::Reader,
            READER_HINTS,
            &skip,
            room(area, &right),
            theme,
        )
    };
    bar(left, right, theme, area, buf);
}

/// A query being typed, with its cursor, and a dim note after it.
fn prompt(p: &Prompt, note: String, theme: &Theme) -> Vec<Span<'static>> {
    let (before, after) = p.split();
    vec![
        Span::styled("/", theme.key()),
        Span::raw(format!("{before}▏{after}")),
        Span::styled(note, theme.dim()),
    ]
}

/// Draws the library screen's status bar.
pub fn draw_library(model: &Model, view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let lib = &model.library;
    let pos = if lib.rows.is_empty() {
        String::new()
    } else {
        format!(" {}/{}", lib.cursor + 1, lib.rows.len())
    };
    let shown = lib.rows.iter().filter(|r| !r.source.is_special()).count();
    let left = match &model.notice {
        _ if lib.filter_editing => vec![
            Span::styled("/", theme.key()),
            Span::raw(format!("{}▏", lib.filter)),
            Span::styled(
                format!("  {shown} match  Enter keep  Esc clear"),
                theme.dim(),
            ),
        ],
        Some(n) => vec![Span::styled(n.clone(), theme.notice())],
        None => hints(
            view.keymap,
            Mode::Library,
            LIBRARY_HINTS,
            &[],
            room(area, &pos),
            theme,
        ),
    };
    bar(left, pos, theme, area, buf);
}
