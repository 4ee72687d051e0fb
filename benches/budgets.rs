//! Benchmarks for the performance budgets (issue: "Performance at scale"). Each prints the ratio
//! its budget names, measured in the same run, because this machine is noisy and absolute times
//! move with its load.
//!
//! Run: `cargo bench --bench budgets` (add `-- quick` for fewer repetitions).
//! A small hand-written harness (median of N runs) rather than criterion: the budgets are ratios
//! between different operations in one run, which criterion does not report, and this keeps the
//! dependency tree small.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use newsdeck::action::Action;
use newsdeck::format;
use newsdeck::keymap::Keymap;
use newsdeck::model::digest::{ArticleId, DigestKey};
use newsdeck::model::read_state::{DigestState, ReadState};
use newsdeck::model::search::SearchIndex;
use newsdeck::model::{Library, Model, Source};
use newsdeck::synth;
use newsdeck::theme::Theme;
use newsdeck::ui;
use ratatui::buffer::Buffer;

mod common;
use common::{WIDE, full, median, median_kept, ms, peak_rss, verdict};

/// What `newsdeck snapshot FILE` does after reading the file: first pass, reader, one frame.
fn first_frame(bytes: Vec<u8>) -> (Buffer, Model) {
    let digest = format::parse_owned(bytes, "bench").expect("synthetic digest parses");
    let mut model = Model::new(Library::default(), ReadState::default(), WIDE);
    model.show_digest(digest, Source::Bundled);
    let mut buf = Buffer::empty(WIDE);
    let view = ui::View {
        theme: &Theme::new(true),
        keymap: &Keymap::default(),
    };
    ui::draw(&model, &view, WIDE, &mut buf);
    (buf, model)
}

fn reader_model(articles: usize) -> Model {
    let bytes = synth::digest(articles, 3);
    let digest = format::parse(&bytes, "bench").expect("synthetic digest parses");
    let mut model = Model::new(Library::default(), ReadState::default(), WIDE);
    model.show_digest(digest, Source::Bundled);
    model
}

/// The app builds its key map once; a frame only reads it.
static KEYMAP: std::sync::LazyLock<Keymap> = std::sync::LazyLock::new(Keymap::default);

fn frame(model: &Model, buf: &mut Buffer) {
    buf.reset();
    let view = ui::View {
        theme: &Theme::new(true),
        keymap: &KEYMAP,
    };
    ui::draw(model, &view, WIDE, buf);
}

