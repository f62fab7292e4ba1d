//! `neardup dedup`: one record kept per cluster (its origin), the rest listed
//! as dropped, and everything else passed through byte for byte.

mod common;

use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const RELATIONS_OF_COPIES: [&str; 4] = ["exact", "near", "excerpt", "spun"];

fn crawl() -> PathBuf {
    samples().join("crawl.jsonl")
}

/// Runs `dedup --quiet INPUT -o OUTPUT [extra...]`; returns (kept bytes, dropped rows).
fn dedup(input: &Path, output: &Path, extra: &[&str]) -> (Vec<u8>, Vec<Value>) {
    let mut args: Vec<std::ffi::OsString> = vec![
        "dedup".into(),
        "--quiet".into(),
        input.into(),
        "-o".into(),
        output.into(),
    ];
    args.extend(extra.iter().map(|&a| a.into()));
    let out = run_ok(&args);
    assert!(
        out.stdout.is_empty(),
        "dedup wrote to stdout:\n{}",
        describe(&out)
    );
    let dropped_path = match extra.iter().position(|&a| a == "--dropped") {
        Some(i) => PathBuf::from(extra[i + 1]),
        None => {
            let name = output.file_name().unwrap().to_string_lossy();
            let stem = name.strip_suffix(".jsonl").unwrap_or(&name);
            output.with_file_name(format!("{stem}.dropped.jsonl"))
        }
    };
    let kept = std::fs::read(output).expect("kept file written");
    let dropped = parse_jsonl(&std::fs::read(&dropped_path).expect("dropped file written"));
    (kept, dropped)
}

/// `cluster --format docs` for the same input, and the skipped lines with their reasons.
fn cluster(input: &Path) -> (BTreeMap<String, Value>, BTreeMap<u64, String>) {
    let dir = tempfile::tempdir().unwrap();
    let skipped = dir.path().join("skipped.jsonl");
    let out = run_ok(&[
        "cluster".as_ref(),
        "--quiet".as_ref(),
        input.as_os_str(),
        "--skipped".as_ref(),
        skipped.as_os_str(),
    ]);
    let lines = parse_jsonl(&std::fs::read(&skipped).unwrap())
        .iter()
        .map(|r| (u(r, "line"), s(r, "reason").to_string()))
        .collect();
    (docs_by_id(&parse_jsonl(&out.stdout)), lines)
}

fn lines(bytes: &[u8]) -> Vec<&[u8]> {
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    if body.is_empty() {
        return Vec::new();
    }
    body.split(|&b| b == b'\n').collect()
}

