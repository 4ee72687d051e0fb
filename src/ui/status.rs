//! The status bar: a message, the filter being typed, or the keys that matter here.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};

use crate::action::Action;
use crate::keymap::Keymap;
use crate::layout;
use crate::model::Mode;
use crate::model::Model;
use crate::model::pane::Pane;
use crate::model::prompt::Prompt;
use crate::model::reader::Reader;
use crate::theme::Theme;
use crate::ui::{View, text};
use crate::wrap;

/// Hints for the reader, by the pane in focus: (action, what to call it).
const READER_HINTS: &[(Action, &str)] = &[
    (Action::Down, "move"),
    (Action::Open, "open"),
    (Action::FocusNext, "pane"),
    (Action::StartFilter, "filter"),
    (Action::NextUnread, "next unread"),
    (Action::Zoom, "zoom"),
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

/// Hints that are always shown, whatever else has to give way: how to get help and how to quit.
const ALWAYS: [Action; 2] = [Action::Help, Action::Quit];

/// As many hints as fit in `room` columns, in their order; a hint is never cut in half, and the
/// help and quit hints are kept, the others giving way from the end of the list first.
fn hints(
    keymap: &Keymap,
    mode: Mode,
    list: &[(Action, &str)],
    skip: &[Action],
    room: usize,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let named: Vec<(Action, String, &str)> = list
        .iter()
        .filter(|(a, _)| !skip.contains(a))
        .filter_map(|&(a, label)| keymap.key_name(mode, a).map(|k| (a, k, label)))
        .collect();
    let width =
        |(_, key, label): &(Action, String, &str)| wrap::width(key) + 1 + wrap::width(label);
    let cost = |set: &[&(Action, String, &str)]| {
        set.iter().map(|h| width(h)).sum::<usize>() + 2 * set.len().saturating_sub(1)
    };
    let mut keep: Vec<&(Action, String, &str)> =
        named.iter().filter(|h| ALWAYS.contains(&h.0)).collect();
    for h in named.iter().filter(|h| !ALWAYS.contains(&h.0)) {
        let mut with = keep.clone();
        with.push(h);
        if cost(&with) <= room {
            keep = with;
        }
    }
    let mut spans = Vec::new();
    for h in named
        .iter()
        .filter(|h| keep.iter().any(|k| std::ptr::eq(*k, *h)))
    {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(h.1.clone(), theme.key()));
        spans.push(Span::raw(format!(" {}", h.2)));
    }
    spans
}

/// A notice, cut to leave room for the help and quit hints after it.
fn notice(
    text: &str,
    keymap: &Keymap,
    mode: Mode,
    list: &[(Action, &str)],
    room: usize,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let always: Vec<(Action, &str)> = list
        .iter()
        .copied()
        .filter(|(a, _)| ALWAYS.contains(a))
        .collect();
    let tail = hints(keymap, mode, &always, &[], room, theme);
    let tail_w: usize = tail.iter().map(|s| wrap::width(&s.content)).sum();
    let text_room = room.saturating_sub(tail_w + 2);
    let mut spans = vec![Span::styled(
        wrap::pad(&wrap::truncate(text, text_room), text_room),
        theme.notice(),
    )];
    if !tail.is_empty() {
        spans.push(Span::raw("  "));
        spans.extend(tail);
    }
    spans
}

/// While a question waits for its answer: what the keys do now (the screen's own hints would
/// offer keys that only answer no).
fn confirm_hints(theme: &Theme) -> Vec<Span<'static>> {
    vec![
        Span::styled("y", theme.key()),
        Span::raw(" yes  "),
        Span::styled("any other key", theme.key()),
        Span::raw(" no"),
    ]
}

/// The link list's keys: every other key closes it, so the screen's hints would mislead.
fn links_hints(theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (key, what) in [
        ("j/k/g/G", " move  "),
        ("1-9/Enter", " open  "),
        ("y", " copy  "),
        ("any other key", " close"),
    ] {
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(what));
    }
    spans
}

/// "1 match", "20 matches".
fn matches(n: usize) -> String {
    format!("{n} match{}", if n == 1 { "" } else { "es" })
}

/// Columns left for hints beside a right-hand text, with a column between them; the whole bar
/// when the bar is too narrow to show that text.
fn room(area: Rect, right: &str) -> usize {
    if !right.is_empty() && left_width(area, right) == area.width {
        return area.width.into();
    }
    (area.width as usize).saturating_sub(wrap::width(right).saturating_add(3))
}

/// The columns `bar` leaves for its left part beside `right` (all of them when `right` is
/// empty, or would leave too little).
fn left_width(area: Rect, right: &str) -> u16 {
    let right_w = layout::cells(wrap::width(right).saturating_add(2));
    // An empty right-hand text means a notice needs the whole bar.
    if !right.is_empty() && area.width > right_w.saturating_add(12) {
        area.width.saturating_sub(right_w)
    } else {
        area.width
    }
}

