//! The date parser on arbitrary strings: no panic, and a parsed date formats
//! to a date that parses back to the same second.
#![no_main]

use libfuzzer_sys::fuzz_target;
use neardup::corpus::{format_date, parse_date};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(secs) = parse_date(s) {
        let shown = format_date(secs);
        assert_eq!(parse_date(&shown), Some(secs), "{s:?} -> {shown}");
    }
});
