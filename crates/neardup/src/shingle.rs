//! Word n-gram shingles and the boilerplate (high document frequency) filter.
//!
//! A shingle is `n` consecutive tokens. Its hash is a rolling polynomial over
//! the xxh3 hashes of its tokens, finished with a 64-bit avalanche, so one
//! shingle costs a few multiplies, not another pass of xxh3 over the words. A document shorter than `n` tokens yields one
//! shingle of all its tokens.
//!
//! Boilerplate (cookie banners, newsletter prompts, a site's "related
//! articles" list) shows up as shingles shared by a large share of the corpus.
//! [`Boilerplate`] holds those shingles; the signer leaves them out so that two
//! different articles from one site do not look alike through their chrome.
//! The set is tested through a bit filter first, so the common case (not
//! boilerplate) costs one bit test.

use crate::collections::hash_filter::HashFilter;
use crate::frames::{frame_entry, frame_key, frame_mark};
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// The largest supported shingle size.
pub const MAX_SHINGLE: usize = 16;

/// Base of the rolling polynomial (odd, high-entropy).
const BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// Murmur3's 64-bit finaliser: every input bit affects every output bit.
#[inline]
pub fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

#[inline(always)]
fn finish_hash(poly: u64, len: usize) -> u64 {
    fmix64(poly ^ len as u64)
}

/// Writes the hashes of the word `n`-grams of `tokens` into `out` (1 ≤ n ≤
/// [`MAX_SHINGLE`]).
///
/// The window's value is the polynomial `Σ h_j · BASE^(n-1-j)` over its token
/// hashes, updated in O(1) per token (subtract the word leaving, multiply,
/// add the word entering), then finalised with [`fmix64`] so that its high
/// bits (which pick the MinHash bin) are well mixed. The loop runs over a
/// slice with the window in a register: the finalisers of successive
/// shingles do not depend on each other and overlap in the pipeline.
pub fn shingles_into(tokens: &[u64], n: usize, out: &mut Vec<u64>) {
    assert!(
        (1..=MAX_SHINGLE).contains(&n),
        "shingle size must be 1..=MAX_SHINGLE"
    );
    out.clear();
    if tokens.is_empty() {
        return;
    }
    let head = &tokens[..n.min(tokens.len())];
    let mut poly = head
        .iter()
        .fold(0u64, |p, &h| p.wrapping_mul(BASE).wrapping_add(h));
    out.reserve(tokens.len().saturating_sub(n) + 1);
    out.push(finish_hash(poly, head.len()));
    if tokens.len() <= n {
        return;
    }
    let top = (1..n).fold(1u64, |acc, _| acc.wrapping_mul(BASE));
    out.extend(tokens.windows(n + 1).map(|w| {
        poly = poly
            .wrapping_sub(w[0].wrapping_mul(top))
            .wrapping_mul(BASE)
            .wrapping_add(w[n]);
        finish_hash(poly, n)
    }));
}

/// Shingle hashes of a sequence of token hashes (convenience for tests and
/// the reporter). A document shorter than `n` tokens (but not empty) yields
/// one shingle of all its tokens.
pub fn shingles(token_hashes: &[u64], n: usize) -> Vec<u64> {
    let mut out = Vec::new();
    shingles_into(token_hashes, n, &mut out);
    out
}

