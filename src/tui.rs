//! The interactive loop: draw, wait for a key, a resize or a signal, update, repeat.
//!
//! Input and signals arrive on one channel from two small threads, so the loop blocks (no polling
//! timer, ~0% CPU when idle) and still notices SIGTERM at once.

use std::path::PathBuf;
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
use crate::net::fetch::Progress;
use crate::store::watch;
use crate::terminal::{self, Tui};
use crate::theme::Theme;
use crate::ui;

/// How long read-state changes wait before they are written, so holding `j` with `n` is cheap.
const SAVE_DELAY: Duration = Duration::from_millis(300);

/// How long file changes are gathered before the library is listed again: a burst (a fetch
/// writing twenty feeds, `cp *.json`) lists once, well within the second the user waits.
const CHANGE_DELAY: Duration = Duration::from_millis(150);

enum Msg {
    Input(Event),
    SearchIndex(u64, crate::model::search::SearchIndex),
    InputFailed(String),
    Signal(i32),
    /// Digest files finished changing in a watched folder.
    FilesChanged(Vec<PathBuf>),
    /// A background fetch moved on.
    Fetch(Progress),
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
    // Watching starts before the first frame, so nothing written after it goes unseen.
    app.ensure_library_dir();
    let watch_tx = tx.clone();
    let _watch = match watch::watch(&app.watched_dirs(), move |files| {
        let _ = watch_tx.send(Msg::FilesChanged(files));
    }) {
        Ok(w) => Some(w),
        Err(e) => {
            app.model.notify(e);
            None
        }
    };
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

/// Work the loop has put off: a debounced save and a debounced listing of changed files.
#[derive(Default)]
struct Pending {
    save_at: Option<Instant>,
    /// Files changed since the last listing.
    changed: Vec<PathBuf>,
    list_at: Option<Instant>,
}

impl Pending {
    /// When the loop must wake even if no message comes.
    fn wake(&self) -> Option<Instant> {
        [self.save_at, self.list_at].into_iter().flatten().min()
    }

    /// Does what is due at `now`.
    fn run_due(&mut self, app: &mut App, now: Instant) {
        if self.list_at.is_some_and(|at| at <= now) {
            self.list_at = None;
            app.files_changed(&std::mem::take(&mut self.changed));
        }
        if self.save_at.is_some_and(|at| at <= now) {
            // A problem lands in the status bar; there is nothing else to do with it here.
            let _ = app.save();
            self.save_at = None;
        }
    }
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
    let mut pending = Pending::default();
    loop {
        let view = ui::View {
            theme,
            keymap: &app.keymap,
        };
        term.draw(|f| ui::render(&app.model, &view, f))?;
        // Block until something happens; wake only for a pending save or file listing.
        let first = match pending.wake() {
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(at) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
        };
        let mut batch = match first {
            Ok(msg) => vec![msg],
            Err(RecvTimeoutError::Timeout) => {
                pending.run_due(app, Instant::now());
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
            if let Some(exit) = handle(msg, app, term, tx, &mut pending)? {
                return Ok(exit);
            }
        }
        if app.dirty && pending.save_at.is_none() {
            pending.save_at = Some(Instant::now() + SAVE_DELAY);
        }
    }
}

/// Carries out one message; `Some` when the loop must end.
fn handle(
    msg: Msg,
    app: &mut App,
    term: &mut Tui,
    tx: &Sender<Msg>,
    pending: &mut Pending,
) -> std::io::Result<Option<Exit>> {
    match msg {
        Msg::Input(Event::Key(key)) if key.kind == KeyEventKind::Press => {
            for effect in app.key(&key, crate::store::state::now_ms()) {
                match effect {
                    Effect::Quit => return Ok(Some(Exit::Quit)),
                    Effect::Suspend => suspend(term, app)?,
                    Effect::BuildSearchIndex => spawn_search_index(app, tx.clone()),
                    Effect::Fetch => spawn_fetch(app, tx.clone()),
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
        Msg::SearchIndex(token, index) => app.model.set_search_index(token, Arc::new(index)),
        Msg::FilesChanged(files) => {
            pending.changed.extend(files);
            pending
                .list_at
                .get_or_insert_with(|| Instant::now() + CHANGE_DELAY);
        }
        Msg::Fetch(progress) => app.fetch_progress(progress),
        Msg::InputFailed(e) => return Ok(Some(Exit::Failed(e))),
        Msg::Signal(SIGTSTP) => suspend(term, app)?,
        Msg::Signal(sig) => return Ok(Some(Exit::Signal(sig))),
    }
    Ok(None)
}

/// Builds the open digest's search text on other threads; the result arrives as a message, so
/// typing a filter never waits for a big digest to be decoded.
fn spawn_search_index(app: &App, tx: Sender<Msg>) {
    if let Some(r) = &app.model.reader {
        let (token, digest) = (r.token, Arc::clone(&r.digest));
        std::thread::spawn(move || tx.send(Msg::SearchIndex(token, SearchIndex::build(&digest))));
    }
}

/// Fetches the subscriptions on a thread of its own; progress arrives as messages, and the
/// files it writes show through the library's watch (and through each feed's message).
fn spawn_fetch(app: &mut App, tx: Sender<Msg>) {
    let Some(dir) = app.library_dir() else {
        app.model
            .fetch_finished("There is no library folder to fetch into".into());
        return;
    };
    std::thread::spawn(move || {
        crate::net::fetch::refresh(&dir, &|p| {
            let _ = tx.send(Msg::Fetch(p));
        });
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
