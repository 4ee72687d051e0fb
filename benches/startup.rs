//! Budget 5 of issue 16: start-up. With an empty library newsdeck opens its bundled sample; the
//! time until that first frame is on the terminal must be within 1.2x of the same binary drawing
//! one empty frame with the reader's own terminal set-up (signals caught for restoring the
//! terminal, raw mode, alternate screen, mouse reporting, size, clear: `tui::empty_frame`).
//!
//! Both run as processes in a 200x60 pseudo-terminal, each with a fresh empty home. The clock
//! runs from just before the spawn until the terminal receives the sequence that leaves the
//! alternate screen: `NEWSDECK_BENCH_FRAME=first` makes the reader leave right after its first
//! frame is drawn and flushed, and `NEWSDECK_BENCH_FRAME=empty` draws one empty frame and leaves.
//! What follows (saving, exit) is not counted on either side. Runs alternate between the two,
//! and each side's median is compared.
//!
//! Run: `cargo bench --bench startup` (add `-- quick` for 11 runs of each instead of 31).

use std::io::Read;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[allow(dead_code)] // the in-process timing helpers are for the other benchmarks
mod common;
use common::{ms, verdict};

const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const DEADLINE: Duration = Duration::from_secs(30);

/// Spawns newsdeck in a fresh pseudo-terminal with `home` as its home and `mode` as its bench
/// frame mode; returns the time until the terminal saw it leave the alternate screen. The frame
/// before that must show `expect` (when not empty).
fn run(mode: &str, home: &Path, expect: &str) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 60,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_newsdeck"));
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env("NEWSDECK_BENCH_FRAME", mode);
    cmd.env("HOME", home);
    for (var, sub) in [
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ] {
        cmd.env(var, home.join(sub));
    }
    cmd.cwd(home);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn newsdeck");
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 65536];
        let mut sent = false;
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if !sent && seen.windows(LEAVE_ALT.len()).any(|w| w == LEAVE_ALT) {
                let _ = tx.send((start.elapsed(), seen.clone()));
                sent = true;
            }
        }
    });
    let (elapsed, seen) = rx
        .recv_timeout(DEADLINE)
        .expect("newsdeck drew a frame and left the alternate screen");
    let _ = child.wait();
    // The terminal outlives newsdeck, as a shell's does: were newsdeck the last to hold it, the
    // end of a big frame written just before the exit could be lost to the reader (Linux drops
    // what a pseudo-terminal's reader has not taken once the other side is closed).
    drop(pair.slave);
    drop(pair.master);
    // The reader's frame must be the sample's: a frame of an error screen would be no measure.
    if !expect.is_empty() {
        let mut screen = vt100::Parser::new(nz(60), nz(200), 0);
        let at = seen
            .windows(LEAVE_ALT.len())
            .position(|w| w == LEAVE_ALT)
            .unwrap_or(seen.len());
        screen.process(&seen[..at]);
        assert!(
            screen.screen().contents().contains(expect),
            "the first frame shows {expect:?}:\n{}",
            screen.screen().contents()
        );
    }
    elapsed
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let runs = if quick { 11 } else { 31 };
    println!("newsdeck start-up budget ({runs} runs each, interleaved, median)\n");
    let dir = std::env::temp_dir().join(format!("newsdeck-startup-{}", std::process::id()));
    let (mut empty, mut first) = (Vec::new(), Vec::new());
    // One warm-up of each: the first spawn of a binary pays for reading it from disk.
    for i in 0..=runs {
        for (mode, times, expect) in [
            ("empty", &mut empty, ""),
            ("first", &mut first, "newsdeck sample digest"),
        ] {
            // A fresh, empty home every time: the bundled sample opens, nothing is cached.
            let home = dir.join(format!("{mode}-{i}"));
            std::fs::create_dir_all(&home).expect("temp home");
            let t = run(mode, &home, expect);
            if i > 0 {
                times.push(t);
            }
            let _ = std::fs::remove_dir_all(&home);
        }
    }
    let (e, f) = (median(empty), median(first));
    let r = f.as_secs_f64() / e.as_secs_f64();
    println!("5. start-up, bundled sample, 200x60 pseudo-terminal");
    println!(
        "   one empty frame (terminal set-up only)  {:8.2} ms",
        ms(e)
    );
    println!(
        "   newsdeck, first frame of the sample     {:8.2} ms",
        ms(f)
    );
    println!("   ratio {r:.2}x (budget <= 1.2x): {}", verdict(r <= 1.2));
    let _ = std::fs::remove_dir_all(&dir);
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal side is not zero")
}
