//! Explaining every match: the passage aligner run on every (member,
//! origin) pair of every cluster of a generated corpus, next to the
//! clustering run of the same corpus, in the same bench run.
//!
//! * `cluster`: `neardup cluster` through the library with the defaults (as
//!   in the end-to-end bench): read, sign, bucket, verify, cluster, write.
//! * `fetch_and_align_all_pairs`: what explaining every match adds after
//!   clustering: read back the texts of every member and origin by location
//!   (the clustering keeps no text), then align each member with its origin
//!   (each origin prepared once per cluster: [`neardup::align::Prepared`]).
//! * `align_all_pairs`: the alignments alone, texts in memory.
//! * `explain_all_pairs`: `neardup explain` on every pair, texts in memory
//!   (exact shingle sets and scores, wire credits, origin, alignment).
//!
//! Pairs are processed in parallel (rayon), as clustering is. At the end the
//! ratios of the medians to the clustering median are printed.
//!
//! `cargo bench --bench explain`; corpus size with NEARDUP_BENCH_MB
//! (default 20 here; the numbers in docs/benchmarks.md are for 100).

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use neardup::align::{align_prepared, AlignParams, Prepared};
use neardup::corpus::{expand_inputs, fetch_texts, Location};
use neardup::explain::explain;
use neardup::params::Params;
use neardup::pipeline::Outcome;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Each cluster of 2+ as (origin, other members), by location.
type Group<T> = (T, Vec<T>);

fn match_groups(outcome: &Outcome) -> Vec<Group<Location>> {
    let loc = |d: u32| outcome.docs[d as usize].location;
    outcome
        .clustering
        .duplicate_clusters()
        .map(|c| {
            let members = c.members.iter().filter(|m| m.doc != c.origin);
            (loc(c.origin), members.map(|m| loc(m.doc)).collect())
        })
        .collect()
}

/// Aligns every member with its origin, preparing each origin once;
/// returns the passages found (so that nothing is optimised away).
fn align_groups(groups: &[Group<&str>], al: &AlignParams) -> usize {
    groups
        .par_iter()
        .flat_map_iter(|(origin, members)| {
            let o = Prepared::new(origin, al);
            members
                .iter()
                .map(move |m| align_prepared(&o, &Prepared::new(m, al), al).passages.len())
                .collect::<Vec<_>>()
        })
        .sum()
}

/// Reads back the texts of every cluster's origin and members.
fn fetch(path: &Path, groups: &[Group<Location>]) -> Vec<Group<String>> {
    let params = Params::default();
    let (sources, _) = expand_inputs(&[path.to_path_buf()], params.input_format);
    let wanted: Vec<Location> = groups
        .iter()
        .flat_map(|(o, ms)| std::iter::once(*o).chain(ms.iter().copied()))
        .collect();
    let mut texts = fetch_texts(&sources, &params.fields, &wanted);
    let mut take = |l: &Location| texts.remove(&(l.source, l.offset)).expect("fetched");
    groups
        .iter()
        .map(|(o, ms)| (take(o), ms.iter().map(&mut take).collect()))
        .collect()
}

fn borrowed(groups: &[Group<String>]) -> Vec<Group<&str>> {
    groups
        .iter()
        .map(|(o, ms)| (o.as_str(), ms.iter().map(String::as_str).collect()))
        .collect()
}

/// Median of a finished criterion bench, in nanoseconds, from its
/// estimates file (criterion's output directory: CRITERION_HOME, else
/// $CARGO_TARGET_DIR/criterion, else target/criterion).
fn median_ns(group: &str, bench: &str) -> Option<f64> {
    let home = std::env::var_os("CRITERION_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("CARGO_TARGET_DIR").map(|t| Path::new(&t).join("criterion")))
        .unwrap_or_else(|| PathBuf::from("target/criterion"));
    let path = home.join(group).join(bench).join("new/estimates.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn bench_explain(c: &mut Criterion) {
    let mb = common::corpus_mb_or(20);
    let path = common::corpus_file(mb);
    let outcome = common::neardup_cluster(&path, &Params::default());
    let groups = match_groups(&outcome);
    let owned = fetch(&path, &groups);
    let texts = borrowed(&owned);
    let pairs: Vec<(&str, &str)> = texts
        .iter()
        .flat_map(|(o, ms)| ms.iter().map(move |m| (*o, *m)))
        .collect();
    let bytes: usize = pairs.iter().map(|(a, b)| a.len() + b.len()).sum();
    eprintln!(
        "explain bench: {} documents, {} clusters of 2+, {} (member, origin) pairs, {:.1} MB of pair text",
        outcome.docs.len(),
        groups.len(),
        pairs.len(),
        bytes as f64 / 1e6
    );
    let params = Params::default();
    let al = AlignParams::default();

    let group = format!("explain_{mb}mb");
    let mut g = c.benchmark_group(&group);
    g.sample_size(10);
    g.bench_function("cluster", |b| {
        b.iter(|| {
            common::neardup_cluster(&path, &Params::default())
                .clustering
                .clusters
                .len()
        })
    });
    g.bench_function("fetch_and_align_all_pairs", |b| {
        b.iter(|| align_groups(&borrowed(&fetch(&path, &groups)), &al))
    });
    g.bench_function("align_all_pairs", |b| b.iter(|| align_groups(&texts, &al)));
    g.bench_function("explain_all_pairs", |b| {
        b.iter(|| {
            pairs
                .par_iter()
                .map(|(o, m)| explain(o, m, &params).alignment.passages.len())
                .sum::<usize>()
        })
    });
    g.finish();

    if let Some(base) = median_ns(&group, "cluster") {
        eprintln!(
            "medians against clustering the same corpus ({:.0} ms):",
            base / 1e6
        );
        for bench in [
            "fetch_and_align_all_pairs",
            "align_all_pairs",
            "explain_all_pairs",
        ] {
            if let Some(t) = median_ns(&group, bench) {
                eprintln!("  {bench}: {:.0} ms = {:.2} x cluster", t / 1e6, t / base);
            }
        }
    }
}

criterion_group! {
    name = explain_benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(15));
    targets = bench_explain
}
criterion_main!(explain_benches);
