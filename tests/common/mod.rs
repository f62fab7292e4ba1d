//! Helpers shared by the command-line integration tests.
//!
//! Each test binary uses a different subset of these, hence the allow.
#![allow(dead_code)]

use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The built `neardup` binary.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_neardup")
}

/// `samples/` in the source tree.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// Runs `neardup` with `args`, feeding `stdin` (empty when None).
pub fn run_with_stdin<S: AsRef<std::ffi::OsStr>>(args: &[S], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start neardup");
    {
        let mut input = child.stdin.take().expect("stdin");
        if let Some(bytes) = stdin {
            input.write_all(bytes).expect("write stdin");
        }
        // Dropping `input` closes the pipe.
    }
    child.wait_with_output().expect("wait for neardup")
}

/// Runs `neardup` with `args` and an empty stdin.
pub fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    run_with_stdin(args, None)
}

/// Describes a finished run for assertion messages.
pub fn describe(out: &Output) -> String {
    format!(
        "status {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Runs `neardup` and asserts that it exits with status 0.
pub fn run_ok<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    let out = run(args);
    assert!(out.status.success(), "neardup failed:\n{}", describe(&out));
    out
}

/// Parses JSON Lines; every non-empty line must be a JSON value.
/// Generates a 1 MB corpus into `dir/gen` (with `extra` flags after
/// `--mb 1`) and returns the path of its `corpus.jsonl`.
pub fn generate_corpus(dir: &Path, extra: &[&str]) -> PathBuf {
    let out = dir.join("gen");
    let mut args: Vec<&std::ffi::OsStr> = vec!["generate".as_ref(), "-o".as_ref(), out.as_os_str()];
    args.extend(
        ["--mb", "1"]
            .iter()
            .chain(extra)
            .map(|&a| std::ffi::OsStr::new(a)),
    );
    run_ok(&args);
    out.join("corpus.jsonl")
}

pub fn parse_jsonl(bytes: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(bytes).expect("output is UTF-8");
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l:?}")))
        .collect()
}

/// A string field of a JSON object.
pub fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string {key:?} in {v}"))
}

/// An unsigned integer field of a JSON object.
pub fn u(v: &Value, key: &str) -> u64 {
    v.get(key)
        .and_then(Value::as_u64)
        .unwrap_or_else(|| panic!("no unsigned integer {key:?} in {v}"))
}

/// One row of an `expected_clusters.tsv` file.
#[derive(Clone, Debug)]
pub struct Truth {
    pub id: String,
    pub label: String,
    pub case: String,
}

/// Reads an `expected_clusters.tsv` (header `id cluster case`).
pub fn read_truth(path: &Path) -> Vec<Truth> {
    let text = std::fs::read_to_string(path).expect("read truth file");
    let mut lines = text.lines();
    assert_eq!(
        lines.next().map(|h| h.split('\t').collect::<Vec<_>>()),
        Some(vec!["id", "cluster", "case"]),
        "unexpected header in {}",
        path.display()
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "bad truth row {l:?}");
            Truth {
                id: f[0].into(),
                label: f[1].into(),
                case: f[2].into(),
            }
        })
        .collect()
}

/// Docs output keyed by id; panics on a repeated id.
pub fn docs_by_id(docs: &[Value]) -> BTreeMap<String, Value> {
    let mut m = BTreeMap::new();
    for d in docs {
        let id = s(d, "id").to_string();
        assert!(m.insert(id.clone(), d.clone()).is_none(), "id {id} twice");
    }
    m
}

/// Raw non-blank lines of a JSONL file (without their newline).
pub fn nonblank_lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .collect()
}

/// A small deterministic generator (SplitMix64) for shuffles in tests.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}
