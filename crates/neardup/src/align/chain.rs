//! From tiles to passages: chaining tiles across short gaps, settling
//! conflicts between chains, and growing passages at their ends.

use super::gaps::Lcs;
use super::Seg;

/// Everything the chaining steps read.
pub(super) struct Ctx<'a> {
    pub ha: &'a [u64],
    pub hb: &'a [u64],
    /// Most unmatched words allowed in a gap, on each side.
    pub max_gap: usize,
    /// Most words (matched or not) allowed in a gap, on each side.
    pub raw_cap: usize,
    /// Tiles at least this long may not sit inside another chain's gap.
    pub long_tile: usize,
    /// Fewest verbatim words for a passage.
    pub min_words: usize,
    /// Words of A that start a paragraph (empty: no paragraphs known).
    pub a_para: &'a [bool],
    /// Words of B that start a paragraph.
    pub b_para: &'a [bool],
}

/// Whether the gap between `p` (earlier) and `t` (later) may be bridged:
/// both sides within `raw_cap` words, and at most `max_gap` words left
/// unmatched on each side by the LCS of the gap, or (for two runs on the
/// same diagonal) a quarter of the gap's words matching in place.
/// Returns `(unmatched, total)` gap sizes for ranking, or None.
fn gap_cost(ctx: &Ctx, lcs: &mut Lcs, p: Seg, t: Seg) -> Option<(usize, usize)> {
    if t.a < p.a_end() || t.b < p.b_end() {
        return None;
    }
    let ga = t.a - p.a_end();
    let gb = t.b - p.b_end();
    if ga > ctx.raw_cap || gb > ctx.raw_cap {
        return None;
    }
    if ga != gb && ga.abs_diff(gb) > ctx.max_gap {
        return None; // at least the difference is left unmatched
    }
    let common = if ga.max(gb) <= ctx.max_gap {
        0 // already short enough; no need to look inside
    } else {
        lcs.len(&ctx.ha[p.a_end()..t.a], &ctx.hb[p.b_end()..t.b])
    };
    let unmatched = ga.max(gb) - common;
    if unmatched <= ctx.max_gap {
        return Some((unmatched, ga + gb));
    }
    // A longer gap between two runs on the same diagonal is bridged when at
    // least a quarter of its words still match in place: a heavily spun
    // stretch (unrelated text matches in place a few times in a hundred).
    let in_place = if ga == gb {
        let (x, y) = (&ctx.ha[p.a_end()..t.a], &ctx.hb[p.b_end()..t.b]);
        x.iter().zip(y).filter(|(u, v)| u == v).count()
    } else {
        0
    };
    (ga == gb && in_place * 4 >= ga).then_some((unmatched, ga + gb))
}

/// How good a bridge is: fewer unmatched gap words, then fewer gap words,
/// then the chain with more verbatim words.
type GapRank = (usize, usize, std::cmp::Reverse<usize>);

/// Chains tiles (sorted by A) into candidate passages. A tile joins the
/// open chain whose last tile it follows in both texts with the cheapest
/// bridgeable gap; gaps may hold short tiles of other chains, not long ones.
pub(super) fn chain_tiles(ctx: &Ctx, lcs: &mut Lcs, tiles: &[Seg]) -> Vec<Vec<Seg>> {
    let (na, nb) = (ctx.ha.len(), ctx.hb.len());
    // Length of the tile holding each word (0 for none).
    let mut a_len = vec![0u32; na];
    let mut b_len = vec![0u32; nb];
    for t in tiles {
        a_len[t.a..t.a_end()].fill(t.len as u32);
        b_len[t.b..t.b_end()].fill(t.len as u32);
    }
    let long = ctx.long_tile as u32;
    let mut chains: Vec<Vec<Seg>> = Vec::new();
    let mut words: Vec<usize> = Vec::new();
    let mut active: Vec<usize> = Vec::new();
    for &t in tiles {
        active.retain(|&c| chains[c].last().expect("non-empty chain").a_end() + ctx.raw_cap >= t.a);
        let mut best: Option<(GapRank, usize)> = None;
        for &c in &active {
            let p = *chains[c].last().expect("non-empty chain");
            if t.a < p.a_end()
                || t.b < p.b_end()
                || t.a - p.a_end() > ctx.raw_cap
                || t.b - p.b_end() > ctx.raw_cap
                || a_len[p.a_end()..t.a].iter().any(|&l| l >= long)
                || b_len[p.b_end()..t.b].iter().any(|&l| l >= long)
            {
                continue;
            }
            let Some((unmatched, total)) = gap_cost(ctx, lcs, p, t) else {
                continue;
            };
            let key = (unmatched, total, std::cmp::Reverse(words[c]));
            if !matches!(best, Some((k, _)) if k <= key) {
                best = Some((key, c));
            }
        }
        match best {
            Some((_, c)) => {
                chains[c].push(t);
                words[c] += t.len;
            }
            None => {
                active.push(chains.len());
                chains.push(vec![t]);
                words.push(t.len);
            }
        }
    }
    chains
}

