//! The common JSON Lines record read in one scan, without serde.
//!
//! serde_json reads a string through its generic visitor machinery and
//! copies a string with escapes twice (into its scratch buffer, then into
//! the visitor's `String`). The text field is most of every line, nearly
//! every text has escapes (its newlines), and a run reads each line more
//! than once (the boilerplate sample, signing, the read-backs). This
//! reader handles the shape nearly every record has, a top-level object
//! whose wanted fields are strings or null (the id also an integer),
//! looking sixteen bytes at a time for the next quote, backslash or
//! control character and copying a string with escapes once.
//!
//! It is a fast path, not a second parser: for anything outside that
//! shape or anything it would have to judge (a malformed line, a lone
//! surrogate, a number in the text field, a key with escapes, nesting
//! deeper than [`MAX_DEPTH`]) it gives `None`, and
//! [`super::parse_line`] reads the line with serde_json, whose results
//! and messages stay the reference. On every line it accepts it gives
//! what serde_json gives: the tests compare the two on random and mutated
//! lines.

use super::jsonl::{assign, Scalar};
use std::borrow::Cow;

/// Containers nested deeper than this inside a skipped value send the line
/// to serde_json.
const MAX_DEPTH: usize = 64;

/// The values of the fields named `names` (id first: an integer id is
/// kept as its digits) in a line holding one JSON object, or None when
/// the line is not of the shape this reader handles. A field named twice
/// keeps its last value, as in serde's reading.
pub(super) fn read_fields<'a>(line: &'a str, names: [&str; 4]) -> Option<[Option<Scalar<'a>>; 4]> {
    let b = line.as_bytes();
    let mut values: [Option<Scalar<'a>>; 4] = Default::default();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_ws(b, i + 1);
    if b.get(i) == Some(&b'}') {
        i += 1;
    } else {
        loop {
            if b.get(i) != Some(&b'"') {
                return None;
            }
            // A key with escapes is rare: serde_json unescapes it.
            let (key, after) = plain_str(line, i + 1)?;
            i = skip_ws(b, after);
            if b.get(i) != Some(&b':') {
                return None;
            }
            i = skip_ws(b, i + 1);
            let hit = names.map(|n| n == key);
            if hit.contains(&true) {
                let (value, after) = wanted_value(line, i, hit[0])?;
                assign(&mut values, hit, value);
                i = after;
            } else {
                i = skip_value(b, i)?;
            }
            i = skip_ws(b, i);
            match b.get(i) {
                Some(b',') => i = skip_ws(b, i + 1),
                Some(b'}') => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    (skip_ws(b, i) == b.len()).then_some(values)
}

/// A wanted field's value at `i`: a string, null, or (for the id) an
/// integer as its digits; with the position after it.
fn wanted_value(line: &str, i: usize, is_id: bool) -> Option<(Scalar<'_>, usize)> {
    let b = line.as_bytes();
    match *b.get(i)? {
        b'"' => read_str(line, i + 1).map(|(s, after)| (Scalar::Str(s), after)),
        b'n' => b[i..]
            .starts_with(b"null")
            .then_some((Scalar::Other("null"), i + 4)),
        b'-' | b'0'..=b'9' if is_id => {
            let end = integer_end(b, i)?;
            // A fraction or an exponent: serde_json names the number.
            if matches!(b.get(end), Some(b'.' | b'e' | b'E')) {
                return None;
            }
            Some((Scalar::Number(line[i..end].to_owned()), end))
        }
        _ => None,
    }
}

/// The end of the integer part of a JSON number at `i`
/// (`-?(0|[1-9][0-9]*)`), or None when there is none.
fn integer_end(b: &[u8], mut i: usize) -> Option<usize> {
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match *b.get(i)? {
        b'0' => Some(i + 1).filter(|&e| !b.get(e).is_some_and(u8::is_ascii_digit)),
        b'1'..=b'9' => Some(i + 1 + b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count()),
        _ => None,
    }
}

/// The end of a whole JSON number at `i` (integer, fraction, exponent).
fn number_end(b: &[u8], i: usize) -> Option<usize> {
    let mut end = integer_end(b, i)?;
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    if b.get(end) == Some(&b'.') {
        let n = digits(end + 1);
        if n == 0 {
            return None;
        }
        end += 1 + n;
    }
    if matches!(b.get(end), Some(b'e' | b'E')) {
        end += 1;
        if matches!(b.get(end), Some(b'+' | b'-')) {
            end += 1;
        }
        let n = digits(end);
        if n == 0 {
            return None;
        }
        end += n;
    }
    Some(end)
}

/// Skips the value at `i` (checking it as serde_json would) and returns
/// the position after it.
fn skip_value(b: &[u8], mut i: usize) -> Option<usize> {
    // The open containers, innermost last: true for an object.
    let mut open = [false; MAX_DEPTH];
    let mut depth = 0;
    loop {
        // A value starts at i (in an object, after its key and colon).
        i = match *b.get(i)? {
            b'"' => skip_str(b, i + 1)?,
            c @ (b'{' | b'[') => {
                let object = c == b'{';
                let j = skip_ws(b, i + 1);
                if b.get(j) == Some(if object { &b'}' } else { &b']' }) {
                    j + 1
                } else {
                    if depth == MAX_DEPTH {
                        return None;
                    }
                    open[depth] = object;
                    depth += 1;
                    i = if object { start_member(b, j)? } else { j };
                    continue;
                }
            }
            b't' => literal(b, i, b"true")?,
            b'f' => literal(b, i, b"false")?,
            b'n' => literal(b, i, b"null")?,
            _ => number_end(b, i)?,
        };
        // A value ends at i: close containers, or go on to the next value.
        loop {
            if depth == 0 {
                return Some(i);
            }
            i = skip_ws(b, i);
            let object = open[depth - 1];
            match *b.get(i)? {
                b',' => {
                    let j = skip_ws(b, i + 1);
                    i = if object { start_member(b, j)? } else { j };
                    break;
                }
                b'}' if object => {}
                b']' if !object => {}
                _ => return None,
            }
            i += 1;
            depth -= 1;
        }
    }
}

/// Reads an object member's key and colon at `i`; returns where its value
/// starts.
fn start_member(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let i = skip_ws(b, skip_str(b, i + 1)?);
    (b.get(i) == Some(&b':')).then(|| skip_ws(b, i + 1))
}

fn literal(b: &[u8], i: usize, word: &[u8]) -> Option<usize> {
    b[i..].starts_with(word).then_some(i + word.len())
}

/// JSON's whitespace, skipped from `i`.
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// Skips the rest of a string whose first byte is at `i`, checking its
/// escapes; returns the position after the closing quote.
fn skip_str(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        i = next_special(b, i);
        match *b.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 1 + escape(b, i + 1)?.1,
            _ => return None,
        }
    }
}

/// The rest of a string whose first byte is at `start` when it has no
/// escapes (borrowed), with the position after the closing quote.
fn plain_str(line: &str, start: usize) -> Option<(&str, usize)> {
    let at = next_special(line.as_bytes(), start);
    (line.as_bytes().get(at) == Some(&b'"')).then(|| (&line[start..at], at + 1))
}

/// Reads the rest of a string whose first byte is at `start`: borrowed
/// when it has no escapes, else copied once with them decoded; with the
/// position after the closing quote.
fn read_str(line: &str, start: usize) -> Option<(Cow<'_, str>, usize)> {
    let b = line.as_bytes();
    let mut at = next_special(b, start);
    match *b.get(at)? {
        b'"' => return Some((Cow::Borrowed(&line[start..at]), at + 1)),
        b'\\' => {}
        _ => return None,
    }
    // The rest of the line bounds the string; the text field is usually
    // last, so this is close, and a loose fit is given back below.
    let mut out = String::with_capacity(b.len() - start);
    let mut from = start;
    loop {
        // Special bytes are ASCII, so `from` and `at` are char boundaries.
        out.push_str(&line[from..at]);
        match *b.get(at)? {
            b'"' => break,
            b'\\' => {
                let (c, len) = escape(b, at + 1)?;
                out.push(c);
                from = at + 1 + len;
            }
            _ => return None,
        }
        at = next_special(b, from);
    }
    if out.capacity() - out.len() > out.len() / 8 + 64 {
        out.shrink_to_fit();
    }
    Some((Cow::Owned(out), at + 1))
}

/// The escape after a backslash (its letter at `i`): the character and the
/// bytes it took. A lone surrogate is left to serde_json.
fn escape(b: &[u8], i: usize) -> Option<(char, usize)> {
    Some(match *b.get(i)? {
        b'"' => ('"', 1),
        b'\\' => ('\\', 1),
        b'/' => ('/', 1),
        b'b' => ('\u{8}', 1),
        b'f' => ('\u{c}', 1),
        b'n' => ('\n', 1),
        b'r' => ('\r', 1),
        b't' => ('\t', 1),
        b'u' => {
            let high = hex4(b, i + 1)?;
            if !(0xD800..0xDC00).contains(&high) {
                return Some((char::from_u32(high)?, 5));
            }
            if b.get(i + 5..i + 7) != Some(b"\\u") {
                return None;
            }
            let low = hex4(b, i + 7)?;
            if !(0xDC00..0xE000).contains(&low) {
                return None;
            }
            let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            (char::from_u32(c)?, 11)
        }
        _ => return None,
    })
}

fn hex4(b: &[u8], i: usize) -> Option<u32> {
    b.get(i..i + 4)?.iter().try_fold(0u32, |n, &c| {
        let d = (c as char).to_digit(16)?;
        Some(n << 4 | d)
    })
}

/// The position of the first quote, backslash or control character at or
/// after `i`, or the length of `b` when there is none.
#[inline]
fn next_special(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 16) {
        let mask = special_mask(chunk.try_into().expect("16 bytes"));
        if mask != 0 {
            return i + mask.trailing_zeros() as usize;
        }
        i += 16;
    }
    while i < b.len() && !is_special(b[i]) {
        i += 1;
    }
    i
}

#[inline(always)]
fn is_special(c: u8) -> bool {
    c == b'"' || c == b'\\' || c < 0x20
}

/// Bit `k` set when byte `k` of the chunk is special.
#[inline(always)]
fn special_mask(chunk: [u8; 16]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        special_mask_sse2(chunk)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        special_mask_scalar(chunk)
    }
}

