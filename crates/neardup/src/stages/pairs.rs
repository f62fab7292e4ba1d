//! Stage 2: band keys to candidate pairs, candidates to verified pairs.
//!
//! A band's buckets are formed by [`crate::lsh::band_pairs`], the function
//! the whole index uses band by band, with each bucket's members taken in id
//! order; so the bands split into groups and bucketed apart give, together,
//! the pairs the one-command run gives. A pair that collides in bands of two
//! groups is verified in both, identically; [`super::components`] keeps it
//! once.

use super::{doc_key, DocKey, KeyIndex, SignedCorpus};
use crate::cluster::prior_rank;
use crate::corpus::ReadBack;
use crate::exact::{recheck_borderline, CountedPairs};
use crate::lsh::{
    band_key_of, band_keys, band_pairs, candidate_pairs_where, merge_distinct, unpack, Centre,
    Centres, LshParams,
};
use crate::params::Params;
use crate::shingle::Boilerplate;
use crate::signing::DocInfo;
use crate::stats::{timed, RunStats};
use crate::verify::{score_candidates, Edge, PairScores};
use rayon::prelude::*;

/// One document's bucket key in one LSH band.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct BandRow {
    /// The band (0-based).
    pub band: u32,
    /// The bucket key ([`crate::lsh::band_key`]).
    pub key: u64,
    /// The document.
    pub doc: DocKey,
}

/// The band rows of one signature, band by band.
pub fn band_rows(
    doc: DocKey,
    signature: &[u16],
    lsh: LshParams,
) -> impl Iterator<Item = BandRow> + '_ {
    band_keys(signature, lsh)
        .enumerate()
        .map(move |(band, key)| BandRow {
            band: band as u32,
            key,
            doc,
        })
}

/// The band rows of every document of `corpus`, document by document
/// (band by band within one).
pub fn corpus_band_rows<'c>(
    corpus: &'c SignedCorpus,
    params: &Params,
) -> impl Iterator<Item = BandRow> + 'c {
    let (k, lsh) = (params.num_perm, params.lsh());
    corpus.docs.iter().enumerate().flat_map(move |(i, d)| {
        band_rows(
            doc_key(&d.location),
            &corpus.signatures[i * k..(i + 1) * k],
            lsh,
        )
    })
}

/// The band rows of every document of `corpus` in band `band`, sorted
/// (by key, then document): what `neardup sign` writes, a band at a time.
pub fn band_rows_of_band(corpus: &SignedCorpus, params: &Params, band: usize) -> Vec<BandRow> {
    let (k, lsh) = (params.num_perm, params.lsh());
    let mut rows: Vec<BandRow> = corpus
        .docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| BandRow {
            band: band as u32,
            key: band_key_of(&corpus.signatures[i * k..(i + 1) * k], lsh, band),
            doc: doc_key(&d.location),
        })
        .collect();
    rows.par_sort_unstable();
    rows
}

/// A verified pair named by keys: what crosses from this stage to the next.
/// `a` comes first in id order, and the scores' directions are `a`'s.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeyedPair {
    /// The document first in id order.
    pub a: DocKey,
    /// The other.
    pub b: DocKey,
    /// Their scores, `a` as side A.
    pub scores: PairScores,
}

impl KeyedPair {
    /// The pair `e` (indices into `index`'s documents) by keys.
    pub fn of(e: &Edge, index: &KeyIndex) -> Self {
        KeyedPair {
            a: index.key(e.a),
            b: index.key(e.b),
            scores: e.scores,
        }
    }

    /// The pair by indices, the smaller first (the scores turned with it);
    /// None when a key has no index (a repeated id, or another corpus).
    pub fn edge(&self, index: &KeyIndex) -> Option<Edge> {
        let (a, b) = (index.index(self.a)?, index.index(self.b)?);
        Some(if a <= b {
            Edge {
                a,
                b,
                scores: self.scores,
            }
        } else {
            Edge {
                a: b,
                b: a,
                scores: self.scores.flipped(),
            }
        })
    }
}

