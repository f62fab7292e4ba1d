//! Passage alignment: what two documents share, where, and how it was
//! reworded.
//!
//! [`align`] takes two texts and returns the passages they share, in the
//! order of the first text, with the byte spans of each passage in both
//! texts, the stretches that have no counterpart (a site's header and footer,
//! an added paragraph, a cut ending), and the word substitutions inside each
//! passage (`war -> struggle`, `according to -> in line with`). It is the
//! core of `neardup explain A B`.
//!
//! # The method
//!
//! The approach is the anchor-and-extend one of text-reuse detectors such as
//! *passim* (David A. Smith and colleagues, who used it to trace reprinted
//! texts across nineteenth-century newspapers) and ARTFL's *TextPAIR*
//! (University of Chicago): find short word sequences the two texts share,
//! grow them into passages, and tolerate the small differences that reprints
//! and rewrites introduce. This module follows that idea at word level; the
//! code is written from the description, not taken from either project.
//!
//! 1. **Words.** Both texts are tokenised with [`crate::text::tokenize`]: each
//!    word keeps its byte span in the original text and the hash of its
//!    normalised form (NFKC, lowercase), so every comparison below is a
//!    comparison of `u64`s and every offset reported points into the text as
//!    given.
//! 2. **Anchors.** Every word n-gram (`anchor_n` words, 3 by default) is
//!    hashed; the n-grams found in both texts are anchors. N-grams that occur
//!    more than `max_anchor_freq` times on either side (a repeated slogan, a
//!    list of links) are not used as anchors: they say little about where a
//!    passage is. A's n-grams are indexed once (an open-addressing table of
//!    the distinct n-grams with their positions); B's are looked up in it in
//!    text order, so B is neither sorted nor indexed. With [`Prepared`], a
//!    cluster's origin is tokenised and indexed once for all its members.
//! 3. **Verbatim runs and tiles.** Each anchor lies on a diagonal (word `i`
//!    of A against word `j` of B, `i - j` fixed); it is extended both ways
//!    into the maximal run of equal words on that diagonal. Runs are then
//!    taken greedily, longest first, so that each word of A and each word of
//!    B belongs to at most one run (a run that meets words already taken
//!    keeps its free stretches of at least `anchor_n` words). Because runs
//!    are chosen by length and not along one global monotone path, moved
//!    and reordered paragraphs are found as well as those in place.
//! 4. **Passages.** Runs sorted by A are chained: a run continues a chain
//!    when it follows the chain's last run in both texts and the gap between
//!    them is at most `max_gap_words` unmatched words on each side (the gap
//!    words that still match in order, by a small longest-common-subsequence
//!    table, do not count; no gap is longer than three times `max_gap_words`
//!    in all). Two runs on the same diagonal may also be chained across a
//!    longer gap when at least a quarter of its words still match in place
//!    (a heavily spun stretch: unrelated text matches in place a few times
//!    in a hundred). Conflicts between chains are settled largest chain
//!    first; a chain that lost words is split where its gaps can no longer
//!    be bridged.
//!    Chains with fewer than `min_passage_words` verbatim words are dropped,
//!    so unrelated texts that share a phrase like "one of the" give nothing.
//!    When the passages long enough to matter (twice `min_passage_words`
//!    verbatim words) cover less than a quarter of the shorter text, the
//!    short ones are dropped too: two independent articles on one event
//!    share names and stock sentences, and such scattered short passages say
//!    nothing. A short run at a passage's end that hangs on a lopsided gap
//!    (many more words on one side) is dropped: both texts ending in "...
//!    2026 ... All rights reserved" is a credit line against a footer.
//!    Passages are then grown at both ends past short substitutions (a
//!    one-word swap followed by a matching word, a block of at most 3 words
//!    a side followed by two, or a swap of as many words on each side that
//!    reaches the start or end of both texts), so a substitution near a
//!    passage edge is still reported; a step must cross as many paragraph
//!    breaks in A as in B, so a passage does not grow from a copy's first
//!    paragraph into its headline.
//!    Last, a passage is split where one text has whole paragraphs the other
//!    has not and nothing else differs (an "Advertisement" slot, a site's
//!    added sentence, a dropped paragraph): chaining bridged the short gap,
//!    but those paragraphs were not copied. Where repeated words leave the
//!    place of such a block open, it is slid onto the paragraph breaks.
//! 5. **Inside a passage.** The gap between two consecutive runs is aligned
//!    word by word (longest common subsequence). Between two matched words,
//!    `k` unmatched words of A face `m` unmatched words of B: if `k == m`
//!    they are `k` one-word substitutions (the spinner's synonym swap);
//!    otherwise one phrase substitution (`according to -> in line with`), an
//!    insertion (`k == 0`, empty `from`, empty A span) or a deletion
//!    (`m == 0`). A passage with no unmatched word on either side is
//!    [`PassageKind::Verbatim`], any other is [`PassageKind::Reworded`].
//! 6. **Unmatched stretches** are the maximal runs of words, on each side,
//!    that are in no passage.
//!
//! All of it is deterministic (no hash-map iteration; every sort whose ties
//! could change the result has a total order) and close to linear: indexing
//! A's grams is a sort, `O(n log n)`, looking up B's is `O(n)`, the anchors
//! per gram are bounded by `max_anchor_freq²`, the extension and tiling walk
//! each word a
//! bounded number of times, and the gap tables are at most
//! `(3 * max_gap_words + 1)²` cells. Strings are only built for the
//! substitutions that are reported.
//!
//! # Limits
//!
//! * Reordering is found at passage level, not inside a passage: two words
//!   swapped inside a sentence are reported as two substitutions.
//! * A text made only of one phrase repeated many times has no usable
//!   anchors; only exact copies of it (same words) are aligned.
//! * A passage shorter than `min_passage_words` verbatim words is not
//!   reported, even when it is real (a shared quote of five words); one
//!   shorter than twice that is reported only next to long passages.
//!   Longer shared sentences (a quote both articles carry) are reported
//!   even between independent texts.
//! * Passages run from their first word to their last: closing punctuation
//!   and quotation marks are outside.
//! * Equal-size blocks are paired word by word, so a two-word phrase
//!   replaced by another two-word phrase (`according to -> as per`) shows
//!   as two one-word substitutions; a longer rewritten clause of unequal
//!   size is one substitution.
//! * Very heavy rewording (about half of the words of a stretch, or gaps of
//!   more than `3 * max_gap_words` words) splits a passage, and the most
//!   reworded stretches are then reported as unmatched.
//!
//! ```
//! use neardup::align::{align, AlignParams, PassageKind};
//!
//! let a = "The minister said the war would end soon, according to state media.";
//! let b = "HOME | NEWS\nThe minister said the struggle would end soon, \
//!          in line with state media.";
//! let al = align(a, b, &AlignParams::default());
//! assert_eq!(al.passages.len(), 1);
//! assert_eq!(al.passages[0].kind, PassageKind::Reworded);
//! let subs: Vec<(&str, &str)> = al
//!     .substitutions
//!     .iter()
//!     .map(|s| (s.from.as_str(), s.to.as_str()))
//!     .collect();
//! assert_eq!(subs, [("war", "struggle"), ("according to", "in line with")]);
//! assert_eq!(&b[al.b_unmatched[0].start..al.b_unmatched[0].end], "HOME | NEWS");
//! ```

