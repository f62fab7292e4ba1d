//! Pairs two steps apart: direct evidence the LSH did not propose.
//!
//! Clusters are stars around the kept copy, and a member needs a verified
//! pair with that copy itself ([`crate::rules`]): no document joins through
//! a third. So a pair the LSH misses costs a member its place even when both
//! documents are verified with a common neighbour. LSH misses are random
//! (a pair at Jaccard 0.25 escapes 51 bands of two rows one time in 27 by
//! the S-curve, and more often when one side is a short filtered text:
//! docs/algorithms.md),
//! and copies of one story are verified with each other many times over, so
//! the pairs two steps apart in the verified graph are the likeliest misses.
//! Each one is scored on its signatures and joins the verified pairs only
//! when it matches clearly: not within [`crate::exact::BORDER`] of a
//! threshold, so no exact count could undo it and no text is read (every
//! path that clusters, the one command, the stages and an engine's tasks
//! holding only signatures, then finds the same pairs). Nothing is joined
//! through the common neighbour: the new pair is direct evidence, held to
//! the same rules as any other.
//!
//! The cost is bounded by looking around documents with at most
//! [`MAX_NEIGHBOURS`] verified neighbours in full. Around a document with
//! more (a **hub**), only the pairs of its [`HUB_ORIGINS`] likeliest
//! origins with its other neighbours are scored: the LSH pairs a bucket of
//! more than [`crate::lsh::ALL_PAIRS_MAX_RUN`] documents as a star around
//! its first and a chain, so 393 copies of one notice with other phone
//! numbers were each verified with the first of them (by id) and two
//! chain neighbours; the origin rule keeps the earliest, which then had
//! four pairs, and the copies came out as 35 clusters. The likeliest
//! origins are the hub's copies (neighbours at the Jaccard threshold: a
//! page that carries the notice is not one) first by what the origin rule
//! knows before any pair is read (a reference, dated, the earliest date, the longest,
//! the smallest id: [`crate::rules::Rank`]), each paired with the hub's
//! other copies, so the pairs cost three times the hub's, not its square.

use crate::cluster::prior_rank;
use crate::collections::spread_sort::group_by_slot;
use crate::exact::is_borderline;
use crate::params::Params;
use crate::signing::DocInfo;
use crate::spill::SignatureRows;
use crate::verify::{scored_with, Edge};

/// Documents with more verified neighbours than this are not looked
/// around in full (their neighbour pairs grow as the square).
pub const MAX_NEIGHBOURS: usize = 32;

/// The neighbours of a hub (more than [`MAX_NEIGHBOURS`]) paired with all
/// its others: its likeliest origins (module docs).
pub const HUB_ORIGINS: usize = 3;

