//! Issue 11: hostile bytes in ids and texts. Terminal output escapes
//! control characters and bidi overrides; the HTML report isolates bidi
//! text, runs only its own script (by hash) and caps one view's size.

mod common;

use common::*;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// An OSC title change ended by BEL, then a right-to-left override.
const RETITLE: &str = "evil\u{1b}]0;pwned\u{7}\u{202e}gnp.exe";
/// A clear-screen sequence.
const CLEAR: &str = "copy\u{1b}[2J";
/// A newline and a line that looks like the summary's first.
const FORGED: &str = "short\u{1b}[31m\nneardup: 0 documents clustered";

fn story() -> String {
    let words = "the harbour council voted on tuesday to close the old bridge for repairs \
                 after inspectors found rust in the main girders and the mayor said traffic \
                 would move to the ferry until the work ends next spring";
    format!("{words} \u{1b}[2J {words}")
}

/// A corpus with escape sequences in ids and text: two copies of a story
/// (a cluster) and a record too short to cluster (listed on stderr).
fn hostile_corpus(dir: &Path) -> PathBuf {
    let rec = |id: &str, text: &str| serde_json::json!({ "id": id, "text": text }).to_string();
    let body = [
        rec(RETITLE, &story()),
        rec(CLEAR, &story()),
        rec(FORGED, "too short"),
    ]
    .join("\n");
    let p = dir.join("hostile.jsonl");
    std::fs::write(&p, body + "\n").unwrap();
    p
}

/// No byte or character that steers a terminal (outside `allowed` SGR colour codes).
fn assert_inert(what: &str, out: &str, sgr_allowed: bool) {
    for (i, c) in out.char_indices() {
        let bad = match c {
            '\n' => false,
            '\u{1b}' if sgr_allowed => {
                let rest = &out[i + 1..];
                let code = rest
                    .strip_prefix('[')
                    .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit() || c == ';'));
                !code.is_some_and(|r| r.starts_with('m'))
            }
            c => c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c),
        };
        assert!(!bad, "{what}: raw {c:?} at byte {i}:\n{out}");
    }
}

