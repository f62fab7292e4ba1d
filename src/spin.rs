//! Spun rewrites: candidates from the spin view, confirmed by the aligner.
//!
//! The verbatim view misses a synonym-spun copy (at 30% of content words
//! swapped, word 5-gram Jaccard is about 0.1). The spin view signs n-grams of
//! the *immutable* words ([`crate::text::ImmutableWords`]: function words,
//! numbers, names), which a spinner leaves in place, so a spun copy keeps
//! most of them while a different article on the same event shares few.
//!
//! 1. LSH over the spin signatures gives candidate pairs, leaving out pairs
//!    already in one verbatim cluster and those whose signature estimate
//!    (Jaccard, or containment of the shorter) is too low, band by band.
//! 2. Only the best pair between two verbatim clusters is kept: one check
//!    per (spun copy, source cluster), not one per member.
//! 3. The texts of those pairs are read back ([`crate::corpus::fetch_texts`])
//!    and aligned ([`crate::align`]): a spun copy keeps its source's order
//!    with many 1-to-1 substitutions, so most of the shorter text lies in
//!    aligned passages. Pairs below `min_coverage` are dropped.
//!
//! The confirmed links join clusters like verified pairs do, and carry the
//! measured share of substituted words into the members' relations.

use crate::align::{align, AlignParams};
use crate::cluster::{Clustering, Relation};
use crate::corpus::{fetch_texts, Source, SourceKind};
use crate::lsh::{candidate_pairs_where, LshParams};
use crate::minhash::{containment_from_jaccard, estimate_jaccard};
use crate::params::{Params, SpinParams};
use crate::signing::DocInfo;
use crate::union_find::UnionFind;
use crate::verify::Edge;
use rayon::prelude::*;
use std::collections::HashMap;

/// A pair joined by the spin view, checked by the aligner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpinLink {
    /// The document with the smaller index.
    pub a: u32,
    /// The other document.
    pub b: u32,
    /// Share of the aligned words substituted (0 for a verbatim copy).
    pub substituted: f64,
}

/// Counters of the spin view, for the run summary.
#[derive(Clone, Debug, Default)]
pub struct SpinStats {
    /// Documents with enough immutable words to be in the spin view.
    pub docs: u64,
    /// LSH bands × rows of the spin view.
    pub lsh: Option<LshParams>,
    /// Candidate pairs between different verbatim clusters whose estimate passed.
    pub candidates: u64,
    /// Pairs aligned: the best one between each two verbatim clusters.
    pub checked: u64,
    /// Pairs the aligner confirmed.
    pub links: u64,
    /// Members the verbatim view joined that the aligner found spun.
    pub light_spins: u64,
}

/// Bytes of records read back per batch of pairs to align: small where a
/// batch costs a few seeks (4 MB: at 16 MB the texts in flight set the 1 GB
/// run's peak memory), large where it costs a pass over a compressed input.
const FETCH_BATCH_BYTES: u64 = 4 << 20;
const FETCH_BATCH_BYTES_STREAMED: u64 = 256 << 20;

/// The spin view's bands × rows: tuned well below `threshold`, because a
/// missed candidate is a missed spun copy while an extra one costs only a
/// signature comparison.
pub fn spin_lsh(sp: &SpinParams) -> LshParams {
    LshParams::for_threshold(sp.threshold * 0.8, sp.num_perm, 0.3, 0.7)
}

/// Finds spun copies among documents not already joined by `edges`.
pub fn find_spin_links(
    sources: &[Source],
    params: &Params,
    docs: &[DocInfo],
    spin_sigs: &[u16],
    edges: &[Edge],
) -> (Vec<SpinLink>, SpinStats) {
    let Some(sp) = &params.spin else {
        return (Vec::new(), SpinStats::default());
    };
    let k = sp.num_perm;
    let sig = |d: u32| &spin_sigs[d as usize * k..(d as usize + 1) * k];
    let active: Vec<bool> = docs.iter().map(|d| d.spin_shingles > 0).collect();
    let mut uf = UnionFind::new(docs.len());
    for e in edges {
        uf.union(e.a, e.b);
    }
    let cluster_of: Vec<u32> = (0..docs.len() as u32).map(|d| uf.find(d)).collect();
    let lsh = spin_lsh(sp);
    // Pairs inside one verbatim cluster need nothing more; the rest are
    // checked against the estimate while bucketing.
    let passes = |a: u32, b: u32| {
        let j = estimate_jaccard(sig(a), sig(b));
        let (sa, sb) = (
            docs[a as usize].spin_shingles,
            docs[b as usize].spin_shingles,
        );
        let shorter_in_longer = if sa <= sb {
            containment_from_jaccard(j, sa, sb)
        } else {
            containment_from_jaccard(j, sb, sa)
        };
        j >= sp.threshold || shorter_in_longer >= sp.containment
    };
    let keep = |a: u32, b: u32| {
        cluster_of[a as usize] != cluster_of[b as usize]
            && params.pair_allowed(&docs[a as usize], &docs[b as usize])
            && passes(a, b)
    };
    // `keep` rejects pairs within a verbatim cluster, so those are the groups.
    let pairs = candidate_pairs_where(spin_sigs, k, lsh, &active, Some(&cluster_of), &keep);
    let mut stats = SpinStats {
        docs: active.iter().filter(|&&a| a).count() as u64,
        lsh: Some(lsh),
        candidates: pairs.len() as u64,
        ..SpinStats::default()
    };

    // The best pair between each two verbatim clusters (highest estimate,
    // then smallest pair: deterministic). Every pair here passed `keep`.
    let mut best: HashMap<(u32, u32), (u32, u32, f64)> = HashMap::new();
    for (a, b) in pairs {
        let j = estimate_jaccard(sig(a), sig(b));
        let (ra, rb) = (cluster_of[a as usize], cluster_of[b as usize]);
        let key = (ra.min(rb), ra.max(rb));
        let e = best.entry(key).or_insert((a, b, j));
        if j > e.2 || (j == e.2 && (a, b) < (e.0, e.1)) {
            *e = (a, b, j);
        }
    }
    let mut checks: Vec<(u32, u32)> = best.into_values().map(|c| (c.0, c.1)).collect();
    checks.sort_unstable();
    stats.checked = checks.len() as u64;
    let links: Vec<SpinLink> = align_pairs(sources, params, docs, &checks)
        .into_iter()
        .zip(&checks)
        .filter_map(|(al, &(a, b))| {
            let al = al?;
            (al.coverage >= sp.min_coverage).then_some(SpinLink {
                a,
                b,
                substituted: al.substituted,
            })
        })
        .collect();
    stats.links = links.len() as u64;
    (links, stats)
}

