//! Writes deterministic synthetic digests for benchmarks and manual testing.
//!
//! `cargo run --release --example gen_digest -- ARTICLES OUT.json [SEED]`
//! `cargo run --release --example gen_digest -- --library FILES ARTICLES DIR`

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |s: &str| s.parse::<usize>().ok();
    let result = match args.as_slice() {
        [flag, files, articles, dir] if flag == "--library" => {
            match (number(files), number(articles)) {
                (Some(files), Some(articles)) => library(files, articles, Path::new(dir)),
                _ => Err("FILES and ARTICLES must be numbers".into()),
            }
        }
        [articles, out, rest @ ..] if rest.len() <= 1 => {
            let seed = rest.first().and_then(|s| s.parse().ok()).unwrap_or(1);
            match number(articles) {
                Some(n) => std::fs::write(out, newsdeck::synth::digest(n, seed))
                    .map_err(|e| format!("{out}: {e}")),
                None => Err("ARTICLES must be a number".into()),
            }
        }
        _ => Err(
            "usage: gen_digest ARTICLES OUT.json [SEED] | gen_digest --library FILES ARTICLES DIR"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_digest: {e}");
            ExitCode::from(2)
        }
    }
}

fn library(files: usize, articles: usize, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for i in 0..files {
        let path = dir.join(format!("digest-{i:05}.json"));
        std::fs::write(&path, newsdeck::synth::digest(articles, i as u64 + 1))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
