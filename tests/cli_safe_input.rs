//! Inputs that used to lose records, hang, crash or take gigabytes (issue
//! 11, input side): pipes and FIFOs, files truncated during a run, records
//! over the size limit, decompression bombs, floods of bad lines, directory
//! walks (symlink loops, hidden files, globs, non-UTF-8 names), kinds told by
//! content, strict dates and ids, `--strict`, empty inputs.

mod common;

use common::*;
use serde_json::Value;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Unrelated articles, each well over the 10-word minimum.
const ARTICLES: [&str; 4] = [
    "The harbour authority said on Monday that the new container crane would be installed before the summer shipping season begins in earnest.",
    "Farmers in the northern valley reported a record apple harvest this autumn despite a late frost that damaged blossom in several orchards.",
    "The city council voted to extend library opening hours at weekends after a petition signed by three thousand residents reached the mayor.",
    "A rare migratory stork was spotted on the salt marshes near Gull Point, drawing birdwatchers from across the region to the quiet coast.",
];

fn record(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "text": text }).to_string()
}

/// The four articles as JSON Lines with ids `a0`..`a3`.
fn articles_jsonl() -> String {
    ARTICLES
        .iter()
        .enumerate()
        .map(|(i, t)| record(&format!("a{i}"), t) + "\n")
        .collect()
}

fn crawl() -> PathBuf {
    samples().join("crawl.jsonl")
}

fn arg(p: &Path) -> &std::ffi::OsStr {
    p.as_os_str()
}

/// Runs neardup with stdout and stderr in files, killing it after `limit`;
/// None when it had to be killed.
fn run_limited(args: &[&std::ffi::OsStr], limit: Duration) -> Option<Output> {
    let dir = tempfile::tempdir().unwrap();
    let (out, err) = (dir.path().join("out"), dir.path().join("err"));
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::null())
        .stdout(File::create(&out).unwrap())
        .stderr(File::create(&err).unwrap())
        .spawn()
        .expect("start neardup");
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Some(Output {
        status,
        stdout: fs::read(out).unwrap(),
        stderr: fs::read(err).unwrap(),
    })
}

/// Peak resident size in KiB of a run, from GNU time (None without it).
fn peak_kib(args: &[&std::ffi::OsStr]) -> Option<(u64, Output)> {
    // A memory test that passes without its tool would prove nothing.
    assert!(
        Path::new("/usr/bin/time").exists(),
        "this test measures peak memory with GNU time: apt-get install time"
    );
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("PEAK %M")
        .arg(bin())
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let kib = err.lines().rev().find_map(|l| l.strip_prefix("PEAK "))?;
    Some((kib.trim().parse().ok()?, out))
}

/// `dedup` of `input` (with extra flags): the kept and dropped files' bytes.
fn dedup(input: &Path, extra: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let kept = dir.path().join("kept.jsonl");
    let mut args: Vec<&std::ffi::OsStr> = vec!["dedup".as_ref(), arg(input), "-o".as_ref()];
    args.push(arg(&kept));
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    let out = run_limited(&args, Duration::from_secs(120)).expect("dedup ended");
    assert!(out.status.success(), "{}", describe(&out));
    let dropped = dir.path().join("kept.dropped.jsonl");
    (fs::read(kept).unwrap(), fs::read(dropped).unwrap())
}

/// Asserts that two dedup runs kept the same bytes and dropped the same
/// records (the dropped list names its source, which differs).
fn same_dedup(a: &(Vec<u8>, Vec<u8>), b: &(Vec<u8>, Vec<u8>)) {
    let text = |v: &[u8]| String::from_utf8_lossy(v).into_owned();
    assert_eq!(text(&a.0), text(&b.0), "kept files differ");
    let unsourced = |v: &[u8]| {
        let mut rows = parse_jsonl(v);
        rows.iter_mut().for_each(|r| {
            r.as_object_mut().unwrap().remove("source");
        });
        rows
    };
    assert_eq!(unsourced(&a.1), unsourced(&b.1), "dropped files differ");
}

