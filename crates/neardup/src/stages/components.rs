//! Stage 3: all verified pairs to clusters.
//!
//! The pairs may come from several band groups, in any order and either
//! way round; they are put in one order first (the smaller index first,
//! sorted, each pair once), so that the clusters do not depend on how the
//! pairs stage was split. Then the one-command run's steps: stars around
//! the kept copies inside the connected components (no chaining), and the
//! spin view.

use super::SignedCorpus;
use crate::cluster::{attach_spin_links, finish, verbatim_stars, Clustering, SpinLink};
use crate::corpus::ReadBack;
use crate::params::Params;
use crate::spin::{find_spin_links, mark_light_spins};
use crate::stats::{timed, Progress, RunStats};
use crate::verify::Edge;

/// The pairs a run verified: the evidence behind every cluster.
#[derive(Clone, Debug, Default)]
pub struct VerifiedPairs {
    /// Pairs the shingle signatures verified (document indices, scores).
    pub shingles: Vec<Edge>,
    /// Pairs the aligner checked and confirmed.
    pub aligner: Vec<SpinLink>,
}

/// The clusters of `corpus` (in id order) from its verified pairs
/// (indices into it, in any order, repeats allowed): stars around the kept
/// copies, then the spin view, which reads texts back through `read`.
/// The verified pairs are returned too when [`Params::keep_pairs`] asks.
pub fn cluster_verified(
    corpus: &SignedCorpus,
    mut edges: Vec<Edge>,
    read: &dyn ReadBack,
    params: &Params,
    stats: &mut RunStats,
    progress: &dyn Progress,
) -> (Clustering, VerifiedPairs) {
    let SignedCorpus {
        docs,
        signatures,
        spin_signatures: spin_sigs,
    } = corpus;
    canonical_pairs(&mut edges);
    let active = vec![true; docs.len()];
    let (mut stars, _pairs) = timed(stats, "cluster", || {
        verbatim_stars(docs, &active, &edges, params)
    });
    let mut pairs = VerifiedPairs::default();
    if params.keep_pairs {
        pairs.shingles = edges;
    } else {
        drop(edges);
    }
    if params.spin.is_some() {
        progress.stage("spin", None);
        let (links, spin_stats) = timed(stats, "spin", || {
            find_spin_links(read, params, docs, spin_sigs, &stars)
        });
        progress.finish_stage();
        stats.spin = Some(spin_stats);
        attach_spin_links(&mut stars, &links, docs, signatures, params);
        if params.keep_pairs {
            pairs.aligner = links;
        }
        let light = timed(stats, "light spins", || {
            mark_light_spins(read, params, docs, spin_sigs, &mut stars)
        });
        if let Some(spin_stats) = stats.spin.as_mut() {
            spin_stats.light_spins = light;
        }
    }
    (finish(stars, docs), pairs)
}

/// Each pair the smaller index first (scores turned with it), sorted, once.
/// A pair verified in two band groups has the same scores in both.
fn canonical_pairs(edges: &mut Vec<Edge>) {
    for e in edges.iter_mut() {
        if e.a > e.b {
            *e = Edge {
                a: e.b,
                b: e.a,
                scores: e.scores.flipped(),
            };
        }
    }
    edges.sort_unstable_by_key(|e| (e.a, e.b));
    edges.dedup_by_key(|e| (e.a, e.b));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::PairScores;

    #[test]
    fn pairs_from_several_groups_are_kept_once_in_order() {
        let s = PairScores {
            a_in_b: 0.3,
            b_in_a: 0.8,
            ..PairScores::default()
        };
        let e = |a, b, scores| Edge { a, b, scores };
        let mut edges = vec![e(4, 1, s.flipped()), e(0, 2, s), e(1, 4, s), e(0, 2, s)];
        canonical_pairs(&mut edges);
        assert_eq!(edges, vec![e(0, 2, s), e(1, 4, s)]);
    }
}