/// Settles conflicts: chains are taken by verbatim words, most first; each
/// keeps the tiles and gaps no earlier passage took, split where a gap can
/// no longer be bridged. Pieces with at least `min_words` verbatim words
/// become passages and claim their words (`a_claim`, `b_claim`).
pub(super) fn resolve(
    ctx: &Ctx,
    lcs: &mut Lcs,
    chains: Vec<Vec<Seg>>,
    a_claim: &mut [bool],
    b_claim: &mut [bool],
) -> Vec<Vec<Seg>> {
    let mut order: Vec<(usize, usize, usize)> = chains
        .iter()
        .enumerate()
        .map(|(c, ch)| (ch.iter().map(|s| s.len).sum(), ch[0].a, c))
        .collect();
    order.sort_unstable_by_key(|&(w, a, c)| (std::cmp::Reverse(w), a, c));
    let mut out = Vec::new();
    for (_, _, c) in order {
        let mut piece: Vec<Seg> = Vec::new();
        for &t in &chains[c] {
            let free = !a_claim[t.a..t.a_end()].iter().any(|&x| x)
                && !b_claim[t.b..t.b_end()].iter().any(|&x| x);
            if !free {
                close(ctx, &mut piece, a_claim, b_claim, &mut out);
                continue;
            }
            if let Some(&p) = piece.last() {
                let gap_free = !a_claim[p.a_end()..t.a].iter().any(|&x| x)
                    && !b_claim[p.b_end()..t.b].iter().any(|&x| x);
                if !gap_free || gap_cost(ctx, lcs, p, t).is_none() {
                    close(ctx, &mut piece, a_claim, b_claim, &mut out);
                }
            }
            piece.push(t);
        }
        close(ctx, &mut piece, a_claim, b_claim, &mut out);
    }
    out
}

/// Ends a piece: kept as a passage (claiming its words) when big enough.
fn close(
    ctx: &Ctx,
    piece: &mut Vec<Seg>,
    a_claim: &mut [bool],
    b_claim: &mut [bool],
    out: &mut Vec<Vec<Seg>>,
) {
    if piece.is_empty() {
        return;
    }
    let words: usize = piece.iter().map(|s| s.len).sum();
    if words >= ctx.min_words {
        let (first, last) = (piece[0], piece[piece.len() - 1]);
        a_claim[first.a..last.a_end()].fill(true);
        b_claim[first.b..last.b_end()].fill(true);
        out.push(std::mem::take(piece));
    } else {
        piece.clear();
    }
}

