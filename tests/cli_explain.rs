//! `neardup explain` through the binary.

mod common;

use common::{run_with_stdin, samples};
use serde_json::Value;

const ORIGIN: &str = "meridianpress/2026-03-14-valdoria-port-alder-strike";
const SPUN: &str = "trendnewsflash/2026-03-15-dock-labourers-walkout-port-alder";
const ANALYSIS: &str = "harbordaily/2026-03-15-analysis-port-alder-automation";

fn explain_json(args: &[&str]) -> Value {
    let mut all = vec!["explain", "--format", "json"];
    all.extend_from_slice(args);
    let out = run_with_stdin(&all, None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn text_of(id: &str) -> String {
    let raw = std::fs::read_to_string(samples().join("crawl.jsonl")).unwrap();
    raw.lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|v| v["id"] == id)
        .map(|v| v["text"].as_str().unwrap().to_string())
        .unwrap()
}

#[test]
fn spun_rewrite_is_named_with_its_substitutions_at_exact_offsets() {
    let crawl = samples().join("crawl.jsonl");
    let e = explain_json(&["--corpus", crawl.to_str().unwrap(), ORIGIN, SPUN]);
    assert_eq!(e["verdict"], "spun_rewrite", "{}", e["verdict"]);
    assert!(e["jaccard"].as_f64().unwrap() < 0.3);
    let (a, b) = (text_of(ORIGIN), text_of(SPUN));
    let subs = e["alignment"]["substitutions"].as_array().unwrap();
    assert!(subs.len() > 50, "{}", subs.len());
    let mut said = 0;
    for s in subs {
        let span = |side: &str, text: &str| {
            let (st, en) = (
                s[side]["start"].as_u64().unwrap() as usize,
                s[side]["end"].as_u64().unwrap() as usize,
            );
            text[st..en].to_lowercase()
        };
        // Offsets index the original texts: the words shown are the words there.
        let from = s["from"].as_str().unwrap();
        let to = s["to"].as_str().unwrap();
        let words = |t: &str| {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(words(&span("a", &a)), from, "{s}");
        assert_eq!(words(&span("b", &b)), to, "{s}");
        said += (from == "said" && to == "stated") as usize;
    }
    assert!(said >= 5, "said -> stated is the spinner's favourite");
}

#[test]
fn syndicated_copy_shows_the_sites_chrome_as_unmatched() {
    let texts = samples().join("texts");
    let wire = texts.join("wire/mp-port-alder-strike.txt");
    let copy = texts.join("sites/valleyledger-port-alder-strike.txt");
    let e = explain_json(&[wire.to_str().unwrap(), copy.to_str().unwrap()]);
    assert_eq!(e["verdict"], "syndicated_copy");
    let b = std::fs::read_to_string(&copy).unwrap();
    let unmatched: Vec<String> = e["alignment"]["b_unmatched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            b[s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize]
                .to_string()
        })
        .collect();
    assert!(
        unmatched.iter().any(|u| u.contains("cookies")),
        "{unmatched:?}"
    );
    assert!(e["b_in_a"].as_f64().unwrap() > 0.8);
}

/// Two unrelated texts agree in no band, so `cluster` never compares them;
/// explain says so rather than leave a verdict unexplained.
#[test]
fn explain_says_when_the_bands_never_propose_a_pair() {
    let crawl = samples().join("crawl.jsonl");
    let pair = ["--corpus", crawl.to_str().unwrap(), ORIGIN, ANALYSIS];
    let e = explain_json(&pair);
    assert_eq!(e["estimated"]["lsh_bands_agreeing"], 0);
    assert!(e["estimated"]["lsh_bands"].as_u64().unwrap() > 10);
    let out = run_with_stdin(&[&["explain"][..], &pair].concat(), None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("never propose this pair"), "{text}");
}

#[test]
fn different_articles_on_one_event_are_unrelated() {
    let crawl = samples().join("crawl.jsonl");
    let e = explain_json(&["--corpus", crawl.to_str().unwrap(), ORIGIN, ANALYSIS]);
    assert_eq!(e["verdict"], "unrelated");
    assert!(e["a_coverage"].as_f64().unwrap() < 0.2);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let texts = samples().join("texts");
    let a = texts.join("wire/mp-port-alder-strike.txt");
    let b = texts.join("sites/harbordaily-port-alder-walkout.txt");
    let plain = run_with_stdin(&["explain", a.to_str().unwrap(), b.to_str().unwrap()], None);
    assert!(plain.status.success());
    assert!(
        !plain.stdout.contains(&0x1b),
        "no escape codes when stdout is a pipe"
    );
    let coloured = run_with_stdin(
        &[
            "explain",
            "--color",
            "always",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ],
        None,
    );
    assert!(coloured.stdout.contains(&0x1b));
}

#[test]
fn unknown_ids_and_missing_files_are_errors() {
    let crawl = samples().join("crawl.jsonl");
    let out = run_with_stdin(
        &[
            "explain",
            "--corpus",
            crawl.to_str().unwrap(),
            ORIGIN,
            "no/such/id",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/id"));
    let out = run_with_stdin(&["explain", "/no/such/file.txt", "/tmp"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.txt"));
}

#[test]
fn origin_is_the_earlier_dated_copy_in_either_order() {
    let crawl = samples().join("crawl.jsonl");
    let crawl = crawl.to_str().unwrap();
    for (a, b, side) in [(ORIGIN, SPUN, "a"), (SPUN, ORIGIN, "b")] {
        let e = explain_json(&["--corpus", crawl, a, b]);
        assert_eq!(e["origin"]["side"], side, "{}", e["origin"]);
        assert_eq!(e["origin"]["id"], ORIGIN);
        assert_eq!(e["origin"]["reason"], "earliest_date");
        assert!(e["origin"]["why"].as_str().unwrap().contains("2026-03-14"));
    }
    let out = run_with_stdin(
        &[
            "explain", "--color", "never", "--corpus", crawl, SPUN, ORIGIN,
        ],
        None,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().find(|l| l.starts_with("origin:")).unwrap();
    assert!(
        line.starts_with(&format!(
            "origin: B ({ORIGIN}), earliest date: B is dated earlier"
        )),
        "{line}"
    );
    // Plain files have no dates: the next steps decide, and say so.
    let texts = samples().join("texts");
    let wire = texts.join("wire/mp-port-alder-strike.txt");
    let copy = texts.join("sites/valleyledger-port-alder-strike.txt");
    let e = explain_json(&[copy.to_str().unwrap(), wire.to_str().unwrap()]);
    assert_eq!(e["origin"]["side"], "b");
    assert_eq!(e["origin"]["reason"], "contains_others");
    assert!(e["origin"]["why"]
        .as_str()
        .unwrap()
        .starts_with("B contains A"));
}

/// `explain --corpus` reproduces every number `cluster` printed for a
/// member and its origin, and gives the same relation and origin: one rule,
/// one number.
#[test]
fn explain_agrees_with_cluster_on_every_member() {
    let crawl = samples().join("crawl.jsonl");
    let crawl = crawl.to_str().unwrap();
    let out = run_with_stdin(&["cluster", "--quiet", crawl], None);
    assert!(out.status.success());
    let docs: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let verdict_of = |rel: &str| match rel {
        "exact" => "exact_copy",
        "near" => "syndicated_copy",
        "excerpt" => "excerpt",
        "spun" => "spun_rewrite",
        other => panic!("relation {other}"),
    };
    let mut checked = 0;
    for d in docs.iter().filter(|d| d["is_origin"] == false) {
        let (id, origin) = (d["id"].as_str().unwrap(), d["origin_id"].as_str().unwrap());
        let e = explain_json(&["--corpus", crawl, id, origin]);
        let rel = d["relation"].as_str().unwrap();
        // The relation under which A may be dropped for B is the member's.
        assert_eq!(e["a_for_b"], rel, "{id} vs {origin}");
        // Alone, the two make the same call here (in a larger cluster the
        // other members may choose another origin).
        assert_eq!(e["verdict"], verdict_of(rel), "{id} vs {origin}");
        assert_eq!(e["origin"]["id"], origin, "{id}");
        let round3 = |v: &Value| (v.as_f64().unwrap() * 1000.0).round() / 1000.0;
        let est = &e["estimated"];
        // The bands proposed every pair the shingles joined here (none is
        // two steps apart; a spun rewrite comes from the spin view's own
        // bands): explain counts the bands that agree.
        let (agree, bands) = (&est["lsh_bands_agreeing"], &est["lsh_bands"]);
        if rel != "spun" {
            assert!(agree.as_u64().unwrap() >= 1, "{id}: {agree} of {bands}");
        }
        if rel == "exact" {
            assert_eq!(agree, bands, "{id}: an exact copy agrees in every band");
        }
        for (mine, theirs) in [
            ("jaccard", "jaccard"),
            ("a_in_b", "containment"),
            ("b_in_a", "origin_containment"),
        ] {
            assert_eq!(round3(&est[mine]), round3(&d[theirs]), "{mine} of {id}");
        }
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} members");
}

/// A text over `--max-align-bytes`: the JSON and the text output say that
/// the alignment was limited and what of B was aligned, the shared story
/// deep inside B is still found, and every score is the uncapped one.
#[test]
fn a_text_over_the_alignment_cap_is_aligned_in_windows_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let story: Vec<String> = (0..300).map(|i| format!("story{}", i * 7 % 1000)).collect();
    let story = story.join(" ");
    let other = |n: usize, k: usize| -> String {
        (0..n)
            .map(|i| format!("other{}", (i * 31 + k) % 9973))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let large = format!("{}\n\n{story}\n\n{}", other(30_000, 1), other(500, 2));
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, &story).unwrap();
    std::fs::write(&b, &large).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let capped = explain_json(&[a, b, "--max-align-bytes", "8192"]);
    let whole = explain_json(&[a, b, "--max-align-bytes", "0"]);
    let said = capped["alignment_limited"]
        .as_str()
        .expect("the cap is stated");
    assert!(
        said.starts_with("alignment limited to 8.0 KiB of each text"),
        "{said}"
    );
    assert!(
        said.contains("B: ") && said.contains("scores are of the whole texts"),
        "{said}"
    );
    let limit = &capped["alignment"]["limit"];
    assert_eq!(limit["max_bytes"], 8192);
    assert!(limit["a"].is_null());
    assert_eq!(limit["b"]["bytes"], large.len());
    assert!(limit["b"]["aligned_bytes"].as_u64().unwrap() <= 8192);
    assert!(whole.get("alignment_limited").is_none());
    assert!(whole["alignment"].get("limit").is_none());
    for key in [
        "verdict",
        "estimated",
        "jaccard",
        "a_in_b",
        "b_in_a",
        "origin",
        "a_coverage",
    ] {
        assert_eq!(capped[key], whole[key], "{key}");
    }
    let at = large.find("story").unwrap() as u64;
    let p = &capped["alignment"]["passages"][0];
    assert_eq!(
        (p["a"]["start"].as_u64(), p["b"]["start"].as_u64()),
        (Some(0), Some(at))
    );
    assert_eq!(p["kind"], "verbatim");
    // The text format says it too, before the passages.
    let out = run_with_stdin(&["explain", a, b, "--max-align-bytes", "8192"], None);
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("alignment limited to 8.0 KiB"));
    let first_passage = text.lines().position(|l| l.starts_with("passage 1"));
    assert!(line.is_some() && line < first_passage, "{text}");
}
