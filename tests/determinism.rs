//! The result does not depend on thread count, on the order of records in a
//! file, or on the order of the files.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A corpus with many ties for the origin rule: every sample record in
/// several variants (verbatim copies, cut copies, reordered copies with an
/// extra sentence), some with the original date, some with none.
fn variants_corpus() -> Vec<String> {
    let raw = std::fs::read(samples().join("crawl.jsonl")).unwrap();
    let records = parse_jsonl(&raw);
    let mut out = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let id = s(r, "id");
        // Every fifth record stays a single copy.
        let copies = if i % 5 == 0 { 1 } else { 8 };
        let text = s(r, "text");
        let paras: Vec<&str> = text.split("\n\n").collect();
        for k in 0..copies {
            let mut p = paras.clone();
            match k % 4 {
                0 => {}
                1 => {
                    if p.len() > 2 {
                        p.remove(1 + k % (p.len() - 1));
                    }
                }
                2 => {
                    let keep = (p.len() * 2 / 3).max(1);
                    p.truncate(keep);
                }
                _ => {
                    if p.len() > 3 {
                        p.swap(1, 2);
                    }
                }
            }
            let mut body = p.join("\n\n");
            if k % 4 == 3 {
                body.push_str(&format!("\n\nThis copy was filed as variant number {k}."));
            }
            let mut v = serde_json::json!({ "id": format!("{id}~v{k}"), "text": body });
            if k % 3 != 0 {
                v["date"] = r["date"].clone();
            }
            out.push(v.to_string());
        }
    }
    out
}

fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

fn cluster(inputs: &[&Path], threads: &str, format: &str) -> String {
    let mut args: Vec<std::ffi::OsString> = vec![
        "cluster".into(),
        "--quiet".into(),
        "-j".into(),
        threads.into(),
        "--format".into(),
        format.into(),
    ];
    args.extend(inputs.iter().map(|p| p.as_os_str().to_owned()));
    String::from_utf8(run_ok(&args).stdout).unwrap()
}

/// Sanity check that the corpus makes a non-trivial clustering.
fn assert_interesting(docs: &str, n: usize) {
    let docs = parse_jsonl(docs.as_bytes());
    assert_eq!(docs.len(), n);
    let clusters: BTreeSet<u64> = docs.iter().map(|d| u(d, "cluster_id")).collect();
    let multi: BTreeSet<u64> = docs
        .iter()
        .filter(|d| u(d, "cluster_size") > 1)
        .map(|d| u(d, "cluster_id"))
        .collect();
    assert!(multi.len() >= 3, "too few clusters to test: {multi:?}");
    assert!(clusters.len() > multi.len());
    let relations: BTreeSet<&str> = docs.iter().map(|d| s(d, "relation")).collect();
    assert!(
        relations.contains("exact"),
        "no exact copies: {relations:?}"
    );
}

#[test]
fn same_output_for_any_thread_count_and_record_order() {
    let dir = tempfile::tempdir().unwrap();
    let lines = variants_corpus();
    let n = lines.len();

    let original = dir.path().join("original.jsonl");
    write_lines(&original, &lines);

    let mut shuffled_lines = lines.clone();
    SplitMix(0x5eed).shuffle(&mut shuffled_lines);
    assert_ne!(shuffled_lines, lines);
    let shuffled = dir.path().join("shuffled.jsonl");
    write_lines(&shuffled, &shuffled_lines);

    let mut reversed_lines = lines.clone();
    reversed_lines.reverse();
    let reversed = dir.path().join("reversed.jsonl");
    write_lines(&reversed, &reversed_lines);

    // The shuffled records split over three files, given in reverse order.
    let parts: Vec<PathBuf> = (0..3)
        .map(|i| dir.path().join(format!("part{i}.jsonl")))
        .collect();
    for (i, p) in parts.iter().enumerate() {
        let chunk: Vec<String> = shuffled_lines.iter().skip(i).step_by(3).cloned().collect();
        write_lines(p, &chunk);
    }

    for format in ["docs", "clusters"] {
        let want = cluster(&[&original], "1", format);
        if format == "docs" {
            assert_interesting(&want, n);
        }
        let runs: Vec<(&str, String)> = vec![
            ("original -j 2", cluster(&[&original], "2", format)),
            ("shuffled -j 1", cluster(&[&shuffled], "1", format)),
            ("shuffled -j 2", cluster(&[&shuffled], "2", format)),
            ("reversed -j 2", cluster(&[&reversed], "2", format)),
            (
                "three files, reverse order -j 2",
                cluster(&[&parts[2], &parts[1], &parts[0]], "2", format),
            ),
        ];
        for (what, got) in runs {
            assert!(
                got == want,
                "--format {format}: {what} differs from original -j 1\nfirst difference: {:?}",
                got.lines().zip(want.lines()).find(|(a, b)| a != b)
            );
        }
    }
}

