//! Clusters from verified pairs: stars around the copy that is kept.
//!
//! Connected components of the verified pairs chain: a short notice inside
//! many pages, or a site's chrome on a few different stories, joins
//! documents that share nothing else, and a dedup that drops every member of
//! such a component deletes distinct documents. So a component is only the
//! search space. Inside it, clusters are **stars**:
//!
//! 1. the origin rule ([`crate::rules::origin_step`]) picks the copy to keep
//!    among the documents not yet placed;
//! 2. every unplaced document that the rules allow to be dropped *for that
//!    copy*, on the evidence of their own verified pair
//!    ([`crate::rules::drop_relation`]), joins its star; an excerpt that is
//!    also contained in another document which does not match the kept copy
//!    (a shared notice or quote, not a cut of this one) stays out;
//! 3. repeat with the documents left.
//!
//! **Copies of a placed document follow it.** Documents with the same
//! words (the same content hash and word count) have the same shingles,
//! signatures and scores against any third document. The LSH proposes
//! all pairs of a bucket only up to [`crate::lsh::ALL_PAIRS_MAX_RUN`]
//! members, then a star around the bucket's first member and a chain, so
//! 42 copies of one notice were paired with one of them, not with the one
//! the origin rule kept, and came out as nine clusters. So when a star
//! forms, the copies of its origin join it as `exact` copies, and the
//! copies of each member join with that member's relation and scores,
//! which are the ones their own pair with the origin has.
//!
//! Every member of a cluster is therefore verified directly against its
//! origin, and the relation it gets says what was verified. The spin view
//! then attaches spun rewrites ([`attach_spin_links`]), again each one
//! aligned with the origin it joins.
//!
//! Documents are numbered by id before clustering and clusters are listed in
//! a fixed order, so the result does not depend on input order or threads.

use crate::collections::union_find::UnionFind;
use crate::exact::is_borderline;
use crate::params::Params;
use crate::rules::{drop_relation, origin_step, OriginFacts, Rank, SpinEvidence, Standing};
pub use crate::rules::{OriginReason, Relation};
use crate::signing::DocInfo;
use crate::spill::SignatureRows;
use crate::verify::{Edge, PairScores};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};

/// One member of a cluster.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Member {
    /// Document index.
    pub doc: u32,
    /// Relation to the origin.
    pub relation: Relation,
    /// Scores against the origin, this member as side `a` (None for the
    /// origin and unique documents).
    pub scores: Option<PairScores>,
    /// The cluster's wire service is credited by the origin but not by this copy.
    pub credit_dropped: bool,
    /// For members joined or relabelled by the aligner: the share of words
    /// substituted against the origin.
    pub substituted: Option<f64>,
}

/// A group of near-duplicates (or a single unique document).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Cluster {
    /// Cluster id: clusters with 2+ members first, largest first, then by origin id.
    pub id: u32,
    /// The origin's document index.
    pub origin: u32,
    /// Why that origin.
    pub origin_reason: OriginReason,
    /// Members, origin first, then by document index.
    pub members: Vec<Member>,
}

/// All clusters, and each document's cluster.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
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

/// Every document's verified pairs, sorted by the other document, with the
/// scores seen from the document itself (it is side `a`).
pub struct PairIndex {
    start: Vec<u32>,
    pairs: Vec<(u32, PairScores)>,
}

