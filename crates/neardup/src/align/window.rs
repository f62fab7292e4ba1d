//! Which parts of a text too large to align whole are aligned: the windows.
//!
//! [`super::align_capped`] aligns at most `max_bytes` of each text. The
//! smaller text (in bytes), when over the cap, keeps its beginning
//! ([`prefix`]): with no index of the larger text there is nothing cheaper
//! to choose by, and a reader expects "the first N MB". The larger text is
//! cut into blocks of about `max_bytes / 64` bytes and streamed once,
//! word by word, without keeping its words: each of its word n-grams that
//! is an anchor candidate of the smaller text's window (an n-gram that
//! occurs there at most `max_anchor_freq` times, as [`super::seeds`]
//! uses) scores one for the block it starts in ([`choose`]). The blocks
//! with the highest scores are taken, most first, until `max_bytes` is
//! used; adjacent ones merge into one window. A passage copied from deep
//! inside a 100 MB file is found where it is, not only when it happens to
//! lie in the first megabytes; the few anchors a different text shares by
//! chance (stock phrases) score a block far below one that holds a copy,
//! whose every n-gram is an anchor.
//!
//! The stream costs one tokenisation of the larger text, `O(n)` time and
//! `O(blocks)` memory (a few thousand counters for 100 MB); only the
//! windows are then tokenised again and kept, so the alignment's memory
//! follows `max_bytes`, not the texts.

use super::seeds::{gram_hash, GramIndex};
use super::Span;
use crate::text::for_each_token;

/// Blocks per `max_bytes`: enough that windows follow the copied passages
/// closely (a 4 MiB cap gives 64 KiB blocks), few enough that the block
/// counters stay tiny.
const BLOCKS_PER_CAP: usize = 64;

/// Smallest block, in bytes (a cap of a few kilobytes in tests still gives
/// blocks of a few sentences).
const MIN_BLOCK: usize = 64;

/// The words of `text` whose end is at most `max_bytes` into it, as one
/// window from the first byte, and the number of words of the whole text.
pub(super) fn prefix(text: &str, max_bytes: usize, seed: u64) -> (Vec<Span>, usize) {
    let mut end = 0;
    let mut words = 0;
    for_each_token(text, seed, &mut Vec::new(), |t| {
        words += 1;
        if t.end <= max_bytes {
            end = t.end;
        }
    });
    (vec![Span { start: 0, end }], words)
}

/// Per block of the large text: its anchor score and the extent of the
/// words that start in it.
#[derive(Clone, Copy)]
struct Block {
    score: u32,
    first_start: usize,
    last_end: usize,
}

/// The windows of `text` (at most `max_bytes` in all, in text order, each
/// from a word's start to a word's end) where the anchor candidates of
/// `index` (n-grams of `n` words occurring at most `max_freq` times in the
/// other text) are densest, and the number of words of the whole text.
/// No anchor at all: the first `max_bytes`, as [`prefix`].
pub(super) fn choose(
    text: &str,
    index: &GramIndex,
    n: usize,
    max_freq: usize,
    max_bytes: usize,
    seed: u64,
) -> (Vec<Span>, usize) {
    let block_bytes = (max_bytes / BLOCKS_PER_CAP).max(MIN_BLOCK);
    let empty = Block {
        score: 0,
        first_start: usize::MAX,
        last_end: 0,
    };
    let mut blocks = vec![empty; text.len() / block_bytes + 1];
    // The last n word hashes and the block of each word, as rings.
    let n = n.max(1);
    let mut recent = vec![0u64; n];
    let mut recent_block = vec![0usize; n];
    let mut gram = vec![0u64; n];
    let mut words = 0usize;
    for_each_token(text, seed, &mut Vec::new(), |t| {
        let k = t.start / block_bytes;
        let b = &mut blocks[k];
        b.first_start = b.first_start.min(t.start);
        b.last_end = t.end;
        recent[words % n] = t.hash;
        recent_block[words % n] = k;
        words += 1;
        if words >= n {
            // The n-gram that starts at word `words - n`, oldest first.
            for (i, g) in gram.iter_mut().enumerate() {
                *g = recent[(words + i) % n];
            }
            if index.is_anchor(gram_hash(&gram), max_freq) {
                // Both the block of its first word and of its last: the
                // last words of a copied passage may start a block of
                // their own.
                let first = recent_block[words % n];
                blocks[first].score += 1;
                if k != first {
                    blocks[k].score += 1;
                }
            }
        }
    });
    let windows = take_densest(&blocks, max_bytes);
    if windows.is_empty() {
        return prefix(text, max_bytes, seed);
    }
    (windows, words)
}

