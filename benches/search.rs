//! Benchmark for issue 14's budget: a warm library-wide search over 1,000 digests x 30 articles
//! must take at most 0.1x the time of decoding every file, measured in the same run (this
//! machine is noisy, so only ratios within one run are compared).
//!
//! "Warm" means the search index under the cache folder exists and no digest changed: a search
//! then stats every file, reads the index, and searches it in memory; `newsdeck search` also
//! loads the few digests with hits to cut their snippets.
//!
//! Run: `cargo bench --bench search` (add `-- quick` for fewer repetitions).

use std::fs;
use std::hint::black_box;

use std::time::Duration;

use newsdeck::cmd::{people, search};
use newsdeck::model::lsearch::people::{PeopleSort, people as all_people};
use newsdeck::model::lsearch::query::{Query, search as run_query};
use newsdeck::model::read_state::ReadState;
use newsdeck::store::paths::Paths;
use newsdeck::store::search_index;
use newsdeck::synth;

#[allow(dead_code)]
mod common;
use common::{decode_all, median, ms, verdict, write_library};

const DIGESTS: usize = 1_000;
const ARTICLES: usize = 30;

/// `newsdeck search WORDS` as the command runs it; returns the number of lines printed.
fn cli_search(paths: &Paths, words: &[&str]) -> usize {
    let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    search::search_with(paths, &words, false, &mut out, &mut err);
    out.iter().filter(|&&b| b == b'\n').count()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "quick");
    let (runs, fast_runs) = if quick { (1, 3) } else { (3, 9) };
    println!("newsdeck search budget ({runs}/{fast_runs} runs each, median)\n");
    let root = tempfile::tempdir().expect("temp folder");
    let paths = Paths::under(root.path());
    let (bytes, files) = write_library(
        &paths.library,
        DIGESTS,
        |seed| synth::digest(ARTICLES, seed),
        true,
    );
    let index_file = paths.search_index_file();
    println!(
        "library search: {DIGESTS} digests x {ARTICLES} articles ({:.0} MB)",
        bytes as f64 / 1e6
    );

    let t_decode = median(runs, || {
        black_box(decode_all(&files));
    });
    let t_cold = median(runs, || {
        let _ = fs::remove_file(&index_file);
        black_box(search_index::update(&paths.library, &index_file, true));
    });
    let (_, warm_stats) = search_index::update(&paths.library, &index_file, true);
    let index_bytes = fs::metadata(&index_file).map_or(0, |m| m.len());
    // A selective query (a few dozen hits): what a person looks something up with.
    let selective = ["wafer", "person:3", "tag:fab", "after:2026-01-25"];
    let mut selective_hits = 0;
    let t_selective = median(fast_runs, || {
        selective_hits = cli_search(&paths, &selective);
    });
    // Its parts: the index brought up to date and searched, then the snippets cut.
    let sel_query = Query::parse(&selective.join(" ")).expect("query");
    let (sel_index, _) = search_index::update(&paths.library, &index_file, false);
    let sel_hits = run_query(&sel_index, &sel_query, &ReadState::new());
    let t_sel_query = median(fast_runs, || {
        black_box(run_query(&sel_index, &sel_query, &ReadState::new()));
    });
    let t_sel_snippets = median(fast_runs, || {
        black_box(search_index::snippets(
            &sel_index,
            &sel_hits,
            &sel_query.words,
        ));
    });
    let sel_digests = {
        let mut d: Vec<usize> = sel_hits.iter().map(|h| h.digest).collect();
        d.dedup();
        d.len()
    };
    // A broad query: every synthetic article holds these words, so every article is a hit;
    // timed without snippets (the app shows a screenful, the command would print 30,000 lines).
    let broad = Query::parse("zürich rust").expect("query");
    let read = ReadState::new();
    let mut broad_hits = 0;
    let t_broad = median(fast_runs, || {
        let (index, _) = search_index::update(&paths.library, &index_file, true);
        broad_hits = run_query(&index, &broad, &read).len();
        black_box(index);
    });
    let t_load = median(fast_runs, || {
        black_box(search_index::update(&paths.library, &index_file, false));
    });
    let t_people = median(fast_runs, || {
        let mut out = Vec::new();
        people::people_with(&paths, &[], PeopleSort::Count, &mut out);
        black_box(out);
    });
    let (index, _) = search_index::update(&paths.library, &index_file, false);
    let t_people_mem = median(fast_runs, || {
        black_box(all_people(&index, PeopleSort::Name));
    });

    println!(
        "   (a) decode every file (1 core)     {:9.2} ms",
        ms(t_decode)
    );
    println!(
        "   (b) cold index build               {:9.2} ms  (index {:.1} MB; warm {warm_stats:?})",
        ms(t_cold),
        index_bytes as f64 / 1e6
    );
    println!(
        "   (c) newsdeck search, selective     {:9.2} ms  ({selective_hits} hits, snippets included)",
        ms(t_selective)
    );
    println!(
        "       of which: query in memory      {:9.2} ms",
        ms(t_sel_query)
    );
    println!(
        "       of which: snippets             {:9.2} ms  (from {sel_digests} digests)",
        ms(t_sel_snippets)
    );
    println!(
        "   (d) warm index + broad query       {:9.2} ms  ({broad_hits} hits, no snippets)",
        ms(t_broad)
    );
    println!(
        "       of which: stat + read index    {:9.2} ms",
        ms(t_load)
    );
    println!(
        "   (e) newsdeck people, warm          {:9.2} ms  (in memory {:.2} ms)",
        ms(t_people),
        ms(t_people_mem)
    );
    let ratio = |t: Duration| t.as_secs_f64() / t_decode.as_secs_f64();
    let r_sel = ratio(t_selective);
    let r_broad = ratio(t_broad);
    println!(
        "\n   selective search / decode-all = {r_sel:.3}x (budget <= 0.1x): {}",
        verdict(r_sel <= 0.1)
    );
    println!(
        "   broad search / decode-all = {r_broad:.3}x (budget <= 0.1x): {}",
        verdict(r_broad <= 0.1)
    );
}
