//! Stage 3: all verified pairs to clusters.
//!
//! The pairs may come from several band groups, in any order and either
//! way round; they are put in one order first (the smaller index first,
//! sorted, each pair once), so that the clusters do not depend on how the
//! pairs stage was split. Then the one-command run's steps: stars around
//! the kept copies inside the connected components (no chaining), and the
//! spin view.
//!
//! The clusters also go out as one [`ClusterRow`] per signed document
//! ([`DocumentRows`]): what a later pass needs to copy the kept records of
//! any part of the corpus without clustering again (`neardup apply`).

use super::closure::close_two_step_pairs;
use super::{doc_key, DocKey, SignedCorpus};
use crate::cluster::{attach_spin_links, finish, verbatim_stars, Cluster, Clustering, SpinLink};
use crate::corpus::ReadBack;
use crate::params::Params;
use crate::rules::Relation;
use crate::shingle::Boilerplate;
use crate::signing::DocInfo;
use crate::spill::{RowsAside, SignatureRows};
use crate::spin::{mark_light_spins, spin_links_among};
use crate::stats::{timed, Progress, RunStats};
use crate::verify::Edge;
use crate::wrapped_stars::gather_wrapped_stars;
use std::borrow::Cow;

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
    edges: Vec<Edge>,
    read: &dyn ReadBack,
    boilerplate: &Boilerplate,
    params: &Params,
    stats: &mut RunStats,
    progress: &dyn Progress,
) -> (Clustering, VerifiedPairs) {
    let words = SignatureRows::borrowed(&corpus.signatures, params.num_perm);
    let spin_sigs = || Cow::Borrowed(&corpus.spin_signatures[..]);
    let at = (read, boilerplate, params, progress);
    let (stars, pairs) = cluster_with(&corpus.docs, &words, spin_sigs, edges, None, at, stats);
    (finish(stars, &corpus.docs), pairs)
}

/// [`cluster_verified`] for a caller done with the corpus, which gets its
/// documents back. Each signature table waits in a temporary file while
/// it is not read ([`crate::spill`]): the word signatures (`words`, when
/// they were put aside already; else here, from the corpus) through the
/// stars and the spin view, which read only the rows of a few pairs; the
/// spin signatures (`spin_aside`, when they were kept apart while signing;
/// else the corpus's) until the stars are built.
#[allow(clippy::too_many_arguments)]
pub fn cluster_verified_owned(
    corpus: SignedCorpus,
    words: Option<SignatureRows<'static>>,
    spin_aside: Option<SpinAside>,
    edges: Vec<Edge>,
    read: &dyn ReadBack,
    boilerplate: &Boilerplate,
    params: &Params,
    stats: &mut RunStats,
    progress: &dyn Progress,
) -> (Clustering, VerifiedPairs, Vec<DocInfo>) {
    let at = (read, boilerplate, params, progress);
    let aside = (words, spin_aside);
    clustered_owned(corpus, aside, edges, None, at, stats)
}

/// [`cluster_verified_owned`] for a corpus that is one part of a larger
/// one, holding every verified pair of its documents and every spin
/// candidate of theirs: `spin_candidates` are the whole corpus's
/// ([`crate::spin::spin_candidates`], or `neardup spin_pairs` over all its
/// buckets), as indices into `corpus`. The spin view takes them instead of
/// bucketing the part again, because a bucket of more than
/// [`crate::lsh::ALL_PAIRS_MAX_RUN`] documents is paired as a chain that
/// depends on every document in it: the part alone could propose a pair
/// the whole never did. The clusters are then the whole's, restricted to
/// the part (up to numbering).
#[allow(clippy::too_many_arguments)]
pub fn cluster_part_owned(
    corpus: SignedCorpus,
    spin_candidates: Vec<(u32, u32)>,
    edges: Vec<Edge>,
    read: &dyn ReadBack,
    boilerplate: &Boilerplate,
    params: &Params,
    stats: &mut RunStats,
    progress: &dyn Progress,
) -> (Clustering, VerifiedPairs, Vec<DocInfo>) {
    let at = (read, boilerplate, params, progress);
    clustered_owned(
        corpus,
        (None, None),
        edges,
        Some(spin_candidates),
        at,
        stats,
    )
}

