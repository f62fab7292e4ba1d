//! `neardup cluster` on the sample corpora, checked against their ground truth,
//! and the output formats and input kinds checked against each other.

mod common;

use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

const RELATIONS_OF_COPIES: [&str; 4] = ["exact", "near", "excerpt", "spun"];

fn crawl() -> PathBuf {
    samples().join("crawl.jsonl")
}

fn texts() -> PathBuf {
    samples().join("texts")
}

/// `neardup cluster --quiet ARGS...` → stdout bytes (the run must succeed).
fn cluster_stdout<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Vec<u8> {
    let mut all: Vec<std::ffi::OsString> = vec!["cluster".into(), "--quiet".into()];
    all.extend(args.iter().map(|a| a.as_ref().to_owned()));
    let out = run_ok(&all);
    assert!(
        out.stderr.is_empty(),
        "--quiet run wrote to stderr:\n{}",
        describe(&out)
    );
    out.stdout
}

fn docs_of(input: &Path) -> Vec<Value> {
    parse_jsonl(&cluster_stdout(&[
        input.as_os_str(),
        "--format".as_ref(),
        "docs".as_ref(),
    ]))
}

/// Members of each cluster id, from docs output.
fn clusters_of(docs: &[Value]) -> BTreeMap<u64, Vec<&Value>> {
    let mut m: BTreeMap<u64, Vec<&Value>> = BTreeMap::new();
    for d in docs {
        m.entry(u(d, "cluster_id")).or_default().push(d);
    }
    m
}

fn score(d: &Value, key: &str) -> Option<f64> {
    match d.get(key) {
        Some(Value::Null) => None,
        Some(v) => Some(
            v.as_f64()
                .unwrap_or_else(|| panic!("{key} is not a number in {d}")),
        ),
        None => panic!("no {key} in {d}"),
    }
}

/// Checks the docs output on its own terms: id order, cluster numbering,
/// one origin per cluster, scores present exactly for non-origins, and each
/// relation consistent with its scores under the default thresholds
/// (Jaccard 0.5, containment 0.7; scores are rounded to 3 decimals).
fn check_docs_consistency(docs: &[Value]) {
    assert!(!docs.is_empty());
    let ids: Vec<&str> = docs.iter().map(|d| s(d, "id")).collect();
    for w in ids.windows(2) {
        assert!(w[0] < w[1], "docs not in strict id order: {:?}", w);
    }
    let clusters = clusters_of(docs);
    let n = clusters.len() as u64;
    assert_eq!(
        clusters.keys().copied().collect::<Vec<_>>(),
        (0..n).collect::<Vec<_>>(),
        "cluster ids are not 0..{n}"
    );
    let mut shape = Vec::new(); // (is single, size, origin id) in cluster id order
    for (cid, members) in &clusters {
        let size = members.len();
        let origins: Vec<&&Value> = members
            .iter()
            .filter(|d| d["is_origin"] == Value::Bool(true))
            .collect();
        assert_eq!(
            origins.len(),
            1,
            "cluster {cid} has {} origins",
            origins.len()
        );
        let origin_id = s(origins[0], "id");
        for d in members {
            assert_eq!(u(d, "cluster_size") as usize, size, "cluster_size of {d}");
            assert_eq!(s(d, "origin_id"), origin_id, "origin_id of {d}");
            let rel = s(d, "relation");
            let scores = ["jaccard", "containment", "origin_containment"].map(|k| score(d, k));
            if s(d, "id") == origin_id {
                let want = if size == 1 { "unique" } else { "origin" };
                assert_eq!(rel, want, "{d}");
                assert!(
                    scores.iter().all(Option::is_none),
                    "origin with scores: {d}"
                );
                continue;
            }
            assert!(RELATIONS_OF_COPIES.contains(&rel), "relation of {d}");
            if rel != "spun" {
                assert!(score(d, "substituted").is_none(), "{d}");
            }
            let [j, c, oc] = scores.map(|x| x.unwrap_or_else(|| panic!("no scores: {d}")));
            for x in [j, c, oc] {
                assert!((0.0..=1.0).contains(&x), "score out of range: {d}");
            }
            let eps = 0.0005;
            match rel {
                "exact" => assert!(j == 1.0 && c == 1.0 && oc == 1.0, "{d}"),
                "near" => assert!(j >= 0.5 - eps || oc >= 0.7 - eps, "{d}"),
                "excerpt" => assert!(c >= 0.7 - eps && j < 0.5 + eps && oc < 0.7 + eps, "{d}"),
                "spun" => {
                    assert!(j < 0.5 + eps && c < 0.7 + eps && oc < 0.7 + eps, "{d}");
                    let share = score(d, "substituted").unwrap_or_else(|| panic!("{d}"));
                    assert!((0.03..=1.0).contains(&share), "substituted share: {d}");
                }
                _ => assert!(j < 0.5 + eps && c < 0.7 + eps && oc < 0.7 + eps, "{d}"),
            }
        }
        shape.push((size == 1, size, origin_id.to_string()));
    }
    // Multi-member clusters first, largest first, then by origin id.
    let mut sorted = shape.clone();
    sorted.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    assert_eq!(
        shape, sorted,
        "clusters are not numbered in the documented order"
    );
}