#[test]
fn text_format_and_summary_escape_controls() {
    let dir = tempfile::tempdir().unwrap();
    let input = hostile_corpus(dir.path());
    let out = run_ok(&[
        "cluster".as_ref(),
        input.as_os_str(),
        "--format".as_ref(),
        "text".as_ref(),
    ]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_inert("stdout", &stdout, false);
    assert_inert("stderr", &stderr, false);
    // The ids are still there, visibly escaped.
    assert!(
        stdout.contains("evil\\u{1b}]0;pwned\\u{7}\\u{202e}gnp.exe"),
        "{stdout}"
    );
    assert!(stdout.contains("copy\\u{1b}[2J"), "{stdout}");
    assert!(
        stderr.contains("short\\u{1b}[31m\\u{a}neardup: 0 documents"),
        "{stderr}"
    );
    // The id's newline forges no line.
    let forged = stderr
        .lines()
        .filter(|l| l.starts_with("neardup: 0 documents"))
        .count();
    assert_eq!(forged, 0, "{stderr}");
}

#[test]
fn explain_text_escapes_controls_but_keeps_its_colours() {
    let dir = tempfile::tempdir().unwrap();
    let input = hostile_corpus(dir.path());
    for (color, sgr) in [("never", false), ("always", true)] {
        let out = run_ok(&[
            "explain",
            RETITLE,
            CLEAR,
            "--corpus",
            input.to_str().unwrap(),
            "--color",
            color,
        ]);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_inert(&format!("explain --color {color}"), &stdout, sgr);
        assert!(stdout.contains("A: evil\\u{1b}]0;pwned"), "{stdout}");
        assert!(stdout.contains("\\u{1b}[2J"), "text excerpt: {stdout}");
    }
}

/// `neardup cluster INPUT --report DIR/r.html`; returns the page.
fn report(dir: &Path, input: &Path) -> String {
    let html = dir.join("r.html");
    run_ok(&[
        "cluster".as_ref(),
        "-q".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        dir.join("docs.jsonl").as_os_str(),
        "--report".as_ref(),
        html.as_os_str(),
    ]);
    std::fs::read_to_string(html).unwrap()
}

/// Standard base64 (RFC 4648), written here so the test does not trust
/// the report's own encoder.
fn base64(bytes: &[u8]) -> String {
    let abc = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = String::new();
    for b in bytes {
        bits.push_str(&format!("{b:08b}"));
    }
    while bits.len() % 6 != 0 {
        bits.push('0');
    }
    let mut out: String = bits
        .as_bytes()
        .chunks(6)
        .map(|c| abc[usize::from_str_radix(std::str::from_utf8(c).unwrap(), 2).unwrap()] as char)
        .collect();
    while out.len() % 4 != 0 {
        out.push('=');
    }
    out
}

#[test]
fn the_report_runs_only_its_own_script_by_hash() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(dir.path(), &samples().join("crawl.jsonl"));
    let key = "http-equiv=\"Content-Security-Policy\" content=\"";
    let at = html.find(key).expect("a CSP") + key.len();
    let csp = &html[at..at + html[at..].find('"').unwrap()];
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .unwrap_or_else(|| panic!("no script-src in {csp}"));
    assert!(!script_src.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert_eq!(html.matches("<script").count(), 1);
    let start = html.find("<script>").unwrap() + "<script>".len();
    let script = &html[start..start + html[start..].find("</script>").unwrap()];
    let want = format!("'sha256-{}'", base64(&Sha256::digest(script.as_bytes())));
    let allowed: Vec<&str> = script_src.split_whitespace().skip(1).collect();
    assert_eq!(allowed, vec![want.as_str()], "{csp}");
}

#[test]
fn report_isolates_bidi_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = hostile_corpus(dir.path());
    let html = report(dir.path(), &input);
    let id = "evil\u{1b}]0;pwned\u{7}\u{202e}gnp.exe";
    let found: Vec<usize> = html.match_indices(id).map(|(i, _)| i).collect();
    assert!(found.len() >= 2, "the id is on the page");
    for i in found {
        assert!(
            html[..i].ends_with("<bdi>") && html[i + id.len()..].starts_with("</bdi>"),
            "id not isolated: {}",
            &html[i.saturating_sub(60)..i + id.len() + 20]
        );
    }
    // View texts are isolated by style.
    assert!(html.contains(".text { unicode-bidi: isolate;"));
}

/// About `mb` megabytes of deterministic prose.
fn big_text(mb: usize, seed: u64) -> String {
    let mut rng = SplitMix(seed);
    let mut s = String::with_capacity(mb << 20);
    while s.len() < mb << 20 {
        s.push_str(&format!("w{} ", rng.below(5000)));
    }
    s
}

#[test]
fn one_view_of_two_enormous_documents_is_capped() {
    let dir = tempfile::tempdir().unwrap();
    let text = big_text(3, 7);
    let copy = format!("{text} and a closing line of the copy");
    let body = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "big-a", "text": text}),
        serde_json::json!({"id": "big-b", "text": copy})
    );
    let input = dir.path().join("big.jsonl");
    std::fs::write(&input, body).unwrap();
    let html = report(dir.path(), &input);
    assert_eq!(html.matches("<section class=\"pair\"").count(), 1);
    assert!(
        html.len() < 3 << 20,
        "a report of {} MB for 6 MB of text",
        html.len() >> 20
    );
    assert!(
        html.contains("View cut"),
        "the page does not say the view was cut"
    );
}

#[test]
fn eval_text_escapes_ids_from_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let truth = dir.path().join("truth.tsv");
    std::fs::write(&truth, format!("id\tcluster\n{CLEAR}\t1\nplain\t2\n")).unwrap();
    // Both predicted in one cluster: a false merge, listed with its ids.
    let pred = dir.path().join("pred.jsonl");
    let rows: String = [CLEAR, "plain"]
        .iter()
        .map(|id| format!("{}\n", serde_json::json!({"id": id, "cluster_id": 0})))
        .collect();
    std::fs::write(&pred, rows).unwrap();
    let out = run_ok(&[
        "eval".as_ref(),
        "--truth".as_ref(),
        truth.as_os_str(),
        pred.as_os_str(),
    ]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("worst false merges"), "{stdout}");
    assert_inert("eval", &stdout, false);
    assert!(stdout.contains("copy\\u{1b}[2J"), "{stdout}");
}
