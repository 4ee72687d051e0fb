//! Model tests of the search inside an article, undo, the link list and the mouse.

use ratatui::layout::Rect;

use super::*;
use crate::action::Action;
use crate::format;
use crate::model::pane::Pane;

const WIDE: Rect = Rect {
    x: 0,
    y: 0,
    width: 120,
    height: 40,
};

fn model(json: &str) -> Model {
    let d = format::parse(json.as_bytes(), "t").unwrap();
    let mut m = Model::new(Library::default(), ReadState::default(), WIDE);
    m.show_digest(d, Source::Bundled);
    m
}

fn three() -> Model {
    model(
        r#"{"articles":[
        {"id":"a","headline":"Björn ships a parser","url":"https://a.org/1",
         "summary":"The parser is new. See https://b.org/2 for more. Parser parser.",
         "commentators":[{"name":"Ann","viewpoint":"A parser, finally"}]},
        {"id":"b","headline":"Second"},
        {"id":"c","headline":"Third"}]}"#,
    )
}

fn press(m: &mut Model, actions: &[Action]) -> Vec<Effect> {
    actions.iter().flat_map(|a| m.update(*a, 1000)).collect()
}

fn typed(m: &mut Model, s: &str) {
    for c in s.chars() {
        m.update(Action::FilterChar(c), 1000);
    }
}

fn r(m: &Model) -> &Reader {
    m.reader.as_ref().unwrap()
}

#[test]
fn slash_in_the_article_searches_it_and_n_steps_through_matches() {
    let mut m = three();
    press(&mut m, &[Action::FocusNext, Action::StartFilter]);
    assert_eq!(m.mode(), Mode::Filter);
    assert!(r(&m).search_editing && !r(&m).filter_editing);
    typed(&mut m, "parser");
    // Headline, summary (three times), the table's viewpoint; the list is not filtered.
    assert_eq!(r(&m).match_status().as_deref(), Some("match 1/5"));
    assert_eq!(r(&m).shown.len(), 3);
    press(&mut m, &[Action::FilterAccept]);
    assert_eq!(m.mode(), Mode::Reader);
    press(&mut m, &[Action::NextUnread, Action::NextUnread]);
    assert_eq!(r(&m).match_status().as_deref(), Some("match 3/5"));
    press(
        &mut m,
        &[Action::PrevUnread, Action::PrevUnread, Action::PrevUnread],
    );
    assert_eq!(r(&m).match_status().as_deref(), Some("match 5/5"));
    // The last match is in the commentator table: its pane takes the focus.
    assert_eq!(r(&m).focus, Pane::Commentators);
    // Esc ends the search; n goes back to the next unread article.
    press(&mut m, &[Action::Back]);
    assert!(r(&m).find.is_none());
    press(&mut m, &[Action::NextUnread]);
    assert_eq!(r(&m).selected(), Some(1));
}

#[test]
fn smart_case_accents_and_no_match() {
    let mut m = three();
    press(&mut m, &[Action::FocusNext, Action::StartFilter]);
    typed(&mut m, "Parser");
    assert_eq!(r(&m).match_status().as_deref(), Some("match 1/1"));
    press(&mut m, &[Action::PromptClear]);
    typed(&mut m, "bjorn");
    assert_eq!(r(&m).match_status().as_deref(), Some("match 1/1"));
    press(&mut m, &[Action::PromptClear]);
    typed(&mut m, "zebra");
    press(&mut m, &[Action::FilterAccept]);
    assert_eq!(m.notice.as_deref(), Some("no match for \"zebra\""));
    assert!(r(&m).find.is_none());
    // Up recalls the queries typed this session.
    press(&mut m, &[Action::StartFilter, Action::PromptOlder]);
    assert_eq!(r(&m).search_prompt.text, "zebra");
}

