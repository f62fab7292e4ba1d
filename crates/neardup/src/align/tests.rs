//! Unit tests of the aligner's steps, on word hashes written by hand (small
//! integers stand for words).

use super::chain::{self, Ctx};
use super::gaps::Lcs;
use super::*;

fn ctx<'a>(ha: &'a [u64], hb: &'a [u64]) -> Ctx<'a> {
    Ctx {
        ha,
        hb,
        max_gap: 4,
        raw_cap: 8,
        long_tile: 6,
        min_words: 6,
        a_para: &[],
        b_para: &[],
    }
}

fn seg(a: usize, b: usize, len: usize) -> Seg {
    Seg { a, b, len }
}

#[test]
fn anchors_skip_frequent_grams() {
    // The gram (7, 7, 7) occurs 3 times in B; with max_freq 2 it is no anchor.
    let ha = [1, 2, 3, 7, 7, 7];
    let hb = [7, 7, 7, 7, 7, 1, 2, 3];
    let mut got = seeds::anchors(&seeds::GramIndex::new(&ha, 3), &hb, 2);
    got.sort_unstable();
    assert_eq!(got, vec![(0, 5)]);
    let mut all = seeds::anchors(&seeds::GramIndex::new(&ha, 3), &hb, 4);
    all.sort_unstable();
    assert_eq!(all, vec![(0, 5), (3, 0), (3, 1), (3, 2)]);
}

#[test]
fn runs_extend_through_frequent_words_and_are_reported_once() {
    // One long equal run with a frequent gram in its middle.
    let ha: Vec<u64> = vec![1, 2, 3, 9, 9, 9, 9, 9, 4, 5, 6];
    let hb = ha.clone();
    let anchors = seeds::anchors(&seeds::GramIndex::new(&ha, 3), &hb, 2);
    let runs = seeds::maximal_runs(&ha, &hb, 3, anchors);
    assert!(runs.contains(&seg(0, 0, 11)));
    assert_eq!(runs.iter().filter(|r| r.a == 0 && r.b == 0).count(), 1);
}

#[test]
fn tiling_takes_longest_runs_first_and_keeps_words_disjoint() {
    // Runs: a long one, then one overlapping it in B, then a short leftover.
    let runs = vec![seg(0, 0, 3), seg(10, 2, 8), seg(20, 12, 2)];
    let tiles = seeds::tile(runs, 30, 30, 3);
    // The 8-word run wins; the 3-word run keeps only words 0..2 of B, too
    // short; the 2-word run is below the minimum.
    assert_eq!(tiles, vec![seg(10, 2, 8)]);
    let tiles = seeds::tile(vec![seg(0, 0, 5), seg(10, 3, 8)], 30, 30, 3);
    assert_eq!(tiles, vec![seg(0, 0, 3), seg(10, 3, 8)]);
}

#[test]
fn lcs_length_and_pairs() {
    let mut lcs = Lcs::default();
    let a = [1, 2, 3, 4, 5];
    let b = [2, 9, 4, 5, 8];
    assert_eq!(lcs.len(&a, &b), 3);
    let mut pairs = Vec::new();
    lcs.pairs(&a, &b, &mut pairs);
    assert_eq!(pairs, vec![(1, 0), (3, 2), (4, 3)]);
    assert_eq!(lcs.len(&a, &[]), 0);
    lcs.pairs(&[], &b, &mut pairs);
    assert!(pairs.is_empty());
}

#[test]
fn equal_length_gaps_prefer_words_in_place() {
    // A: x the y   B: the x' y -> the LCS may pair "the" across positions.
    let a = [10, 1, 20];
    let b = [1, 11, 20];
    let mut pairs = vec![(1, 0), (2, 2)];
    prefer_diagonal(&a, &b, &mut pairs);
    // In place there is only one match (20), fewer than the LCS: kept.
    assert_eq!(pairs, vec![(1, 0), (2, 2)]);
    let a = [10, 1, 20, 1];
    let b = [1, 11, 20, 1];
    let mut pairs = vec![(1, 0), (2, 2), (3, 3)];
    prefer_diagonal(&a, &b, &mut pairs);
    assert_eq!(pairs, vec![(1, 0), (2, 2), (3, 3)]);
    let a = [1, 10, 20];
    let b = [1, 11, 1];
    let mut pairs = vec![(0, 2)];
    prefer_diagonal(&a, &b, &mut pairs);
    assert_eq!(pairs, vec![(0, 0)]);
}

#[test]
fn chaining_bridges_short_gaps_only_forward() {
    let ha: Vec<u64> = (0..60).collect();
    let hb: Vec<u64> = (0..60).collect();
    let c = ctx(&ha, &hb);
    let mut lcs = Lcs::default();
    // Gap of 3 words: chained. Gap of 20: not. A tile going back in B: not.
    let tiles = vec![seg(0, 0, 5), seg(8, 8, 5), seg(33, 33, 5), seg(40, 20, 5)];
    let chains = chain::chain_tiles(&c, &mut lcs, &tiles);
    assert_eq!(
        chains,
        vec![
            vec![seg(0, 0, 5), seg(8, 8, 5)],
            vec![seg(33, 33, 5)],
            vec![seg(40, 20, 5)]
        ]
    );
}

