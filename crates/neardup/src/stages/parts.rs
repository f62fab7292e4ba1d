//! Clustering a corpus in parts, when its verified pairs do not fit in
//! memory at once (`neardup components --max-pairs-in-memory`).
//!
//! Every step after verification looks only at pairs inside one connected
//! component of the verified pairs and the spin view's candidates: the
//! pairs two steps apart, the stars, the spin links (a spun copy and its
//! source are a candidate pair) and the light spins (inside a star). So the
//! components are packed into parts, each part's pairs wait in a temporary
//! file of its own ([`PairSpill`]), and each part is clustered alone, its
//! documents renumbered in index order so that every tie breaks as in the
//! whole. The stars of all parts, numbered together ([`finish`]), are the
//! clusters the whole corpus gives in one go.
//!
//! One thing depends on more than two documents: a spin bucket too large
//! for all its pairs pairs a chain through it, and which chain depends on
//! every document in the bucket. So the spin candidates are bucketed once,
//! over the whole corpus ([`crate::spin::spin_candidates`]), and each part is given its
//! own.

use super::components::{cluster_with, Context, VerifiedPairs};
use crate::cluster::{finish, Cluster, Clustering};
use crate::collections::union_find::UnionFind;
use crate::signing::DocInfo;
use crate::spill::SignatureRows;
use crate::stats::RunStats;
use crate::verify::{Edge, PairScores};
use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};

/// Which part each document is clustered in.
#[derive(Clone, Debug, PartialEq)]
pub struct Parts {
    /// The part of each document index.
    pub part_of: Vec<u32>,
    /// How many parts.
    pub count: usize,
}

impl Parts {
    /// The documents of each part, in index order.
    pub fn members(&self) -> Vec<Vec<u32>> {
        let mut members = vec![Vec::new(); self.count];
        for (d, &p) in self.part_of.iter().enumerate() {
            members[p as usize].push(d as u32);
        }
        members
    }
}

/// The connected components of the pairs it is given ([`PartPlan::join`]:
/// the verified pairs and the spin candidates), to be packed into parts.
pub struct PartPlan {
    n: usize,
    uf: UnionFind,
}

impl PartPlan {
    /// A plan for `n` documents, each its own component so far.
    pub fn new(n: usize) -> Self {
        PartPlan {
            n,
            uf: UnionFind::new(n),
        }
    }

    /// Puts documents `a` and `b` in one component.
    pub fn join(&mut self, a: u32, b: u32) {
        self.uf.union(a, b);
    }

    /// Packs the components into parts of at most `max_docs` documents (a
    /// larger component is a part of its own), in the order of each
    /// component's first document.
    pub fn into_parts(mut self, max_docs: usize) -> Parts {
        let n = self.n;
        let roots: Vec<u32> = (0..n as u32).map(|d| self.uf.find(d)).collect();
        let mut size = vec![0u32; n];
        for &r in &roots {
            size[r as usize] += 1;
        }
        // A component's part is decided at its first document.
        let mut part_of_root = vec![u32::MAX; n];
        let (mut part, mut filled) = (0u32, 0usize);
        let mut part_of = Vec::with_capacity(n);
        for &r in &roots {
            if part_of_root[r as usize] == u32::MAX {
                let s = size[r as usize] as usize;
                if filled > 0 && filled + s > max_docs.max(1) {
                    part += 1;
                    filled = 0;
                }
                filled += s;
                part_of_root[r as usize] = part;
            }
            part_of.push(part_of_root[r as usize]);
        }
        Parts {
            part_of,
            count: if n == 0 { 0 } else { part as usize + 1 },
        }
    }
}

/// Verified pairs put aside, one temporary file per part.
pub struct PairSpill {
    files: Vec<BufWriter<File>>,
    counts: Vec<u64>,
    /// The first write that failed: later pushes are dropped, and
    /// [`PairSpill::into_parts`] returns it.
    failed: Option<io::Error>,
}

/// Bytes of one pair in a spill file.
const PAIR_BYTES: usize = 4 + 4 + 8 * 3 + 4 + 1;

impl PairSpill {
    /// One empty file for each of `parts` parts.
    pub fn new(parts: usize) -> io::Result<Self> {
        let files = (0..parts)
            .map(|_| tempfile::tempfile().map(BufWriter::new))
            .collect::<io::Result<Vec<_>>>()?;
        Ok(PairSpill {
            files,
            counts: vec![0; parts],
            failed: None,
        })
    }

