//! Terminal set-up and teardown, in one place, so every exit path restores the same way.

use std::io::{self, Stdout, Write, stdout};
use std::sync::Once;

use crossterm::cursor::{Hide, Show};
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
    let _ = execute!(out, LeaveAlternateScreen, Show);
    let _ = out.flush();
    let _ = disable_raw_mode();
}