use crate::text as text_api;

pub(crate) mod capped;
mod chain;
mod gaps;
mod seeds;
#[cfg(test)]
mod tests;
mod window;

pub use capped::{align_capped, AlignLimit, ChosenBy, Part, DEFAULT_MAX_ALIGN_BYTES};

use serde::Serialize;
use std::collections::BTreeMap;
use text_api::Token;

/// Settings of [`align`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct AlignParams {
    /// Seed of the word hashes (the result does not depend on it, barring
    /// hash collisions). Defaults to the seed of `Params::default()`.
    pub seed: u64,
    /// Words per anchor n-gram.
    pub anchor_n: usize,
    /// Most unmatched words on each side of a gap inside one passage.
    pub max_gap_words: usize,
    /// N-grams occurring more often than this in either text are not anchors.
    pub max_anchor_freq: usize,
    /// Fewest verbatim words a passage must have (lowered to the length of
    /// the shorter text when that is shorter).
    pub min_passage_words: usize,
}

impl Default for AlignParams {
    fn default() -> Self {
        AlignParams {
            seed: 0x006e_6561_7264_7570, // "neardup", as Params::default()
            anchor_n: 3,
            max_gap_words: 12,
            max_anchor_freq: 4,
            min_passage_words: 6,
        }
    }
}

