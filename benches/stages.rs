//! One bench per stage: reading JSON lines, shingling, signatures (next
//! to the bare tokenize-and-hash floor), LSH bucketing, verification +
//! clustering.
//!
//! `cargo bench --bench stages`; corpus size with NEARDUP_BENCH_MB (default 100;
//! the stage benches use a fifth of it).

mod common;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use neardup::cluster::{finish, verbatim_stars};
use neardup::lsh::{candidate_pairs, LshParams};
use neardup::params::Params;
use neardup::shingle::Boilerplate;
use neardup::signing::{shingle_text, with_scratch, DocInfo, Signer};
use neardup::verify::verify_pairs;
use rayon::prelude::*;
use std::time::Duration;

fn stage_mb() -> u64 {
    (common::corpus_mb() / 5).max(4)
}

fn texts(lines: &[String]) -> Vec<String> {
    lines
        .par_iter()
        .map(|l| serde_json::from_str::<common::Rec>(l).expect("json").text)
        .collect()
}

/// Signs all lines the way the pipeline does (parse + sign), in parallel.
fn sign_lines(lines: &[String], signer: &Signer<'_>) -> Vec<(DocInfo, Vec<u16>)> {
    lines
        .par_iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let rec: common::Rec = serde_json::from_str(line).expect("json");
            let mut sig = vec![0u16; signer.params.num_perm];
            let mut spin_sig = vec![0u16; signer.spin_num_perm()];
            let t = with_scratch(|s| signer.sign(&rec.text, s, &mut sig, &mut spin_sig)).ok()?;
            let location = neardup::corpus::Location {
                source: 0,
                line: i as u64 + 1,
                offset: 0,
                len: 0,
            };
            let doc = DocInfo::signed(&format!("{i:08}"), None, location, &t);
            Some((doc, sig))
        })
        .collect()
}

/// Reading records: `parse_line` with the default (flat) field names,
/// which take the quick reader (`corpus/jsonl_quick.rs`), against the same
/// lines read by serde_json, which a dotted field name sends them to. The
/// dotted site name names no key of these records, so serde_json reads one
/// field fewer (the url).
fn bench_parsing(c: &mut Criterion) {
    use neardup::corpus::{parse_line, FieldNames, Location};
    let (lines, bytes) = common::corpus_lines(stage_mb());
    let flat = FieldNames::default();
    let dotted = FieldNames {
        site: "none.url".into(),
        ..FieldNames::default()
    };
    let read = |names: &FieldNames| {
        lines
            .iter()
            .map(|l| {
                let r = parse_line(l, names, Location::default(), String::new).expect("record");
                r.text.len() + r.id.len()
            })
            .sum::<usize>()
    };
    assert_eq!(read(&flat), read(&dotted));
    let mut g = c.benchmark_group("parsing");
    g.throughput(Throughput::Bytes(bytes)).sample_size(10);
    g.bench_function("quick reader (one thread)", |b| b.iter(|| read(&flat)));
    g.bench_function("serde_json (one thread)", |b| b.iter(|| read(&dotted)));
    g.finish();
}

fn bench_shingling(c: &mut Criterion) {
    let (lines, _) = common::corpus_lines(stage_mb());
    let texts = texts(&lines);
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let params = Params::default();
    let mut g = c.benchmark_group("shingling");
    g.throughput(Throughput::Bytes(bytes)).sample_size(10);
    g.bench_function("tokenize+shingle (text in memory)", |b| {
        b.iter(|| {
            texts
                .par_iter()
                .map(|t| with_scratch(|s| shingle_text(t, &params, s).0 as u64))
                .sum::<u64>()
        })
    });
    g.finish();
}

fn bench_signatures(c: &mut Criterion) {
    let (lines, bytes) = common::corpus_lines(stage_mb());
    let params = Params {
        spin: None,
        ..Params::default()
    };
    let with_spin = Params::default();
    let boiler = Boilerplate::default();
    let signer = Signer::new(&params, &boiler);
    let spin_signer = Signer::new(&with_spin, &boiler);
    let mut g = c.benchmark_group("signatures");
    g.throughput(Throughput::Bytes(bytes)).sample_size(10);
    // The floor and neardup's signing over the same JSON lines, in one run:
    // docs/benchmarks.md reports the ratio of their medians.
    g.bench_function("bare loop: parse+lowercase+split+xxh3 5-grams", |b| {
        b.iter(|| common::bare_tokenize_and_hash(&lines))
    });
    g.bench_function("neardup: parse+tokenize+shingle+OPH 128", |b| {
        b.iter(|| sign_lines(&lines, &signer).len())
    });
    // The spin view's signing cost, as a ratio to the line above.
    g.bench_function("neardup + spin view: immutables+OPH 64", |b| {
        b.iter(|| sign_lines(&lines, &spin_signer).len())
    });
    g.finish();
    let mut g = c.benchmark_group("signatures_docs");
    g.throughput(Throughput::Elements(lines.len() as u64))
        .sample_size(10);
    g.bench_function("neardup: docs per second", |b| {
        b.iter(|| sign_lines(&lines, &signer).len())
    });
    g.finish();
}

fn bench_lsh_and_clustering(c: &mut Criterion) {
    let (lines, _) = common::corpus_lines(stage_mb());
    let params = Params {
        spin: None,
        ..Params::default()
    };
    let boiler = Boilerplate::default();
    let signed = sign_lines(&lines, &Signer::new(&params, &boiler));
    let docs: Vec<DocInfo> = signed.iter().map(|(d, _)| d.clone()).collect();
    let sigs: Vec<u16> = signed.iter().flat_map(|(_, s)| s.iter().copied()).collect();
    let active = vec![true; docs.len()];
    let lsh = LshParams::for_threshold(params.lsh_threshold, params.num_perm, 0.5, 0.5);
    let mut g = c.benchmark_group("lsh");
    g.throughput(Throughput::Elements(docs.len() as u64))
        .sample_size(10);
    g.bench_function("candidate pairs (docs/s)", |b| {
        b.iter(|| candidate_pairs(&sigs, params.num_perm, lsh, &active).len())
    });
    g.finish();
    let pairs = candidate_pairs(&sigs, params.num_perm, lsh, &active);
    let mut g = c.benchmark_group("clustering");
    g.throughput(Throughput::Elements(docs.len() as u64))
        .sample_size(10);
    g.bench_function("verify + union-find + origins (docs/s)", |b| {
        b.iter_batched(
            || (),
            |_| {
                let edges = verify_pairs(&pairs, &docs, &sigs, &params);
                let (stars, _) = verbatim_stars(&docs, &active, &edges, &params);
                finish(stars, &docs).clusters.len()
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group! {
    name = stages;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(8));
    targets = bench_parsing, bench_shingling, bench_signatures, bench_lsh_and_clustering
}
criterion_main!(stages);