/// The portable version (and the reference the SSE2 one is tested against).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn special_mask_scalar(chunk: [u8; 16]) -> u32 {
    chunk
        .iter()
        .enumerate()
        .fold(0, |m, (k, &c)| m | u32::from(is_special(c)) << k)
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn special_mask_sse2(chunk: [u8; 16]) -> u32 {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of every x86_64 CPU; the load is an unaligned
    // one from a 16-byte array we own.
    unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast());
        let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
        // Unsigned c < 0x20: min(c, 0x1f) == c.
        let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_value_is_special_like_the_scalar_reference() {
        for base in (0..256usize).step_by(16) {
            let chunk: [u8; 16] = std::array::from_fn(|k| (base + k) as u8);
            assert_eq!(
                special_mask(chunk),
                special_mask_scalar(chunk),
                "bytes {base}.."
            );
        }
        assert_eq!(
            special_mask_scalar(*b"ab\"\\\x1f \x7f\xff0123456\n"),
            0b1000_0000_0001_1100
        );
    }

    #[test]
    fn strings_borrow_unless_escaped_and_decode_pairs() {
        let (s, end) = read_str(r#"plain" x"#, 0).unwrap();
        assert!(matches!(s, Cow::Borrowed("plain")) && end == 6);
        let line = r#"a\n\"b\u00e9\ud83d\ude00/\/c" x"#;
        let (s, end) = read_str(line, 0).unwrap();
        assert_eq!(s, "a\n\"bé😀//c");
        assert_eq!(&line[end..], " x");
        // Lone surrogates and bad escapes are left to serde_json.
        for bad in [
            r#"\ud83d x""#,
            r#"\ude00""#,
            r#"\x""#,
            "a\tb\"",
            r#"\u12g4""#,
            "open",
        ] {
            assert_eq!(read_str(bad, 0), None, "{bad}");
        }
    }

    #[test]
    fn skipped_values_are_checked() {
        let ok = |v: &str| skip_value(v.as_bytes(), 0) == Some(v.len());
        for v in [
            r#"{"a":[1,-2.5e+3,true,false,null,{}],"b":{"c":"\u0041"}}"#,
            "[]",
            "[ [ ] , { } ]",
            "0",
            "-0.0E9",
            r#""s""#,
        ] {
            assert!(ok(v), "{v}");
        }
        for v in [
            "[1,]",
            "{\"a\"}",
            "{\"a\":1,}",
            "01",
            "1.",
            "1e",
            "tru",
            "[1 2]",
            "{1:2}",
            "[}",
        ] {
            assert!(!ok(v), "{v}");
        }
        let nested = |n: usize| "[".repeat(n) + "1" + &"]".repeat(n);
        assert!(ok(&nested(MAX_DEPTH)));
        assert_eq!(skip_value(nested(MAX_DEPTH + 1).as_bytes(), 0), None);
    }
}
