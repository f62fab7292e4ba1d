//! One story's pages in one star: stars that `wrapped` links join are
//! merged, each member verified against the copy the merged star keeps.
//!
//! A story that many one-page sites carry in their own chrome is found by
//! the aligner pair by pair ([`crate::rules::SpinEvidence::is_wrapped_copy`]),
//! but for only about half its pairs: each copy is half chrome, so the spin
//! view's estimate of a pair is near its bar. And the verbatim view has
//! already made stars of the copies whose shingles matched, which the spin
//! view never merges. So on real pages (`webwire`, docs/evaluation.md) one
//! story came out as five or six stars side by side, each verified, none
//! holding most of it.
//!
//! Here two stars are neighbours when a `wrapped` link joins a member of
//! one with a member of the other. The larger (more members; then the
//! smaller index of its kept copy) takes the smaller whole when *every*
//! member of the smaller, its kept copy first, holds against the larger's
//! kept copy: each pair is aligned and the rules give it a relation, as for
//! any link of the spin view, or its shingles do, as they do in `explain`
//! (a copy cut and set in its own site's chrome is an excerpt of the
//! story's own page, held against another copy as `near`). Else the
//! larger's members are tried against the smaller's kept copy (a story's
//! own page keeps its copies, but as a copy of a copy it fails when its
//! article is under 60% of its paragraphs).
//! When neither star holds whole, the smaller's members other than its
//! kept copy that hold against the larger's kept copy move to it, and the
//! rest stay with the copy kept for them (a page whose own paragraphs are
//! nearly as long as the story holds against its sister site's page
//! through their shared template, not against another site's page).
//! No member joins through a third: its evidence is its own pair with the
//! copy kept.
//!
//! Every merge is tried in a fixed order (the larger star first), each
//! pair aligned once, so the result does not depend on threads or input
//! order; the stars of one story are in one part of a corpus split into
//! parts (the spin view's candidates join them), so neither does it depend
//! on the parts.

use crate::cluster::{aligned_member, left_alone, receive, Cluster, Holds, Member, SpinLink};
use crate::corpus::{Prefetched, ReadBack};
use crate::params::Params;
use crate::rules::Relation;
use crate::shingle::Boilerplate;
use crate::signing::DocInfo;
use crate::spill::SignatureRows;
use crate::spin::align_pairs;
use std::collections::{BTreeSet, HashMap, HashSet};

/// What gathering did, for the run summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Gathered {
    /// Pairs aligned to decide merges.
    pub aligned: u64,
    /// Stars merged whole into another.
    pub merged: u64,
    /// Members moved alone from a star that did not hold whole.
    pub members_moved: u64,
}