impl AlignParams {
    /// The settings for texts of `script`, hashed with `seed`: the defaults
    /// for words; for texts tokenised by characters, anchors, gaps and
    /// passages counted in characters, about as long as the word settings
    /// (a Chinese word is 1.4 characters, a Japanese one 2.4: a 3-character
    /// anchor would be a common word pair, found all over two different
    /// texts on one topic).
    pub fn for_script(seed: u64, script: crate::text::Script) -> Self {
        let words = AlignParams {
            seed,
            ..AlignParams::default()
        };
        match script {
            crate::text::Script::Words => words,
            crate::text::Script::Characters => AlignParams {
                anchor_n: 5,
                max_gap_words: 20,
                min_passage_words: 10,
                ..words
            },
        }
    }
}

/// A byte range `start..end` in the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True for a zero-width span (the place of an insertion or deletion).
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers (`&text[start..end]`).
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Whether a passage is copied word for word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum PassageKind {
    /// Every word of the passage matches, on both sides.
    Verbatim,
    /// Some words were substituted, inserted or deleted.
    Reworded,
}

impl PassageKind {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            PassageKind::Verbatim => "verbatim",
            PassageKind::Reworded => "reworded",
        }
    }
}

/// One edit inside a passage.
///
/// A replacement has words on both sides; an insertion has an empty `from`
/// and a zero-width `a` span (just after the A word it follows); a deletion
/// has an empty `to` and a zero-width `b` span.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Substitution {
    /// The replaced words in A.
    pub a: Span,
    /// The words that replace them in B.
    pub b: Span,
    /// The A words, normalised (NFKC, lowercase), separated by one space.
    pub from: String,
    /// The B words, normalised, separated by one space.
    pub to: String,
}

impl Substitution {
    /// An edit replacing `from` (at `a` in A) with `to` (at `b` in B), the
    /// words normalised; for a program that scores or builds alignments.
    pub fn new(a: Span, b: Span, from: impl Into<String>, to: impl Into<String>) -> Self {
        Substitution {
            a,
            b,
            from: from.into(),
            to: to.into(),
        }
    }

    /// Words on both sides (a synonym swap or a phrase swap).
    pub fn is_replacement(&self) -> bool {
        !self.from.is_empty() && !self.to.is_empty()
    }

    /// Words added in B.
    pub fn is_insertion(&self) -> bool {
        self.from.is_empty()
    }

    /// Words of A left out of B.
    pub fn is_deletion(&self) -> bool {
        self.to.is_empty()
    }

    /// Number of A words replaced or deleted.
    pub fn from_words(&self) -> usize {
        self.from.split(' ').filter(|w| !w.is_empty()).count()
    }
}

/// A stretch of A found in B.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Passage {
    /// Where it is in A (first word's start to last word's end).
    pub a: Span,
    /// Where it is in B.
    pub b: Span,
    /// Words of A in the passage.
    pub words: usize,
    /// Words of the passage matched word for word (the same on both sides).
    pub verbatim_words: usize,
    /// Verbatim or reworded.
    pub kind: PassageKind,
    /// The edits inside the passage, in order.
    pub substitutions: Vec<Substitution>,
}

