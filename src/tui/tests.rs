//! The order a batch of queued messages is handled in.

use crossterm::event::Event;
use signal_hook::consts::signal::{SIGHUP, SIGTSTP};

use super::*;

fn kinds(batch: &[Msg]) -> Vec<String> {
    batch
        .iter()
        .map(|m| match m {
            Msg::Input(Event::Resize(w, h)) => format!("resize {w}x{h}"),
            Msg::Input(_) => "input".into(),
            Msg::Signal(s) => format!("signal {s}"),
            _ => "other".into(),
        })
        .collect()
}

fn key() -> Msg {
    Msg::Input(Event::Key(crossterm::event::KeyEvent::from(
        crossterm::event::KeyCode::Char('j'),
    )))
}

#[test]
fn a_terminating_signal_goes_before_everything_queued() {
    let mut batch: Vec<Msg> = (0..5000)
        .map(|i| Msg::Input(Event::Resize(100 + i % 7, 40)))
        .collect();
    batch.push(key());
    batch.push(Msg::Signal(SIGHUP));
    batch.push(key());
    assert_eq!(kinds(&plan(batch)), ["signal 1"]);
}

#[test]
fn a_burst_of_resizes_is_laid_out_once_and_keys_keep_their_order() {
    let batch = vec![
        Msg::Input(Event::Resize(10, 10)),
        key(),
        Msg::Input(Event::Resize(20, 20)),
        Msg::Signal(SIGTSTP),
        Msg::Input(Event::Resize(30, 30)),
        key(),
    ];
    assert_eq!(
        kinds(&plan(batch)),
        ["input", "signal 20", "resize 30x30", "input"]
    );
}

/// Jobs on the file queue finish in the order they were given, even when the first one takes
/// longer (here: it waits until the test lets it go, after the second is queued).
#[test]
fn the_file_queue_runs_its_jobs_in_order() {
    let (tx, rx) = mpsc::channel();
    let mut queue = queue::Queue::new(tx);
    let (go, wait) = mpsc::channel::<()>();
    queue.push(Box::new(move || {
        let _ = wait.recv();
        Msg::Notice("first".into())
    }));
    queue.push(Box::new(|| Msg::Notice("second".into())));
    go.send(()).unwrap();
    let said: Vec<String> = rx
        .iter()
        .take(2)
        .map(|m| match m {
            Msg::Notice(s) => s,
            _ => "other".into(),
        })
        .collect();
    assert_eq!(said, ["first", "second"]);
    queue.finish(Duration::from_secs(60));
}