/// Checks the docs output against a ground-truth table.
///
/// * records with the same label share a cluster, records with different
///   labels do not;
/// * `spun` records have the relation `spun`;
/// * `hard_negative` and `unique` records are alone;
/// * with `check_origin`, each multi-member cluster's origin is the `origin` case.
///
/// `extra` are ids in the output that the truth table does not list; they
/// must be alone.
fn check_against_truth(docs: &[Value], truth: &[Truth], extra: &[&str], check_origin: bool) {
    let by_id = docs_by_id(docs);
    let truth_ids: BTreeSet<&str> = truth.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(truth_ids.len(), truth.len(), "truth table repeats an id");
    for t in truth {
        assert!(
            by_id.contains_key(&t.id),
            "{} missing from the output",
            t.id
        );
    }
    for id in by_id.keys() {
        if !truth_ids.contains(id.as_str()) {
            assert!(
                extra.contains(&id.as_str()),
                "unexpected id {id} in the output"
            );
            assert_eq!(u(&by_id[id], "cluster_size"), 1, "{id} was clustered");
        }
    }
    let cid = |id: &str| u(&by_id[id], "cluster_id");

    for a in truth {
        for b in truth {
            if a.id >= b.id {
                continue;
            }
            let together = cid(&a.id) == cid(&b.id);
            if a.label == b.label {
                assert!(together, "{} and {} ({}) are apart", a.id, b.id, a.label);
            } else {
                assert!(
                    !together,
                    "{} ({}) and {} ({}) were merged",
                    a.id, a.label, b.id, b.label
                );
            }
        }
    }
    for t in truth.iter().filter(|t| t.case == "spun") {
        assert_eq!(s(&by_id[&t.id], "relation"), "spun", "{}", t.id);
    }
    for t in truth
        .iter()
        .filter(|t| t.case == "hard_negative" || t.case == "unique")
    {
        let d = &by_id[&t.id];
        assert_eq!(
            u(d, "cluster_size"),
            1,
            "{} ({}) is not alone: {d}",
            t.id,
            t.case
        );
        assert_eq!(s(d, "relation"), "unique", "{d}");
    }
    if check_origin {
        let labels: BTreeSet<&str> = truth.iter().map(|t| t.label.as_str()).collect();
        for label in labels {
            let members: Vec<&Truth> = truth.iter().filter(|t| t.label == label).collect();
            if members.len() < 2 {
                continue;
            }
            let origins: Vec<&str> = members
                .iter()
                .filter(|t| t.case == "origin")
                .map(|t| t.id.as_str())
                .collect();
            assert_eq!(
                origins.len(),
                1,
                "truth names {} origins for {label}",
                origins.len()
            );
            for m in &members {
                assert_eq!(
                    s(&by_id[&m.id], "origin_id"),
                    origins[0],
                    "origin of {label} (seen from {})",
                    m.id
                );
            }
            assert_eq!(s(&by_id[origins[0]], "relation"), "origin");
        }
    }
}

#[test]
fn crawl_clusters_match_ground_truth() {
    let docs = docs_of(&crawl());
    let truth = read_truth(&samples().join("expected_clusters.tsv"));
    assert_eq!(docs.len(), truth.len(), "one docs line per record");
    check_docs_consistency(&docs);
    check_against_truth(&docs, &truth, &[], true);
}

#[test]
fn texts_directory_clusters_match_ground_truth() {
    let docs = docs_of(&texts());
    let truth = read_truth(&samples().join("texts_expected_clusters.tsv"));
    // Ids are paths relative to the directory given.
    assert_eq!(docs.len(), truth.len());
    check_docs_consistency(&docs);
    check_against_truth(&docs, &truth, &[], true);
}

/// Words as the tokenizer sees them: lowercased runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn exact_relation_means_same_words_as_the_origin() {
    let raw = std::fs::read(crawl()).unwrap();
    let text_of: BTreeMap<String, Vec<String>> = parse_jsonl(&raw)
        .iter()
        .map(|r| (s(r, "id").to_string(), words(s(r, "text"))))
        .collect();
    let docs = docs_of(&crawl());
    let mut exact = 0;
    for d in &docs {
        if d["is_origin"] == Value::Bool(true) {
            continue;
        }
        let same = text_of[s(d, "id")] == text_of[s(d, "origin_id")];
        assert_eq!(
            s(d, "relation") == "exact",
            same,
            "relation {} but same words as origin: {same}: {d}",
            s(d, "relation")
        );
        exact += same as usize;
    }
    // The Meridian original of story A is reposted verbatim.
    assert!(exact >= 1, "no exact copy found");
}

#[test]
fn clusters_format_agrees_with_docs() {
    let docs = docs_of(&crawl());
    let by_id = docs_by_id(&docs);
    let lines = parse_jsonl(&cluster_stdout(&[
        crawl().as_os_str(),
        "--format".as_ref(),
        "clusters".as_ref(),
    ]));
    let from_docs = clusters_of(&docs);
    assert_eq!(lines.len(), from_docs.len(), "one line per cluster");
    let mut seen = BTreeSet::new();
    for (i, line) in lines.iter().enumerate() {
        let cid = u(line, "cluster_id");
        assert_eq!(cid, i as u64, "cluster lines are in id order");
        let members = line["members"].as_array().expect("members array");
        assert_eq!(u(line, "size") as usize, members.len(), "{line}");
        assert_eq!(s(&members[0], "id"), s(line, "origin_id"), "origin first");
        let ids: BTreeSet<&str> = members.iter().map(|m| s(m, "id")).collect();
        let want: BTreeSet<&str> = from_docs[&cid].iter().map(|d| s(d, "id")).collect();
        assert_eq!(ids, want, "members of cluster {cid}");
        let reason = s(line, "origin_reason");
        if members.len() == 1 {
            assert_eq!(reason, "single");
        } else {
            assert!(
                ["earliest_date", "contains_others", "longest", "smallest_id"].contains(&reason),
                "{line}"
            );
        }
        for m in members {
            let d = &by_id[s(m, "id")];
            assert!(
                seen.insert(s(m, "id").to_string()),
                "{} listed twice",
                s(m, "id")
            );
            assert_eq!(s(d, "origin_id"), s(line, "origin_id"));
            for k in ["relation", "jaccard", "containment", "origin_containment"] {
                assert_eq!(m[k], d[k], "{k} of {} differs", s(m, "id"));
            }
            assert!(u(m, "words") >= 10, "{m}");
        }
    }
    assert_eq!(seen.len(), docs.len());
    // Crawl records carry dates, and the origin is dated.
    for line in lines.iter().filter(|l| u(l, "size") > 1) {
        assert!(line["members"][0]["date"].is_string(), "{line}");
    }
}

#[test]
fn text_format_mentions_every_id() {
    let docs = docs_of(&crawl());
    let text = String::from_utf8(cluster_stdout(&[
        crawl().as_os_str(),
        "--format".as_ref(),
        "text".as_ref(),
    ]))
    .unwrap();
    for d in &docs {
        assert!(
            text.contains(s(d, "id")),
            "{} not in the text output",
            s(d, "id")
        );
    }
    let multi = clusters_of(&docs).values().filter(|m| m.len() > 1).count();
    let headers = text.lines().filter(|l| l.starts_with("cluster ")).count();
    assert_eq!(headers, multi, "one header per multi-member cluster");
    let singles = docs.iter().filter(|d| u(d, "cluster_size") == 1).count();
    assert!(
        text.contains(&format!("unique ({singles}):")),
        "unique count missing:\n{text}"
    );
    // Each cluster header names its origin.
    for members in clusters_of(&docs).values().filter(|m| m.len() > 1) {
        let origin = s(members[0], "origin_id");
        let header = format!("{} documents · origin {origin} ", members.len());
        assert!(text.contains(&header), "no header {header:?}:\n{text}");
    }
}

