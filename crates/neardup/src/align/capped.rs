//! Alignment with a stated bound: at most `max_bytes` of each text.
//!
//! The aligner keeps every word of both texts with its span and hash
//! (about 40 bytes a word, 600 MB for a 100 MB text) and indexes one of
//! them; on a 100 MB text that is seconds and a gigabyte. What a reader
//! looks at (passages side by side, substitutions) is never that large,
//! and scores do not come from the alignment (they are computed on the
//! whole texts elsewhere). So [`align_capped`] aligns texts within the cap
//! exactly as [`super::align`] does, and for a larger one aligns only
//! windows of it ([`super::window`]: the larger text where the smaller
//! one's anchors are densest, the smaller one's beginning when it too is
//! over the cap), and says so in [`Alignment::limit`].
//!
//! The windows of one text are aligned as one text: between two windows
//! the aligner sees a barrier of words that match nothing, longer than any
//! gap a passage may bridge and each a paragraph of its own, so no passage
//! runs from one window into the next across the bytes left out. Offsets
//! stay those of the whole text. The counts of words (`a_words`,
//! `b_words`) are the whole texts', so coverage is a share of the whole
//! text: what was not aligned counts as not covered.

use super::{align, align_prepared, window, AlignParams, Alignment, Prepared, Span};
use crate::text::Token;
use serde::Serialize;

/// The cap the command and the library use unless told otherwise: 4 MiB
/// of each text. Aligning 4 MiB against 4 MiB takes about a second and
/// a few hundred megabytes; a news article, a book chapter, most whole
/// books are far below it.
pub const DEFAULT_MAX_ALIGN_BYTES: usize = 4 << 20;

/// What [`align_capped`] left out: present when a text was over the cap.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct AlignLimit {
    /// The cap: most bytes of each text aligned.
    pub max_bytes: usize,
    /// A's part, when A was over the cap (None: A was aligned whole).
    pub a: Option<Part>,
    /// B's part, when B was over the cap.
    pub b: Option<Part>,
}

/// The part of one text that was aligned.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Part {
    /// Bytes of the whole text.
    pub bytes: usize,
    /// Bytes aligned (the windows' total).
    pub aligned_bytes: usize,
    /// Words of the windows.
    pub aligned_words: usize,
    /// The windows aligned, in text order.
    pub windows: Vec<Span>,
    /// How they were chosen.
    pub chosen_by: ChosenBy,
}

/// How the windows of a text over the cap were chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChosenBy {
    /// The text's beginning (the smaller text, or a larger one sharing no
    /// anchor with the other's window).
    Beginning,
    /// Where the other text's anchors are densest.
    SharedAnchors,
}

/// Aligns `a` with `b` as [`align`] does when both are at most `max_bytes`
/// long; otherwise aligns windows of at most `max_bytes` of each (the
/// larger text where the smaller one's anchor phrases are densest, the
/// smaller one's beginning when it too is over; a barrier between two
/// windows) and records them in [`Alignment::limit`]. Offsets and word
/// counts are the whole texts'. A `max_bytes` of 0 means no cap.
pub fn align_capped(a: &str, b: &str, params: &AlignParams, max_bytes: usize) -> Alignment {
    if max_bytes == 0 || (a.len() <= max_bytes && b.len() <= max_bytes) {
        return align(a, b, params);
    }
    let a_is_smaller = a.len() <= b.len();
    let (small, large) = if a_is_smaller { (a, b) } else { (b, a) };
    let (small_windows, small_words) = if small.len() <= max_bytes {
        (vec![whole(small)], None)
    } else {
        let (w, n) = window::prefix(small, max_bytes, params.seed);
        (w, Some(n))
    };
    let ps = windowed(small, &small_windows, params);
    let n = params.anchor_n.max(1).min(ps.words().max(1));
    let (large_windows, large_words) = window::choose(
        large,
        &ps.grams(n),
        n,
        params.max_anchor_freq.max(1),
        max_bytes,
        params.seed,
    );
    let pl = windowed(large, &large_windows, params);
    let (pa, pb) = if a_is_smaller { (&ps, &pl) } else { (&pl, &ps) };
    let mut al = align_prepared(pa, pb, params);
    let small_part = small_words.map(|words| {
        let part = part(small, &ps, small_windows, ChosenBy::Beginning);
        (part, words)
    });
    let chosen = if large_windows.first().is_some_and(|w| w.start > 0) || large_windows.len() > 1 {
        ChosenBy::SharedAnchors
    } else {
        // One window from the first word: the beginning, whether anchors
        // put it there or there were none.
        ChosenBy::Beginning
    };
    let large_part = Some((part(large, &pl, large_windows, chosen), large_words));
    let (a_part, b_part) = if a_is_smaller {
        (small_part, large_part)
    } else {
        (large_part, small_part)
    };
    if let Some((p, words)) = &a_part {
        al.a_words = *words;
        al.a_unmatched = clip(&al.a_unmatched, &p.windows);
    }
    if let Some((p, words)) = &b_part {
        al.b_words = *words;
        al.b_unmatched = clip(&al.b_unmatched, &p.windows);
    }
    al.limit = Some(AlignLimit {
        max_bytes,
        a: a_part.map(|p| p.0),
        b: b_part.map(|p| p.0),
    });
    al
}