/// Runs this benchmark binary again as a fresh process that only does `mode` on `path`, and
/// returns its peak resident memory: each measurement starts from an empty heap.
fn child_peak(mode: &str, path: &Path) -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe)
        .args(["--child", mode])
        .arg(path)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn child(mode: &str, path: &Path) {
    match mode {
        "full" => {
            let bytes = std::fs::read(path).expect("read");
            let d: full::Digest = serde_json::from_slice(&bytes).expect("parse");
            black_box(&d);
            // Not freed, as `newsdeck snapshot` does not free its digest: the process ends.
            std::mem::forget(d);
        }
        _ => {
            // The reader's path: load the file as the app does, open the reader, draw a frame.
            let digest = newsdeck::store::load::load(path).expect("load");
            let mut model = Model::new(Library::default(), ReadState::default(), WIDE);
            model.show_digest(digest, Source::File(path.to_path_buf()));
            let mut buf = Buffer::empty(WIDE);
            frame(&model, &mut buf);
            black_box(&buf);
        }
    }
    println!("{}", peak_rss().unwrap_or(0));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(&args[i + 1], Path::new(&args[i + 2]));
        return;
    }
    let quick = args.iter().any(|a| a == "quick");
    let runs = if quick { 3 } else { 9 };
    println!("newsdeck budgets ({runs} runs each, median)\n");

    // Budget 1: first frame of a 10,000-article digest vs a full owned parse, in the same run,
    // for two differently shaped files.
    let big = synth::digest(10_000, 1);
    let dir = tempfile_dir();
    let path = dir.join("big.json");
    std::fs::write(&path, &big).expect("write temp digest");
    cold_open("long bodies, UTF-8 text", &big, &path, &dir, runs);
    let short = synth::short_digest(10_000, 1);
    let short_path = dir.join("short.json");
    std::fs::write(&short_path, &short).expect("write temp digest");
    cold_open(
        "short articles, \\u escapes",
        &short,
        &short_path,
        &dir,
        runs,
    );
    let mut model = reader_model(10_000);
    let mut buf = Buffer::empty(WIDE);
    let t_open = median(runs, || {
        model.update(Action::Down, 0);
        frame(&model, &mut buf);
    });
    println!(
        "   open next article + frame {:8.3} ms (budget < 5 ms): {}",
        ms(t_open),
        verdict(ms(t_open) < 5.0)
    );
    if args.iter().any(|a| a == "cold") {
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }

    // Budget 2: peak memory while reading that digest, in a fresh process.
    let size = big.len() as f64;
    match (child_peak("reader", &path), child_peak("full", &path)) {
        (Some(reader), Some(full)) => {
            let r = reader as f64 / size;
            println!("\n2. peak memory, 10,000 articles");
            println!(
                "   reader {:.1} MB = {r:.2}x file (budget <= 1.2x): {}",
                reader as f64 / 1e6,
                verdict(r <= 1.2)
            );
            println!(
                "   full owned parse {:.1} MB = {:.2}x file",
                full as f64 / 1e6,
                full as f64 / size
            );
        }
        _ => println!("\n2. peak memory: could not measure (needs Linux /proc)"),
    }

    // Budget 3: frames cost what is visible.
    let small = reader_model(50);
    let mut huge = reader_model(50_000);
    let t_small = median(runs * 3, || frame(&small, &mut buf));
    let t_huge = median(runs * 3, || frame(&huge, &mut buf));
    let r = t_huge.as_secs_f64() / t_small.as_secs_f64();
    println!("\n3. frame at 200x60");
    println!(
        "   50 articles {:.3} ms, 50,000 articles {:.3} ms",
        ms(t_small),
        ms(t_huge)
    );
    println!("   ratio {r:.2}x (budget <= 1.2x): {}", verdict(r <= 1.2));
    let frame_budget = 1000.0 / 60.0;
    for (name, action) in [
        ("j", Action::Down),
        ("G", Action::Bottom),
        ("g", Action::Top),
    ] {
        let t = median(runs, || {
            huge.update(action, 0);
            frame(&huge, &mut buf);
        });
        println!(
            "   key {name} + redraw at 50,000: {:.3} ms (budget < {frame_budget:.1} ms): {}",
            ms(t),
            verdict(ms(t) < frame_budget)
        );
    }
    // The filter: first keystroke before the index exists, then with the index built.
    huge.update(Action::StartFilter, 0);
    let t = median(runs, || {
        huge.update(Action::FilterChar('e'), 0);
        frame(&huge, &mut buf);
        huge.update(Action::FilterBackspace, 0);
    });
    println!(
        "   filter keystroke (headlines, index not built yet): {:.3} ms: {}",
        ms(t),
        verdict(ms(t) < frame_budget)
    );
    let reader = huge.reader.as_ref().expect("reader open");
    let (token, digest) = (reader.token, Arc::clone(&reader.digest));
    let t_index = median(1, || {
        let index = Arc::new(SearchIndex::build(&digest));
        huge.set_search_index(token, index);
    });
    println!(
        "   search index build (background thread): {:.1} ms",
        ms(t_index)
    );
    let t = median(runs, || {
        huge.update(Action::FilterChar('e'), 0);
        frame(&huge, &mut buf);
        huge.update(Action::FilterBackspace, 0);
    });
    println!(
        "   filter keystroke with index: {:.3} ms: {}",
        ms(t),
        verdict(ms(t) < frame_budget)
    );
    // The worst case for a keystroke: a letter no article has (the synthetic words hold no
    // `x`), so every summary, bullet and viewpoint of all 50,000 articles is searched. The
    // keystroke searches one step of that (`STEP_WORK` bytes of text) and the frame shows the
    // matches so far; the terminal loop runs the other steps between input events.
    let t = median(runs, || {
        huge.update(Action::FilterChar('x'), 0);
        frame(&huge, &mut buf);
        huge.update(Action::FilterBackspace, 0);
    });
    println!(
        "   filter keystroke with index, no match (one step + redraw): {:.3} ms: {}",
        ms(t),
        verdict(ms(t) < frame_budget)
    );
    whole_pass(&mut huge, &mut buf, runs);
    marks_keys(runs, frame_budget);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The whole no-match filter pass, as the terminal loop runs it: the keystroke, then one step
