//! The staged pipeline (`neardup sign`, `pairs`, `components`, `apply`)
//! against the one-command path: the same clusters and the same copy, byte
//! for byte (the copy shard by shard too); stages that resume after being
//! killed; stage directories and clusters files that do not fit a run
//! refused.

mod common;

use common::*;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

/// `neardup CMD INPUT --quiet EXTRA...`, which must succeed.
fn stage(cmd: &str, input: &Path, extra: &[&dyn AsRef<std::ffi::OsStr>]) -> std::process::Output {
    let mut args: Vec<OsString> = vec![cmd.into(), input.into(), "--quiet".into()];
    args.extend(extra.iter().map(|a| a.as_ref().to_owned()));
    run_ok(&args)
}

/// `neardup CMD INPUT EXTRA...`, which must fail; returns its stderr.
fn refused(cmd: &str, input: &Path, extra: &[&dyn AsRef<std::ffi::OsStr>]) -> String {
    let mut args: Vec<OsString> = vec![cmd.into(), input.into()];
    args.extend(extra.iter().map(|a| a.as_ref().to_owned()));
    let out = run(&args);
    assert!(
        !out.status.success(),
        "expected a refusal:\n{}",
        describe(&out)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts that the one-command output `one` and the staged `staged` hold
/// the same bytes, showing the first line that differs.
fn assert_same(one: &Path, staged: &Path) {
    let (a, b) = (fs::read(one).unwrap(), fs::read(staged).unwrap());
    if a != b {
        let (a, b) = (String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
        let at = a.lines().zip(b.lines()).position(|(x, y)| x != y);
        let line = |t: &str| at.and_then(|i| t.lines().nth(i)).unwrap_or("").to_string();
        panic!(
            "{} and {} differ (line {at:?}):\n  {}\n  {}",
            one.display(),
            staged.display(),
            line(&a),
            line(&b)
        );
    }
}

/// Clusters `corpus` in one command and in stages (two shards signed in
/// the order of `shards`, three band groups verified in the order of
/// `groups`, or all in one run when it is empty), into `tmp`, and asserts
/// that both write the same output (`one.EXT`, `st.EXT`), verified pairs
/// and skipped records. Returns the verified pairs (JSON Lines).
fn one_and_staged(
    tmp: &Path,
    corpus: &Path,
    ext: &str,
    shards: [&str; 2],
    groups: &[&str],
) -> Vec<u8> {
    let dir: OsString = tmp.join("stage").into();
    let out = |name: String| tmp.join(name);
    let run_stage = |cmd: &str, extra: Vec<OsString>| {
        let mut args: Vec<OsString> = vec![cmd.into(), corpus.into(), "--quiet".into()];
        args.extend(extra);
        run_ok(&args);
    };
    let files = |who: &str| -> Vec<OsString> {
        vec![
            "-o".into(),
            out(format!("{who}.{ext}")).into(),
            "--pairs".into(),
            out(format!("{who}-pairs.jsonl")).into(),
            "--skipped".into(),
            out(format!("{who}-skipped.jsonl")).into(),
        ]
    };
    let at_stage = |more: &[&str]| -> Vec<OsString> {
        let mut v = vec!["--stage".into(), dir.clone()];
        v.extend(more.iter().map(OsString::from));
        v
    };
    run_stage("cluster", files("one"));
    for shard in shards {
        run_stage("sign", at_stage(&["--shard", shard, "--band-groups", "3"]));
    }
    if groups.is_empty() {
        run_stage("pairs", at_stage(&[]));
    }
    for g in groups {
        run_stage("pairs", at_stage(&["--band-group", g]));
    }
    let mut components = at_stage(&[]);
    components.extend(files("st"));
    run_stage("components", components);
    for name in [
        format!(".{ext}"),
        "-pairs.jsonl".into(),
        "-skipped.jsonl".into(),
    ] {
        assert_same(&out(format!("one{name}")), &out(format!("st{name}")));
    }
    fs::read(out("one-pairs.jsonl".into())).unwrap()
}

/// Every file under `dir` with its bytes, by path relative to it.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push((
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

/// A small generated corpus split over three files, with one id repeated
/// across two of them (the first read must be kept, as in one command) and
/// three records that cannot be clustered.
fn split_corpus(tmp: &Path) -> PathBuf {
    let corpus = common::generate_corpus(tmp, &["--seed", "11", "--spun-share", "0.3"]);
    let text = fs::read_to_string(corpus).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let dir = tmp.join("corpus");
    fs::create_dir(&dir).unwrap();
    let third = lines.len() / 3;
    for (i, part) in lines.chunks(third + 1).enumerate() {
        let mut body = part.join("\n") + "\n";
        if i == 1 {
            body.push_str("{\"id\":\"short\",\"text\":\"too few words\"}\nnot json\n");
            body.push_str("{\"id\":\"n\",\"text\":5}\n");
        }
        if i == 2 {
            // The first record again, under its id, in the last file.
            body.push_str(lines[0]);
            body.push('\n');
        }
        fs::write(dir.join(format!("part{i}.jsonl")), body).unwrap();
    }
    dir
}

#[test]
fn stage_by_stage_equals_one_command_on_the_sample_crawl() {
    let tmp = tempfile::tempdir().unwrap();
    let crawl = samples().join("crawl.jsonl");
    let dir = tmp.path().join("stage");
    let out = |name: &str| tmp.path().join(name);
    // The docs output with the verified pairs and the report, then the
    // clusters output, from each path.
    let outputs = |who: &str| {
        let o = |s: &str| out(&format!("{who}{s}"));
        [o(".jsonl"), o("-pairs.jsonl"), o(".html"), o("-c.jsonl")]
    };
    let [docs, pairs, report, clusters] = outputs("one");
    stage(
        "cluster",
        &crawl,
        &[&"-o", &docs, &"--pairs", &pairs, &"--report", &report],
    );
    stage("cluster", &crawl, &[&"-f", &"clusters", &"-o", &clusters]);
    stage("sign", &crawl, &[&"--stage", &dir]);
    stage("pairs", &crawl, &[&"--stage", &dir]);
    let [docs, pairs, report, clusters] = outputs("st");
    let st = [&"--stage" as &dyn AsRef<std::ffi::OsStr>, &dir];
    stage(
        "components",
        &crawl,
        &[
            &st[..],
            &[&"-o", &docs, &"--pairs", &pairs, &"--report", &report],
        ]
        .concat(),
    );
    stage(
        "components",
        &crawl,
        &[&st[..], &[&"-f", &"clusters", &"-o", &clusters]].concat(),
    );
    assert!(!parse_jsonl(&fs::read(out("one.jsonl")).unwrap()).is_empty());
    for (one, staged) in outputs("one").iter().zip(outputs("st").iter()) {
        assert_same(one, staged);
    }
}

#[test]
fn shards_and_band_groups_give_the_one_command_clusters() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = split_corpus(tmp.path());
    // Shards signed in another order, band groups verified one at a time.
    let pairs = one_and_staged(
        tmp.path(),
        &corpus,
        "parquet",
        ["1/2", "0/2"],
        &["2", "0", "1"],
    );
    let out = |name: &str| tmp.path().join(name);
    assert!(parse_jsonl(&pairs).len() > 10, "a corpus with copies");
    // The records the shards skipped, then the repeated id (pointing at
    // the first read), as one command lists them.
    let skipped = fs::read(out("st-skipped.jsonl")).unwrap();
    let reasons: Vec<String> = parse_jsonl(&skipped)
        .iter()
        .map(|v| s(v, "reason").to_string())
        .collect();
    assert_eq!(
        reasons,
        [
            "too_short",
            "malformed_json",
            "text_not_string",
            "duplicate_id"
        ]
    );
}

#[test]
fn apply_writes_what_dedup_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = split_corpus(tmp.path());
    let dir = tmp.path().join("stage");
    let out = |name: &str| tmp.path().join(name);
    stage("dedup", &corpus, &[&"-o", &out("one.jsonl")]);
    stage("sign", &corpus, &[&"--stage", &dir]);
    stage("pairs", &corpus, &[&"--stage", &dir]);
    stage(
        "components",
        &corpus,
        &[&"--stage", &dir, &"-o", &out("c.jsonl")],
    );
    stage(
        "apply",
        &corpus,
        &[&"--stage", &dir, &"-o", &out("st.jsonl")],
    );
    let dropped = fs::read(out("one.dropped.jsonl")).unwrap();
    assert!(!parse_jsonl(&dropped).is_empty(), "copies dropped");
    assert_same(&out("one.jsonl"), &out("st.jsonl"));
    assert_same(&out("one.dropped.jsonl"), &out("st.dropped.jsonl"));
}

#[test]
fn components_in_parts_give_the_clusters_of_components_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = split_corpus(tmp.path());
    let dir = tmp.path().join("stage");
    let out = |name: &str| tmp.path().join(name);
    stage("dedup", &corpus, &[&"-o", &out("dedup.jsonl")]);
    stage("sign", &corpus, &[&"--stage", &dir, &"--band-groups", &"3"]);
    stage("pairs", &corpus, &[&"--stage", &dir]);
    let outputs = |who: &str| {
        let o = |s: &str| out(&format!("{who}{s}"));
        [o(".jsonl"), o("-pairs.jsonl"), o("-skipped.jsonl")]
    };
    let [docs, pairs, skipped] = outputs("whole");
    let files = [
        &"-o" as &dyn AsRef<std::ffi::OsStr>,
        &docs,
        &"--pairs",
        &pairs,
        &"--skipped",
        &skipped,
    ];
    stage(
        "components",
        &corpus,
        &[
            &[&"--stage" as &dyn AsRef<std::ffi::OsStr>, &dir],
            &files[..],
        ]
        .concat(),
    );
    let clusters_whole = fs::read(dir.join("clusters.parquet")).unwrap();
    // 40 pairs in memory: the corpus's several hundred go in parts.
    let [docs, pairs, skipped] = outputs("parts");
    let mut args: Vec<OsString> = vec!["components".into(), corpus.clone().into()];
    args.extend([
        "--stage".into(),
        dir.clone().into(),
        "--max-pairs-in-memory".into(),
        "40".into(),
    ]);
    args.extend([
        "-o".into(),
        docs.into(),
        "--pairs".into(),
        pairs.into(),
        "--skipped".into(),
        skipped.into(),
    ]);
    let run = run_ok(&args);
    let said = String::from_utf8_lossy(&run.stderr);
    let parts: usize = said
        .split("clustered in ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no parts reported:\n{said}"));
    assert!(parts > 3, "{parts} parts");
    assert!(parse_jsonl(&fs::read(out("whole-pairs.jsonl")).unwrap()).len() > 100);
    for (whole, in_parts) in outputs("whole").iter().zip(outputs("parts").iter()) {
        assert_same(whole, in_parts);
    }
    assert_eq!(
        fs::read(dir.join("clusters.parquet")).unwrap(),
        clusters_whole,
        "the clusters file"
    );
    stage(
        "apply",
        &corpus,
        &[&"--stage", &dir, &"-o", &out("st.jsonl")],
    );
    assert_same(&out("dedup.jsonl"), &out("st.jsonl"));
}