/// The body of [`cluster_verified_owned`] and [`cluster_part_owned`].
fn clustered_owned(
    mut corpus: SignedCorpus,
    (words, spin_aside): (Option<SignatureRows<'static>>, Option<SpinAside>),
    edges: Vec<Edge>,
    given_spin: Option<Vec<(u32, u32)>>,
    (read, boilerplate, params, progress): Context,
    stats: &mut RunStats,
) -> (Clustering, VerifiedPairs, Vec<DocInfo>) {
    let words = words.unwrap_or_else(|| words_aside(&mut corpus, params, stats));
    let in_corpus = std::mem::take(&mut corpus.spin_signatures);
    let spin_sigs = || {
        Cow::Owned(match spin_aside {
            Some(SpinAside { rows, order }) => rows.load(&order),
            None => in_corpus,
        })
    };
    let at = (read, boilerplate, params, progress);
    let (stars, pairs) = cluster_with(
        &corpus.docs,
        &words,
        spin_sigs,
        edges,
        given_spin,
        at,
        stats,
    );
    (finish(stars, &corpus.docs), pairs, corpus.docs)
}

/// Moves the corpus's word signatures to a temporary file (kept in memory
/// when none can be written), counted in `stats`.
pub fn words_aside(
    corpus: &mut SignedCorpus,
    params: &Params,
    stats: &mut RunStats,
) -> SignatureRows<'static> {
    let table = std::mem::take(&mut corpus.signatures);
    let (rows, bytes) = SignatureRows::put_aside(table, params.num_perm);
    stats.signature_bytes_aside += bytes;
    rows
}

/// A corpus's spin signatures kept apart from it
/// ([`crate::spill::RowSink`]), and the input index of each document in id
/// order ([`super::order::into_id_order_traced`]), which loads them.
pub struct SpinAside {
    /// The rows, in input order.
    pub rows: RowsAside,
    /// The input index of each document, in id order.
    pub order: Vec<u32>,
}

/// Where texts are read back from, the boilerplate the documents were
/// signed without (an aligned pair's shingles are counted as the signer
/// counted them), the settings, and the progress display.
pub(crate) type Context<'a> = (
    &'a dyn ReadBack,
    &'a Boilerplate,
    &'a Params,
    &'a dyn Progress,
);

/// The steps of [`cluster_verified`]: the pairs closed, the stars, then the
/// spin view, with its signatures got from `spin_sigs` once the stars are
/// built, and its candidates from `given_spin` when the documents are one
/// part of a corpus ([`crate::spin::spin_links_among`]). Returns the stars,
/// not yet numbered ([`finish`]).
pub(crate) fn cluster_with<'s>(
    docs: &[DocInfo],
    words: &SignatureRows,
    spin_sigs: impl FnOnce() -> Cow<'s, [u16]>,
    mut edges: Vec<Edge>,
    given_spin: Option<Vec<(u32, u32)>>,
    (read, boilerplate, params, progress): Context,
    stats: &mut RunStats,
) -> (Vec<Cluster>, VerifiedPairs) {
    canonical_pairs(&mut edges);
    stats.closed_pairs += timed(stats, "close", || {
        close_two_step_pairs(&mut edges, docs, words, params)
    });
    let (stars, pairs) = stars_of(docs, edges, params, stats);
    let spin_sigs = spin_sigs();
    let at = (read, boilerplate, params, progress);
    spin_phase(stars, pairs, docs, &spin_sigs, words, given_spin, at, stats)
}

