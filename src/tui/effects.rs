//! The effects only the terminal loop can carry out: quitting and stopping, work handed to
//! other threads (search indexes, the river, fetching), a browser, the clipboard, the mouse.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender};

use super::signals::suspend;
use super::{Exit, INPUT_POLL, Msg, take_terminal_back};
use crate::app::{App, Then};
use crate::model::search::SearchIndex;
use crate::model::{Effect, Source};
use crate::terminal::{self, Tui};

/// Carries out the effects only the terminal loop can; returns how to exit, if one says so.
pub(super) fn carry_out(
    effects: Vec<Effect>,
    app: &mut App,
    term: &mut Tui,
    rx: &Receiver<Msg>,
    tx: &Sender<Msg>,
    paused: &AtomicBool,
) -> std::io::Result<Option<Exit>> {
    for effect in effects {
        match effect {
            Effect::Quit => return Ok(Some(Exit::Quit)),
            Effect::Suspend => {
                if let Some(sig) = suspend(term, app, rx)? {
                    return Ok(Some(Exit::Signal(sig)));
                }
            }
            Effect::BuildSearchIndex => spawn_search_index(app, tx.clone()),
            Effect::LoadWordIndex => {
                // Reading and updating the index touches every digest's file metadata and the
                // cache: never on the input path.
                let job = app.word_index_job();
                let tx = tx.clone();
                std::thread::spawn(move || tx.send(Msg::WordIndex(job())));
            }
            Effect::CutSnippets(job) => {
                let tx = tx.clone();
                let cut = move || crate::store::search_index::cut_snippets(&job);
                std::thread::spawn(move || tx.send(Msg::Snippets(cut())));
            }
            Effect::Open(source) => spawn_open(app, source, Then::Arrive, tx),
            Effect::OpenAt(path, id) => spawn_open(app, Source::File(path), Then::At(id), tx),
            Effect::OpenArticle(source, id) => spawn_open(app, source, Then::Article(id), tx),
            Effect::OpenRiver(request) => spawn_river(app, request, tx.clone()),
            Effect::GatherStarred(request) => {
                // Lists the library and reads every digest with stars: never on the input path.
                let (job, tx) = (app.starred_job(), tx.clone());
                std::thread::spawn(move || tx.send(Msg::Starred(request, Box::new(job()))));
            }
            Effect::Fetch => spawn_fetch(app, tx.clone()),
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
            // The reason and what to do are the point: a warning wraps, a notice is cut.
            app.model.warn_on_screen(e);
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
    match result {
        Ok(()) => app
            .model
            .notify(format!("Opened {url} with {}", plan.program)),
        Err(e) => app.model.warn_on_screen(e),
    }
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

/// Loads a digest to open on a thread of its own (a big one takes a while to read); it shows
/// when it arrives, unless the user has gone elsewhere meanwhile (see `app::Opened`).
fn spawn_open(app: &mut App, source: Source, then: Then, tx: &Sender<Msg>) {
    if let Some(job) = app.open_job(source, then) {
        let tx = tx.clone();
        std::thread::spawn(move || tx.send(Msg::Opened(Box::new(job()))));
    }
}

/// Gathers the "All unread" river on other threads: loading every digest with unread articles
/// takes a while in a big library, and the screen keeps answering keys meanwhile.
fn spawn_river(app: &App, request: u64, tx: Sender<Msg>) {
    // A snapshot of the marks, not a copy: handing it over costs the same at 500,000 marks.
    let (paths, read) = (app.river_paths(), app.model.read.marks());
    std::thread::spawn(move || {
        let river = crate::model::river::assemble(&crate::app::load_all(&paths), &read);
        tx.send(Msg::River(request, Box::new(river)))
    });
}

/// Reads the open digest again on a thread of its own, when its file changed.
pub(super) fn spawn_reload(app: &mut App, tx: &Sender<Msg>) {
    if let Some(job) = app.take_reload_job() {
        let tx = tx.clone();
        std::thread::spawn(move || tx.send(Msg::Reloaded(Box::new(job()))));
    }
}

/// Lists the paths given on the command line again on a thread of its own, when the app asked.
pub(super) fn spawn_relist(app: &mut App, tx: &Sender<Msg>) {
    if let Some(job) = app.take_relist_job() {
        let tx = tx.clone();
        std::thread::spawn(move || tx.send(Msg::Relisted(Box::new(job()))));
    }
}

/// Hands the file work the app asked for (a delete, a restore, an export) to the file queue,
/// which does it in the order asked; each result arrives as a message.
pub(super) fn queue_files(app: &mut App, files: &mut super::Queue) {
    for job in app.take_file_jobs() {
        files.push(Box::new(move || Msg::Filed(Box::new(job()))));
    }
}

/// Starts the library listing the app asked for, if any, on a thread of its own: its batches
/// arrive as messages, so the screen shows rows as they are found and never waits on the disk.
pub(super) fn spawn_listing(app: &mut App, tx: &Sender<Msg>) {
    if let Some(job) = app.take_listing_job() {
        let tx = tx.clone();
        std::thread::spawn(move || {
            job.run(&mut |batch| {
                let _ = tx.send(Msg::Listed(batch));
            })
        });
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
