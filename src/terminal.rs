//! Terminal set-up and teardown, in one place, so every exit path restores the same way.

use std::io::{self, Stdout, Write, stdout};
use std::sync::Once;

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The terminal newsdeck draws on.
pub type Tui = Terminal<CrosstermBackend<Stdout>>;

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
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Puts the terminal back into newsdeck's mode (after `leave`, e.g. when resuming from Ctrl-Z).
pub fn resume() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, Hide)
}

/// Restores the terminal: leaves the alternate screen, shows the cursor, leaves raw mode.
/// Safe to call more than once and on any path; errors are ignored because there is nothing
/// better to do with them while exiting.
pub fn leave() {
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