/// The candidate pairs of every band of `corpus` (in id order), sorted and
/// distinct: the one-command run's LSH.
pub fn all_candidate_pairs(corpus: &SignedCorpus, params: &Params) -> Vec<(u32, u32)> {
    let docs = &corpus.docs;
    let active = vec![true; docs.len()];
    // With --against, only pairs with a reference in them are bucketed.
    let allowed = |a: u32, b: u32| {
        params.pair_allowed(&docs[a as usize].location, &docs[b as usize].location)
    };
    let centres = likely_origin_order(docs, params);
    candidate_pairs_where(
        &corpus.signatures,
        params.num_perm,
        params.lsh(),
        &active,
        None,
        Some(&centres),
        &allowed,
    )
}

/// Each document's place in the order in which the origin rule would keep
/// them on what it knows before any pair is read
/// ([`crate::cluster::prior_rank`]):
/// the centres of the LSH's large buckets ([`crate::lsh::Centres`]). A
/// total order of the documents' own facts, so a part of the corpus (a
/// Spark task's documents) orders its documents as the whole does.
fn likely_origin_order(docs: &[DocInfo], params: &Params) -> Centre {
    let rank = |d: u32| prior_rank(docs, params, d);
    let mut by_rank: Vec<u32> = (0..docs.len() as u32).collect();
    by_rank.par_sort_unstable_by(|&a, &b| rank(b).cmp(&rank(a)));
    let mut order = vec![0u32; docs.len()];
    for (i, &d) in by_rank.iter().enumerate() {
        order[d as usize] = i as u32;
    }
    let words = docs.iter().map(|d| d.words).collect();
    Centre { order, words }
}

/// The candidate pairs of the bands in `rows` (any bands, in any order),
/// sorted and distinct, as indices into `corpus` (in id order, `index` its
/// keys). Rows of documents not in `index` (repeated ids) are left out.
pub fn candidate_pairs_of_bands(
    rows: &[BandRow],
    corpus: &SignedCorpus,
    index: &KeyIndex,
    params: &Params,
) -> Vec<(u32, u32)> {
    let docs = &corpus.docs;
    let allowed = |a: u32, b: u32| {
        params.pair_allowed(&docs[a as usize].location, &docs[b as usize].location)
    };
    let centres = likely_origin_order(docs, params);
    pairs_of_band_rows(rows, index, None, Some(&centres), &allowed)
}

/// The pairs of the buckets in `rows` (any bands, in any order) that `keep`
/// accepts, sorted and distinct, as indices (`index` maps keys to them;
/// rows of keys it lacks are left out). `groups`: see
/// [`crate::lsh::band_pairs`].
pub(crate) fn pairs_of_band_rows(
    rows: &[BandRow],
    index: &KeyIndex,
    groups: Option<&[u32]>,
    centres: Centres,
    keep: &(dyn Fn(u32, u32) -> bool + Sync),
) -> Vec<(u32, u32)> {
    let mut bands: Vec<(u32, Vec<(u64, u32)>)> = Vec::new();
    let mut sorted: Vec<&BandRow> = rows.iter().collect();
    sorted.sort_unstable_by_key(|r| r.band);
    for r in sorted {
        let Some(d) = index.index(r.doc) else {
            continue;
        };
        match bands.last_mut() {
            Some((band, keys)) if *band == r.band => keys.push((r.key, d)),
            _ => bands.push((r.band, vec![(r.key, d)])),
        }
    }
    bands
        .par_iter()
        .map(|(_, keys)| band_pairs(keys, groups, centres, keep))
        .reduce(Vec::new, merge_distinct)
        .into_iter()
        .map(unpack)
        .collect()
}

/// Verifies candidate pairs (indices into `corpus`, in id order): their
/// estimates, then exact counts for those near a threshold (texts read back
/// through `read`; `boilerplate` is the set the signatures left out). The
/// matches come back in the candidates' order; `stats` gets the counts and
/// the times. `counted`, when given, holds the exact counts of earlier
/// calls (one `neardup pairs` run over several band groups): a pair counted
/// before is not re-read, and `stats.rechecked_pairs` counts only those
/// re-read now.
pub fn verify_candidates(
    pairs: &[(u32, u32)],
    corpus: &SignedCorpus,
    read: &dyn ReadBack,
    boilerplate: &Boilerplate,
    params: &Params,
    stats: &mut RunStats,
    counted: Option<&mut CountedPairs>,
) -> Vec<Edge> {
    let edges = estimate_candidates(pairs, corpus, params, stats);
    settle_borderline(
        edges,
        &corpus.docs,
        read,
        boilerplate,
        params,
        stats,
        counted,
    )
}

