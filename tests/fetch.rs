//! Reading records back by location gives exactly the text the scan saw,
//! for plain, gzip and zstd JSON Lines and for plain-text files.

use neardup::corpus::{expand_inputs, fetch_texts, scan, FieldNames, InputFormat, ScanOptions};
use std::io::Write;

fn corpus_lines() -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..300 {
        // Escapes, non-ASCII and varying lengths exercise offsets and decoding.
        let text = format!(
            "Story {i} \\\"quoted\\\" caf\u{e9} {}\\nsecond line",
            "word ".repeat(i % 17)
        );
        writeln!(out, r#"{{"id":"d{i:03}","text":"{text}"}}"#).unwrap();
        if i % 50 == 0 {
            out.extend_from_slice(b"\n"); // blank lines shift line numbers
        }
    }
    out
}

fn check(paths: &[std::path::PathBuf]) {
    let (sources, bad) = expand_inputs(paths, InputFormat::Auto);
    assert!(bad.is_empty());
    let mut seen = Vec::new();
    scan(
        &sources,
        &ScanOptions::default(),
        |r| {
            let r = r.expect("valid record");
            (r.location, r.text.into_owned())
        },
        |batch, _| seen.extend(batch),
    );
    assert!(seen.len() >= 3);
    // Ask for every third record, in reverse order, with a repeat.
    let mut wanted: Vec<_> = seen.iter().step_by(3).map(|s| s.0).rev().collect();
    wanted.push(wanted[0]);
    let got = fetch_texts(&sources, &FieldNames::default(), &wanted);
    assert_eq!(got.len(), seen.iter().step_by(3).count());
    for (loc, text) in seen.iter().step_by(3) {
        assert_eq!(got.get(&(loc.source, loc.offset)), Some(text), "{loc:?}");
    }
}

/// `lines` as `a.jsonl` and `b.jsonl.gz` in `dir`.
fn write_plain_and_gz(
    dir: &std::path::Path,
    lines: &[u8],
) -> (std::path::PathBuf, std::path::PathBuf) {
    let plain = dir.join("a.jsonl");
    std::fs::write(&plain, lines).unwrap();
    let gz = dir.join("b.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(lines).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    (plain, gz)
}

#[test]
fn fetches_from_plain_gzip_and_zstd_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let lines = corpus_lines();
    let (plain, gz) = write_plain_and_gz(dir.path(), &lines);
    let zst = dir.path().join("c.jsonl.zst");
    std::fs::write(&zst, zstd::encode_all(&lines[..], 1).unwrap()).unwrap();
    check(std::slice::from_ref(&plain));
    check(std::slice::from_ref(&gz));
    check(std::slice::from_ref(&zst));
    check(&[plain, gz, zst]);
}

#[test]
fn fetches_plain_text_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..7 {
        std::fs::write(
            dir.path().join(format!("t{i}.txt")),
            format!("Text number {i}, with caf\u{e9}.\n"),
        )
        .unwrap();
    }
    check(&[dir.path().to_path_buf()]);
}

/// Line numbers and byte offsets stay right across many small batches, in
/// memory-mapped (plain) and read (compressed) sources alike, including a
/// bad line, blank lines and a last line without a newline.
#[test]
fn line_numbers_and_offsets_survive_batch_boundaries() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = corpus_lines();
    lines.extend_from_slice(b"{not json}\n");
    lines.extend_from_slice(br#"{"id":"last","text":"no newline at the end"}"#);
    let (plain, gz) = write_plain_and_gz(dir.path(), &lines);
    // The truth, from the bytes: (line number, offset) of every non-blank line.
    let mut want = Vec::new();
    let mut offset = 0u64;
    for (i, l) in lines.split(|&b| b == b'\n').enumerate() {
        if !l.is_empty() {
            want.push((i as u64 + 1, offset));
        }
        offset += l.len() as u64 + 1;
    }
    for path in [plain, gz] {
        let (sources, _) = expand_inputs(std::slice::from_ref(&path), InputFormat::Auto);
        for batch_bytes in [100, 1000, 1 << 20] {
            let opts = ScanOptions {
                batch_bytes,
                ..Default::default()
            };
            let mut got = Vec::new();
            scan(
                &sources,
                &opts,
                |r| match r {
                    Ok(r) => (r.location.line, r.location.offset),
                    Err(s) => {
                        let l = s.location.expect("a bad line has a location");
                        (l.line, l.offset)
                    }
                },
                |batch, _| got.extend(batch),
            );
            assert_eq!(got, want, "{} in batches of {batch_bytes}", path.display());
        }
    }
}
