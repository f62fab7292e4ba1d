//! Seeds: shared word n-grams (anchors), the maximal verbatim runs they sit
//! in, and the greedy choice of disjoint runs (tiles).

use super::Seg;

/// Mixes one word hash into an n-gram hash (order-sensitive).
#[inline]
fn mix(h: u64, w: u64) -> u64 {
    (h.rotate_left(27) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Hash of one word n-gram.
#[inline]
pub(super) fn gram_hash(w: &[u64]) -> u64 {
    w.iter().fold(w.len() as u64, |acc, &x| mix(acc, x))
}

/// The word n-grams of one text, by hash: an open-addressing table of the
/// distinct n-grams, each with the words where it starts. Built once for a
/// text aligned with many others (a cluster's origin); the other text's
/// n-grams are looked up in it one by one, in their order, so that side is
/// never sorted or indexed.
#[derive(Clone)]
pub(super) struct GramIndex {
    n: usize,
    /// Distinct id + 1 in each slot (0: empty); the length is a power of two.
    slots: Vec<u32>,
    /// Per distinct id: its hash.
    keys: Vec<u64>,
    /// Per distinct id: where its positions start in `positions` (one more
    /// entry at the end).
    starts: Vec<u32>,
    /// First words of the n-grams, grouped by distinct id.
    positions: Vec<u32>,
}

impl GramIndex {
    /// Indexes the `n`-grams of the word hashes `h`.
    pub(super) fn new(h: &[u64], n: usize) -> Self {
        let grams: Vec<(u64, u32)> = if n == 0 || h.len() < n {
            Vec::new()
        } else {
            h.windows(n)
                .enumerate()
                .map(|(i, w)| (gram_hash(w), i as u32))
                .collect()
        };
        let grams = crate::collections::spread_sort::sort_by_hash(&grams, |g| g.0);
        let mut keys = Vec::new();
        let mut starts = Vec::new();
        for (k, g) in grams.iter().enumerate() {
            if keys.last() != Some(&g.0) {
                keys.push(g.0);
                starts.push(k as u32);
            }
        }
        starts.push(grams.len() as u32);
        let mut slots = vec![0u32; (2 * keys.len()).next_power_of_two().max(2)];
        let mask = slots.len() - 1;
        for (id, &key) in keys.iter().enumerate() {
            let mut at = key as usize & mask;
            while slots[at] != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = id as u32 + 1;
        }
        GramIndex {
            n,
            slots,
            keys,
            starts,
            positions: grams.into_iter().map(|g| g.1).collect(),
        }
    }

    /// The distinct id of an n-gram hash, if the text has it.
    #[inline]
    fn find(&self, key: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut at = key as usize & mask;
        loop {
            match self.slots[at] {
                0 => return None,
                id if self.keys[id as usize - 1] == key => return Some(id as usize - 1),
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// True when the n-gram hashed `key` occurs in the text, at most
    /// `max_freq` times: an anchor candidate ([`anchors`] also bounds its
    /// count in the other text).
    pub(super) fn is_anchor(&self, key: u64, max_freq: usize) -> bool {
        self.find(key)
            .is_some_and(|id| self.positions(id).len() <= max_freq)
    }

    fn positions(&self, id: usize) -> &[u32] {
        &self.positions[self.starts[id] as usize..self.starts[id + 1] as usize]
    }
}

/// Anchors: `(i, j)` such that the n-gram starting at word `i` of A has the
/// same hash as the one starting at word `j` of B (A given by its index).
/// N-grams that occur more than `max_freq` times on either side are left
/// out. Returned in order of `j`.
pub(super) fn anchors(a: &GramIndex, hb: &[u64], max_freq: usize) -> Vec<(usize, usize)> {
    let n = a.n;
    if n == 0 || hb.len() < n {
        return Vec::new();
    }
    // The A n-gram (distinct id) of each B n-gram, and how often each
    // occurs in B.
    let ids: Vec<Option<usize>> = hb.windows(n).map(|w| a.find(gram_hash(w))).collect();
    let mut in_b = vec![0u32; a.keys.len()];
    for id in ids.iter().flatten() {
        in_b[*id] += 1;
    }
    let mut out = Vec::with_capacity(ids.len());
    for (j, id) in ids.into_iter().enumerate() {
        let Some(id) = id else { continue };
        let at = a.positions(id);
        if at.len() <= max_freq && in_b[id] as usize <= max_freq {
            out.extend(at.iter().map(|&i| (i as usize, j)));
        }
    }
    out
}

/// The maximal runs of equal words (on one diagonal) that contain an anchor,
/// each once. On each diagonal, `anchors` must come in order (of A or,
/// the same there, of B).
pub(super) fn maximal_runs(
    ha: &[u64],
    hb: &[u64],
    n: usize,
    anchors: Vec<(usize, usize)>,
) -> Vec<Seg> {
    let nb = hb.len();
    // End in A of the last run found on each diagonal `i + nb - j`: an
    // anchor before it lies inside that run (anchors come in order).
    let mut run_end = vec![0usize; ha.len() + nb];
    let mut out: Vec<Seg> = Vec::new();
    for (i, j) in anchors {
        let diag = i + nb - j;
        if i < run_end[diag] {
            continue; // inside the run already found on this diagonal
        }
        if ha[i..i + n] != hb[j..j + n] {
            continue; // n-gram hash collision
        }
        let (mut s, mut t) = (i, j);
        while s > 0 && t > 0 && ha[s - 1] == hb[t - 1] {
            s -= 1;
            t -= 1;
        }
        let (mut e, mut f) = (i + n, j + n);
        while e < ha.len() && f < nb && ha[e] == hb[f] {
            e += 1;
            f += 1;
        }
        out.push(Seg {
            a: s,
            b: t,
            len: e - s,
        });
        run_end[diag] = e;
    }
    out
}

/// Greedy tiling: longest runs first, each A word and each B word used at
/// most once. A run that meets words already taken keeps its free stretches
/// of at least `min_len` words. Returns the tiles sorted by position in A.
pub(super) fn tile(mut runs: Vec<Seg>, na: usize, nb: usize, min_len: usize) -> Vec<Seg> {
    runs.sort_unstable_by_key(|r| (std::cmp::Reverse(r.len), r.a, r.b));
    let mut a_used = vec![false; na];
    let mut b_used = vec![false; nb];
    let mut tiles = Vec::new();
    for r in runs {
        let mut k = 0;
        while k < r.len {
            if a_used[r.a + k] || b_used[r.b + k] {
                k += 1;
                continue;
            }
            let s = k;
            while k < r.len && !a_used[r.a + k] && !b_used[r.b + k] {
                k += 1;
            }
            if k - s >= min_len.max(1) {
                a_used[r.a + s..r.a + k].fill(true);
                b_used[r.b + s..r.b + k].fill(true);
                tiles.push(Seg {
                    a: r.a + s,
                    b: r.b + s,
                    len: k - s,
                });
            }
        }
    }
    tiles.sort_unstable_by_key(|t| t.a);
    tiles
}