/// The first half of [`verify_candidates`], the only one that reads the
/// signatures: the candidates that match on their estimates or sit near a
/// threshold, with their estimated scores.
pub fn estimate_candidates(
    pairs: &[(u32, u32)],
    corpus: &SignedCorpus,
    params: &Params,
    stats: &mut RunStats,
) -> Vec<Edge> {
    stats.candidate_pairs += pairs.len() as u64;
    timed(stats, "verify", || {
        score_candidates(pairs, &corpus.docs, &corpus.signatures, params)
    })
}

/// The second half of [`verify_candidates`]: the pairs near a threshold
/// decided on exact counts (their texts read back), and the matches kept.
pub fn settle_borderline(
    mut edges: Vec<Edge>,
    docs: &[DocInfo],
    read: &dyn ReadBack,
    boilerplate: &Boilerplate,
    params: &Params,
    stats: &mut RunStats,
    counted: Option<&mut CountedPairs>,
) -> Vec<Edge> {
    let rechecked = timed(stats, "recheck", || {
        recheck_borderline(read, params, docs, boilerplate, &mut edges, counted)
    });
    stats.rechecked_pairs += rechecked;
    edges.retain(|e| e.scores.is_match(params));
    stats.verified_pairs += edges.len() as u64;
    edges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Location;
    use crate::signing::{DocInfo, SignedText};

    /// Signatures of 4 bins in 2 bands of 2: documents 0..30 share band 0
    /// (a bucket over the all-pairs size), 0 and 30 share band 1.
    fn corpus() -> SignedCorpus {
        let n = 31;
        let docs = (0..n)
            .map(|i| {
                let at = Location {
                    source: i % 3,
                    line: u64::from(i) + 1,
                    ..Location::default()
                };
                DocInfo::signed(&format!("d{i:02}"), None, at, &SignedText::default())
            })
            .collect();
        let signatures = (0..n)
            .flat_map(|i| [7, 7, if i == 30 { 5 } else { 100 + i as u16 }, 9])
            .collect();
        SignedCorpus {
            docs,
            signatures,
            spin_signatures: Vec::new(),
        }
    }

    #[test]
    fn band_groups_bucketed_apart_give_the_whole_index_pairs() {
        let params = Params {
            num_perm: 4,
            bands_rows: Some((2, 2)),
            spin: None,
            ..Params::default()
        };
        let mut c = corpus();
        c.signatures[0..4].copy_from_slice(&[7, 7, 5, 9]);
        let index = KeyIndex::new(&c.docs);
        let mut rows: Vec<BandRow> = (0..c.docs.len())
            .flat_map(|d| {
                let key = doc_key(&c.docs[d].location);
                band_rows(key, &c.signatures[d * 4..d * 4 + 4], params.lsh()).collect::<Vec<_>>()
            })
            .collect();
        // Rows arrive in any order.
        rows.reverse();
        let (band0, band1): (Vec<BandRow>, Vec<BandRow>) = rows.iter().partition(|r| r.band == 0);
        let mut apart = candidate_pairs_of_bands(&band0, &c, &index, &params);
        apart.extend(candidate_pairs_of_bands(&band1, &c, &index, &params));
        apart.sort_unstable();
        apart.dedup();
        let whole = all_candidate_pairs(&c, &params);
        assert_eq!(apart, whole);
        assert!(whole.contains(&(0, 30)), "band 1's pair");
        assert!(
            whole.len() < 31 * 30 / 2,
            "the large bucket as a star and chain"
        );
    }

    #[test]
    fn a_keyed_pair_comes_back_turned_to_id_order() {
        let c = corpus();
        let index = KeyIndex::new(&c.docs);
        let scores = PairScores {
            a_in_b: 0.9,
            b_in_a: 0.2,
            ..PairScores::default()
        };
        let turned = KeyedPair {
            a: index.key(5),
            b: index.key(2),
            scores,
        };
        let e = turned.edge(&index).unwrap();
        assert_eq!((e.a, e.b), (2, 5));
        assert_eq!((e.scores.a_in_b, e.scores.b_in_a), (0.2, 0.9));
        assert_eq!(KeyedPair::of(&e, &index).edge(&index), Some(e));
    }
}