#[test]
fn sample_corpora_are_stable_across_thread_counts() {
    let crawl = samples().join("crawl.jsonl");
    let texts = samples().join("texts");
    for input in [&crawl, &texts] {
        for format in ["docs", "clusters", "text"] {
            let one = cluster(&[input], "1", format);
            let two = cluster(&[input], "2", format);
            assert!(!one.is_empty());
            assert_eq!(one, two, "{} --format {format}", input.display());
        }
    }
}

/// The same records as `.jsonl`, `.jsonl.gz` and `.jsonl.zst` give the same
/// bytes out, also when the boilerplate sample is smaller than the corpus
/// (its cut-off follows the decompressed size, not the file's).
#[test]
fn compression_never_changes_the_result() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(common::bin())
        .args(["generate", "--mb", "3", "--seed", "3", "-o"])
        .arg(dir.path().join("gen"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let plain = dir.path().join("gen/corpus.jsonl");
    let bytes = std::fs::read(&plain).unwrap();
    let gz = dir.path().join("c.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut enc, &bytes).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let zst = dir.path().join("c.jsonl.zst");
    std::fs::write(&zst, zstd::encode_all(&bytes[..], 3).unwrap()).unwrap();
    let tmpdir = dir.path().join("tmp");
    std::fs::create_dir(&tmpdir).unwrap();
    let run_in = |input: &Path, tmpdir: &Path, flags: &[&str]| {
        let out = std::process::Command::new(common::bin())
            .args(["cluster", "-q", "--df-sample-mb", "1"])
            .args(flags)
            .arg(input)
            .env("TMPDIR", tmpdir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let run = |input: &Path| run_in(input, &tmpdir, &[]);
    let want = run(&plain);
    assert!(want.len() > 1000);
    assert!(run(&gz) == want, ".gz differs from .jsonl");
    assert!(run(&zst) == want, ".zst differs from .jsonl");
    // Read from a decompressed copy (above), as a stream once per pass,
    // and as a stream because no copy can be written: the same bytes.
    let streamed = ["--stream-compressed"];
    assert!(
        run_in(&gz, &tmpdir, &streamed) == want,
        "streamed .gz differs"
    );
    assert!(
        run_in(&zst, &tmpdir, &streamed) == want,
        "streamed .zst differs"
    );
    let nowhere = dir.path().join("no such directory");
    assert!(
        run_in(&gz, &nowhere, &[]) == want,
        ".gz without a copy differs"
    );
    let left: Vec<_> = std::fs::read_dir(&tmpdir).unwrap().collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

/// The signature tables a run puts aside go to a temporary file in
/// `TMPDIR`; when none can be written there they stay in memory, and the
/// result must be the same, spun members included.
#[test]
fn the_same_clusters_whether_the_tables_go_to_disk_or_stay_in_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = generate_corpus(tmp.path(), &["--seed", "11", "--spun-share", "0.3"]);
    let run_in = |tmpdir: &Path| {
        let out = std::process::Command::new(bin())
            .args(["cluster", "--quiet", "--format", "docs"])
            .arg(&corpus)
            .env("TMPDIR", tmpdir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", describe(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let on_disk = run_in(tmp.path());
    let nowhere = tmp.path().join("no such directory");
    let in_memory = run_in(&nowhere);
    let docs = parse_jsonl(on_disk.as_bytes());
    let spun = docs.iter().filter(|d| s(d, "relation") == "spun").count();
    assert!(
        spun > 0,
        "the corpus has spun members, which the spin view finds"
    );
    assert_eq!(on_disk, in_memory);
}