impl PairIndex {
    /// Indexes `edges` over `n` documents.
    pub fn new(n: usize, edges: &[Edge]) -> Self {
        let mut start = vec![0u32; n + 1];
        for e in edges {
            start[e.a as usize + 1] += 1;
            start[e.b as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut pairs = vec![(0, PairScores::default()); 2 * edges.len()];
        for e in edges {
            pairs[fill[e.a as usize] as usize] = (e.b, e.scores);
            fill[e.a as usize] += 1;
            pairs[fill[e.b as usize] as usize] = (e.a, e.scores.flipped());
            fill[e.b as usize] += 1;
        }
        for d in 0..n {
            pairs[start[d] as usize..start[d + 1] as usize].sort_unstable_by_key(|p| p.0);
        }
        PairIndex { start, pairs }
    }

    /// The pairs of document `d`.
    pub fn of(&self, d: u32) -> &[(u32, PairScores)] {
        &self.pairs[self.start[d as usize] as usize..self.start[d as usize + 1] as usize]
    }

    /// The scores of `(a, b)` with `a` as side `a`, if the pair was verified.
    pub fn get(&self, a: u32, b: u32) -> Option<PairScores> {
        let list = self.of(a);
        list.binary_search_by_key(&b, |p| p.0)
            .ok()
            .map(|i| list[i].1)
    }
}

/// How likely the origin rule is to keep document `d`, on what it knows
/// before any pair is read (a reference, dated, the earliest date, the
/// longest, the smallest id): the LSH's bucket centres
/// ([`crate::lsh::Centre`]) and a hub's likeliest origins
/// ([`crate::stages`]' pairs two steps apart) are the greatest.
pub(crate) fn prior_rank<'a>(docs: &'a [DocInfo], params: &Params, d: u32) -> Rank<'a> {
    Rank::of(facts(docs, params, d), Standing::default())
}

fn facts<'a>(docs: &'a [DocInfo], params: &Params, d: u32) -> OriginFacts<'a> {
    let doc = &docs[d as usize];
    OriginFacts {
        id: &doc.id,
        date: doc.date,
        words: doc.words,
        reference: params.is_reference(&doc.location),
    }
}

fn member(
    docs: &[DocInfo],
    origin: u32,
    doc: u32,
    relation: Relation,
    scores: Option<PairScores>,
) -> Member {
    Member {
        doc,
        relation,
        scores,
        credit_dropped: docs[origin as usize].wire.is_some() && docs[doc as usize].wire.is_none(),
        substituted: None,
    }
}

