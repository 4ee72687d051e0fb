//! The timing harness the benchmarks share: medians of repeated runs and budget verdicts.

use std::time::{Duration, Instant};

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
