//! Shared bench fixtures: a generated crawl-like corpus and the bare
//! tokenize-and-hash loop that signing is compared against.
#![allow(dead_code)]

use neardup::corpus::expand_inputs;
use neardup::params::Params;
use neardup::pipeline::{run, NoProgress, Outcome};
use neardup_cli::report::{docs::DocsWriter, Selection, Writer};
use neardup_synth::{generate, SynthConfig};
use rayon::prelude::*;
use std::path::PathBuf;
use xxhash_rust::xxh3::xxh3_64;

/// Size of the end-to-end corpus in MB (`NEARDUP_BENCH_MB`, default 100).
pub fn corpus_mb() -> u64 {
    corpus_mb_or(100)
}

/// Size of the corpus in MB: `NEARDUP_BENCH_MB`, else `default`.
pub fn corpus_mb_or(default: u64) -> u64 {
    std::env::var("NEARDUP_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A generated corpus of about `mb` megabytes, written once under
/// `target/bench-data/` and reused (the generator is deterministic).
pub fn corpus_file(mb: u64) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench data dir");
    let path = dir.join(format!("crawl-{mb}mb-seed7.jsonl"));
    if !path.exists() {
        let tmp = path.with_extension("partial");
        let mut corpus =
            std::io::BufWriter::new(std::fs::File::create(&tmp).expect("create corpus"));
        let mut truth = std::io::sink();
        let mut spin = std::io::sink();
        generate(
            &SynthConfig::with_target_bytes(7, mb << 20),
            &mut corpus,
            &mut truth,
            &mut spin,
        )
        .expect("generate");
        drop(corpus);
        std::fs::rename(&tmp, &path).expect("rename corpus");
    }
    path
}

/// `neardup cluster` on `path` through the library: read, sample
/// boilerplate, sign, bucket, verify, cluster, and write the per-document
/// output (to nowhere).
pub fn neardup_cluster(path: &std::path::Path, params: &Params) -> Outcome {
    let (sources, _) = expand_inputs(&[path.to_path_buf()], params.input_format);
    let outcome = run(&sources, Default::default(), params, &NoProgress);
    DocsWriter
        .write(&outcome, Selection::All, &mut std::io::sink())
        .expect("write");
    outcome
}

/// The corpus as lines (JSON records) in memory.
pub fn corpus_lines(mb: u64) -> (Vec<String>, u64) {
    let text = std::fs::read_to_string(corpus_file(mb)).expect("read corpus");
    let bytes = text.len() as u64;
    (text.lines().map(str::to_owned).collect(), bytes)
}

#[derive(serde::Deserialize)]
pub struct Rec {
    pub text: String,
}

/// The floor the field notes quote: parse the JSON, lowercase, split words,
/// xxh3 every word 5-gram. Returns an XOR of the hashes so nothing is elided.
pub fn bare_tokenize_and_hash(lines: &[String]) -> u64 {
    lines
        .par_iter()
        .map(|line| {
            let rec: Rec = serde_json::from_str(line).expect("json");
            let lower = rec.text.to_lowercase();
            let bytes = lower.as_bytes();
            let words: Vec<(usize, usize)> = lower
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let start = w.as_ptr() as usize - bytes.as_ptr() as usize;
                    (start, start + w.len())
                })
                .collect();
            let mut acc = 0u64;
            for win in words.windows(5) {
                acc ^= xxh3_64(&bytes[win[0].0..win[4].1]);
            }
            acc
        })
        .reduce(|| 0, |a, b| a ^ b)
}
