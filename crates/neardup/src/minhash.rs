//! MinHash signatures by one-permutation hashing (OPH) with optimal densification.
//!
//! Classic MinHash applies `k` hash functions to every shingle: `k` hashes per
//! shingle. OPH (Li, Owen & Zhang, 2012) hashes each shingle once, uses the
//! high bits to pick one of `k` bins and keeps the smallest low bits per bin,
//! so a signature costs one hash and one compare per shingle. Bins that no
//! shingle fell into are filled by optimal densification (Shrivastava, 2017):
//! empty bin `i` borrows the value of the first non-empty bin in a sequence
//! of bins that depends only on `(i, attempt, seed)`, the same for every
//! document. Two documents then agree in a bin with probability equal to
//! their Jaccard similarity, as with `k` independent permutations.
//!
//! Each bin keeps the smallest low 32 bits of its shingles' hashes, and the
//! signature stores 16 bits of that minimum (b-bit minwise hashing, Li &
//! König, 2010): 256 bytes for 128 bins. Two bins whose minima differ agree
//! by chance with probability 2^-16, so a pair's agreement is `J + (1 - J)
//! / 65,536`: the estimate of a Jaccard of 0 reads 0.000015 at most, 3,000
//! times below its own standard error at 0.5 (0.044 with 128 bins). The
//! minimum is found on 32 bits, so which shingle wins a bin is unchanged;
//! only the stored value is shorter. Measured in docs/benchmarks.md ("16-bit
//! signatures"): the same clusters on the real sets, half the signature
//! memory.

use crate::shingle::fmix64;

/// A MinHash signature: 16 bits of each bin's minimum.
pub type Signature = Vec<u16>;

/// Builds OPH signatures with `num_perm` bins.
#[derive(Clone, Debug)]
pub struct MinHasher {
    num_perm: usize,
    seed: u64,
}

/// Per-thread scratch space for [`MinHasher::sign_into`].
#[derive(Default)]
pub struct SignScratch {
    mins: Vec<u64>,
}

const EMPTY: u64 = u64::MAX;

impl MinHasher {
    /// A hasher with `num_perm` bins (the datasketch name for the signature length).
    pub fn new(num_perm: usize, seed: u64) -> Self {
        assert!(
            (1..=1 << 16).contains(&num_perm),
            "num_perm must be in 1..=65536"
        );
        MinHasher { num_perm, seed }
    }

    /// Signature length.
    pub fn num_perm(&self) -> usize {
        self.num_perm
    }

    #[inline]
    fn bin(&self, h: u64) -> usize {
        // Multiply-high maps the top 32 bits uniformly onto 0..num_perm.
        (((h >> 32) * self.num_perm as u64) >> 32) as usize
    }

    /// Writes the signature of a set of shingle hashes into `out`.
    ///
    /// Returns false (and leaves `out` untouched) when there are no shingles:
    /// an empty set has no MinHash, and callers must not invent one.
    pub fn sign_into(
        &self,
        shingles: impl IntoIterator<Item = u64>,
        scratch: &mut SignScratch,
        out: &mut [u16],
    ) -> bool {
        let k = self.num_perm;
        assert_eq!(out.len(), k);
        let mins = &mut scratch.mins;
        mins.clear();
        mins.resize(k, EMPTY);
        let mut any = false;
        for h in shingles {
            let b = self.bin(h);
            // `min`, not a branch: whether a shingle beats its bin is a coin
            // toss early in a document, and a mispredicted branch per
            // shingle cost more than the store.
            mins[b] = mins[b].min(h & 0xFFFF_FFFF);
            any = true;
        }
        if !any {
            return false;
        }
        for i in 0..k {
            out[i] = if mins[i] != EMPTY {
                stored(mins[i])
            } else {
                self.densify(i, mins)
            };
        }
        true
    }