/// Draws `left` and, when there is room, `right` flush right after a separator. `left` is cut so
/// the two never overlap (a long message would otherwise show through the right-hand text).
fn bar(left: Vec<Span<'static>>, right: String, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let left_w = left_width(area, &right);
    let right = format!("│{right} ");
    let right_w = layout::cells(wrap::width(&right));
    let show_right = left_w < area.width;
    let left_area = Rect {
        width: left_w,
        ..area
    };
    // The bar's style first, over all of it; a paragraph with that style would only set it
    // again over its own part before writing its text.
    buf.set_style(area, theme.status());
    text::lines(&[Line::from(left)], left_area, buf);
    if show_right {
        let r = Rect {
            x: area.right() - right_w,
            width: right_w,
            ..area
        };
        text::lines(&Text::from(right).lines, r, buf);
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
    let mut right = format!(" {pane} · {} unread", r.unread);
    // A notice that would be cut beside the position text takes the whole bar instead.
    if let Some(n) = model.notice.as_deref().filter(|_| !r.filter_editing)
        && wrap::width(n) + 16 > room(area, &right)
        && wrap::width(n) + 17 <= room(area, "")
    {
        right.clear();
    }
    let left = if model.mode() == Mode::Confirm {
        confirm_hints(theme)
    } else if model.mode() == Mode::Links {
        links_hints(theme)
    } else if r.filter_editing {
        // While the filter still searches, the count is of the matches found so far.
        let so_far = if r.filtering.is_some() { " so far" } else { "" };
        prompt(
            &r.prompt,
            format!(
                "  {}{so_far}  Enter keep  Esc clear",
                matches(r.shown.len())
            ),
            left_width(area, &right).into(),
            theme,
        )
    } else if r.search_editing {
        let found = r.match_status().unwrap_or_default();
        prompt(
            &r.search_prompt,
            format!("  {found}  Enter keep  Esc end"),
            left_width(area, &right).into(),
            theme,
        )
    } else if let Some(n) = &model.notice {
        notice(
            n,
            view.keymap,
            Mode::Reader,
            READER_HINTS,
            room(area, &right),
            theme,
        )
    } else if let Some(found) = r.match_status() {
        match_hints(found, view)
    } else {
        reader_hints(r, view, area, room(area, &right))
    };
    bar(left, right, theme, area, buf);
}

/// While a search inside the article is on: where it is, and the keys that move and end it.
fn match_hints(found: String, view: &View) -> Vec<Span<'static>> {
    let theme = view.theme;
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
}

/// The reader's key hints in `room` columns, leaving out keys that would do nothing here.
fn reader_hints(r: &Reader, view: &View, area: Rect, room: usize) -> Vec<Span<'static>> {
    // Keys that would do nothing here are not offered: Enter outside the list, and opening
    // or finding unread articles when no article is shown.
    let mut skip = Vec::new();
    if r.focus != Pane::List || r.shown.is_empty() {
        skip.push(Action::Open);
    }
    if r.unread == 0 {
        skip.push(Action::NextUnread);
    }
    // Narrow screens show one pane already: zoom would change nothing.
    if area.width < layout::WIDE_MIN_WIDTH {
        skip.push(Action::Zoom);
    }
    hints(
        view.keymap,
        Mode::Reader,
        READER_HINTS,
        &skip,
        room,
        view.theme,
    )
}

/// Hints for the Starred screen.
const STARRED_HINTS: &[(Action, &str)] = &[
    (Action::Down, "move"),
    (Action::Open, "open"),
    (Action::ToggleStar, "unstar"),
    (Action::Back, "back"),
    (Action::Help, "help"),
];

/// Draws the Starred screen's status bar.
pub fn draw_starred(model: &Model, view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let s = &model.starred;
    let pos = if s.rows.is_empty() {
        String::new()
    } else {
        format!(" {}/{}", s.cursor + 1, s.rows.len())
    };
    let left = match &model.notice {
        _ if model.mode() == Mode::Confirm => confirm_hints(theme),
        Some(n) => vec![Span::styled(n.clone(), theme.notice())],
        None => hints(
            view.keymap,
            Mode::Starred,
            STARRED_HINTS,
            &[],
            room(area, &pos),
            theme,
        ),
    };
    bar(left, pos, theme, area, buf);
}

/// A query being typed, with its cursor, and a dim note after it, in `room` columns: a query
/// too long for them shows its part before the cursor cut at the left, so the cursor and what
/// was just typed stay in view.
fn prompt(p: &Prompt, note: String, room: usize, theme: &Theme) -> Vec<Span<'static>> {
    let (before, after) = p.split();
    // The "/" and the cursor take a column each.
    let before = wrap::truncate_start(before, room.saturating_sub(2));
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
    let mut pos = if lib.rows.is_empty() {
        String::new()
    } else {
        format!(" {}/{}", lib.cursor + 1, lib.rows.len())
    };
    if let Some(n) = model.notice.as_deref()
        && wrap::width(n) + 16 > room(area, &pos)
        && wrap::width(n) + 17 <= room(area, "")
    {
        pos.clear();
    }
    let shown = lib.rows.iter().filter(|r| !r.source.is_special()).count();
    let left = match &model.notice {
        _ if model.mode() == Mode::Confirm => confirm_hints(theme),
        _ if lib.filter_editing => prompt(
            &lib.prompt,
            format!("  {}  Enter keep  Esc clear", matches(shown)),
            left_width(area, &pos).into(),
            theme,
        ),
        Some(n) => notice(
            n,
            view.keymap,
            Mode::Library,
            LIBRARY_HINTS,
            room(area, &pos),
            theme,
        ),
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
