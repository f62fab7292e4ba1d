//! Clusters from verified pairs: union-find, the origin rule, relations.
//!
//! Connected components of the verified pairs are the clusters. Each cluster
//! names one **origin** by this rule, applied in order until one copy is left:
//!
//! 1. the earliest `date`, among members that have one;
//! 2. the copy that contains the most other members (containment ≥ the
//!    `containment` setting): the full story rather than its excerpts;
//! 3. the medoid: the copy with the highest mean Jaccard with the others
//!    (the source has neither the cuts of excerpts nor the chrome of wrapped
//!    copies, so it is closest to all of them);
//! 4. the longest copy (most words);
//! 5. the smallest id.
//!
//! Every other member gets its relation to the origin: `exact` (same words),
//! `near` (Jaccard ≥ threshold, or the member contains the origin: a copy
//! wrapped in a site's page), `excerpt` (contained in the origin), `spun` (a
//! synonym-spun rewrite found by the spin view, [`crate::spin`]), or `linked`
//! (joined through another member, not directly similar to the origin).
//! Documents are numbered by id before clustering and components are listed in
//! a fixed order, so the result does not depend on input order or threads.

use crate::params::Params;
use crate::signing::DocInfo;
use crate::spin::SpinLink;
use crate::union_find::UnionFind;
use crate::verify::{Edge, PairScores};
use std::collections::HashMap;

/// How a member relates to its cluster's origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    /// A document with no near-duplicate.
    Unique,
    /// The copy chosen as the origin.
    Origin,
    /// Same normalised words as the origin.
    Exact,
    /// A syndicated copy: similar as a whole, or the origin wrapped in more text.
    Near,
    /// Contained in the origin: a cut or partial copy.
    Excerpt,
    /// A synonym-spun rewrite, joined by the spin view and the aligner.
    Spun,
    /// In the cluster through other members only.
    Linked,
}

impl Relation {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Unique => "unique",
            Relation::Origin => "origin",
            Relation::Exact => "exact",
            Relation::Near => "near",
            Relation::Excerpt => "excerpt",
            Relation::Spun => "spun",
            Relation::Linked => "linked",
        }
    }

    /// True for members that dedup drops.
    pub fn is_duplicate(self) -> bool {
        !matches!(self, Relation::Unique | Relation::Origin)
    }
}

/// Which step of the origin rule decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OriginReason {
    /// Only member.
    Single,
    /// The only reference document of `--against` in the cluster.
    Reference,
    /// Earliest date.
    EarliestDate,
    /// Contains the most other members.
    ContainsOthers,
    /// Closest to all other members (highest mean Jaccard).
    Medoid,
    /// Longest.
    Longest,
    /// Smallest id (everything else tied).
    SmallestId,
}

impl OriginReason {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            OriginReason::Single => "single",
            OriginReason::Reference => "reference",
            OriginReason::EarliestDate => "earliest_date",
            OriginReason::ContainsOthers => "contains_others",
            OriginReason::Medoid => "medoid",
            OriginReason::Longest => "longest",
            OriginReason::SmallestId => "smallest_id",
        }
    }
}

/// One member of a cluster.
#[derive(Clone, Copy, Debug)]
pub struct Member {
    /// Document index.
    pub doc: u32,
    /// Relation to the origin.
    pub relation: Relation,
    /// Scores against the origin (None for the origin and unique documents).
    pub scores: Option<PairScores>,
    /// The cluster's wire service is credited by the origin but not by this copy.
    pub credit_dropped: bool,
    /// For members joined by the spin view: the share of words substituted,
    /// as the aligner measured it against the copy they were matched with.
    pub substituted: Option<f64>,
}

/// A group of near-duplicates (or a single unique document).
#[derive(Clone, Debug)]
pub struct Cluster {
    /// Cluster id: clusters with 2+ members first, largest first, then by origin id.
    pub id: u32,
    /// The origin's document index.
    pub origin: u32,
    /// Why that origin.
    pub origin_reason: OriginReason,
    /// Members, origin first, then by id.
    pub members: Vec<Member>,
}

/// All clusters, and each document's cluster.
#[derive(Clone, Debug, Default)]
pub struct Clustering {
    /// Clusters in id order.
    pub clusters: Vec<Cluster>,
    /// For every document index, its cluster id (u32::MAX for skipped documents).
    pub doc_cluster: Vec<u32>,
}

impl Clustering {
    /// Clusters with two or more members.
    pub fn duplicate_clusters(&self) -> impl Iterator<Item = &Cluster> {
        self.clusters.iter().filter(|c| c.members.len() > 1)
    }
}

/// Clusters at most this large get the pairwise origin steps (2 and 3).
const PAIRWISE_STEPS_MAX: usize = 512;