/// A byte order mark.
const BOM: &str = "\u{feff}";

/// `split_corpus` with what only the copy pass tells apart, across the
/// files (so across shards): a line that cannot be read repeated byte for
/// byte, a short record repeated in a fourth file, an id repeated with
/// other bytes, and a record repeated behind a byte order mark.
fn copy_corpus(tmp: &Path) -> PathBuf {
    let dir = split_corpus(tmp);
    let first = fs::read_to_string(dir.join("part0.jsonl")).unwrap();
    let lines: Vec<&str> = first.lines().collect();
    let mut other: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    other["text"] = "a different text under an id already seen, long enough to be signed \
        with words and more words and yet more words to pass the minimum"
        .into();
    let mut part2 = fs::read_to_string(dir.join("part2.jsonl")).unwrap();
    part2.push_str("not json\n");
    part2.push_str(&format!("{other}\n"));
    fs::write(dir.join("part2.jsonl"), part2).unwrap();
    let part3 = format!(
        "{{\"id\":\"short\",\"text\":\"too few words\"}}\n{BOM}{}\n",
        lines[2]
    );
    fs::write(dir.join("part3.jsonl"), part3).unwrap();
    dir
}

/// The JSON lines of `path` whose `source` is one of the files `names`.
fn lines_from(path: &Path, names: &[String]) -> Vec<serde_json::Value> {
    parse_jsonl(&fs::read(path).unwrap())
        .into_iter()
        .filter(|v| names.iter().any(|n| s(v, "source").ends_with(n.as_str())))
        .collect()
}