/// Drops short tiles from the ends of passages when the gap that joins
/// them to the rest is lopsided: at least as many words more on one side
/// than the tile is long. Such a tile is a stock phrase that both texts
/// happen to end (or start) with, not more of the copy: a wire credit
/// "Copyright 2026 Continental Wire. All rights reserved" chained to a
/// site's footer "© 2026 The Kessham Tribune Media Group Ltd. All rights
/// reserved". A rewrite keeps its word count nearly equal, so spun
/// passages keep their ends. Words left are unclaimed; a passage keeps at
/// least `min_words` verbatim words.
pub(super) fn trim_weak_ends(
    ctx: &Ctx,
    passages: &mut [Vec<Seg>],
    a_claim: &mut [bool],
    b_claim: &mut [bool],
) {
    let weak = |inner: Seg, end: Seg| {
        let (ga, gb) = if end.a >= inner.a_end() {
            (end.a - inner.a_end(), end.b - inner.b_end())
        } else {
            (inner.a - end.a_end(), inner.b - end.b_end())
        };
        end.len < ctx.long_tile && ga.abs_diff(gb) >= end.len
    };
    for segs in passages.iter_mut() {
        let mut words: usize = segs.iter().map(|s| s.len).sum();
        while segs.len() >= 2 {
            let (end, inner) = (segs[segs.len() - 1], segs[segs.len() - 2]);
            if !weak(inner, end) || words - end.len < ctx.min_words {
                break;
            }
            a_claim[inner.a_end()..end.a_end()].fill(false);
            b_claim[inner.b_end()..end.b_end()].fill(false);
            words -= end.len;
            segs.pop();
        }
        while segs.len() >= 2 {
            let (end, inner) = (segs[0], segs[1]);
            if !weak(inner, end) || words - end.len < ctx.min_words {
                break;
            }
            a_claim[end.a..inner.a].fill(false);
            b_claim[end.b..inner.b].fill(false);
            words -= end.len;
            segs.remove(0);
        }
    }
}

/// One text seen from a passage edge outward: word `q` is the `q`-th free
/// word away from the edge.
struct Side<'a> {
    h: &'a [u64],
    claim: &'a [bool],
    /// Words that start a paragraph.
    para: &'a [bool],
    /// First word just outside the edge (counting outward from it).
    origin: usize,
    /// True when walking toward the start of the text.
    backward: bool,
}

impl Side<'_> {
    /// Index of the `q`-th word outward, if inside the text.
    fn index(&self, q: usize) -> Option<usize> {
        if self.backward {
            self.origin.checked_sub(q + 1)
        } else {
            let i = self.origin + q;
            (i < self.h.len()).then_some(i)
        }
    }
    /// Hash of the `q`-th word outward when it is in the text and free.
    fn at(&self, q: usize) -> Option<u64> {
        self.index(q).filter(|&i| !self.claim[i]).map(|i| self.h[i])
    }
    /// True when `q` words outward is exactly the end of the text.
    fn edge(&self, q: usize) -> bool {
        self.index(q).is_none() && (q == 0 || self.index(q - 1).is_some())
    }
    /// Paragraph breaks crossed by taking words `q0..q1` outward.
    fn breaks(&self, q0: usize, q1: usize) -> usize {
        let starts = |i: usize| self.para.get(i).copied().unwrap_or(false);
        (q0..q1)
            .filter_map(|q| self.index(q))
            .filter(|&i| {
                if self.backward {
                    starts(i + 1)
                } else {
                    starts(i)
                }
            })
            .count()
    }
}

/// Walks outward from a passage edge over substitution blocks of at most
/// `max_block` words a side, each followed by matching words (one after a
/// one-word swap, two after a larger block), or ending exactly at the start
/// (end) of both texts with an equal-size block. Every step crosses as many
/// paragraph breaks in A as in B: a walk that would leave the paragraph on
/// one side only (a copy that dropped the dateline, whose headline names the
/// same place) stops. Returns how many words were taken on each side and the
/// matched offsets.
fn walk(
    a: &Side,
    b: &Side,
    max_block: usize,
    budget: usize,
    matches: &mut Vec<(usize, usize)>,
) -> (usize, usize) {
    matches.clear();
    let (mut qa, mut qb) = (0, 0);
    let mut spent = 0;
    loop {
        if let (Some(x), Some(y)) = (a.at(qa), b.at(qb)) {
            if x == y && a.breaks(qa, qa + 1) == b.breaks(qb, qb + 1) {
                matches.push((qa, qb));
                qa += 1;
                qb += 1;
                continue;
            }
        }
        let mut step = None;
        'search: for size in 2..=2 * max_block {
            for k in 1..=max_block.min(size - 1) {
                let m = size - k;
                if m > max_block || spent + k.max(m) > budget {
                    continue;
                }
                let free = (0..k).all(|d| a.at(qa + d).is_some())
                    && (0..m).all(|d| b.at(qb + d).is_some());
                if !free {
                    continue;
                }
                let need = if k == 1 && m == 1 { 1 } else { 2 };
                let follows = (0..need).all(|d| match (a.at(qa + k + d), b.at(qb + m + d)) {
                    (Some(x), Some(y)) => {
                        x == y
                            && a.breaks(qa + k + d, qa + k + d + 1)
                                == b.breaks(qb + m + d, qb + m + d + 1)
                    }
                    _ => false,
                }) && a.breaks(qa, qa + k) == b.breaks(qb, qb + m);
                if follows {
                    step = Some((k, m));
                    break 'search;
                }
            }
        }
        if let Some((k, m)) = step {
            qa += k;
            qb += m;
            spent += k.max(m);
            continue;
        }
        // The last block before the start (end) of both texts.
        for k in 1..=max_block {
            if spent + k > budget {
                break;
            }
            if (0..k).all(|d| a.at(qa + d).is_some() && b.at(qb + d).is_some())
                && a.edge(qa + k)
                && b.edge(qb + k)
                && a.breaks(qa, qa + k) == b.breaks(qb, qb + k)
            {
                qa += k;
                qb += k;
                break;
            }
        }
        return (qa, qb);
    }
}

