//! End to end on a generated crawl-like corpus (default 100 MB of JSON Lines):
//! `neardup cluster` through the library (read, sample boilerplate, sign,
//! bucket, verify, cluster, write the per-document output), next to gaoya, the
//! fastest Rust MinHash crate, used as its README shows (MinHasher32 with 128
//! hashes over lowercased word 5-grams, MinHashIndex with parallel bulk insert
//! and query, clusters by union-find over the query results) on the same file,
//! with neardup's shingles: words are runs of letters and digits, a shingle
//! is a window of 5 of them (gaoya's `shingle_text` makes *character*
//! 5-grams, five times as many; the bench used it until 2026-11-30 and
//! overstated the ratio to gaoya by about that much),
//! in the same run. `neardup cluster --no-spin` runs too, so the spin view's
//! cost is measured as a ratio in the same run.
//!
//! `cargo bench --bench end_to_end`; size with NEARDUP_BENCH_MB.

mod common;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gaoya::minhash::{MinHashIndex, MinHasher, MinHasher32};
use neardup::params::Params;
use rayon::prelude::*;
use std::time::Duration;

fn gaoya_cluster(path: &std::path::Path) -> usize {
    let data = std::fs::read_to_string(path).expect("read corpus");
    let lines: Vec<&str> = data.lines().collect();
    let hasher = MinHasher32::new(128);
    let sigs: Vec<Vec<u32>> = lines
        .par_iter()
        .map(|l| {
            let rec: common::Rec = serde_json::from_str(l).expect("json");
            let lower = rec.text.to_lowercase();
            let words: Vec<&str> = lower
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            hasher.create_signature(words.windows(5))
        })
        .collect();
    let ids: Vec<u32> = (0..sigs.len() as u32).collect();
    let mut index = MinHashIndex::new(32, 4, 0.5);
    index.par_bulk_insert(ids, sigs.clone());
    let matches = index.par_bulk_query(&sigs);
    let mut parent: Vec<u32> = (0..sigs.len() as u32).collect();
    fn find(p: &mut [u32], mut x: u32) -> u32 {
        while p[x as usize] != x {
            p[x as usize] = p[p[x as usize] as usize];
            x = p[x as usize];
        }
        x
    }
    for (i, set) in matches.iter().enumerate() {
        for &j in set {
            let (a, b) = (find(&mut parent, i as u32), find(&mut parent, j));
            if a != b {
                parent[a.max(b) as usize] = a.min(b);
            }
        }
    }
    (0..sigs.len() as u32)
        .filter(|&i| find(&mut parent, i) == i)
        .count()
}

fn bench_end_to_end(c: &mut Criterion) {
    let mb = common::corpus_mb();
    let path = common::corpus_file(mb);
    let bytes = std::fs::metadata(&path).expect("corpus").len();
    let mut g = c.benchmark_group(format!("end_to_end_{mb}mb"));
    g.throughput(Throughput::Bytes(bytes)).sample_size(10);
    let verbatim_only = Params {
        spin: None,
        ..Params::default()
    };
    // The spin view's cost is the ratio of the first line to the second.
    for (name, params) in [
        ("neardup cluster (defaults)", Params::default()),
        ("neardup cluster --no-spin", verbatim_only),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                common::neardup_cluster(&path, &params)
                    .clustering
                    .clusters
                    .len()
            })
        });
    }
    g.bench_function("gaoya MinHasher32 128 + MinHashIndex 32x4", |b| {
        b.iter(|| gaoya_cluster(&path))
    });
    g.finish();
}

criterion_group! {
    name = end_to_end;
    config = Criterion::default().warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(20));
    targets = bench_end_to_end
}
criterion_main!(end_to_end);
