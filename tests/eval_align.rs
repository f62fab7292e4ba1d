//! The passage aligner scored against the generator's passage truth
//! (`neardup_eval::align`), and `neardup eval-align` through the binary.

mod common;

use neardup::align::AlignParams;
use neardup_eval::align::{
    evaluate_records, parse_alignment_truth, parse_spin_log, summarise, AlignReport, CaseScore,
};
use neardup_synth::{generate_all, SynthConfig};
use std::collections::HashMap;

/// Generates a corpus with a spun rewrite for every story and scores the
/// aligner on it.
fn scored(seed: u64, bytes: u64) -> (AlignReport, f64) {
    let mut cfg = SynthConfig::with_target_bytes(seed, bytes);
    cfg.spun_share = 1.0;
    let (mut corpus, mut truth, mut spin, mut align) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    generate_all(
        &cfg,
        &mut corpus,
        &mut truth,
        &mut spin,
        &mut std::io::sink(),
        &mut align,
    )
    .unwrap();
    let texts: HashMap<String, String> = std::str::from_utf8(&corpus)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let records = parse_alignment_truth(std::str::from_utf8(&align).unwrap(), "truth").unwrap();
    let spins = parse_spin_log(std::str::from_utf8(&spin).unwrap(), "spin").unwrap();
    let results = evaluate_records(&records, &texts, &spins, &AlignParams::default()).unwrap();
    // Characters of both texts of every hard-negative pair.
    let hn_chars: usize = records
        .iter()
        .filter(|r| r.case == "hard_negative")
        .map(|r| texts[&r.id].chars().count() + texts[&r.source_id].chars().count())
        .sum();
    (summarise(&results, 5), hn_chars as f64)
}

fn case<'r>(r: &'r AlignReport, name: &str) -> &'r CaseScore {
    r.cases
        .iter()
        .find(|c| c.case == name)
        .unwrap_or_else(|| panic!("no {name} pairs"))
}

#[test]
fn aligner_meets_the_quality_floors_on_a_generated_corpus() {
    let (r, hn_chars) = scored(5, 3_000_000);
    for (name, floor) in [
        ("exact", 0.99),
        ("syndicated", 0.95),
        ("truncated", 0.95),
        ("boilerplate", 0.95),
        ("spun15", 0.95),
        ("spun30", 0.95),
        ("spun45", 0.90),
    ] {
        let c = case(&r, name);
        assert!(c.pairs >= 10, "{name}: {} pairs", c.pairs);
        assert!(c.f1 >= floor, "{name}: F1 {:.4} < {floor}", c.f1);
        assert!(c.granularity < 1.2, "{name}: granularity {}", c.granularity);
    }
    for (name, floor) in [("spun15", 0.90), ("spun30", 0.90), ("spun45", 0.85)] {
        let share = case(&r, name).substitutions_recovered.unwrap();
        assert!(share >= floor, "{name}: {share:.4} of logged swaps listed");
    }
    // Independent articles on one event: little text aligned (shared quotes
    // and long stock sentences only).
    let hn = case(&r, "hard_negative");
    assert!(hn.pairs >= 50);
    let aligned = hn.counts.detected_chars as f64 / hn_chars;
    assert!(aligned < 0.08, "{aligned:.4} of hard-negative text aligned");
    assert!(r.all_copies.f1 >= 0.98, "{}", r.all_copies.f1);
}

#[test]
fn eval_align_reports_every_case_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    common::run_ok(&["generate", "-o", d, "--mb", "1", "--seed", "3"]);
    assert!(dir.path().join("alignment_truth.jsonl").exists());
    let out = common::run_ok(&["eval-align", d, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cases: Vec<&str> = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["case"].as_str().unwrap())
        .collect();
    for want in [
        "exact",
        "syndicated",
        "truncated",
        "boilerplate",
        "hard_negative",
    ] {
        assert!(cases.contains(&want), "{cases:?}");
    }
    assert!(v["all_copies"]["f1"].as_f64().unwrap() > 0.95);
    let text = common::run_ok(&["eval-align", d]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("granularity") && text.contains("all copies"),
        "{text}"
    );

    // A directory without the truth is bad input.
    let empty = tempfile::tempdir().unwrap();
    let out = common::run(&["eval-align", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", common::describe(&out));
}