/// The blocks with the highest scores (ties: the earlier) whose merged
/// windows fit in `max_bytes`, as windows in text order. A block that
/// would overflow the budget is passed over and lower-scored ones are
/// still tried, so the budget is used by what fits. A block taken brings
/// its neighbours that score, when they fit. Blocks with no word
/// start are left out first: the blocks on either side of one hold
/// adjacent words, and merge when both are taken.
fn take_densest(blocks: &[Block], max_bytes: usize) -> Vec<Span> {
    let blocks: Vec<Block> = blocks
        .iter()
        .copied()
        .filter(|b| b.first_start != usize::MAX)
        .collect();
    let mut order: Vec<usize> = (0..blocks.len()).filter(|&k| blocks[k].score > 0).collect();
    order.sort_unstable_by_key(|&k| (std::cmp::Reverse(blocks[k].score), k));
    let mut taken = vec![false; blocks.len()];
    let mut used = 0usize;
    for k in order {
        if taken[k] {
            continue;
        }
        // A block and then its neighbours that hold anchors too: the ends
        // of a copied passage, whose blocks score less than its middle,
        // come with it before scattered stock phrases elsewhere.
        for j in [Some(k), k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
        {
            if j >= blocks.len() || taken[j] || (j != k && blocks[j].score == 0) {
                continue;
            }
            // What taking j adds: its words, and the gap to a taken
            // neighbour that it closes (the whitespace between words).
            let b = blocks[j];
            let mut cost = b.last_end - b.first_start;
            if j > 0 && taken[j - 1] {
                cost += b.first_start - blocks[j - 1].last_end;
            }
            if j + 1 < blocks.len() && taken[j + 1] {
                cost += blocks[j + 1].first_start - b.last_end;
            }
            if used + cost <= max_bytes {
                taken[j] = true;
                used += cost;
            } else if j == k {
                break;
            }
        }
    }
    let mut windows: Vec<Span> = Vec::new();
    for (k, b) in blocks.iter().enumerate() {
        if !taken[k] {
            continue;
        }
        match windows.last_mut() {
            Some(w) if k > 0 && taken[k - 1] => w.end = b.last_end,
            _ => windows.push(Span {
                start: b.first_start,
                end: b.last_end,
            }),
        }
    }
    windows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(score: u32, first_start: usize, last_end: usize) -> Block {
        Block {
            score,
            first_start,
            last_end,
        }
    }

    #[test]
    fn densest_blocks_first_within_the_budget() {
        let blocks = [
            block(1, 0, 9),
            block(5, 10, 19),
            block(9, 20, 29),
            block(0, 30, 39),
            block(7, 40, 49),
        ];
        // 29 bytes: block 2 (9 bytes) and its neighbour 1 (9 + 1 of gap),
        // then 4 (9); not 3, which has no anchor.
        assert_eq!(
            take_densest(&blocks, 29),
            [Span { start: 10, end: 29 }, Span { start: 40, end: 49 }]
        );
        // 19 bytes: block 2 and its neighbour 1 come before block 4.
        assert_eq!(take_densest(&blocks, 19), [Span { start: 10, end: 29 }]);
        // Nothing scores: no windows.
        assert!(take_densest(&[block(0, 0, 9)], 100).is_empty());
    }

    #[test]
    fn an_empty_block_does_not_split_a_window() {
        let none = block(0, usize::MAX, 0);
        let blocks = [block(3, 0, 9), none, block(3, 130, 139)];
        assert_eq!(take_densest(&blocks, 1000), [Span { start: 0, end: 139 }]);
    }

    #[test]
    fn prefix_ends_at_a_word() {
        let (w, words) = prefix("one two three four", 10, 0);
        assert_eq!((w, words), (vec![Span { start: 0, end: 7 }], 4));
    }
}
