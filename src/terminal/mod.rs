//! Terminal set-up and teardown, in one place, so every exit path restores the same way.

use std::io::{self, BufWriter, Stdout, Write, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use crate::area;

mod backend;

/// The terminal newsdeck draws on, through [`backend::Fast`]. Its output is buffered whole
/// (ratatui flushes after every frame): stdout's own buffer is a line buffer of 1 KB, which cut
/// a full frame into dozens of writes.
pub type Tui = Terminal<backend::Fast<BufWriter<Stdout>>>;

/// Room for a full frame of a big terminal in one write.
const FRAME_BUFFER: usize = 1 << 16;

static PANIC_HOOK: Once = Once::new();

/// Enters raw mode and the alternate screen; a panic from here on restores the terminal first.
pub fn enter() -> io::Result<Tui> {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Restore before the message is printed, or it lands in the alternate screen.
            leave();
            previous(info);
        }));
    });
    resume()?;
    // A fixed viewport: ratatui then never sizes its buffers from the terminal on its own, so a
    // terminal claiming 20000x20000 cells gets the bounded area `fit` gives it, not 19 GB.
    let (w, h) = crossterm::terminal::size()?;
    let viewport = Viewport::Fixed(area::clamp(Rect::new(0, 0, w, h)));
    Terminal::with_options(
        backend::Fast::new(BufWriter::with_capacity(FRAME_BUFFER, stdout())),
        TerminalOptions { viewport },
    )
}

/// The area [`fit`] will give the first frame, read before the terminal is taken, so that what
/// opens is laid out once, at the size it is drawn at (80x24 where the terminal tells no size;
/// `fit` sets whatever size it then has).
pub fn first_area() -> Rect {
    let (w, h) = crossterm::terminal::size().unwrap_or((80, 24));
    area::clamp(Rect::new(0, 0, w, h))
}

/// Sizes the drawing area for a terminal of `w` x `h` (at most [`area::MAX_SIDE`] square),
/// clears the whole screen so what lies outside the area is blank, and returns the area.
pub fn fit(term: &mut Tui, w: u16, h: u16) -> io::Result<Rect> {
    let area = area::clamp(Rect::new(0, 0, w, h));
    execute!(stdout(), Clear(ClearType::All))?;
    // `resize` also forgets what was drawn, so the next draw is complete.
    term.resize(area)?;
    Ok(area)
}

/// Whether newsdeck has the terminal in its mode now, so [`leave`] restores it once only: after
/// Ctrl-Z and a kill in the background, touching the terminal again would stop the process.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back into newsdeck's mode (after `leave`, e.g. when resuming from Ctrl-Z).
pub fn resume() -> io::Result<()> {
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, Hide)
}

/// Restores the terminal: leaves the alternate screen, shows the cursor, leaves raw mode.
/// Safe to call more than once and on any path; errors are ignored because there is nothing
/// better to do with them while exiting.
pub fn leave() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, Show);
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// Turns mouse capture on or off (off lets the terminal select text again).
pub fn set_mouse(on: bool) -> io::Result<()> {
    if on {
        execute!(stdout(), EnableMouseCapture)
    } else {
        execute!(stdout(), DisableMouseCapture)
    }
}

/// Copies `text` to the clipboard with OSC 52, which the terminal (and tmux with
/// `set-clipboard on`, and ssh) carries to the system clipboard. The text is sent base64-encoded,
/// so nothing in it can be read as a control sequence.
pub fn copy(text: &str) -> io::Result<()> {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// Whether newsdeck's process group owns the terminal (is in the foreground). Unknown counts as
/// yes: without job control there is nobody else to hand the terminal to.
pub fn in_foreground() -> bool {
    #[cfg(unix)]
    {
        // SAFETY: both calls only read process and terminal state; no memory is passed.
        let (owner, ours) = unsafe { (libc::tcgetpgrp(libc::STDOUT_FILENO), libc::getpgrp()) };
        owner < 0 || owner == ours
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// The environment variable the start-up benchmark (`benches/startup.rs`) sets: `empty` makes
/// newsdeck draw one empty frame with the reader's own terminal set-up and exit (the budget's
/// baseline), `first` makes the reader quit as soon as its first frame is drawn. Unset, or any
/// other value, changes nothing.
pub const BENCH_FRAME_VAR: &str = "NEWSDECK_BENCH_FRAME";

/// What [`BENCH_FRAME_VAR`] asks for, if anything.
pub fn bench_frame() -> Option<&'static str> {
    match std::env::var(BENCH_FRAME_VAR).ok()?.as_str() {
        "empty" => Some("empty"),
        "first" => Some("first"),
        _ => None,
    }
}
