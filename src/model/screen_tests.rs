//! Model tests for the reading screen (issue 12): the commentator table stops at its ends,
//! Esc on the library, `A` under a filter, empty-list causes, warnings and zoom.

use ratatui::layout::Rect;

use super::tests::{WIDE, model, press, reader};
use super::*;
use crate::action::Action;
use crate::format;
use crate::model::pane::Pane;

fn tall_rows(area: Rect) -> Model {
    let json = format!(
        r#"{{"headline":"h","summary":"{}","commentators":[{{"name":"a","viewpoint":"{}"}},{{"name":"b","viewpoint":"{}"}}]}}"#,
        "text ".repeat(300),
        "long words here ".repeat(100),
        "more words there ".repeat(60),
    );
    let d = format::parse(json.as_bytes(), "t").unwrap();
    let mut m = Model::new(Library::default(), ReadState::default(), area);
    m.show_digest(d, Source::Bundled);
    press(&mut m, &[Action::FocusPrev]);
    assert_eq!(reader(&m).focus, Pane::Commentators);
    m
}

fn table_view(m: &Model) -> (usize, usize, usize) {
    let r = reader(m);
    let o = r.opened.as_ref().unwrap();
    let h = crate::layout::table_height(&r.panes(m.area));
    (o.row, o.table_top, h)
}

#[test]
fn tall_commentator_rows_scroll_line_by_line() {
    let mut m = tall_rows(Rect::new(0, 0, 140, 30));
    assert!(!reader(&m).opened.as_ref().unwrap().table.stacked);
    press(&mut m, &[Action::Down]);
    let (row, top, _) = table_view(&m);
    assert_eq!(
        (row, top),
        (0, 1),
        "the first row is taller than the pane: scroll it"
    );
    press(&mut m, &[Action::Bottom]);
    let (row, top, h) = table_view(&m);
    assert_eq!(row, 1);
    let o = reader(&m).opened.as_ref().unwrap();
    let start = o.table.row_start(1);
    assert!(start < top + h, "row b is on screen");
    assert_eq!(
        top,
        o.table.line_count() - h,
        "scrolled to the end, no further"
    );
}

#[test]
fn commentator_scrolling_stops_at_both_ends() {
    // Bug: at the end of the last (tall) row `j` jumped back to its top, and at the top `k`
    // jumped into the middle of the first row. Table and stacked cards alike.
    for width in [140, 60] {
        let mut m = tall_rows(Rect::new(0, 0, width, 24));
        // Up at the very top changes nothing.
        press(&mut m, &[Action::Up]);
        let (row, top, _) = table_view(&m);
        assert_eq!((row, top), (0, 0), "{width}: k at the top");
        // Down until the end of the last row, then more: the view never moves back.
        let mut last = table_view(&m);
        for _ in 0..200 {
            press(&mut m, &[Action::Down]);
            let now = table_view(&m);
            assert!(
                (now.0, now.1) >= (last.0, last.1),
                "{width}: j moved back from {last:?} to {now:?}"
            );
            last = now;
        }
        let o = reader(&m).opened.as_ref().unwrap();
        assert_eq!(last.0, 1);
        assert_eq!(last.1, o.table.line_count() - last.2, "{width}: at the end");
        // And back up to the very top, never jumping down.
        for _ in 0..200 {
            press(&mut m, &[Action::Up]);
            let now = table_view(&m);
            assert!((now.0, now.1) <= (last.0, last.1), "{width}: k moved down");
            last = now;
        }
        assert_eq!((last.0, last.1), (0, 0), "{width}: back at the top");
    }
}

#[test]
fn esc_on_the_library_does_not_quit() {
    // Bug: Esc on the library quit at once, so pressing Esc repeatedly to go back ended the
    // session. Only q and Ctrl-c quit.
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let km = crate::keymap::Keymap::default();
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let mut m = model(3, WIDE);
    for _ in 0..5 {
        let action = km.action_for(m.mode(), &esc).unwrap();
        assert!(!press(&mut m, &[action]).contains(&Effect::Quit));
    }
    assert_eq!(m.screen, Screen::Library);
    assert!(m.notice.as_deref().unwrap_or("").contains("q quits"));
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    let action = km.action_for(m.mode(), &q).unwrap();
    assert_eq!(press(&mut m, &[action]), vec![Effect::Quit]);
}

