//! Locality-sensitive hashing: bands of rows over the signatures.
//!
//! Two documents become a candidate pair when all `rows` values of at least
//! one of `bands` bands agree. With Jaccard `s` that happens with probability
//! `1 - (1 - s^rows)^bands`, an S-curve. [`LshParams::for_threshold`] picks
//! bands and rows for a threshold the way datasketch does: minimise the
//! weighted area of false positives (the curve left of the threshold) plus
//! false negatives (one minus the curve right of it).
//!
//! Bucketing runs one band at a time, bands in parallel: each band is a vector
//! of `(band hash, document)` sorted by key, so equal keys form runs. Small
//! runs yield all their pairs; large runs (hundreds of copies of one story)
//! yield a star plus a chain, which keeps the pair count linear and still
//! connects every member. The star is centred on the member the origin rule
//! is likeliest to keep, when the caller ranks them ([`Centres`]): a member
//! of a cluster needs a verified pair with the copy kept itself
//! ([`crate::cluster`]), and a star around the first member by id left
//! copies of a story republished 80 times with no pair with its wire
//! original. Documents are numbered in a
//! canonical order (by id) before this stage, so the pairs do not depend on
//! input order or thread count.

use crate::collections::spread_sort::{sort_by_hash, sort_made_by_hash};
use crate::shingle::fmix64;
use rayon::prelude::*;
use std::sync::Mutex;

/// Runs longer than this emit a star and a chain instead of all pairs.
pub const ALL_PAIRS_MAX_RUN: usize = 24;

/// What centres a large run's star ([`Centre`]); None: the member with the
/// least index.
pub type Centres<'a> = Option<&'a Centre>;

/// Each document's place in the order of likely origins (0 first) and its
/// words: a large run's star is centred on the member first in that order
/// among those at most [`CENTRE_MAX_SIZE`] times the run's median length.
/// A page that carries a notice among much else shares a band with copies
/// of the notice now and then; centred on it, the copies would all be
/// verified with it, as excerpts, and none with each other's kept copy.
#[derive(Clone, Debug, Default)]
pub struct Centre {
    /// Place in the order of likely origins, by document.
    pub order: Vec<u32>,
    /// Words, by document.
    pub words: Vec<u32>,
}

/// Longest a run's centre may be, as a multiple of the run's median words.
pub const CENTRE_MAX_SIZE: u32 = 3;

impl Centre {
    /// The member of `run` its star is centred on.
    fn of(&self, run: &[(u64, u32)]) -> u32 {
        let mut words: Vec<u32> = run.iter().map(|e| self.words[e.1 as usize]).collect();
        let mid = words.len() / 2;
        let median = *words.select_nth_unstable(mid).1;
        let most = median.saturating_mul(CENTRE_MAX_SIZE);
        run.iter()
            .map(|e| e.1)
            .filter(|&d| self.words[d as usize] <= most)
            .min_by_key(|&d| self.order[d as usize])
            .unwrap_or(run[0].1)
    }
}

/// Bands and rows of an LSH index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct LshParams {
    /// Number of bands.
    pub bands: usize,
    /// Signature values per band.
    pub rows: usize,
}

fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    // Composite Simpson's rule; the integrands are smooth polynomials.
    let n = 200;
    let h = (b - a) / n as f64;
    let mut s = f(a) + f(b);
    for i in 1..n {
        let x = a + i as f64 * h;
        s += if i % 2 == 1 { 4.0 } else { 2.0 } * f(x);
    }
    s * h / 3.0
}

/// Probability that a pair with Jaccard `s` becomes a candidate.
pub fn candidate_probability(s: f64, params: LshParams) -> f64 {
    1.0 - (1.0 - s.powi(params.rows as i32)).powi(params.bands as i32)
}

impl LshParams {
    /// The bands × rows (with bands × rows ≤ `num_perm`) minimising
    /// `fp_weight · FP area + fn_weight · FN area` around `threshold`.
    pub fn for_threshold(threshold: f64, num_perm: usize, fp_weight: f64, fn_weight: f64) -> Self {
        let t = threshold.clamp(0.0, 1.0);
        let mut best = (f64::INFINITY, LshParams { bands: 1, rows: 1 });
        for bands in 1..=num_perm {
            for rows in 1..=num_perm / bands {
                let p = LshParams { bands, rows };
                let fp = integrate(|s| candidate_probability(s, p), 0.0, t);
                let fneg = integrate(|s| 1.0 - candidate_probability(s, p), t, 1.0);
                let err = fp_weight * fp + fn_weight * fneg;
                if err < best.0 - 1e-12 {
                    best = (err, p);
                }
            }
        }
        best.1
    }
}

/// Packs a pair (smaller index first) into one u64.
#[inline]
fn pack(a: u32, b: u32) -> u64 {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    ((lo as u64) << 32) | hi as u64
}