    /// Bytes written so far.
    pub fn bytes(&self) -> u64 {
        self.counts.iter().sum::<u64>() * PAIR_BYTES as u64
    }

    /// Puts `e` in `part`'s file (a failed write is kept for
    /// [`PairSpill::into_parts`]).
    pub fn push(&mut self, part: u32, e: &Edge) {
        if self.failed.is_some() {
            return;
        }
        let s = &e.scores;
        let mut buf = [0u8; PAIR_BYTES];
        buf[0..4].copy_from_slice(&e.a.to_le_bytes());
        buf[4..8].copy_from_slice(&e.b.to_le_bytes());
        buf[8..16].copy_from_slice(&s.jaccard.to_le_bytes());
        buf[16..24].copy_from_slice(&s.a_in_b.to_le_bytes());
        buf[24..32].copy_from_slice(&s.b_in_a.to_le_bytes());
        buf[32..36].copy_from_slice(&(s.matching_bins as u32).to_le_bytes());
        buf[36] = u8::from(s.exact) | (u8::from(s.checked) << 1);
        self.counts[part as usize] += 1;
        if let Err(e) = self.files[part as usize].write_all(&buf) {
            self.failed = Some(e);
        }
    }

    /// The pairs of each part in turn, each file read once and closed; the
    /// first failed write, if any.
    pub fn into_parts(self) -> io::Result<impl Iterator<Item = io::Result<Vec<Edge>>>> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        Ok(self
            .files
            .into_iter()
            .zip(self.counts)
            .map(|(w, count)| read_spilled(w, count)))
    }
}

/// The pairs written to one spill file.
fn read_spilled(w: BufWriter<File>, count: u64) -> io::Result<Vec<Edge>> {
    use std::io::Seek;
    let mut file = w.into_inner().map_err(|e| e.into_error())?;
    file.rewind()?;
    let mut r = BufReader::new(file);
    let mut out = Vec::with_capacity(count as usize);
    let mut buf = [0u8; PAIR_BYTES];
    let f64_at = |b: &[u8], i: usize| f64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes"));
    for _ in 0..count {
        r.read_exact(&mut buf)?;
        out.push(Edge {
            a: u32_at(&buf, 0),
            b: u32_at(&buf, 4),
            scores: PairScores {
                jaccard: f64_at(&buf, 8),
                a_in_b: f64_at(&buf, 16),
                b_in_a: f64_at(&buf, 24),
                matching_bins: u32_at(&buf, 32) as usize,
                exact: buf[36] & 1 == 1,
                checked: buf[36] & 2 == 2,
            },
        });
    }
    Ok(out)
}