#[test]
fn mark_all_read_marks_what_a_filter_shows() {
    // Bug: with a filter showing a few articles, `A` offered to mark the whole digest read.
    let mut m = model(10, WIDE);
    let mut typed = vec![Action::StartFilter];
    typed.extend("odd".chars().map(Action::FilterChar));
    typed.push(Action::FilterAccept);
    press(&mut m, &typed);
    assert_eq!(reader(&m).shown.len(), 5);
    assert!(reader(&m).narrowed());
    assert_eq!(reader(&m).unread_in_scope(&m.read), 5);
    press(&mut m, &[Action::MarkAllRead]);
    assert_eq!(m.mode(), Mode::Confirm);
    assert_eq!(press(&mut m, &[Action::Confirm]), vec![Effect::SaveState]);
    // The five shown are read; the five hidden are not.
    assert_eq!(reader(&m).unread, 5);
    assert!(m.notice.as_deref().unwrap_or("").contains("5 shown"));
    // Without a filter, the whole digest as before.
    press(
        &mut m,
        &[Action::Back, Action::MarkAllRead, Action::Confirm],
    );
    assert!(!reader(&m).narrowed());
    assert_eq!(reader(&m).unread, 0);
}

#[test]
fn an_empty_list_names_its_cause() {
    use crate::model::scope::EmptyList;
    // Bug: unread-only with nothing unread said "No articles match" though nothing was typed.
    let mut m = model(3, WIDE);
    press(&mut m, &[Action::MarkAllRead, Action::Confirm]);
    press(&mut m, &[Action::ToggleUnreadOnly]);
    assert_eq!(reader(&m).empty_list(), Some(EmptyList::NothingUnread));
    press(&mut m, &[Action::ToggleUnreadOnly]);
    assert_eq!(reader(&m).empty_list(), None);
    let mut typed = vec![Action::StartFilter];
    typed.extend("zzz".chars().map(Action::FilterChar));
    press(&mut m, &typed);
    assert_eq!(
        reader(&m).empty_list(),
        Some(EmptyList::NoMatch { unread_only: false })
    );
    press(&mut m, &[Action::FilterAccept, Action::ToggleUnreadOnly]);
    assert_eq!(
        reader(&m).empty_list(),
        Some(EmptyList::NoMatch { unread_only: true })
    );
}

#[test]
fn warnings_stay_until_dismissed_and_are_kept_for_the_exit() {
    let mut m = model(3, WIDE);
    m.warn("state file was corrupt; moved aside to /tmp/x/state.json.corrupt-1");
    m.warn("state file was corrupt; moved aside to /tmp/x/state.json.corrupt-1");
    press(&mut m, &[Action::Down, Action::Help, Action::Back]);
    assert_eq!(m.warnings.len(), 1, "a key does not clear a warning");
    press(&mut m, &[Action::DismissWarning]);
    assert!(m.warnings.is_empty());
    assert_eq!(m.warned.len(), 1, "kept, once, for stderr at exit");
}

#[test]
fn zoom_gives_the_focused_pane_the_screen_and_lays_out_for_it() {
    let mut m = model(3, WIDE);
    press(&mut m, &[Action::FocusNext, Action::Zoom]);
    let r = reader(&m);
    let p = r.panes(m.area);
    assert_eq!((p.list, p.commentators), (None, None));
    assert_eq!(p.article.map(|a| a.width), Some(120));
    assert_eq!(
        r.opened.as_ref().unwrap().doc.width,
        100,
        "the reading width"
    );
    press(&mut m, &[Action::Zoom]);
    assert!(reader(&m).panes(m.area).list.is_some());
    assert_eq!(reader(&m).opened.as_ref().unwrap().doc.width, 68);
}

/// Every reader is laid out at the user's reading width with dates in their time zone: the
/// one a changed file is reloaded into and the river's as well as a digest just opened.
#[test]
fn reloaded_and_river_readers_keep_the_reading_width_and_time_zone() {
    let mut m = model(3, Rect::new(0, 0, 160, 30));
    m.settings.reading_width = 60;
    let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(5));
    m.set_time_zone(tz.clone());
    m.show_digest(super::tests::digest(3), Source::Bundled);
    let typography = |m: &Model| (reader(m).reading_width, reader(m).tz.clone());
    assert_eq!(typography(&m), (60, tz.clone()));
    m.reload_digest(super::tests::digest(4));
    assert_eq!(reader(&m).digest.entries.len(), 4);
    assert_eq!(typography(&m), (60, tz.clone()), "reloaded");
    m.screen = Screen::Library;
    m.river_pending = Some(99);
    let river = crate::model::river::assemble(&[super::tests::digest(2)], &m.read.marks());
    m.show_river(river, 99);
    assert_eq!(reader(&m).source, Source::AllUnread);
    assert_eq!(typography(&m), (60, tz), "the river");
}

