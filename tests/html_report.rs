//! `neardup cluster --report FILE`: the HTML report on the sample crawl,
//! checked as text (self-contained, every cluster, highlights, the texts
//! byte for byte) and in a real headless browser (Debian's chromium: the
//! page's script runs without errors, and a screenshot is taken).

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
/// The origin of story A in the sample crawl, and a copy whose editor
/// changed a few words (substitutions) and cut a sentence (a deletion).
const ORIGIN: &str = "meridianpress/2026-03-14-valdoria-port-alder-strike";
const EDITED: &str = "northgatetimes/2026-03-14-port-alder-strike-valdoria";

fn crawl() -> PathBuf {
    samples().join("crawl.jsonl")
}

/// Runs `neardup cluster` on the sample crawl with a report (plus `extra`
/// flags); returns the report and the clusters output.
fn report(dir: &Path, extra: &[&str]) -> (String, Vec<Value>) {
    let html = dir.join("report.html");
    let clusters = dir.join("clusters.jsonl");
    let mut args: Vec<std::ffi::OsString> = vec![
        "cluster".into(),
        crawl().into(),
        "--format".into(),
        "clusters".into(),
        "-o".into(),
        clusters.clone().into(),
        "--report".into(),
        html.clone().into(),
    ];
    args.extend(extra.iter().map(Into::into));
    let out = run_ok(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("report: "), "{}", describe(&out));
    (
        std::fs::read_to_string(&html).expect("report written"),
        parse_jsonl(&std::fs::read(&clusters).unwrap()),
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The text content of an HTML fragment: tags dropped, entities decoded.
fn text_content(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i + rest[i..].find('>').expect("tag closes") + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The side-by-side view of `member`: its `<section>`.
fn view_of<'h>(html: &'h str, member: &str) -> &'h str {
    let h3 = format!("</span> <bdi>{}</bdi></h3>", escape(member));
    let at = html
        .find(&h3)
        .unwrap_or_else(|| panic!("no view of {member}"));
    let start = html[..at].rfind("<section class=\"pair\"").unwrap();
    let end = at + html[at..].find("</section>").unwrap();
    &html[start..end]
}

/// The text columns of a view, origin first.
fn columns(view: &str) -> Vec<&str> {
    view.split("<div class=\"text\">")
        .skip(1)
        .map(|c| &c[..c.find("</div>").unwrap()])
        .collect()
}

fn corpus_texts() -> BTreeMap<String, String> {
    parse_jsonl(&std::fs::read(crawl()).unwrap())
        .iter()
        .map(|r| (s(r, "id").to_string(), s(r, "text").to_string()))
        .collect()
}

#[test]
fn report_is_self_contained_and_lists_every_cluster() {
    let dir = tempfile::tempdir().unwrap();
    let (html, clusters) = report(dir.path(), &[]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    // No external asset of any kind: no src at all, links only to anchors.
    for banned in ["<script src", " src=", "<link", "@import", "url("] {
        assert!(!html.contains(banned), "report contains {banned:?}");
    }
    for href in html.split(" href=\"").skip(1) {
        assert!(href.starts_with('#'), "external link: {}", &href[..40]);
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    let mut duplicates = 0;
    for c in &clusters {
        let members = c["members"].as_array().unwrap();
        let origin = escape(s(c, "origin_id"));
        if members.len() > 1 {
            duplicates += 1;
            let head = format!(
                "<details class=\"cluster\" id=\"c{}\"><summary><span class=\"cid\">#{}</span>",
                u(c, "cluster_id"),
                u(c, "cluster_id")
            );
            let at = html
                .find(&head)
                .unwrap_or_else(|| panic!("no section {head}"));
            let section = &html[at..at + html[at..].find("</details>").unwrap()];
            assert!(section.contains(&format!("origin <b><bdi>{origin}</bdi></b>")));
            for m in members {
                assert!(section.contains(&escape(s(m, "id"))), "{m} not in {head}");
                assert!(section.contains(&format!("rel-{}", s(m, "relation"))));
            }
        } else {
            assert!(
                html.contains(&format!("<li><bdi>{origin}</bdi></li>")),
                "{origin}"
            );
        }
    }
    assert_eq!(duplicates, 3);
    let copies = copies(&clusters);
    assert!(copies > 10);
    assert!(html.contains(&format!(
        "duplicates removed (by dedup)</th><td>{copies}</td>"
    )));
}

#[test]
fn views_highlight_passages_and_substitutions_and_keep_texts_exact() {
    let dir = tempfile::tempdir().unwrap();
    let (html, _) = report(dir.path(), &[]);
    let texts = corpus_texts();
    let view = view_of(&html, EDITED);
    assert!(view.contains(&format!("origin · <bdi>{ORIGIN}</bdi></h4>")));
    let cols = columns(view);
    assert_eq!(cols.len(), 2);
    // The columns are the documents, byte for byte, under the marks.
    assert_eq!(text_content(cols[0]), texts[ORIGIN]);
    assert_eq!(text_content(cols[1]), texts[EDITED]);
    // Passages on both sides, linked by number; substitutions with the
    // other side's words in a tooltip.
    for col in &cols {
        assert!(col.contains("<span class=\"r\" data-p=\"0\">"), "{col}");
    }
    assert!(cols[1].contains("class=\"r s\" data-p=\"0\" title=\"origin: "));
    assert!(cols[0].contains("class=\"r s\" data-p=\"0\" title=\"copy: "));
    // The site's header is dimmed (boilerplate shingles of the site).
    let page_of_site = view_of(&html, "cityexpress/2026-03-14-port-alder-strike-live");
    assert!(columns(page_of_site)[1].starts_with("<span class=\"u b\">CITY EXPRESS"));
    // Every view's columns hold the texts exactly.
    for section in html.split("<section class=\"pair\"").skip(1) {
        let h3 = &section[section.find("</span> ").unwrap() + 8..];
        let member = text_content(&h3[..h3.find("</h3>").unwrap()]);
        let cols = columns(section);
        assert_eq!(text_content(cols[1]), texts[&member], "{member}");
    }
}

#[test]
fn views_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let (html, clusters) = report(dir.path(), &["--report-views", "4"]);
    assert_eq!(html.matches("<section class=\"pair\"").count(), 4);
    assert!(html.contains(&format!(
        "Side-by-side views: 4 of {} members, in the first 1 of 3 clusters",
        copies(&clusters)
    )));
    let first = clusters[0]["members"].as_array().unwrap().len() - 1;
    assert!(first > 4);
    assert!(html.contains(&format!(
        "{} member(s) listed without a side-by-side view",
        first - 4
    )));
    // Members without a view are still listed, not linked.
    assert!(html.contains(&format!("<td><bdi>{EDITED}</bdi></td>")));
}

#[test]
fn dedup_writes_the_report_too() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let kept = dir.path().join("kept.jsonl");
    run_ok(&[
        "dedup".as_ref(),
        crawl().as_os_str(),
        "-o".as_ref(),
        kept.as_os_str(),
        "--report".as_ref(),
        html.as_os_str(),
        "--quiet".as_ref(),
    ]);
    let html = std::fs::read_to_string(html).unwrap();
    let dropped = std::fs::read_to_string(dir.path().join("kept.dropped.jsonl")).unwrap();
    assert_eq!(
        html.matches("<section class=\"pair\"").count(),
        dropped.lines().count()
    );
}

/// Members other than the origin, over all clusters.
fn copies(clusters: &[Value]) -> usize {
    clusters
        .iter()
        .map(|c| c["members"].as_array().unwrap().len() - 1)
        .sum()
}

/// Runs chromium headless on `url` with `flags`; kills it after two minutes.
fn chromium(profile: &Path, flags: &[&str], url: &str) -> (String, String) {
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
            "--disable-dev-shm-usage",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(flags)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    // Read both pipes on threads so a full pipe cannot stall the browser.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let read_out = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut so, &mut s).ok();
        s
    });
    let read_err = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut se, &mut s).ok();
        s
    });
    let t = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if t.elapsed() > Duration::from_secs(120) {
            child.kill().ok();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    (read_out.join().unwrap(), read_err.join().unwrap())
}