/// The clusters of the verified pairs, before the spin view: stars inside
/// each connected component. `active[i]` is false for skipped documents.
/// The clusters are in no particular order; [`finish`] orders them.
pub fn verbatim_stars(
    docs: &[DocInfo],
    active: &[bool],
    edges: &[Edge],
    params: &Params,
) -> (Vec<Cluster>, PairIndex) {
    let n = docs.len();
    let mut uf = UnionFind::new(n);
    for e in edges {
        uf.union(e.a, e.b);
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
    let index = PairIndex::new(n, edges);
    let clusters = groups
        .par_iter()
        .flat_map_iter(|g| stars_of_component(g, docs, &index, params))
        .collect();
    (clusters, index)
}

/// The stars of one component (`members` sorted by document index).
fn stars_of_component(
    members: &[u32],
    docs: &[DocInfo],
    index: &PairIndex,
    params: &Params,
) -> Vec<Cluster> {
    if members.len() == 1 {
        return vec![Cluster {
            id: 0,
            origin: members[0],
            origin_reason: OriginReason::Single,
            members: vec![member(docs, members[0], members[0], Relation::Unique, None)],
        }];
    }
    // Each unplaced member's standing among the unplaced and its rank in the
    // origin rule, kept in an ordered set and updated as members are placed:
    // a component costs O(pairs · log n), however many stars it holds.
    let pos = |d: u32| {
        members
            .binary_search(&d)
            .expect("a member of the component")
    };
    let mut standing: Vec<Standing> = members
        .iter()
        .map(|&d| Standing::of(index.of(d), params))
        .collect();
    let rank =
        |i: usize, standing: &[Standing]| Rank::of(facts(docs, params, members[i]), standing[i]);
    let mut order: BTreeSet<(Rank, u32)> = (0..members.len())
        .map(|i| (rank(i, &standing), members[i]))
        .collect();
    let mut placed = vec![false; members.len()];
    let copies = copies_among(members, docs);
    let mut out = Vec::new();
    while let Some((best, origin)) = order.pop_last() {
        let reason = order
            .last()
            .map_or(OriginReason::Single, |(next, _)| best.reason_over(next));
        placed[pos(origin)] = true;
        let mut star = vec![member(docs, origin, origin, Relation::Origin, None)];
        // The pairs of the origin and of its copies are the origin's; an
        // excerpt is a shared passage when any copy of it is one.
        // (Decided once per group of copies: a group of thousands is
        // looked through once, not once for each of its members.)
        let twins_of = |d: u32| -> &[u32] {
            copies
                .get(&copy_key(&docs[d as usize]))
                .map_or(std::slice::from_ref(&members[pos(d)]), Vec::as_slice)
        };
        // What the origin or a copy of it has a pair with, by copy key: a
        // document paired with a copy of the origin matches the origin.
        // (Built once a star has an excerpt to decide.)
        let matched = std::cell::OnceCell::new();
        let matched = || {
            matched.get_or_init(|| -> HashSet<(u64, u32)> {
                twins_of(origin)
                    .iter()
                    .flat_map(|&o| {
                        index
                            .of(o)
                            .iter()
                            .map(|&(y, _)| copy_key(&docs[y as usize]))
                    })
                    .chain([copy_key(&docs[origin as usize])])
                    .collect()
            })
        };
        let mut shared: HashMap<(u64, u32), bool> = HashMap::new();
        let mut is_shared = |m: u32| -> bool {
            let decide = || {
                twins_of(m)
                    .iter()
                    .any(|&t| shared_passage(t, matched(), docs, index, params))
            };
            if twins_of(m).len() == 1 {
                return decide();
            }
            *shared
                .entry(copy_key(&docs[m as usize]))
                .or_insert_with(decide)
        };
        for &o in twins_of(origin) {
            for &(m, from_o) in index.of(o) {
                if placed[pos(m)] {
                    continue;
                }
                let s = from_o.flipped();
                match drop_relation(&s, params) {
                    Some(Relation::Excerpt) if is_shared(m) => {}
                    Some(rel) => {
                        placed[pos(m)] = true;
                        star.push(member(docs, origin, m, rel, Some(s)));
                    }
                    None => {}
                }
            }
        }
        // Copies of the origin, and of each member, that no pair placed.
        for k in 0..star.len() {
            let Some(group) = copies.get(&copy_key(&docs[star[k].doc as usize])) else {
                continue;
            };
            let (relation, scores) = match k {
                0 => (
                    Relation::Exact,
                    Some(PairScores::same_words(params.num_perm)),
                ),
                _ => (star[k].relation, star[k].scores),
            };
            for &c in group {
                if !std::mem::replace(&mut placed[pos(c)], true) {
                    star.push(member(docs, origin, c, relation, scores));
                }
            }
        }
        star[1..].sort_unstable_by_key(|m| m.doc);
        for m in &star[1..] {
            let i = pos(m.doc);
            order.remove(&(rank(i, &standing), m.doc));
            placed[i] = true;
        }
        // The members left lose their pairs with the ones just placed.
        for m in &star {
            for &(y, s) in index.of(m.doc) {
                let i = pos(y);
                if placed[i] {
                    continue;
                }
                order.remove(&(rank(i, &standing), y));
                standing[i].remove(&s.flipped(), params);
                order.insert((rank(i, &standing), y));
            }
        }
        let alone = star.len() == 1;
        if alone {
            star[0].relation = Relation::Unique;
        }
        out.push(Cluster {
            id: 0,
            origin,
            origin_reason: if alone { OriginReason::Single } else { reason },
            members: star,
        });
    }
    out
}

/// What makes two documents copies: the same words ([`PairScores::of`]'s
/// `exact`).
fn copy_key(d: &DocInfo) -> (u64, u32) {
    (d.content_hash, d.words)
}

/// The groups of two or more copies among a component's `members`, by
/// [`copy_key`], each in document order.
fn copies_among(members: &[u32], docs: &[DocInfo]) -> HashMap<(u64, u32), Vec<u32>> {
    let mut groups: HashMap<(u64, u32), Vec<u32>> = HashMap::new();
    for &d in members {
        groups
            .entry(copy_key(&docs[d as usize]))
            .or_default()
            .push(d);
    }
    groups.retain(|_, g| g.len() > 1);
    groups
}

/// True when `m`, an excerpt of the origin, is also inside a document that
/// does not match the origin: a passage several different texts carry (a
/// notice, a license paragraph, a quote), not a cut of this one.
/// `matched` holds the copy keys ([`copy_key`]) of the origin and of every
/// document paired with the origin or a copy of it (whose pairs are the
/// origin's: the same words): the same text, or one that matches it. A
/// copy of `m` is the same text, not another.
fn shared_passage(
    m: u32,
    matched: &HashSet<(u64, u32)>,
    docs: &[DocInfo],
    index: &PairIndex,
    params: &Params,
) -> bool {
    let of_m = copy_key(&docs[m as usize]);
    index.of(m).iter().any(|&(y, s)| {
        let other = copy_key(&docs[y as usize]);
        other != of_m && !matched.contains(&other) && drop_relation(&s, params).is_some()
    })
}

/// A pair the spin view aligned: `a` and `b` were each the origin of their
/// star when it was checked.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct SpinLink {
    /// One document.
    pub a: u32,
    /// The other.
    pub b: u32,
    /// What the aligner found, `a` as side A.
    pub evidence: SpinEvidence,
    /// The pair's shingles counted exactly (`a` as side A), as the signer
    /// made them, when the signatures' estimate sits near a bar: the
    /// scores the rules read then ([`crate::exact`]), as `explain` does.
    pub counted: Option<PairScores>,
}