/// Every nonblank line of the corpus files as (file name, line, bytes).
fn corpus_records(dir: &Path) -> Vec<(String, u64, Vec<u8>)> {
    let mut out = Vec::new();
    for i in 0..4 {
        let name = format!("part{i}.jsonl");
        let bytes = fs::read(dir.join(&name)).unwrap();
        for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if !line.iter().all(u8::is_ascii_whitespace) {
                out.push((name.clone(), n as u64 + 1, line.to_vec()));
            }
        }
    }
    out
}

#[test]
fn apply_by_shard_writes_dedup_output_in_shard_order() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = copy_corpus(tmp.path());
    let dir = tmp.path().join("stage");
    let out = |name: &str| tmp.path().join(name);
    let one_skipped = out("one-skipped.jsonl");
    stage(
        "dedup",
        &corpus,
        &[&"-o", &out("one.jsonl"), &"--skipped", &one_skipped],
    );
    for shard in ["2/3", "0/3", "1/3"] {
        stage("sign", &corpus, &[&"--stage", &dir, &"--shard", &shard]);
    }
    stage("pairs", &corpus, &[&"--stage", &dir]);
    stage(
        "components",
        &corpus,
        &[&"--stage", &dir, &"-o", &out("c.jsonl")],
    );
    assert!(dir.join("clusters.parquet").exists());
    // Four sources over three shards: part0, part1, then part2 and part3.
    let shards = [vec![0], vec![1], vec![2, 3]];
    let mut kept = Vec::new();
    let (mut dropped, mut skipped) = (Vec::new(), Vec::new());
    for (i, files) in shards.iter().enumerate() {
        let shard = format!("{i}/3");
        let st_skipped = out("st-skipped.jsonl");
        stage(
            "apply",
            &corpus,
            &[
                &"--stage",
                &dir,
                &"--shard",
                &shard,
                &"-o",
                &out("st.jsonl"),
                &"--skipped",
                &st_skipped,
            ],
        );
        let part = |name: &str| out(&format!("{name}.part-0000{i}-of-00003.jsonl"));
        kept.extend(fs::read(part("st")).unwrap());
        // Each shard lists what one command lists of its sources, in its order.
        let names: Vec<String> = files.iter().map(|f| format!("part{f}.jsonl")).collect();
        let d = lines_from(&part("st.dropped"), &names);
        assert_eq!(
            d,
            lines_from(&out("one.dropped.jsonl"), &names),
            "shard {i}"
        );
        assert_eq!(
            d.len(),
            parse_jsonl(&fs::read(part("st.dropped")).unwrap()).len()
        );
        let k = lines_from(&part("st-skipped"), &names);
        assert_eq!(k, lines_from(&one_skipped, &names), "shard {i}");
        dropped.extend(d);
        skipped.extend(k);
    }
    let one = fs::read(out("one.jsonl")).unwrap();
    assert!(
        kept == one,
        "the shards' outputs in order are dedup's output"
    );
    // Without --shard: one output, dedup's.
    stage(
        "apply",
        &corpus,
        &[
            &"--stage",
            &dir,
            &"-o",
            &out("all.jsonl"),
            &"--skipped",
            &out("all-skipped.jsonl"),
        ],
    );
    assert_same(&out("one.jsonl"), &out("all.jsonl"));
    assert_same(&out("one.dropped.jsonl"), &out("all.dropped.jsonl"));
    assert_same(&one_skipped, &out("all-skipped.jsonl"));
    // What only the copy pass tells apart happened across the shards.
    let repeats = dropped
        .iter()
        .filter(|v| v.get("repeat_of").is_some())
        .count();
    assert!(repeats >= 4, "{dropped:?}");
    // Every record is kept, dropped or skipped, and they add up.
    let records = corpus_records(&corpus);
    let placed = |list: &[serde_json::Value], name: &str, line: u64| {
        list.iter()
            .any(|v| s(v, "source").ends_with(name) && v["line"].as_u64() == Some(line))
    };
    let kept_lines: Vec<&[u8]> = nonblank_lines(&kept);
    let mut left_out = 0;
    for (name, line, bytes) in &records {
        let is_dropped = placed(&dropped, name, *line);
        let is_skipped = placed(&skipped, name, *line);
        let body = bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes);
        let is_kept = kept_lines
            .iter()
            .any(|k| *k == bytes.as_slice() || *k == body);
        assert!(
            is_kept || is_dropped || is_skipped,
            "{name}:{line} is nowhere"
        );
        left_out += usize::from(!is_kept && !is_dropped);
    }
    assert_eq!(kept_lines.len() + dropped.len() + left_out, records.len());
    assert!(
        left_out >= 1,
        "the id repeated with other bytes is left out"
    );
}

