//! The interactive loop: draw, wait for a key, a resize or a signal, update, repeat.
//!
//! Input, signals and the background saver's reports arrive on one channel from small threads,
//! so the loop blocks (~0% CPU when idle: the input thread wakes four times a second to see
//! whether it must pause for a terminal browser) and still notices SIGTERM at once.
//! Everything queued is taken at once and handled in [`plan`]'s order: a terminating signal
//! before anything else, and one layout for a burst of resizes.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};
use signal_hook::consts::signal::SIGTSTP;

use crate::app::App;
use crate::net::fetch::Progress;
use crate::store::saver::Report;
use crate::store::watch;
use crate::terminal::{self, Tui};
use crate::theme::Theme;
use crate::ui;

mod effects;
mod queue;
mod signals;

use effects::carry_out;
use queue::Queue;
use signals::{suspend, terminates};

/// How long read-state changes wait before they are written, so holding `j` with `n` is cheap.
const SAVE_DELAY: Duration = Duration::from_millis(300);

/// How long file changes are gathered before the library is listed again: a burst (a fetch
/// writing twenty feeds, `cp *.json`) lists once, well within the second the user waits.
const CHANGE_DELAY: Duration = Duration::from_millis(150);

/// How long quitting waits for another newsdeck's lock before saying marks were lost.
const QUIT_WAIT: Duration = Duration::from_secs(2);

enum Msg {
    Input(Event),
    SearchIndex(u64, crate::model::search::SearchIndex),
    WordIndex(crate::model::lsearch::WordIndex),
    /// Snippets cut for the search overlay's rows.
    Snippets(crate::model::finder::Snippets),
    Saved(Report),
    River(u64, Box<crate::model::river::River>),
    /// The open digest's file, read again on a thread of its own after it changed.
    Reloaded(Box<crate::app::Reloaded>),
    /// A digest asked to open, loaded on a thread of its own.
    Opened(Box<crate::app::Opened>),
    /// The Starred screen's rows for a request, gathered on a thread of their own.
    Starred(u64, Box<crate::app::StarredFound>),
    /// The paths given on the command line, listed again on a thread of its own.
    Relisted(Box<crate::app::Relisted>),
    /// A move to or from the trash, or an export, done on the file queue's thread.
    Filed(Box<crate::app::Filed>),
    InputFailed(String),
    Signal(i32),
    /// Digest files finished changing in a watched folder.
    FilesChanged(Vec<PathBuf>),
    /// Something to tell the user in the status line (the watch could not be set up).
    Notice(String),
    /// A background fetch moved on.
    Fetch(Progress),
    /// A batch of the library's background listing.
    Listed(crate::store::listing_job::Batch),
    /// Search on with the filter that is still searching (sent by the loop to itself).
    FilterStep,
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

/// How the reader ended, and what could not be saved (a message for stderr).
pub struct Ended {
    /// How the loop ended.
    pub exit: Exit,
    /// Read marks that could not be saved: how many, and why.
    pub unsaved: Option<String>,
    /// The session's warnings (a state file set aside, a failed save), once each, to say again
    /// on stderr now that the screen is gone.
    pub warnings: Vec<String>,
}

/// Runs newsdeck in the terminal until the user quits or a signal arrives. Saves state on every
/// way out, and restores the terminal on every way out (panics included, via `terminal::enter`).
///
/// The first frame comes first: what it does not need (the threads for signals, saving, the
/// folder watch and input, and the library folder) starts right after it is on the screen.
/// Signals are caught from before the terminal changes mode, so one that arrives in between
/// still ends newsdeck the usual way; keys typed meanwhile wait in the terminal.
pub fn run(mut app: App, theme: Theme) -> std::io::Result<Ended> {
    app.sync_search = false;
    let (tx, rx) = mpsc::channel();
    // Caught before the terminal changes mode, so no signal finds it half set up.
    let (signals, signals_handle) = signals::catch()?;
    let mut term = terminal::enter()?;
    app.model.mouse = app.model.settings.mouse;
    if app.model.mouse {
        // Without mouse reporting newsdeck still works; the user just cannot click.
        let _ = terminal::set_mouse(true);
    }
    let paused = Arc::new(AtomicBool::new(false));
    let mut files = Queue::new(tx.clone());
    let result = first_frame(&mut app, &theme, &mut term).and_then(|()| {
        // The start-up benchmark measures the time to the first frame.
        if terminal::bench_frame() == Some("first") {
            return Ok(Exit::Quit);
        }
        signals::forward(signals, tx.clone());
        let _watch = start_background(&mut app, &tx, &paused);
        event_loop(&mut app, &theme, &mut term, (&rx, &tx, &paused), &mut files)
    });
    // The shell comes back first; the save that follows cannot leave the terminal in raw mode.
    terminal::leave();
    // A delete or an export asked for just before quitting is still made.
    files.finish(QUIT_WAIT);
    let unsaved = app.finish(QUIT_WAIT);
    // The screen is gone: every warning that mattered is said again where the user will see it.
    let warnings = app.exit_warnings().to_vec();
    signals_handle.close();
    // The process is about to end: freeing a big digest entry by entry would only delay the exit.
    std::mem::forget(app);
    result.map(|exit| Ended {
        exit,
        unsaved,
        warnings,
    })
}

/// The start-up budget's baseline (`NEWSDECK_BENCH_FRAME=empty`): the reader's own terminal
/// set-up as [`run`] does it with the default settings (signals caught, raw mode, alternate
/// screen, mouse reporting, size, clear), one empty frame, and the terminal back, with none of
/// newsdeck's own start-up.
pub fn empty_frame() -> std::io::Result<()> {
    let (_signals, signals_handle) = signals::catch()?;
    let mut term = terminal::enter()?;
    if crate::settings::Settings::default().mouse {
        let _ = terminal::set_mouse(true);
    }
    let drawn = term.size().and_then(|size| {
        terminal::fit(&mut term, size.width, size.height)?;
        term.draw(|_| {}).map(|_| ())
    });
    terminal::leave();
    signals_handle.close();
    drawn
}

/// Sizes the model to the terminal and draws the first frame.
fn first_frame(app: &mut App, theme: &Theme, term: &mut Tui) -> std::io::Result<()> {
    let size = term.size()?;
    let area = terminal::fit(term, size.width, size.height)?;
    app.model.resize(area);
    draw(app, theme, term)
}

fn draw(app: &App, theme: &Theme, term: &mut Tui) -> std::io::Result<()> {
    let view = ui::View {
        theme,
        keymap: &app.keymap,
    };
    term.draw(|f| ui::render(&app.model, &view, f))?;
    Ok(())
}

/// What runs alongside the reader once its first frame is up: the saver, the library folder
/// and its watch, and the input thread. Returns the watch's sender, which keeps the watch while
/// it lives.
fn start_background(app: &mut App, tx: &Sender<Msg>, paused: &Arc<AtomicBool>) -> Sender<()> {
    let saver_tx = tx.clone();
    app.save_in_background(move |report| {
        let _ = saver_tx.send(Msg::Saved(report));
    });
    app.ensure_library_dir();
    let watch = spawn_watch(app.watched_dirs(), tx.clone());
    spawn_input(tx.clone(), Arc::clone(paused));
    watch
}

/// Watches `dirs` from a thread of its own, which keeps the watch until the returned sender is
/// dropped. Setting a watch up waits for notify's own thread to start and answer, so it runs
/// on its own thread, once the first frame is up.
fn spawn_watch(dirs: Vec<PathBuf>, tx: Sender<Msg>) -> Sender<()> {
    let (stop, stopped) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        let changes = tx.clone();
        match watch::watch(&dirs, move |files| {
            let _ = changes.send(Msg::FilesChanged(files));
        }) {
            Ok(watching) => {
                // The library was listed before the watch began: list it once more now, so a
                // file that arrived in between (just after the first frame, say) still shows.
                let _ = tx.send(Msg::FilesChanged(Vec::new()));
                // Returns when the loop ends and drops `stop`; the watch ends with it.
                let _ = stopped.recv();
                drop(watching);
            }
            Err(e) => {
                let _ = tx.send(Msg::Notice(e));
            }
        }
    });
    stop
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