/// Unpacks a pair packed as `(smaller << 32) | larger`.
#[inline]
pub fn unpack(p: u64) -> (u32, u32) {
    ((p >> 32) as u32, p as u32)
}

/// Candidate pairs of documents, deduplicated and sorted.
///
/// `signatures` holds `n` signatures of `num_perm` values back to back;
/// `active[i]` false leaves document `i` out (skipped records).
pub fn candidate_pairs<V: Copy + Into<u32> + Sync>(
    signatures: &[V],
    num_perm: usize,
    params: LshParams,
    active: &[bool],
) -> Vec<(u32, u32)> {
    candidate_pairs_where(signatures, num_perm, params, active, None, None, &|_, _| {
        true
    })
}

/// [`candidate_pairs`], keeping only the pairs `keep` accepts, as each band
/// is bucketed: a second view that checks its pairs on the spot never holds
/// the full candidate list in memory.
///
/// With `groups` (a group per document), `keep` must reject every pair
/// within one group; a bucket whose documents all share a group is then
/// skipped without forming its pairs. The spin view uses this for the
/// verbatim clusters: copies of one story fill its buckets, and forming all
/// their pairs only to reject them was most of its LSH time. `centres`:
/// [`Centres`].
pub fn candidate_pairs_where<V: Copy + Into<u32> + Sync>(
    signatures: &[V],
    num_perm: usize,
    params: LshParams,
    active: &[bool],
    groups: Option<&[u32]>,
    centres: Centres,
    keep: &(dyn Fn(u32, u32) -> bool + Sync),
) -> Vec<(u32, u32)> {
    let n = active.len();
    assert_eq!(signatures.len(), n * num_perm);
    assert!(params.bands * params.rows <= num_perm);
    let active_docs = active.iter().filter(|&&a| a).count();
    // A near-duplicate pair collides in most bands: each band's sorted list
    // is merged into one list as it is made, so memory holds one copy of
    // each pair, not one per band, and one merge at a time (a reduction
    // tree held several partial lists at once: at 10 GB some 100 MB).
    let merged = Mutex::new(Vec::new());
    (0..params.bands).into_par_iter().for_each(|band| {
        let lo = band * params.rows;
        // Keys made twice (counted, then placed) rather than held
        // unsorted beside the sorted copy: 16 bytes a document less
        // for each band in flight.
        let keys = (0..n).filter(|&d| active[d]).map(|d| {
            let vals = &signatures[d * num_perm + lo..d * num_perm + lo + params.rows];
            (band_key(vals, band), d as u32)
        });
        let sorted = sort_made_by_hash(keys, active_docs, |k| k.0);
        let pairs = pairs_of_sorted_band(&sorted, groups, centres, keep);
        drop(sorted);
        let mut all = merged.lock().unwrap_or_else(|e| e.into_inner());
        let before = std::mem::take(&mut *all);
        *all = merge_distinct(before, pairs);
    });
    let merged = merged.into_inner().unwrap_or_else(|e| e.into_inner());
    merged.into_iter().map(unpack).collect()
}

/// The candidate pairs of one band: `keys` holds a `(band key, document)`
/// per document in the band (in any order), and the pairs come back packed
/// (`(smaller << 32) | larger`, see [`unpack`]), sorted and distinct. The
/// documents of a bucket are taken in index order whatever order `keys`
/// came in, so that a band bucketed on its own (the staged pipeline,
/// [`crate::stages`]) gives the pairs the whole index gives.
pub fn band_pairs(
    keys: &[(u64, u32)],
    groups: Option<&[u32]>,
    centres: Centres,
    keep: &(dyn Fn(u32, u32) -> bool + Sync),
) -> Vec<u64> {
    // Sorted as (key, document): runs of one key, members by index.
    pairs_of_sorted_band(&sort_by_hash(keys, |k| k.0), groups, centres, keep)
}