#[test]
fn apply_needs_the_clusters_of_this_run() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = split_corpus(tmp.path());
    let (dir, other) = (tmp.path().join("stage"), tmp.path().join("other"));
    let kept = tmp.path().join("kept.jsonl");
    for (d, threshold) in [(&dir, "0.5"), (&other, "0.9")] {
        stage(
            "sign",
            &corpus,
            &[&"--stage", d, &"--threshold", &threshold],
        );
        stage(
            "pairs",
            &corpus,
            &[&"--stage", d, &"--threshold", &threshold],
        );
    }
    let err = refused("apply", &corpus, &[&"--stage", &dir, &"-o", &kept]);
    assert!(
        err.contains("clusters.parquet is missing") && err.contains("run `neardup components"),
        "{err}"
    );
    for (d, threshold) in [(&dir, "0.5"), (&other, "0.9")] {
        let out = d.join("c.jsonl");
        stage(
            "components",
            &corpus,
            &[&"--stage", d, &"--threshold", &threshold, &"-o", &out],
        );
    }
    stage(
        "apply",
        &corpus,
        &[&"--stage", &dir, &"-o", &kept, &"--shard", &"1/2"],
    );
    // Another run's clusters (made from other pairs) are refused.
    fs::copy(other.join("clusters.parquet"), dir.join("clusters.parquet")).unwrap();
    let err = refused("apply", &corpus, &[&"--stage", &dir, &"-o", &kept]);
    assert!(err.contains("made from other verified pairs"), "{err}");
    assert!(!kept.exists(), "nothing written");
    // So are the flags that describe the whole run.
    let err = refused(
        "apply",
        &corpus,
        &[
            &"--stage",
            &other,
            &"-o",
            &kept,
            &"--report",
            &tmp.path().join("r.html"),
        ],
    );
    assert!(err.contains("--report describes the whole run"), "{err}");
}

