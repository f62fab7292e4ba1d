//! The JSON Lines record parser on arbitrary lines: no panic, and what it
//! accepts has a non-empty id and borrows or copies its text consistently.
#![no_main]

use libfuzzer_sys::fuzz_target;
use neardup::corpus::{parse_line, FieldNames, Location};

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
    if let Ok(rec) = parse_line(line, &FieldNames::default(), loc, || "f:1".into()) {
        assert!(!rec.id.is_empty(), "an accepted record has an id");
        assert!(
            rec.text.len() <= line.len() * 6,
            "text larger than its escapes allow"
        );
        if rec.bad_date {
            assert!(rec.date.is_none());
        }
    }
});
