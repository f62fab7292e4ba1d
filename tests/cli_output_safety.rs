//! Issue 11, output side: no run damages its inputs, outputs are written
//! whole or not at all, and dedup accounts for every record it reads.

mod common;

use common::*;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Output;

fn crawl_bytes() -> Vec<u8> {
    std::fs::read(samples().join("crawl.jsonl")).unwrap()
}

/// A copy of the sample crawl at `dir/name`.
fn crawl_copy(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, crawl_bytes()).unwrap();
    p
}

fn args(parts: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<OsString> {
    parts.iter().map(|p| p.as_ref().to_os_string()).collect()
}

/// Asserts a refusal: exit 2, `input` unchanged, both paths named.
fn assert_refused(out: &Output, input: &Path, before: &[u8], output: &Path) {
    assert_eq!(out.status.code(), Some(2), "{}", describe(out));
    assert!(
        std::fs::read(input).unwrap() == before,
        "the input was changed"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&output.display().to_string()),
        "output path not named: {err}"
    );
    assert!(
        err.contains(&input.display().to_string()),
        "input path not named: {err}"
    );
}

#[test]
fn an_output_that_is_the_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let x = crawl_copy(dir.path(), "x.jsonl");
    let before = crawl_bytes();
    let other = dir.path().join("other.jsonl");
    for flag in ["-o", "--dropped", "--skipped", "--report"] {
        let mut a = args(&[&"dedup", &"-q", &x]);
        if flag != "-o" {
            a.extend(args(&[&"-o", &other]));
        }
        a.extend(args(&[&flag, &x]));
        assert_refused(&run(&a), &x, &before, &x);
    }
    for flag in ["-o", "--skipped", "--report"] {
        let out = run(&args(&[&"cluster", &"-q", &x, &flag, &x]));
        assert_refused(&out, &x, &before, &x);
    }
    assert!(!other.exists(), "a refused run wrote {}", other.display());
}

#[test]
fn hard_links_and_symlinks_to_the_input_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let x = crawl_copy(dir.path(), "x.jsonl");
    let before = crawl_bytes();
    let hard = dir.path().join("hard.jsonl");
    std::fs::hard_link(&x, &hard).unwrap();
    let soft = dir.path().join("soft.jsonl");
    std::os::unix::fs::symlink(&x, &soft).unwrap();
    for alias in [&hard, &soft] {
        let out = run(&args(&[&"dedup", &"-q", &x, &"-o", alias]));
        assert_refused(&out, &x, &before, alias);
        // The input named through the alias, the output by its own name.
        let out = run(&args(&[&"cluster", &"-q", alias, &"-o", &x]));
        assert_refused(&out, alias, &before, &x);
    }
    // A symlinked directory leading to the input is the same file too.
    let linked_dir = dir.path().join("linked");
    std::os::unix::fs::symlink(dir.path(), &linked_dir).unwrap();
    let via = linked_dir.join("x.jsonl");
    let out = run(&args(&[&"dedup", &"-q", &x, &"-o", &via]));
    assert_refused(&out, &x, &before, &via);
}

#[test]
fn two_outputs_on_one_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let x = crawl_copy(dir.path(), "x.jsonl");
    let out_file = dir.path().join("kept.jsonl");
    let out = run(&args(&[
        &"dedup",
        &"-q",
        &x,
        &"-o",
        &out_file,
        &"--dropped",
        &out_file,
    ]));
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--dropped") && err.contains("-o"), "{err}");
    assert!(!out_file.exists(), "a refused run wrote its output");
    // Spelled differently, still one file.
    let dotted = dir.path().join(".").join("kept.jsonl");
    let out = run(&args(&[
        &"cluster",
        &"-q",
        &x,
        &"-o",
        &out_file,
        &"--report",
        &dotted,
    ]));
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(!out_file.exists());
}

#[test]
fn outputs_inside_an_input_directory_are_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    crawl_copy(dir.path(), "crawl.jsonl");
    let kept = dir.path().join("kept.jsonl");
    let dropped = dir.path().join("kept.dropped.jsonl");
    let dedup = || run(&args(&[&"dedup", &dir.path(), &"-o", &kept]));
    let first = dedup();
    assert!(first.status.success(), "{}", describe(&first));
    let (kept1, dropped1) = (
        std::fs::read(&kept).unwrap(),
        std::fs::read(&dropped).unwrap(),
    );
    // The second run finds the first run's outputs in the directory: they
    // are this run's outputs, so they are not read (and it says so).
    let second = dedup();
    assert!(second.status.success(), "{}", describe(&second));
    assert!(std::fs::read(&kept).unwrap() == kept1, "kept changed");
    assert!(
        std::fs::read(&dropped).unwrap() == dropped1,
        "dropped changed"
    );
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.contains(&format!("not reading {}", kept.display())),
        "{err}"
    );
}

