//! Untrusted text must never drive the terminal: a digest full of escape sequences is drawn
//! through the real crossterm backend into a byte buffer, and none of its sequences may appear.

use newsdeck::format;
use newsdeck::keymap::Keymap;
use newsdeck::keys;
use newsdeck::model::read_state::ReadState;
use newsdeck::model::{Library, Model, Source};
use newsdeck::theme::Theme;
use newsdeck::ui;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;

/// Escape sequences an attacker might plant, as JSON string escapes (they decode to real bytes).
const HOSTILE: &[(&str, &str)] = &[
    // A real link with sequences planted inside it, so a hyperlink target is checked too.
    ("link", "https://ok.example/p\\u001b[2J\\u0007q"),
    ("OSC 0 title", "\\u001b]0;pwned\\u0007"),
    ("OSC 52 clipboard", "\\u001b]52;c;cm0gLXJmIH4=\\u0007"),
    (
        "OSC 8 link",
        "\\u001b]8;;https://evil.example\\u001b\\\\click\\u001b]8;;\\u001b\\\\",
    ),
    ("clear screen", "\\u001b[2J"),
    ("device status report", "\\u001b[6n"),
    ("8-bit CSI", "\\u009b31m"),
    ("unterminated OSC", "\\u001b]2;never ends"),
    ("BEL", "\\u0007"),
    ("backspace", "x\\u0008y"),
    ("bidi override", "\\u202egnp.exe"),
];

/// The decoded bytes that must not reach the terminal.
const FORBIDDEN: &[&[u8]] = &[
    b"\x1b]",              // any OSC
    b"\x1b[2J",            // clear screen
    b"\x1b[6n",            // cursor position request
    "\u{9b}".as_bytes(),   // 8-bit CSI, UTF-8 encoded
    b"\x07",               // BEL
    b"\x08",               // backspace
    "\u{202e}".as_bytes(), // right-to-left override
];

fn hostile_digest() -> Vec<u8> {
    let s: Vec<String> = HOSTILE
        .iter()
        .map(|(name, seq)| format!("{name} {seq} end"))
        .collect();
    let text = s.join(" | ");
    format!(
        r#"{{"title":"t {text}","articles":[{{"headline":"h {text}","summary":"s {text}\n{text}",
        "source":"{text}","url":"https://x/{text}","tags":["{text}"],"context":["{text}"],
        "sections":[{{"heading":"{text}","bullets":["{text}"]}}],
        "commentators":[{{"name":"{text}","role":"{text}","viewpoint":"{text}"}}]}},
        {{"headline":"second {text}"}}]}}"#
    )
    .into_bytes()
}

fn draw_bytes(model: &Model, area: Rect) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let backend = CrosstermBackend::new(&mut out);
        let mut term = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(area),
            },
        )
        .unwrap();
        let view = ui::View {
            theme: &Theme::new(true),
            keymap: &Keymap::default(),
        };
        term.draw(|f| ui::render(model, &view, f)).unwrap();
    }
    out
}

/// `bytes` without newsdeck's own OSC 8 hyperlinks (the links it makes of http(s) URLs in the
/// text), after checking each target is printable ASCII: no byte of a link may end the sequence
/// early or start another one.
fn without_own_hyperlinks(bytes: &[u8]) -> Vec<u8> {
    let (open, st) = (b"\x1b]8;;", b"\x1b\\");
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(open) {
            let rest = &bytes[i + open.len()..];
            let end = find(rest, st).expect("every hyperlink is terminated");
            let url = &rest[..end];
            assert!(
                url.iter().all(|b| (0x21..0x7f).contains(b)),
                "hyperlink target with unsafe bytes: {:?}",
                String::from_utf8_lossy(url)
            );
            i += open.len() + end + st.len();
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn planted_escape_sequences_never_reach_the_terminal() {
    let digest = format::parse(&hostile_digest(), "hostile").unwrap();
    digest.validate().unwrap();
    let area = Rect::new(0, 0, 160, 50);
    let mut model = Model::new(Library::default(), ReadState::default(), area);
    model.show_digest(digest, Source::Bundled);
    let mut screens = vec![draw_bytes(&model, area)];
    // Walk every pane, the help overlay and the filter, drawing each state.
    for spec in [
        "<Tab>",
        "<Tab>",
        "j",
        "?",
        "<Esc>",
        "/title",
        "<Enter>",
        "<Esc><Esc>",
    ] {
        for key in keys::parse(spec).unwrap() {
            let action = Keymap::default().action_for(model.mode(), &key);
            if let Some(a) = action {
                model.update(a, 0);
            }
        }
        screens.push(draw_bytes(&model, area));
    }
    assert!(
        screens
            .iter()
            .any(|b| find(b, b"\x1b]8;;https://").is_some()),
        "links are drawn as hyperlinks, so their targets are checked too"
    );
    for bytes in &screens {
        let bytes = &without_own_hyperlinks(bytes);
        // The screen really shows the text around the sequences, so this test sees the content.
        assert!(find(bytes, b"OSC 52 clipboard").is_some() || find(bytes, b"clipboard").is_some());
        for bad in FORBIDDEN {
            assert_eq!(
                find(bytes, bad),
                None,
                "{:?} reached the terminal",
                String::from_utf8_lossy(bad)
            );
        }
    }
}

#[test]
fn the_test_would_catch_a_raw_sequence() {
    // Guard against a vacuous test: the same check on unsanitised output finds the bytes.
    let raw = b"before \x1b]52;c;AAAA\x07 after";
    assert!(FORBIDDEN.iter().any(|bad| find(raw, bad).is_some()));
}