/// The alignment of two texts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Alignment {
    /// Shared passages, in order of A.
    pub passages: Vec<Passage>,
    /// Maximal stretches of A in no passage.
    pub a_unmatched: Vec<Span>,
    /// Maximal stretches of B in no passage.
    pub b_unmatched: Vec<Span>,
    /// Words in A.
    pub a_words: usize,
    /// Words in B.
    pub b_words: usize,
    /// Words of A inside passages.
    pub a_covered_words: usize,
    /// Words of B inside passages.
    pub b_covered_words: usize,
    /// Every edit of every passage, in order of A.
    pub substitutions: Vec<Substitution>,
    /// Set when a text was over the cap of [`align_capped`]: which parts
    /// were aligned (passages, edits and unmatched stretches lie in them;
    /// `a_words` and `b_words` still count the whole texts). Not written
    /// when both were aligned whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<AlignLimit>,
}

impl Alignment {
    /// Edits grouped by `(from, to)` with their counts, most frequent first,
    /// ties by `from` then `to`.
    pub fn substitution_counts(&self) -> Vec<(String, String, usize)> {
        let mut groups: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for s in &self.substitutions {
            *groups.entry((&s.from, &s.to)).or_insert(0) += 1;
        }
        let mut out: Vec<(String, String, usize)> = groups
            .into_iter()
            .map(|((f, t), n)| (f.to_string(), t.to_string(), n))
            .collect();
        out.sort_by(|x, y| y.2.cmp(&x.2).then_with(|| (&x.0, &x.1).cmp(&(&y.0, &y.1))));
        out
    }

    /// Share of A's words inside passages (0 for an empty A).
    pub fn coverage_a(&self) -> f64 {
        ratio(self.a_covered_words, self.a_words)
    }

    /// Share of B's words inside passages (0 for an empty B).
    pub fn coverage_b(&self) -> f64 {
        ratio(self.b_covered_words, self.b_words)
    }

    /// Share of A's covered words that were replaced by other words
    /// (replacements only; insertions and deletions do not count).
    pub fn substituted_share(&self) -> f64 {
        ratio(self.replaced_words(|s| &s.from), self.a_covered_words)
    }

    /// The larger of A's and B's share of covered words replaced: the same
    /// number whichever text is aligned first.
    pub fn substituted_share_either(&self) -> f64 {
        self.substituted_share()
            .max(ratio(self.replaced_words(|s| &s.to), self.b_covered_words))
    }

    /// Words on one side (`side` picks it) of the replacements.
    fn replaced_words(&self, side: impl Fn(&Substitution) -> &String) -> usize {
        self.substitutions
            .iter()
            .filter(|s| s.is_replacement())
            .map(|s| side(s).split(' ').filter(|w| !w.is_empty()).count())
            .sum()
    }
}

fn ratio(x: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        x as f64 / n as f64
    }
}

/// A verbatim run: words `a..a+len` of A equal words `b..b+len` of B.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seg {
    a: usize,
    b: usize,
    len: usize,
}

impl Seg {
    fn a_end(&self) -> usize {
        self.a + self.len
    }
    fn b_end(&self) -> usize {
        self.b + self.len
    }
}

/// Largest substitution block (words a side) accepted when growing a
/// passage past its ends.
const EDGE_BLOCK: usize = 3;

/// Share of the shorter text that long passages must cover for short ones
/// to be kept (see [`drop_unsupported`]).
const SUPPORT_SHARE: f64 = 0.25;