/// [`band_pairs`] of keys sorted as `(key, document)`.
fn pairs_of_sorted_band(
    keys: &[(u64, u32)],
    groups: Option<&[u32]>,
    centres: Centres,
    keep: &(dyn Fn(u32, u32) -> bool + Sync),
) -> Vec<u64> {
    let mut pairs = Vec::new();
    for run in keys.chunk_by(|a, b| a.0 == b.0) {
        if let Some(g) = groups {
            let first = g[run[0].1 as usize];
            if run.iter().all(|e| g[e.1 as usize] == first) {
                continue;
            }
        }
        emit_run_pairs(run, centres, keep, &mut pairs);
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The union of two sorted, duplicate-free lists, sorted and duplicate-free.
pub fn merge_distinct<T: Ord + Copy>(a: Vec<T>, b: Vec<T>) -> Vec<T> {
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        out.push(x.min(y));
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// The bucket key of one band of a signature: its values mixed in order
/// (a 64-bit avalanche per value; equal bands give equal keys, different
/// ones collide with probability about 2^-64). Cheaper than copying the
/// values into a buffer and hashing the bytes, which this did at first.
#[inline]
pub fn band_key<V: Copy + Into<u32>>(vals: &[V], band: usize) -> u64 {
    vals.iter()
        .fold(fmix64(band as u64 ^ 0x4C53_485F_4241_4E44), |h, &v| {
            fmix64(h ^ u64::from(v.into()))
        })
}

/// The bucket key of each band of one signature, band by band.
pub fn band_keys<V: Copy + Into<u32>>(sig: &[V], lsh: LshParams) -> impl Iterator<Item = u64> + '_ {
    (0..lsh.bands).map(move |b| band_key_of(sig, lsh, b))
}

/// The bucket key of band `b` of one signature.
pub fn band_key_of<V: Copy + Into<u32>>(sig: &[V], lsh: LshParams, b: usize) -> u64 {
    band_key(&sig[b * lsh.rows..(b + 1) * lsh.rows], b)
}

/// Pushes the pairs of one bucket that `keep` accepts. Filtering here, not
/// after the whole band, keeps a band's list to the pairs that survive (the
/// spin view's buckets hold many pairs it rejects).
fn emit_run_pairs(
    run: &[(u64, u32)],
    centres: Centres,
    keep: &(dyn Fn(u32, u32) -> bool + Sync),
    pairs: &mut Vec<u64>,
) {
    if run.len() < 2 {
        return;
    }
    let mut push = |a: u32, b: u32| {
        if keep(a.min(b), a.max(b)) {
            pairs.push(pack(a, b));
        }
    };
    if run.len() <= ALL_PAIRS_MAX_RUN {
        for i in 0..run.len() {
            for j in i + 1..run.len() {
                push(run[i].1, run[j].1);
            }
        }
    } else {
        let centre = centres.map_or(run[0].1, |c| c.of(run));
        for e in run.iter().filter(|e| e.1 != centre) {
            push(centre, e.1);
        }
        for w in run.windows(2) {
            if w[0].1 != centre && w[1].1 != centre {
                push(w[0].1, w[1].1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_follow_threshold() {
        let lo = LshParams::for_threshold(0.3, 128, 0.5, 0.5);
        let hi = LshParams::for_threshold(0.8, 128, 0.5, 0.5);
        assert!(lo.bands * lo.rows <= 128 && hi.bands * hi.rows <= 128);
        assert!(lo.rows < hi.rows, "{lo:?} vs {hi:?}");
        // The S-curve crosses 0.5 near the threshold.
        for (t, p) in [(0.3, lo), (0.8, hi)] {
            assert!(candidate_probability(t + 0.15, p) > 0.5);
            assert!(candidate_probability(t - 0.15, p) < 0.5);
        }
    }

    #[test]
    fn identical_signatures_pair_and_distinct_do_not() {
        let k = 8;
        let sigs: Vec<u32> = [[1u32; 8], [1u32; 8], [2u32; 8]].concat();
        let pairs = candidate_pairs(&sigs, k, LshParams { bands: 4, rows: 2 }, &[true; 3]);
        assert_eq!(pairs, vec![(0, 1)]);
        let none = candidate_pairs(
            &sigs,
            k,
            LshParams { bands: 4, rows: 2 },
            &[true, false, true],
        );
        assert!(none.is_empty(), "inactive documents are left out");
    }

    #[test]
    fn merging_keeps_each_value_once_in_order() {
        assert_eq!(
            merge_distinct(vec![1, 3, 5, 9], vec![2, 3, 9, 10]),
            vec![1, 2, 3, 5, 9, 10]
        );
        assert_eq!(merge_distinct(vec![], vec![4]), vec![4]);
        assert_eq!(merge_distinct(vec![4], vec![]), vec![4]);
    }

    #[test]
    fn large_runs_stay_connected_with_linear_pairs() {
        let n = 100;
        let sigs = vec![7u32; n * 4];
        let pairs = candidate_pairs(&sigs, 4, LshParams { bands: 1, rows: 4 }, &vec![true; n]);
        assert!(pairs.len() < 2 * n);
        // every member is linked to member 0
        for d in 1..n as u32 {
            assert!(pairs.contains(&(0, d)));
        }
        // Centred on the likeliest origin (70 here) of those not over three
        // times the median length (69 is first, but long: a page carrying
        // the others).
        let order: Vec<u32> = (0..n as u32).map(|d| (d + 31) % n as u32).collect();
        let mut words = vec![100; n];
        words[69] = 301;
        let centre = Centre { order, words };
        let all = vec![true; n];
        let params = LshParams { bands: 1, rows: 4 };
        let centred =
            candidate_pairs_where(&sigs, 4, params, &all, None, Some(&centre), &|_, _| true);
        assert!(centred.len() < 2 * n);
        for d in (0..n as u32).filter(|&d| d != 70) {
            assert!(centred.contains(&(d.min(70), d.max(70))), "{d}");
        }
    }
}
