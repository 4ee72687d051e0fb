//! Rendering never panics and keeps its promises at any size, for hostile digests.
//!
//! Each digest is opened headless at many sizes (0x0, 1x1, 20x3, 500x300 and in between), drawn
//! with `newsdeck::snapshot::render`, then driven with every bound key and a burst of resizes,
//! checking after each step that:
//! - the text of the screen has `height` lines, none wider than `width` columns;
//! - in the reader, with no overlay, the article list shows the `▶` marker on the selected row;
//! - the focused pane has the thick border (`┏`) and every other pane the plain one (`┌`).
//!
//! Stress digests are written to a temp folder; nothing reads or writes the user's files.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use newsdeck::app::{App, Stores, Target};
use newsdeck::keymap::Keymap;

use newsdeck::layout;
use newsdeck::model::pane::Pane;
use newsdeck::model::{Mode, Screen, Source};
use newsdeck::snapshot::{render, to_text};
use newsdeck::theme::Theme;
use newsdeck::wrap;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use serde_json::{Value, json};

const NOW: u64 = 1_700_000_000_000;

fn commentator(name: &str, role: Option<&str>, viewpoint: &str) -> Value {
    match role {
        Some(r) => json!({"name": name, "role": r, "viewpoint": viewpoint}),
        None => json!({"name": name, "viewpoint": viewpoint}),
    }
}

/// The hostile digests, by name.
fn stress_digests() -> Vec<(&'static str, Value)> {
    let long: String = "x".repeat(10_000);
    let long_cjk: String = "漢".repeat(3_000);
    let cjk_emoji = "🦀漢字🎉テスト😀한국어👩‍👩‍👧";
    vec![
        (
            "long-word",
            json!({
                "title": long,
                "articles": [{
                    "id": "long",
                    "headline": long,
                    "summary": long,
                    "source": long,
                    "url": format!("https://example.invalid/{long}"),
                    "tags": [long.clone()],
                    "context": [long.clone()],
                    "sections": [{"heading": long, "bullets": [long.clone()]}],
                    "commentators": [commentator(&long, Some(&long), &long)]
                }, {
                    "id": "long-cjk",
                    "headline": long_cjk,
                    "summary": long_cjk,
                    "commentators": [commentator(&long_cjk, Some(&long_cjk), &long_cjk)]
                }]
            }),
        ),
        (
            "cjk-emoji",
            json!({
                "title": cjk_emoji.repeat(5),
                "articles": (0..40).map(|i| json!({
                    "id": format!("c{i}"),
                    "headline": format!("{i} {}", cjk_emoji.repeat(i % 7 + 1)),
                    "summary": cjk_emoji.repeat(30),
                    "tags": [cjk_emoji, "漢"],
                    "context": [cjk_emoji.repeat(12)],
                    "sections": [{"heading": cjk_emoji, "bullets": [cjk_emoji.repeat(9), "🦀 🦀 🦀"]}],
                    "commentators": [
                        commentator(cjk_emoji, Some("评论员🎉"), &cjk_emoji.repeat(8)),
                        commentator("🦀", None, "漢"),
                    ]
                })).collect::<Vec<_>>()
            }),
        ),
        (
            "empty-strings",
            json!({
                "title": "",
                "articles": [{
                    "id": "e",
                    "headline": "x",
                    "summary": "",
                    "source": "",
                    "tags": ["", ""],
                    "context": ["", ""],
                    "sections": [{"heading": "", "bullets": ["", ""]}, {"heading": ""}],
                    "commentators": [commentator("", Some(""), ""), commentator("", None, "")]
                }, {
                    "headline": "no id, nothing else"
                }]
            }),
        ),
        ("no-articles", json!({"title": "Empty", "articles": []})),
        (
            "200-commentators",
            json!({
                "title": "Crowd",
                "articles": [{
                    "id": "crowd",
                    "headline": "One article, two hundred commentators",
                    "summary": "Everyone has a view.",
                    "commentators": (0..200).map(|i| commentator(
                        &format!("Person {i}"),
                        (i % 3 != 0).then_some("Role"),
                        &"word ".repeat(i % 40 + 1),
                    )).collect::<Vec<_>>()
                }]
            }),
        ),
        (
            "many-articles",
            json!({
                "title": "Many",
                "articles": (0..200).map(|i| json!({
                    "id": format!("m{i}"),
                    "headline": format!("Article number {i}"),
                    "summary": "Short.",
                })).collect::<Vec<_>>()
            }),
        ),
    ]
}

/// Writes the stress digests to `dir` and returns their paths, with the sample and CJK fixture.
fn digests(dir: &Path) -> Vec<PathBuf> {
    let mut paths = vec![
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/sample.json"),
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cjk.json"),
    ];
    for (name, value) in stress_digests() {
        let p = dir.join(format!("{name}.json"));
        std::fs::write(&p, serde_json::to_vec(&value).unwrap()).unwrap();
        paths.push(p);
    }
    paths
}