fn whole(text: &str) -> Span {
    Span {
        start: 0,
        end: text.len(),
    }
}

/// The record of `windows` of `text`, prepared as `p` (whose words are
/// the windows' words and the barriers').
fn part(text: &str, p: &Prepared, windows: Vec<Span>, chosen_by: ChosenBy) -> Part {
    Part {
        bytes: text.len(),
        aligned_bytes: windows.iter().map(Span::len).sum(),
        aligned_words: p.hashes.iter().filter(|&&h| !is_barrier(h)).count(),
        windows,
        chosen_by,
    }
}

/// First hash of the barrier words; the barrier's `k`-th word hashes to
/// `BARRIER - k`. A real word hashing into this range of a hundred
/// values out of 2^64 is not a concern.
const BARRIER: u64 = u64::MAX;

fn is_barrier(h: u64) -> bool {
    h > BARRIER - 1024
}

/// `text` prepared for alignment with only the words of `windows` (in
/// order, each from a word's start to a word's end), a barrier between
/// two windows. Offsets are the whole text's.
fn windowed<'t>(text: &'t str, windows: &[Span], params: &AlignParams) -> Prepared<'t> {
    // Longer than the longest gap chaining bridges (3 * max_gap_words).
    let barrier = 3 * params.max_gap_words + 1;
    let mut tokens: Vec<Token> = Vec::new();
    let mut starts = Vec::new();
    for (i, w) in windows.iter().enumerate() {
        if i > 0 {
            let at = windows[i - 1].end;
            for k in 0..barrier {
                starts.push(tokens.len());
                tokens.push(Token {
                    start: at,
                    end: at,
                    hash: BARRIER - k as u64,
                });
            }
        }
        starts.push(tokens.len());
        crate::text::for_each_token(w.slice(text), params.seed, &mut Vec::new(), |t| {
            tokens.push(Token {
                start: t.start + w.start,
                end: t.end + w.start,
                hash: t.hash,
            })
        });
    }
    let mut p = Prepared::from_tokens(text, tokens, params);
    for s in starts {
        if let Some(x) = p.para.get_mut(s) {
            *x = true;
        }
    }
    p
}

/// The parts of the sorted, disjoint `spans` inside the sorted, disjoint
/// `windows`: an unmatched stretch that ran over a barrier is cut where
/// the text was left out.
fn clip(spans: &[Span], windows: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut w = 0;
    for s in spans {
        while w < windows.len() && windows[w].end <= s.start {
            w += 1;
        }
        let mut k = w;
        while k < windows.len() && windows[k].start < s.end {
            let (lo, hi) = (s.start.max(windows[k].start), s.end.min(windows[k].end));
            if lo < hi {
                out.push(Span { start: lo, end: hi });
            }
            k += 1;
        }
    }
    out
}

/// Texts for the tests of the cap (here and in [`crate::explain`]): a
/// story of a few hundred words, and a large text with the story deep
/// inside it, among paragraphs of other words.
#[cfg(test)]
pub(crate) mod fixture {
    /// `words` pseudo-random words (`tag` + a number below `vocab`), in
    /// paragraphs of 40.
    pub(crate) fn words(tag: &str, seed: u64, words: usize, vocab: u64) -> String {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut out = String::new();
        for i in 0..words {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if i > 0 {
                out.push_str(if i % 40 == 0 { ".\n\n" } else { " " });
            }
            out.push_str(&format!("{tag}{}", x % vocab));
        }
        out
    }

