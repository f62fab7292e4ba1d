//! Wire-service credits in the cluster output.

mod common;

use common::{run_with_stdin, samples};
use serde_json::Value;
use std::collections::HashMap;

#[test]
fn clusters_name_the_wire_service_and_flag_copies_that_drop_it() {
    let crawl = samples().join("crawl.jsonl");
    let out = run_with_stdin(
        &[
            "cluster",
            crawl.to_str().unwrap(),
            "-q",
            "--format",
            "clusters",
            "--duplicates-only",
        ],
        None,
    );
    assert!(out.status.success());
    let raw = std::fs::read_to_string(&crawl).unwrap();
    let text: HashMap<String, String> = raw
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|v| {
            (
                v["id"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut flagged = 0;
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let c: Value = serde_json::from_str(line).unwrap();
        let wire = c["wire"]
            .as_str()
            .expect("every sample story credits an agency");
        let credit = format!("({wire})");
        assert!(
            text[c["origin_id"].as_str().unwrap()].contains(&credit),
            "{c}"
        );
        for m in c["members"].as_array().unwrap() {
            let member_text = &text[m["id"].as_str().unwrap()];
            match m["wire"].as_str() {
                // A copy may credit the agency differently ("(MP)"), but its text says so.
                Some(w) => {
                    assert!(member_text.contains(&format!("({w})")), "{m}");
                    assert!(!m["credit_dropped"].as_bool().unwrap(), "{m}");
                }
                None => {
                    assert!(!member_text.contains(&credit), "{m}");
                    assert!(m["credit_dropped"].as_bool().unwrap(), "{m}");
                    flagged += 1;
                }
            }
        }
    }
    assert!(flagged > 0, "some sample copies drop the wire credit");
}