#[test]
fn the_selected_commentator_stays_on_screen_when_the_terminal_shrinks() {
    // Bug (found by hand): on the last commentator at 80x24, shrinking the terminal to 30x8
    // kept the old scroll, so the table showed the first card and the `▶` was off screen.
    for small in [Rect::new(0, 0, 30, 8), Rect::new(0, 0, 20, 5)] {
        let mut m = tall_rows(Rect::new(0, 0, 80, 24));
        // Down through the tall first row to the head of the second.
        let rows = reader(&m).opened.as_ref().unwrap().table.rows[0].len();
        for _ in 0..rows {
            press(&mut m, &[Action::Down]);
        }
        m.resize(small);
        let (row, top, h) = table_view(&m);
        let o = reader(&m).opened.as_ref().unwrap();
        let start = o.table.row_start(row);
        let stop = start + o.table.rows[row].len();
        assert_eq!(row, 1, "{small:?}");
        assert!(
            start < top + h && stop > top,
            "{small:?}: row {row} (lines {start}..{stop}) is off the view {top}..{}",
            top + h
        );
    }
}

#[test]
fn the_article_keeps_its_place_when_the_terminal_is_resized() {
    // Bug (found by hand): halfway through a long article, widening the terminal kept the
    // same line number at the top, which after the re-wrap was far further on in the text.
    let words: Vec<String> = (0..3000).map(|i| format!("w{i}")).collect();
    let json = format!(r#"{{"headline":"h","summary":"{}"}}"#, words.join(" "));
    let d = format::parse(json.as_bytes(), "t").unwrap();
    let mut m = Model::new(
        Library::default(),
        ReadState::default(),
        Rect::new(0, 0, 80, 24),
    );
    m.show_digest(d, Source::Bundled);
    press(&mut m, &[Action::FocusNext]);
    assert_eq!(reader(&m).focus, Pane::Article);
    let top_word = |m: &Model| -> usize {
        let o = reader(m).opened.as_ref().unwrap();
        let line = &o.doc.lines[o.scroll];
        let text: String = line.iter().map(|(t, _)| t.as_str()).collect();
        text.trim_start_matches('w')
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap()
    };
    for _ in 0..4 {
        press(&mut m, &[Action::PageDown]);
    }
    let before = top_word(&m);
    assert!((500..1500).contains(&before), "{before}");
    for area in [Rect::new(0, 0, 200, 60), Rect::new(0, 0, 40, 12)] {
        m.resize(area);
        let now = top_word(&m);
        assert!(
            now.abs_diff(before) < 60,
            "{area:?}: the top moved from word {before} to word {now}"
        );
    }
}

#[test]
fn the_list_shows_every_article_again_after_another_pane_had_the_narrow_screen() {
    // Bug (found by hand): at 40x12 one pane shows at a time; with the last article selected
    // and the table shown, the hidden list scrolled to put that article at its top, so going
    // back to the list (or widening the terminal) showed it alone, the others hidden above
    // an empty pane.
    let mut m = model(4, Rect::new(0, 0, 40, 12));
    press(&mut m, &[Action::Bottom, Action::Open, Action::FocusNext]);
    assert_ne!(reader(&m).focus, Pane::List);
    for _ in 0..3 {
        if reader(&m).focus != Pane::List {
            press(&mut m, &[Action::FocusNext]);
        }
    }
    assert_eq!(reader(&m).focus, Pane::List);
    assert_eq!(reader(&m).list_top, 0, "4 rows fit in the list");
    press(&mut m, &[Action::FocusNext]);
    m.resize(WIDE);
    assert_eq!(reader(&m).list_top, 0, "after widening");
}

#[test]
fn a_taller_terminal_scrolls_the_list_back_rather_than_leave_rows_empty() {
    let mut m = model(30, Rect::new(0, 0, 120, 12));
    press(&mut m, &[Action::Bottom]);
    assert_eq!(reader(&m).list_top, 21);
    m.resize(WIDE);
    assert_eq!(reader(&m).list_top, 0, "30 rows fit in 38");
}