/// `cluster --format docs` of the inputs: exit status, docs and stderr.
fn cluster(args: &[&std::ffi::OsStr]) -> (Output, Vec<Value>) {
    let mut all: Vec<&std::ffi::OsStr> = vec!["cluster".as_ref()];
    all.extend_from_slice(args);
    let out = run_limited(&all, Duration::from_secs(120)).expect("cluster ended");
    let docs = if out.status.success() {
        parse_jsonl(&out.stdout)
    } else {
        Vec::new()
    };
    (out, docs)
}

fn ids(docs: &[Value]) -> Vec<String> {
    let mut v: Vec<String> = docs.iter().map(|d| s(d, "id").to_string()).collect();
    v.sort();
    v
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn skipped_rows(path: &Path) -> Vec<Value> {
    parse_jsonl(&fs::read(path).expect("--skipped file written"))
}

// ---- 1. Inputs that can be read only once ---------------------------------

#[cfg(unix)]
#[test]
fn a_fifo_is_read_once_and_gives_the_files_output() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("x.jsonl");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let bytes = fs::read(crawl()).unwrap();
    let writer = {
        let fifo = fifo.clone();
        // Writes once; a second open for reading would wait forever.
        std::thread::spawn(move || fs::write(fifo, bytes))
    };
    let from_fifo = dedup(&fifo, &[]);
    writer.join().unwrap().unwrap();
    let from_file = dedup(&crawl(), &[]);
    assert!(!from_file.0.is_empty() && !from_file.1.is_empty());
    same_dedup(&from_fifo, &from_file);
}

#[cfg(unix)]
#[test]
fn a_pipe_named_by_path_gives_the_files_output() {
    // `/dev/stdin` on a pipe is what `<(cat f.jsonl)` gives: a path that
    // is not a regular file.
    let dir = tempfile::tempdir().unwrap();
    let kept = dir.path().join("kept.jsonl");
    let bytes = fs::read(crawl()).unwrap();
    let args = ["dedup", "/dev/stdin", "--input-format", "jsonl", "-o"];
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    all.push(arg(&kept));
    let out = run_with_stdin(&all, Some(&bytes));
    assert!(out.status.success(), "{}", describe(&out));
    let from_pipe = (
        fs::read(&kept).unwrap(),
        fs::read(dir.path().join("kept.dropped.jsonl")).unwrap(),
    );
    same_dedup(&from_pipe, &dedup(&crawl(), &[]));
}