/// Drops short passages (fewer than twice `min_words` verbatim words, or
/// half the shorter text when that is less) unless the long ones cover at
/// least [`SUPPORT_SHARE`] of the shorter text's words. Two independent
/// articles on one event share names and stock phrases ("the Office of the
/// Public Prosecutor", "declined a request for comment on Thursday"): each
/// such phrase is a short passage, and together they say nothing. In a copy
/// the same short passages (a one-sentence paragraph between two edits) sit
/// among long ones and are kept.
fn drop_unsupported(
    ctx: &chain::Ctx,
    segs_list: &mut Vec<Vec<Seg>>,
    a_claim: &mut [bool],
    b_claim: &mut [bool],
) {
    let shorter = ctx.ha.len().min(ctx.hb.len());
    let long = (2 * ctx.min_words).min(shorter / 2).max(ctx.min_words);
    let verbatim = |segs: &[Seg]| segs.iter().map(|s| s.len).sum::<usize>();
    let covered: usize = segs_list
        .iter()
        .filter(|s| verbatim(s) >= long)
        .map(|s| {
            let (first, last) = (s[0], s[s.len() - 1]);
            (last.a_end() - first.a).min(last.b_end() - first.b)
        })
        .sum();
    if covered as f64 >= SUPPORT_SHARE * shorter as f64 {
        return;
    }
    segs_list.retain(|s| {
        if verbatim(s) >= long {
            return true;
        }
        let (first, last) = (s[0], s[s.len() - 1]);
        a_claim[first.a..last.a_end()].fill(false);
        b_claim[first.b..last.b_end()].fill(false);
        false
    });
}

/// A text made ready for [`align_prepared`]: its words with their hashes
/// and where its paragraphs start, and (built when the text is first used
/// as A) an index of its word n-grams. A cluster's origin is aligned with
/// every member; preparing it once saves that work for all but the first.
pub struct Prepared<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    hashes: Vec<u64>,
    /// The `anchor_n`-grams, indexed on first use as A.
    grams: std::sync::OnceLock<seeds::GramIndex>,
    para: Vec<bool>,
    seed: u64,
    anchor_n: usize,
}

impl<'t> Prepared<'t> {
    /// Tokenises and indexes `text` for alignment under `params`.
    pub fn new(text: &'t str, params: &AlignParams) -> Self {
        Self::from_tokens(text, text_api::tokenize(text, params.seed), params)
    }

    /// `text` prepared with the words `tokens` (spans into `text`, in
    /// order): all of its words, or those of the windows of a text over
    /// the cap ([`align_capped`]).
    fn from_tokens(text: &'t str, tokens: Vec<Token>, params: &AlignParams) -> Self {
        let hashes: Vec<u64> = tokens.iter().map(|t| t.hash).collect();
        let anchor_n = params.anchor_n.max(1);
        Prepared {
            text,
            grams: std::sync::OnceLock::new(),
            para: paragraph_starts(text, &tokens),
            tokens,
            hashes,
            seed: params.seed,
            anchor_n,
        }
    }

    /// The text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Number of words.
    pub fn words(&self) -> usize {
        self.tokens.len()
    }

    /// The index of the n-grams for anchors of `n` words (built apart when
    /// the other text is shorter than the prepared size).
    fn grams(&self, n: usize) -> std::borrow::Cow<'_, seeds::GramIndex> {
        if n == self.anchor_n {
            let index = self
                .grams
                .get_or_init(|| seeds::GramIndex::new(&self.hashes, n));
            std::borrow::Cow::Borrowed(index)
        } else {
            std::borrow::Cow::Owned(seeds::GramIndex::new(&self.hashes, n))
        }
    }
}

/// Aligns `a` with `b`: the shared passages, their edits and the unmatched
/// stretches (see the [module documentation](self)).
pub fn align(a: &str, b: &str, params: &AlignParams) -> Alignment {
    align_prepared(&Prepared::new(a, params), &Prepared::new(b, params), params)
}