#[test]
fn duplicates_only_omits_unique_documents() {
    let all = cluster_stdout(&[crawl().as_os_str()]);
    let dup = cluster_stdout(&[crawl().as_os_str(), "--duplicates-only".as_ref()]);
    let want: Vec<&str> = std::str::from_utf8(&all)
        .unwrap()
        .lines()
        .filter(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            u(&v, "cluster_size") > 1
        })
        .collect();
    let got: Vec<&str> = std::str::from_utf8(&dup).unwrap().lines().collect();
    assert!(!got.is_empty());
    assert!(got.len() < std::str::from_utf8(&all).unwrap().lines().count());
    assert_eq!(
        got, want,
        "--duplicates-only must be the docs output minus singletons"
    );

    let clusters = parse_jsonl(&cluster_stdout(&[
        crawl().as_os_str(),
        "--format".as_ref(),
        "clusters".as_ref(),
        "--duplicates-only".as_ref(),
    ]));
    assert!(!clusters.is_empty());
    assert!(
        clusters.iter().all(|c| u(c, "size") > 1),
        "singleton listed"
    );
    let listed: usize = clusters.iter().map(|c| u(c, "size") as usize).sum();
    assert_eq!(listed, want.len());

    let text = String::from_utf8(cluster_stdout(&[
        crawl().as_os_str(),
        "--format".as_ref(),
        "text".as_ref(),
        "--duplicates-only".as_ref(),
    ]))
    .unwrap();
    assert!(!text.contains("unique ("), "{text}");
    for d in parse_jsonl(&all) {
        let shown = text.contains(s(&d, "id"));
        assert_eq!(
            shown,
            u(&d, "cluster_size") > 1,
            "{} in text: {shown}",
            s(&d, "id")
        );
    }
}

#[test]
fn output_file_holds_what_stdout_would() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["docs", "clusters", "text"] {
        let stdout = cluster_stdout(&[crawl().as_os_str(), "-f".as_ref(), format.as_ref()]);
        let path = dir.path().join(format!("out.{format}"));
        let to_file = cluster_stdout(&[
            crawl().as_os_str(),
            "-f".as_ref(),
            format.as_ref(),
            "-o".as_ref(),
            path.as_os_str(),
        ]);
        assert!(to_file.is_empty(), "-o still wrote to stdout");
        let written = std::fs::read(&path).expect("-o file written");
        assert!(!written.is_empty());
        assert_eq!(
            written, stdout,
            "--format {format}: -o file differs from stdout"
        );
    }
}

#[test]
fn compressed_inputs_give_identical_output() {
    let plain = std::fs::read(crawl()).unwrap();
    let dir = tempfile::tempdir().unwrap();

    let gz = dir.path().join("crawl.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&plain).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();

    // Two gzip members back to back (as `cat a.gz b.gz` makes), split mid-file.
    let multi = dir.path().join("multi.jsonl.gz");
    let cut = plain.len() / 3;
    let mut bytes = Vec::new();
    for part in [&plain[..cut], &plain[cut..]] {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(part).unwrap();
        bytes.extend(enc.finish().unwrap());
    }
    std::fs::write(&multi, bytes).unwrap();

    let zst = dir.path().join("crawl.jsonl.zst");
    std::fs::write(&zst, zstd::encode_all(&plain[..], 3).unwrap()).unwrap();

    let want = cluster_stdout(&[crawl().as_os_str()]);
    assert_eq!(parse_jsonl(&want).len(), 31);
    for p in [&gz, &multi, &zst] {
        let got = cluster_stdout(&[p.as_os_str(), "--format".as_ref(), "docs".as_ref()]);
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want),
            "{} differs from the plain file",
            p.display()
        );
    }
}

#[test]
fn stdin_gives_identical_output() {
    let plain = std::fs::read(crawl()).unwrap();
    for format in ["docs", "clusters"] {
        let want = cluster_stdout(&[crawl().as_os_str(), "-f".as_ref(), format.as_ref()]);
        let out = run_with_stdin(
            &["cluster", "--quiet", "-f", format, "-"],
            Some(plain.as_slice()),
        );
        assert!(out.status.success(), "{}", describe(&out));
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&want),
            "--format {format}: stdin differs from the file"
        );
    }
}

/// Every member of every cluster was verified against the kept copy: no
/// member joins through another, and the relation says what was verified.
#[test]
fn every_member_is_verified_against_its_origin() {
    let docs = docs_of(&crawl());
    for d in docs.iter().filter(|d| !d["is_origin"].as_bool().unwrap()) {
        let rel = s(d, "relation");
        assert!(RELATIONS_OF_COPIES.contains(&rel), "{d}");
        let j = score(d, "jaccard").unwrap();
        let inside = score(d, "containment").unwrap();
        let holds = score(d, "origin_containment").unwrap();
        let verified = match rel {
            "exact" => j == 1.0,
            "near" => j >= 0.5 || (inside >= 0.5 && holds >= 0.7),
            "excerpt" => inside >= 0.7,
            "spun" => d["substituted"].as_f64().is_some_and(|x| x >= 0.03),
            _ => false,
        };
        assert!(verified, "{rel} without its evidence: {d}");
    }
}

/// `--profile whole-text` compares all the text, as datasketch does: no
/// excerpts, no spun rewrites, every copy at Jaccard >= the threshold.
#[test]
fn whole_text_profile_joins_by_jaccard_only() {
    let article = docs_of(&crawl());
    let whole = parse_jsonl(&cluster_stdout(&[
        crawl().as_os_str(),
        "--profile".as_ref(),
        "whole-text".as_ref(),
    ]));
    let rel = |docs: &[Value], r: &str| docs.iter().filter(|d| s(d, "relation") == r).count();
    assert!(rel(&article, "excerpt") > 0 && rel(&article, "spun") > 0);
    assert_eq!((rel(&whole, "excerpt"), rel(&whole, "spun")), (0, 0));
    for d in whole.iter().filter(|d| !d["is_origin"].as_bool().unwrap()) {
        assert!(score(d, "jaccard").unwrap() >= 0.5, "{d}");
    }
}