#[test]
fn gap_words_that_still_match_do_not_count() {
    // A 7-word gap (max_gap 4) in which 4 words match in order: bridged.
    let ha: Vec<u64> = vec![1, 2, 3, 4, 5, 100, 6, 7, 101, 8, 9, 102, 10, 11, 12, 13];
    let hb: Vec<u64> = vec![1, 2, 3, 4, 5, 200, 6, 7, 201, 8, 9, 202, 10, 11, 12, 13];
    let c = ctx(&ha, &hb);
    let mut lcs = Lcs::default();
    let tiles = vec![seg(0, 0, 5), seg(12, 12, 4)];
    let chains = chain::chain_tiles(&c, &mut lcs, &tiles);
    assert_eq!(chains.len(), 1);
}

#[test]
fn conflicts_go_to_the_larger_chain() {
    let ha: Vec<u64> = (0..100).collect();
    let hb: Vec<u64> = (0..100).collect();
    let c = ctx(&ha, &hb);
    let mut lcs = Lcs::default();
    let mut a_claim = vec![false; 100];
    let mut b_claim = vec![false; 100];
    // The last chain's second tile overlaps the big chain in A: it is
    // dropped and what is left of that chain is too small. The first chain
    // does not touch the big one and stays.
    let chains = vec![
        vec![seg(54, 0, 4), seg(60, 6, 4)],
        vec![seg(10, 50, 20), seg(32, 72, 20)],
        vec![seg(0, 20, 4), seg(12, 26, 4)],
    ];
    let out = chain::resolve(&c, &mut lcs, chains, &mut a_claim, &mut b_claim);
    assert_eq!(
        out,
        vec![
            vec![seg(10, 50, 20), seg(32, 72, 20)],
            vec![seg(54, 0, 4), seg(60, 6, 4)]
        ]
    );
    assert!(a_claim[10..52].iter().all(|&x| x) && !a_claim[9] && !a_claim[53]);
    assert!(a_claim[54..64].iter().all(|&x| x));
    assert!(!b_claim[20..30].iter().any(|&x| x));
}

#[test]
fn edges_grow_past_substitutions_and_to_the_text_ends() {
    // A: 100 1 2 3 4 5 6 7 8 9 101     B: 200 1 2 3 4 300 6 7 8 9 201
    let ha: Vec<u64> = vec![100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 101];
    let hb: Vec<u64> = vec![200, 1, 2, 3, 4, 300, 6, 7, 8, 9, 201];
    let c = ctx(&ha, &hb);
    let mut a_claim = vec![false; 11];
    let mut b_claim = vec![false; 11];
    a_claim[6..10].fill(true);
    b_claim[6..10].fill(true);
    let mut passages = vec![vec![seg(6, 6, 4)]];
    chain::extend_edges(&c, &mut passages, &mut a_claim, &mut b_claim, 3);
    assert_eq!(
        passages,
        vec![vec![
            seg(0, 0, 0),
            seg(1, 1, 4),
            seg(6, 6, 4),
            seg(11, 11, 0)
        ]]
    );
    assert!(a_claim.iter().all(|&x| x) && b_claim.iter().all(|&x| x));
}

#[test]
fn edges_do_not_grow_into_unrelated_text() {
    let ha: Vec<u64> = vec![50, 51, 52, 53, 1, 2, 3, 4, 5, 6];
    let hb: Vec<u64> = vec![60, 61, 62, 63, 64, 65, 1, 2, 3, 4, 5, 6];
    let c = ctx(&ha, &hb);
    let mut a_claim = vec![false; ha.len()];
    let mut b_claim = vec![false; hb.len()];
    a_claim[4..].fill(true);
    b_claim[6..].fill(true);
    let mut passages = vec![vec![seg(4, 6, 6)]];
    chain::extend_edges(&c, &mut passages, &mut a_claim, &mut b_claim, 3);
    assert_eq!(passages, vec![vec![seg(4, 6, 6)]]);
    assert!(!a_claim[3] && !b_claim[5]);
}

#[test]
fn spans_and_normalised_words() {
    let text = "  ÉCOLE Straße, ﬁre!";
    let toks = text_api::tokenize(text, 0);
    assert_eq!(words_text(text, &toks, 0, 3), "école straße fire");
    assert_eq!(word_span(&toks, 1, 2).slice(text), "Straße");
    let gap = word_span(&toks, 1, 1);
    assert!(gap.is_empty());
    assert_eq!(gap.start, toks[0].end);
    assert_eq!(word_span(&toks, 0, 0).start, toks[0].start);
}

#[test]
fn kind_names() {
    assert_eq!(PassageKind::Verbatim.as_str(), "verbatim");
    assert_eq!(PassageKind::Reworded.as_str(), "reworded");
    assert_eq!(
        serde_json::to_string(&PassageKind::Reworded).unwrap(),
        "\"reworded\""
    );
    assert_eq!(
        serde_json::to_string(&Span { start: 1, end: 4 }).unwrap(),
        r#"{"start":1,"end":4}"#
    );
}