/// [`align`] on prepared texts (prepared with the same `params`).
pub fn align_prepared(pa: &Prepared, pb: &Prepared, params: &AlignParams) -> Alignment {
    assert_eq!(
        (pa.seed, pb.seed),
        (params.seed, params.seed),
        "texts prepared with another seed"
    );
    let (a, b) = (pa.text, pb.text);
    let (ta, tb) = (&pa.tokens, &pb.tokens);
    let (ha, hb) = (&pa.hashes, &pb.hashes);
    let (na, nb) = (ha.len(), hb.len());
    let shorter = na.min(nb);

    let mut a_claim = vec![false; na];
    let mut b_claim = vec![false; nb];
    let mut lcs = gaps::Lcs::default();
    let mut segs_list: Vec<Vec<Seg>> = Vec::new();
    if shorter > 0 {
        let n = params.anchor_n.max(1).min(shorter);
        let max_gap = params.max_gap_words;
        let ctx = chain::Ctx {
            ha,
            hb,
            max_gap,
            raw_cap: 3 * max_gap,
            long_tile: 2 * n,
            min_words: params.min_passage_words.clamp(1, shorter),
            a_para: &pa.para,
            b_para: &pb.para,
        };
        let tiles = if ha == hb {
            vec![Seg {
                a: 0,
                b: 0,
                len: na,
            }]
        } else {
            let anchors = seeds::anchors(&pa.grams(n), hb, params.max_anchor_freq.max(1));
            let runs = seeds::maximal_runs(ha, hb, n, anchors);
            seeds::tile(runs, na, nb, n)
        };
        let chains = chain::chain_tiles(&ctx, &mut lcs, &tiles);
        segs_list = chain::resolve(&ctx, &mut lcs, chains, &mut a_claim, &mut b_claim);
        drop_unsupported(&ctx, &mut segs_list, &mut a_claim, &mut b_claim);
        chain::trim_weak_ends(&ctx, &mut segs_list, &mut a_claim, &mut b_claim);
        segs_list.sort_unstable_by_key(|s| s[0].a);
        chain::extend_edges(&ctx, &mut segs_list, &mut a_claim, &mut b_claim, EDGE_BLOCK);
        segs_list = split_at_blocks(&ctx, segs_list, &mut a_claim, &mut b_claim);
    }

    let mut out = Alignment {
        passages: Vec::with_capacity(segs_list.len()),
        a_unmatched: unmatched(ta, &a_claim),
        b_unmatched: unmatched(tb, &b_claim),
        a_words: na,
        b_words: nb,
        a_covered_words: 0,
        b_covered_words: 0,
        substitutions: Vec::new(),
        limit: None,
    };
    let mut pairs = Vec::new();
    for segs in &segs_list {
        let p = build_passage(a, b, ta, tb, ha, hb, segs, &mut lcs, &mut pairs);
        out.a_covered_words += p.words;
        out.b_covered_words += segs[segs.len() - 1].b_end() - segs[0].b;
        out.substitutions.extend(p.substitutions.iter().cloned());
        out.passages.push(p);
    }
    out
}

/// For each word, whether a paragraph starts with it: a blank line (two line
/// breaks) separates it from the word before. The first word starts one.
fn paragraph_starts(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut prev_end = 0;
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let gap = &text.as_bytes()[prev_end..t.start];
            prev_end = t.end;
            // Most gaps are a space or ", ": look no further.
            i == 0
                || (gap.len() >= 2
                    && memchr::memchr(b'\n', gap)
                        .is_some_and(|k| memchr::memchr(b'\n', &gap[k + 1..]).is_some()))
        })
        .collect()
}

