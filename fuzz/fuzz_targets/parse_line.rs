//! The JSON Lines record parser on arbitrary lines: no panic, what it
//! accepts has a non-empty id and borrows or copies its text consistently,
//! and it reads every line as serde_json alone does (the quick reader of
//! `corpus/jsonl_quick.rs` against `parse_line_by_serde`, built for fuzzing
//! only).
#![no_main]

use libfuzzer_sys::fuzz_target;
use neardup::corpus::{parse_line, parse_line_by_serde, FieldNames, Location};

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    let loc = Location {
        source: 0,
        line: 1,
        offset: 0,
        len: data.len() as u64,
    };
    let names = FieldNames::default();
    let read = parse_line(line, &names, loc, || "f:1".into());
    if let Ok(rec) = &read {
        assert!(!rec.id.is_empty(), "an accepted record has an id");
        assert!(
            rec.text.len() <= line.len() * 6,
            "text larger than its escapes allow"
        );
        if rec.bad_date {
            assert!(rec.date.is_none());
        }
    }
    let reference = parse_line_by_serde(line, &names, loc, || "f:1".into());
    match (read, reference) {
        (Ok(a), Ok(b)) => assert_eq!(
            (
                &a.id,
                &a.text,
                a.date,
                &a.site,
                a.bad_date,
                a.id_from_location
            ),
            (
                &b.id,
                &b.text,
                b.date,
                &b.site,
                b.bad_date,
                b.id_from_location
            ),
            "{line:?}"
        ),
        (Err(a), Err(b)) => assert_eq!(a, b, "{line:?}"),
        (a, b) => panic!("{line:?}: {a:?} against serde_json's {b:?}"),
    }
});
