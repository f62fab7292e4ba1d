//! Records and inputs that cannot be used: each is skipped, named with its
//! file, line and reason, and never silently dropped or clustered.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Unrelated articles, each well over the 10-word minimum.
const ARTICLES: [&str; 6] = [
    "The harbour authority said on Monday that the new container crane would be installed before the summer shipping season begins in earnest.",
    "Farmers in the northern valley reported a record apple harvest this autumn despite a late frost that damaged blossom in several orchards.",
    "The city council voted to extend library opening hours at weekends after a petition signed by three thousand residents reached the mayor.",
    "A rare migratory stork was spotted on the salt marshes near Gull Point, drawing birdwatchers from across the region to the quiet coast.",
    "Engineers began replacing the rusted iron railings of the old swing bridge, a job expected to close the footpath for about six weeks.",
    "The regional orchestra announced a free open air concert in the cathedral square, with a programme of folk dances and film music.",
];

fn json_record(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "text": text }).to_string()
}

/// What one line of the mixed file is.
enum Line {
    Good(&'static str),
    Bad(&'static str),
    Blank,
}

/// The mixed file: its bytes, the id of each good line, and for each bad
/// line its 1-based line number and expected reason code.
struct Mixed {
    bytes: Vec<u8>,
    good_ids: Vec<String>,
    bad: Vec<(u64, &'static str)>,
    blank: Vec<u64>,
    /// Line number and byte position (within the line) of the invalid UTF-8.
    utf8_at: (u64, usize),
    /// Line number of the record without an id field.
    no_id_line: u64,
}

fn mixed() -> Mixed {
    let mut raw: Vec<(Vec<u8>, Line)> = vec![
        (
            json_record("good-1", ARTICLES[0]).into_bytes(),
            Line::Good("good-1"),
        ),
        (
            br#"{"id":"broken","text":"never closed"#.to_vec(),
            Line::Bad("malformed_json"),
        ),
        (
            br#"["an","array","of","words"]"#.to_vec(),
            Line::Bad("not_an_object"),
        ),
        (
            br#"{"id":"no-text","title":"headline only"}"#.to_vec(),
            Line::Bad("missing_text"),
        ),
        (Vec::new(), Line::Blank),
        (
            br#"{"id":"null-text","text":null}"#.to_vec(),
            Line::Bad("text_not_string"),
        ),
        (
            br#"{"id":"number-text","text":12345}"#.to_vec(),
            Line::Bad("text_not_string"),
        ),
        (
            format!(r#"{{"id":true,"text":"{}"}}"#, ARTICLES[1]).into_bytes(),
            Line::Bad("bad_id"),
        ),
        (
            {
                let mut l = br#"{"id":"latin1","text":"caf"#.to_vec();
                l.push(0xE9); // 'é' in Latin-1: not UTF-8
                l.extend_from_slice(
                    b" au lait was served to every guest at the long reopening breakfast table\"}",
                );
                l
            },
            Line::Bad("invalid_utf8"),
        ),
        (
            json_record("good-2", ARTICLES[2]).into_bytes(),
            Line::Good("good-2"),
        ),
        (
            json_record("empty", "  ... --- !!! ").into_bytes(),
            Line::Bad("empty"),
        ),
        (b"   \t ".to_vec(), Line::Blank),
        (
            json_record("short", "Three words only").into_bytes(),
            Line::Bad("too_short"),
        ),
        (
            json_record("good-1", ARTICLES[3]).into_bytes(),
            Line::Bad("duplicate_id"),
        ),
        (
            json_record("good-3", ARTICLES[4]).into_bytes(),
            Line::Good("good-3"),
        ),
        (
            format!(r#"{{"text":"{}"}}"#, ARTICLES[5]).into_bytes(),
            Line::Good(""),
        ),
        (Vec::new(), Line::Blank),
    ];
    let mut bytes = Vec::new();
    let mut good_ids = Vec::new();
    let mut bad = Vec::new();
    let mut blank = Vec::new();
    let mut utf8_at = (0, 0);
    let mut no_id_line = 0;
    for (i, (line, kind)) in raw.iter_mut().enumerate() {
        let n = i as u64 + 1;
        match kind {
            Line::Good("") => no_id_line = n,
            Line::Good(id) => good_ids.push(id.to_string()),
            Line::Bad(code) => {
                bad.push((n, *code));
                if *code == "invalid_utf8" {
                    utf8_at = (n, line.iter().position(|&b| b == 0xE9).unwrap());
                }
            }
            Line::Blank => blank.push(n),
        }
        bytes.extend_from_slice(line);
        bytes.push(b'\n');
    }
    Mixed {
        bytes,
        good_ids,
        bad,
        blank,
        utf8_at,
        no_id_line,
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn path_str(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn bad_records_are_skipped_with_line_and_reason() {
    let m = mixed();
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "mixed.jsonl", &m.bytes);
    let skipped = dir.path().join("skipped.jsonl");
    let out = run_ok(&[
        "cluster".as_ref(),
        "--quiet".as_ref(),
        input.as_os_str(),
        "--skipped".as_ref(),
        skipped.as_os_str(),
    ]);
    let docs = parse_jsonl(&out.stdout);
    let rows = parse_jsonl(&std::fs::read(&skipped).expect("--skipped file written"));

    // Every bad record once, at its line, with its reason; nothing else.
    let got: Vec<(u64, String)> = rows
        .iter()
        .map(|r| (u(r, "line"), s(r, "reason").to_string()))
        .collect();
    let want: Vec<(u64, String)> = m.bad.iter().map(|&(l, c)| (l, c.to_string())).collect();
    assert_eq!(got, want, "skipped rows:\n{rows:#?}");
    for r in &rows {
        assert_eq!(s(r, "source"), path_str(&input), "{r}");
        assert!(!s(r, "message").is_empty(), "{r}");
        assert!(!m.blank.contains(&u(r, "line")), "blank line reported: {r}");
    }
    // Ids are named when they could be read.
    let id_of = |code: &str| rows.iter().find(|r| s(r, "reason") == code).unwrap()["id"].clone();
    assert_eq!(id_of("missing_text"), "no-text");
    assert_eq!(id_of("too_short"), "short");
    assert_eq!(id_of("duplicate_id"), "good-1");
    assert_eq!(id_of("malformed_json"), Value::Null);
    let msg = |code: &str| {
        s(
            rows.iter().find(|r| s(r, "reason") == code).unwrap(),
            "message",
        )
    };
    assert!(msg("bad_id").contains("boolean"), "{}", msg("bad_id"));
    assert!(
        msg("invalid_utf8").contains(&format!("at byte {}", m.utf8_at.1)),
        "invalid UTF-8 is at byte {} of line {}: {}",
        m.utf8_at.1,
        m.utf8_at.0,
        msg("invalid_utf8")
    );
    assert!(
        msg("duplicate_id").contains(&format!("{}:1", path_str(&input))),
        "the first occurrence is line 1: {}",
        msg("duplicate_id")
    );
    assert!(msg("too_short").contains('3'), "{}", msg("too_short"));
    let text_types: BTreeSet<&str> = rows
        .iter()
        .filter(|r| s(r, "reason") == "text_not_string")
        .map(|r| s(r, "message"))
        .collect();
    assert!(
        text_types.iter().any(|t| t.contains("null")),
        "{text_types:?}"
    );
    assert!(
        text_types.iter().any(|t| t.contains("number")),
        "{text_types:?}"
    );

    // Good records are all clustered, alone (they are unrelated), and the
    // duplicate id kept is the first one.
    let ids: BTreeSet<&str> = docs.iter().map(|d| s(d, "id")).collect();
    for id in &m.good_ids {
        assert!(ids.contains(id.as_str()), "{id} missing from the output");
    }
    let no_id = format!("{}:{}", path_str(&input), m.no_id_line);
    assert!(ids.contains(no_id.as_str()), "no {no_id} in {ids:?}");
    assert_eq!(docs.len(), m.good_ids.len() + 1);
    assert!(docs.iter().all(|d| u(d, "cluster_size") == 1));

    let nonblank = nonblank_lines(&m.bytes).len();
    assert_eq!(
        docs.len() + rows.len(),
        nonblank,
        "docs + skipped == records"
    );
}

#[test]
fn stderr_names_file_and_line_of_each_bad_record() {
    let m = mixed();
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "mixed.jsonl", &m.bytes);
    let out = run_ok(&["cluster".as_ref(), input.as_os_str()]);
    let err = String::from_utf8_lossy(&out.stderr);
    let name = path_str(&input);
    for (line, code) in &m.bad {
        let at = format!("{name}:{line}");
        let hit = err.lines().any(|l| {
            l.trim_start().starts_with(&format!("{at}:")) || l.contains(&format!("{at} ("))
        });
        assert!(hit, "{code} at {at} not named on stderr:\n{err}");
    }
    for line in &m.blank {
        assert!(
            !err.contains(&format!("{name}:{line}:")) && !err.contains(&format!("{name}:{line} (")),
            "blank line {line} reported:\n{err}"
        );
    }
    // Reasons are counted by code in the summary.
    for code in [
        "malformed_json",
        "not_an_object",
        "invalid_utf8",
        "duplicate_id",
    ] {
        assert!(err.contains(code), "{code} not counted:\n{err}");
    }
    assert!(err.contains("2 text_not_string"), "{err}");
    // The record without an id is noted.
    assert!(err.contains("no id field"), "{err}");
    // stdout still holds the good records only.
    assert_eq!(parse_jsonl(&out.stdout).len(), m.good_ids.len() + 1);
}

#[test]
fn strict_stops_at_the_first_bad_record() {
    let m = mixed();
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "mixed.jsonl", &m.bytes);
    let out = run(&[
        "cluster".as_ref(),
        "--quiet".as_ref(),
        "--strict".as_ref(),
        input.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    let (first_line, _) = m.bad[0];
    assert!(
        err.contains(&format!("{}:{first_line}", path_str(&input))),
        "file:line missing:\n{err}"
    );
    assert!(err.contains("malformed JSON"), "problem not named:\n{err}");
    assert!(out.stdout.is_empty(), "strict failure still wrote results");

    // The same file without its bad lines passes --strict.
    let clean: Vec<u8> = m
        .bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(i, _)| !m.bad.iter().any(|&(l, _)| l == *i as u64 + 1))
        .flat_map(|(_, l)| l.iter().copied().chain([b'\n']))
        .collect();
    let clean_path = write(dir.path(), "clean.jsonl", &clean);
    let out = run_ok(&[
        "cluster".as_ref(),
        "--quiet".as_ref(),
        "--strict".as_ref(),
        clean_path.as_os_str(),
    ]);
    assert_eq!(parse_jsonl(&out.stdout).len(), m.good_ids.len() + 1);
}

#[test]
fn missing_input_next_to_a_good_one_is_reported_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String = ARTICLES
        .iter()
        .enumerate()
        .map(|(i, t)| json_record(&format!("a{i}"), t) + "\n")
        .collect();
    let good = write(dir.path(), "good.jsonl", lines.as_bytes());
    let missing = dir.path().join("no-such-file.jsonl");
    let skipped = dir.path().join("skipped.jsonl");
    let out = run_ok(&[
        "cluster".as_ref(),
        "--quiet".as_ref(),
        missing.as_os_str(),
        good.as_os_str(),
        "--skipped".as_ref(),
        skipped.as_os_str(),
    ]);
    assert_eq!(parse_jsonl(&out.stdout).len(), ARTICLES.len());
    let rows = parse_jsonl(&std::fs::read(&skipped).unwrap());
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(s(&rows[0], "reason"), "unreadable");
    assert_eq!(s(&rows[0], "source"), path_str(&missing));

    // Without --skipped, stderr names the path.
    let out = run_ok(&["cluster".as_ref(), missing.as_os_str(), good.as_os_str()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&path_str(&missing)), "{err}");
    assert!(err.contains("unreadable"), "{err}");
}

#[test]
fn only_missing_inputs_is_an_error_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here.jsonl");
    let out = run(&["cluster".as_ref(), "--quiet".as_ref(), missing.as_os_str()]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&path_str(&missing)), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn corpus_without_usable_documents_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        json_record("e1", ""),
        json_record("e2", "   "),
        json_record("s1", "two words"),
        json_record("s2", "just nine words here, still not quite enough, sorry"),
    ]
    .join("\n");
    let input = write(dir.path(), "short.jsonl", lines.as_bytes());
    let out = run(&["cluster".as_ref(), "--quiet".as_ref(), input.as_os_str()]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no documents to cluster"), "{err}");
    assert!(err.contains("4 records skipped"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn short_documents_are_never_clustered() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = Vec::new();
    for i in 0..50 {
        let text = if i % 2 == 0 {
            ""
        } else {
            "Breaking news update"
        };
        lines.push(json_record(&format!("short-{i:02}"), text));
    }
    lines.insert(17, json_record("real-1", ARTICLES[0]));
    lines.insert(40, json_record("real-2", ARTICLES[3]));
    let input = write(
        dir.path(),
        "many-short.jsonl",
        (lines.join("\n") + "\n").as_bytes(),
    );
    let skipped = dir.path().join("skipped.jsonl");
    for format in ["docs", "clusters"] {
        let out = run_ok(&[
            "cluster".as_ref(),
            "--quiet".as_ref(),
            input.as_os_str(),
            "-f".as_ref(),
            format.as_ref(),
            "--skipped".as_ref(),
            skipped.as_os_str(),
        ]);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            !stdout.contains("short-"),
            "a short document was output:\n{stdout}"
        );
        let lines = parse_jsonl(stdout.as_bytes());
        assert_eq!(lines.len(), 2, "two singletons expected:\n{stdout}");
        let size_key = if format == "docs" {
            "cluster_size"
        } else {
            "size"
        };
        assert!(lines.iter().all(|l| u(l, size_key) == 1), "{stdout}");
    }
    let rows = parse_jsonl(&std::fs::read(&skipped).unwrap());
    assert_eq!(rows.len(), 50);
    for r in &rows {
        let id = s(r, "id");
        let n: usize = id.strip_prefix("short-").unwrap().parse().unwrap();
        let want = if n % 2 == 0 { "empty" } else { "too_short" };
        assert_eq!(s(r, "reason"), want, "{r}");
    }
    let distinct: BTreeSet<&str> = rows.iter().map(|r| s(r, "id")).collect();
    assert_eq!(distinct.len(), 50, "each short record reported once");
}

#[test]
fn non_utf8_text_file_in_a_directory_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    write(&root, "a.txt", ARTICLES[0].as_bytes());
    write(&root.join("sub"), "b.txt", ARTICLES[1].as_bytes());
    let mut bad = b"Headline\n\nThe mayor opened the new".to_vec();
    let at = bad.len();
    bad.extend_from_slice(
        b" caf\xE9 on the square with a speech about the town and its long history.",
    );
    let bad_path = write(&root.join("sub"), "latin1.txt", &bad);
    let skipped = dir.path().join("skipped.jsonl");
    let out = run_ok(&[
        "cluster".as_ref(),
        "--quiet".as_ref(),
        root.as_os_str(),
        "--skipped".as_ref(),
        skipped.as_os_str(),
    ]);
    let ids: BTreeSet<String> = parse_jsonl(&out.stdout)
        .iter()
        .map(|d| s(d, "id").to_string())
        .collect();
    assert_eq!(
        ids,
        BTreeSet::from(["a.txt".to_string(), "sub/b.txt".to_string()])
    );
    let rows = parse_jsonl(&std::fs::read(&skipped).unwrap());
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(s(&rows[0], "reason"), "invalid_utf8");
    assert!(s(&rows[0], "source").ends_with("latin1.txt"), "{}", rows[0]);
    assert_eq!(s(&rows[0], "id"), "sub/latin1.txt");
    assert!(
        s(&rows[0], "message").contains(&format!("at byte {}", at + 4)),
        "the bad byte is at {}: {}",
        at + 4,
        rows[0]
    );

    let out = run_ok(&["cluster".as_ref(), root.as_os_str()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&path_str(&bad_path)), "{err}");
    assert!(err.contains("invalid UTF-8"), "{err}");
}

#[test]
fn records_without_id_get_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let lines = format!(
        "{}\n\n{}\n{}\n",
        serde_json::json!({ "text": ARTICLES[0] }),
        json_record("named", ARTICLES[1]),
        serde_json::json!({ "text": ARTICLES[2], "title": "x" }),
    );
    let input = write(dir.path(), "anon.jsonl", lines.as_bytes());
    let out = run_ok(&["cluster".as_ref(), input.as_os_str()]);
    let ids: BTreeSet<String> = parse_jsonl(&out.stdout)
        .iter()
        .map(|d| s(d, "id").to_string())
        .collect();
    let name = path_str(&input);
    let want = BTreeSet::from([
        format!("{name}:1"),
        "named".to_string(),
        format!("{name}:4"),
    ]);
    assert_eq!(ids, want);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("2 records had no id field") && err.contains("FILE:LINE"),
        "{err}"
    );
}

#[test]
fn crlf_lines_and_a_missing_final_newline_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!(
        "{}\r\n\r\n{}\r\n{}",
        json_record("r1", ARTICLES[0]),
        json_record("r2", ARTICLES[1]),
        json_record("r3", ARTICLES[2]),
    );
    let input = write(dir.path(), "crlf.jsonl", body.as_bytes());
    let out = run_ok(&[
        "cluster".as_ref(),
        "--quiet".as_ref(),
        "--strict".as_ref(),
        input.as_os_str(),
    ]);
    let ids: Vec<String> = parse_jsonl(&out.stdout)
        .iter()
        .map(|d| s(d, "id").to_string())
        .collect();
    assert_eq!(ids, ["r1", "r2", "r3"]);
}
