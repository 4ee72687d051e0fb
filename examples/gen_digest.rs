//! Writes deterministic synthetic digests for benchmarks and manual testing.
//!
//! `cargo run --release --example gen_digest -- ARTICLES OUT.json [SEED]`
//! `cargo run --release --example gen_digest -- --short ARTICLES OUT.json [SEED]` (the second
//! shape: many short, escape-heavy articles, see `synth::short_digest`)
//! `cargo run --release --example gen_digest -- --library FILES ARTICLES DIR`
//! `cargo run --release --example gen_digest -- --library --brief FILES ARTICLES DIR` (short
//! articles, a title and date per file: `synth::brief_digest`, budget 3's library)

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |s: &str| s.parse::<usize>().ok();
    let result = match args.as_slice() {
        [flag, files, articles, dir] if flag == "--library" => {
            match (number(files), number(articles)) {
                (Some(files), Some(articles)) => {
                    library(files, articles, Path::new(dir), newsdeck::synth::digest)
                }
                _ => Err("FILES and ARTICLES must be numbers".into()),
            }
        }
        [flag, brief, files, articles, dir] if flag == "--library" && brief == "--brief" => {
            match (number(files), number(articles)) {
                (Some(files), Some(articles)) => {
                    library(files, articles, Path::new(dir), newsdeck::synth::brief_digest)
                }
                _ => Err("FILES and ARTICLES must be numbers".into()),
            }
        }
        [flag, articles, out, rest @ ..] if flag == "--short" && rest.len() <= 1 => {
            write_one(articles, out, rest, newsdeck::synth::short_digest)
        }
        [articles, out, rest @ ..] if rest.len() <= 1 => {
            write_one(articles, out, rest, newsdeck::synth::digest)
        }
        _ => Err(
            "usage: gen_digest [--short] ARTICLES OUT.json [SEED] | gen_digest --library [--brief] FILES ARTICLES DIR"
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

fn write_one(
    articles: &str,
    out: &str,
    rest: &[String],
    generate: fn(usize, u64) -> Vec<u8>,
) -> Result<(), String> {
    let seed = rest.first().and_then(|s| s.parse().ok()).unwrap_or(1);
    match articles.parse::<usize>() {
        Ok(n) => std::fs::write(out, generate(n, seed)).map_err(|e| format!("{out}: {e}")),
        Err(_) => Err("ARTICLES must be a number".into()),
    }
}

fn library(
    files: usize,
    articles: usize,
    dir: &Path,
    generate: fn(usize, u64) -> Vec<u8>,
) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for i in 0..files {
        let path = dir.join(format!("digest-{i:05}.json"));
        std::fs::write(&path, generate(articles, i as u64 + 1))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