/// The stars around the kept copies (and the verified pairs, when kept).
fn stars_of(
    docs: &[DocInfo],
    edges: Vec<Edge>,
    params: &Params,
    stats: &mut RunStats,
) -> (Vec<Cluster>, VerifiedPairs) {
    let active = vec![true; docs.len()];
    // The pair index is dropped here, not held through the spin view (at
    // 10 GB it was some 88 bytes a document of the peak).
    let (stars, _) = timed(stats, "cluster", || {
        verbatim_stars(docs, &active, &edges, params)
    });
    let mut pairs = VerifiedPairs::default();
    if params.keep_pairs {
        pairs.shingles = with_copy_pairs(edges, &stars);
    }
    (stars, pairs)
}

/// `edges` and, for every member that joined its star as a copy of
/// another document ([`crate::cluster`]: the LSH did not propose its pair
/// with the origin), that pair with the scores the star gave it (its
/// twin's, which are the pair's own): so that every member's evidence is
/// in the `--pairs` file.
fn with_copy_pairs(mut edges: Vec<Edge>, stars: &[Cluster]) -> Vec<Edge> {
    // `edges` are canonical and sorted (closed: close_two_step_pairs).
    let verified = |a: u32, b: u32| edges.binary_search_by_key(&(a, b), |e| (e.a, e.b)).is_ok();
    let mut copies = Vec::new();
    for star in stars {
        for m in &star.members[1..] {
            let (a, b) = (m.doc.min(star.origin), m.doc.max(star.origin));
            let Some(s) = m.scores.filter(|_| !verified(a, b)) else {
                continue;
            };
            let scores = if a == m.doc { s } else { s.flipped() };
            copies.push(Edge { a, b, scores });
        }
    }
    edges.extend(copies);
    edges
}

/// The spin view over the stars (candidates from `given_spin`, else
/// bucketed over `docs`).
#[allow(clippy::too_many_arguments)]
fn spin_phase(
    mut stars: Vec<Cluster>,
    mut pairs: VerifiedPairs,
    docs: &[DocInfo],
    spin_sigs: &[u16],
    words: &SignatureRows,
    given_spin: Option<Vec<(u32, u32)>>,
    (read, boilerplate, params, progress): Context,
    stats: &mut RunStats,
) -> (Vec<Cluster>, VerifiedPairs) {
    if params.spin.is_some() {
        progress.stage("spin", None);
        let (links, spin_stats) = timed(stats, "spin", || {
            spin_links_among(
                read,
                (boilerplate, words),
                params,
                docs,
                spin_sigs,
                &stars,
                given_spin,
            )
        });
        progress.finish_stage();
        stats.spin = Some(spin_stats);
        let mirrors = attach_spin_links(&mut stars, &links, docs, words, params);
        let (gathered, counts) = timed(stats, "gather", || {
            gather_wrapped_stars(read, boilerplate, params, docs, words, &mut stars, &links)
        });
        if let Some(spin_stats) = stats.spin.as_mut() {
            spin_stats.gathered = counts;
        }
        if params.keep_pairs {
            pairs.aligner = links;
            pairs.aligner.extend(mirrors);
            pairs.aligner.extend(gathered);
        }
        let light = timed(stats, "light spins", || {
            mark_light_spins(read, boilerplate, params, docs, spin_sigs, &mut stars)
        });
        if let Some(spin_stats) = stats.spin.as_mut() {
            spin_stats.light_spins = light.len() as u64;
        }
        if params.keep_pairs {
            pairs.aligner.extend(light);
            // In index order, as the engine that clusters a corpus in parts
            // lists them.
            pairs.aligner.sort_by_key(|l| (l.a, l.b));
        }
    }
    (stars, pairs)
}

