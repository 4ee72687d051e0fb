//! Benchmark for budget 4, big libraries (issue: "Performance at scale"): a library of 1,000
//! digests x 30 articles. Listing it (`newsdeck list`, the library screen's first frame) once the
//! index exists must take at most 0.1x the time of decoding every file; a cold listing (no index)
//! must use both cores. Ratios are measured in the same run, because this machine is noisy.
//!
//! Run: `cargo bench --bench library` (add `-- quick` for fewer repetitions; `-- profile-warm`
//! only lists warm, over and over, for a profiler).
//! The same small hand-written harness as `benches/budgets.rs` (median of N runs).

use std::fs;
use std::hint::black_box;

use std::time::{Duration, Instant};

use newsdeck::app::{App, Stores, Target};
use newsdeck::cmd::list;
use newsdeck::store::index::{IndexFile, LibraryIndex, Stamp};
use newsdeck::store::library::Library;
use newsdeck::store::paths::Paths;
use newsdeck::synth;
use newsdeck::theme::Theme;
use newsdeck::ui;
use ratatui::buffer::Buffer;

mod common;
use common::{WIDE, decode_all, median, ms, verdict, write_library};

const DIGESTS: usize = 1_000;
const ARTICLES: usize = 30;

/// The library screen's first frame: start the app on the library, as `newsdeck` does, and draw.
fn library_first_frame(paths: &Paths) -> Buffer {
    let app = App::start(Target::Library, Stores::open_at(paths, false), WIDE).expect("starts");
    let mut buf = Buffer::empty(WIDE);
    let view = ui::View {
        theme: &Theme::new(true),
        keymap: &app.keymap,
    };
    ui::draw(&app.model, &view, WIDE, &mut buf);
    buf
}

/// CPU time this process has used so far (user + system, all threads; Linux), for how many
/// cores a phase kept busy.
fn cpu_time() -> Option<Duration> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // The kernel reports USER_HZ ticks, which is 100 on every Linux that matters.
    Some(Duration::from_millis(ticks * 10))
}

/// How many cores this process kept busy on average since `cpu` and `wall` were taken.
fn busy_since(cpu: Option<Duration>, wall: Instant) -> Option<f64> {
    let used = cpu_time()?.checked_sub(cpu?)?;
    Some(used.as_secs_f64() / wall.elapsed().as_secs_f64())
}

/// The 1-minute load average (Linux): above the core count, other work competes for the cores.
fn load_average() -> Option<f64> {
    fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "quick");
    let runs = if quick { 1 } else { 3 };
    let fast_runs = if quick { 3 } else { 9 };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("newsdeck library budget ({runs}/{fast_runs} runs each, median; {cores} cores)\n");

    let root = tempfile::tempdir().expect("temp folder");
    let paths = Paths::under(root.path());
    let (bytes, files) = write_library(
        &paths.library,
        DIGESTS,
        |seed| synth::digest(ARTICLES, seed),
        true,
    );
    let index_path = paths.index_file();
    let library = Library::with_index(paths.library.clone(), IndexFile::new(index_path.clone()));
    if args.iter().any(|a| a == "profile-warm") {
        // For `perf record`: one cold listing, then nothing but warm ones.
        library.list();
        for _ in 0..300 {
            black_box(library.list());
        }
        return;
    }
    println!(
        "4. big library: {DIGESTS} digests x {ARTICLES} articles ({:.0} MB)",
        bytes as f64 / 1e6
    );

    // (a) The floor: every file loaded and validated, on one core.
    let (cpu_before, wall_before) = (cpu_time(), Instant::now());
    let t_decode = median(runs, || {
        black_box(decode_all(&files));
    });
    let decode_cores = busy_since(cpu_before, wall_before);
    // (b) Cold: no index, so every file is inspected (on every core) and the index written.
    let mut cold_stats = None;
    let (cpu_before, wall_before) = (cpu_time(), Instant::now());
    let t_cold = median(runs, || {
        let _ = fs::remove_file(&index_path);
        let (items, stats) = library.list_with_stats();
        cold_stats = Some(stats);
        black_box(items);
    });
    let cold_cores = busy_since(cpu_before, wall_before);
    // (c) Warm: the index exists and every file is unchanged.
    let mut warm_stats = None;
    let t_warm = median(fast_runs, || {
        let (items, stats) = library.list_with_stats();
        warm_stats = Some(stats);
        black_box(items);
    });
    // `newsdeck list` as a whole, warm: read state, list, print.
    let t_cmd = median(fast_runs, || {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        list::list_with(&paths, &[], &mut out, &mut err);
        black_box((out, err));
    });
    // (d) The library screen's first frame, warm.
    let t_frame = median(fast_runs, || {
        black_box(library_first_frame(&paths));
    });

    println!(
        "   (a) decode every file (1 core)   {:9.2} ms  ({:.0} MB/s)",
        ms(t_decode),
        bytes as f64 / 1e6 / t_decode.as_secs_f64()
    );
    println!(
        "   (b) cold list, no index          {:9.2} ms  {:?}",
        ms(t_cold),
        cold_stats.unwrap_or_default()
    );
    println!(
        "   (c) warm list, index             {:9.2} ms  {:?}",
        ms(t_warm),
        warm_stats.unwrap_or_default()
    );
    println!("       newsdeck list, warm          {:9.2} ms", ms(t_cmd));
    println!("   (d) library screen first frame   {:9.2} ms", ms(t_frame));

    // Where the warm time goes, to know what to cut if the budget is missed.
    let index_bytes = fs::metadata(&index_path).map_or(0, |m| m.len());
    let t_index = median(fast_runs, || {
        black_box(LibraryIndex::load(&index_path));
    });
    let t_stat = median(fast_runs, || {
        for f in &files {
            black_box(fs::metadata(f).ok().as_ref().and_then(Stamp::of));
        }
    });
    println!(
        "       of which: index load {:.2} ms ({:.0} KB), stat every file {:.2} ms",
        ms(t_index),
        index_bytes as f64 / 1e3,
        ms(t_stat)
    );

    let ratio = |t: Duration| t.as_secs_f64() / t_decode.as_secs_f64();
    let r_warm = ratio(t_warm);
    println!(
        "\n   warm / decode-all = {r_warm:.3}x (budget <= 0.1x): {}",
        verdict(r_warm <= 0.1)
    );
    let r_cmd = ratio(t_cmd);
    println!(
        "   newsdeck list warm / decode-all = {r_cmd:.3}x (budget <= 0.1x): {}",
        verdict(r_cmd <= 0.1)
    );
    let r_frame = ratio(t_frame);
    println!(
        "   first frame warm / decode-all = {r_frame:.3}x (budget <= 0.1x): {}",
        verdict(r_frame <= 0.1)
    );
    // Both cores are used if the cold listing kept more than one busy; the speed-up this buys
    // depends on what else runs (other builds), so the load average is printed beside it.
    let speedup = t_decode.as_secs_f64() / t_cold.as_secs_f64();
    let busy = cold_cores.map_or("?".to_string(), |c| format!("{c:.2}"));
    let busy_decode = decode_cores.map_or("?".to_string(), |c| format!("{c:.2}"));
    let load = load_average().map_or("?".to_string(), |l| format!("{l:.1}"));
    println!(
        "   cold speed-up over one core = {speedup:.2}x; cores kept busy {busy} of {cores} \
         (decode-all {busy_decode}; load average {load}): {}",
        verdict(cores < 2 || cold_cores.is_some_and(|c| c > 1.3))
    );
}