/// Clusters the corpus part by part: `part_pairs` yields each part's
/// verified pairs in turn (document indices of the whole, any order;
/// [`PairSpill::into_parts`]; a part it has no item for has no pairs, its
/// documents still clustered), and `spin` the whole corpus's spin
/// candidates ([`crate::spin::spin_candidates`]). The clusters and the
/// pairs kept are the ones [`super::cluster_verified`] gives for all the
/// pairs at once.
#[allow(clippy::too_many_arguments)]
pub fn cluster_parts(
    docs: &[DocInfo],
    words: &SignatureRows,
    spin_sigs: &[u16],
    parts: &Parts,
    mut part_pairs: impl Iterator<Item = io::Result<Vec<Edge>>>,
    spin: Vec<(u32, u32)>,
    (read, boilerplate, params, progress): Context,
    stats: &mut RunStats,
) -> io::Result<(Clustering, VerifiedPairs)> {
    let members = parts.members();
    // Each document's index inside its part.
    let mut local = vec![0u32; docs.len()];
    for m in &members {
        for (i, &d) in m.iter().enumerate() {
            local[d as usize] = i as u32;
        }
    }
    let mut spin_of: Vec<Vec<(u32, u32)>> = vec![Vec::new(); parts.count];
    for (a, b) in spin {
        spin_of[parts.part_of[a as usize] as usize].push((local[a as usize], local[b as usize]));
    }
    let spin_k = params.spin.as_ref().map_or(0, |sp| sp.num_perm);
    let mut stars: Vec<Cluster> = Vec::new();
    let mut pairs = VerifiedPairs::default();
    for (p, m) in members.iter().enumerate() {
        let edges = part_pairs.next().unwrap_or_else(|| Ok(Vec::new()))?;
        let edges = edges
            .into_iter()
            .map(|e| Edge {
                a: local[e.a as usize],
                b: local[e.b as usize],
                ..e
            })
            .collect();
        let part_docs: Vec<DocInfo> = m.iter().map(|&d| docs[d as usize].clone()).collect();
        let table: Vec<u16> =
            words.with_rows(m, |row| m.iter().flat_map(|&d| row(d)).copied().collect());
        let part_words = SignatureRows::borrowed(&table, params.num_perm);
        let part_spin = || {
            Cow::Owned(
                m.iter()
                    .flat_map(|&d| &spin_sigs[d as usize * spin_k..(d as usize + 1) * spin_k])
                    .copied()
                    .collect(),
            )
        };
        let given = params
            .spin
            .is_some()
            .then(|| std::mem::take(&mut spin_of[p]));
        let mut s = RunStats::default();
        let (part_stars, part_pairs) = cluster_with(
            &part_docs,
            &part_words,
            part_spin,
            edges,
            given,
            (read, boilerplate, params, progress),
            &mut s,
        );
        let global = |d: u32| m[d as usize];
        stars.extend(part_stars.into_iter().map(|mut c| {
            c.origin = global(c.origin);
            c.members.iter_mut().for_each(|x| x.doc = global(x.doc));
            c
        }));
        pairs
            .shingles
            .extend(part_pairs.shingles.into_iter().map(|e| Edge {
                a: global(e.a),
                b: global(e.b),
                ..e
            }));
        pairs
            .aligner
            .extend(part_pairs.aligner.into_iter().map(|mut l| {
                l.a = global(l.a);
                l.b = global(l.b);
                l
            }));
        add_part_stats(stats, s);
    }
    // One run lists the pairs in index order (the aligner's as it checked
    // them, by their two origins): so do the parts together.
    pairs.shingles.sort_unstable_by_key(|e| (e.a, e.b));
    pairs.aligner.sort_by_key(|l| (l.a, l.b));
    Ok((finish(stars, docs), pairs))
}

/// Adds a part's counters and times to the run's (a stage timed in every
/// part is one stage of the run, its times added).
fn add_part_stats(stats: &mut RunStats, part: RunStats) {
    stats.closed_pairs += part.closed_pairs;
    if let Some(sp) = part.spin {
        stats.spin.get_or_insert_with(Default::default).add(&sp);
    }
    for (name, t) in part.stages {
        match stats.stages.iter_mut().find(|s| s.0 == name) {
            Some(s) => s.1 += t,
            None => stats.stages.push((name, t)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_packed_whole_in_first_document_order() {
        // Components {0, 3}, {1, 2, 5}, {4}, {6}; at most 3 documents a part.
        let edges = [(0u32, 3u32), (1, 2)];
        let spin = [(2u32, 5u32)];
        let plan = |max_docs| {
            let mut plan = PartPlan::new(7);
            edges
                .iter()
                .chain(&spin)
                .for_each(|&(a, b)| plan.join(a, b));
            plan.into_parts(max_docs)
        };
        let parts = plan(3);
        // {0,3} opens part 0; {1,2,5} would make 5: part 1; {4} fills it
        // to 4 > 3: part 2, with {6}.
        assert_eq!(parts.part_of, vec![0, 1, 1, 0, 2, 1, 2]);
        assert_eq!(parts.count, 3);
        assert_eq!(parts.members()[1], vec![1, 2, 5]);
        let one = plan(100);
        assert_eq!(one.count, 1);
    }

    #[test]
    fn spilled_pairs_come_back_as_written() {
        let e = |a, b, j: f64| Edge {
            a,
            b,
            scores: PairScores {
                jaccard: j,
                a_in_b: j / 3.0,
                b_in_a: 0.1 + j,
                matching_bins: 77,
                exact: a == 0,
                checked: b == 9,
            },
        };
        let mut spill = PairSpill::new(2).unwrap();
        let written = [
            (1, e(0, 4, 0.5)),
            (0, e(2, 9, 0.123_456_789)),
            (1, e(3, 5, 1.0 / 7.0)),
        ];
        for (p, x) in &written {
            spill.push(*p, x);
        }
        let back: Vec<Vec<Edge>> = spill.into_parts().unwrap().map(|r| r.unwrap()).collect();
        assert_eq!(back[0], vec![written[1].1]);
        assert_eq!(back[1], vec![written[0].1, written[2].1]);
    }
}