/// What becomes of one record in a deduplicated copy: a signed document's
/// place in its cluster, or, for a record that was not signed but is not
/// simply passed through, why it is left out.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterRow {
    /// The record.
    pub key: DocKey,
    /// Its id (None for a record that was not analysed).
    pub id: Option<Box<str>>,
    /// True for a signed document; false for a record skipped as a repeated
    /// id, or a record not analysed that repeats another byte for byte.
    pub signed: bool,
    /// A signed document's relation to its cluster's origin; for a record
    /// not signed, `exact` (a byte-identical repeat of `repeat_of`, dropped)
    /// or `duplicate_id` (another record under `repeat_of`'s id, left out).
    pub relation: &'static str,
    /// Its cluster (for a repeated id, its first record's).
    pub cluster: Option<u32>,
    /// The cluster's origin.
    pub origin: Option<DocKey>,
    /// The origin's id.
    pub origin_id: Option<Box<str>>,
    /// Whether a deduplicated copy keeps it (spun members are dropped here:
    /// a copy that keeps them keeps `relation == "spun"` too).
    pub kept: bool,
    /// For a record not signed: the record it repeats (for a repeated id,
    /// the first record with that id).
    pub repeat_of: Option<DocKey>,
    /// Scores against the origin, this member as side `a`.
    pub scores: Option<(f64, f64, f64)>,
    /// The share of words substituted against the origin (aligner members).
    pub substituted: Option<f64>,
    /// A signed document's record length as it was read ([`crate::corpus::Location::len`]):
    /// a copy checks the record it meets against it.
    pub len: Option<u64>,
}

/// The `relation` of a record left out as a repeated id that is not a
/// byte-identical repeat.
pub const DUPLICATE_ID: &str = "duplicate_id";

/// The relations a [`ClusterRow`] can have, by name.
pub fn relation_named(name: &str) -> Option<&'static str> {
    use Relation::*;
    [Unique, Origin, Exact, Near, Excerpt, Spun]
        .into_iter()
        .map(Relation::as_str)
        .chain([DUPLICATE_ID])
        .find(|r| *r == name)
}

/// The clusters file's rows of the documents of `docs` (in id order;
/// `clustering` their clusters), made one at a time ([`DocumentRows::row`])
/// so that a writer holds a batch of rows, not one a document. A member of
/// a cluster of two or more whose relation is a copy is not kept, as
/// `neardup dedup` drops it.
pub struct DocumentRows<'a> {
    docs: &'a [DocInfo],
    clustering: &'a Clustering,
    /// Each document's `(cluster index, member index)`, if in a cluster.
    places: Vec<Option<(u32, u32)>>,
}

impl<'a> DocumentRows<'a> {
    /// The rows of `docs` clustered as `clustering`.
    pub fn new(docs: &'a [DocInfo], clustering: &'a Clustering) -> Self {
        let mut places = vec![None; docs.len()];
        for (i, c) in clustering.clusters.iter().enumerate() {
            for (j, m) in c.members.iter().enumerate() {
                places[m.doc as usize] = Some((i as u32, j as u32));
            }
        }
        DocumentRows {
            docs,
            clustering,
            places,
        }
    }

    /// The row of document `d`.
    pub fn row(&self, d: u32) -> ClusterRow {
        let doc = &self.docs[d as usize];
        let mut row = ClusterRow {
            key: doc_key(&doc.location),
            id: Some(doc.id.clone()),
            signed: true,
            relation: Relation::Unique.as_str(),
            cluster: None,
            origin: None,
            origin_id: None,
            kept: true,
            repeat_of: None,
            scores: None,
            substituted: None,
            len: Some(doc.location.len),
        };
        if let Some((i, j)) = self.places[d as usize] {
            let c = &self.clustering.clusters[i as usize];
            let m = &c.members[j as usize];
            let origin = &self.docs[c.origin as usize];
            row.relation = m.relation.as_str();
            row.cluster = Some(c.id);
            row.origin = Some(doc_key(&origin.location));
            row.origin_id = Some(origin.id.clone());
            row.kept = !(c.members.len() > 1 && m.relation.is_duplicate());
            row.scores = m.scores.map(|s| (s.jaccard, s.a_in_b, s.b_in_a));
            row.substituted = m.substituted;
        }
        row
    }
}

/// Each pair the smaller index first (scores turned with it), sorted, once.
/// A pair verified in two band groups has the same scores in both.
pub fn canonical_pairs(edges: &mut Vec<Edge>) {
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
