//! WARC and WET in: the records of a generated corpus written as WET
//! conversion records (plain and gzip, one member per record, as Common
//! Crawl ships them) give the same clusters as the same records in JSON
//! Lines with the URI as id; records that hold no document are skipped with
//! their reason; a cut-off file is reported, its complete records kept.

mod common;

use common::{describe, parse_jsonl, run, run_ok};
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};

/// One WARC record.
fn record(kind: &str, headers: &[(&str, &str)], content: &[u8]) -> Vec<u8> {
    let mut out = format!("WARC/1.0\r\nWARC-Type: {kind}\r\n").into_bytes();
    for (k, v) in headers {
        out.extend(format!("{k}: {v}\r\n").bytes());
    }
    out.extend(format!("Content-Length: {}\r\n\r\n", content.len()).bytes());
    out.extend_from_slice(content);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// A generated corpus as WARC records (a warcinfo first, an HTML response
/// and a request among them) and as JSON Lines with the URI as id.
fn corpus(dir: &Path) -> (Vec<Vec<u8>>, PathBuf) {
    let docs = parse_jsonl(&std::fs::read(common::generate_corpus(dir, &[])).unwrap());
    let mut records = vec![record("warcinfo", &[], b"software: neardup test\r\n")];
    let mut jsonl = String::new();
    for (i, d) in docs.iter().enumerate() {
        let url = d["url"].as_str().unwrap();
        let date = d["date"].as_str().unwrap();
        let text = d["text"].as_str().unwrap();
        records.push(record(
            "conversion",
            &[("WARC-Target-URI", url), ("WARC-Date", date)],
            text.as_bytes(),
        ));
        jsonl.push_str(&json!({"id": url, "url": url, "date": date, "text": text}).to_string());
        jsonl.push('\n');
        if i == 3 {
            records.push(record(
                "request",
                &[("WARC-Target-URI", url)],
                b"GET / HTTP/1.1\r\n\r\n",
            ));
            let html = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><p>x</p></html>";
            records.push(record("response", &[("WARC-Target-URI", url)], html));
        }
    }
    let path = dir.join("same.jsonl");
    std::fs::write(&path, jsonl).unwrap();
    (records, path)
}

fn cluster(input: &Path, dir: &Path, name: &str) -> (Vec<u8>, Vec<Value>) {
    cluster_with(input, dir, name, &[])
}

fn cluster_with(input: &Path, dir: &Path, name: &str, extra: &[&str]) -> (Vec<u8>, Vec<Value>) {
    let out = dir.join(format!("{name}.out.jsonl"));
    let skipped = dir.join(format!("{name}.skipped.jsonl"));
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "cluster".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--skipped".as_ref(),
        skipped.as_os_str(),
    ];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    run_ok(&args);
    (
        std::fs::read(out).unwrap(),
        parse_jsonl(&std::fs::read(skipped).unwrap()),
    )
}

#[test]
fn wet_plain_and_gzip_cluster_like_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let (records, jsonl) = corpus(dir.path());
    let wet = dir.path().join("crawl.warc.wet");
    std::fs::write(&wet, records.concat()).unwrap();
    let gz = dir.path().join("crawl.warc.wet.gz");
    let mut file = std::fs::File::create(&gz).unwrap();
    for r in &records {
        let mut member = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        member.write_all(r).unwrap();
        file.write_all(&member.finish().unwrap()).unwrap();
    }
    drop(file);

    let (want, _) = cluster(&jsonl, dir.path(), "jsonl");
    let docs = parse_jsonl(&want);
    assert!(docs.iter().any(|d| d["cluster_size"].as_u64() > Some(1)));
    for (input, name) in [(&wet, "wet"), (&gz, "gz")] {
        let (got, skipped) = cluster(input, dir.path(), name);
        assert!(
            got == want,
            "{name}: the clusters differ from the JSON Lines run"
        );
        let reasons: Vec<(&str, u64)> = skipped
            .iter()
            .map(|s| (s["reason"].as_str().unwrap(), s["line"].as_u64().unwrap()))
            .collect();
        // warcinfo is record 1; after the 4th document (record 5) a request and a response.
        assert_eq!(
            reasons,
            [
                ("not_a_document", 1),
                ("not_a_document", 6),
                ("html_not_extracted", 7)
            ],
            "{name}"
        );
    }
    // Above the boilerplate sample's size too (a 128 KiB sample): the WET
    // run samples the same texts as the JSON Lines run.
    // (The sites' top-up off: it would add nearly every page here.) With
    // the top-up on, the WET run's sites are the JSON Lines run's too.
    let small = ["--df-sample-mb", "0.125", "--site-sample-pages", "0"];
    let (want_small, _) = cluster_with(&jsonl, dir.path(), "jsonl-small", &small);
    assert_ne!(want_small, want, "the sample matters");
    let topped = ["--df-sample-mb", "0.125"];
    let (want_topped, _) = cluster_with(&jsonl, dir.path(), "jsonl-topped", &topped);
    for (input, name) in [(&wet, "wet-small"), (&gz, "gz-small")] {
        let (got, _) = cluster_with(input, dir.path(), name, &small);
        assert!(got == want_small, "{name}: the clusters differ");
        let (got, _) = cluster_with(input, dir.path(), &format!("{name}-topped"), &topped);
        assert!(
            got == want_topped,
            "{name}, sites topped up: the clusters differ"
        );
    }
    // explain reads a record back by its byte range.
    let ids: Vec<&str> = docs
        .iter()
        .filter(|d| d["relation"] == "near")
        .map(|d| d["id"].as_str().unwrap())
        .take(1)
        .collect();
    let origin = docs.iter().find(|d| d["id"] == ids[0]).unwrap()["origin_id"]
        .as_str()
        .unwrap();
    let out = run_ok(&["explain", "--corpus", gz.to_str().unwrap(), ids[0], origin]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("verdict"));
}

#[test]
fn a_cut_off_warc_keeps_its_complete_records_and_says_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let text = |i: usize| -> String {
        (0..60)
            .map(|w| format!("w{}x{}", (i * 7919 + w * 104_729) % 100_003, w % 7))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut data = Vec::new();
    for i in 0..3 {
        let uri = format!("https://a.example/{i}");
        data.extend(record(
            "conversion",
            &[("WARC-Target-URI", &uri)],
            text(i).as_bytes(),
        ));
    }
    let cut = record(
        "conversion",
        &[("WARC-Target-URI", "https://a.example/3")],
        text(3).as_bytes(),
    );
    data.extend_from_slice(&cut[..cut.len() / 2]);
    let path = dir.path().join("cut.warc");
    std::fs::write(&path, &data).unwrap();
    let out = dir.path().join("out.jsonl");
    let res = run(&[
        "cluster",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(err.contains("3 documents clustered"), "{}", describe(&res));
    assert!(err.contains("unreadable"), "{}", describe(&res));
    // dedup cannot write WARC, and says so instead of guessing.
    let res = run(&[
        "dedup",
        path.to_str().unwrap(),
        "-o",
        dir.path().join("d.jsonl").to_str().unwrap(),
    ]);
    assert!(!res.status.success());
    assert!(
        String::from_utf8_lossy(&res.stderr).contains("does not write WARC"),
        "{}",
        describe(&res)
    );
}
