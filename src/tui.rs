//! The interactive loop: draw, wait for a key, a resize or a signal, update, repeat.
//!
//! Input and signals arrive on one channel from two small threads, so the loop blocks (no polling
//! timer, ~0% CPU when idle) and still notices SIGTERM at once.

use std::sync::Arc;
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
    River(u64, crate::model::river::River),
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
    spawn_input(tx.clone());
    let result = event_loop(&mut app, &theme, &mut term, &rx, &tx);
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

fn spawn_input(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
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
                    for effect in app.key(&key, crate::store::state::now_ms()) {
                        match effect {
                            Effect::Quit => return Ok(Exit::Quit),
                            Effect::Suspend => suspend(term, app)?,
                            Effect::BuildSearchIndex => spawn_search_index(app, tx.clone()),
                            Effect::OpenRiver(request) => spawn_river(app, request, tx.clone()),
                            Effect::OpenUrl(url) => {
                                if let Err(e) = crate::opener::open(&url) {
                                    app.model.notify(e);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                Msg::Input(Event::Resize(w, h)) => app.model.resize(Rect::new(0, 0, w, h)),
                Msg::Input(_) => {}
                Msg::SearchIndex(token, index) => {
                    app.model.set_search_index(token, Arc::new(index))
                }
                Msg::River(request, river) => app.model.show_river(river, request),
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

/// Builds the open digest's search text on other threads; the result arrives as a message, so
/// typing a filter never waits for a big digest to be decoded.
fn spawn_search_index(app: &App, tx: Sender<Msg>) {
    if let Some(r) = &app.model.reader {
        let (token, digest) = (r.token, Arc::clone(&r.digest));
        std::thread::spawn(move || tx.send(Msg::SearchIndex(token, SearchIndex::build(&digest))));
    }
}

/// Gathers the "All unread" river on other threads: loading every digest with unread articles
/// takes a while in a big library, and the screen keeps answering keys meanwhile.
fn spawn_river(app: &App, request: u64, tx: Sender<Msg>) {
    let (paths, read) = (app.river_paths(), app.model.read.clone());
    std::thread::spawn(move || {
        let river = crate::model::river::assemble(&crate::app::load_all(&paths), &read);
        tx.send(Msg::River(request, river))
    });
}

/// Hands the terminal back to the shell and stops; on `fg`, takes it again and redraws in full,
/// at whatever size the terminal has now.
fn suspend(term: &mut Tui, app: &mut App) -> std::io::Result<()> {
    terminal::leave();
    // The default SIGTSTP action stops the process; this returns after SIGCONT.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    terminal::resume()?;
    // `resize` clears the screen and forgets what was drawn, so the next draw is complete.
    // (`Terminal::clear` would ask the terminal for the cursor position, and the input thread
    // holds crossterm's event reader, so that query would time out.)
    let size = term.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    term.resize(area)?;
    app.model.resize(area);
    Ok(())
}