/// Merges the stars of one story (module docs). Returns a link for every
/// member that changed stars, with the evidence of its pair with the copy
/// it is now kept for (the `--pairs` file names it), and the counts.
pub fn gather_wrapped_stars(
    read: &dyn ReadBack,
    boilerplate: &Boilerplate,
    params: &Params,
    docs: &[DocInfo],
    signatures: &SignatureRows,
    clusters: &mut [Cluster],
    links: &[SpinLink],
) -> (Vec<SpinLink>, Gathered) {
    let mut gather = Gathering {
        read,
        boilerplate,
        params,
        docs,
        signatures,
        evidence: HashMap::new(),
        counts: Gathered::default(),
    };
    if params.spin.is_none() || !params.excerpts {
        return (Vec::new(), gather.counts);
    }
    let mut star_of = vec![u32::MAX; docs.len()];
    for (i, c) in clusters.iter().enumerate() {
        for m in &c.members {
            star_of[m.doc as usize] = i as u32;
        }
    }
    // The documents each `wrapped` link joins, fixed: stars are found
    // through them as they merge.
    let wrapped: BTreeSet<(u32, u32)> = links
        .iter()
        .filter(|l| {
            [true, false]
                .into_iter()
                .any(|a| l.evidence.relation(a, params) == Some(Relation::Wrapped))
        })
        .map(|l| pair(l.a, l.b))
        .collect();
    // Every pair a merge aligns is of two members of stars a `wrapped` link
    // touches: their texts are read once, not once a merge tried.
    let mut linked_stars: Vec<usize> = wrapped
        .iter()
        .flat_map(|&(a, b)| [star_of[a as usize], star_of[b as usize]])
        .map(|s| s as usize)
        .collect();
    linked_stars.sort_unstable();
    linked_stars.dedup();
    let wanted: Vec<_> = linked_stars
        .iter()
        .flat_map(|&s| clusters[s].members.iter())
        .map(|m| docs[m.doc as usize].location)
        .collect();
    let prefetched = Prefetched::new(read, &wanted);
    gather.read = &prefetched;
    for l in links {
        gather.evidence.insert(pair(l.a, l.b), Some(l.oriented()));
    }
    let linked: HashSet<(u32, u32)> = gather.evidence.keys().copied().collect();
    let mut moved = Vec::new();
    // Pairs of stars tried and found not to hold, by their kept copies and
    // sizes: tried again only once one of them has changed.
    let mut failed: HashSet<(u32, usize, u32, usize)> = HashSet::new();
    loop {
        let mut neighbours: BTreeSet<(Size, Size)> = BTreeSet::new();
        for &(a, b) in &wrapped {
            let (sa, sb) = (star_of[a as usize] as usize, star_of[b as usize] as usize);
            if sa != sb {
                let (x, y) = (Size::of(&clusters[sa], sa), Size::of(&clusters[sb], sb));
                neighbours.insert((x.max(y), x.min(y)));
            }
        }
        let mut changed = false;
        let mut touched: HashSet<usize> = HashSet::new();
        // The largest stars first; a star merged in this round waits for
        // the next, with its new neighbours.
        for &(large, small) in neighbours.iter().rev() {
            if touched.contains(&large.star) || touched.contains(&small.star) {
                continue;
            }
            let key = (
                clusters[large.star].origin,
                large.members,
                clusters[small.star].origin,
                small.members,
            );
            if failed.contains(&key) {
                continue;
            }
            let (s, l) = (small.star, large.star);
            let merged = [
                (s, l, Merge::Whole),
                (l, s, Merge::Whole),
                (s, l, Merge::Holding),
            ]
            .into_iter()
            .any(|how| gather.merge(clusters, how, &mut star_of, &mut moved));
            if merged {
                touched.extend([large.star, small.star]);
                changed = true;
            } else {
                failed.insert(key);
            }
        }
        if !changed {
            break;
        }
    }
    // A member's evidence is its pair with the copy its star keeps in the
    // end (a star merged twice was aligned again), and the spin view's
    // links are in the `--pairs` file already.
    let kept_for = |l: &SpinLink| {
        let star = &clusters[star_of[l.a as usize] as usize];
        star_of[l.a as usize] == star_of[l.b as usize] && (star.origin == l.a || star.origin == l.b)
    };
    moved.retain(|l| kept_for(l) && !linked.contains(&(l.a, l.b)));
    (moved, gather.counts)
}

/// A star's place in the order of merges: more members first, then the
/// smaller index of its kept copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Size {
    members: usize,
    origin: std::cmp::Reverse<u32>,
    star: usize,
}

impl Size {
    fn of(c: &Cluster, star: usize) -> Self {
        Size {
            members: c.members.len(),
            origin: std::cmp::Reverse(c.origin),
            star,
        }
    }
}

/// The smaller index first: how pairs are aligned and looked up.
fn pair(a: u32, b: u32) -> (u32, u32) {
    (a.min(b), a.max(b))
}

struct Gathering<'a> {
    read: &'a dyn ReadBack,
    boilerplate: &'a Boilerplate,
    params: &'a Params,
    docs: &'a [DocInfo],
    signatures: &'a SignatureRows<'a>,
    /// Every pair aligned so far (the spin view's links, then ours), the
    /// smaller index as side A; None where a text could not be read.
    evidence: HashMap<(u32, u32), Option<SpinLink>>,
    counts: Gathered,
}

