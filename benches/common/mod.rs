//! The timing harness the benchmarks share: medians of repeated runs and budget verdicts.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use ratatui::layout::Rect;

/// The floor: serde parsing the whole digest format into owned structs.
#[allow(dead_code)]
pub mod full {
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Digest {
        pub title: Option<String>,
        pub published: Option<String>,
        pub source: Option<String>,
        pub articles: Vec<Article>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Article {
        pub id: Option<String>,
        pub headline: String,
        pub summary: Option<String>,
        pub url: Option<String>,
        pub source: Option<String>,
        pub published: Option<String>,
        pub tags: Option<Vec<String>>,
        pub context: Option<Vec<String>>,
        pub sections: Option<Vec<Section>>,
        pub commentators: Option<Vec<Commentator>>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Section {
        pub heading: String,
        pub bullets: Vec<String>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Commentator {
        pub name: String,
        pub role: Option<String>,
        pub viewpoint: String,
    }
}

/// The screen size the budgets name.
pub const WIDE: Rect = Rect {
    x: 0,
    y: 0,
    width: 200,
    height: 60,
};

/// The median wall time of `runs` calls of `f`.
pub fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// [`median`] of `f`, whose result is dropped after the clock stops: newsdeck never frees a
/// digest on the way to its first frame (it forgets it at exit), and a parse is timed without
/// the freeing of what it built, on both sides of a ratio.
#[allow(dead_code)]
pub fn median_kept<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            let kept = f();
            let elapsed = t.elapsed();
            drop(kept);
            elapsed
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// A duration in milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// How a budget came out.
pub fn verdict(ok: bool) -> &'static str {
    if ok { "MET" } else { "MISSED" }
}

/// Peak resident memory of this process (Linux), in bytes.
#[allow(dead_code)]
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Writes `n` digests, `make(i)` for digest `i`, into `dir` as `digest-NNNNN.json`, each dated an
/// hour back (the index does not cache a file changed in its last few seconds) and, when
/// `spread`, one second apart; returns the bytes written and the files in name order.
#[allow(dead_code)]
pub fn write_library<D: AsRef<[u8]>>(
    dir: &Path,
    n: usize,
    make: impl Fn(u64) -> D,
    spread: bool,
) -> (u64, Vec<PathBuf>) {
    fs::create_dir_all(dir).expect("create library folder");
    let old = SystemTime::now() - Duration::from_secs(3600);
    let mut bytes = 0;
    let mut files = Vec::with_capacity(n);
    for i in 0..n {
        let path = dir.join(format!("digest-{i:05}.json"));
        let digest = make(i as u64 + 1);
        bytes += digest.as_ref().len() as u64;
        fs::write(&path, digest).expect("write digest");
        let file = fs::File::options()
            .write(true)
            .open(&path)
            .expect("open digest");
        let offset = if spread { i as u64 } else { 0 };
        file.set_modified(old + Duration::from_secs(offset))
            .expect("set mtime");
        files.push(path);
    }
    (bytes, files)
}

/// The floor of the library budgets: load and validate every file, one after the other.
#[allow(dead_code)]
pub fn decode_all(files: &[PathBuf]) -> usize {
    files
        .iter()
        .map(|p| {
            let d = newsdeck::store::load::load(p).expect("synthetic digest loads");
            d.validate().expect("synthetic digest is valid");
            d.entries.len()
        })
        .sum()
}
