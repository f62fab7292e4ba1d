//! `neardup eval`, `tune` and `generate` through the binary.

mod common;

use common::{run_with_stdin, samples};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

fn run(args: &[&str]) -> std::process::Output {
    run_with_stdin(args, None)
}

fn ok_stdout(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Pairs together in a labelling, counted directly from the TSV.
fn true_pairs(tsv: &str) -> u64 {
    let mut sizes: HashMap<&str, u64> = HashMap::new();
    for line in tsv.lines().skip(1) {
        *sizes.entry(line.split('\t').nth(1).unwrap()).or_default() += 1;
    }
    sizes.values().map(|n| n * (n - 1) / 2).sum()
}

/// Clusters `corpus` into `pred` (with `extra` flags) and scores it against
/// `truth` (JSON report).
fn cluster_and_eval(corpus: &Path, truth: &Path, pred: &Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "cluster",
        corpus.to_str().unwrap(),
        "-q",
        "-o",
        pred.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ok_stdout(&args);
    let report = ok_stdout(&[
        "eval",
        "--truth",
        truth.to_str().unwrap(),
        pred.to_str().unwrap(),
        "--json",
    ]);
    serde_json::from_str(&report).unwrap()
}

/// Generates a corpus (`--mb`, `--seed`, `--spun-share`), clusters it with
/// the defaults and returns the eval report (and the directory holding it).
fn generate_and_eval(mb: &str, seed: &str, spun_share: &str) -> (tempfile::TempDir, Value) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let gen = run(&[
        "generate",
        "-o",
        d,
        "--mb",
        mb,
        "--seed",
        seed,
        "--spun-share",
        spun_share,
    ]);
    assert!(
        gen.status.success(),
        "{}",
        String::from_utf8_lossy(&gen.stderr)
    );
    let corpus = dir.path().join("corpus.jsonl");
    let truth = dir.path().join("truth.tsv");
    let pred = dir.path().join("pred.jsonl");
    let r = cluster_and_eval(&corpus, &truth, &pred, &[]);
    (dir, r)
}

#[test]
fn eval_scores_the_samples_against_their_truth() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    let crawl = samples().join("crawl.jsonl");
    let truth = samples().join("expected_clusters.tsv");
    let tsv = std::fs::read_to_string(&truth).unwrap();
    let spun_recall = |json: &Value| {
        json["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["case"] == "spun")
            .unwrap()["recall"]
            .as_f64()
            .unwrap()
    };
    let json = cluster_and_eval(&crawl, &truth, &pred, &[]);
    assert_eq!(json["true_pairs"].as_u64().unwrap(), true_pairs(&tsv));
    assert_eq!(json["precision"].as_f64().unwrap(), 1.0, "{json}");
    assert_eq!(json["recall"].as_f64().unwrap(), 1.0, "{json}");
    assert_eq!(spun_recall(&json), 1.0);
    assert!(json["worst_misses"].as_array().unwrap().is_empty());

    // Without the spin view the spun rewrite's pairs with the 7 other copies
    // of story A are missed, and eval lists it among the worst misses.
    let json = cluster_and_eval(&crawl, &truth, &pred, &["--no-spin"]);
    assert_eq!(json["precision"].as_f64().unwrap(), 1.0, "{json}");
    let missed =
        json["true_pairs"].as_u64().unwrap() - json["true_positive_pairs"].as_u64().unwrap();
    assert_eq!(missed, 7, "{json}");
    assert_eq!(spun_recall(&json), 0.0);
    assert_eq!(json["worst_misses"].as_array().unwrap().len(), 1);
    let text = ok_stdout(&[
        "eval",
        "--truth",
        truth.to_str().unwrap(),
        pred.to_str().unwrap(),
    ]);
    assert!(text.contains("pairwise precision 1.0000"), "{text}");
    assert!(text.contains("worst misses"), "{text}");
    assert!(
        text.contains("(J "),
        "members show their similarity to the origin: {text}"
    );
}

