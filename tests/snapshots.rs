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
    let mut app = App::start(
        Target::Paths(vec![path]),
        Stores::none(),
        Rect::new(0, 0, width, height),
    )
    .expect("fixture opens");
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
    // At 80x16 one column (22 rows + borders) does not fit, so the help uses two.
    let text = screen(sample(), 80, 16, "?");
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
fn help_overlay_says_when_keys_do_not_fit() {
    // Too small for either layout: the overlay must say keys are missing, not drop them silently.
    let text = screen(sample(), 60, 12, "?");
    assert!(text.contains("… more: enlarge the terminal"), "{text}");
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