#[test]
fn an_unwritable_output_fails_before_the_run() {
    let dir = tempfile::tempdir().unwrap();
    // An input with no usable record: a run that reads it fails with "no
    // documents"; the output check must come first.
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "not json\n").unwrap();
    let a_file = dir.path().join("plain-file");
    std::fs::write(&a_file, "x").unwrap();
    let missing_dir = dir.path().join("no-such-dir").join("kept.jsonl");
    let under_file = a_file.join("report.html");
    let cases: Vec<Vec<OsString>> = vec![
        args(&[&"dedup", &bad, &"-o", &missing_dir]),
        args(&[&"cluster", &bad, &"--report", &under_file]),
        args(&[&"cluster", &bad, &"--skipped", &missing_dir]),
        args(&[&"cluster", &bad, &"-o", &dir.path()]),
    ];
    for a in cases {
        let out = run(&a);
        assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot write"), "{err}");
        assert!(
            !err.contains("no documents"),
            "checked after the run: {err}"
        );
    }
}

/// Runs neardup with a file-size limit of about 4 KB: a write past it
/// kills the process (SIGXFSZ), as a full disk or `kill -9` would stop it
/// mid-write.
fn run_with_size_limit(a: &[OsString]) -> Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -c 0; ulimit -f 8; exec \"$0\" \"$@\"")
        .arg(bin())
        .args(a)
        .output()
        .expect("run sh")
}

#[test]
fn a_run_stopped_mid_write_leaves_the_old_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let x = crawl_copy(dir.path(), "x.jsonl");
    let kept = dir.path().join("kept.jsonl");
    let dropped = dir.path().join("kept.dropped.jsonl");
    let report = dir.path().join("report.html");
    for (p, old) in [
        (&kept, "old kept\n"),
        (&dropped, "old dropped\n"),
        (&report, "old"),
    ] {
        std::fs::write(p, old).unwrap();
    }
    let out = run_with_size_limit(&args(&[
        &"dedup",
        &"-q",
        &x,
        &"-o",
        &kept,
        &"--report",
        &report,
    ]));
    assert!(!out.status.success(), "the size limit did not stop the run");
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "old kept\n");
    assert_eq!(std::fs::read_to_string(&dropped).unwrap(), "old dropped\n");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "old");
    // Without the limit the same run replaces all three.
    let out = run(&args(&[
        &"dedup",
        &"-q",
        &x,
        &"-o",
        &kept,
        &"--report",
        &report,
    ]));
    assert!(out.status.success(), "{}", describe(&out));
    assert!(std::fs::read(&kept).unwrap().len() > 4096);
}

