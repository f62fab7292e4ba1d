//! `neardup generate --traps` / `--preset real-traps` through the binary.

use std::process::{Command, Output};

fn generate(args: &[&str]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_neardup"))
        .arg("generate")
        .arg("-o")
        .arg(dir.path())
        .args(args)
        .output()
        .unwrap();
    (dir, out)
}

fn truth(dir: &tempfile::TempDir) -> String {
    std::fs::read_to_string(dir.path().join("truth.tsv")).unwrap()
}

#[test]
fn preset_writes_every_trap_and_a_spun_column() {
    let (dir, out) = generate(&["--preset", "real-traps", "--mb", "1", "--seed", "3"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = truth(&dir);
    assert!(t.starts_with("id\tcluster\tcase\tspun\n"));
    for label in [
        "small_site_",
        "short_notice",
        "templated",
        "house_style",
        "shared_quote",
        "no_url",
        "wide_wire",
        "one_page_wire",
    ] {
        assert!(t.contains(&format!("\t{label}")), "no {label} rows");
    }
    // Stripped documents have neither url nor source.
    let corpus = std::fs::read_to_string(dir.path().join("corpus.jsonl")).unwrap();
    assert!(corpus
        .lines()
        .any(|l| !l.contains("\"url\"") && !l.contains("\"source\"")));
}

#[test]
fn a_trap_list_turns_on_only_those_traps() {
    let (dir, out) = generate(&[
        "--mb",
        "1",
        "--traps",
        "templated,house_style",
        "--trap-share",
        "0.5",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = truth(&dir);
    assert!(t.contains("\ttemplated\t") && t.contains("\thouse_style\t"));
    assert!(
        !t.contains("\tshort_notice") && !t.contains("\tsmall_site_") && !t.contains("\tno_url")
    );
}

#[test]
fn without_a_trap_option_the_truth_has_three_columns() {
    let (dir, out) = generate(&["--mb", "1"]);
    assert!(out.status.success());
    assert!(truth(&dir).starts_with("id\tcluster\tcase\n"));
}

#[test]
fn bad_trap_options_are_refused() {
    let (_d, out) = generate(&["--traps", "templated,spam"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown trap \"spam\""));
    let (_d, out) = generate(&["--traps", "all", "--no-url-share", "1.5"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--no-url-share must be between 0 and 1"));
}