/// Splits passages where one text has whole paragraphs that the other has
/// not, with nothing else in between: an "Advertisement" slot or a "Read
/// more" link between two paragraphs of a copy, a paragraph a site added or
/// dropped. Chaining bridges such short gaps as an insertion (or deletion);
/// they are not part of what was copied, so the passage ends before them
/// and the paragraphs become unmatched stretches.
///
/// Where the words around an inserted block repeat (a dropped paragraph
/// that ends with the same name as the one before it), the block could sit
/// at several places; it is slid to the place where it is whole paragraphs.
fn split_at_blocks(
    ctx: &chain::Ctx,
    segs_list: Vec<Vec<Seg>>,
    a_claim: &mut [bool],
    b_claim: &mut [bool],
) -> Vec<Vec<Seg>> {
    let mut out = Vec::with_capacity(segs_list.len());
    for segs in segs_list {
        let mut piece: Vec<Seg> = Vec::with_capacity(segs.len());
        for &t in &segs {
            let mut t = t;
            if let Some(p) = piece.last_mut() {
                if let Some(shift) = block_between(ctx, *p, t) {
                    // Slide the block: p loses (gains) words at its end, t
                    // gains (loses) as many at its start; both keep some.
                    let (pl, tl) = (p.len as isize + shift, t.len as isize - shift);
                    if pl > 0 && tl > 0 {
                        p.len = pl as usize;
                        t.a = (t.a as isize + shift) as usize;
                        t.b = (t.b as isize + shift) as usize;
                        t.len = tl as usize;
                        let p = *p;
                        a_claim[p.a_end()..t.a].fill(false);
                        b_claim[p.b_end()..t.b].fill(false);
                        out.push(std::mem::take(&mut piece));
                    }
                }
            }
            piece.push(t);
        }
        out.push(piece);
    }
    out
}

/// When the gap between segments `p` and `t` is words of one text only
/// that can be slid (over equal words around it) to be whole paragraphs,
/// the shift that does it (negative: toward the start).
fn block_between(ctx: &chain::Ctx, p: Seg, t: Seg) -> Option<isize> {
    let (ga, gb) = (t.a - p.a_end(), t.b - p.b_end());
    let (h, para, lo, hi) = match (ga, gb) {
        (0, g) if g > 0 => (ctx.hb, ctx.b_para, p.b_end(), t.b),
        (g, 0) if g > 0 => (ctx.ha, ctx.a_para, p.a_end(), t.a),
        _ => return None,
    };
    let starts = |i: usize| para.get(i).copied().unwrap_or(i == h.len());
    let whole = |lo: usize, hi: usize| starts(lo) && starts(hi);
    // The block lo..hi may move left while the word before it equals its
    // last word, and right while its first word equals the word after it.
    let mut left = 0;
    while left < p.len && lo > left && h[lo - 1 - left] == h[hi - 1 - left] {
        left += 1;
    }
    let mut right = 0;
    while right < t.len && hi + right < h.len() && h[lo + right] == h[hi + right] {
        right += 1;
    }
    let mut shifts: Vec<isize> = (-(left as isize)..=right as isize).collect();
    shifts.sort_by_key(|d| (d.unsigned_abs(), *d));
    shifts
        .into_iter()
        .find(|&d| whole((lo as isize + d) as usize, (hi as isize + d) as usize))
}

/// Maximal runs of unclaimed words as byte spans.
fn unmatched(tokens: &[Token], claim: &[bool]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if claim[i] {
            i += 1;
            continue;
        }
        let s = i;
        while i < tokens.len() && !claim[i] {
            i += 1;
        }
        out.push(Span {
            start: tokens[s].start,
            end: tokens[i - 1].end,
        });
    }
    out
}

/// The byte span of words `lo..hi`; zero-width after word `lo - 1` (or at
/// word `lo` when it is the first) when the range is empty.
fn word_span(tokens: &[Token], lo: usize, hi: usize) -> Span {
    if hi > lo {
        Span {
            start: tokens[lo].start,
            end: tokens[hi - 1].end,
        }
    } else if lo > 0 {
        let e = tokens[lo - 1].end;
        Span { start: e, end: e }
    } else {
        let s = tokens.first().map_or(0, |t| t.start);
        Span { start: s, end: s }
    }
}