/// Every key any binding uses, plus keys the filter and confirm modes read.
fn all_keys() -> Vec<KeyEvent> {
    let keymap = Keymap::default();
    let mut keys: Vec<KeyEvent> = keymap
        .bindings(Mode::Reader)
        .chain(keymap.bindings(Mode::Library))
        .flat_map(|b| b.keys.iter().map(|k| KeyEvent::new(k.code, k.mods)))
        .collect();
    keys.extend([
        KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Char('漢'), KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE),
        KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT),
    ]);
    keys.dedup();
    keys
}

/// A key sequence that visits every mode: every key in the list, again in the article pane, in
/// the filter (after `/`), and on the library screen (reached with Esc from the reader). `?` opens
/// the help, and the key after it closes it.
fn key_script() -> Vec<KeyEvent> {
    let keys = all_keys();
    let parse = |s: &str| newsdeck::keys::parse(s).unwrap();
    let mut script = keys.clone();
    script.extend(parse("<Tab>"));
    script.extend(keys.iter().copied());
    script.extend(parse("/漢x<BS>"));
    script.extend(keys.iter().copied());
    script.extend(parse("<Esc><Esc><Esc>"));
    script.extend(keys.iter().copied());
    script
}

/// A short script through the main states: panes, scrolling, help, filter, unread-only, library.
const SHORT_SCRIPT: &str = "<Tab>G<Tab>j<S-Tab>?x/a<BS>漢<Enter>u<Esc>G<Enter>n<Esc><Esc>j";

/// Every size in this grid is tried with every digest and the short script.
const WIDTHS: &[u16] = &[0, 1, 2, 19, 20, 21, 59, 60, 79, 80, 81, 200];
const HEIGHTS: &[u16] = &[0, 1, 3, 4, 5, 6, 24, 60];
/// These get every key.
const KEY_SIZES: &[(u16, u16)] = &[
    (0, 0),
    (1, 1),
    (20, 3),
    (20, 5),
    (60, 20),
    (80, 24),
    (120, 40),
];
/// Drawing 500x300 costs ~60 ms in a debug build, so big sizes are drawn every few steps only.
const HUGE: (u16, u16) = (500, 300);
/// Sizes at the ends of `u16` and past where `u16` layout sums used to overflow (`width * 35`
/// from 1873 columns, `height * 2` from 32768 rows), each a hundred thousand cells or less.
const EXTREME: &[(u16, u16)] = &[(2000, 50), (65535, 1), (1, 65535)];
/// Millions of cells, or the longest side `u16` allows. One draw here costs up to two seconds in a
/// debug build, so every digest takes every key at these sizes (layout runs on each), and only
/// the sample is drawn, before and after the keys.
const GIANT: &[(u16, u16)] = &[(80, 40000), (2000, 2000), (65535, 5), (20, 65535)];

fn is_big(area: Rect) -> bool {
    u32::from(area.width) * u32::from(area.height) > 20_000
}

/// Checks the screen's promises; `what` says where we are, for the failure message.
fn check(app: &App, buf: &Buffer, what: &str) {
    let area = app.model.area;
    let text = to_text(buf);
    assert_eq!(text.lines().count(), area.height as usize, "{what}: rows");
    for (y, line) in text.lines().enumerate() {
        assert!(
            wrap::width(line) <= area.width as usize,
            "{what}: line {y} is {} columns wide in {}: {line:?}",
            wrap::width(line),
            area.width
        );
    }
    if layout::too_small(area) || app.model.overlay.is_some() || app.model.screen != Screen::Reader
    {
        return;
    }
    let Some(r) = &app.model.reader else { return };
    let panes = r.panes(area);
    let corner = |rect: Rect| buf[(rect.x, rect.y)].symbol().to_string();
    for (pane, rect) in [
        (Pane::List, panes.list),
        (Pane::Article, panes.article),
        (Pane::Commentators, panes.commentators),
    ] {
        let Some(rect) = rect else { continue };
        if rect.width < 2 || rect.height < 2 {
            continue;
        }
        let want = if pane == r.focus { "┏" } else { "┌" };
        assert_eq!(corner(rect), want, "{what}: corner of {pane:?}\n{text}");
    }
    if let Some(list) = panes.list {
        let inner = layout::inner(list);
        if !r.shown.is_empty() && inner.width > 0 && inner.height > 0 {
            let has_marker = (inner.top()..inner.bottom())
                .any(|y| (inner.left()..inner.right()).any(|x| buf[(x, y)].symbol() == "▶"));
            assert!(has_marker, "{what}: no ▶ in the list\n{text}");
        }
    }
}