/// Calls `seen` once for each distinct value of `hashes`, in order of first
/// occurrence, by open addressing in a reused table (a sort would cost
/// several times more per document).
fn for_each_distinct(hashes: &[u64], table: &mut Vec<u64>, mut seen: impl FnMut(u64)) {
    let size = (hashes.len() * 2).next_power_of_two().max(16);
    table.clear();
    table.resize(size, 0);
    let mask = size - 1;
    for &h in hashes {
        let key = h | 1; // 0 marks an empty slot; the low bit is spent on that
        let mut i = (h >> 32) as usize & mask;
        loop {
            if table[i] == 0 {
                table[i] = key;
                seen(h);
                break;
            }
            if table[i] == key {
                break;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The distinct values of `hashes`, in order of first occurrence.
pub fn distinct(hashes: &[u64], table: &mut Vec<u64>) -> Vec<u64> {
    let mut out = Vec::with_capacity(hashes.len());
    for_each_distinct(hashes, table, |h| out.push(h));
    out
}

/// How many distinct values `hashes` holds: the size of a document's
/// shingle set, which containment estimates need (a text that repeats a
/// passage has fewer distinct shingles than shingles).
pub fn count_distinct(hashes: &[u64], table: &mut Vec<u64>) -> usize {
    let mut n = 0;
    for_each_distinct(hashes, table, |_| n += 1);
    n
}

/// Filter bits per boilerplate shingle: about 3% false positives, and a
/// filter small enough to stay in the L1/L2 cache (4,917 shingles: 32 KB).
const FILTER_BITS_PER_ITEM: usize = 32;

/// Shingle hashes are already uniform: hashing them again (SipHash) is waste.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A set of shingle hashes, not hashed again.
pub(crate) type HashSet64 = HashSet<u64, BuildHasherDefault<PassThrough>>;
/// A map keyed by shingle hashes, not hashed again.
pub(crate) type HashMap64<V> = std::collections::HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// A run of at least this many consecutive boilerplate shingles is not
/// chrome but a whole shared text (a license in a package's copyright file,
/// a story quoted in full): it stays in the document. Page chrome comes in
/// blocks of a few dozen words broken by the page's own headline, byline
/// and links; a run this long is text a reader reads.
pub const CONTENT_RUN: usize = 600;

/// Clears the runs of at least [`CONTENT_RUN`] set flags in `mask` (see
/// there); returns how many flags it cleared.
pub fn keep_long_runs(mask: &mut [bool]) -> usize {
    let mut cleared = 0;
    let mut i = 0;
    while i < mask.len() {
        if !mask[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < mask.len() && mask[i] {
            i += 1;
        }
        if i - start >= CONTENT_RUN {
            mask[start..i].fill(false);
            cleared += i - start;
        }
    }
    cleared
}

/// The set of boilerplate shingles, with a bit filter in front.
#[derive(Clone, Default)]
pub struct Boilerplate {
    filter: HashFilter,
    set: HashSet64,
}

impl Boilerplate {
    /// A filter holding these shingle hashes.
    pub fn new(hashes: impl IntoIterator<Item = u64>) -> Self {
        let set: HashSet64 = hashes.into_iter().collect();
        let bits = (set.len() * FILTER_BITS_PER_ITEM)
            .next_power_of_two()
            .clamp(64, 1 << 24);
        let filter = HashFilter::new(bits.trailing_zeros(), set.iter().copied());
        Boilerplate { filter, set }
    }

    /// Number of boilerplate shingles.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// The shingle hashes, sorted (to store the set and load it again
    /// with [`Boilerplate::new`]).
    pub fn hashes(&self) -> Vec<u64> {
        let mut h: Vec<u64> = self.set.iter().copied().collect();
        h.sort_unstable();
        h
    }

    /// Whether a shingle hash is boilerplate.
    #[inline]
    pub fn contains(&self, h: u64) -> bool {
        self.filter.may_contain(h) && self.set.contains(&h)
    }

    /// The frame key of `text` when the set holds chrome of that frame
    /// ([`crate::frames`]), else 0: one lookup a page.
    pub fn frame_of(&self, text: &str) -> u64 {
        if self.is_empty() {
            return 0;
        }
        let key = frame_key(text);
        if key != 0 && self.contains(frame_mark(key)) {
            key
        } else {
            0
        }
    }

    /// Whether shingle `h` is boilerplate on a page whose frame is `frame`
    /// ([`Boilerplate::frame_of`]; 0: none): in the set, or its frame's
    /// chrome.
    #[inline]
    pub fn is_chrome(&self, h: u64, frame: u64) -> bool {
        self.contains(h) || (frame != 0 && self.contains(frame_entry(frame, h)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_keeps_first_occurrences() {
        let mut t = Vec::new();
        assert_eq!(distinct(&[5, 7, 5, 9, 7, 7], &mut t), vec![5, 7, 9]);
        assert!(distinct(&[], &mut t).is_empty());
        let many: Vec<u64> = (0..1000u64)
            .map(|i| (i % 300).wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        assert_eq!(distinct(&many, &mut t).len(), 300);
        assert_eq!(count_distinct(&[5, 7, 5, 9, 7, 7], &mut t), 3);
        assert_eq!(count_distinct(&many, &mut t), 300);
    }

    #[test]
    fn a_long_run_of_boilerplate_is_content() {
        let mut mask = vec![true; CONTENT_RUN + 10];
        mask[5] = false; // a short run, then a long one
        mask.extend([false, true, true]);
        let cleared = keep_long_runs(&mut mask);
        assert_eq!(cleared, CONTENT_RUN + 4);
        assert!(mask[..5].iter().all(|&b| b), "the short run stays chrome");
        assert!(mask[6..CONTENT_RUN + 10].iter().all(|&b| !b));
        assert_eq!(&mask[CONTENT_RUN + 10..], &[false, true, true]);
    }

    #[test]
    fn counts_and_order_sensitivity() {
        let toks = [1u64, 2, 3, 4, 5, 6];
        let s = shingles(&toks, 3);
        assert_eq!(s.len(), 4);
        let swapped = shingles(&[2u64, 1, 3, 4, 5, 6], 3);
        assert_ne!(s[0], swapped[0], "word order matters inside a shingle");
        assert_eq!(s[2..], swapped[2..]);
    }

    #[test]
    fn short_documents_get_one_shingle() {
        assert_eq!(shingles(&[7u64, 8], 5).len(), 1);
        assert!(shingles(&[], 5).is_empty());
        assert_ne!(shingles(&[7u64], 5), shingles(&[8u64], 5));
    }

    #[test]
    fn rolling_window_equals_the_polynomial_of_each_window() {
        let toks: Vec<u64> = (1..40u64).map(|i| fmix64(i * 31)).collect();
        for n in 1..=MAX_SHINGLE {
            let direct: Vec<u64> = toks
                .windows(n)
                .map(|w| {
                    let p = w
                        .iter()
                        .fold(0u64, |p, &h| p.wrapping_mul(BASE).wrapping_add(h));
                    fmix64(p ^ n as u64)
                })
                .collect();
            assert_eq!(shingles(&toks, n), direct, "n = {n}");
        }
    }

    #[test]
    fn boilerplate_membership() {
        let b = Boilerplate::new([10u64, 1 << 50, u64::MAX]);
        assert!(b.contains(10) && b.contains(1 << 50) && b.contains(u64::MAX));
        assert!(!b.contains(11));
        assert!(!Boilerplate::default().contains(10));
        assert_eq!(b.len(), 3);
    }
}