#[test]
fn eval_errors_name_file_and_line() {
    let eval = |truth: &Path, pred: &Path| {
        run(&[
            "eval",
            "--truth",
            truth.to_str().unwrap(),
            pred.to_str().unwrap(),
        ])
    };
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("truth.tsv");
    std::fs::write(&bad, "doc\tlabel\na\tx\n").unwrap();
    let pred = dir.path().join("pred.jsonl");
    std::fs::write(&pred, "{\"id\":\"a\",\"cluster_id\":0}\n").unwrap();
    let out = eval(&bad, &pred);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("truth.tsv:1"), "{err}");
    std::fs::write(&bad, "id\tcluster\na\tx\n").unwrap();
    std::fs::write(&pred, "{\"id\":\"a\",\"cluster_id\":0}\nnot json\n").unwrap();
    let out = eval(&bad, &pred);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pred.jsonl:2"));
}

/// A quality floor on a generated corpus without spun copies: the issue's
/// targets (precision ≥ 0.99, recall ≥ 0.97, no hard negative merged).
#[test]
fn generated_corpus_meets_the_quality_targets() {
    let (_dir, r) = generate_and_eval("2", "11", "0");
    assert!(r["precision"].as_f64().unwrap() >= 0.99, "{r}");
    assert!(r["recall"].as_f64().unwrap() >= 0.97, "{r}");
    for c in r["cases"].as_array().unwrap() {
        assert_eq!(c["falsely_merged"].as_u64().unwrap(), 0, "{c}");
    }
    assert!(
        r["true_pairs"].as_u64().unwrap() > 100,
        "the corpus has real clusters: {r}"
    );
}

/// The spin targets on a generated corpus where half the stories also get a
/// spun rewrite (15%, 30% or 45% of content words swapped) among hard
/// negatives: recall ≥ 0.97 at 30% and ≥ 0.85 at 45%, precision ≥ 0.99.
#[test]
fn generated_spun_rewrites_meet_the_spin_targets() {
    let (dir, r) = generate_and_eval("6", "12", "0.5");
    assert!(r["precision"].as_f64().unwrap() >= 0.99, "{r}");
    let case = |name: &str| {
        r["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["case"] == name)
            .unwrap_or_else(|| panic!("no {name} in {r}"))
            .clone()
    };
    for (name, floor) in [("spun15", 0.97), ("spun30", 0.97), ("spun45", 0.85)] {
        let c = case(name);
        assert!(c["docs"].as_u64().unwrap() >= 10, "{c}");
        assert!(c["recall"].as_f64().unwrap() >= floor, "{c}");
    }
    assert_eq!(case("hard_negative")["falsely_merged"].as_u64(), Some(0));

    // Relations: spun copies are called `spun` (light ones too, which the
    // verbatim view joins by itself), other copies never are.
    let truth = std::fs::read_to_string(dir.path().join("truth.tsv")).unwrap();
    let case_of: std::collections::HashMap<&str, &str> = truth
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some((*f.first()?, *f.get(2)?))
        })
        .collect();
    let pred = std::fs::read_to_string(dir.path().join("pred.jsonl")).unwrap();
    let (mut spun, mut spun_called_spun) = (0, 0);
    for line in pred.lines() {
        let d: Value = serde_json::from_str(line).unwrap();
        let (id, rel) = (d["id"].as_str().unwrap(), d["relation"].as_str().unwrap());
        if case_of[id].starts_with("spun") {
            spun += 1;
            spun_called_spun += usize::from(rel == "spun");
        } else {
            assert_ne!(rel, "spun", "{id} ({}) called spun", case_of[id]);
        }
    }
    assert!(
        spun_called_spun * 10 >= spun * 9,
        "{spun_called_spun} of {spun}"
    );
}

#[test]
fn tune_prints_a_curve_and_the_best_setting() {
    let crawl = samples().join("crawl.jsonl");
    let truth = samples().join("expected_clusters.tsv");
    let out = ok_stdout(&[
        "tune",
        crawl.to_str().unwrap(),
        "--truth",
        truth.to_str().unwrap(),
        "--shingle-sizes",
        "3,5",
        "--thresholds",
        "0.4,0.6",
        "-q",
    ]);
    let rows = out
        .lines()
        .filter(|l| l.trim_start().starts_with(['3', '5']))
        .count();
    assert_eq!(rows, 4, "{out}");
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("best: --shingle-size"),
        "{out}"
    );
}