/// What the spin stage keeps of an alignment.
#[derive(Clone, Copy, Debug)]
struct Aligned {
    /// Share of the shorter text's words in passages.
    coverage: f64,
    /// Share of A's aligned words substituted.
    substituted: f64,
}

/// Reads back and aligns each pair (A = first); None where a text could not
/// be read. Texts are read a batch at a time so that memory stays bounded
/// however many pairs there are.
fn align_pairs(
    sources: &[Source],
    params: &Params,
    docs: &[DocInfo],
    pairs: &[(u32, u32)],
) -> Vec<Option<Aligned>> {
    let align_params = AlignParams {
        seed: params.seed,
        ..AlignParams::default()
    };
    let streamed = sources
        .iter()
        .any(|s| matches!(s.kind, SourceKind::JsonlGz | SourceKind::JsonlZst));
    let batch_bytes = if streamed {
        FETCH_BATCH_BYTES_STREAMED
    } else {
        FETCH_BATCH_BYTES
    };
    let mut out = Vec::with_capacity(pairs.len());
    let mut start = 0;
    while start < pairs.len() {
        let mut bytes = 0u64;
        let mut end = start;
        while end < pairs.len() && (end == start || bytes < batch_bytes) {
            let (a, b) = pairs[end];
            bytes += docs[a as usize].location.len + docs[b as usize].location.len;
            end += 1;
        }
        let batch = &pairs[start..end];
        let locations: Vec<_> = batch
            .iter()
            .flat_map(|&(a, b)| [docs[a as usize].location, docs[b as usize].location])
            .collect();
        let texts = fetch_texts(sources, &params.fields, &locations);
        let text = |d: u32| {
            let l = docs[d as usize].location;
            texts.get(&(l.source, l.offset))
        };
        let aligned: Vec<Option<Aligned>> = batch
            .par_iter()
            .map(|&(a, b)| {
                let al = align(text(a)?, text(b)?, &align_params);
                let coverage = if al.a_words <= al.b_words {
                    al.coverage_a()
                } else {
                    al.coverage_b()
                };
                Some(Aligned {
                    coverage,
                    substituted: al.substituted_share(),
                })
            })
            .collect();
        out.extend(aligned);
        start = end;
    }
    out
}

/// The immutable-word similarity must exceed the word similarity by this
/// much before a `near` or `excerpt` member is aligned to check for a light
/// spin (the spread of the difference of two estimates is about 0.07).
const LIGHT_SPIN_GAP: f64 = 0.12;

/// Light spins: members the verbatim view joined by itself (`near`,
/// `excerpt`) whose immutable words match the origin clearly better than
/// their words do. Each is aligned with its origin and relabelled `spun`
/// when at least `min_substituted` of its words were substituted. Returns
/// how many were relabelled.
pub fn mark_light_spins(
    sources: &[Source],
    params: &Params,
    docs: &[DocInfo],
    spin_sigs: &[u16],
    clustering: &mut Clustering,
) -> u64 {
    let Some(sp) = &params.spin else {
        return 0;
    };
    let k = sp.num_perm;
    let sig = |d: u32| &spin_sigs[d as usize * k..(d as usize + 1) * k];
    let mut cands: Vec<(usize, usize)> = Vec::new();
    for (ci, c) in clustering.clusters.iter().enumerate() {
        if c.members.len() < 2 || docs[c.origin as usize].spin_shingles == 0 {
            continue;
        }
        for (mi, m) in c.members.iter().enumerate() {
            if !matches!(m.relation, Relation::Near | Relation::Excerpt)
                || docs[m.doc as usize].spin_shingles == 0
            {
                continue;
            }
            let word_j = m.scores.map_or(1.0, |s| s.jaccard);
            if estimate_jaccard(sig(m.doc), sig(c.origin)) - word_j >= LIGHT_SPIN_GAP {
                cands.push((ci, mi));
            }
        }
    }
    let pairs: Vec<(u32, u32)> = cands
        .iter()
        .map(|&(ci, mi)| {
            let c = &clustering.clusters[ci];
            (c.origin, c.members[mi].doc)
        })
        .collect();
    let aligned = align_pairs(sources, params, docs, &pairs);
    let mut marked = 0;
    for (&(ci, mi), al) in cands.iter().zip(aligned) {
        if let Some(al) = al.filter(|a| a.substituted >= sp.min_substituted) {
            let m = &mut clustering.clusters[ci].members[mi];
            m.relation = Relation::Spun;
            m.substituted = Some(al.substituted);
            marked += 1;
        }
    }
    marked
}
