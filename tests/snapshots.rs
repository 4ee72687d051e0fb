//! Screen snapshots of the reader, taken headless: `App` driven by key events, drawn into a
//! buffer, turned into text. Every accepted `.snap` was read by eye (borders intact, markers
//! present, CJK columns aligned); see tests/snapshots/.
//!
//! Nothing here touches the user's files: digests are opened by path (the bundled sample's source
//! file and fixtures in tests/fixtures/), never through the library folder, and no state is saved.

use std::path::PathBuf;

use newsdeck::app::{App, Stores, Target};

use newsdeck::snapshot::{render, to_text};
use newsdeck::theme::Theme;
use ratatui::layout::Rect;

fn manifest_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The bundled sample, opened from the file it is compiled from (same content, no library).
fn sample() -> PathBuf {
    manifest_path("assets/sample.json")
}

fn cjk() -> PathBuf {
    manifest_path("tests/fixtures/cjk.json")
}

/// Opens `path` at `width` x `height`, replays `keys` (vim notation), returns the screen as text.
fn screen(path: PathBuf, width: u16, height: u16, keys: &str) -> String {
    screen_with(path, Stores::none(), width, height, keys)
}

/// `screen`, with `stores` behind the app (for start-up warnings).
fn screen_with(path: PathBuf, stores: Stores, width: u16, height: u16, keys: &str) -> String {
    let mut app = App::start(
        Target::Paths(vec![path]),
        stores,
        Rect::new(0, 0, width, height),
    )
    .expect("fixture opens");
    // Dates in a fixed zone: the screen must not depend on where tests run.
    app.model.set_time_zone(jiff::tz::TimeZone::UTC);
    // A fixed clock: read marks carry a time, and the screen must not depend on when tests run.
    for key in newsdeck::keys::parse(keys).expect("valid key notation") {
        app.key(&key, 1_700_000_000_000);
    }
    let text = to_text(&render(&app, &Theme::new(false)));
    // Guard against a silently empty or mis-sized render being accepted as a snapshot.
    assert_eq!(text.lines().count(), height as usize, "one line per row");
    text
}

#[test]
fn sample_120x40() {
    insta::assert_snapshot!(screen(sample(), 120, 40, ""));
}

#[test]
fn sample_80x24() {
    insta::assert_snapshot!(screen(sample(), 80, 24, ""));
}

#[test]
fn sample_60x20_list() {
    insta::assert_snapshot!(screen(sample(), 60, 20, ""));
}

#[test]
fn sample_60x20_opened_article() {
    // Narrow screens show one pane: Enter opens the article full-width and marks it read.
    insta::assert_snapshot!(screen(sample(), 60, 20, "<Enter>"));
}

#[test]
fn sample_80x24_commentators_scrolled_within_row() {
    // The first commentator's row (7 lines) is taller than the 6-line table body, so `j` scrolls
    // inside the row before moving on: the `▶` line and the name's first line scroll out of view.
    insta::assert_snapshot!(screen(sample(), 80, 24, "<Tab><Tab>j"));
}

#[test]
fn help_overlay_80x24() {
    insta::assert_snapshot!(screen(sample(), 80, 24, "?"));
}

#[test]
fn help_overlay_120x40() {
    insta::assert_snapshot!(screen(sample(), 120, 40, "?"));
}

#[test]
fn help_overlay_closes_on_any_key() {
    // Not a snapshot: the screen after `?` then `x` must be the plain reader again.
    assert_eq!(screen(sample(), 80, 24, "?x"), screen(sample(), 80, 24, ""));
}

#[test]
fn help_overlay_lists_every_binding_on_a_short_screen() {
    // At 80x20 one column (31 rows + borders) does not fit, so the help uses two.
    let text = screen(sample(), 80, 20, "?");
    for help in [
        "this help",
        "quit",
        "suspend to shell",
        "next / scroll down",
    ] {
        assert!(
            text.contains(help),
            "{help:?} missing from the help:\n{text}"
        );
    }
}

#[test]
fn help_overlay_scrolls_when_keys_do_not_fit() {
    // Too small for either layout: the overlay says which keys it shows and scrolls to the rest
    // (it used to be cut off with no way to see the rest).
    let n = newsdeck::keymap::Keymap::default()
        .bindings(newsdeck::model::Mode::Reader)
        .count();
    let text = screen(sample(), 60, 12, "?");
    assert!(text.contains(&format!("1-9/{n} · j/k scroll")), "{text}");
    assert!(!text.contains("suspend to shell"), "{text}");
    let text = screen(sample(), 60, 12, "?G");
    assert!(text.contains(&format!("{}-{n}/{n}", n - 8)), "{text}");
    assert!(text.contains("suspend to shell"), "{text}");
    let text = screen(sample(), 60, 12, "?Gk");
    assert!(text.contains(&format!("{}-{}/{n}", n - 9, n - 1)), "{text}");
}

