//! The interactive loop: draw, wait for a key, a resize or a signal, update, repeat.
//!
//! Input and signals arrive on one channel from two small threads, so the loop blocks (~0% CPU
//! when idle: the input thread wakes four times a second to see whether it must pause for a
//! terminal browser) and still notices SIGTERM at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::layout::Rect;
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::app::App;
use crate::model::Effect;
use crate::model::search::SearchIndex;
use crate::terminal::{self, Tui};
use crate::theme::Theme;
use crate::ui;

/// How long read-state changes wait before they are written, so holding `j` with `n` is cheap.
const SAVE_DELAY: Duration = Duration::from_millis(300);

enum Msg {
    Input(Event),
    SearchIndex(u64, crate::model::search::SearchIndex),
    InputFailed(String),
    Signal(i32),
}

/// How the loop ended.
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal ended newsdeck; exit with 128 + the signal number.
    Signal(i32),
    /// Reading the terminal failed.
    Failed(String),
}

/// Runs newsdeck in the terminal until the user quits or a signal arrives. Saves state on every
/// way out, and restores the terminal on every way out (panics included, via `terminal::enter`).
pub fn run(mut app: App, theme: Theme) -> std::io::Result<Exit> {
    app.sync_search = false;
    let (tx, rx) = mpsc::channel();
    // Registered before the terminal changes mode, so no signal finds it half set up.
    let signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP])?;
    let signals_handle = signals.handle();
    spawn_signals(signals, tx.clone());
    let mut term = terminal::enter()?;
    app.model.mouse = app.model.settings.mouse;
    if app.model.mouse {
        // Without mouse reporting newsdeck still works; the user just cannot click.
        let _ = terminal::set_mouse(true);
    }
    let paused = Arc::new(AtomicBool::new(false));
    spawn_input(tx.clone(), Arc::clone(&paused));
    let result = event_loop(&mut app, &theme, &mut term, &rx, &tx, &paused);
    // The shell comes back first; the save that follows cannot leave the terminal in raw mode.
    terminal::leave();
    if let Some(problem) = app.save() {
        // The screen is gone, so say it where the user will see it.
        eprintln!("newsdeck: {problem}");
    }
    signals_handle.close();
    // The process is about to end: freeing a big digest entry by entry would only delay the exit.
    std::mem::forget(app);
    result
}

fn spawn_signals(mut signals: Signals, tx: Sender<Msg>) {
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if tx.send(Msg::Signal(sig)).is_err() {
                break;
            }
        }
    });
}

/// How long the input thread waits for input before looking whether it should pause.
const INPUT_POLL: Duration = Duration::from_millis(250);

fn spawn_input(tx: Sender<Msg>, paused: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        loop {
            // While another program has the terminal (a terminal browser), its keys are its own:
            // this thread stops reading until newsdeck takes the terminal back.
            if paused.load(Ordering::Acquire) {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            match event::poll(INPUT_POLL) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(e) => {
                    let _ = tx.send(Msg::InputFailed(e.to_string()));
                    break;
                }
            }
            let msg = match event::read() {
                Ok(ev) => Msg::Input(ev),
                Err(e) => Msg::InputFailed(e.to_string()),
            };
            let failed = matches!(msg, Msg::InputFailed(_));
            if tx.send(msg).is_err() || failed {
                break;
            }
        }
    });
}