#[test]
fn a_stage_run_again_after_a_kill_redoes_only_what_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = split_corpus(tmp.path());
    let dir = tmp.path().join("stage");
    for shard in ["0/2", "1/2"] {
        stage("sign", &corpus, &[&"--stage", &dir, &"--shard", &shard]);
    }
    stage("pairs", &corpus, &[&"--stage", &dir]);
    let before = tree(&dir);
    // A kill leaves no file under its final name, at most a temporary one.
    let docs1 = dir.join("docs/part-00001-of-00002.parquet");
    let pairs2 = dir.join("pairs/group-002.parquet");
    fs::remove_file(&docs1).unwrap();
    fs::remove_file(&pairs2).unwrap();
    fs::write(
        dir.join("pairs/.group-002.parquet.half.tmp"),
        b"PAR1 cut short",
    )
    .unwrap();
    let err = refused("pairs", &corpus, &[&"--stage", &dir]);
    assert!(err.contains("shard 1/2 is not signed yet"), "{err}");
    let kept = fs::metadata(dir.join("pairs/group-000.parquet"))
        .unwrap()
        .modified()
        .unwrap();
    stage("sign", &corpus, &[&"--stage", &dir, &"--shard", &"1/2"]);
    stage("sign", &corpus, &[&"--stage", &dir, &"--shard", &"0/2"]); // complete: nothing to do
    stage("pairs", &corpus, &[&"--stage", &dir]);
    fs::remove_file(dir.join("pairs/.group-002.parquet.half.tmp")).unwrap();
    let after = tree(&dir);
    let names = |t: &[(PathBuf, Vec<u8>)]| t.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&after), names(&before));
    let changed: Vec<_> = after
        .iter()
        .zip(&before)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| &a.0)
        .collect();
    assert!(changed.is_empty(), "other bytes in {changed:?}");
    let again = fs::metadata(dir.join("pairs/group-000.parquet"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(kept, again, "a complete group is not verified again");
}

#[test]
fn a_stage_directory_of_other_settings_or_inputs_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let crawl = samples().join("crawl.jsonl");
    let dir = tmp.path().join("stage");
    stage("sign", &crawl, &[&"--stage", &dir]);
    let err = refused("pairs", &crawl, &[&"--stage", &dir, &"--threshold", &"0.6"]);
    assert!(err.contains("threshold = 0.5, this run has 0.6"), "{err}");
    assert!(
        err.contains("here --threshold 0.5"),
        "names the flag: {err}"
    );
    let err = refused("sign", &crawl, &[&"--stage", &dir, &"--num-perm", &"64"]);
    assert!(err.contains("num_perm = 128"), "{err}");
    let err = refused("sign", &crawl, &[&"--stage", &dir, &"--shard", &"1/2"]);
    assert!(err.contains("it has 1 shards"), "{err}");
    let other = tmp.path().join("other.jsonl");
    fs::copy(&crawl, &other).unwrap();
    let err = refused("pairs", &other, &[&"--stage", &dir]);
    assert!(err.contains("source 1"), "{err}");
    let err = refused(
        "components",
        &crawl,
        &[&"--stage", &dir, &"-o", &tmp.path().join("x.jsonl")],
    );
    assert!(err.contains("not verified yet"), "{err}");
    assert!(!tmp.path().join("x.jsonl").exists());
    let missing = tmp.path().join("never-signed");
    let err = refused("pairs", &crawl, &[&"--stage", &missing]);
    assert!(err.contains("no stage directory"), "{err}");
    assert!(!missing.exists(), "not made by a stage that only reads it");
    // The stage directory inside an input directory would be read as input.
    let inside = tmp.path().join("in");
    fs::create_dir(&inside).unwrap();
    fs::copy(&crawl, inside.join("crawl.jsonl")).unwrap();
    let err = refused("sign", &inside, &[&"--stage", &inside.join("stage")]);
    assert!(err.contains("inside the input"), "{err}");
}

