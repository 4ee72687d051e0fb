//! Budget 3 of issue 16, big libraries: 10,000 digests x 30 articles.
//!
//! - warm: the library screen's first frame, as the terminal opens it (from the library index
//!   alone), must take at most 0.05x the time of decoding every file;
//! - cold (no index yet): the first frame showing real rows must come long before the full
//!   listing is done (at most 0.1x of it), the rest arriving from the background listing;
//! - memory: the heap at the warm first frame must stay proportional to the index plus what is
//!   shown (at most 3x the index file), not to the library.
//!
//! The digests are `synth::brief_digest` (the long shape's compact UTF-8 JSON with ~700-byte
//! articles), so the library is ~230 MB rather than 1.2 GB; decoding costs per byte what the
//! long shape's does, and it is the ratio that counts.
//!
//! Run: `cargo bench --bench biglib` (add `-- quick` for fewer repetitions).

use std::alloc::{GlobalAlloc, Layout, System};
use std::fs;
use std::hint::black_box;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use newsdeck::app::{App, Stores, Target};
use newsdeck::model::Source;
use newsdeck::store::index::LibraryIndex;
use newsdeck::store::listing_job;
use newsdeck::store::paths::Paths;
use newsdeck::synth;
use newsdeck::theme::Theme;
use newsdeck::ui;
use ratatui::buffer::Buffer;

mod common;
use common::{WIDE, decode_all, median, ms, verdict, write_library};

const DIGESTS: usize = 10_000;
const ARTICLES: usize = 30;

/// Counts live heap bytes and their peak, for memory at the first frame.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// Counting is on only while memory is measured, so the timed runs pay nothing for it.
static COUNT: AtomicBool = AtomicBool::new(false);

// SAFETY: every call is passed on to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is the system allocator's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() && COUNT.load(Ordering::Relaxed) {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) };
        if COUNT.load(Ordering::Relaxed) {
            free(layout.size());
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() && COUNT.load(Ordering::Relaxed) {
            if new_size >= layout.size() {
                let grow = new_size - layout.size();
                let now = LIVE.fetch_add(grow, Ordering::Relaxed) + grow;
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                free(layout.size() - new_size);
            }
        }
        p
    }
}

/// Takes `n` freed bytes off the count, never below zero (a block allocated before counting
/// began may be freed while counting).
fn free(n: usize) {
    let _ = LIVE.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |v| {
        Some(v.saturating_sub(n))
    });
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn draw(app: &App) -> Buffer {
    let mut buf = Buffer::empty(WIDE);
    let view = ui::View {
        theme: &Theme::new(true),
        keymap: &app.keymap,
    };
    ui::draw(&app.model, &view, WIDE, &mut buf);
    buf
}

/// Digest rows on the library screen (not special rows).
fn file_rows(app: &App) -> usize {
    let all = &app.model.library.all;
    all.iter()
        .filter(|r| matches!(r.source, Source::File(_)))
        .count()
}

/// The library screen as the terminal opens it: from the index, listing in the background.
fn start(paths: &Paths) -> App {
    App::start_deferred(Target::Library, Stores::open_at(paths, true), WIDE).expect("starts")
}

/// Runs the app's background listing job on this thread to its end (the warm check); returns
/// the time the UI thread spends taking its batches in.
fn finish_listing(app: &mut App) -> Duration {
    let Some(job) = app.take_listing_job() else {
        return Duration::ZERO;
    };
    let mut batches = Vec::new();
    job.run(&mut |b| batches.push(b));
    let t = Instant::now();
    for b in batches {
        app.listed(b);
        black_box(draw(app));
    }
    t.elapsed()
}

/// What a cold start showed when: the first frame, the first frame with rows, the last batch.
struct Cold {
    first_frame: Duration,
    first_rows: Duration,
    rows_then: usize,
    full: Duration,
    batches: usize,
}

/// A cold start as the terminal loop runs it: first frame, then the job on another thread,
/// each batch merged and drawn as it arrives.
fn cold(paths: &Paths) -> Cold {
    let _ = fs::remove_file(paths.index_file());
    let t = Instant::now();
    let mut app = start(paths);
    black_box(draw(&app));
    let first_frame = t.elapsed();
    assert_eq!(file_rows(&app), 0, "no index: nothing is known yet");
    let job = app.take_listing_job().expect("a listing job");
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::spawn(move || job.run(&mut |b| tx.send(b).expect("send")));
    let (mut first_rows, mut rows_then, mut batches) = (None, 0, 0);
    for batch in rx {
        let done = batch.done;
        app.listed(batch);
        black_box(draw(&app));
        batches += 1;
        if first_rows.is_none() && file_rows(&app) > 0 {
            first_rows = Some(t.elapsed());
            rows_then = file_rows(&app);
        }
        if done {
            break;
        }
    }
    let full = t.elapsed();
    worker.join().expect("listing thread");
    assert_eq!(file_rows(&app), DIGESTS, "every digest listed");
    Cold {
        first_frame,
        first_rows: first_rows.unwrap_or(full),
        rows_then,
        full,
        batches,
    }
}

/// The 1-minute load average (Linux).
fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// (b) Cold starts, `runs` of them; the median by first rows.
fn measure_cold(paths: &Paths, runs: usize) -> Cold {
    let mut colds: Vec<Cold> = (0..runs).map(|_| cold(paths)).collect();
    colds.sort_by_key(|c| c.first_rows);
    let c = colds.swap_remove(colds.len() / 2);
    println!(
        "   (b) cold: first frame (no rows yet)    {:9.2} ms",
        ms(c.first_frame)
    );
    println!(
        "       cold: first frame with rows        {:9.2} ms  ({} rows)",
        ms(c.first_rows),
        c.rows_then
    );
    println!(
        "       cold: full listing in background   {:9.2} ms  ({} batches; index {:.0} KB)",
        ms(c.full),
        c.batches,
        fs::metadata(paths.index_file()).map_or(0, |m| m.len()) as f64 / 1e3
    );
    c
}