    /// Optimal densification: probe bins in a sequence fixed by `(i, attempt)`.
    fn densify(&self, i: usize, mins: &[u64]) -> u16 {
        let k = self.num_perm as u64;
        let mut attempt: u64 = 1;
        loop {
            let h = fmix64(
                self.seed ^ ((i as u64) << 32) ^ attempt.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            );
            let j = (((h >> 32) * k) >> 32) as usize;
            if mins[j] != EMPTY {
                return stored(mins[j]);
            }
            attempt += 1;
        }
    }

    /// The signature of a set of shingle hashes, or None for an empty set.
    pub fn sign(&self, shingles: impl IntoIterator<Item = u64>) -> Option<Signature> {
        let mut out = vec![0u16; self.num_perm];
        self.sign_into(shingles, &mut SignScratch::default(), &mut out)
            .then_some(out)
    }
}

/// The 16 bits of a bin's minimum that a signature stores: its low bits,
/// which are uniform (the minimum of a bin is small in its high bits).
#[inline]
fn stored(min: u64) -> u16 {
    min as u16
}

/// Number of bins in which two signatures agree.
#[inline]
pub fn matching_bins<V: PartialEq>(a: &[V], b: &[V]) -> usize {
    debug_assert_eq!(a.len(), b.len());
    a.iter().zip(b).filter(|(x, y)| x == y).count()
}

/// Estimated Jaccard similarity: the share of agreeing bins.
#[inline]
pub fn estimate_jaccard<V: PartialEq>(a: &[V], b: &[V]) -> f64 {
    matching_bins(a, b) as f64 / a.len() as f64
}

/// Estimated containment of set A in set B, |A ∩ B| / |A|, from the Jaccard
/// estimate and the two set sizes: |A ∩ B| = J (|A| + |B|) / (1 + J).
#[inline]
pub fn containment_from_jaccard(jaccard: f64, size_a: u32, size_b: u32) -> f64 {
    if size_a == 0 {
        return 0.0;
    }
    let inter = jaccard * (size_a as f64 + size_b as f64) / (1.0 + jaccard);
    (inter / size_a as f64).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(range: std::ops::Range<u64>) -> Vec<u64> {
        range.map(fmix64).collect()
    }

    #[test]
    fn identical_sets_agree_everywhere() {
        let h = MinHasher::new(128, 1);
        let a = h.sign(set(0..500)).unwrap();
        let b = h.sign(set(0..500).into_iter().rev()).unwrap();
        assert_eq!(a, b);
        assert_eq!(estimate_jaccard(&a, &b), 1.0);
    }

    #[test]
    fn empty_set_has_no_signature() {
        assert!(MinHasher::new(64, 0).sign(std::iter::empty()).is_none());
    }

    #[test]
    fn tiny_sets_are_densified_not_left_empty() {
        let h = MinHasher::new(128, 3);
        let a = h.sign(set(0..2)).unwrap();
        let vals: std::collections::HashSet<u16> = a.iter().copied().collect();
        assert!(vals.len() <= 2);
        let b = h.sign(set(5..7)).unwrap();
        assert!(
            estimate_jaccard(&a, &b) < 0.2,
            "disjoint tiny sets must not look alike"
        );
    }

    #[test]
    fn estimate_tracks_jaccard() {
        let h = MinHasher::new(256, 9);
        // |A ∩ B| = 600, |A ∪ B| = 1000 → J = 0.6
        let a = h.sign(set(0..800)).unwrap();
        let b = h.sign(set(200..1000)).unwrap();
        let j = estimate_jaccard(&a, &b);
        assert!((j - 0.6).abs() < 0.1, "estimate {j}");
    }

    #[test]
    fn containment_formula() {
        // A ⊂ B, |A| = 40, |B| = 100 → J = 0.4, containment of A in B = 1
        assert!((containment_from_jaccard(0.4, 40, 100) - 1.0).abs() < 1e-9);
        assert!((containment_from_jaccard(0.4, 100, 40) - 0.4).abs() < 1e-9);
        assert_eq!(containment_from_jaccard(0.0, 10, 10), 0.0);
    }
}
