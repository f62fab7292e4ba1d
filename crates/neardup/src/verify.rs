//! Checking candidate pairs: estimated Jaccard and containment.
//!
//! LSH candidates are only likely matches. Each is checked against the full
//! signatures: the share of agreeing bins estimates the Jaccard similarity
//! of the two shingle sets, and with the set sizes it gives the containment
//! of the smaller set in the larger (Broder 1997). A pair is a match when
//!
//! * both have the same normalised word sequence (an exact copy), or
//! * estimated Jaccard ≥ `threshold` (a syndicated copy), or
//! * the smaller is contained in the larger ≥ `containment` and at least
//!   `min_matching_bins` bins agree (an excerpt, or a copy wrapped in a
//!   site's page).
//!
//! Different articles about one event share names and numbers but few word
//! 5-grams, so both their Jaccard and their containment stay low.

use crate::exact::is_borderline;
use crate::minhash::{containment_from_jaccard, matching_bins};
use crate::params::Params;
use crate::rules::drop_relation;
use crate::signing::DocInfo;
use crate::spill::RowLookup;
use rayon::prelude::*;

/// Similarity numbers of a pair of documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
// Not #[non_exhaustive]: a stage file's pair is read back into one.
pub struct PairScores {
    /// Estimated Jaccard similarity of the shingle sets.
    pub jaccard: f64,
    /// Estimated share of `a`'s shingles found in `b`.
    pub a_in_b: f64,
    /// Estimated share of `b`'s shingles found in `a`.
    pub b_in_a: f64,
    /// Agreeing signature bins.
    pub matching_bins: usize,
    /// Same normalised word sequence.
    pub exact: bool,
    /// The scores were counted exactly on the re-read texts (the estimate
    /// was near a threshold, [`crate::exact`]), not estimated.
    pub checked: bool,
}

impl PairScores {
    /// Scores documents `a` and `b`.
    pub fn of(a: &DocInfo, sig_a: &[u16], b: &DocInfo, sig_b: &[u16]) -> Self {
        let exact = a.content_hash == b.content_hash && a.words == b.words;
        let m = matching_bins(sig_a, sig_b);
        let jaccard = if exact {
            1.0
        } else {
            m as f64 / sig_a.len() as f64
        };
        PairScores {
            jaccard,
            a_in_b: if exact {
                1.0
            } else {
                containment_from_jaccard(jaccard, a.shingles, b.shingles)
            },
            b_in_a: if exact {
                1.0
            } else {
                containment_from_jaccard(jaccard, b.shingles, a.shingles)
            },
            matching_bins: m,
            exact,
            checked: false,
        }
    }

    /// The scores of two documents with the same words, `bins` agreeing
    /// signature bins: what [`PairScores::of`] gives them.
    pub fn same_words(bins: usize) -> Self {
        PairScores {
            jaccard: 1.0,
            a_in_b: 1.0,
            b_in_a: 1.0,
            matching_bins: bins,
            exact: true,
            checked: false,
        }
    }

    /// The same scores seen from the other document.
    pub fn flipped(&self) -> Self {
        PairScores {
            a_in_b: self.b_in_a,
            b_in_a: self.a_in_b,
            ..*self
        }
    }

    /// Containment of the smaller document in the larger.
    pub fn containment(&self) -> f64 {
        self.a_in_b.max(self.b_in_a)
    }

    /// Whether these scores make a match under `params`.
    /// A pair is kept when either document may be dropped for the other
    /// ([`crate::rules::drop_relation`]).
    pub fn is_match(&self, params: &Params) -> bool {
        drop_relation(self, params).is_some() || drop_relation(&self.flipped(), params).is_some()
    }
}

#[cfg(test)]
impl PairScores {
    /// Estimated scores for tests, with enough agreeing bins for any
    /// containment check.
    pub(crate) fn estimated(jaccard: f64, a_in_b: f64, b_in_a: f64) -> Self {
        PairScores {
            jaccard,
            a_in_b,
            b_in_a,
            matching_bins: (jaccard * 128.0) as usize + 8,
            ..PairScores::default()
        }
    }
}

/// A verified pair.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Edge {
    /// Smaller document index.
    pub a: u32,
    /// Larger document index.
    pub b: u32,
    /// Its scores.
    pub scores: PairScores,
}

/// Scores candidate pairs in parallel and keeps those that match or whose
/// estimates sit near a threshold ([`crate::exact::is_borderline`]: to be
/// re-read and counted exactly); the result keeps the input order.
pub fn score_candidates(
    pairs: &[(u32, u32)],
    docs: &[DocInfo],
    signatures: &[u16],
    params: &Params,
) -> Vec<Edge> {
    scored_where(pairs, docs, signatures, params, |s| {
        s.is_match(params) || is_borderline(s, params)
    })
}

/// Verifies candidate pairs in parallel on their estimates alone; the
/// result keeps the input order.
pub fn verify_pairs(
    pairs: &[(u32, u32)],
    docs: &[DocInfo],
    signatures: &[u16],
    params: &Params,
) -> Vec<Edge> {
    scored_where(pairs, docs, signatures, params, |s| s.is_match(params))
}

/// The pairs whose estimated scores pass `keep`, in input order.
pub(crate) fn scored_where(
    pairs: &[(u32, u32)],
    docs: &[DocInfo],
    signatures: &[u16],
    params: &Params,
    keep: impl Fn(&PairScores) -> bool + Sync,
) -> Vec<Edge> {
    let k = params.num_perm;
    let sig = |i: u32| &signatures[i as usize * k..(i as usize + 1) * k];
    scored_with(pairs, docs, &sig, keep)
}

/// [`scored_where`] with the signatures looked up by `sig`.
pub(crate) fn scored_with(
    pairs: &[(u32, u32)],
    docs: &[DocInfo],
    sig: &RowLookup,
    keep: impl Fn(&PairScores) -> bool + Sync,
) -> Vec<Edge> {
    // Block by block: a parallel collect of an unknown count holds its
    // parts and the joined list at once, which over all the candidates of
    // 10 GB was a tenth of the run's peak.
    let mut edges = Vec::new();
    for block in pairs.chunks(1 << 18) {
        let part: Vec<Edge> = block
            .par_iter()
            .with_min_len(1024)
            .filter_map(|&(a, b)| {
                let scores = PairScores::of(&docs[a as usize], sig(a), &docs[b as usize], sig(b));
                keep(&scores).then_some(Edge { a, b, scores })
            })
            .collect();
        edges.extend(part);
    }
    edges
}