#[cfg(target_os = "linux")]
#[test]
fn stdin_is_spooled_with_no_name_from_its_first_byte() {
    // A run stopped while it copies a large stdin must leave nothing in
    // TMPDIR: the spool is open (seen in /proc) yet no name is listed.
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out_path = out_dir.path().join("out.jsonl");
    let mut child = Command::new(bin())
        .args(["cluster", "-", "-q", "-o"])
        .arg(&out_path)
        .env("TMPDIR", tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start neardup");
    let mut input = child.stdin.take().unwrap();
    let bytes = fs::read(crawl()).unwrap();
    let half = bytes.len() / 2;
    input.write_all(&bytes[..half]).unwrap();
    input.flush().unwrap();
    let fds = PathBuf::from(format!("/proc/{}/fd", child.id()));
    let start = Instant::now();
    let spool_open = loop {
        let open_in_tmp = fs::read_dir(&fds)
            .into_iter()
            .flatten()
            .flatten()
            .any(|fd| fs::read_link(fd.path()).is_ok_and(|target| target.starts_with(tmp.path())));
        if open_in_tmp || start.elapsed() > Duration::from_secs(20) {
            break open_in_tmp;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let listed: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    input.write_all(&bytes[half..]).unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    assert!(spool_open, "no spool opened in TMPDIR");
    assert!(
        listed.is_empty(),
        "named spool while reading stdin: {listed:?}"
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, from_file) = cluster(&[arg(&crawl())]);
    assert_eq!(parse_jsonl(&fs::read(&out_path).unwrap()), from_file);
}

// ---- 2. No memory map ------------------------------------------------------

#[test]
fn no_code_path_maps_an_input() {
    // Deterministic half of the SIGBUS check: a mapped file truncated by
    // another process ends the run with SIGBUS; nothing may map one.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(
        !manifest.contains("memmap"),
        "Cargo.toml depends on a memory-map crate"
    );
    let mut stack = vec![root.join("src")];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = fs::read_to_string(&p).unwrap();
                assert!(!text.contains("Mmap"), "{} maps memory", p.display());
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn a_file_truncated_during_the_run_is_no_crash() {
    // A 1 GiB sparse file of one line: reading it takes a while, so the
    // truncation lands mid-run (a map would take SIGBUS there). Whatever the
    // timing, the run must end with an exit code, never a signal.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    File::create(&path).unwrap().set_len(1 << 30).unwrap();
    let mut child = Command::new(bin())
        .args(["cluster", "--max-df", "1", "-q"])
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(150));
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(0)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.code().is_some(), "ended by a signal: {status:?}");
}

// ---- 3. Bounded memory -----------------------------------------------------

#[test]
fn a_record_over_the_limit_is_skipped_as_too_large_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let skipped = dir.path().join("skipped.jsonl");
    // One line longer than a read batch (8 MiB), so it is cut off mid-read,
    // and one shorter than a batch but over the limit.
    let huge = record("huge", &"word ".repeat(2_000_000));
    let big = record("big", &"word ".repeat(1_000));
    let body = format!(
        "{}\n{huge}\n{}\n{big}\n{}",
        record("x0", ARTICLES[0]),
        record("x1", ARTICLES[1]),
        articles_jsonl()
    );
    fs::write(&input, body).unwrap();
    let (out, docs) = cluster(&[
        arg(&input),
        "--max-record-bytes".as_ref(),
        "4000".as_ref(),
        "--skipped".as_ref(),
        arg(&skipped),
    ]);
    assert!(out.status.success(), "{}", describe(&out));
    let rows = skipped_rows(&skipped);
    let got: Vec<(u64, &str)> = rows
        .iter()
        .map(|r| (u(r, "line"), s(r, "reason")))
        .collect();
    assert_eq!(got, vec![(2, "too_large"), (4, "too_large")], "{rows:?}");
    // The lines after them are numbered right and read.
    assert_eq!(docs.len(), 6, "{}", describe(&out));
    assert!(stderr(&out).contains("2 too_large"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn a_decompression_bomb_stops_at_the_limit() {
    // 300 MB of one line, compressed to a few hundred KB.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bomb.jsonl.zst");
    let mut enc = zstd::Encoder::new(File::create(&input).unwrap(), 1).unwrap();
    enc.write_all(b"{\"id\":\"bomb\",\"text\":\"").unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..300 {
        enc.write_all(&chunk).unwrap();
    }
    enc.write_all(b"\"}\n").unwrap();
    enc.write_all(articles_jsonl().as_bytes()).unwrap();
    enc.finish().unwrap();
    let args: Vec<&std::ffi::OsStr> = vec![
        "cluster".as_ref(),
        arg(&input),
        "--max-record-bytes".as_ref(),
        "1000000".as_ref(),
        "-o".as_ref(),
        "/dev/null".as_ref(),
    ];
    let Some((kib, out)) = peak_kib(&args) else {
        panic!("GNU time printed no peak");
    };
    assert!(out.status.success(), "{}", describe(&out));
    assert!(stderr(&out).contains("1 too_large"), "{}", stderr(&out));
    assert!(kib < 200_000, "peak {kib} KiB for a record limit of 1 MB");
}

#[cfg(unix)]
/// Bad lines in the flood tests, and the peak they must stay under: about
/// twice the 54 MB a run takes, well under the 190 MB of holding them.
const FLOOD: usize = 250_000;
const FLOOD_PEAK_KIB: u64 = 120_000;

#[test]
fn a_flood_of_bad_lines_is_counted_not_held() {
    // 250,000 bad lines compress to a few KB; every skipped record was
    // held (about 550 bytes each: 137 MB here, against a peak of 54 MB
    // without). Counts stay exact; --skipped lists them all.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.jsonl.zst");
    let skipped = dir.path().join("skipped.jsonl");
    let mut enc = zstd::Encoder::new(File::create(&input).unwrap(), 3).unwrap();
    enc.write_all(articles_jsonl().as_bytes()).unwrap();
    for _ in 0..FLOOD {
        enc.write_all(b"x\n").unwrap();
    }
    enc.finish().unwrap();
    let args: Vec<&std::ffi::OsStr> = vec![
        "cluster".as_ref(),
        arg(&input),
        "-o".as_ref(),
        "/dev/null".as_ref(),
        "--skipped".as_ref(),
        arg(&skipped),
    ];
    let Some((kib, out)) = peak_kib(&args) else {
        panic!("GNU time printed no peak");
    };
    assert!(out.status.success(), "{}", describe(&out));
    assert!(
        stderr(&out).contains(&format!("{FLOOD} malformed_json")),
        "{}",
        stderr(&out)
    );
    let lines = fs::read(&skipped)
        .unwrap()
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    assert_eq!(lines, FLOOD);
    assert!(kib < FLOOD_PEAK_KIB, "peak {kib} KiB");
}

#[test]
fn dedup_counts_a_flood_of_bad_lines_without_holding_it() {
    // dedup passes unanalysed records through: it used to hold every
    // skipped record to place it in the copy pass.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.jsonl.zst");
    let kept = dir.path().join("kept.jsonl");
    let mut enc = zstd::Encoder::new(File::create(&input).unwrap(), 3).unwrap();
    enc.write_all(articles_jsonl().as_bytes()).unwrap();
    for i in 0..FLOOD {
        writeln!(enc, "x{}", i % 7).unwrap();
    }
    enc.finish().unwrap();
    let args: Vec<&std::ffi::OsStr> =
        vec!["dedup".as_ref(), arg(&input), "-o".as_ref(), arg(&kept)];
    let (kib, out) = peak_kib(&args).expect("GNU time printed no peak");
    assert!(out.status.success(), "{}", describe(&out));
    // Seven distinct bad lines are passed through once each; their repeats
    // are dropped as exact repeats; every record is accounted for.
    let kept_lines = fs::read(&kept)
        .unwrap()
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    let articles = articles_jsonl().lines().count();
    assert!(kept_lines <= articles + 7, "{kept_lines} kept");
    assert!(
        stderr(&out).contains(&format!("{FLOOD} malformed_json")),
        "{}",
        stderr(&out)
    );
    assert!(kib < FLOOD_PEAK_KIB, "peak {kib} KiB");
}

#[test]
fn dedup_streams_a_too_large_record_through() {
    // A record over --max-record-bytes is not analysed, so dedup passes it
    // through unchanged; it used to read the whole line into memory to do it.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.jsonl.zst");
    let kept = dir.path().join("kept.jsonl");
    let mut enc = zstd::Encoder::new(File::create(&input).unwrap(), 3).unwrap();
    enc.write_all(articles_jsonl().as_bytes()).unwrap();
    enc.write_all(b"{\"id\":\"huge\",\"text\":\"").unwrap();
    let block = vec![b'a'; 1 << 20];
    // 100 MiB: over the 64 MiB limit, and more than the margin below.
    for _ in 0..100 {
        enc.write_all(&block).unwrap();
    }
    enc.write_all(b"\"}\n").unwrap();
    enc.finish().unwrap();
    let args: Vec<&std::ffi::OsStr> =
        vec!["dedup".as_ref(), arg(&input), "-o".as_ref(), arg(&kept)];
    let (kib, out) = peak_kib(&args).expect("GNU time printed no peak");
    assert!(out.status.success(), "{}", describe(&out));
    assert!(stderr(&out).contains("too_large"), "{}", stderr(&out));
    let size = fs::metadata(&kept).unwrap().len();
    assert!(
        size > 100 << 20,
        "the huge record is in the output ({size} bytes)"
    );
    // The copy pass adds nothing to what reading the input costs (the
    // previous dedup held the line: with a 300 MiB record, 400 MB against
    // cluster's 200 MB).
    let cluster: Vec<&std::ffi::OsStr> = vec![
        "cluster".as_ref(),
        arg(&input),
        "-o".as_ref(),
        "/dev/null".as_ref(),
    ];
    let (cluster_kib, _) = peak_kib(&cluster).expect("GNU time printed no peak");
    assert!(
        kib < cluster_kib + 32_768,
        "dedup peak {kib} KiB, cluster {cluster_kib} KiB"
    );
}

// ---- 4. Directory walks ----------------------------------------------------

#[cfg(unix)]
#[test]
fn symlink_loops_end_and_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("a.jsonl"), articles_jsonl()).unwrap();
    for name in ["l1", "l2", "l3"] {
        std::os::unix::fs::symlink(".", root.join(name)).unwrap();
    }
    let skipped = dir.path().join("skipped.jsonl");
    let (out, docs) = cluster(&[arg(&root), "--skipped".as_ref(), arg(&skipped)]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(ids(&docs), vec!["a0", "a1", "a2", "a3"], "each record once");
    let loops = skipped_rows(&skipped)
        .iter()
        .filter(|r| s(r, "reason") == "directory_loop")
        .count();
    assert_eq!(loops, 3);
}

#[test]
fn hidden_files_and_directories_are_skipped_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join(".git/objects")).unwrap();
    fs::write(dir.path().join("a.jsonl"), record("a0", ARTICLES[0]) + "\n").unwrap();
    fs::write(
        dir.path().join(".b.jsonl"),
        record("a1", ARTICLES[1]) + "\n",
    )
    .unwrap();
    fs::write(
        dir.path().join(".git/objects/c.jsonl"),
        record("a2", ARTICLES[2]) + "\n",
    )
    .unwrap();
    let (out, docs) = cluster(&[arg(dir.path())]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(ids(&docs), vec!["a0"]);
    let (out, docs) = cluster(&[arg(dir.path()), "--hidden".as_ref()]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(ids(&docs), vec!["a0", "a1", "a2"]);
}

#[test]
fn glob_and_exclude_choose_the_files_of_a_walk() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("a.jsonl"), record("a0", ARTICLES[0]) + "\n").unwrap();
    fs::write(dir.path().join("b.txt"), ARTICLES[1]).unwrap();
    fs::write(
        dir.path().join("sub/c.jsonl"),
        record("a2", ARTICLES[2]) + "\n",
    )
    .unwrap();
    let (out, docs) = cluster(&[arg(dir.path()), "--glob".as_ref(), "*.jsonl".as_ref()]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(ids(&docs), vec!["a0", "a2"]);
    let (out, docs) = cluster(&[arg(dir.path()), "--exclude".as_ref(), "sub".as_ref()]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(ids(&docs), vec!["a0", "b.txt"]);
    let (out, _) = cluster(&[arg(dir.path()), "--glob".as_ref(), "a[".as_ref()]);
    assert_eq!(out.status.code(), Some(2), "a bad glob is a usage error");
    assert!(stderr(&out).contains("--glob a["), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn non_utf8_names_keep_distinct_ids_and_backslashes_stay() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = |b: &[u8]| dir.path().join(std::ffi::OsStr::from_bytes(b));
    fs::write(name(b"doc\xFF.txt"), ARTICLES[0]).unwrap();
    fs::write(name(b"doc\xFE.txt"), ARTICLES[1]).unwrap();
    fs::write(name(b"back\\slash.txt"), ARTICLES[2]).unwrap();
    let (out, docs) = cluster(&[arg(dir.path())]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(
        ids(&docs),
        vec!["back\\slash.txt", "doc\\xFE.txt", "doc\\xFF.txt"],
        "{}",
        describe(&out)
    );
}

// ---- 5. Kinds by content ---------------------------------------------------

#[test]
fn a_byte_order_mark_costs_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bom.jsonl");
    fs::write(&input, format!("\u{FEFF}{}", articles_jsonl())).unwrap();
    let (out, docs) = cluster(&[arg(&input), "--strict".as_ref()]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(ids(&docs), vec!["a0", "a1", "a2", "a3"]);
}

#[test]
fn a_json_array_is_read_as_records() {
    // Pretty-printed, with an element that is not an object (skipped,
    // numbered by its position); dedup writes the records as JSON lines.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("array.json");
    let skipped = dir.path().join("skipped.jsonl");
    let mut array: Vec<Value> = articles_jsonl()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    array.insert(2, Value::from(5));
    fs::write(&input, serde_json::to_string_pretty(&array).unwrap()).unwrap();
    let (out, docs) = cluster(&[arg(&input), "--skipped".as_ref(), arg(&skipped)]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(ids(&docs), vec!["a0", "a1", "a2", "a3"]);
    let rows = skipped_rows(&skipped);
    let got: Vec<(u64, &str)> = rows
        .iter()
        .map(|r| (u(r, "line"), s(r, "reason")))
        .collect();
    assert_eq!(got, vec![(3, "not_an_object")]);
    let piped = run_with_stdin(&["cluster", "-"], Some(&fs::read(&input).unwrap()));
    assert!(piped.status.success(), "{}", describe(&piped));
    assert_eq!(parse_jsonl(&piped.stdout), docs, "the array on stdin");
    let (kept, _) = dedup(&input, &[]);
    let kept: Vec<Value> = parse_jsonl(&kept);
    let records: Vec<&Value> = kept.iter().filter(|v| v.is_object()).collect();
    assert_eq!(records.len(), 4, "each record kept, one a line");
    assert_eq!(*records[0], array[0]);
}

#[test]
fn json_lines_are_recognised_under_any_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("part-00000");
    fs::write(&input, articles_jsonl()).unwrap();
    let (out, docs) = cluster(&[arg(&input)]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(ids(&docs), vec!["a0", "a1", "a2", "a3"]);
}

#[test]
fn gzip_is_recognised_by_its_bytes_whatever_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("plain-name.jsonl");
    let mut gz = flate2::write::GzEncoder::new(File::create(&input).unwrap(), Default::default());
    gz.write_all(articles_jsonl().as_bytes()).unwrap();
    gz.finish().unwrap();
    let (out, docs) = cluster(&[arg(&input), "--strict".as_ref()]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(ids(&docs), vec!["a0", "a1", "a2", "a3"]);
}

// ---- 6. Records and fields -------------------------------------------------

#[test]
fn impossible_dates_are_bad_dates_and_news_forms_are_read() {
    // Four copies of one article (one cluster, whose members show their dates).
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dated.jsonl");
    let dates = [
        "2026-02-31",
        "2026-04-31T10:00:00Z",
        "Sat, 14 Mar 2026 14:10:00 +0000",
        "2026-03-14 14:10:00",
    ];
    let body: String = dates
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let id = format!("a{i}");
            serde_json::json!({"id": id, "text": ARTICLES[0], "date": d}).to_string() + "\n"
        })
        .collect();
    fs::write(&input, body).unwrap();
    let (out, clusters) = cluster(&[arg(&input), "--format".as_ref(), "clusters".as_ref()]);
    assert!(out.status.success(), "{}", describe(&out));
    assert!(
        stderr(&out).contains("2 records had a date"),
        "{}",
        stderr(&out)
    );
    assert_eq!(clusters.len(), 1, "{}", describe(&out));
    let date_of = |id: &str| {
        let members = clusters[0]["members"].as_array().unwrap();
        let m = members.iter().find(|m| s(m, "id") == id).unwrap();
        m.get("date").and_then(Value::as_str).map(str::to_owned)
    };
    assert_eq!(date_of("a0"), None, "2026-02-31 is no date");
    assert_eq!(date_of("a1"), None, "2026-04-31 is no date");
    let want = Some("2026-03-14T14:10:00Z".to_owned());
    assert_eq!(date_of("a2"), want);
    assert_eq!(date_of("a3"), want);
}

#[test]
fn long_integer_ids_keep_their_digits_and_empty_ids_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ids.jsonl");
    let skipped = dir.path().join("skipped.jsonl");
    let body = format!(
        "{{\"id\":123456789012345678901234567890,\"text\":\"{}\"}}\n{}\n{}\n",
        ARTICLES[0],
        serde_json::json!({"id": "", "text": ARTICLES[1]}),
        record("a2", ARTICLES[2]),
    );
    fs::write(&input, body).unwrap();
    let (out, docs) = cluster(&[arg(&input), "--skipped".as_ref(), arg(&skipped)]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(ids(&docs), vec!["123456789012345678901234567890", "a2"]);
    let rows = skipped_rows(&skipped);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        (u(&rows[0], "line"), s(&rows[0], "reason")),
        (2, "empty_id")
    );
}

#[test]
fn strict_stops_at_the_first_bad_record() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let skipped = dir.path().join("skipped.jsonl");
    let mut body = record("a0", ARTICLES[0]) + "\nnot json\n";
    for i in 0..20_000 {
        body += &record(&format!("r{i}"), ARTICLES[i % 4]);
        body += "\n";
    }
    body += "also not json\n";
    fs::write(&input, body).unwrap();
    let (out, _) = cluster(&[
        arg(&input),
        "--strict".as_ref(),
        "--skipped".as_ref(),
        arg(&skipped),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.contains("in.jsonl:2") && err.contains("malformed JSON"),
        "{err}"
    );
    // Reading stopped there: the later bad line was never reached.
    let rows = skipped_rows(&skipped);
    assert_eq!(rows.len(), 1, "{rows:?}");
}

#[test]
fn sizes_count_decompressed_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(File::create(&input).unwrap(), Default::default());
    let mut raw = 0usize;
    for i in 0..4_000 {
        let line = record(&format!("r{i}"), ARTICLES[i % 4]) + "\n";
        raw += line.len();
        gz.write_all(line.as_bytes()).unwrap();
    }
    gz.finish().unwrap();
    // One decimal of MB tells the two apart.
    assert!(raw > 500_000 && fs::metadata(&input).unwrap().len() < 50_000);
    let (out, _) = cluster(&[arg(&input), "--no-spin".as_ref()]);
    assert!(out.status.success(), "{}", describe(&out));
    let want = format!("from {:.1} MB", raw as f64 / 1e6);
    assert!(
        stderr(&out).contains(&want),
        "want {want:?}: {}",
        stderr(&out)
    );
}

#[test]
fn an_empty_input_is_not_an_error_unless_strict() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("empty.jsonl");
    fs::write(&input, "").unwrap();
    let kept = dir.path().join("kept.jsonl");
    let out = run(&["dedup".as_ref(), arg(&input), "-o".as_ref(), arg(&kept)]);
    assert!(out.status.success(), "{}", describe(&out));
    assert!(stderr(&out).contains("no records"), "{}", stderr(&out));
    assert_eq!(fs::read(&kept).unwrap(), b"");
    let (out, _) = cluster(&[arg(&input), "--strict".as_ref()]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(stderr(&out).contains("no records"), "{}", stderr(&out));
}