#[test]
fn large_buckets_give_the_one_command_pairs_when_split() {
    // Forty near-copies of one story (a bucket of more than 24 yields a
    // star and a chain, which depend on the id order), ids out of file
    // order, over three files signed as two shards.
    let tmp = tempfile::tempdir().unwrap();
    let crawl = fs::read_to_string(samples().join("crawl.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(crawl.lines().next().unwrap()).unwrap();
    let words: Vec<&str> = s(&first, "text").split_whitespace().collect();
    assert!(words.len() > 60);
    let corpus = tmp.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let mut files = vec![String::new(); 3];
    for i in 0..40usize {
        let mut w: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        w[(i * 7) % words.len()] = format!("variant{i}");
        let line =
            serde_json::json!({"id": format!("doc{:03}", (i * 37) % 40), "text": w.join(" ")});
        files[i % 3].push_str(&format!("{line}\n"));
    }
    for (i, body) in files.iter().enumerate() {
        fs::write(corpus.join(format!("f{i}.jsonl")), body).unwrap();
    }
    let pairs = one_and_staged(tmp.path(), &corpus, "jsonl", ["0/2", "1/2"], &[]);
    assert!(
        parse_jsonl(&pairs).len() < 40 * 39 / 2,
        "star-and-chain buckets"
    );
}

#[test]
fn a_stage_on_an_input_changed_since_signing_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let crawl = tmp.path().join("crawl.jsonl");
    fs::copy(samples().join("crawl.jsonl"), &crawl).unwrap();
    let dir = tmp.path().join("stage");
    stage("sign", &crawl, &[&"--stage", &dir]);
    let signed = fs::read_to_string(&crawl).unwrap();
    // The same size (the stage directory records it), other words.
    let changed = signed.replace(" the ", " tha ");
    assert_eq!(changed.len(), signed.len());
    assert_ne!(changed, signed);
    fs::write(&crawl, &changed).unwrap();
    let err = refused("pairs", &crawl, &[&"--stage", &dir]);
    assert!(
        err.contains("crawl.jsonl line ") && err.contains("holds another text than the one signed"),
        "names the record and what is wrong: {err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert!(
        tree(&dir).iter().all(|(p, _)| !p.starts_with("pairs")),
        "no pairs file"
    );
    // Verified on the input as signed, then changed before the spin view
    // reads its pairs back: components writes neither output nor clusters.
    fs::write(&crawl, &signed).unwrap();
    stage("pairs", &crawl, &[&"--stage", &dir]);
    fs::write(&crawl, &changed).unwrap();
    let out = tmp.path().join("clusters.jsonl");
    let err = refused("components", &crawl, &[&"--stage", &dir, &"-o", &out]);
    assert!(
        err.contains("holds another text than the one signed"),
        "{err}"
    );
    assert!(!out.exists());
    assert!(
        tree(&dir).iter().all(|(p, _)| !p.starts_with("clusters")),
        "no clusters file"
    );
    // As signed, it runs.
    fs::write(&crawl, &signed).unwrap();
    stage("components", &crawl, &[&"--stage", &dir, &"-o", &out]);
    assert!(out.exists());
    // A byte moved from one record to the next, the file's size unchanged:
    // `apply` meets a record of another length than the one signed.
    let mut lines: Vec<String> = signed.lines().map(str::to_string).collect();
    let (i, j) = (
        lines.iter().position(|l| l.contains(" the ")).unwrap(),
        lines.iter().rposition(|l| l.contains(" the ")).unwrap(),
    );
    assert_ne!(i, j);
    lines[i] = lines[i].replacen(" the ", " th ", 1);
    lines[j] = lines[j].replacen(" the ", " thee ", 1);
    let moved = lines.join("\n") + "\n";
    assert_eq!(moved.len(), signed.len());
    fs::write(&crawl, &moved).unwrap();
    let kept = tmp.path().join("kept.jsonl");
    let err = refused("apply", &crawl, &[&"--stage", &dir, &"-o", &kept]);
    assert!(
        err.contains(&format!("crawl.jsonl line {}:", i + 1))
            && err.contains("where the run analysed"),
        "{err}"
    );
    assert!(!kept.exists());
    fs::write(&crawl, &signed).unwrap();
    stage("apply", &crawl, &[&"--stage", &dir, &"-o", &kept]);
    assert!(kept.exists());
}
