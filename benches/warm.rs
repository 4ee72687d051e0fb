//! Budget 2 of issue 16: re-opening a digest opened before (unchanged) lists it from its
//! per-digest index and reads only the bodies it shows. Ratios are against a full owned parse
//! of the same file, measured in the same run, for both synthetic shapes.
//!
//! Run: `cargo bench --bench warm` (add `-- quick` for 3 runs instead of 9).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use newsdeck::keymap::Keymap;
use newsdeck::model::read_state::ReadState;
use newsdeck::model::{Library, Model, Source};
use newsdeck::store::digest_index::DigestIndexes;
use newsdeck::synth;
use newsdeck::theme::Theme;
use newsdeck::ui;
use ratatui::buffer::Buffer;

mod common;
use common::{WIDE, full, median, median_kept, ms, peak_rss, verdict};

/// Opens `path` through its index (which must be current) and draws the first frame.
fn warm_frame(indexes: &DigestIndexes, path: &Path) -> (Buffer, Model) {
    let (digest, _) = indexes.open(path).expect("open");
    assert!(digest.is_indexed(), "the index is current");
    let mut model = Model::new(Library::default(), ReadState::default(), WIDE);
    model.show_digest(digest, Source::File(path.to_path_buf()));
    let mut buf = Buffer::empty(WIDE);
    let view = ui::View {
        theme: &Theme::new(true),
        keymap: &Keymap::default(),
    };
    ui::draw(&model, &view, WIDE, &mut buf);
    (buf, model)
}

fn child(mode: &str, path: &Path, cache: &Path) {
    match mode {
        "full" => {
            let bytes = std::fs::read(path).expect("read");
            let d: full::Digest = serde_json::from_slice(&bytes).expect("parse");
            black_box(&d);
            // Not freed, as `newsdeck snapshot` does not free its digest: the process ends.
            std::mem::forget(d);
        }
        // Writes the index, as the app does after a first open (for profiling a warm open).
        "index" => {
            let indexes = DigestIndexes::new(cache, true);
            let (digest, pending) = indexes.open(path).expect("first open");
            pending.expect("a settled file is indexed").write(&digest);
        }
        // What this process holds before it opens anything: the floor under the warm figure.
        "none" => {}
        _ => {
            black_box(warm_frame(&DigestIndexes::new(cache, false), path));
        }
    }
    println!("{}", peak_rss().unwrap_or(0));
}

/// Runs this binary again as a fresh process doing only `mode`; returns its peak memory.
fn run_child(mode: &str, path: &Path, cache: &Path) -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe)
        .args(["--child", mode])
        .arg(path)
        .arg(cache)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// Runs the real binary's `snapshot` on `path` with `home` as its home (and cache).
fn run_snapshot(path: &Path, home: &Path) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsdeck"))
        .args(["snapshot", "--width", "200", "--height", "60"])
        .arg(path)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .expect("run newsdeck snapshot");
    assert!(out.status.success(), "snapshot failed");
    black_box(out.stdout);
}

fn warm(shape: &str, bytes: &[u8], dir: &Path, runs: usize) {
    let path = dir.join(format!("{}.json", shape.split(',').next().unwrap_or("d")));
    std::fs::write(&path, bytes).expect("write digest");
    // Settled an hour ago, as a digest opened before is: a file written this instant is not
    // indexed (a write within the same mtime tick could go unseen).
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(hour_ago))
        .expect("set mtime");
    let home = dir.join("home");
    // Where `newsdeck` itself keeps its cache under this home (XDG_CACHE_HOME/newsdeck).
    let cache: PathBuf = home.join("cache").join("newsdeck");
    let indexes = DigestIndexes::new(&cache, true);
    let (digest, pending) = indexes.open(&path).expect("first open");
    pending.expect("a settled file is indexed").write(&digest);
    drop(digest);
    let read_only = DigestIndexes::new(&cache, false);

    let mb = bytes.len() as f64 / 1e6;
    let t_full = median_kept(runs, || {
        let d: full::Digest = serde_json::from_slice(bytes).expect("parse");
        black_box(d)
    });
    let t_warm = median_kept(runs, || black_box(warm_frame(&read_only, &path)));
    let r = t_warm.as_secs_f64() / t_full.as_secs_f64();
    println!("2. warm open, 10,000 articles, {shape} ({mb:.1} MB)");
    println!("   full owned parse (in memory)  {:8.2} ms", ms(t_full));
    println!("   index + first frame            {:8.2} ms", ms(t_warm));
    println!("   ratio {r:.3}x (budget <= 0.1x): {}", verdict(r <= 0.1));
    let t_proc_full = median(runs, || {
        black_box(run_child("full", &path, &cache));
    });
    let t_proc_warm = median(runs, || run_snapshot(&path, &home));
    let r = t_proc_warm.as_secs_f64() / t_proc_full.as_secs_f64();
    println!(
        "   as processes: read + full parse {:.2} ms, `newsdeck snapshot` (warm) {:.2} ms",
        ms(t_proc_full),
        ms(t_proc_warm)
    );
    println!("   ratio {r:.3}x (budget <= 0.1x): {}", verdict(r <= 0.1));
    match (
        run_child("warm", &path, &cache),
        run_child("none", &path, &cache),
    ) {
        (Some(peak), Some(floor)) => {
            let r = peak as f64 / bytes.len() as f64;
            println!(
                "   peak memory at first frame {:.1} MB = {r:.2}x file (budget <= 0.3x): {}",
                peak as f64 / 1e6,
                verdict(r <= 0.3)
            );
            // The same process before it opens anything (binary, libraries, stack): a fixed
            // floor that an 11 MB file's 0.3x cannot hold whatever the open costs.
            let added = peak.saturating_sub(floor);
            let size = bytes.len() as f64;
            let r = added as f64 / size;
            println!(
                "   of which the process floor {:.1} MB = {:.2}x file; the open adds {:.1} MB = {r:.2}x file (<= 0.3x): {}",
                floor as f64 / 1e6,
                floor as f64 / size,
                added as f64 / 1e6,
                verdict(r <= 0.3)
            );
        }
        _ => println!("   peak memory: could not measure (needs Linux /proc)"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(
            &args[i + 1],
            Path::new(&args[i + 2]),
            Path::new(&args[i + 3]),
        );
        return;
    }
    let runs = if args.iter().any(|a| a == "quick") {
        3
    } else {
        9
    };
    println!("newsdeck warm-open budget ({runs} runs each, median)\n");
    let dir = std::env::temp_dir().join(format!("newsdeck-warm-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    warm("long, UTF-8 text", &synth::digest(10_000, 1), &dir, runs);
    warm(
        "short, \\u escapes",
        &synth::short_digest(10_000, 1),
        &dir,
        runs,
    );
    let _ = std::fs::remove_dir_all(&dir);
}