/// The normalised words `lo..hi` of `text`, separated by one space.
fn words_text(text: &str, tokens: &[Token], lo: usize, hi: usize) -> String {
    let mut s = String::with_capacity(tokens[lo..hi].iter().map(|t| t.end - t.start + 1).sum());
    for t in &tokens[lo..hi] {
        if !s.is_empty() {
            s.push(' ');
        }
        let w = &text[t.start..t.end];
        if w.is_ascii() {
            s.extend(w.bytes().map(|c| c.to_ascii_lowercase() as char));
        } else {
            s.push_str(&text_api::normalize_token(w));
        }
    }
    s
}

/// When both sides of a gap have the same length and matching word for word
/// in place finds as many matches as the LCS, uses that: a one-for-one
/// rewrite keeps its words in place, and the LCS may otherwise pair a
/// repeated word across positions.
fn prefer_diagonal(a: &[u64], b: &[u64], pairs: &mut Vec<(usize, usize)>) {
    if a.len() != b.len() || pairs.iter().all(|&(i, j)| i == j) {
        return;
    }
    let diagonal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    if diagonal == pairs.len() {
        pairs.clear();
        pairs.extend((0..a.len()).filter(|&i| a[i] == b[i]).map(|i| (i, i)));
    }
}

/// Builds the public passage from its verbatim runs: aligns the gaps and
/// lists the edits.
#[allow(clippy::too_many_arguments)]
fn build_passage(
    a: &str,
    b: &str,
    ta: &[Token],
    tb: &[Token],
    ha: &[u64],
    hb: &[u64],
    segs: &[Seg],
    lcs: &mut gaps::Lcs,
    pairs: &mut Vec<(usize, usize)>,
) -> Passage {
    let (first, last) = (segs[0], segs[segs.len() - 1]);
    let (a_lo, a_hi, b_lo, b_hi) = (first.a, last.a_end(), first.b, last.b_end());
    let mut verbatim: usize = segs.iter().map(|s| s.len).sum();
    let mut subs = Vec::new();
    let block = |x0: usize, x1: usize, y0: usize, y1: usize, subs: &mut Vec<Substitution>| {
        let (k, m) = (x1 - x0, y1 - y0);
        let mut push = |x0: usize, x1: usize, y0: usize, y1: usize| {
            subs.push(Substitution {
                a: word_span(ta, x0, x1),
                b: word_span(tb, y0, y1),
                from: words_text(a, ta, x0, x1),
                to: words_text(b, tb, y0, y1),
            })
        };
        if k == m {
            for d in 0..k {
                push(x0 + d, x0 + d + 1, y0 + d, y0 + d + 1);
            }
        } else {
            push(x0, x1, y0, y1);
        }
    };
    for w in segs.windows(2) {
        let (p, q) = (w[0], w[1]);
        let (ga0, ga1, gb0, gb1) = (p.a_end(), q.a, p.b_end(), q.b);
        lcs.pairs(&ha[ga0..ga1], &hb[gb0..gb1], pairs);
        prefer_diagonal(&ha[ga0..ga1], &hb[gb0..gb1], pairs);
        verbatim += pairs.len();
        let (mut x, mut y) = (ga0, gb0);
        for &(i, j) in pairs.iter() {
            block(x, ga0 + i, y, gb0 + j, &mut subs);
            x = ga0 + i + 1;
            y = gb0 + j + 1;
        }
        block(x, ga1, y, gb1, &mut subs);
    }
    let words = a_hi - a_lo;
    let kind = if verbatim == words && verbatim == b_hi - b_lo {
        PassageKind::Verbatim
    } else {
        PassageKind::Reworded
    };
    Passage {
        a: word_span(ta, a_lo, a_hi),
        b: word_span(tb, b_lo, b_hi),
        words,
        verbatim_words: verbatim,
        kind,
        substitutions: subs,
    }
}