/// (and a frame) between input events until it ends. Not a budget (no key waits for it): how
/// long the list says "filtering…", and the slowest step.
fn whole_pass(model: &mut Model, buf: &mut Buffer, runs: usize) {
    let mut steps = 0;
    let mut slowest = std::time::Duration::ZERO;
    let t = median(runs, || {
        model.update(Action::FilterChar('x'), 0);
        frame(model, buf);
        steps = 1;
        while model.filter_pending() {
            let s = std::time::Instant::now();
            model.continue_filter();
            frame(model, buf);
            slowest = slowest.max(s.elapsed());
            steps += 1;
        }
        model.update(Action::FilterBackspace, 0);
    });
    println!(
        "   whole no-match pass: {steps} steps of {} KB, {:.1} ms in all, slowest step + redraw {:.3} ms",
        newsdeck::model::reader::STEP_WORK / 1024,
        ms(t),
        ms(slowest)
    );
}

/// Budget 4 of issue 16: keys at 50,000 articles with 500,000 read marks in the state (the
/// save itself is the app's, off the key path).
fn marks_keys(runs: usize, frame_budget: f64) {
    let bytes = synth::digest(50_000, 3);
    let digest = format::parse(&bytes, "bench").expect("synthetic digest parses");
    let mut read = ReadState::default();
    for i in 0..450_000u64 {
        let other = DigestKey(format!("other-{}", i / 30));
        read.set(
            &other,
            &ArticleId(format!("a{}", i % 30).into()),
            i % 3 != 0,
            i,
        );
    }
    for e in digest.entries.iter().step_by(2) {
        read.set(&digest.key, &e.id, true, 1);
    }
    let mut model = Model::new(Library::default(), read, WIDE);
    model.show_digest(digest, Source::Bundled);
    let mut buf = Buffer::empty(WIDE);
    println!("\n4. keys at 50,000 articles, 500,000 read marks");
    let keys: [(&str, &[Action]); 4] = [
        ("move (j)", &[Action::Down]),
        ("open (Enter, then back)", &[Action::Open, Action::Back]),
        ("toggle read (m)", &[Action::ToggleRead]),
        ("next unread (n)", &[Action::NextUnread]),
    ];
    for (name, actions) in keys {
        let t = median(runs, || {
            for a in actions {
                model.update(*a, 0);
            }
            frame(&model, &mut buf);
        });
        println!(
            "   {name} + redraw: {:.3} ms (budget < {frame_budget:.1} ms): {}",
            ms(t),
            verdict(ms(t) < frame_budget)
        );
    }
    river_handover(&mut model, &mut buf, runs, frame_budget);
    model.update(Action::StartFilter, 0);
    let t = median(runs, || {
        model.update(Action::FilterChar('q'), 0);
        frame(&model, &mut buf);
        model.update(Action::FilterBackspace, 0);
    });
    println!(
        "   filter keystroke (no match, headlines): {:.3} ms: {}",
        ms(t),
        verdict(ms(t) < frame_budget)
    );
}

