//! `--against`: searching a corpus for copies (verbatim or spun) of a set of
//! reference documents.

mod common;

use common::{parse_jsonl, read_truth, run, run_ok, s, samples};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Splits the samples into references (one site's originals) and the rest.
fn split(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf, BTreeSet<String>) {
    let raw = std::fs::read(samples().join("crawl.jsonl")).unwrap();
    let (mut refs, mut rest, mut ref_ids) = (String::new(), String::new(), BTreeSet::new());
    for r in parse_jsonl(&raw) {
        let line = format!("{r}\n");
        if s(&r, "id").starts_with("meridianpress/") {
            ref_ids.insert(s(&r, "id").to_string());
            refs.push_str(&line);
        } else {
            rest.push_str(&line);
        }
    }
    let (rp, cp) = (dir.join("refs.jsonl"), dir.join("corpus.jsonl"));
    std::fs::write(&rp, refs).unwrap();
    std::fs::write(&cp, rest).unwrap();
    (rp, cp, ref_ids)
}

/// `neardup cluster CORPUS --against REFS -f FORMAT`, parsed.
fn search(corpus: &Path, refs: &Path, format: &str) -> Vec<serde_json::Value> {
    let out = run_ok(&[
        "cluster",
        corpus.to_str().unwrap(),
        "--against",
        refs.to_str().unwrap(),
        "-q",
        "-f",
        format,
    ]);
    parse_jsonl(&out.stdout)
}

#[test]
fn finds_every_copy_of_each_reference_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let (refs, corpus, ref_ids) = split(dir.path());
    assert_eq!(ref_ids.len(), 2);
    let docs = search(&corpus, &refs, "docs");
    let truth = read_truth(&samples().join("expected_clusters.tsv"));
    let label: BTreeMap<&str, &str> = truth
        .iter()
        .map(|t| (t.id.as_str(), t.label.as_str()))
        .collect();
    // What the truth says the search must find: every other member of the
    // references' stories.
    let ref_labels: BTreeSet<&str> = ref_ids.iter().map(|id| label[id.as_str()]).collect();
    let want: BTreeSet<&str> = truth
        .iter()
        .filter(|t| ref_labels.contains(t.label.as_str()))
        .map(|t| t.id.as_str())
        .collect();
    let got: BTreeSet<&str> = docs.iter().map(|d| s(d, "id")).collect();
    assert_eq!(got, want, "only the references and their copies are listed");
    for d in &docs {
        assert!(
            ref_ids.contains(s(d, "origin_id")),
            "origin is a reference: {d}"
        );
        assert_eq!(label[s(d, "id")], label[s(d, "origin_id")], "{d}");
    }
    let spun: Vec<_> = docs.iter().filter(|d| s(d, "relation") == "spun").collect();
    assert_eq!(spun.len(), 1, "the spun rewrite of a reference is found");

    for c in search(&corpus, &refs, "clusters") {
        assert_eq!(s(&c, "origin_reason"), "reference", "{c}");
    }
}

#[test]
fn unreadable_reference_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (_, corpus, _) = split(dir.path());
    let missing = dir.path().join("nope.jsonl");
    let out = run(&[
        "cluster",
        corpus.to_str().unwrap(),
        "--against",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--against") && err.contains("nope.jsonl"),
        "{err}"
    );
}
