//! Sixteen bytes of text at a time: which are ASCII letters or digits, which
//! are not ASCII, and the bytes with ASCII letters lowercased.
//!
//! The tokenizer finds word boundaries with `trailing_zeros` on these masks
//! instead of testing byte by byte: a byte loop takes one hard-to-predict
//! branch at the end of every word, which cost more than hashing the word.
//! On x86_64 this is SSE2 (part of the baseline, so no runtime dispatch);
//! elsewhere a scalar loop computes the same masks.

/// Masks for 16 consecutive bytes; bit `i` describes byte `i`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// ASCII letters and digits.
    pub word: u32,
    /// Bytes >= 0x80 (parts of non-ASCII characters).
    pub high: u32,
    /// The bytes, little-endian, each ORed with 0x20: for letters and digits
    /// that is their lowercase form (digits already have the bit set).
    pub lower: u128,
}

/// The 16 bytes at `at`, zero-padded past the end of `bytes` (a zero byte is
/// neither a word byte nor a high byte, so the end of the text reads as a
/// separator).
#[inline(always)]
pub fn load(bytes: &[u8], at: usize) -> [u8; 16] {
    match bytes.get(at..at + 16) {
        Some(s) => s.try_into().expect("16 bytes"),
        None => {
            let mut buf = [0u8; 16];
            let tail = &bytes[at.min(bytes.len())..];
            buf[..tail.len()].copy_from_slice(tail);
            buf
        }
    }
}

/// Classifies 16 bytes.
#[inline(always)]
pub fn classify(chunk: [u8; 16]) -> Block {
    #[cfg(target_arch = "x86_64")]
    {
        classify_sse2(chunk)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        classify_scalar(chunk)
    }
}

/// The portable version (and the reference the SSE2 one is tested against).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
pub fn classify_scalar(chunk: [u8; 16]) -> Block {
    let mut word = 0u32;
    let mut high = 0u32;
    for (i, &b) in chunk.iter().enumerate() {
        word |= u32::from(b.is_ascii_alphanumeric()) << i;
        high |= u32::from(b >= 0x80) << i;
    }
    Block {
        word,
        high,
        lower: u128::from_le_bytes(chunk) | u128::from_le_bytes([0x20; 16]),
    }
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn classify_sse2(chunk: [u8; 16]) -> Block {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of every x86_64 CPU; the load and store are
    // unaligned ones on 16-byte arrays we own.
    unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast());
        let low = _mm_or_si128(v, _mm_set1_epi8(0x20));
        // Signed compares: bytes >= 0x80 are negative, so never letters or digits.
        let letter = _mm_and_si128(
            _mm_cmpgt_epi8(low, _mm_set1_epi8(b'a' as i8 - 1)),
            _mm_cmplt_epi8(low, _mm_set1_epi8(b'z' as i8 + 1)),
        );
        let digit = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(b'0' as i8 - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(b'9' as i8 + 1)),
        );
        let word = _mm_movemask_epi8(_mm_or_si128(letter, digit)) as u32;
        let high = _mm_movemask_epi8(v) as u32;
        let mut lower = [0u8; 16];
        _mm_storeu_si128(lower.as_mut_ptr().cast(), low);
        Block {
            word,
            high,
            lower: u128::from_le_bytes(lower),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_value_is_classified_like_the_scalar_reference() {
        for base in (0..256usize).step_by(16) {
            let mut chunk = [0u8; 16];
            for (i, c) in chunk.iter_mut().enumerate() {
                *c = (base + i) as u8;
            }
            assert_eq!(classify(chunk), classify_scalar(chunk), "bytes {base}..");
        }
        let s = classify_scalar(*b"Ab9 z-\xc3\xa9Z@[`{/:0");
        assert_eq!(s.word, 0b1000_0001_0001_0111);
        assert_eq!(s.high, 0b0000_0000_1100_0000);
    }

    #[test]
    fn load_pads_past_the_end() {
        assert_eq!(&load(b"abc", 1)[..3], b"bc\0");
        assert_eq!(load(b"abc", 3), [0u8; 16]);
        assert_eq!(load(&[7u8; 20], 2), [7u8; 16]);
    }
}
