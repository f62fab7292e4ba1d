//! Issue 11, item 10: option values that overflow, an empty `--against`
//! result, and `eval` inputs in the wrong shape get a clear message.

mod common;

use common::*;
use std::path::Path;

fn crawl() -> String {
    samples().join("crawl.jsonl").display().to_string()
}

#[test]
fn huge_bands_are_an_error_not_a_panic() {
    let out = run(&[
        "cluster",
        "-q",
        &crawl(),
        "--bands",
        "9223372036854775809",
        "--rows",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--bands 9223372036854775809"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn against_without_copies_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let refs = dir.path().join("refs.jsonl");
    let text = "a reference story about lighthouse keepers on the northern islands \
                that no site in the crawl has ever copied or quoted at any length";
    std::fs::write(
        &refs,
        format!("{}\n", serde_json::json!({"id": "ref-1", "text": text})),
    )
    .unwrap();
    for format in ["docs", "text"] {
        let out = run_ok(&[
            "cluster",
            "-q",
            &crawl(),
            "--against",
            refs.to_str().unwrap(),
            "--format",
            format,
        ]);
        let said = if format == "text" {
            String::from_utf8_lossy(&out.stdout)
        } else {
            // The docs output stays valid (empty) JSON Lines.
            assert!(out.stdout.is_empty(), "{}", describe(&out));
            String::from_utf8_lossy(&out.stderr)
        };
        assert!(
            said.contains("no copies found: none of the 1 --against reference document(s)"),
            "--format {format}:\n{}",
            describe(&out)
        );
    }
}

fn eval(truth: &Path, predicted: &Path) -> String {
    let out = run(&[
        "eval".as_ref(),
        "--truth".as_ref(),
        truth.as_os_str(),
        predicted.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn eval_names_the_shape_it_expects() {
    let dir = tempfile::tempdir().unwrap();
    let truth = dir.path().join("truth.tsv");
    std::fs::write(&truth, "id\tcluster\na\t1\nb\t1\n").unwrap();

    // A `--format clusters` file instead of docs output.
    let clusters = dir.path().join("clusters.jsonl");
    let out = run_ok(&["cluster", "-q", &crawl(), "--format", "clusters"]);
    std::fs::write(&clusters, &out.stdout).unwrap();
    let err = eval(&truth, &clusters);
    assert!(err.contains("--format clusters"), "{err}");
    assert!(err.contains("--format docs"), "{err}");

    // A predicted TSV without its header.
    let headless = dir.path().join("pred.tsv");
    std::fs::write(&headless, "a\t1\nb\t1\n").unwrap();
    let err = eval(&truth, &headless);
    assert!(err.contains("pred.tsv:1"), "{err}");
    assert!(err.contains("header id<TAB>cluster"), "{err}");
    assert!(!err.contains("not JSON"), "{err}");

    // A truth TSV without its header: the message says what to add.
    std::fs::write(&truth, "a\t1\nb\t1\n").unwrap();
    let docs = dir.path().join("docs.jsonl");
    std::fs::write(&docs, "{\"id\":\"a\",\"cluster_id\":0}\n").unwrap();
    let err = eval(&truth, &docs);
    assert!(err.contains("truth.tsv:1"), "{err}");
    assert!(err.contains("if the file has no header"), "{err}");
}