fn event_loop(
    app: &mut App,
    theme: &Theme,
    term: &mut Tui,
    rx: &Receiver<Msg>,
    tx: &Sender<Msg>,
    paused: &AtomicBool,
) -> std::io::Result<Exit> {
    let size = term.size()?;
    app.model.resize(Rect::new(0, 0, size.width, size.height));
    let mut save_at: Option<Instant> = None;
    loop {
        let view = ui::View {
            theme,
            keymap: &app.keymap,
        };
        term.draw(|f| ui::render(&app.model, &view, f))?;
        // Block until something happens; wake only for a pending save.
        let first = match save_at {
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(at) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
        };
        let mut batch = match first {
            Ok(msg) => vec![msg],
            Err(RecvTimeoutError::Timeout) => {
                // A problem lands in the status bar; there is nothing else to do with it here.
                let _ = app.save();
                save_at = None;
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(Exit::Failed("input closed".into())),
        };
        // Take everything already queued before drawing again: a burst of resizes draws once.
        batch.extend(rx.try_iter());
        let mut batch = batch.into_iter().peekable();
        while let Some(msg) = batch.next() {
            let resize = |m: &Msg| matches!(m, Msg::Input(Event::Resize(..)));
            // Of consecutive resizes only the last matters: lay out once for it.
            if resize(&msg) && batch.peek().is_some_and(resize) {
                continue;
            }
            match msg {
                Msg::Input(Event::Key(key)) if key.kind == KeyEventKind::Press => {
                    let effects = app.key(&key, crate::store::state::now_ms());
                    if let Some(exit) = carry_out(effects, app, term, tx, paused)? {
                        return Ok(exit);
                    }
                }
                Msg::Input(Event::Mouse(ev)) => {
                    let effects = app.mouse(&ev, crate::store::state::now_ms());
                    if let Some(exit) = carry_out(effects, app, term, tx, paused)? {
                        return Ok(exit);
                    }
                }
                Msg::Input(Event::Resize(w, h)) => app.model.resize(Rect::new(0, 0, w, h)),
                Msg::Input(_) => {}
                Msg::SearchIndex(token, index) => {
                    app.model.set_search_index(token, Arc::new(index))
                }
                Msg::InputFailed(e) => return Ok(Exit::Failed(e)),
                Msg::Signal(SIGTSTP) => suspend(term, app)?,
                Msg::Signal(sig) => return Ok(Exit::Signal(sig)),
            }
        }
        if app.dirty && save_at.is_none() {
            save_at = Some(Instant::now() + SAVE_DELAY);
        }
    }
}

/// Carries out the effects only the terminal loop can; returns how to exit, if one says so.
fn carry_out(
    effects: Vec<Effect>,
    app: &mut App,
    term: &mut Tui,
    tx: &Sender<Msg>,
    paused: &AtomicBool,
) -> std::io::Result<Option<Exit>> {
    for effect in effects {
        match effect {
            Effect::Quit => return Ok(Some(Exit::Quit)),
            Effect::Suspend => suspend(term, app)?,
            Effect::BuildSearchIndex => spawn_search_index(app, tx.clone()),
            Effect::OpenUrl(url) => open_url(&url, term, app, paused)?,
            Effect::Copy(text) => {
                if let Err(e) = terminal::copy(&text) {
                    app.model.notify(format!("Could not copy: {e}"));
                }
            }
            Effect::SetMouse(on) => {
                if let Err(e) = terminal::set_mouse(on) {
                    app.model.notify(format!("Could not switch the mouse: {e}"));
                }
            }
            _ => {}
        }
    }
    Ok(None)
}

/// Opens a link: a graphical browser in the background, a terminal browser in the foreground
/// with the terminal handed over (and taken back, redrawn, when it exits).
fn open_url(url: &str, term: &mut Tui, app: &mut App, paused: &AtomicBool) -> std::io::Result<()> {
    let s = &app.model.settings;
    let browser = crate::opener::browser_env();
    let plan = match crate::opener::plan(
        url,
        s.opener.as_deref(),
        browser.as_deref(),
        s.open_in_terminal,
    ) {
        Ok(p) => p,
        Err(e) => {
            app.model.notify(e);
            return Ok(());
        }
    };
    let result = if plan.in_terminal {
        paused.store(true, Ordering::Release);
        // The input thread may be inside one last wait for input; let it finish that first.
        std::thread::sleep(INPUT_POLL);
        terminal::leave();
        let r = crate::opener::run_in_terminal(&plan);
        take_terminal_back(term, app)?;
        paused.store(false, Ordering::Release);
        r
    } else {
        crate::opener::spawn(&plan)
    };
    app.model.notify(match result {
        Ok(()) => format!("Opened {url} with {}", plan.program),
        Err(e) => e,
    });
    Ok(())
}

/// Takes the terminal back after something else had it, and redraws in full.
fn take_terminal_back(term: &mut Tui, app: &mut App) -> std::io::Result<()> {
    terminal::resume()?;
    if app.model.mouse {
        let _ = terminal::set_mouse(true);
    }
    // `resize` clears the screen and forgets what was drawn, so the next draw is complete.
    // (`Terminal::clear` would ask the terminal for the cursor position, and the input thread
    // holds crossterm's event reader, so that query would time out.)
    let size = term.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    term.resize(area)?;
    app.model.resize(area);
    Ok(())
}

/// Builds the open digest's search text on other threads; the result arrives as a message, so
/// typing a filter never waits for a big digest to be decoded.
fn spawn_search_index(app: &App, tx: Sender<Msg>) {
    if let Some(r) = &app.model.reader {
        let (token, digest) = (r.token, Arc::clone(&r.digest));
        std::thread::spawn(move || tx.send(Msg::SearchIndex(token, SearchIndex::build(&digest))));
    }
}

/// Hands the terminal back to the shell and stops; on `fg`, takes it again and redraws in full,
/// at whatever size the terminal has now.
fn suspend(term: &mut Tui, app: &mut App) -> std::io::Result<()> {
    terminal::leave();
    // The default SIGTSTP action stops the process; this returns after SIGCONT.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    take_terminal_back(term, app)
}