#[test]
fn a_match_off_screen_scrolls_into_view() {
    let long: Vec<String> = (0..80).map(|i| format!("line {i} text")).collect();
    let json = serde_json::json!({"articles": [
        {"headline": "H", "context": long, "summary": "top"},
    ]})
    .to_string();
    let mut m = model(&json);
    press(&mut m, &[Action::FocusNext, Action::StartFilter]);
    typed(&mut m, "line 70 ");
    let o = r(&m).opened.as_ref().unwrap();
    let seg = r(&m).find.as_ref().unwrap().matches[0].segs[0];
    assert!(
        o.scroll > 0 && seg.line >= o.scroll,
        "{} {}",
        o.scroll,
        seg.line
    );
}

#[test]
fn undo_and_redo_read_changes() {
    let mut m = three();
    // Opening marks read; a toggle; mark-all as one step.
    press(&mut m, &[Action::Open]);
    press(&mut m, &[Action::Back, Action::Down, Action::ToggleRead]);
    press(&mut m, &[Action::MarkAllRead, Action::Confirm]);
    assert_eq!(r(&m).unread, 0);
    assert_eq!(press(&mut m, &[Action::Undo]), vec![Effect::SaveState]);
    assert_eq!(m.notice.as_deref(), Some("undid: marked 1 article read"));
    assert_eq!(r(&m).unread, 1);
    press(&mut m, &[Action::Undo]);
    assert_eq!(m.notice.as_deref(), Some("undid: marked 1 article read"));
    assert_eq!(r(&m).unread, 2);
    press(&mut m, &[Action::Undo]);
    assert_eq!(r(&m).unread, 3);
    press(&mut m, &[Action::Undo]);
    assert_eq!(m.notice.as_deref(), Some("Nothing to undo"));
    press(&mut m, &[Action::Redo, Action::Redo, Action::Redo]);
    assert_eq!(r(&m).unread, 0);
    assert_eq!(m.notice.as_deref(), Some("redid: marked 1 article read"));
}

#[test]
fn undo_of_mark_all_counts_what_it_marked() {
    let mut m = three();
    press(
        &mut m,
        &[Action::MarkAllRead, Action::Confirm, Action::Undo],
    );
    assert_eq!(m.notice.as_deref(), Some("undid: marked 3 articles read"));
    assert_eq!(r(&m).unread, 3);
}

#[test]
fn link_list_opens_copies_and_marks_read() {
    let mut m = three();
    press(&mut m, &[Action::LinkList]);
    assert_eq!(m.mode(), Mode::Links);
    assert!(
        matches!(&m.overlay, Some(Overlay::Links { links, .. }) if links == &["https://a.org/1", "https://b.org/2"])
    );
    assert_eq!(
        press(&mut m, &[Action::PickLink(2)]),
        vec![Effect::OpenUrl("https://b.org/2".into()), Effect::SaveState]
    );
    assert!(m.overlay.is_none());
    assert_eq!(r(&m).unread, 2, "opening a link marks the article read");
    press(&mut m, &[Action::LinkList, Action::Down]);
    assert_eq!(
        press(&mut m, &[Action::CopyLink]),
        vec![Effect::Copy("https://b.org/2".into())]
    );
    // `y` outside the list copies the article's own link; the setting can turn it off.
    assert_eq!(
        press(&mut m, &[Action::CopyLink]),
        vec![Effect::Copy("https://a.org/1".into())]
    );
    assert_eq!(m.notice.as_deref(), Some("Copied https://a.org/1"));
    m.settings.clipboard = false;
    assert_eq!(press(&mut m, &[Action::CopyLink]), vec![]);
    // Opening without marking read, when the setting says so.
    m.settings.mark_read_on_open_link = false;
    press(&mut m, &[Action::Undo]);
    assert_eq!(
        press(&mut m, &[Action::OpenUrl]),
        vec![Effect::OpenUrl("https://a.org/1".into())]
    );
}