/// `--pairs` is the audit trail: every dropped member has a line with its
/// origin (`kept`) that allows the relation it got.
#[test]
fn pairs_file_holds_the_evidence_of_every_member() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = dir.path().join("pairs.jsonl");
    let docs = parse_jsonl(&cluster_stdout(&[
        crawl().as_os_str(),
        "--pairs".as_ref(),
        pairs.as_os_str(),
    ]));
    let lines = parse_jsonl(&std::fs::read(&pairs).unwrap());
    assert!(!lines.is_empty());
    for d in docs.iter().filter(|d| !d["is_origin"].as_bool().unwrap()) {
        let (id, origin) = (s(d, "id"), s(d, "origin_id"));
        let rel = s(d, "relation");
        let allowed = lines.iter().any(|l| {
            let dropped_for = if s(l, "a") == id && s(l, "b") == origin {
                &l["a_for_b"]
            } else if s(l, "b") == id && s(l, "a") == origin {
                &l["b_for_a"]
            } else {
                return false;
            };
            l["kept"].as_str() == Some(origin)
                && (dropped_for.as_str() == Some(rel) || (rel == "spun" && !dropped_for.is_null()))
        });
        assert!(allowed, "no pair line allows {id} as {rel} of {origin}");
    }
}

/// 40 short texts of their own words, each with (or without) three
/// 50-word blocks they all share between their own words (chrome: most of
/// each text, in blocks), as JSON Lines without urls.
fn shared_paragraph_corpus(dir: &Path, shared: bool) -> PathBuf {
    let block = |b: usize| -> String {
        let words: Vec<String> = (0..50).map(|j| format!("shared{b}x{j}")).collect();
        words.join(" ")
    };
    let mut out = String::new();
    for i in 0..40 {
        let own = |part: usize| -> String {
            let words: Vec<String> = (0..14)
                .map(|j| format!("doc{i}part{part}word{j}"))
                .collect();
            words.join(" ")
        };
        let text = if shared {
            format!(
                "{} {} {} {} {} {}",
                own(0),
                block(0),
                own(1),
                block(1),
                own(2),
                block(2)
            )
        } else {
            format!("{} {} {}", own(0), own(1), own(2))
        };
        out.push_str(&serde_json::json!({"id": format!("d{i}"), "text": text}).to_string());
        out.push('\n');
    }
    let path = dir.join(if shared { "shared.jsonl" } else { "own.jsonl" });
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn texts_that_are_mostly_shared_text_get_a_profile_note() {
    let dir = tempfile::tempdir().unwrap();
    let note = "mostly boilerplate";
    let stderr = |args: &[&str]| {
        let out = run_ok(args);
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let shared = shared_paragraph_corpus(dir.path(), true);
    let out = dir.path().join("out.jsonl");
    let (shared_s, out_s) = (shared.to_str().unwrap(), out.to_str().unwrap());
    let said = stderr(&["cluster", shared_s, "-o", out_s]);
    assert!(
        said.contains(&format!("40 of 40 documents are {note}"))
            && said.contains("--profile whole-text"),
        "{said}"
    );
    let said = stderr(&["cluster", shared_s, "-o", out_s, "--profile", "whole-text"]);
    assert!(
        !said.contains(note),
        "whole-text leaves nothing out:\n{said}"
    );
    let own = shared_paragraph_corpus(dir.path(), false);
    let said = stderr(&["cluster", own.to_str().unwrap(), "-o", out_s]);
    assert!(!said.contains(note), "nothing shared:\n{said}");
}

/// `records` written as JSON Lines to `in.jsonl` in `dir`.
fn write_records(dir: &Path, records: &[Value]) -> PathBuf {
    let input = dir.join("in.jsonl");
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    input
}

/// `neardup explain --corpus INPUT A B` with `extra` flags: its stdout.
fn explain_out(input: &Path, a: &str, b: &str, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["explain", "--corpus", input.to_str().unwrap(), a, b];
    args.extend_from_slice(extra);
    run_ok(&args).stdout
}

/// `neardup explain --corpus INPUT A B --format json`, parsed.
fn explain_json(input: &Path, a: &str, b: &str) -> Value {
    serde_json::from_slice(&explain_out(input, a, b, &["--format", "json"])).unwrap()
}

/// `neardup cluster` on `records` written as JSON Lines, with `extra`
/// flags: the docs rows and the run.
fn cluster_records(records: &[Value], extra: &[&str]) -> (Vec<Value>, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = (
        write_records(dir.path(), records),
        dir.path().join("out.jsonl"),
    );
    let args = [
        "cluster",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    let run = run_ok(&[&args[..], extra].concat());
    (parse_jsonl(&std::fs::read(&out).unwrap()), run)
}

/// 30 copies of one 300-word story, each with its own 40-word standfirst
/// and four edited words, without urls: the story is on every page, so
/// the corpus-wide count (20 pages) takes it, but it is most of each page
/// in one stretch, so it is not chrome, and the copies are one cluster
/// (before, the story was left out of every copy, each kept more than 50
/// shingles of its own, and each came out alone).
#[test]
fn a_story_every_page_is_made_of_is_not_boilerplate() {
    let story: Vec<String> = (0..300).map(|j| format!("story{j}")).collect();
    let records: Vec<Value> = (0..30)
        .map(|i| {
            let mut words = story.clone();
            for (k, at) in [20, 90, 160, 230].into_iter().enumerate() {
                words[at + i] = format!("edit{i}x{k}");
            }
            let head: Vec<String> = (0..40).map(|j| format!("head{i}x{j}")).collect();
            let text = format!("{}. {}", head.join(" "), words.join(" "));
            serde_json::json!({"id": format!("c{i:02}"), "text": text})
        })
        .collect();
    let (rows, said) = cluster_records(&records, &[]);
    let clusters: BTreeSet<u64> = rows.iter().map(|r| u(r, "cluster_id")).collect();
    assert_eq!(
        clusters.len(),
        1,
        "{}",
        String::from_utf8_lossy(&said.stderr)
    );
}

/// 42 copies of one notice on twelve sites, dated: the LSH pairs a bucket
/// of more than 24 as a star around its first member and a chain, and the
/// origin rule keeps the earliest, which that star does not centre on.
/// Every copy must still join the one kept, with a `--pairs` line that is
/// its evidence (before, they came out as ten clusters).
#[test]
fn many_dated_copies_of_one_text_are_one_cluster() {
    let notice = "You are free to share and reprint this article in any medium, for any purpose and without charge, on condition that this notice is kept in full with every copy. The article is supplied as it stands, with no promise of any kind about its accuracy, and the author accepts no liability for any use made of it.";
    let records: Vec<Value> = (0..42)
        .map(|i| {
            // All dates differ; the last copy (not the first by id) is the earliest.
            let (month, day) = (1 + (41 - i) / 7, 1 + ((41 - i) % 7) * 4);
            serde_json::json!({
                "id": format!("site{}/{i:04}", i % 12),
                "url": format!("https://site{}.example/{i}", i % 12),
                "date": format!("2026-{month:02}-{day:02}"),
                "text": notice,
            })
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let pairs = dir.path().join("p.jsonl");
    let (rows, _) = cluster_records(&records, &["--pairs", pairs.to_str().unwrap(), "-q"]);
    assert_eq!(rows.len(), 42);
    let clusters: BTreeSet<u64> = rows.iter().map(|r| u(r, "cluster_id")).collect();
    assert_eq!(clusters.len(), 1, "{clusters:?}");
    let kept_lines = parse_jsonl(&std::fs::read(&pairs).unwrap());
    for r in rows.iter().filter(|r| !r["is_origin"].as_bool().unwrap()) {
        assert_eq!(s(r, "relation"), "exact");
        let (id, origin) = (s(r, "id"), s(r, "origin_id"));
        assert!(
            kept_lines.iter().any(|p| p["kept"].as_str() == Some(origin)
                && (s(p, "a") == id || s(p, "b") == id)),
            "no --pairs line for {id} kept for {origin}"
        );
    }
}

/// A wire story and 80 copies on other sites, each with its own headline,
/// 5-25 words edited where the others are not and a third of them cut,
/// dated after the wire, whose id sorts last. The LSH's large buckets are stars centred on the copy the
/// origin rule keeps (the wire, dated first), so every copy is verified
/// with it and joins its cluster (with stars around the first id, 6 of the
/// 80 came out elsewhere).
#[test]
fn copies_of_a_wire_story_on_many_sites_all_join_the_wire() {
    let story: Vec<String> = (0..450).map(|j| format!("w{}", j * 7919 % 10007)).collect();
    let mut records = vec![serde_json::json!({
        "id": "zz-wire/1", "date": "2026-03-01T06:00:00Z", "text": story.join(" "),
    })];
    for i in 0..80usize {
        let mut words = story.clone();
        for k in 0..5 + (i * 7) % 21 {
            words[(k * 37 + i * 11) % 450] = format!("e{i}x{k}");
        }
        if i % 3 == 0 {
            words.truncate(300 + (i * 13) % 140);
        }
        let head: Vec<String> = (0..10).map(|j| format!("h{i}x{j}")).collect();
        let text = format!("{}. {}", head.join(" "), words.join(" "));
        let date = format!("2026-03-{:02}T12:00:00Z", 2 + i % 20);
        records
            .push(serde_json::json!({"id": format!("site{i:02}/1"), "date": date, "text": text}));
    }
    let (rows, _) = cluster_records(&records, &["-q"]);
    let alone: Vec<&str> = rows
        .iter()
        .filter(|r| s(r, "origin_id") != "zz-wire/1")
        .map(|r| s(r, "id"))
        .collect();
    assert!(alone.is_empty(), "not with the wire: {alone:?}");
}

/// The sample's hand-spun copy, mirrored word for word by two other sites:
/// the spun article and its mirrors are one spun rewrite of the story, and
/// all three join the story's cluster as `spun`. (Before, the spun copy and
/// its mirrors were a star of their own, which the spin view did not move:
/// it moved only documents alone in their star.)
#[test]
fn a_spun_article_mirrored_by_other_sites_joins_its_source_with_its_mirrors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = std::fs::read(root.join("samples/crawl.jsonl")).unwrap();
    let mut records = parse_jsonl(&sample);
    let spun_id = "trendnewsflash/2026-03-15-dock-labourers-walkout-port-alder";
    let spun = records
        .iter()
        .find(|r| r["id"] == spun_id)
        .expect("the sample's spun copy")
        .clone();
    for site in ["mirrorone", "mirrortwo"] {
        let mut mirror = spun.clone();
        mirror["id"] = Value::from(format!("{site}/dock-labourers-walkout"));
        mirror["url"] = Value::from(format!("https://www.{site}.example/dock-labourers"));
        mirror["source"] = Value::from(site);
        mirror["date"] = Value::from("2026-03-16T09:00:00Z");
        records.push(mirror);
    }
    let dir = tempfile::tempdir().unwrap();
    let pairs_path = dir.path().join("pairs.jsonl");
    let (out, _) = cluster_records(&records, &["--pairs", pairs_path.to_str().unwrap()]);
    let pairs = parse_jsonl(&std::fs::read(&pairs_path).unwrap());
    let by_id: BTreeMap<&str, &Value> =
        out.iter().map(|r| (r["id"].as_str().unwrap(), r)).collect();
    let spun_out = by_id[spun_id];
    assert_eq!(spun_out["relation"], "spun", "{spun_out}");
    let cluster = &spun_out["cluster_id"];
    for site in ["mirrorone", "mirrortwo"] {
        let m = by_id[format!("{site}/dock-labourers-walkout").as_str()];
        assert_eq!(&m["cluster_id"], cluster, "{m}");
        assert_eq!(m["relation"], "spun", "{m}");
        assert_eq!(m["substituted"], spun_out["substituted"], "{m}");
    }
    assert_ne!(spun_out["origin_id"], spun_id, "joined the story, not kept");
    // Every member's evidence against the kept copy is in --pairs.
    let kept = spun_out["origin_id"].as_str().unwrap();
    for id in [
        spun_id.to_string(),
        "mirrorone/dock-labourers-walkout".into(),
        "mirrortwo/dock-labourers-walkout".into(),
    ] {
        let line = pairs.iter().find(|p| {
            let ends = [p["a"].as_str().unwrap(), p["b"].as_str().unwrap()];
            ends.contains(&id.as_str()) && ends.contains(&kept)
        });
        let line = line.unwrap_or_else(|| panic!("no --pairs line for {id}"));
        assert_eq!(line["view"], "aligner", "{line}");
    }
}

/// A site's chrome as a crawler's text keeps it: short lines (menus,
/// links, a footer's fields), `lines` of them, words of this site only.
/// The text of the sample crawl's wire story.
fn sample_wire_story() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = std::fs::read(root.join("samples/crawl.jsonl")).unwrap();
    let records = parse_jsonl(&sample);
    let wire = records
        .iter()
        .find(|r| r["id"] == "meridianpress/2026-03-14-valdoria-port-alder-strike")
        .expect("the sample's wire story");
    wire["text"].as_str().unwrap().to_string()
}

fn one_page_site_chrome(site: &str, lines: usize) -> String {
    // Letters, not digits: a word ending in a digit is a number.
    let word = |i: usize| {
        format!(
            "{site}{}{}",
            (b'a' + (i / 26) as u8) as char,
            (b'a' + (i % 26) as u8) as char
        )
    };
    (0..lines)
        .map(|l| {
            (0..4)
                .map(|w| word(l * 4 + w))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The wire's story on its own page and republished by three sites with
/// one page each: every page wraps the story's paragraphs in about as
/// many words of its own chrome, which no count can learn, so no two
/// pages share half their shingles or hold 70% of each other. The aligner
/// finds each copy's main run of paragraphs inside the story's page, on
/// another site: `wrapped`, and `explain --corpus` says so too. The same
/// pages without urls stay apart (two sites are what makes the rest of a
/// page chrome); the story's page alone without a url is on no copy's
/// site, and keeps them all.
#[test]
fn a_story_in_the_pages_of_sites_with_one_page_joins_its_source_as_wrapped() {
    let story = sample_wire_story();
    let story = story.as_str();
    let page = |site: &str, url: bool, date: &str| {
        let text = format!(
            "{}\n{story}\n{}",
            one_page_site_chrome(site, 60),
            one_page_site_chrome(&format!("{site}foot"), 45)
        );
        let mut r =
            serde_json::json!({"id": format!("{site}/port-alder"), "text": text, "date": date});
        if url {
            r["url"] = Value::from(format!("https://{site}.example/port-alder"));
        }
        r
    };
    let sites = ["wiresite", "alpha", "bravo", "charlie"];
    // (urls on the copies, a url on the story's page)
    for (with_urls, story_url) in [(true, true), (true, false), (false, false)] {
        let pages: Vec<Value> = sites
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let url = if i == 0 { story_url } else { with_urls };
                page(s, url, &format!("2026-03-1{}T08:00:00Z", 4 + i))
            })
            .collect();
        let (out, _) = cluster_records(&pages, &[]);
        let by_id: BTreeMap<&str, &Value> =
            out.iter().map(|r| (r["id"].as_str().unwrap(), r)).collect();
        if !with_urls {
            assert!(out.iter().all(|r| r["relation"] == "unique"), "{out:?}");
            continue;
        }
        let kept = by_id["wiresite/port-alder"];
        assert_eq!(kept["relation"], "origin", "{kept}");
        for s in &sites[1..] {
            let m = by_id[format!("{s}/port-alder").as_str()];
            assert_eq!(m["cluster_id"], kept["cluster_id"], "{m}");
            assert_eq!(m["relation"], "wrapped", "{m}");
            assert!(m["jaccard"].as_f64().unwrap() < 0.5, "{m}");
        }
        // explain, from the corpus, reaches the same verdict.
        let dir = tempfile::tempdir().unwrap();
        let input = write_records(dir.path(), &pages);
        let e = explain_json(&input, "wiresite/port-alder", "bravo/port-alder");
        assert_eq!(e["verdict"], "syndicated_copy", "{}", e["verdict"]);
    }
}

/// A page that sets the wire's story beside an article of its own in
/// Chinese is a page of two texts, not a copy of the story: once each
/// Chinese character counts as a word (as the tokenizer counts it), its
/// main run is its own article (600 words against the story's 492), and
/// none of it is in the story's page. Counted as one word a line, the
/// Chinese article weighed nothing, the story was 99% of the page, and the
/// page was dropped as `wrapped` with its own article. A plain copy on a
/// third site is `wrapped` beside it (the rule is on), and `explain` names
/// the conditions the page misses.
#[test]
fn a_page_with_its_own_chinese_article_beside_a_story_is_not_dropped_for_it() {
    let story = sample_wire_story();
    let chinese: String = "蔡健雅是新加坡的歌手和音乐制作人曾获得多项音乐奖项"
        .chars()
        .cycle()
        .take(150)
        .collect();
    let page = |site: &str, own: &str, date: &str| {
        let text = format!(
            "{}\n{own}{story}\n{}",
            one_page_site_chrome(site, 60),
            one_page_site_chrome(&format!("{site}foot"), 45)
        );
        serde_json::json!({
            "id": format!("{site}/port-alder"), "text": text, "date": date,
            "url": format!("https://{site}.example/port-alder"),
        })
    };
    // Four lines of 150 characters, then a menu between it and the story.
    let own = format!("{}\nMenu\nLinks\nMore\n", vec![chinese; 4].join("\n"));
    let pages = [
        page("wiresite", "", "2026-03-14T08:00:00Z"),
        page("alpha", "", "2026-03-15T08:00:00Z"),
        page("zhongwen", &own, "2026-03-16T08:00:00Z"),
    ];
    let (out, _) = cluster_records(&pages, &[]);
    let by_id: BTreeMap<&str, &Value> =
        out.iter().map(|r| (r["id"].as_str().unwrap(), r)).collect();
    let copy = by_id["alpha/port-alder"];
    assert_eq!(copy["relation"], "wrapped", "{copy}");
    let own_page = by_id["zhongwen/port-alder"];
    assert_eq!(own_page["is_origin"], true, "{own_page}");
    // explain says which condition of the rule the page misses, and none
    // for the copy the rule takes.
    let dir = tempfile::tempdir().unwrap();
    let input = write_records(dir.path(), &pages);
    let explain = |a: &str| explain_json(&input, a, "wiresite/port-alder");
    let e = explain("zhongwen/port-alder");
    assert!(e["a_for_b"].is_null(), "{e}");
    // (Its main run is its Chinese article: the larger, and none of it in
    // the story's page.)
    let why = e["a_not_wrapped"].as_array().unwrap();
    let says = |s: &str| why.iter().any(|w| w.as_str().unwrap().contains(s));
    assert!(says("of its page's paragraph words (needs 60%)"), "{why:?}");
    assert!(says("0% of its article is covered"), "{why:?}");
    let e = explain("alpha/port-alder");
    assert_eq!(e["a_for_b"], "wrapped", "{e}");
    assert_eq!(e["a_not_wrapped"], serde_json::json!([]), "{e}");
    let text = explain_out(&input, "zhongwen/port-alder", "wiresite/port-alder", &[]);
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("A not wrapped: its article is"), "{text}");
}

/// Words of a site's own paragraph, one long line: a caption, a
/// standfirst or a note of its own.
fn own_paragraph(site: &str, words: usize) -> String {
    one_page_site_chrome(&format!("{site}own"), words.div_ceil(4))
        .replace(" | ", " ")
        .replace('\n', " ")
}

/// Real pages set a paragraph of their own next to a story they carry (a
/// photo caption, a standfirst, a series note, a disclaimer), with a short
/// line or none between, so it joins the story's run of paragraphs. It is
/// the page's chrome, like its menus: each copy is `wrapped`, and
/// `explain` agrees. A page whose own paragraphs are most of its text is
/// not dropped for the story it quotes.
#[test]
fn a_caption_or_standfirst_at_the_story_s_edge_is_the_page_s_own_chrome() {
    let story = sample_wire_story();
    let story = story.as_str();
    let page = |site: &str, before: &str, after: &str| {
        let text = format!(
            "{}\n{before}{story}\n{after}{}",
            one_page_site_chrome(site, 60),
            one_page_site_chrome(&format!("{site}foot"), 45)
        );
        serde_json::json!({
            "id": format!("{site}/port-alder"),
            "text": text,
            "url": format!("https://{site}.example/port-alder"),
            "date": if site == "wiresite" { "2026-03-14T08:00:00Z" } else { "2026-03-15T08:00:00Z" },
        })
    };
    let story_words = story.split_whitespace().count();
    let edge = story_words / 5;
    let pages = vec![
        page("wiresite", "", ""),
        page(
            "alpha",
            &format!("{}\nPhoto: alpha\n", own_paragraph("alpha", edge)),
            "",
        ),
        page(
            "bravo",
            "",
            &format!("More:\n{}\n", own_paragraph("bravo", edge)),
        ),
        page(
            "charlie",
            &format!("{}\n", own_paragraph("charlie", edge / 2)),
            &format!("{}\n", own_paragraph("charlie", edge / 2)),
        ),
        // as many words of its own as the story's: not the page's article
        page(
            "delta",
            &format!("{}\n", own_paragraph("delta", story_words)),
            "",
        ),
    ];
    let (out, _) = cluster_records(&pages, &[]);
    let by_id: BTreeMap<&str, &Value> =
        out.iter().map(|r| (r["id"].as_str().unwrap(), r)).collect();
    let story_page = by_id["wiresite/port-alder"];
    for s in ["alpha", "bravo", "charlie"] {
        let m = by_id[format!("{s}/port-alder").as_str()];
        assert_eq!(m["cluster_id"], story_page["cluster_id"], "{out:#?}");
        assert_eq!(m["relation"], "wrapped", "{m}");
    }
    // delta holds the story and as much again: it may keep the others,
    // never be dropped for them
    assert_eq!(by_id["delta/port-alder"]["is_origin"], true, "{out:#?}");
    let dir = tempfile::tempdir().unwrap();
    let input = write_records(dir.path(), &pages);
    for s in ["alpha", "bravo", "charlie"] {
        let id = format!("{s}/port-alder");
        let origin = by_id[id.as_str()]["origin_id"].as_str().unwrap();
        let e = explain_json(&input, &id, origin);
        assert_eq!(e["a_for_b"], "wrapped", "{s}: {e}");
    }
}

/// The story on `site`'s page in the chrome of `template` (a network's
/// sites share one), with `extra` lines after it.
fn templated_page(story: &str, site: &str, template: &str, extra: &str) -> Value {
    let text = format!(
        "{}\n{story}\n{extra}{}",
        one_page_site_chrome(template, 60),
        one_page_site_chrome(&format!("{template}foot"), 45)
    );
    serde_json::json!({
        "id": format!("{site}/port-alder"),
        "text": text,
        "url": format!("https://{site}.example/port-alder"),
    })
}

/// One story in three chromes: its own page, and two networks of sites
/// that each share one template, so the verbatim view makes a star of each
/// network's two copies (near: the same chrome, one with a line more).
/// The story's page joins one network's star through the aligner; the
/// other network's star, linked to it by `wrapped` evidence, must not stay
/// beside it: each of its copies is aligned with the copy the first star
/// keeps and joins it on that pair's own evidence, so the story is one
/// cluster, and `explain` agrees on every member.
#[test]
fn the_stars_of_one_story_in_several_chromes_are_merged_on_direct_evidence() {
    let story = sample_wire_story();
    let page =
        |site: &str, template: &str, extra: &str| templated_page(&story, site, template, extra);
    let pages = vec![
        page("wiresite", "wiresite", ""),
        page("alpha", "xnet", ""),
        page("bravo", "xnet", "Updated with the union's statement.\n"),
        page("charlie", "ynet", ""),
        page(
            "delta",
            "ynet",
            "Updated with the port authority's reply.\n",
        ),
    ];
    let (out, _) = cluster_records(&pages, &[]);
    let clusters: BTreeSet<u64> = out
        .iter()
        .map(|r| r["cluster_id"].as_u64().unwrap())
        .collect();
    assert_eq!(clusters.len(), 1, "{out:#?}");
    explain_gives_every_relation(&pages, &out);
}

/// `explain --corpus` on each member of `out` (clustered from `pages`)
/// and its kept copy gives the member's relation.
fn explain_gives_every_relation(pages: &[Value], out: &[Value]) {
    let dir = tempfile::tempdir().unwrap();
    let input = write_records(dir.path(), pages);
    for r in out {
        // An origin, or a document alone, is kept for no other.
        if r["is_origin"] == true {
            continue;
        }
        let e = explain_json(
            &input,
            r["id"].as_str().unwrap(),
            r["origin_id"].as_str().unwrap(),
        );
        assert_eq!(e["a_for_b"], r["relation"], "{r}");
    }
}

/// The same with the story's own page in a star of two as well (its site
/// and a sister site share one template), so no star of the story is a
/// lone page: the spin view still compares the stars' kept copies, on two
/// sites, and the three stars are one, each member on its own evidence.
#[test]
fn three_stars_of_one_story_none_of_them_alone_are_merged() {
    let story = sample_wire_story();
    let page = |site: &str, template: &str, extra: &str, date: &str| {
        let mut page = templated_page(&story, site, template, extra);
        page["date"] = Value::from(date);
        page
    };
    let (early, late) = ("2026-03-14T08:00:00Z", "2026-03-15T08:00:00Z");
    let pages = vec![
        page("wiresite", "wnet", "", early),
        page(
            "echo",
            "wnet",
            "Updated with the mayor's statement.\n",
            late,
        ),
        page("alpha", "xnet", "", late),
        page(
            "bravo",
            "xnet",
            "Updated with the union's statement.\n",
            late,
        ),
        page("charlie", "ynet", "", late),
        page(
            "delta",
            "ynet",
            "Updated with the port authority's reply.\n",
            late,
        ),
    ];
    let (out, _) = cluster_records(&pages, &[]);
    let clusters: BTreeSet<u64> = out
        .iter()
        .map(|r| r["cluster_id"].as_u64().unwrap())
        .collect();
    assert_eq!(clusters.len(), 1, "{out:#?}");
    explain_gives_every_relation(&pages, &out);
}

/// One story on two networks' templates: on `wnet`, the pages `wnet`
/// names, on `xnet` four (alpha, bravo, charlie, golf). `foxtrot` and
/// `golf` set a paragraph of their own nearly as long as the story next to
/// it (near their sister pages through the shared template, but not the
/// article of their page, so not `wrapped` against another site's page).
fn story_on_two_networks(wnet: &[&str]) -> Vec<Value> {
    let story = sample_wire_story();
    let words = story.split_whitespace().count();
    let extra = |site: &str| match site {
        "foxtrot" | "golf" => format!("{}\n", own_paragraph(site, words * 4 / 5)),
        "echo" => "Updated with the mayor's statement.\n".to_string(),
        "bravo" => "Updated with the union's statement.\n".to_string(),
        "charlie" => "Updated with the port authority's reply.\n".to_string(),
        _ => String::new(),
    };
    let page = |site: &str, net: &str| templated_page(&story, site, net, &extra(site));
    let xnet = ["alpha", "bravo", "charlie", "golf"];
    let wnet_pages = wnet.iter().map(|site| page(site, "wnet"));
    wnet_pages
        .chain(xnet.iter().map(|site| page(site, "xnet")))
        .collect()
}

/// The cluster of each page of `out`, by site.
fn clusters_by_site(out: &[Value]) -> BTreeMap<String, Value> {
    out.iter()
        .map(|r| {
            let site = r["id"].as_str().unwrap().trim_end_matches("/port-alder");
            (site.to_string(), r["cluster_id"].clone())
        })
        .collect()
}

/// Two stars of one story where neither holds whole against the other's
/// kept copy (each network has a page with a long paragraph of its own).
/// The members that hold against the larger star's kept copy move to it
/// on their own evidence; the page that does not stays with the copy kept
/// for it, and nothing joins through a third.
#[test]
fn members_of_a_star_that_does_not_hold_whole_join_the_larger_on_their_own_evidence() {
    let pages = story_on_two_networks(&["wiresite", "echo", "foxtrot"]);
    let (out, _) = cluster_records(&pages, &[]);
    let cluster = clusters_by_site(&out);
    // The larger star (xnet's four pages) takes the wire network's copy
    // that holds against its kept copy; the page that does not stays.
    for site in ["bravo", "charlie", "golf", "echo"] {
        assert_eq!(cluster[site], cluster["alpha"], "{site}: {out:#?}");
    }
    assert_eq!(cluster["foxtrot"], cluster["wiresite"], "{out:#?}");
    assert_ne!(cluster["wiresite"], cluster["alpha"], "{out:#?}");
    explain_gives_every_relation(&pages, &out);
}

/// A star whose members all move leaves its kept copy alone: a document
/// of a cluster of one, `unique`, like any other.
#[test]
fn a_star_left_with_its_kept_copy_alone_makes_it_unique() {
    let pages = story_on_two_networks(&["echo", "foxtrot"]);
    let (out, _) = cluster_records(&pages, &[]);
    let cluster = clusters_by_site(&out);
    assert_eq!(cluster["echo"], cluster["alpha"], "{out:#?}");
    let foxtrot = out
        .iter()
        .find(|r| r["id"] == "foxtrot/port-alder")
        .unwrap();
    assert_eq!(foxtrot["cluster_size"], 1, "{out:#?}");
    assert_eq!(foxtrot["relation"], "unique", "{foxtrot}");
    explain_gives_every_relation(&pages, &out);
}

/// The audit trail is whole: every member of every cluster has a
/// `--pairs` line whose `kept` is its origin and which allows the
/// member's own relation. A spun rewrite the shingles joined as `near`
/// and the aligner then found spun (a light spin) has the aligner's line
/// saying `spun` besides the shingles' `near`; a page `wrapped` whose
/// shingles hold as well is named by them on both sides.
#[test]
fn every_member_has_a_pairs_line_naming_its_relation() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = generate_corpus(dir.path(), &["--spun-share", "0.5", "--seed", "2"]);
    let pairs_path = dir.path().join("pairs.jsonl");
    let out = dir.path().join("out.jsonl");
    run_ok(&[
        "cluster".as_ref(),
        corpus.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--pairs".as_ref(),
        pairs_path.as_os_str(),
        "-q".as_ref(),
    ]);
    let rows = parse_jsonl(&std::fs::read(&out).unwrap());
    let pairs = parse_jsonl(&std::fs::read(&pairs_path).unwrap());
    let mut spun = 0;
    for r in rows.iter().filter(|r| !r["is_origin"].as_bool().unwrap()) {
        let (id, origin, relation) = (s(r, "id"), s(r, "origin_id"), s(r, "relation"));
        spun += usize::from(relation == "spun");
        let named = pairs.iter().any(|p| {
            let member_side = if s(p, "a") == id {
                "a_for_b"
            } else {
                "b_for_a"
            };
            p["kept"].as_str() == Some(origin)
                && (s(p, "a") == id || s(p, "b") == id)
                && p[member_side].as_str() == Some(relation)
        });
        assert!(
            named,
            "no --pairs line kept for {origin} naming {id} {relation}"
        );
    }
    assert!(spun > 0, "the corpus has spun members");
}
