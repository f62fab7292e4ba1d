//! The tokenizer on arbitrary text: no panic, the same tokens every time,
//! and a normalised word is not longer than NFKC can make it. (Normalising
//! twice is not always a no-op, NFKC then lowercase on some combining
//! sequences: see docs/fuzzing.md; not asserted here.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use neardup::text::{normalize_token, tokenize};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let tokens = tokenize(text, 7);
    let again = tokenize(text, 7);
    assert_eq!(tokens.len(), again.len(), "tokenizing is deterministic");
    for w in text.split_whitespace().take(64) {
        let once = normalize_token(w);
        // NFKC expands a character to at most 18 (U+FDFA); lowercase to 3.
        assert!(once.len() <= w.len() * 18 * 3, "{w:?} -> {once:?}");
    }
});