/// Handing the read marks to the All unread river's thread: a copy of the whole state (as the
/// loop did before) against the snapshot it takes now, and the worst a key meets afterwards: a
/// toggle while a snapshot is still held copies the map of digests and the open digest's marks.
fn river_handover(model: &mut Model, buf: &mut Buffer, runs: usize, frame_budget: f64) {
    // What the old `ReadState::clone` copied for the marks (it copied the marks waiting to be
    // saved as well); `clone` now shares them, so it is spelled out here.
    let deep = |read: &ReadState| -> BTreeMap<DigestKey, DigestState> {
        read.digests()
            .map(|(k, d)| (k.clone(), d.clone()))
            .collect()
    };
    let t_copy = median_kept(runs, || black_box(deep(&model.read)));
    let t_snap = median_kept(runs, || black_box(model.read.marks()));
    println!(
        "   river hand-over: a copy of every digest's marks {:.3} ms, the snapshot {:.6} ms",
        ms(t_copy),
        ms(t_snap)
    );
    // Returned, so the snapshot is let go after the clock stops, as the river's thread lets it go.
    let t = median_kept(runs, || {
        let held = model.read.marks();
        model.update(Action::ToggleRead, 0);
        frame(model, buf);
        held
    });
    println!(
        "   toggle read (m) + redraw, a river snapshot held: {:.3} ms (budget < {frame_budget:.1} ms): {}",
        ms(t),
        verdict(ms(t) < frame_budget)
    );
}

/// Budget 1 for one file: in-process (the bytes already in memory) and as whole processes.
fn cold_open(shape: &str, bytes: &[u8], path: &Path, dir: &Path, runs: usize) {
    let mb = bytes.len() as f64 / 1e6;
    let t_full = median_kept(runs, || {
        let d: full::Digest = serde_json::from_slice(bytes).expect("parse");
        black_box(d)
    });
    let t_first = median_kept(runs, || black_box(first_frame(bytes.to_vec())));
    let t_copy = median_kept(runs, || black_box(bytes.to_vec()));
    let first_net = t_first.saturating_sub(t_copy);
    let ratio = first_net.as_secs_f64() / t_full.as_secs_f64();
    println!("1. first frame, 10,000 articles, {shape} ({mb:.1} MB)");
    println!(
        "   full owned parse          {:8.2} ms  ({:.0} MB/s)",
        ms(t_full),
        mb / t_full.as_secs_f64()
    );
    println!("   first pass + first frame  {:8.2} ms", ms(first_net));
    println!(
        "   ratio {ratio:.2}x (budget <= 0.35x): {}",
        verdict(ratio <= 0.35)
    );
    // The same budget as a user meets it: whole processes, each reading the file itself.
    let t_proc_full = median(runs, || run_child("full", path));
    let t_proc_snap = median(runs, || run_snapshot(path, dir));
    let r = t_proc_snap.as_secs_f64() / t_proc_full.as_secs_f64();
    println!(
        "   as processes: read + full parse {:.2} ms, `newsdeck snapshot` {:.2} ms",
        ms(t_proc_full),
        ms(t_proc_snap)
    );
    println!("   ratio {r:.2}x (budget <= 0.35x): {}", verdict(r <= 0.35));
}

fn run_child(mode: &str, path: &Path) {
    if let Ok(exe) = std::env::current_exe() {
        let _ = std::process::Command::new(exe)
            .args(["--child", mode])
            .arg(path)
            .output();
    }
}

/// Runs the real binary's `snapshot` on `path`, with a home of its own under `dir`.
fn run_snapshot(path: &Path, dir: &Path) {
    let home = dir.join("home");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsdeck"))
        .args(["snapshot", "--width", "200", "--height", "60"])
        .arg(path)
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .expect("run newsdeck snapshot");
    assert!(
        out.status.success(),
        "snapshot failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    black_box(out.stdout);
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("newsdeck-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}
