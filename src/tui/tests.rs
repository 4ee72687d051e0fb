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