/// Adds to `edges` (canonical: `a < b`, sorted, distinct) the pairs two
/// steps apart that are not among them and match clearly on their
/// signatures; returns how many. `edges` stays canonical.
pub fn close_two_step_pairs(
    edges: &mut Vec<Edge>,
    docs: &[DocInfo],
    signatures: &SignatureRows,
    params: &Params,
) -> u64 {
    let n = docs.len();
    // Every pair end as (document, neighbour), grouped by document:
    // document d's neighbours are ends[start[d]..start[d + 1]].
    // Each end also says whether the pair is a copy (Jaccard at the
    // threshold), which is all a hub's neighbours are paired on.
    let (ends, start) = group_by_slot(
        edges.iter().flat_map(|e| {
            let copy = e.scores.jaccard >= params.threshold;
            [(e.a, e.b, copy), (e.b, e.a, copy)]
        }),
        n,
        |&(d, _, _)| d as usize,
    );
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    let rank = |d: u32| prior_rank(docs, params, d);
    let mut likeliest: Vec<u32> = Vec::new();
    for d in 0..n {
        let around = &ends[start[d] as usize..start[d + 1] as usize];
        if around.len() < 2 {
            continue;
        }
        if around.len() <= MAX_NEIGHBOURS {
            for (i, &(_, u, _)) in around.iter().enumerate() {
                for &(_, v, _) in &around[i + 1..] {
                    candidates.push((u.min(v), u.max(v)));
                }
            }
            continue;
        }
        // A hub: its copies only (a page that carries a notice is not a
        // copy of it, and pairing it with every copy of the notice would
        // attach them all to one page as excerpts).
        likeliest.clear();
        likeliest.extend(around.iter().filter(|e| e.2).map(|&(_, u, _)| u));
        if likeliest.len() < 2 {
            continue;
        }
        let k = HUB_ORIGINS.min(likeliest.len());
        likeliest.select_nth_unstable_by(k - 1, |&u, &v| rank(v).cmp(&rank(u)));
        for &o in &likeliest[..k] {
            for &(_, v, _) in around.iter().filter(|&&(_, v, copy)| copy && v != o) {
                candidates.push((o.min(v), o.max(v)));
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let known = |p: &(u32, u32)| edges.binary_search_by_key(p, |e| (e.a, e.b)).is_ok();
    candidates.retain(|p| {
        !known(p) && params.pair_allowed(&docs[p.0 as usize].location, &docs[p.1 as usize].location)
    });
    // A clear match: no exact count could undo it, so no text is read.
    let ends: Vec<u32> = candidates.iter().flat_map(|&(a, b)| [a, b]).collect();
    let found = signatures.with_rows(&ends, |sig| {
        scored_with(&candidates, docs, sig, |s| {
            s.is_match(params) && !is_borderline(s, params)
        })
    });
    let added = found.len() as u64;
    if added > 0 {
        edges.extend(found);
        edges.sort_unstable_by_key(|e| (e.a, e.b));
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Location;
    use crate::signing::SignedText;
    use crate::stages::SignedCorpus;
    use crate::verify::PairScores;

    /// Documents 0, 1, 2 with signatures: 0 and 1 identical, 2 equal to
    /// them in `shared` of 8 bins.
    fn corpus(shared: usize) -> SignedCorpus {
        let docs = (0..3u32)
            .map(|i| {
                let at = Location {
                    line: u64::from(i) + 1,
                    ..Location::default()
                };
                let t = SignedText {
                    words: 100,
                    shingles: 96,
                    // Different texts: an equal hash would make an exact copy.
                    content_hash: u64::from(i) + 1,
                    ..SignedText::default()
                };
                DocInfo::signed(&format!("d{i}"), None, at, &t)
            })
            .collect();
        let base: Vec<u16> = (1..=8).collect();
        let mut third = base.clone();
        for (i, v) in third.iter_mut().enumerate().skip(shared) {
            *v = 100 + i as u16;
        }
        SignedCorpus {
            docs,
            signatures: [base.clone(), base, third].concat(),
            spin_signatures: Vec::new(),
        }
    }

    fn params() -> Params {
        Params {
            num_perm: 8,
            spin: None,
            ..Params::default()
        }
    }

    /// Closes with the signatures in memory, and again with them put aside
    /// on disk: both must add the same pairs.
    fn close(edges: &mut Vec<Edge>, shared: usize) -> u64 {
        let c = corpus(shared);
        let mut again = edges.clone();
        let in_memory = SignatureRows::borrowed(&c.signatures, 8);
        let added = close_two_step_pairs(edges, &c.docs, &in_memory, &params());
        let (aside, _) = SignatureRows::put_aside(c.signatures.clone(), 8);
        assert_eq!(
            close_two_step_pairs(&mut again, &c.docs, &aside, &params()),
            added
        );
        assert_eq!(*edges, again);
        added
    }

    fn edge(a: u32, b: u32) -> Edge {
        Edge {
            a,
            b,
            scores: PairScores::estimated(0.9, 0.95, 0.95),
        }
    }

    #[test]
    fn a_clear_match_two_steps_apart_is_added_once() {
        // 0-2 and 1-2 verified; 0-1 (identical signatures) was missed.
        let mut edges = vec![edge(0, 2), edge(1, 2)];
        let added = close(&mut edges, 8);
        assert_eq!(added, 1);
        let pairs: Vec<(u32, u32)> = edges.iter().map(|e| (e.a, e.b)).collect();
        assert_eq!(pairs, [(0, 1), (0, 2), (1, 2)]);
        assert_eq!(close(&mut edges, 8), 0);
    }

    #[test]
    fn a_pair_that_does_not_match_clearly_is_not_added() {
        // 0-1 verified, 1-2 verified; 0-2 agree in 4 of 8 bins (J 0.5: at
        // the threshold, so borderline) and in 1 of 8 (no match).
        for shared in [1, 4] {
            let mut edges = vec![edge(0, 1), edge(1, 2)];
            let added = close(&mut edges, shared);
            assert_eq!(added, 0, "{shared} bins");
            assert_eq!(edges.len(), 2);
        }
    }

    #[test]
    fn a_hubs_likeliest_origin_is_paired_with_its_other_copies_only() {
        // 0: a hub verified with 1..=40, copies of one text with one
        // signature, and with 41, a page that carries it (Jaccard 0.2); a
        // chain 1-2-...-40 besides. 40 is dated: the likeliest origin.
        let n = 42u32;
        let docs: Vec<DocInfo> = (0..n)
            .map(|i| {
                let t = SignedText {
                    words: 100,
                    shingles: 96,
                    content_hash: u64::from(i) + 1,
                    ..SignedText::default()
                };
                let date = (i == 40).then_some(1_000);
                let at = Location::default();
                DocInfo::signed(&format!("d{i:02}"), date, at, &t)
            })
            .collect();
        let signatures: Vec<u16> = (0..n).flat_map(|_| 1..=8u16).collect();
        let mut edges: Vec<Edge> = (1..=40).map(|i| edge(0, i)).collect();
        edges.extend((1..40).map(|i| edge(i, i + 1)));
        edges.push(Edge {
            a: 0,
            b: 41,
            scores: PairScores::estimated(0.2, 0.95, 0.2),
        });
        edges.sort_unstable_by_key(|e| (e.a, e.b));
        let rows = SignatureRows::borrowed(&signatures, 8);
        close_two_step_pairs(&mut edges, &docs, &rows, &params());
        let with = |d: u32| -> Vec<u32> {
            let mut v: Vec<u32> = edges
                .iter()
                .filter_map(|e| (e.a == d).then_some(e.b).or((e.b == d).then_some(e.a)))
                .collect();
            v.sort_unstable();
            v
        };
        assert_eq!(with(40), (0..40).collect::<Vec<_>>(), "40 with every copy");
        assert_eq!(with(41), [0], "the page that carries it with none");
        // The chain's two steps are added too (2 neighbours each), but no
        // document other than the likeliest origins is paired with all.
        assert!(with(20).len() < 10, "{:?}", with(20));
    }
}