fn start(path: &Path, area: Rect) -> App {
    App::start(
        Target::Paths(vec![path.to_path_buf()]),
        Stores::none(),
        area,
    )
    .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn draw_and_check(app: &App, what: &str) {
    let buf = render(app, &Theme::new(true));
    check(app, &buf, what);
}

#[test]
fn every_size_never_panics_and_keeps_invariants() {
    let dir = tempfile::tempdir().unwrap();
    let script = newsdeck::keys::parse(SHORT_SCRIPT).unwrap();
    let sizes = WIDTHS
        .iter()
        .flat_map(|&w| HEIGHTS.iter().map(move |&h| (w, h)))
        .chain([HUGE, (500, 1), (1, 300), (20, 300), (500, 5)])
        .chain(EXTREME.iter().copied());
    let sizes: Vec<(u16, u16)> = sizes.collect();
    for path in digests(dir.path()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // Parsing a digest is the slow part of a debug build; parse once, then start each size
        // from a copy of the freshly opened model, laid out for that size.
        let mut app = start(&path, Rect::new(0, 0, 80, 24));
        let fresh = app.model.clone();
        for &(w, h) in &sizes {
            let area = Rect::new(0, 0, w, h);
            app.model = fresh.clone();
            app.model.resize(area);
            draw_and_check(&app, &format!("{name} {w}x{h} start"));
            for (i, key) in script.iter().enumerate() {
                app.key(key, NOW);
                // A big screen costs a debug build much more to draw: its start and end say enough.
                if !is_big(area) || i + 1 == script.len() {
                    draw_and_check(&app, &format!("{name} {w}x{h} after key {i} {key:?}"));
                }
            }
        }
    }
}

#[test]
fn every_key_at_key_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let script = key_script();
    for path in digests(dir.path()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // HUGE is drawn by every_size_never_panics_and_keeps_invariants; here every key counts.
        for &(w, h) in KEY_SIZES {
            let area = Rect::new(0, 0, w, h);
            let mut app = start(&path, area);
            draw_and_check(&app, &format!("{name} {w}x{h} start"));
            for (i, key) in script.iter().enumerate() {
                app.key(key, NOW);
                if !is_big(area) || i % 25 == 0 {
                    draw_and_check(&app, &format!("{name} {w}x{h} after key {i} {key:?}"));
                }
            }
            draw_and_check(&app, &format!("{name} {w}x{h} end"));
        }
    }
}

#[test]
fn giant_sizes_take_every_key_without_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let script = key_script();
    for path in digests(dir.path()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut app = start(&path, Rect::new(0, 0, 80, 24));
        let fresh = app.model.clone();
        let sample = name == "sample.json";
        for &(w, h) in GIANT {
            app.model = fresh.clone();
            app.model.resize(Rect::new(0, 0, w, h));
            if sample {
                draw_and_check(&app, &format!("{name} {w}x{h} start"));
            }
            for key in &script {
                app.key(key, NOW);
            }
            if sample {
                draw_and_check(&app, &format!("{name} {w}x{h} end"));
            }
        }
    }
}

#[test]
fn resize_bursts_between_keys() {
    let dir = tempfile::tempdir().unwrap();
    let sizes: Vec<(u16, u16)> = vec![
        (500, 300),
        (0, 0),
        (1, 1),
        (20, 3),
        (80, 24),
        (19, 5),
        (20, 5),
        (79, 40),
        (81, 6),
        (0, 300),
        (500, 0),
        (60, 20),
        (65535, 1),
        (2000, 2000),
        (1, 65535),
        (80, 40000),
        (120, 40),
    ];
    let keys = newsdeck::keys::parse("<Tab>G<Tab>Gj<S-Tab>kG<Enter><Tab><Tab>jjj<C-d>").unwrap();
    for path in digests(dir.path()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut app = start(&path, Rect::new(0, 0, 120, 40));
        for (step, key) in keys.iter().enumerate() {
            // A burst, as when a window is dragged: many resizes, one draw at the end...
            for &(w, h) in &sizes {
                app.model.resize(Rect::new(0, 0, w, h));
            }
            draw_and_check(&app, &format!("{name} after burst {step}"));
            // ...and resizes with a draw and a key at each size.
            for &(w, h) in sizes.iter().rev() {
                let area = Rect::new(0, 0, w, h);
                app.model.resize(area);
                app.key(key, NOW);
                if !is_big(area) {
                    draw_and_check(&app, &format!("{name} at {w}x{h} after key {step}"));
                }
            }
        }
    }
}

#[test]
fn stress_digests_open_in_the_reader() {
    // The checks above only bite if the digests really open in the reader; make sure they do.
    let dir = tempfile::tempdir().unwrap();
    for path in digests(dir.path()) {
        let app = start(&path, Rect::new(0, 0, 80, 24));
        assert_eq!(app.model.screen, Screen::Reader, "{}", path.display());
        let r = app.model.reader.as_ref().unwrap();
        assert_eq!(r.source, Source::File(path.clone()));
        let text = to_text(&render(&app, &Theme::new(false)));
        if r.digest.entries.is_empty() {
            assert!(text.contains("This digest has no"), "{text}");
        } else {
            assert!(text.contains('▶'), "{text}");
            assert!(text.contains('┏'), "{text}");
        }
    }
}