/// `dedup -q INPUTS -o DIR/kept.jsonl`: (kept bytes, dropped rows, stderr).
fn dedup(dir: &Path, inputs: &[&Path], quiet: bool) -> (Vec<u8>, Vec<serde_json::Value>, String) {
    let kept = dir.join("kept.jsonl");
    let mut a: Vec<OsString> = vec!["dedup".into()];
    if quiet {
        a.push("-q".into());
    }
    a.extend(inputs.iter().map(|p| p.as_os_str().to_os_string()));
    a.extend(args(&[&"-o", &kept]));
    let out = run_ok(&a);
    let dropped = parse_jsonl(&std::fs::read(dir.join("kept.dropped.jsonl")).unwrap());
    (
        std::fs::read(&kept).unwrap(),
        dropped,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn repeated_input_keeps_what_one_copy_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let once = crawl_copy(dir.path(), "once.jsonl");
    let twice = dir.path().join("twice.jsonl");
    std::fs::write(&twice, [crawl_bytes(), crawl_bytes()].concat()).unwrap();
    let records = nonblank_lines(&crawl_bytes()).len();

    let work = tempfile::tempdir().unwrap();
    let (kept1, dropped1, _) = dedup(work.path(), &[&once], true);
    assert!(!dropped1.is_empty());
    // `cat f f`: the second copy of each record is a byte-identical repeat.
    let (kept2, dropped2, _) = dedup(work.path(), &[&twice], true);
    assert!(kept2 == kept1, "cat f f kept more than f");
    assert_eq!(dropped2.len(), dropped1.len() + records);
    let repeats: Vec<_> = dropped2
        .iter()
        .filter(|d| d.get("repeat_of").is_some())
        .collect();
    assert_eq!(repeats.len(), records);
    assert!(repeats.iter().all(|d| s(d, "relation") == "exact"));
    // The same file given twice: the same.
    let (kept3, dropped3, _) = dedup(work.path(), &[&once, &once], true);
    assert!(kept3 == kept1, "f f kept more than f");
    assert_eq!(dropped3.len(), dropped1.len() + records);
}

/// The numbers of the summary line `dedup: N records read = K kept + D dropped + L left out`.
fn account(stderr: &str) -> [u64; 4] {
    let line = stderr
        .lines()
        .find(|l| l.contains("records read ="))
        .unwrap_or_else(|| panic!("no account in:\n{stderr}"));
    let n: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .map(|w| w.parse().unwrap())
        .collect();
    [n[0], n[1], n[2], n[3]]
}

#[test]
fn dedup_accounts_for_every_record() {
    let raw = crawl_bytes();
    let good = nonblank_lines(&raw);
    let first_id = {
        let v: serde_json::Value = serde_json::from_slice(good[0]).unwrap();
        s(&v, "id").to_string()
    };
    let different = format!(
        "{{\"id\":{first_id:?},\"text\":\"a different story under a used id, long enough to be analysed as a document of its own\"}}"
    );
    let malformed = b"{\"id\":\"broken\",\"text\":".to_vec();
    let mut input = raw.clone();
    for extra in [
        good[3].to_vec(),
        different.clone().into_bytes(),
        malformed.clone(),
        malformed.clone(),
    ] {
        input.extend_from_slice(&extra);
        input.push(b'\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.jsonl");
    std::fs::write(&path, &input).unwrap();
    let (kept, dropped, err) = dedup(dir.path(), &[&path], false);
    let kept_lines = nonblank_lines(&kept);
    let [read, k, d, left_out] = account(&err);
    assert_eq!(read as usize, nonblank_lines(&input).len(), "{err}");
    assert_eq!(k as usize, kept_lines.len(), "{err}");
    assert_eq!(d as usize, dropped.len(), "{err}");
    assert_eq!(left_out, 1, "{err}");
    assert_eq!(k + d + left_out, read, "{err}");
    // The different record under a used id is never kept; the malformed
    // line is passed through once, its repeat dropped.
    assert!(!kept_lines.contains(&different.as_bytes()));
    assert_eq!(
        kept_lines
            .iter()
            .filter(|l| **l == malformed.as_slice())
            .count(),
        1
    );
    let repeats = dropped
        .iter()
        .filter(|d| d.get("repeat_of").is_some())
        .count();
    assert_eq!(repeats, 2, "{dropped:?}");
}

#[test]
fn a_compressed_stream_that_breaks_loses_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &crawl_bytes()).unwrap();
    let full = gz.finish().unwrap();
    for cut in [
        full.len() / 5,
        full.len() / 3,
        full.len() / 2,
        full.len() * 3 / 4,
    ] {
        let input = dir.path().join(format!("cut{cut}.jsonl.gz"));
        std::fs::write(&input, &full[..cut]).unwrap();
        // What the run itself meets: documents and skipped records (a read
        // error is not a record).
        let skipped = dir.path().join("skipped.jsonl");
        let c = run(&args(&[&"cluster", &"-q", &input, &"--skipped", &skipped]));
        if !c.status.success() {
            continue; // no complete document before the break
        }
        let docs = parse_jsonl(&c.stdout).len();
        let skips = parse_jsonl(&std::fs::read(&skipped).unwrap())
            .iter()
            .filter(|r| s(r, "reason") != "unreadable")
            .count();
        let kept = dir.path().join(format!("kept{cut}.jsonl"));
        let out = run(&args(&[&"dedup", &"-q", &input, &"-o", &kept]));
        if out.status.success() {
            let kept_n = nonblank_lines(&std::fs::read(&kept).unwrap()).len();
            let dropped_path = dir.path().join(format!("kept{cut}.dropped.jsonl"));
            let dropped_n = parse_jsonl(&std::fs::read(dropped_path).unwrap()).len();
            assert_eq!(
                kept_n + dropped_n,
                docs + skips,
                "cut at {cut}: records lost with exit 0\n{}",
                describe(&out)
            );
        } else {
            assert!(!kept.exists(), "a failed dedup left {}", kept.display());
        }
    }
}

#[test]
fn a_dash_is_standard_output_or_refused_never_a_file_named_dash() {
    let dir = tempfile::tempdir().unwrap();
    let x = crawl_copy(dir.path(), "x.jsonl");
    let neardup = |a: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_neardup"))
            .args(a)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    // cluster -o - is standard output, byte for byte what no -o gives.
    let dash = neardup(&["cluster", "-q", "x.jsonl", "-o", "-"]);
    let plain = neardup(&["cluster", "-q", "x.jsonl"]);
    assert!(dash.status.success(), "{}", describe(&dash));
    assert!(!dash.stdout.is_empty());
    assert_eq!(dash.stdout, plain.stdout);
    // Every other output is a file: `-` is refused, before the run.
    for a in [
        &["cluster", "-q", "x.jsonl", "--pairs", "-"][..],
        &["cluster", "-q", "x.jsonl", "--skipped", "-"],
        &["cluster", "-q", "x.jsonl", "--report", "-"],
        &["dedup", "-q", "x.jsonl", "-o", "-"],
        &[
            "dedup",
            "-q",
            "x.jsonl",
            "-o",
            "kept.jsonl",
            "--dropped",
            "-",
        ],
    ] {
        let out = neardup(a);
        assert_eq!(out.status.code(), Some(2), "{a:?}: {}", describe(&out));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(" -: this output is written to a file"),
            "{a:?}: {}",
            describe(&out)
        );
    }
    assert!(!dir.path().join("-").exists(), "a file named -");
    assert!(!dir.path().join("kept.jsonl").exists());
    assert_eq!(std::fs::read(&x).unwrap(), crawl_bytes());
}