/// Checks a dedup run of a JSONL input against `cluster` on the same input.
/// Returns the ids of the kept records that were clustered.
/// With `keep_spun`, spun members are kept beside their cluster's origin.
fn check_dedup(input: &Path, kept: &[u8], dropped: &[Value], keep_spun: bool) -> BTreeSet<String> {
    let raw = std::fs::read(input).unwrap();
    // (1-based line number, line) of every record.
    let records: Vec<(u64, &[u8])> = raw
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
        .map(|(i, l)| (i as u64 + 1, l))
        .collect();
    let kept_lines = lines(kept);

    // Kept lines are input lines, byte for byte, in input order, each once.
    let mut kept_at = BTreeSet::new();
    let mut next = 0;
    for k in &kept_lines {
        let pos = records[next..]
            .iter()
            .position(|(_, l)| l == k)
            .unwrap_or_else(|| {
                panic!(
                    "kept line is not an input line (or out of order): {}",
                    String::from_utf8_lossy(k)
                )
            });
        kept_at.insert(records[next + pos].0);
        next += pos + 1;
    }

    // Dropped rows name the record's line, cluster and origin as `cluster` does.
    let (docs, skipped) = cluster(input);
    let line_no: BTreeMap<u64, &[u8]> = records.iter().copied().collect();
    let mut dropped_at = BTreeSet::new();
    for d in dropped {
        let id = s(d, "id");
        let doc = docs
            .get(id)
            .unwrap_or_else(|| panic!("dropped {id} was not clustered"));
        let n = u(d, "line");
        assert_eq!(u(d, "cluster_id"), u(doc, "cluster_id"), "{d}");
        assert_eq!(s(d, "origin_id"), s(doc, "origin_id"), "{d}");
        match d.get("repeat_of") {
            // A byte-identical repeat of an earlier record (a repeated id).
            Some(first) => {
                assert_eq!(s(d, "relation"), "exact", "{d}");
                assert_eq!(skipped.get(&n).map(String::as_str), Some("duplicate_id"));
                let at: u64 = first
                    .as_str()
                    .unwrap()
                    .rsplit(':')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                assert!(at < n, "{d}");
                assert_eq!(
                    line_no[&at], line_no[&n],
                    "repeat is not byte-identical: {d}"
                );
            }
            None => {
                assert_eq!(s(d, "relation"), s(doc, "relation"), "{d}");
                assert!(RELATIONS_OF_COPIES.contains(&s(d, "relation")), "{d}");
                assert_ne!(s(d, "origin_id"), id, "an origin was dropped: {d}");
                assert!(!skipped.contains_key(&n), "skipped line {n} dropped: {d}");
            }
        }
        assert_eq!(s(d, "source"), input.display().to_string());
        assert!(dropped_at.insert(n), "line {n} dropped twice");
        let rec: Value = serde_json::from_slice(line_no[&n]).expect("dropped line is JSON");
        assert_eq!(s(&rec, "id"), id, "line {n} of the input is not {id}");
        assert!(
            !kept_at.contains(&n),
            "{id} (line {n}) both kept and dropped"
        );
    }
    // A different record under an id already seen is left out, never kept.
    let left_out: BTreeSet<u64> = skipped
        .iter()
        .filter(|(n, r)| *r == "duplicate_id" && !dropped_at.contains(n))
        .map(|(n, _)| *n)
        .collect();
    let all: BTreeSet<u64> = records.iter().map(|r| r.0).collect();
    let union: BTreeSet<u64> = kept_at
        .iter()
        .chain(&dropped_at)
        .chain(&left_out)
        .copied()
        .collect();
    assert_eq!(union, all, "every record is kept, dropped or left out");
    assert_eq!(
        kept_lines.len() + dropped.len() + left_out.len(),
        records.len(),
        "kept + dropped + left out == input records"
    );
    // Records that could not be analysed are passed through.
    for (n, reason) in &skipped {
        if reason != "duplicate_id" {
            assert!(kept_at.contains(n), "skipped line {n} not passed through");
        }
    }

    // Exactly one clustered record per cluster is kept: its origin.
    let kept_ids: BTreeSet<String> = kept_at
        .iter()
        .filter(|n| !skipped.contains_key(n))
        .map(|n| {
            let v: Value = serde_json::from_slice(line_no[n]).unwrap();
            s(&v, "id").to_string()
        })
        .collect();
    let mut kept_per_cluster: BTreeMap<u64, Vec<&str>> = BTreeMap::new();
    for (id, doc) in &docs {
        if kept_ids.contains(id) && !(keep_spun && s(doc, "relation") == "spun") {
            kept_per_cluster
                .entry(u(doc, "cluster_id"))
                .or_default()
                .push(id);
        }
    }
    let clusters: BTreeSet<u64> = docs.values().map(|d| u(d, "cluster_id")).collect();
    for c in clusters {
        let kept = kept_per_cluster.get(&c).cloned().unwrap_or_default();
        assert_eq!(kept.len(), 1, "cluster {c}: kept {kept:?}");
        let doc = &docs[kept[0]];
        assert_eq!(
            s(doc, "origin_id"),
            kept[0],
            "cluster {c} kept a non-origin"
        );
    }
    kept_ids
}

#[test]
fn dedup_keeps_the_origin_of_each_cluster() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kept.jsonl");
    let (kept, dropped) = dedup(&crawl(), &out, &[]);
    let kept_ids = check_dedup(&crawl(), &kept, &dropped, false);

    // Against the ground truth: story origins, hard negatives and unique
    // records stay; every other copy of a story goes, the spun one too.
    let truth = read_truth(&samples().join("expected_clusters.tsv"));
    let dropped_ids: BTreeSet<&str> = dropped.iter().map(|d| s(d, "id")).collect();
    for t in &truth {
        match t.case.as_str() {
            "origin" | "hard_negative" | "unique" => {
                assert!(kept_ids.contains(&t.id), "{} ({}) not kept", t.id, t.case)
            }
            _ => assert!(
                dropped_ids.contains(t.id.as_str()),
                "{} ({}) not dropped",
                t.id,
                t.case
            ),
        }
    }
    assert_eq!(kept_ids.len() + dropped_ids.len(), truth.len());
    let spun: Vec<&Value> = dropped
        .iter()
        .filter(|d| s(d, "relation") == "spun")
        .collect();
    assert_eq!(spun.len(), 1, "{dropped:?}");
    assert!(spun[0]["substituted"].as_f64().unwrap() >= 0.03);

    // --keep-spun keeps it, and drops everything else as before.
    let (kept2, dropped2) = dedup(&crawl(), &out, &["--keep-spun"]);
    let kept2_ids = check_dedup(&crawl(), &kept2, &dropped2, true);
    assert_eq!(dropped2.len(), dropped.len() - 1);
    assert!(kept2_ids.contains(s(spun[0], "id")));
}

#[test]
fn dropped_file_location() {
    let dir = tempfile::tempdir().unwrap();
    let custom = dir.path().join("gone.jsonl");
    let out = dir.path().join("kept.jsonl");
    let (_, dropped) = dedup(&crawl(), &out, &["--dropped", custom.to_str().unwrap()]);
    assert!(!dropped.is_empty());
    assert!(
        !dir.path().join("kept.dropped.jsonl").exists(),
        "default dropped file written despite --dropped"
    );

    // An output name without .jsonl gets `.dropped.jsonl` appended.
    let out = dir.path().join("result.out");
    let (_, dropped2) = dedup(&crawl(), &out, &[]);
    assert!(dir.path().join("result.out.dropped.jsonl").exists());
    assert_eq!(dropped, dropped2);
}