#[test]
fn clicks_select_and_focus_wheel_scrolls_the_pane_under_the_pointer() {
    let mut m = three();
    let panes = r(&m).panes(WIDE);
    let list = crate::layout::inner(panes.list.unwrap());
    // Third row of the list.
    press(&mut m, &[Action::Click(list.x + 2, list.y + 2)]);
    assert_eq!((r(&m).cursor, r(&m).focus), (2, Pane::List));
    let art = panes.article.unwrap();
    press(&mut m, &[Action::Click(art.x + 3, art.y + 3)]);
    assert_eq!(r(&m).focus, Pane::Article);
    // The wheel over the list moves its cursor without taking the focus.
    press(&mut m, &[Action::Wheel(list.x + 1, list.y, -3)]);
    assert_eq!((r(&m).cursor, r(&m).focus), (1, Pane::Article));
    // A double click opens the article (and marks it read).
    assert_eq!(
        press(&mut m, &[Action::DoubleClick(list.x + 2, list.y)]),
        vec![Effect::SaveState]
    );
    assert_eq!(r(&m).selected(), Some(0));
    // M toggles the mouse.
    assert_eq!(
        press(&mut m, &[Action::ToggleMouse]),
        vec![Effect::SetMouse(false)]
    );
    assert!(m.notice.as_deref().unwrap().contains("Mouse off"));
}

#[test]
fn clicking_the_commentator_table_selects_its_row() {
    let mut m = model(
        r#"{"articles":[{"headline":"H","commentators":[
        {"name":"Ann","viewpoint":"one"},{"name":"Bob","viewpoint":"two"}]}]}"#,
    );
    let table = crate::layout::inner(r(&m).panes(WIDE).commentators.unwrap());
    // Below the header line: the second row.
    press(&mut m, &[Action::Click(table.x + 4, table.y + 2)]);
    let o = r(&m).opened.as_ref().unwrap();
    assert_eq!((o.row, r(&m).focus), (1, Pane::Commentators));
}

#[test]
fn clicking_a_stacked_card_selects_that_card() {
    // Bug (found by hand at 80x24): stacked cards have no header line, but a click was read as
    // if they had one, so clicking a card's name selected the card above it (or nothing).
    let mut m = model(
        r#"{"articles":[{"headline":"H","commentators":[
        {"name":"Ann","viewpoint":"one"},{"name":"Bob","viewpoint":"two"}]}]}"#,
    );
    m.resize(Rect::new(0, 0, 80, 24));
    let o = r(&m).opened.as_ref().unwrap();
    assert!(o.table.stacked);
    let bob = u16::try_from(o.table.row_start(1)).unwrap();
    let table = crate::layout::inner(r(&m).panes(m.area).commentators.unwrap());
    press(&mut m, &[Action::Click(table.x + 4, table.y + bob)]);
    assert_eq!(r(&m).opened.as_ref().unwrap().row, 1, "Bob's name line");
    press(&mut m, &[Action::Click(table.x + 4, table.y)]);
    assert_eq!(r(&m).opened.as_ref().unwrap().row, 0, "Ann's name line");
}

#[test]
fn the_link_list_goes_to_its_last_and_first_link() {
    // Bug (found by hand): with 16 links, G closed the list (any other key does) and the last
    // link took 15 presses of j.
    let mut m = three();
    press(&mut m, &[Action::LinkList, Action::Bottom]);
    assert!(matches!(
        &m.overlay,
        Some(Overlay::Links { selected: 1, .. })
    ));
    press(&mut m, &[Action::Top]);
    assert!(matches!(
        &m.overlay,
        Some(Overlay::Links { selected: 0, .. })
    ));
    let keymap = crate::keymap::Keymap::default();
    let keys = crate::keys::parse("Gg").unwrap();
    assert_eq!(
        keymap.action_for(Mode::Links, &keys[0]),
        Some(Action::Bottom)
    );
    assert_eq!(keymap.action_for(Mode::Links, &keys[1]), Some(Action::Top));
}