/// Grows each passage at both ends past short substitutions into free words
/// (see [`walk`]), claiming what it takes.
pub(super) fn extend_edges(
    ctx: &Ctx,
    passages: &mut [Vec<Seg>],
    a_claim: &mut [bool],
    b_claim: &mut [bool],
    max_block: usize,
) {
    let mut matches = Vec::new();
    for segs in passages.iter_mut() {
        for backward in [true, false] {
            let edge = if backward {
                segs[0]
            } else {
                segs[segs.len() - 1]
            };
            let (oa, ob) = if backward {
                (edge.a, edge.b)
            } else {
                (edge.a_end(), edge.b_end())
            };
            let sa = Side {
                h: ctx.ha,
                claim: a_claim,
                para: ctx.a_para,
                origin: oa,
                backward,
            };
            let sb = Side {
                h: ctx.hb,
                claim: b_claim,
                para: ctx.b_para,
                origin: ob,
                backward,
            };
            let (ea, eb) = walk(&sa, &sb, max_block, ctx.max_gap, &mut matches);
            if ea == 0 {
                continue;
            }
            // Matched words become one-word segments (merged below).
            let mut new: Vec<Seg> = matches
                .iter()
                .map(|&(qa, qb)| Seg {
                    a: sa.index(qa).expect("walked word"),
                    b: sb.index(qb).expect("walked word"),
                    len: 1,
                })
                .collect();
            let (ra, rb) = if backward {
                (oa - ea..oa, ob - eb..ob)
            } else {
                (oa..oa + ea, ob..ob + eb)
            };
            a_claim[ra.clone()].fill(true);
            b_claim[rb.clone()].fill(true);
            new.extend(segs.iter().copied());
            new.sort_unstable_by_key(|s| s.a);
            *segs = merge_adjacent(&new);
            if let Some(ends) = boundary_ends(segs, ra.start, rb.start, ra.end, rb.end, backward) {
                *segs = ends;
            }
        }
    }
}

/// Joins segments that continue each other on one diagonal.
fn merge_adjacent(segs: &[Seg]) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    for &s in segs {
        if let Some(p) = out.last_mut() {
            if p.a_end() == s.a && p.b_end() == s.b {
                p.len += s.len;
                continue;
            }
        }
        out.push(s);
    }
    out
}

/// When a walk ended with a block at the text boundary, the passage must
/// still start (end) there: a zero-length segment marks the boundary.
fn boundary_ends(
    segs: &[Seg],
    a_lo: usize,
    b_lo: usize,
    a_hi: usize,
    b_hi: usize,
    backward: bool,
) -> Option<Vec<Seg>> {
    if backward {
        let first = segs[0];
        if first.a == a_lo && first.b == b_lo {
            return None;
        }
        let mut v = Vec::with_capacity(segs.len() + 1);
        v.push(Seg {
            a: a_lo,
            b: b_lo,
            len: 0,
        });
        v.extend_from_slice(segs);
        Some(v)
    } else {
        let last = segs[segs.len() - 1];
        if last.a_end() == a_hi && last.b_end() == b_hi {
            return None;
        }
        let mut v = segs.to_vec();
        v.push(Seg {
            a: a_hi,
            b: b_hi,
            len: 0,
        });
        Some(v)
    }
}
