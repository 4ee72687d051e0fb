//! Signals and job control: the signals that end newsdeck, and Ctrl-Z (stop, then take the
//! terminal back on `fg`, or wait for the SIGTERM of `kill %1` when continued in the background).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::{Handle, Signals};

use super::{Msg, take_terminal_back};
use crate::app::App;
use crate::terminal::{self, Tui};

/// How long Ctrl-Z waits for pending marks to be written before the process stops.
const SUSPEND_WAIT: Duration = Duration::from_secs(1);

/// How long a newsdeck continued in the background waits for the signal that usually comes with
/// the SIGCONT (`kill %1` sends SIGTERM, then SIGCONT) before it stops again.
const BACKGROUND_WAIT: Duration = Duration::from_secs(1);

/// The last terminating signal, set in the signal handler itself: a stopped process takes a
/// SIGTERM the moment it is continued, before the signal thread could pass it on as a message.
static TERMINATED_BY: AtomicUsize = AtomicUsize::new(0);

/// The signals that end newsdeck.
const TERMINATING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// Catches the signals newsdeck answers from now on: each is recorded as it arrives and passed
/// on once [`forward`] runs, so one that comes before that (during the first frame) still ends
/// newsdeck the usual way, restoring the terminal. Done before the terminal changes mode, so no
/// signal finds it half set up; close the handle to stop.
pub(super) fn catch() -> std::io::Result<(Signals, Handle)> {
    let signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
    for sig in TERMINATING {
        signal_hook::flag::register_usize(sig, &TERMINATED_BY, sig as usize)?;
    }
    let handle = signals.handle();
    Ok((signals, handle))
}

/// Passes the signals [`catch`] caught, those already arrived first, on as messages on `tx`,
/// from a thread of its own.
pub(super) fn forward(mut signals: Signals, tx: Sender<Msg>) {
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if tx.send(Msg::Signal(sig)).is_err() {
                break;
            }
        }
    });
}

/// Whether `sig` ends newsdeck (every signal it listens to but Ctrl-Z's).
pub(super) fn terminates(sig: i32) -> bool {
    TERMINATING.contains(&sig)
}

/// Saves pending marks, hands the terminal back to the shell and stops; on `fg`, takes it again
/// and redraws in full, at whatever size the terminal has now. Returns the signal that ended
/// newsdeck while it was stopped, if one did.
pub(super) fn suspend(
    term: &mut Tui,
    app: &mut App,
    rx: &Receiver<Msg>,
) -> std::io::Result<Option<i32>> {
    // No thread runs while stopped, and a stopped newsdeck may be killed: save first.
    app.flush(SUSPEND_WAIT);
    terminal::leave();
    loop {
        // The default SIGTSTP action stops the process; this returns after SIGCONT.
        signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
        if terminal::in_foreground() {
            break;
        }
        // Continued but not in the foreground: `kill %1` (SIGTERM, then SIGCONT, because a
        // stopped process only takes signals once continued) or `bg`. Touching the terminal
        // now would stop newsdeck again (SIGTTOU), so wait for the signal, else stop again.
        if let Some(sig) = wait_for_signal(app, rx) {
            return Ok(Some(sig));
        }
    }
    take_terminal_back(term, app)?;
    Ok(None)
}

/// Waits up to [`BACKGROUND_WAIT`] for a terminating signal, taking in saver reports meanwhile
/// and dropping input (the terminal belongs to the shell now).
fn wait_for_signal(app: &mut App, rx: &Receiver<Msg>) -> Option<i32> {
    let until = Instant::now() + BACKGROUND_WAIT;
    while Instant::now() < until {
        // The handler's flag is set on delivery; the message may lag behind on a busy machine.
        match TERMINATED_BY.load(Ordering::SeqCst) {
            0 => {}
            sig => return i32::try_from(sig).ok(),
        }
        match rx.recv_timeout(Duration::from_millis(10)) {
            Ok(Msg::Signal(sig)) if terminates(sig) => return Some(sig),
            Ok(Msg::Saved(report)) => app.saved(report),
            // A fetch's end must not be lost, or `R` would think it still runs.
            Ok(Msg::Fetch(progress)) => app.fetch_progress(progress),
            Ok(Msg::FilesChanged(files)) => app.files_changed(&files),
            // Else the listing would never end and its status would stay.
            Ok(Msg::Listed(batch)) => app.listed(batch),
            Ok(_) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use signal_hook::consts::signal::SIGHUP;

    use super::{Msg, catch, forward};

    #[test]
    fn a_signal_that_comes_before_forwarding_starts_is_still_passed_on() {
        // As during the first frame: caught, but no thread passes signals on yet.
        let (signals, handle) = catch().unwrap();
        signal_hook::low_level::raise(SIGHUP).unwrap();
        let (tx, rx) = mpsc::channel();
        forward(signals, tx);
        // A deadline, not a measure: the message comes as soon as the thread runs.
        let got = rx.recv_timeout(Duration::from_secs(30));
        assert!(matches!(got, Ok(Msg::Signal(SIGHUP))), "no SIGHUP message");
        handle.close();
    }
}