    /// The story (A), and the large text (B) holding it with every 25th
    /// word changed, after `before` words of other text and before 500.
    pub(crate) fn story_deep_inside(before: usize) -> (String, String) {
        let story = words("story", 1, 400, 5000);
        let edited: Vec<String> = story
            .split(' ')
            .enumerate()
            .map(|(i, w)| {
                if i % 25 == 12 {
                    "edited".into()
                } else {
                    w.into()
                }
            })
            .collect();
        let large = format!(
            "{}.\n\n{}.\n\n{}",
            words("other", 2, before, 50_000),
            edited.join(" "),
            words("other", 3, 500, 50_000)
        );
        (story, large)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn span(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    #[test]
    fn within_the_cap_it_is_the_whole_alignment() {
        let (a, b) = fixture::story_deep_inside(2_000);
        let p = AlignParams::default();
        let full = align(&a, &b, &p);
        assert_eq!(align_capped(&a, &b, &p, b.len()), full);
        assert_eq!(align_capped(&a, &b, &p, 0), full, "0: no cap");
        assert!(full.limit.is_none());
    }

    #[test]
    fn a_story_deep_inside_a_large_text_is_found_within_the_cap() {
        let (a, b) = fixture::story_deep_inside(20_000);
        let at = b.find("\n\nstory").unwrap() + 2;
        let p = AlignParams::default();
        let cap = 8 << 10;
        assert!(a.len() < cap && b.len() > 20 * cap);
        let full = align(&a, &b, &p);
        for a_first in [true, false] {
            let capped = if a_first {
                align_capped(&a, &b, &p, cap)
            } else {
                align_capped(&b, &a, &p, cap)
            };
            let limit = capped.limit.clone().expect("B is over the cap");
            assert_eq!(limit.max_bytes, cap);
            let (whole, large) = if a_first {
                (limit.a, limit.b.unwrap())
            } else {
                (limit.b, limit.a.unwrap())
            };
            assert!(whole.is_none(), "the story is aligned whole");
            assert_eq!(large.bytes, b.len());
            assert_eq!(large.chosen_by, ChosenBy::SharedAnchors);
            assert!(large.aligned_bytes <= cap, "{}", large.aligned_bytes);
            assert!(
                large.windows.iter().any(|w| w.start <= at && at < w.end),
                "the window holds the story: {:?}",
                large.windows
            );
            // Word counts and coverage are of the whole texts.
            let (na, nb) = (tokenize(&a, p.seed).len(), tokenize(&b, p.seed).len());
            let (story_words, large_words) = if a_first {
                (capped.a_words, capped.b_words)
            } else {
                (capped.b_words, capped.a_words)
            };
            assert_eq!((story_words, large_words), (na, nb));
            if a_first {
                // Nothing else in B shares the story's words: the passages
                // and edits are those of the whole alignment.
                assert_eq!(capped.passages, full.passages);
                assert_eq!(capped.substitutions, full.substitutions);
                assert_eq!(capped.a_unmatched, full.a_unmatched);
                assert_eq!(capped.coverage_a(), full.coverage_a());
                assert_eq!(capped.coverage_b(), full.coverage_b());
                assert!(capped.coverage_a() > 0.95, "{}", capped.coverage_a());
                for u in &capped.b_unmatched {
                    assert!(large
                        .windows
                        .iter()
                        .any(|w| w.start <= u.start && u.end <= w.end));
                }
            } else {
                assert_eq!(capped.passages.len(), full.passages.len());
                assert!(capped.coverage_b() > 0.95, "{}", capped.coverage_b());
            }
        }
    }

    #[test]
    fn two_texts_over_the_cap_align_the_smaller_ones_beginning() {
        let (_, b) = fixture::story_deep_inside(3_000);
        let a = &b[b.len() / 3..];
        let cap = 4 << 10;
        let al = align_capped(a, &b, &AlignParams::default(), cap);
        let limit = al.limit.expect("both over the cap");
        let (pa, pb) = (limit.a.unwrap(), limit.b.unwrap());
        assert_eq!(pa.chosen_by, ChosenBy::Beginning);
        assert_eq!(pa.windows[0].start, 0);
        assert!(pa.aligned_bytes <= cap && pb.aligned_bytes <= cap);
        assert_eq!(pb.windows.len(), 1, "{:?}", pb.windows);
        // A's beginning is found where it is in B, all of it.
        assert!(pb.windows[0].start >= b.len() / 3 - 100);
        let covered: usize = al.passages.iter().map(|p| p.words).sum();
        assert!(
            covered + 10 >= pa.aligned_words,
            "{covered} of {}",
            pa.aligned_words
        );
    }

    #[test]
    fn clip_cuts_at_the_windows() {
        let windows = [span(0, 10), span(20, 30), span(40, 50)];
        let spans = [span(2, 4), span(8, 25), span(28, 45)];
        assert_eq!(
            clip(&spans, &windows),
            [
                span(2, 4),
                span(8, 10),
                span(20, 25),
                span(28, 30),
                span(40, 45)
            ]
        );
    }
}
