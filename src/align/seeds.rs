//! Seeds: shared word n-grams (anchors), the maximal verbatim runs they sit
//! in, and the greedy choice of disjoint runs (tiles).

use super::Seg;

/// Mixes one word hash into an n-gram hash (order-sensitive).
#[inline]
fn mix(h: u64, w: u64) -> u64 {
    (h.rotate_left(27) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// `(n-gram hash, first word)` for every word n-gram of `h`, sorted.
pub(super) fn gram_hashes(h: &[u64], n: usize) -> Vec<(u64, u32)> {
    if n == 0 || h.len() < n {
        return Vec::new();
    }
    let mut out: Vec<(u64, u32)> = h
        .windows(n)
        .enumerate()
        .map(|(i, w)| (w.iter().fold(n as u64, |acc, &x| mix(acc, x)), i as u32))
        .collect();
    // Order inside a group of equal hashes does not matter: the anchors
    // are sorted by position afterwards.
    out.sort_unstable_by_key(|g| g.0);
    out
}

/// Anchors: `(i, j)` such that the n-gram starting at word `i` of A has the
/// same hash as the one starting at word `j` of B. N-grams that occur more
/// than `max_freq` times on either side are left out.
///
/// A merge join of the two sorted gram lists: no hash map, no allocation
/// per gram.
pub(super) fn anchors(ha: &[u64], hb: &[u64], n: usize, max_freq: usize) -> Vec<(usize, usize)> {
    let ga = gram_hashes(ha, n);
    let gb = gram_hashes(hb, n);
    let mut out = Vec::new();
    let (mut x, mut y) = (0, 0);
    while x < ga.len() && y < gb.len() {
        let (hx, hy) = (ga[x].0, gb[y].0);
        if hx < hy {
            x += 1;
        } else if hx > hy {
            y += 1;
        } else {
            let xe = x + ga[x..].iter().take_while(|g| g.0 == hx).count();
            let ye = y + gb[y..].iter().take_while(|g| g.0 == hx).count();
            if xe - x <= max_freq && ye - y <= max_freq {
                for gx in &ga[x..xe] {
                    for gy in &gb[y..ye] {
                        out.push((gx.1 as usize, gy.1 as usize));
                    }
                }
            }
            x = xe;
            y = ye;
        }
    }
    out
}

/// The maximal runs of equal words (on one diagonal) that contain an anchor,
/// each once.
pub(super) fn maximal_runs(
    ha: &[u64],
    hb: &[u64],
    n: usize,
    mut anchors: Vec<(usize, usize)>,
) -> Vec<Seg> {
    let nb = hb.len();
    // Diagonal key i - j shifted to be non-negative; within a diagonal by i.
    anchors.sort_unstable_by_key(|&(i, j)| ((i + nb - j) as u128) << 64 | i as u128);
    let mut out: Vec<Seg> = Vec::new();
    let mut last: Option<(usize, usize)> = None; // (diagonal key, end in A)
    for (i, j) in anchors {
        let diag = i + nb - j;
        if let Some((d, end)) = last {
            if d == diag && i < end {
                continue; // inside the run already found on this diagonal
            }
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
        last = Some((diag, e));
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