#[test]
fn filter_typing_80x24() {
    insta::assert_snapshot!(screen(cjk(), 80, 24, "/ascii"));
}

#[test]
fn filter_kept_80x24() {
    insta::assert_snapshot!(screen(cjk(), 80, 24, "/ascii<Enter>"));
}

#[test]
fn filter_no_match_80x24() {
    insta::assert_snapshot!(screen(cjk(), 80, 24, "/zzz"));
}

/// As in the terminal, where the filter searches on between keys: with steps of a single byte
/// the pass is midway after the key (one article checked per step), and the list shows what it
/// found so far: the first article, whose headline has the word.
#[test]
fn filter_midway_says_it_is_still_filtering_80x24() {
    let mut app = App::start(
        Target::Paths(vec![cjk()]),
        Stores::none(),
        Rect::new(0, 0, 80, 24),
    )
    .expect("fixture opens");
    app.model.set_time_zone(jiff::tz::TimeZone::UTC);
    // No headless finishing: the pass stays midway, as the terminal loop would leave it.
    app.sync_search = false;
    app.model.reader.as_mut().expect("reader").filter_work = 1;
    for key in newsdeck::keys::parse("/示例").expect("valid key notation") {
        app.key(&key, 1_700_000_000_000);
    }
    assert!(app.model.filter_pending());
    let text = to_text(&render(&app, &Theme::new(false)));
    insta::assert_snapshot!(text);
}

#[test]
fn filter_cjk_term_80x24() {
    insta::assert_snapshot!(screen(cjk(), 80, 24, "/架空<Enter>"));
}

#[test]
fn cjk_120x40() {
    insta::assert_snapshot!(screen(cjk(), 120, 40, "<Tab><Tab>j"));
}

#[test]
fn cjk_80x24() {
    insta::assert_snapshot!(screen(cjk(), 80, 24, "<Tab><Tab>j"));
}

#[test]
fn cjk_60x20_commentators() {
    insta::assert_snapshot!(screen(cjk(), 60, 20, "<Tab><Tab>j"));
}

#[test]
fn cjk_60x20_list_second_article() {
    insta::assert_snapshot!(screen(cjk(), 60, 20, "j"));
}

/// The screen as text, then every run of cells above the status bar whose style carries `REVERSED` (with colour off,
/// that is how search matches are painted; the current one is also bold and underlined), so a
/// snapshot shows
/// where highlights fall and how they are styled.
fn highlights(path: PathBuf, width: u16, height: u16, keys: &str) -> String {
    use ratatui::style::Modifier;
    let mut app = App::start(
        Target::Paths(vec![path]),
        Stores::none(),
        Rect::new(0, 0, width, height),
    )
    .expect("fixture opens");
    for key in newsdeck::keys::parse(keys).expect("valid key notation") {
        app.key(&key, 1_700_000_000_000);
    }
    let buf = render(&app, &Theme::new(false));
    let mut out = to_text(&buf);
    out.push_str("\n--- highlighted runs (row, columns, text, modifiers) ---\n");
    // The status bar (the last row) is drawn reversed as a whole; only the panes are listed.
    for y in 0..height.saturating_sub(1) {
        let mut x = 0;
        while x < width {
            let style = buf[(x, y)].style();
            if !style.add_modifier.contains(Modifier::REVERSED) {
                x += 1;
                continue;
            }
            let start = x;
            let mut text = String::new();
            while x < width && buf[(x, y)].style() == style {
                text.push_str(buf[(x, y)].symbol());
                x += 1;
            }
            out.push_str(&format!(
                "row {y}, {start}..{x}: {text:?} {:?}\n",
                style.add_modifier
            ));
        }
    }
    out
}