/// Builds clusters from verified edges. `active[i]` is false for skipped documents.
pub fn build_clusters(
    docs: &[DocInfo],
    signatures: &[u32],
    active: &[bool],
    edges: &[Edge],
    spin_links: &[SpinLink],
    params: &Params,
) -> Clustering {
    let n = docs.len();
    let k = params.num_perm;
    let sig = |i: u32| &signatures[i as usize * k..(i as usize + 1) * k];
    let mut uf = UnionFind::new(n);
    for e in edges {
        uf.union(e.a, e.b);
    }
    // A document may be in several links; the first in (a, b) order speaks for it.
    let mut spun_share: HashMap<u32, f64> = HashMap::new();
    let min_substituted = params.spin.as_ref().map_or(0.0, |s| s.min_substituted);
    for l in spin_links {
        uf.union(l.a, l.b);
        if l.substituted >= min_substituted {
            spun_share.entry(l.a).or_insert(l.substituted);
            spun_share.entry(l.b).or_insert(l.substituted);
        }
    }
    let mut groups: Vec<Vec<u32>> = Vec::new();
    let mut group_of_root = vec![u32::MAX; n];
    for d in 0..n as u32 {
        if !active[d as usize] {
            continue;
        }
        let r = uf.find(d) as usize;
        if group_of_root[r] == u32::MAX {
            group_of_root[r] = groups.len() as u32;
            groups.push(Vec::new());
        }
        groups[group_of_root[r] as usize].push(d);
    }
    let mut clusters: Vec<Cluster> = groups
        .into_iter()
        .map(|members| {
            let (origin, origin_reason) = choose_origin(&members, docs, &sig, params);
            let o = &docs[origin as usize];
            let mut out: Vec<Member> = vec![Member {
                doc: origin,
                relation: if members.len() == 1 {
                    Relation::Unique
                } else {
                    Relation::Origin
                },
                scores: None,
                credit_dropped: false,
                substituted: None,
            }];
            for &m in members.iter().filter(|&&m| m != origin) {
                let s = PairScores::of(&docs[m as usize], sig(m), o, sig(origin));
                let relation = if s.exact {
                    Relation::Exact
                } else if s.jaccard >= params.threshold || s.b_in_a >= params.containment {
                    Relation::Near
                } else if s.a_in_b >= params.containment {
                    Relation::Excerpt
                } else if spun_share.contains_key(&m) {
                    Relation::Spun
                } else {
                    Relation::Linked
                };
                out.push(Member {
                    doc: m,
                    relation,
                    scores: Some(s),
                    credit_dropped: o.wire.is_some() && docs[m as usize].wire.is_none(),
                    substituted: if relation == Relation::Spun {
                        spun_share.get(&m).copied()
                    } else {
                        None
                    },
                });
            }
            Cluster {
                id: 0,
                origin,
                origin_reason,
                members: out,
            }
        })
        .collect();
    clusters.sort_by(|a, b| {
        let single = |c: &Cluster| c.members.len() == 1;
        single(a)
            .cmp(&single(b))
            .then(b.members.len().cmp(&a.members.len()))
            .then(docs[a.origin as usize].id.cmp(&docs[b.origin as usize].id))
    });
    let mut doc_cluster = vec![u32::MAX; n];
    for (i, c) in clusters.iter_mut().enumerate() {
        c.id = i as u32;
        for m in &c.members {
            doc_cluster[m.doc as usize] = i as u32;
        }
    }
    Clustering {
        clusters,
        doc_cluster,
    }
}

fn choose_origin<'s>(
    members: &[u32],
    docs: &[DocInfo],
    sig: &impl Fn(u32) -> &'s [u32],
    params: &Params,
) -> (u32, OriginReason) {
    if members.len() == 1 {
        return (members[0], OriginReason::Single);
    }
    let mut cands: Vec<u32> = members.to_vec();
    // 0. with --against, the reference (a search is for copies of it)
    if params.references.is_some() {
        cands.retain(|&d| params.is_reference(&docs[d as usize]));
        if cands.is_empty() {
            cands = members.to_vec();
        } else if cands.len() == 1 {
            return (cands[0], OriginReason::Reference);
        }
    }
    // 1. earliest date
    if let Some(earliest) = cands.iter().filter_map(|&d| docs[d as usize].date).min() {
        cands.retain(|&d| docs[d as usize].date == Some(earliest));
        if cands.len() == 1 {
            return (cands[0], OriginReason::EarliestDate);
        }
    }
    // 2. contains the most other members
    if members.len() <= PAIRWISE_STEPS_MAX {
        let contained = |x: u32| {
            members
                .iter()
                .filter(|&&m| m != x)
                .filter(|&&m| {
                    PairScores::of(&docs[m as usize], sig(m), &docs[x as usize], sig(x)).a_in_b
                        >= params.containment
                })
                .count()
        };
        let counts: Vec<usize> = cands.iter().map(|&c| contained(c)).collect();
        let best = *counts.iter().max().expect("non-empty");
        if best > 0 {
            let kept: Vec<u32> = cands
                .iter()
                .zip(&counts)
                .filter(|(_, &c)| c == best)
                .map(|(&d, _)| d)
                .collect();
            cands = kept;
            if cands.len() == 1 {
                return (cands[0], OriginReason::ContainsOthers);
            }
        }
    }
    // 3. the medoid: highest mean Jaccard with the other members. The source
    //    of a family of copies has neither the cuts of its excerpts nor the
    //    page chrome of its wrapped copies, so it is closest to all of them.
    if members.len() <= PAIRWISE_STEPS_MAX && cands.len() > 1 {
        let closeness = |x: u32| -> usize {
            members
                .iter()
                .filter(|&&m| m != x)
                .map(|&m| crate::minhash::matching_bins(sig(m), sig(x)))
                .sum()
        };
        let scores: Vec<usize> = cands.iter().map(|&c| closeness(c)).collect();
        let best = *scores.iter().max().expect("non-empty");
        cands = cands
            .iter()
            .zip(&scores)
            .filter(|(_, &v)| v == best)
            .map(|(&d, _)| d)
            .collect();
        if cands.len() == 1 {
            return (cands[0], OriginReason::Medoid);
        }
    }
    // 4. longest
    let longest = cands
        .iter()
        .map(|&d| docs[d as usize].words)
        .max()
        .expect("non-empty");
    cands.retain(|&d| docs[d as usize].words == longest);
    if cands.len() == 1 {
        return (cands[0], OriginReason::Longest);
    }
    // 5. smallest id
    let d = *cands
        .iter()
        .min_by(|&&a, &&b| docs[a as usize].id.cmp(&docs[b as usize].id))
        .expect("non-empty");
    (d, OriginReason::SmallestId)
}