#[test]
fn bad_records_pass_through_and_are_not_dropped() {
    let raw = std::fs::read(crawl()).unwrap();
    let good = nonblank_lines(&raw);
    let story_copy = "dailyrelay/2026-03-14-port-alder-dockworkers-strike";
    let bad: Vec<Vec<u8>> = vec![
        br#"{"id":"broken","text":"#.to_vec(),
        br#"[1,2,3]"#.to_vec(),
        br#"{"id":"no-text"}"#.to_vec(),
        br#"{"id":"tiny","text":"too short"}"#.to_vec(),
        br#"{"id":false,"text":"a boolean id is not an id, so this record is skipped"}"#.to_vec(),
        b"{\"id\":\"latin1\",\"text\":\"caf\xe9 \xe9\xe9 bytes that are not UTF-8 at all\"}"
            .to_vec(),
        // The same id as a story copy that is dropped, and that copy's text.
        {
            let line = good
                .iter()
                .find(|l| String::from_utf8_lossy(l).contains(story_copy))
                .unwrap();
            line.to_vec()
        },
    ];
    let mut input = Vec::new();
    let mut b = bad.iter();
    for (i, l) in good.iter().enumerate() {
        input.extend_from_slice(l);
        input.push(b'\n');
        if i % 4 == 3 {
            if let Some(x) = b.next() {
                input.extend_from_slice(x);
                input.extend_from_slice(b"\n\n");
            }
        }
    }
    for x in b {
        input.extend_from_slice(x);
        input.push(b'\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.jsonl");
    std::fs::write(&path, &input).unwrap();
    let out = dir.path().join("kept.jsonl");
    let (kept, dropped) = dedup(&path, &out, &[]);
    check_dedup(&path, &kept, &dropped, false);

    let kept_lines = lines(&kept);
    let (repeat, unanalysable) = bad.split_last().unwrap();
    for x in unanalysable {
        let n = kept_lines.iter().filter(|k| **k == x.as_slice()).count();
        assert_eq!(
            n,
            1,
            "bad line kept {n} times: {}",
            String::from_utf8_lossy(x)
        );
    }
    // The byte-identical repeat of a story copy is dropped as a repeat,
    // like its first occurrence is as a copy: neither is kept.
    assert!(!kept_lines.contains(&repeat.as_slice()));
    let rows: Vec<&Value> = dropped
        .iter()
        .filter(|d| s(d, "id") == story_copy)
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        rows.iter().filter(|d| d.get("repeat_of").is_some()).count(),
        1
    );
    // Blank lines are not written.
    assert!(kept_lines.iter().all(|l| !l.is_empty()));
}

#[test]
fn dedup_of_a_text_directory_writes_json_records() {
    let root = samples().join("texts");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kept.jsonl");
    let (kept, dropped) = dedup(&root, &out, &[]);
    let cluster_out = run_ok(&["cluster".as_ref(), "--quiet".as_ref(), root.as_os_str()]);
    let docs = docs_by_id(&parse_jsonl(&cluster_out.stdout));

    let kept = parse_jsonl(&kept);
    assert_eq!(kept.len() + dropped.len(), docs.len());
    for k in &kept {
        let id = s(k, "id");
        let doc = &docs[id];
        assert_eq!(s(doc, "origin_id"), id, "non-origin {id} kept");
        let on_disk = std::fs::read_to_string(root.join(id)).unwrap();
        assert_eq!(s(k, "text"), on_disk, "text of {id} changed");
    }
    for d in &dropped {
        let doc = &docs[s(d, "id")];
        assert_ne!(s(doc, "origin_id"), s(d, "id"));
        assert_eq!(s(d, "origin_id"), s(doc, "origin_id"));
        assert!(d["line"].is_null(), "a text file has no line: {d}");
    }
    let multi = docs.values().filter(|d| u(d, "cluster_size") > 1).count();
    let clusters = docs
        .values()
        .filter(|d| u(d, "cluster_size") > 1)
        .map(|d| u(d, "cluster_id"))
        .collect::<BTreeSet<_>>()
        .len();
    assert!(clusters >= 1);
    assert_eq!(dropped.len(), multi - clusters);
}

#[test]
fn dedup_of_its_own_output_drops_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let once = dir.path().join("once.jsonl");
    let (kept, dropped) = dedup(&crawl(), &once, &[]);
    assert!(!dropped.is_empty());
    let twice = dir.path().join("twice.jsonl");
    let (kept2, dropped2) = dedup(&once, &twice, &[]);
    assert!(dropped2.is_empty(), "second pass dropped {dropped2:?}");
    assert_eq!(kept2, kept);
}