#[test]
fn search_highlights_across_a_wrap_80x24() {
    // "DeepSeek Has" is split by the headline's wrap: both halves are painted, as the current
    // match (bold, underlined); the status bar counts the matches.
    let text = highlights(sample(), 80, 24, "<Tab>/deepseek<Space>has");
    assert!(text.contains("match 1/"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn search_next_match_moves_the_current_highlight_80x24() {
    insta::assert_snapshot!(highlights(sample(), 80, 24, "<Tab>/openai<Enter>n"));
}

fn layout_fixture() -> PathBuf {
    manifest_path("tests/fixtures/layout.json")
}

#[test]
fn sample_200x60() {
    // Wide: the article text keeps to the reading width (100 columns), centred in its pane;
    // the table takes its lines and the article the rest; the article's own headings.
    insta::assert_snapshot!(screen(sample(), 200, 60, ""));
}

#[test]
fn short_article_long_viewpoint_120x40() {
    // A headline-only article next to one long viewpoint: the article takes the rows it needs
    // and the table the rest; the name column fits "Hacker News thread"; a date-time for people.
    insta::assert_snapshot!(screen(layout_fixture(), 120, 40, ""));
}

#[test]
fn short_article_long_viewpoint_80x24() {
    // The table pane is narrow at 80 columns: stacked cards.
    insta::assert_snapshot!(screen(layout_fixture(), 80, 24, ""));
}

#[test]
fn fifteen_commentators_200x60() {
    insta::assert_snapshot!(screen(layout_fixture(), 200, 60, "j"));
}

#[test]
fn link_on_its_own_line_and_no_empty_bullet_120x40() {
    insta::assert_snapshot!(screen(layout_fixture(), 120, 40, "j<Tab>"));
}

#[test]
fn zoomed_table_120x40() {
    insta::assert_snapshot!(screen(sample(), 120, 40, "<Tab><Tab>z"));
}

#[test]
fn zoomed_article_200x60() {
    insta::assert_snapshot!(screen(sample(), 200, 60, "<Tab>z"));
}

#[test]
fn zoom_toggles_back() {
    assert_eq!(
        screen(sample(), 120, 40, "<Tab>zz"),
        screen(sample(), 120, 40, "<Tab>")
    );
}

#[test]
fn cards_60x20() {
    insta::assert_snapshot!(screen(sample(), 60, 20, "<Tab><Tab>"));
}

#[test]
fn cards_scrolled_into_keep_the_name_60x20() {
    // Scrolled into the first card: its name and role stay on the first line on screen.
    insta::assert_snapshot!(screen(layout_fixture(), 60, 20, "<Tab><Tab>jjjj"));
}

#[test]
fn table_row_scrolled_into_keeps_the_name_120x40() {
    insta::assert_snapshot!(screen(layout_fixture(), 120, 40, "<Tab><Tab>jjjjjj"));
}

#[test]
fn commentators_stop_at_the_end_80x24() {
    // Bug 1: at the end of the last row, more `j` jumped back to the row's top.
    let end = screen(sample(), 80, 24, "<Tab><Tab>G");
    let more = screen(sample(), 80, 24, "<Tab><Tab>Gjjjjjjjjjjjjjjjjjjjj");
    assert_eq!(more, end, "j at the end changes nothing");
    insta::assert_snapshot!(more);
    // And `k` at the very top does not jump into the first row.
    assert_eq!(
        screen(sample(), 80, 24, "<Tab><Tab>k"),
        screen(sample(), 80, 24, "<Tab><Tab>")
    );
}

#[test]
fn mark_all_with_a_filter_asks_about_what_is_shown_80x24() {
    // Bug 3: the prompt offered the whole digest while the filter showed a few articles.
    let text = screen(cjk(), 80, 24, "/ascii<Enter>A");
    assert!(
        text.contains("Mark the 2 unread articles shown read? (y/n)"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn nothing_unread_says_so_80x24() {
    // Bug 4: unread-only with nothing unread said "No articles match" though nothing was typed.
    let text = screen(sample(), 80, 24, "Ayu");
    assert!(text.contains("No unread articles"), "{text}");
    assert!(!text.contains("match"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn hints_keep_help_and_quit_at_every_width() {
    // Bug 5: at 80 columns the hint bar dropped `? help` and `q quit`.
    for (w, h) in [(60, 20), (80, 24), (120, 40), (200, 60), (40, 12)] {
        for keys in ["", "<Tab>", "<Tab><Tab>", "/x<Enter>", "m"] {
            let text = screen(sample(), w, h, keys);
            let bar = text.lines().last().unwrap();
            assert!(
                bar.contains("? help") && bar.contains("q quit"),
                "{w}x{h} {keys}: {bar}"
            );
        }
    }
}

#[test]
fn help_overlay_60x20() {
    // Bug 5: at 60x20 the help was cut off and could not scroll.
    insta::assert_snapshot!(screen(sample(), 60, 20, "?"));
}

#[test]
fn help_overlay_60x20_scrolled_to_the_end() {
    insta::assert_snapshot!(screen(sample(), 60, 20, "?G"));
}

#[test]
fn help_lines_that_do_not_fit_end_with_an_ellipsis() {
    let text = screen(sample(), 30, 20, "?");
    assert!(text.contains('…'), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn confirm_keeps_its_answer_keys_30x12() {
    // Bug 5: at 30 columns the question lost its `(y/n)`.
    let text = screen(sample(), 30, 12, "A");
    assert!(text.contains("(y/n)"), "{text}");
    insta::assert_snapshot!(text);
}

fn corrupt_state_warning() -> Stores {
    Stores {
        warnings: vec![
            "read state /home/user/.local/state/newsdeck/state.json is unreadable (line 1, column 21: EOF while parsing); moved it to /home/user/.local/state/newsdeck/state.json.corrupt-20260101T010101Z and started with nothing marked read".into(),
        ],
        ..Stores::none()
    }
}

#[test]
fn a_warning_wraps_and_stays_until_dismissed_80x24() {
    // Bug 6: the warning was cut before the file it moved aside, and the next key cleared it.
    let text = screen_with(sample(), corrupt_state_warning(), 80, 24, "j");
    assert!(text.contains("20260101T010101Z"), "{text}");
    insta::assert_snapshot!(text);
    let dismissed = screen_with(sample(), corrupt_state_warning(), 80, 24, "jx");
    assert_eq!(dismissed, screen(sample(), 80, 24, "j"));
}

#[test]
fn a_warning_wraps_60x20() {
    insta::assert_snapshot!(screen_with(sample(), corrupt_state_warning(), 60, 20, ""));
}

#[test]
fn library_esc_does_not_quit() {
    // Bug 2 on screen: Esc on the library says how to quit instead of quitting.
    let text = screen(sample(), 80, 24, "<Esc><Esc><Esc>");
    assert!(text.contains("q quits"), "{text}");
}

/// The library screen of the fixture folder, without its top border: the folder's title is its
/// absolute path, which differs between checkouts.
fn fixture_library(width: u16, height: u16, keys: &str) -> String {
    let text = screen(manifest_path("tests/fixtures/library"), width, height, keys);
    text.lines().skip(1).collect::<Vec<_>>().join("\n")
}

/// Bug (found by hand at 30x8): library rows wider than a narrow pane wrapped onto a second
/// line, so each digest took two lines, the title column vanished and the selected row was
/// pushed off the screen. Now the date, then the article count, give way; every row is one line.
#[test]
fn library_narrow_drops_columns_instead_of_wrapping_30x10() {
    insta::assert_snapshot!(fixture_library(30, 10, "G"));
}

#[test]
fn library_medium_drops_the_date_40x8() {
    insta::assert_snapshot!(fixture_library(40, 8, ""));
}

#[test]
fn library_filter_counts_its_matches_in_plural() {
    // Bug: the library's filter said "0 match" and "3 match".
    let text = fixture_library(80, 8, "/zzz");
    assert!(text.contains("0 matches"), "{text}");
    let text = fixture_library(80, 8, "/tech<Left><Left>");
    assert!(text.contains("/te▏ch  3 matches"), "{text}");
}

#[test]
fn a_query_longer_than_the_status_bar_keeps_its_cursor_in_view() {
    // Bug: the bar showed a long query's start and cut its end, the cursor with it, so what
    // was being typed could not be seen. Reader filter, article search and library filter.
    let typed = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (keys, path) in [
        (format!("/{typed}"), sample()),
        (format!("<Tab>/{typed}"), sample()),
        (format!("/{typed}"), manifest_path("tests/fixtures/library")),
    ] {
        for width in [20, 40] {
            let text = screen(path.clone(), width, 12, &keys);
            let bar = text.lines().last().unwrap_or_default();
            assert!(
                bar.starts_with("/…") && bar.contains("789▏"),
                "{keys}: {bar}"
            );
        }
    }
}

#[test]
fn a_notice_shows_on_a_narrow_status_bar() {
    // Bug: below about 36 columns the bar had no room for the position text, yet still kept
    // room for it, so a notice ("This article has no links") was cut to nothing.
    let path = manifest_path("tests/fixtures/library/2025-10-27.json");
    for width in [20, 24, 30] {
        let text = screen(path.clone(), width, 6, "L");
        let bar = text.lines().last().unwrap_or_default();
        assert!(bar.starts_with("Th"), "{width}: {bar}");
    }
}