/// The order a batch of queued messages is handled in: a terminating signal alone (whatever is
/// queued behind it no longer matters, and a closed terminal must not wait behind a storm of
/// resizes), else everything in arrival order with only the last of the resizes, so a burst
/// of them is laid out once.
fn plan(batch: Vec<Msg>) -> Vec<Msg> {
    if let Some(i) = batch
        .iter()
        .position(|m| matches!(m, Msg::Signal(s) if terminates(*s)))
    {
        return batch.into_iter().skip(i).take(1).collect();
    }
    let resize = |m: &Msg| matches!(m, Msg::Input(Event::Resize(..)));
    let last = batch.iter().rposition(resize);
    batch
        .into_iter()
        .enumerate()
        .filter(|(i, m)| !resize(m) || Some(*i) == last)
        .map(|(_, m)| m)
        .collect()
}

/// Files changed in watched folders, listed together once the burst is over.
#[derive(Default)]
struct Changes {
    files: Vec<PathBuf>,
    /// When to list them; `None` while nothing is waiting.
    at: Option<Instant>,
}

/// The loop after the first frame: the jobs the app asked for (a listing, a reload, file work)
/// start, and each batch of messages is handled, then drawn.
fn event_loop(
    app: &mut App,
    theme: &Theme,
    term: &mut Tui,
    (rx, tx, paused): (&Receiver<Msg>, &Sender<Msg>, &AtomicBool),
    files: &mut Queue,
) -> std::io::Result<Exit> {
    let mut save_at: Option<Instant> = None;
    let mut changes = Changes::default();
    // The first frame is on the screen already.
    let mut drawn = true;
    loop {
        effects::spawn_listing(app, tx);
        effects::spawn_reload(app, tx);
        effects::spawn_relist(app, tx);
        effects::queue_files(app, files);
        if !std::mem::take(&mut drawn) {
            draw(app, theme, term)?;
        }
        if app.model.filter_pending() {
            // The filter searches on one step at a time, each after a frame is drawn and behind
            // whatever input is queued, so keys never wait for a whole pass.
            let _ = tx.send(Msg::FilterStep);
        }
        // Block until something happens; wake only for a pending save or file listing.
        let first = match [save_at, changes.at].into_iter().flatten().min() {
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(at) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
        };
        let mut batch = match first {
            Ok(msg) => vec![msg],
            Err(RecvTimeoutError::Timeout) => {
                let now = Instant::now();
                if changes.at.is_some_and(|at| at <= now) {
                    changes.at = None;
                    app.files_changed(&std::mem::take(&mut changes.files));
                }
                if save_at.is_some_and(|at| at <= now) {
                    // Hands the changes to the saver thread; never waits.
                    app.save();
                    save_at = None;
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(Exit::Failed("input closed".into())),
        };
        // Take everything already queued before drawing again: a burst of resizes draws once.
        batch.extend(rx.try_iter());
        for msg in plan(batch) {
            if let Some(exit) = handle(msg, app, term, (rx, tx, paused), &mut changes)? {
                return Ok(exit);
            }
        }
        if app.dirty && save_at.is_none() {
            save_at = Some(Instant::now() + SAVE_DELAY);
        }
    }
}

/// Handles one message; `Some` when newsdeck should end.
fn handle(
    msg: Msg,
    app: &mut App,
    term: &mut Tui,
    (rx, tx, paused): (&Receiver<Msg>, &Sender<Msg>, &AtomicBool),
    changes: &mut Changes,
) -> std::io::Result<Option<Exit>> {
    match msg {
        Msg::Input(Event::Key(key)) if key.kind == KeyEventKind::Press => {
            let effects = app.key(&key, crate::store::state::now_ms());
            return carry_out(effects, app, term, rx, tx, paused);
        }
        Msg::Input(Event::Mouse(ev)) => {
            let effects = app.mouse(&ev, crate::store::state::now_ms());
            return carry_out(effects, app, term, rx, tx, paused);
        }
        Msg::Input(Event::Resize(w, h)) => {
            let area = terminal::fit(term, w, h)?;
            app.model.resize(area);
        }
        Msg::Input(_) => {}
        Msg::SearchIndex(token, index) => app.model.set_search_index(token, Arc::new(index)),
        Msg::WordIndex(index) => {
            app.model.set_word_index(Arc::new(index));
            let effects = app.model.snippet_effects();
            return carry_out(effects, app, term, rx, tx, paused);
        }
        Msg::Snippets(snippets) => app.model.set_snippets(snippets),
        Msg::Saved(report) => app.saved(report),
        Msg::River(request, river) => app.model.show_river(*river, request),
        Msg::Starred(request, found) => app.starred_found(*found, request),
        Msg::Reloaded(reloaded) => app.reloaded(*reloaded),
        Msg::Filed(filed) => app.filed(*filed),
        Msg::Relisted(relisted) => app.relisted(*relisted),
        Msg::Opened(opened) => {
            let effects = app.opened(*opened, crate::store::state::now_ms());
            return carry_out(effects, app, term, rx, tx, paused);
        }
        Msg::FilesChanged(files) => {
            changes.files.extend(files);
            changes
                .at
                .get_or_insert_with(|| Instant::now() + CHANGE_DELAY);
        }
        Msg::Fetch(progress) => app.fetch_progress(progress),
        Msg::Notice(text) => app.model.notify(text),
        Msg::Listed(batch) => app.listed(batch),
        Msg::FilterStep => app.model.continue_filter(),
        Msg::InputFailed(e) => return Ok(Some(Exit::Failed(e))),
        Msg::Signal(SIGTSTP) => {
            if let Some(sig) = suspend(term, app, rx)? {
                return Ok(Some(Exit::Signal(sig)));
            }
        }
        Msg::Signal(sig) => return Ok(Some(Exit::Signal(sig))),
    }
    Ok(None)
}

/// Takes the terminal back after something else had it, and redraws in full.
fn take_terminal_back(term: &mut Tui, app: &mut App) -> std::io::Result<()> {
    terminal::resume()?;
    if app.model.mouse {
        let _ = terminal::set_mouse(true);
    }
    // `fit` clears the screen and forgets what was drawn, so the next draw is complete.
    // (`Terminal::clear` would ask the terminal for the cursor position, and the input thread
    // holds crossterm's event reader, so that query would time out.)
    let size = term.size()?;
    let area = terminal::fit(term, size.width, size.height)?;
    app.model.resize(area);
    Ok(())
}

#[cfg(test)]
mod tests;