impl SpinLink {
    /// The same link with the smaller index as side A.
    pub fn oriented(&self) -> SpinLink {
        if self.a <= self.b {
            *self
        } else {
            SpinLink {
                a: self.b,
                b: self.a,
                evidence: self.evidence.flipped(),
                counted: self.counted.map(|s| s.flipped()),
            }
        }
    }
}

/// Moves each document that the spin view found to be a spun rewrite (or a
/// deeply cut copy) of another star's origin into that star, when it is
/// alone in its own star and the aligner's evidence covers it. Pairs of two
/// lone documents keep the one the origin rule picks. A spun rewrite with
/// copies of it (its star's `exact` members) moves whole, its copies as
/// `spun` too: a spun article that a network of sites mirrors word for
/// word is one spun rewrite, and its mirrors follow it as copies follow
/// their twin in the stars. Returns a link for each such mirror, with the
/// evidence of the rewrite it copies (the same words), so that `--pairs`
/// names the evidence of every member.
pub fn attach_spin_links(
    clusters: &mut [Cluster],
    links: &[SpinLink],
    docs: &[DocInfo],
    signatures: &SignatureRows,
    params: &Params,
) -> Vec<SpinLink> {
    let mut mirrors = Vec::new();
    if params.spin.is_none() {
        return mirrors;
    }
    let mut star_of = vec![u32::MAX; docs.len()];
    for (i, c) in clusters.iter().enumerate() {
        for m in &c.members {
            star_of[m.doc as usize] = i as u32;
        }
    }
    let mut stars = Stars {
        clusters,
        star_of,
        docs,
        signatures,
        params,
        mirrors: &mut mirrors,
    };
    // A story in many sites' pages links every copy with every other: those
    // links are made into stars below, the others taken one at a time.
    let wrapped_only = |l: &SpinLink| {
        [true, false].into_iter().all(|member_is_a| {
            matches!(
                l.evidence.relation(member_is_a, params),
                None | Some(Relation::Wrapped)
            )
        })
    };
    let (wrapped, others): (Vec<&SpinLink>, Vec<&SpinLink>) =
        links.iter().partition(|l| wrapped_only(l));
    // Closest copies first: a deeply cut copy joins its source before a
    // spun rewrite of that source can claim it.
    let mut order = others;
    order.sort_by(|x, y| {
        x.evidence
            .substituted
            .total_cmp(&y.evidence.substituted)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    for l in order {
        let (ca, cb) = (stars.star(l.a), stars.star(l.b));
        if ca == cb || stars.clusters[ca].origin != l.a || stars.clusters[cb].origin != l.b {
            continue;
        }
        let (a_side, b_side) = ((l.a, l.b, true), (l.b, l.a, false));
        // (member, kept, whether the member is side A), in the order to try.
        let tries = match (stars.alone(ca), stars.alone(cb)) {
            (true, false) => vec![a_side],
            (false, true) => vec![b_side],
            (true, true) if pair_origin(docs, params, l.a, l.b).0 == l.b => vec![a_side, b_side],
            (true, true) => vec![b_side, a_side],
            (false, false) => continue,
        };
        for (m, kept, member_is_a) in tries {
            if stars.join(l, m, kept, member_is_a) {
                break;
            }
        }
    }
    stars.attach_wrapped(&wrapped);
    mirrors
}

/// The stars as the spin view's links change them.
struct Stars<'a, 'c> {
    clusters: &'c mut [Cluster],
    /// The star each document is in.
    star_of: Vec<u32>,
    docs: &'a [DocInfo],
    signatures: &'a SignatureRows<'a>,
    params: &'a Params,
    /// A link for each copy that moved with a member.
    mirrors: &'a mut Vec<SpinLink>,
}

impl Stars<'_, '_> {
    fn star(&self, d: u32) -> usize {
        self.star_of[d as usize] as usize
    }

    fn alone(&self, c: usize) -> bool {
        is_one_text(&self.clusters[c], self.docs)
    }

    /// Moves `m` (side A of `l` when `member_is_a`), alone in its star with
    /// its copies, into the star of `kept` when the evidence gives it a
    /// relation; false when it does not.
    fn join(&mut self, l: &SpinLink, m: u32, kept: u32, member_is_a: bool) -> bool {
        let on = (self.docs, self.signatures, self.params);
        let Some(joined) = aligned_member(on, l, (m, kept, member_is_a), Holds::Aligned) else {
            return false;
        };
        let (from, to) = (self.star(m), self.star(kept));
        // Only a spun rewrite or a story in another site's page moves with
        // its copies: identical copyright files moved as aligned excerpts of
        // other packages' files (copyright P 0.916 -> 0.908,
        // docs/evaluation.md).
        let moves_whole = matches!(joined.relation, Relation::Spun | Relation::Wrapped);
        if !moves_whole && self.clusters[from].members.len() > 1 {
            return false;
        }
        // `m` and its copies, which have its words and so its evidence.
        let moved: Vec<Member> = std::mem::take(&mut self.clusters[from].members)
            .into_iter()
            .map(|c| Member {
                doc: c.doc,
                ..joined
            })
            .collect();
        let star = &mut self.clusters[to];
        receive(star, self.docs, self.params, m, kept);
        for c in moved {
            self.star_of[c.doc as usize] = to as u32;
            if c.doc != m {
                let (a, b) = if member_is_a {
                    (c.doc, kept)
                } else {
                    (kept, c.doc)
                };
                self.mirrors.push(SpinLink { a, b, ..*l });
            }
            star.members.push(c);
        }
        star.members[1..].sort_by_key(|m| m.doc);
        true
    }

    /// Links that only a story in another site's page holds: every copy of
    /// a story carried by many one-page sites is linked with every other,
    /// so taking them one at a time made a star around whichever copy came
    /// first and left the rest in stars of their own. As the stars of the
    /// verbatim view are built, one document keeps every lone document it
    /// can, then the next: the one that can keep the most first, then one
    /// that no link may drop, then the earliest (ties: the smaller index).
    fn attach_wrapped(&mut self, links: &[&SpinLink]) {
        // (kept, member, whether the member is side A, the link)
        let mut holds: Vec<(u32, u32, bool, &SpinLink)> = Vec::new();
        for &l in links {
            for (m, kept, member_is_a) in [(l.a, l.b, true), (l.b, l.a, false)] {
                if l.evidence.relation(member_is_a, self.params).is_some() {
                    holds.push((kept, m, member_is_a, l));
                }
            }
        }
        let mut count = vec![0u32; self.docs.len()];
        let mut droppable = vec![false; self.docs.len()];
        for h in &holds {
            count[h.0 as usize] += 1;
            droppable[h.1 as usize] = true;
        }
        // The one that keeps the most first (the story's own page keeps its
        // copies; a whole copy keeps the cut ones too), then one that no link
        // may drop (as the origin rule keeps what is not an excerpt), then
        // the earliest.
        holds.sort_by_key(|h| {
            let k = h.0 as usize;
            let date = self.docs[k].date.unwrap_or(i64::MAX);
            (std::cmp::Reverse(count[k]), droppable[k], date, h.0, h.1)
        });
        for (kept, m, member_is_a, l) in holds {
            let (from, to) = (self.star(m), self.star(kept));
            let joinable = from != to
                && self.clusters[to].origin == kept
                && self.clusters[from].origin == m
                && self.alone(from);
            if joinable {
                self.join(l, m, kept, member_is_a);
            }
        }
    }
}

/// Which evidence of a pair may make its member one ([`aligned_member`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Holds {
    /// The aligner's rules only: the spin view does not attach a lone
    /// document on its shingles, which the verbatim view left out for a
    /// reason (an excerpt of two containers).
    Aligned,
    /// The aligner's, else the shingles' (as `explain` reads a pair): for a
    /// member that moves with its star, already held against the copy its
    /// star kept ([`crate::wrapped_stars`]). A copy cut and set in its own
    /// site's chrome can be an excerpt of the story's page by its shingles
    /// while its main run, the cut, is too short a part of its page for
    /// the aligner's `wrapped`.
    AlignedOrShingles,
}

/// `m` as a member of the star that keeps `kept`, on the link `l` of the
/// two (`m` is its side A when `member_is_a`); None when no rule that
/// `holds` allows gives it a relation. A page whose shingles hold as an
/// excerpt (kept out of the stars because other pages carry it too) is
/// one: the relation names what the pair shows, on the scores `explain`
/// reads (the estimate, or the exact count near a bar).
pub(crate) fn aligned_member(
    (docs, signatures, params): (&[DocInfo], &SignatureRows, &Params),
    l: &SpinLink,
    (m, kept, member_is_a): (u32, u32, bool),
    holds: Holds,
) -> Option<Member> {
    let ev = &l.evidence;
    let aligned = ev.relation(member_is_a, params);
    if aligned.is_none() && holds == Holds::Aligned {
        // no signature row read for a pair that cannot join
        return None;
    }
    let scores = read_scores(docs, signatures, params, l, (m, kept), member_is_a);
    let relation = member_relation(aligned, drop_relation(&scores, params))?;
    let mut joined = member(docs, kept, m, relation, Some(scores));
    joined.substituted = Some(ev.substituted);
    Some(joined)
}

/// The relation of a member joined on an aligner link, from the aligner's
/// relation for the pair and its shingles' ([`drop_relation`] of the
/// scores `explain` reads): the aligner's, but a page `wrapped` whose
/// shingles hold as well is named by what they show, and a member whose
/// pair only its shingles hold (a member that moves with its star) by
/// theirs.
/// `--pairs` names the evidence of a membership by the same rule.
pub fn member_relation(aligned: Option<Relation>, shingles: Option<Relation>) -> Option<Relation> {
    match aligned {
        Some(Relation::Wrapped) => Some(shingles.unwrap_or(Relation::Wrapped)),
        Some(r) => Some(r),
        None => shingles,
    }
}

/// The scores of the member `m` (side A of the result) against `kept`
/// that `explain` reads: the estimate, or the exact count near a bar.
fn read_scores(
    docs: &[DocInfo],
    signatures: &SignatureRows,
    params: &Params,
    l: &SpinLink,
    (m, kept): (u32, u32),
    member_is_a: bool,
) -> PairScores {
    let estimated = PairScores::of(
        &docs[m as usize],
        &signatures.row(m),
        &docs[kept as usize],
        &signatures.row(kept),
    );
    match (
        l.counted.filter(|_| is_borderline(&estimated, params)),
        member_is_a,
    ) {
        (None, _) => estimated,
        (Some(s), true) => s,
        (Some(s), false) => s.flipped(),
    }
}

/// Readies `star`, which keeps `kept`, for `m` and what comes with it: a
/// star of one document gets its origin's relation and the reason it keeps
/// `kept` rather than `m`.
pub(crate) fn receive(star: &mut Cluster, docs: &[DocInfo], params: &Params, m: u32, kept: u32) {
    if star.members.len() == 1 {
        star.members[0].relation = Relation::Origin;
        star.origin_reason = match pair_origin(docs, params, m, kept) {
            (o, reason) if o == kept => reason,
            // The rule preferred the other, but only this one covers it.
            _ => OriginReason::NotAnExcerpt,
        };
    }
}

/// The other way round: a star whose members have all left keeps one
/// document, `unique` as any document alone (as [`stars_of_component`] leaves one).
pub(crate) fn left_alone(star: &mut Cluster) {
    if let [only] = star.members.as_mut_slice() {
        only.relation = Relation::Unique;
        star.origin_reason = OriginReason::Single;
    }
}

/// Whether a star holds one text: its origin alone, or with copies of it
/// (the same words, [`copy_key`]). The spin view treats such a star as a
/// lone document and moves it whole ([`attach_spin_links`]).
pub(crate) fn is_one_text(star: &Cluster, docs: &[DocInfo]) -> bool {
    let text = copy_key(&docs[star.origin as usize]);
    star.members
        .iter()
        .all(|m| copy_key(&docs[m.doc as usize]) == text)
}

/// The origin rule between two documents known only by their facts.
fn pair_origin(docs: &[DocInfo], params: &Params, x: u32, y: u32) -> (u32, OriginReason) {
    origin_step(
        &[x.min(y), x.max(y)],
        |d| facts(docs, params, d),
        |_| Standing::default(),
    )
}

/// Orders the clusters (2+ members first, largest first, then by origin id),
/// numbers them and maps every document to its cluster.
pub fn finish(mut clusters: Vec<Cluster>, docs: &[DocInfo]) -> Clustering {
    clusters.retain(|c| !c.members.is_empty());
    clusters.sort_by(|a, b| {
        let single = |c: &Cluster| c.members.len() == 1;
        single(a)
            .cmp(&single(b))
            .then(b.members.len().cmp(&a.members.len()))
            .then(docs[a.origin as usize].id.cmp(&docs[b.origin as usize].id))
    });
    let mut doc_cluster = vec![u32::MAX; docs.len()];
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

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(i: u32) -> DocInfo {
        DocInfo {
            id: format!("d{i:06}").into(),
            date: None,
            words: 100,
            shingles: 96,
            boilerplate: 0,
            content_hash: u64::from(i),
            location: Default::default(),
            wire: None,
            spin_shingles: 0,
            site: 0,
        }
    }

    fn edge(a: u32, b: u32, jaccard: f64, a_in_b: f64, b_in_a: f64) -> Edge {
        let scores = PairScores::estimated(jaccard, a_in_b, b_in_a);
        Edge { a, b, scores }
    }

    #[test]
    fn a_chain_is_cut_into_stars_and_nothing_joins_through_a_third() {
        // 20,000 documents, each near the next only: one component.
        let n = 20_000u32;
        let docs: Vec<DocInfo> = (0..n).map(doc).collect();
        let edges: Vec<Edge> = (0..n - 1)
            .map(|i| edge(i, i + 1, 0.6, 0.75, 0.75))
            .collect();
        let (stars, index) =
            verbatim_stars(&docs, &vec![true; n as usize], &edges, &Params::default());
        let clustering = finish(stars, &docs);
        let mut seen = 0;
        for c in &clustering.clusters {
            for m in &c.members[1..] {
                assert!(
                    index.get(m.doc, c.origin).is_some(),
                    "{} not next to {}",
                    m.doc,
                    c.origin
                );
                assert_eq!(m.relation, Relation::Near);
            }
            seen += c.members.len();
        }
        assert_eq!(seen, n as usize, "every document in exactly one cluster");
        assert!(clustering.clusters.iter().all(|c| c.members.len() <= 3));
    }

    #[test]
    fn copies_paired_with_one_of_them_join_the_copy_that_is_kept() {
        // 0..30: one text 30 times, paired as the LSH pairs a bucket of
        // more than ALL_PAIRS_MAX_RUN: a star around the first and a chain.
        // 30 is near that text, paired with 0 only; 31 is a copy of 30,
        // paired with 30 only. 29 is dated, so the origin rule keeps it.
        let mut docs: Vec<DocInfo> = (0..32).map(doc).collect();
        for d in &mut docs[..30] {
            d.content_hash = 7;
        }
        docs[31].content_hash = docs[30].content_hash;
        docs[29].date = Some(1);
        let same = |a, b| Edge {
            a,
            b,
            scores: PairScores::same_words(128),
        };
        let mut edges: Vec<Edge> = (1..30).map(|i| same(0, i)).collect();
        edges.extend((2..30).map(|i| same(i - 1, i)));
        edges.push(edge(0, 30, 0.8, 0.9, 0.9));
        edges.push(same(30, 31));
        let (stars, _) = verbatim_stars(&docs, &[true; 32], &edges, &Params::default());
        let clustering = finish(stars, &docs);
        assert_eq!(clustering.clusters.len(), 1, "{clustering:?}");
        let c = &clustering.clusters[0];
        assert_eq!((c.origin, c.members.len()), (29, 32));
        let docs_in_order: Vec<u32> = c.members[1..].iter().map(|m| m.doc).collect();
        assert!(docs_in_order.windows(2).all(|w| w[0] < w[1]));
        for m in &c.members[1..] {
            let (relation, jaccard) = match m.doc {
                30 | 31 => (Relation::Near, 0.8),
                _ => (Relation::Exact, 1.0),
            };
            assert_eq!(m.relation, relation, "{}", m.doc);
            assert_eq!(m.scores.map(|s| s.jaccard), Some(jaccard), "{}", m.doc);
        }
        // Without the copies' rule (other texts), 29's star is its pairs.
        for (i, d) in docs.iter_mut().enumerate() {
            d.content_hash = i as u64;
        }
        let (stars, _) = verbatim_stars(&docs, &[true; 32], &edges, &Params::default());
        assert!(finish(stars, &docs).clusters.len() > 1);
    }

    #[test]
    fn a_text_paired_with_a_copy_of_the_origin_matches_the_origin() {
        // 3 has the words of 0 (dated, kept). 1, a fifth of 0, is inside
        // 0 and inside 2; 2 is paired with 3, not with 0.
        let mut docs: Vec<DocInfo> = (0..4).map(doc).collect();
        docs[0].date = Some(1);
        docs[3].content_hash = docs[0].content_hash;
        let edges = [
            edge(0, 1, 0.15, 0.2, 0.95),
            Edge {
                a: 0,
                b: 3,
                scores: PairScores::same_words(128),
            },
            edge(1, 2, 0.15, 0.95, 0.16),
            edge(2, 3, 0.8, 0.9, 0.9),
        ];
        let (stars, _) = verbatim_stars(&docs, &[true; 4], &edges, &Params::default());
        let c = finish(stars, &docs);
        assert_eq!(c.clusters.len(), 1, "{c:?}");
        let members: Vec<(u32, Relation)> = c.clusters[0]
            .members
            .iter()
            .map(|m| (m.doc, m.relation))
            .collect();
        assert_eq!(
            members,
            [
                (0, Relation::Origin),
                (1, Relation::Excerpt),
                (2, Relation::Near),
                (3, Relation::Exact)
            ]
        );
    }

    #[test]
    fn a_short_text_inside_several_unrelated_pages_joins_none() {
        // 0 is a notice contained in pages 1, 2 and 3, which share nothing else.
        let docs: Vec<DocInfo> = (0..4).map(doc).collect();
        let edges: Vec<Edge> = (1..4).map(|p| edge(0, p, 0.15, 0.95, 0.16)).collect();
        let (stars, _) = verbatim_stars(&docs, &[true; 4], &edges, &Params::default());
        let clustering = finish(stars, &docs);
        assert_eq!(clustering.clusters.len(), 4, "{clustering:?}");
        // An excerpt of one page only is attached to it.
        let (stars, _) = verbatim_stars(&docs[..2], &[true; 2], &edges[..1], &Params::default());
        let c = finish(stars, &docs[..2]);
        assert_eq!(c.clusters.len(), 1);
        assert_eq!(
            (c.clusters[0].origin, c.clusters[0].members[1].relation),
            (1, Relation::Excerpt)
        );
        assert_eq!(c.clusters[0].origin_reason, OriginReason::NotAnExcerpt);
    }
}
