//! The timing harness both benchmarks share: medians of repeated runs and budget verdicts.

use std::time::{Duration, Instant};

use ratatui::layout::Rect;

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

/// A duration in milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// How a budget came out.
pub fn verdict(ok: bool) -> &'static str {
    if ok { "MET" } else { "MISSED" }
}
