//! A bit filter in front of an exact set of 64-bit hashes: one bit per
//! value of the hash's top bits, set for the members. A lookup that finds
//! the bit clear (most of them, when the set is small) is answered without
//! touching the set. The boilerplate set (one test per shingle) and the
//! function-word table (one per token) sit behind one each.

use bitvec::prelude::*;

/// The filter; see the [module documentation](self).
#[derive(Clone, Debug)]
pub struct HashFilter {
    bits: BitVec<u64, Lsb0>,
    /// `64 - log2(bits)`: a hash's bit is `hash >> shift`.
    shift: u32,
}

impl Default for HashFilter {
    /// The empty filter: nothing may be contained.
    fn default() -> Self {
        HashFilter {
            bits: BitVec::new(),
            shift: 63,
        }
    }
}

impl HashFilter {
    /// A filter of `2^log2_bits` bits holding `hashes`.
    pub fn new(log2_bits: u32, hashes: impl IntoIterator<Item = u64>) -> Self {
        assert!((1..=32).contains(&log2_bits), "filter size out of range");
        let shift = 64 - log2_bits;
        let mut bits = bitvec![u64, Lsb0; 0; 1 << log2_bits];
        for h in hashes {
            bits.set((h >> shift) as usize, true);
        }
        HashFilter { bits, shift }
    }

    /// False when `h` is surely not in the set.
    #[inline]
    pub fn may_contain(&self, h: u64) -> bool {
        let i = (h >> self.shift) as usize;
        // The raw words, not BitVec indexing: this runs once per token or
        // shingle, and the indexing's checks showed in the profile.
        self.bits
            .as_raw_slice()
            .get(i / 64)
            .is_some_and(|w| (w >> (i % 64)) & 1 == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_pass_and_the_empty_filter_passes_nothing() {
        let members: Vec<u64> = (1..50u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        let f = HashFilter::new(12, members.iter().copied());
        assert!(members.iter().all(|&h| f.may_contain(h)));
        let others = (1000..21_000u64)
            .map(|i| i.wrapping_mul(0xD6E8_FEB8_6659_FD93))
            .filter(|&h| f.may_contain(h))
            .count();
        assert!(others < 1_000, "{others} of 20,000 others pass");
        assert!(!HashFilter::default().may_contain(0));
        assert!(!HashFilter::default().may_contain(u64::MAX));
    }
}