/// The median of `runs` durations that `f` reports.
fn median_of(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1)).map(|_| f()).collect();
    times.sort();
    times[times.len() / 2]
}

/// (c) Warm starts: the first frame, where its time goes, and the background check after it.
fn measure_warm(paths: &Paths, runs: usize, fast_runs: usize) -> Duration {
    let t_warm = median(fast_runs, || {
        let app = start(paths);
        black_box(draw(&app));
        // The app is dropped outside the timed part in the terminal (the process goes on).
        std::mem::forget(app);
    });
    println!(
        "   (c) warm: first frame from the index   {:9.2} ms",
        ms(t_warm)
    );
    let t_index = median(fast_runs, || {
        black_box(LibraryIndex::load(&paths.index_file()));
    });
    let t_items = median_of(fast_runs, || {
        let mut index = LibraryIndex::load(&paths.index_file());
        let t = Instant::now();
        let items = listing_job::from_index(&paths.library, &mut index);
        let took = t.elapsed();
        std::mem::forget((index, items));
        took
    });
    let warm_app = start(paths);
    let t_draw = median(fast_runs, || {
        black_box(draw(&warm_app));
    });
    println!(
        "       of which: index load {:.2} ms, index to sorted items {:.2} ms, draw {:.2} ms",
        ms(t_index),
        ms(t_items),
        ms(t_draw)
    );
    let mut on_ui = Duration::ZERO;
    let t_check = median_of(fast_runs, || {
        let t = Instant::now();
        let mut app = start(paths);
        black_box(draw(&app));
        on_ui = finish_listing(&mut app);
        t.elapsed()
    });
    println!(
        "       warm: first frame + background check of every file {:9.2} ms \
         (merging its batches on the UI thread {:.2} ms)",
        ms(t_check),
        ms(on_ui)
    );
    let t_inline = median(runs, || {
        let app = App::start(Target::Library, Stores::open_at(paths, true), WIDE).expect("ok");
        black_box(draw(&app));
    });
    println!(
        "       (listing every file before the first frame, as `snapshot` does: {:.2} ms)",
        ms(t_inline)
    );
    t_warm
}

/// (d) The heap allocated while the warm first frame is made: its peak, and what is kept.
fn measure_heap(paths: &Paths) -> (usize, usize) {
    // Counted from zero: frees of blocks allocated before counting are not subtracted (they
    // would make the count wrap), so what is freed of older blocks is simply not seen.
    LIVE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNT.store(true, Ordering::Relaxed);
    let app = start(paths);
    let frame = draw(&app);
    COUNT.store(false, Ordering::Relaxed);
    black_box((&app, frame));
    std::mem::forget(app);
    (PEAK.load(Ordering::Relaxed), LIVE.load(Ordering::Relaxed))
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let (runs, fast_runs) = if quick { (1, 3) } else { (3, 9) };
    println!("newsdeck big-library budget ({runs}/{fast_runs} runs each, median)\n");

    let root = tempfile::tempdir().expect("temp folder");
    let paths = Paths::under(root.path());
    let t = Instant::now();
    let (bytes, files) = write_library(
        &paths.library,
        DIGESTS,
        |seed| synth::brief_digest(ARTICLES, seed),
        false,
    );
    if std::env::args().any(|a| a == "profile-warm") {
        // For `perf record`: one cold listing, then nothing but warm first frames.
        cold(&paths);
        for _ in 0..150 {
            let app = start(&paths);
            black_box(draw(&app));
            std::mem::forget(app);
        }
        return;
    }
    println!(
        "3. big library: {DIGESTS} digests x {ARTICLES} articles ({:.0} MB, written in {:.1} s)",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    // (a) The floor: every file loaded and validated, on one core.
    let t_decode = median(runs, || {
        black_box(decode_all(&files));
    });
    println!(
        "   (a) decode every file (1 core)        {:9.2} ms  ({:.0} MB/s)",
        ms(t_decode),
        bytes as f64 / 1e6 / t_decode.as_secs_f64()
    );
    let c = measure_cold(&paths, runs);
    let t_warm = measure_warm(&paths, runs, fast_runs);
    let index_bytes = fs::metadata(paths.index_file()).map_or(0, |m| m.len()) as usize;
    let (peak, kept) = measure_heap(&paths);
    println!(
        "   (d) warm first frame heap: peak {:.1} MB, kept {:.1} MB; index file {:.1} MB; library {:.0} MB",
        peak as f64 / 1e6,
        kept as f64 / 1e6,
        index_bytes as f64 / 1e6,
        bytes as f64 / 1e6
    );

    let r_warm = t_warm.as_secs_f64() / t_decode.as_secs_f64();
    println!(
        "\n   warm first frame / decode-all = {r_warm:.3}x (budget <= 0.05x): {}",
        verdict(r_warm <= 0.05)
    );
    let r_cold = c.first_rows.as_secs_f64() / c.full.as_secs_f64();
    println!(
        "   cold first rows / full cold listing = {r_cold:.3}x (budget <= 0.1x): {}",
        verdict(r_cold <= 0.1)
    );
    let r_mem = peak as f64 / index_bytes.max(1) as f64;
    println!(
        "   warm first frame peak heap / index file = {r_mem:.2}x (budget <= 3x; the library is {:.0}x the index): {}",
        bytes as f64 / index_bytes.max(1) as f64,
        verdict(r_mem <= 3.0)
    );
    println!("   load average {}", load_average());
}