/// Console errors and uncaught exceptions in chromium's log.
fn console_errors(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught"))
        .collect()
}

#[test]
fn report_runs_in_a_headless_browser() {
    if !Path::new(CHROMIUM).exists() {
        println!("skipped: {CHROMIUM} is not installed (apt-get install chromium)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, _) = report(dir.path(), &[]);
    let page = format!("file://{}", dir.path().join("report.html").display());
    let profile = dir.path().join("profile");

    // The DOM after the script ran: it marks the body ready and counts errors.
    // `?q=` filters to the one cluster that holds the edited copy and opens it.
    let url = format!("{page}?q={EDITED}");
    let (dom, log) = chromium(&profile, &["--dump-dom"], &url);
    let body = &dom[dom.find("<body").expect("a body")..];
    let body = &body[..body.find('>').unwrap()];
    assert!(
        body.contains("data-ready=\"ok\""),
        "script did not finish: {body}\n{log}"
    );
    assert!(
        !body.contains("data-errors"),
        "script errors: {body}\n{log}"
    );
    assert!(
        console_errors(&log).is_empty(),
        "{:?}",
        console_errors(&log)
    );
    assert!(dom.contains("1 of 3 clusters match"), "filter did not run");
    assert!(dom.contains("<details class=\"cluster\" id=\"c0\" open=\"\">"));
    assert_eq!(
        dom.matches("<details class=\"cluster\" id=\"c1\" hidden=\"\">")
            .count(),
        1
    );

    // A screenshot of the opened cluster: tall enough that the views are on
    // it without scrolling (headless screenshots are taken at the top).
    let shot = dir.path().join("report.png");
    let (_, log) = chromium(
        &profile,
        &[
            "--hide-scrollbars",
            "--window-size=1200,2400",
            &format!("--screenshot={}", shot.display()),
        ],
        &url,
    );
    assert!(
        console_errors(&log).is_empty(),
        "{:?}",
        console_errors(&log)
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG"));
    // A blank page compresses to a few KB; the highlighted views do not.
    assert!(png.len() > 100_000, "screenshot is {} bytes", png.len());
    if let Ok(keep) = std::env::var("NEARDUP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
}