impl Gathering<'_> {
    /// Aligns the pairs of `members` with `kept` not aligned yet.
    fn align(&mut self, members: &[u32], kept: u32) {
        let todo: Vec<(u32, u32)> = members
            .iter()
            .map(|&m| pair(m, kept))
            .filter(|p| !self.evidence.contains_key(p))
            .collect();
        if todo.is_empty() {
            return;
        }
        self.counts.aligned += todo.len() as u64;
        let signed = (self.boilerplate, Some(self.signatures));
        let found = align_pairs(self.read, signed, self.params, self.docs, &todo);
        self.evidence
            .extend(todo.into_iter().zip(found).map(|(p, found)| {
                let link = found.map(|(evidence, counted)| SpinLink {
                    a: p.0,
                    b: p.1,
                    evidence,
                    counted,
                });
                (p, link)
            }));
    }

    /// `m` as a member kept for `kept`, with the evidence, if its pair holds.
    fn member(&self, m: u32, kept: u32) -> Option<(Member, SpinLink)> {
        let link = self.evidence.get(&pair(m, kept)).copied().flatten()?;
        let (docs, words, params) = (self.docs, self.signatures, self.params);
        let side = (m, kept, m == link.a);
        let joined = aligned_member((docs, words, params), &link, side, Holds::AlignedOrShingles)?;
        Some((joined, link))
    }

    /// Moves star `from` into star `to`. `Whole`: every member, when each
    /// holds against `to`'s kept copy (its own kept copy is tried first,
    /// alone); nothing moved when one does not. `Holding` (neither star
    /// holds whole against the other's kept copy): the members of `from`
    /// other than its kept copy that hold against `to`'s, each with its own
    /// evidence; the rest stay with the copy kept for them. `from` is then
    /// the smaller star, so a member only ever moves to a larger one and
    /// the rounds end. False when nothing moved.
    fn merge(
        &mut self,
        clusters: &mut [Cluster],
        (from, to, how): (usize, usize, Merge),
        star_of: &mut [u32],
        moved: &mut Vec<SpinLink>,
    ) -> bool {
        let kept = clusters[to].origin;
        let first = clusters[from].origin;
        let mut members: Vec<u32> = clusters[from].members.iter().map(|m| m.doc).collect();
        if how == Merge::Whole {
            self.align(&[first], kept);
            if self.member(first, kept).is_none() {
                return false;
            }
        } else {
            members.retain(|&d| d != first);
        }
        self.align(&members, kept);
        let holding = members.iter().map(|&m| self.member(m, kept));
        let joined: Vec<(Member, SpinLink)> = match how {
            Merge::Whole => match holding.collect::<Option<Vec<_>>>() {
                Some(all) => all,
                None => return false,
            },
            Merge::Holding => holding.flatten().collect(),
        };
        if joined.is_empty() {
            return false;
        }
        match how {
            Merge::Whole => self.counts.merged += 1,
            Merge::Holding => self.counts.members_moved += joined.len() as u64,
        }
        let leaving: HashSet<u32> = joined.iter().map(|(m, _)| m.doc).collect();
        clusters[from].members.retain(|m| !leaving.contains(&m.doc));
        left_alone(&mut clusters[from]);
        if how == Merge::Whole {
            receive(&mut clusters[to], self.docs, self.params, first, kept);
        }
        let star = &mut clusters[to];
        for (m, link) in joined {
            star_of[m.doc as usize] = to as u32;
            star.members.push(m);
            moved.push(link);
        }
        star.members[1..].sort_by_key(|m| m.doc);
        true
    }
}

/// How [`Gathering::merge`] moves a star.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Merge {
    /// All of it or nothing.
    Whole,
    /// The members that hold, its kept copy staying.
    Holding,
}
