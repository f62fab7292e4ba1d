//! The one place where neardup decides: which copy a document may be dropped
//! for, under which relation, which copy of a group is kept (the origin), and
//! when a reworded pair counts as a spun rewrite.
//!
//! `cluster`, `dedup`, `explain` and the HTML report all call these
//! functions, on the same numbers, so they agree on every pair.
//!
//! # Dropping needs direct evidence
//!
//! A member may be dropped for the copy that is kept only when the pair
//! itself was verified, in the member's direction ([`drop_relation`]):
//!
//! * `exact`: the same normalised words;
//! * `near`: estimated Jaccard ≥ `threshold` (the two are mostly the same
//!   text), or the member holds ≥ `containment` of the kept copy and the kept
//!   copy makes up ≥ `threshold` of the member (a copy wrapped in its site's
//!   page: the shingle estimate of that share is sharper than Jaccard's);
//! * `excerpt`: estimated containment of the member in the kept copy ≥
//!   `containment`, with at least `min_matching_bins` agreeing bins (a cut
//!   copy: everything it says is in the kept copy);
//! * `spun`: the aligner found the member to be a synonym-spun rewrite of the
//!   kept copy ([`SpinEvidence::is_spun`]).
//!
//! A document that *contains* the kept copy plus text of its own is not
//! covered by it, and is never dropped for it. Clusters are stars around the
//! kept copy ([`crate::cluster`]): nothing joins through a third document.
//!
//! # Which copy is kept: the origin rule
//!
//! Applied in order until one candidate is left ([`origin_step`]):
//!
//! 0. with `--against`, the reference document;
//! 1. a copy that is not itself an excerpt of another candidate (an
//!    excerpt cannot be kept for the text it was cut from);
//! 2. the earliest `date`, among candidates that have one;
//! 3. the copy that contains the most other candidates;
//! 4. the medoid: the highest total Jaccard with the others;
//! 5. the longest (most words);
//! 6. the smallest id.

use crate::align::{Alignment, Span, Substitution};
use crate::main_text::{main_text, MainText, PARAGRAPH_CHARS};
use crate::params::{Params, SpinParams};
use crate::text::{for_each_token, word_hash, ImmutableWords, Token};
use crate::verify::PairScores;
use std::sync::OnceLock;

/// How a member relates to its cluster's origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Relation {
    /// A document with no near-duplicate.
    Unique,
    /// The copy kept: every other member was verified against it.
    Origin,
    /// Same normalised words as the origin.
    Exact,
    /// Estimated Jaccard with the origin at or above the threshold.
    Near,
    /// Contained in the origin: a cut or partial copy (by shingles, or by
    /// the aligner for a deeply cut copy).
    Excerpt,
    /// The origin's article in another site's page: the member's main run
    /// of paragraphs is inside the origin, by the aligner, and the rest of
    /// its page is its own site's chrome
    /// ([`SpinEvidence::is_wrapped_copy`]).
    Wrapped,
    /// A synonym-spun rewrite of the origin, confirmed by the aligner.
    Spun,
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
            Relation::Wrapped => "wrapped",
            Relation::Spun => "spun",
        }
    }

    /// True for members that dedup drops.
    pub fn is_duplicate(self) -> bool {
        !matches!(self, Relation::Unique | Relation::Origin)
    }
}

/// Which step of the origin rule decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OriginReason {
    /// Only member.
    Single,
    /// The only reference document of `--against` in the cluster.
    Reference,
    /// The only candidate that is not an excerpt of another.
    NotAnExcerpt,
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
            OriginReason::NotAnExcerpt => "not_an_excerpt",
            OriginReason::EarliestDate => "earliest_date",
            OriginReason::ContainsOthers => "contains_others",
            OriginReason::Medoid => "medoid",
            OriginReason::Longest => "longest",
            OriginReason::SmallestId => "smallest_id",
        }
    }
}

/// Relations and origin reasons are written by their names
/// ([`Relation::as_str`], [`OriginReason::as_str`]), as `cluster` prints them.
macro_rules! serialize_as_str {
    ($($t:ty),*) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    )*};
}
serialize_as_str!(Relation, OriginReason);

/// The immutable-word similarity must exceed the word similarity by this
/// much before a `near` or `excerpt` member is aligned to check for a light
/// spin (the spread of the difference of two estimates is about 0.07).
pub const LIGHT_SPIN_GAP: f64 = 0.12;

/// Share of a member's words the aligner must cover for it to be an
/// excerpt of the kept copy. Higher than the shingle `containment` (0.7):
/// one edited word breaks five shingles but leaves its passage aligned, so
/// the shingle bar allows for edits the coverage already forgives. At 0.7
/// two translations of one man page (74% covered: the commands and paths
/// they share) and two licenses with a common core were dropped as
/// excerpts; every aligned excerpt the generated traps need covers 0.9.
pub const ALIGNED_EXCERPT_COVERAGE: f64 = 0.9;

/// True when a member the verbatim view dropped under `relation` may be a
/// light spin: its immutable words (`spin_jaccard`) match the kept copy
/// clearly better than its words do (`word_jaccard`). The aligner then
/// decides ([`SpinEvidence::is_spun`]).
pub fn may_be_light_spin(relation: Relation, spin_jaccard: f64, word_jaccard: f64) -> bool {
    matches!(relation, Relation::Near | Relation::Excerpt)
        && spin_jaccard - word_jaccard >= LIGHT_SPIN_GAP
}

/// The relation under which the member (`a` of `scores`) may be dropped for
/// the kept copy (`b`), or None when the scores give no direct evidence.
pub fn drop_relation(scores: &PairScores, params: &Params) -> Option<Relation> {
    if scores.exact {
        Some(Relation::Exact)
    } else if scores.jaccard >= params.threshold
        || (params.excerpts
            && scores.a_in_b >= params.threshold
            && scores.b_in_a >= params.containment)
    {
        Some(Relation::Near)
    } else if params.excerpts
        && scores.a_in_b >= params.containment
        && scores.matching_bins >= params.min_matching_bins
        // |A| / |B| = b_in_a / a_in_b: the excerpt's share of the kept copy
        && scores.b_in_a >= params.min_excerpt_share * scores.a_in_b
    {
        Some(Relation::Excerpt)
    } else {
        None
    }
}

/// True when `a` of `scores` is an excerpt of `b` and not the other way
/// round: `b` holds all of `a` and more, so `a` cannot be kept for `b`.
pub fn strictly_inside(scores: &PairScores, params: &Params) -> bool {
    drop_relation(scores, params) == Some(Relation::Excerpt)
        && drop_relation(&scores.flipped(), params).is_none()
}

/// What the aligner found between two texts, reduced to the numbers the spin
/// rule reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct SpinEvidence {
    /// Share of A's words inside shared passages.
    pub coverage_a: f64,
    /// Share of B's words inside shared passages.
    pub coverage_b: f64,
    /// Share of the shorter text's words inside shared passages.
    pub coverage_shorter: f64,
    /// Share of covered words replaced by other words (any replacement),
    /// the larger of the two texts' shares (the same in either order).
    pub substituted: f64,
    /// One-word-for-one-word swaps of words without digits (spelling
    /// variants left out).
    pub word_swaps: usize,
    /// One-word swaps between two spellings of one word ("labor" ->
    /// "labour", "criticized" -> "criticised": [`spelling_variants`]), or
    /// one typing slip apart ([`one_slip_apart`]): a house style or a
    /// typo, not a spinner's synonym.
    pub spelling_variants: usize,
    /// Distinct `(from, to)` pairs among them.
    pub distinct_swaps: usize,
    /// Swaps of numbers or of capitalised words inside a sentence (names):
    /// a template filled with other values, not a spinner.
    pub name_or_number_swaps: usize,
    /// In how many fifths of A's aligned stretch the word swaps fall (0-5).
    pub spread: usize,
    /// Occurrences of the most frequent swap (a renamed subject: "apropos"
    /// -> "whatis" wherever the page names its command).
    pub top_swap: usize,
    /// Swaps that change a function word into a word of another class or
    /// a content word ("die" -> "the", "oder" -> "or": a translation; a
    /// spinner swaps function words within their class).
    pub class_changes: usize,
    /// Share of words that are English function words, the lesser of the
    /// two texts (about 0.4 in English prose, under 0.1 in French or
    /// Spanish; a partial translation sits between).
    pub function_share: f64,
    /// Replacements of any length (phrases too) whose `(from, to)` occurs
    /// more than once, as a share of all replacements: a template filled
    /// with other values repeats its fills ("folder" -> "instance"
    /// wherever the page names its object); a spinner varies its swaps.
    pub repeated_replacements: f64,
    /// Share of replacements with accented or non-Latin letters on one side
    /// only ("verändert" -> "change", "descripción" -> "description"): a
    /// translation; a spinner swaps words of one language.
    pub one_sided_accents: f64,
    /// Share of the distinct numbers (words with a digit at either end) of
    /// the text with fewer of them that the other text also has
    /// ([`numbers_kept`]): a spinner and a cut keep a story's numbers, a
    /// template filled with other values changes them.
    pub numbers_kept: f64,
    /// A's main run of paragraphs and how much of it the passages cover.
    pub main_a: MainCoverage,
    /// B's.
    pub main_b: MainCoverage,
    /// [`numbers_kept`] of the two main runs of paragraphs
    /// ([`main_numbers_kept`]).
    pub main_numbers_kept: f64,
    /// The two documents are on two sites ([`on_two_sites`]): a page's
    /// chrome is its site's, so the rest of each page is not the other's
    /// text.
    pub different_sites: bool,
}

/// How much of a text's main run of paragraphs ([`crate::main_text`]) the
/// shared passages cover.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct MainCoverage {
    /// Words of its paragraph lines (0: the text has no paragraph line).
    pub words: u32,
    /// Their share of all the text's paragraph words.
    pub share: f64,
    /// Share of its bytes inside shared passages.
    pub covered: f64,
}

impl MainCoverage {
    /// The coverage of `main`, the main run of `text`, by `passages` (spans
    /// of `text`), read on the run's core ([`MainText::core`]): a caption or
    /// standfirst of the page's own at the run's edge counts as the page's
    /// chrome, not as uncovered article. `words` and `share` are the core's,
    /// so the story's copy must still be most of the page's paragraphs.
    pub fn of(text: &str, main: Option<MainText>, passages: impl Iterator<Item = Span>) -> Self {
        let Some(m) = main else {
            return MainCoverage::default();
        };
        let passages: Vec<(usize, usize)> = passages.map(|p| (p.start, p.end)).collect();
        let m = m.core(text, &passages).unwrap_or(m);
        let inside: usize = passages
            .iter()
            .map(|&(s, e)| e.min(m.end).saturating_sub(s.max(m.start)))
            .sum();
        MainCoverage {
            words: m.words,
            share: m.share(),
            covered: inside as f64 / (m.end - m.start).max(1) as f64,
        }
    }
}

/// The function-word classes, for telling a spinner's swap from a
/// translation's.
fn function_words() -> &'static ImmutableWords {
    static WORDS: OnceLock<ImmutableWords> = OnceLock::new();
    WORDS.get_or_init(|| ImmutableWords::new(0))
}

fn function_class(word: &str) -> Option<u64> {
    function_words().function_class(word_hash(word.as_bytes(), 0))
}

/// Share of the replacements whose `(from, to)` occurs more than once.
fn repeated_share(subs: &[Substitution]) -> f64 {
    let mut pairs: Vec<(&str, &str)> = subs
        .iter()
        .filter(|s| s.is_replacement())
        .map(|s| (s.from.as_str(), s.to.as_str()))
        .collect();
    if pairs.is_empty() {
        return 0.0;
    }
    pairs.sort_unstable();
    let repeated: usize = pairs
        .chunk_by(|x, y| x == y)
        .filter(|run| run.len() > 1)
        .map(<[_]>::len)
        .sum();
    repeated as f64 / pairs.len() as f64
}

/// Share of the replacements with letters beyond ASCII on one side only.
fn one_sided_accent_share(subs: &[Substitution]) -> f64 {
    let accented = |w: &str| !w.is_ascii();
    let (mut n, mut one_sided) = (0usize, 0usize);
    for s in subs.iter().filter(|s| s.is_replacement()) {
        n += 1;
        one_sided += usize::from(accented(&s.from) != accented(&s.to));
    }
    if n == 0 {
        0.0
    } else {
        one_sided as f64 / n as f64
    }
}

/// Share of the words of `text` that are English function words.
pub fn function_share(text: &str) -> f64 {
    // Counted as the words stream by: a text of any size keeps no word list.
    let (mut words, mut hits) = (0usize, 0usize);
    for_each_token(text, 0, &mut Vec::new(), |t| {
        words += 1;
        hits += usize::from(function_words().function_class(t.hash).is_some());
    });
    share_of(hits, words)
}

/// `hits` of `words` as a share (0 for no words).
pub(crate) fn share_of(hits: usize, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        hits as f64 / words as f64
    }
}

/// The distinct numbers of `text` (words with a digit at either end, as
/// the spin view tells numbers: [`crate::text::ImmutableWords`]), as
/// sorted token hashes.
pub fn distinct_numbers(text: &str) -> Vec<u64> {
    numbers_of(text, None).all
}

/// A text's distinct numbers ([`distinct_numbers`]), and those of its main
/// run of paragraphs, gathered token by token in one pass over its words.
#[derive(Clone, Debug, Default)]
pub struct Numbers {
    /// All its distinct numbers, as sorted token hashes.
    pub all: Vec<u64>,
    /// Those that start inside its main run (None without one).
    pub main: Option<Vec<u64>>,
}

impl Numbers {
    /// Ready to gather the numbers of a text whose main run is `main`.
    pub fn new(main: Option<MainText>) -> Self {
        Numbers {
            all: Vec::new(),
            main: main.map(|_| Vec::new()),
        }
    }

    /// Takes token `t` of `text` if it is a number ([`is_number`]);
    /// `main` must be the one given to [`Numbers::new`].
    pub fn add(&mut self, text: &str, t: &Token, main: Option<MainText>) {
        if !is_number(text, t) {
            return;
        }
        self.all.push(t.hash);
        if let (Some(m), Some(in_main)) = (main, &mut self.main) {
            if (m.start..m.end).contains(&t.start) {
                in_main.push(t.hash);
            }
        }
    }

    /// The distinct numbers, sorted.
    pub fn finish(mut self) -> Self {
        for n in std::iter::once(&mut self.all).chain(self.main.as_mut()) {
            n.sort_unstable();
            n.dedup();
        }
        self
    }
}

/// The [`Numbers`] of `text`, whose main run is `main`.
pub fn numbers_of(text: &str, main: Option<MainText>) -> Numbers {
    let mut numbers = Numbers::new(main);
    for_each_token(text, 0, &mut Vec::new(), |t| numbers.add(text, &t, main));
    numbers.finish()
}

/// [`numbers_kept`] of two texts' main runs of paragraphs: 0 when either
/// has none. A page's chrome has its own numbers (dates, phone numbers,
/// prices), so two pages carrying one story keep the story's numbers in
/// their main texts only.
pub fn main_numbers_kept(a: Option<&[u64]>, b: Option<&[u64]>) -> f64 {
    match (a, b) {
        (Some(a), Some(b)) => numbers_kept(a, b),
        _ => 0.0,
    }
}

/// Whether two documents' sites ([`crate::signing::DocInfo::site`]: 0 is
/// none) differ: both known and different, or one known and the other
/// unknown (a page without a url is not the other page's site's). Two
/// documents without a url are not known to be on two sites: a corpus
/// without urls (package texts, successive versions of one README) has
/// no chrome of another site to tell apart.
pub fn on_two_sites(a: u64, b: u64) -> bool {
    a != b
}

/// Whether the aligner's rules can hold for two texts whose numbers are
/// kept this much ([`numbers_kept`]) and, in their main runs,
/// ([`main_numbers_kept`]) that much: a spun or cut copy keeps a story's
/// numbers, a story in two sites' chrome keeps them in the main runs.
pub fn numbers_allow_alignment(kept: f64, main_kept: f64) -> bool {
    kept >= MIN_NUMBERS_KEPT || main_kept >= MIN_NUMBERS_KEPT
}

/// True when the token `t` of `text` is a number: a digit at either end.
pub fn is_number(text: &str, t: &Token) -> bool {
    let bytes = text.as_bytes();
    bytes[t.start].is_ascii_digit() || bytes[t.end - 1].is_ascii_digit()
}

/// Share of the distinct numbers (sorted, [`distinct_numbers`]) of the
/// text with fewer that the other has; 1 when it has fewer than
/// [`MIN_NUMBERS_JUDGED`] (too few to tell a template's fills from a
/// story's figures).
pub fn numbers_kept(a: &[u64], b: &[u64]) -> f64 {
    let (fewer, more) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if fewer.len() < MIN_NUMBERS_JUDGED {
        return 1.0;
    }
    let shared = fewer
        .iter()
        .filter(|h| more.binary_search(h).is_ok())
        .count();
    shared as f64 / fewer.len() as f64
}

/// True when `a` and `b` are two spellings of one English word, American
/// and British ("labor"/"labour", "criticized"/"criticised",
/// "center"/"centre", "defense"/"defence", "traveled"/"travelled",
/// "program"/"programme", "catalog"/"catalogue"): an outlet re-spelling a
/// wire story in its house style swaps dozens of words through the whole
/// text, which a spinner's synonyms do too, so these swaps are not
/// counted as synonyms. Compares the two words with the British endings
/// rewritten the American way; case is ignored.
pub fn spelling_variants(a: &str, b: &str) -> bool {
    // This runs for every substitution of every aligned pair, so most
    // pairs are refused before anything is allocated: `american` changes
    // an ASCII word's length by at most 2 and keeps its first 3 letters.
    if a.is_ascii()
        && b.is_ascii()
        && (a.len().abs_diff(b.len()) > 2
            || a.len().min(b.len()) < 3
            || !a.as_bytes()[..3].eq_ignore_ascii_case(&b.as_bytes()[..3]))
    {
        return false;
    }
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    a != b && american(&a) == american(&b)
}

/// True when `a` and `b`, words of four letters or more, are one typing
/// slip apart: one letter dropped, added or replaced, or two neighbours
/// swapped ("officials"/"offficials", "afternoon"/"aftenroon"; case is
/// ignored). A copy's typos are not a spinner's synonyms, which are other
/// words: two copies of one wire story with their own typos showed nine
/// "swaps", six of them slips (docs/evaluation.md, "One story on fifty
/// sites").
pub fn one_slip_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().min(b.len()) < 4 || a.len().abs_diff(b.len()) > 1 || a.eq_ignore_ascii_case(b) {
        return false;
    }
    let same = |x: &[u8], y: &[u8]| x.eq_ignore_ascii_case(y);
    let start = a
        .iter()
        .zip(b)
        .take_while(|(x, y)| x.eq_ignore_ascii_case(y))
        .count();
    let (a, b) = (&a[start..], &b[start..]);
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Less => same(a, &b[1..]),
        std::cmp::Ordering::Greater => same(&a[1..], b),
        std::cmp::Ordering::Equal => {
            same(&a[1..], &b[1..])
                || (a.len() >= 2
                    && a[0].eq_ignore_ascii_case(&b[1])
                    && a[1].eq_ignore_ascii_case(&b[0])
                    && same(&a[2..], &b[2..]))
        }
    }
}

/// `word` (lowercase) with British spellings' endings rewritten the
/// American way; other words unchanged.
fn american(word: &str) -> String {
    // (British, American) endings of the word's stem, before any of the
    // inflections below, and the letters the stem needs before the ending
    // ("four", "hour", "rise" are words of their own): the longest first.
    const STEMS: &[(&str, &str, usize)] = &[
        ("programme", "program", 0),
        ("isation", "ization", 3),
        ("ogue", "og", 3),
        ("ence", "ense", 3),
        ("our", "or", 3),
        ("ise", "ize", 3),
        ("yse", "yze", 3),
        ("tre", "ter", 3),
    ];
    const INFLECTIONS: &[&str] = &["", "s", "d", "ed", "es", "ing", "er", "ers", "ite", "able"];
    let mut w = word.to_string();
    // A doubled l before an inflection: "travelled", "modelling".
    for ending in ["lled", "lling", "ller", "llers"] {
        if w.len() > ending.len() + 2 && w.ends_with(ending) {
            let cut = w.len() - ending.len();
            w = format!("{}{}", &w[..cut], &ending[1..]);
            break;
        }
    }
    for inflection in INFLECTIONS {
        let Some(stem) = w.strip_suffix(inflection) else {
            continue;
        };
        for &(british, american, before) in STEMS {
            if stem.len() >= british.len() + before && stem.ends_with(british) {
                let base = &stem[..stem.len() - british.len()];
                return format!("{base}{american}{inflection}");
            }
        }
    }
    w
}

/// A spun rewrite needs at least this many distinct synonym swaps: house
/// style edits ("U.S." -> "US", "said on Saturday" -> "said Saturday") and
/// shared skeletons repeat a few pairs.
const MIN_DISTINCT_SWAPS: usize = 6;
/// ... that are at least this share of all swaps (a spinner varies its
/// swaps; a renamed template repeats one swap wherever the name occurs).
const MIN_DISTINCT_SHARE: f64 = 0.35;
/// ... with names and numbers intact: at most this share of swaps touch
/// them.
const MAX_NAME_OR_NUMBER_SHARE: f64 = 0.25;
/// ... spread through the text: swaps in at least this many fifths.
const MIN_SPREAD: usize = 3;
/// ... with no one swap making up more than this share of them (at least
/// two occurrences are always allowed: a spinner swaps "said" every time).
const MAX_TOP_SWAP_SHARE: f64 = 0.25;
/// ... and at most this share changing a function word's class.
const MAX_CLASS_CHANGE_SHARE: f64 = 0.15;
/// ... in English: the spin view's immutable words are English function
/// words, so a rewrite is only called spun where they make up at least
/// this share of the words (two translations of a page into other
/// languages are not a spinner's work, whatever the aligner pairs up).
const MIN_FUNCTION_SHARE: f64 = 0.2;
/// ... and fills no template: fewer than this share of the replacements
/// repeat one `(from, to)` (a page made from another's template swaps its
/// object's name wherever it occurs; a spinner's swaps mostly differ: at
/// most 0.42 of them repeat in the generator's 45% spins).
const MAX_REPEATED_SHARE: f64 = 0.5;
/// ... within one language: at most this share of the replacements has
/// accented letters on one side only (a partial translation: "verändert"
/// -> "change"; English spinners keep to ASCII words).
const MAX_ONE_SIDED_ACCENTS: f64 = 0.1;
/// ... keeping its numbers: at least this share of the distinct numbers of
/// the text with fewer is in the other (a page filled from another's
/// template, a quarterly report with this quarter's figures, changes most
/// of them; a spinner changes none, and the rule above allows a quarter of
/// the swaps on names and numbers). Applies to aligned copies too: a
/// deeply cut copy keeps the numbers of the part it carries.
pub const MIN_NUMBERS_KEPT: f64 = 0.5;
/// ... judged only when that text has at least this many distinct numbers.
pub const MIN_NUMBERS_JUDGED: usize = 4;
/// A page's article ([`SpinEvidence::is_wrapped_copy`]) has at least this
/// many words in its main run of paragraphs ...
pub const MIN_ARTICLE_WORDS: u32 = 100;
/// ... which are at least this share of the page's paragraph words (on
/// real pages a story's copy in another site's chrome has 0.63 or more:
/// teasers and notices are the rest).
pub const MIN_ARTICLE_SHARE: f64 = 0.6;
/// ... and not a different text: a spinner leaves most words in place
/// (function words, names, numbers); a translation or another document
/// with a common skeleton replaces far more.
const MAX_SUBSTITUTED: f64 = 0.6;

impl SpinEvidence {
    /// Reads the evidence off an alignment of `a` with `b`.
    pub fn of(al: &Alignment, a: &str, b: &str) -> Self {
        let (main_a, main_b) = (main_text(a), main_text(b));
        let (na, nb) = (numbers_of(a, main_a), numbers_of(b, main_b));
        let kept = numbers_kept(&na.all, &nb.all);
        Self::with_function_share(al, a, function_share(a).min(function_share(b)), kept)
            .with_main_texts(
                al,
                (a, b),
                (main_a, main_b),
                main_numbers_kept(na.main.as_deref(), nb.main.as_deref()),
            )
    }

    /// With the coverage of the two texts' main runs of paragraphs
    /// ([`crate::main_text::main_text`] of A and of B) by `al`'s passages,
    /// and the share of their numbers kept ([`main_numbers_kept`]).
    pub fn with_main_texts(
        self,
        al: &Alignment,
        (text_a, text_b): (&str, &str),
        (a, b): (Option<MainText>, Option<MainText>),
        main_numbers_kept: f64,
    ) -> Self {
        SpinEvidence {
            main_a: MainCoverage::of(text_a, a, al.passages.iter().map(|p| p.a)),
            main_b: MainCoverage::of(text_b, b, al.passages.iter().map(|p| p.b)),
            main_numbers_kept,
            ..self
        }
    }

    /// The evidence with its sides swapped: the coverages of A are B's.
    /// (Counts read off the alignment's side A, such as `spread`, stay as
    /// they were: the alignment was made the other way round.)
    pub fn flipped(self) -> Self {
        SpinEvidence {
            coverage_a: self.coverage_b,
            coverage_b: self.coverage_a,
            main_a: self.main_b,
            main_b: self.main_a,
            ..self
        }
    }

    /// With whether the two documents are on two known sites
    /// ([`crate::signing::DocInfo::site`]: 0 is none).
    pub fn with_sites(self, a: u64, b: u64) -> Self {
        SpinEvidence {
            different_sites: on_two_sites(a, b),
            ..self
        }
    }

    /// The evidence for two texts whose numbers differ ([`numbers_kept`]
    /// under [`MIN_NUMBERS_KEPT`]): no rule holds whatever an alignment
    /// finds, so the spin view does not align them.
    pub fn numbers_changed(numbers_kept: f64) -> Self {
        SpinEvidence {
            numbers_kept,
            ..SpinEvidence::default()
        }
    }

    /// [`SpinEvidence::of`], the lesser of the two texts' function-word
    /// shares given ([`function_share`]'s, counted while the text was read
    /// back: [`crate::signing::read_back_facts`]) and the share of numbers
    /// kept ([`numbers_kept`]); `a` is the text of the alignment's side A.
    pub fn with_function_share(
        al: &Alignment,
        a: &str,
        function_share: f64,
        numbers_kept: f64,
    ) -> Self {
        let swaps: Vec<&Substitution> = al
            .substitutions
            .iter()
            .filter(|s| s.is_replacement() && !s.from.contains(' ') && !s.to.contains(' '))
            .collect();
        let is_number = |w: &str| w.bytes().any(|c| c.is_ascii_digit());
        let mut name_or_number = 0;
        let mut variants = 0;
        let mut words = Vec::with_capacity(swaps.len());
        for s in &swaps {
            if is_number(&s.from) || is_number(&s.to) {
                name_or_number += 1;
                continue;
            }
            if spelling_variants(&s.from, &s.to) || one_slip_apart(&s.from, &s.to) {
                variants += 1;
                continue;
            }
            if is_name_at(a, s.a.start) {
                name_or_number += 1;
            }
            words.push((s.from.as_str(), s.to.as_str(), s.a.start));
        }
        let mut pairs: Vec<(&str, &str)> = words.iter().map(|w| (w.0, w.1)).collect();
        pairs.sort_unstable();
        let top_swap = pairs
            .chunk_by(|x, y| x == y)
            .map(<[_]>::len)
            .max()
            .unwrap_or(0);
        pairs.dedup();
        let class_changes = words
            .iter()
            .filter(|w| {
                let (f, t) = (function_class(w.0), function_class(w.1));
                f != t && (f.is_some() || t.is_some())
            })
            .count();
        let (lo, hi) = match (al.passages.first(), al.passages.last()) {
            (Some(f), Some(l)) => (f.a.start, l.a.end.max(f.a.start + 1)),
            _ => (0, 1),
        };
        let mut fifths = [false; 5];
        for w in &words {
            let at = w.2.saturating_sub(lo).min(hi - lo - 1);
            fifths[at * 5 / (hi - lo)] = true;
        }
        SpinEvidence {
            coverage_a: al.coverage_a(),
            coverage_b: al.coverage_b(),
            coverage_shorter: if al.a_words <= al.b_words {
                al.coverage_a()
            } else {
                al.coverage_b()
            },
            substituted: al.substituted_share_either(),
            word_swaps: words.len(),
            spelling_variants: variants,
            distinct_swaps: pairs.len(),
            name_or_number_swaps: name_or_number,
            spread: fifths.iter().filter(|&&f| f).count(),
            top_swap,
            class_changes,
            function_share,
            repeated_replacements: repeated_share(&al.substitutions),
            one_sided_accents: one_sided_accent_share(&al.substitutions),
            numbers_kept,
            ..SpinEvidence::default()
        }
    }

    /// The coverage of side A (`member_is_a`) or B.
    fn coverage(&self, member_is_a: bool) -> f64 {
        if member_is_a {
            self.coverage_a
        } else {
            self.coverage_b
        }
    }

    /// The main run of side A (`member_is_a`) or B.
    fn main(&self, member_is_a: bool) -> MainCoverage {
        if member_is_a {
            self.main_a
        } else {
            self.main_b
        }
    }

    /// The two texts share passages covering `min_coverage` of the shorter,
    /// and the kept copy's text makes up at least `threshold` of the member
    /// (the member may be wrapped in its site's page, as for `near`).
    fn covers(&self, member_is_a: bool, params: &Params, sp: &SpinParams) -> bool {
        self.coverage_shorter >= sp.min_coverage
            && self.coverage(member_is_a) >= params.threshold
            && self.numbers_kept >= MIN_NUMBERS_KEPT
    }

    /// A synonym-spun rewrite: many distinct one-word swaps spread through
    /// an aligned text whose names and numbers are intact.
    pub fn is_spun(&self, member_is_a: bool, params: &Params) -> bool {
        let Some(sp) = &params.spin else { return false };
        let swaps = self.word_swaps + self.name_or_number_swaps;
        self.covers(member_is_a, params, sp)
            && self.substituted >= sp.min_substituted
            && self.substituted <= MAX_SUBSTITUTED
            && self.distinct_swaps >= MIN_DISTINCT_SWAPS
            && self.distinct_swaps as f64 >= MIN_DISTINCT_SHARE * self.word_swaps as f64
            && self.name_or_number_swaps as f64 <= MAX_NAME_OR_NUMBER_SHARE * swaps as f64
            && self.spread >= MIN_SPREAD
            && self.top_swap as f64 <= (MAX_TOP_SWAP_SHARE * self.word_swaps as f64).max(2.0)
            && self.class_changes as f64 <= MAX_CLASS_CHANGE_SHARE * self.word_swaps as f64
            && self.function_share >= MIN_FUNCTION_SHARE
            && self.repeated_replacements < MAX_REPEATED_SHARE
            && self.one_sided_accents <= MAX_ONE_SIDED_ACCENTS
    }

    /// A copy the shingles missed but the aligner found nearly word for
    /// word (a deeply cut excerpt): almost all of the member covered
    /// ([`ALIGNED_EXCERPT_COVERAGE`]), almost nothing replaced, and the
    /// member at least `min_excerpt_share` of the kept copy (the covered
    /// words are about as many on both sides, so the size ratio is the
    /// ratio of the coverages).
    pub fn is_aligned_copy(&self, member_is_a: bool, params: &Params) -> bool {
        let Some(sp) = &params.spin else { return false };
        let member = self.coverage(member_is_a);
        let kept = self.coverage(!member_is_a);
        params.excerpts
            && self.covers(member_is_a, params, sp)
            && member >= ALIGNED_EXCERPT_COVERAGE.max(params.containment)
            && kept >= params.min_excerpt_share * member
            && self.substituted < sp.min_substituted
    }

    /// A story republished in another site's page: the member's main run
    /// of paragraphs ([`crate::main_text`]) holds at least
    /// [`MIN_ARTICLE_WORDS`] words and [`MIN_ARTICLE_SHARE`] of its page's
    /// paragraph words (it is the page's article, not one text among
    /// several), the aligner covers [`ALIGNED_EXCERPT_COVERAGE`] of it in
    /// the kept copy with almost nothing replaced, the main texts' numbers
    /// are kept ([`main_numbers_kept`]),
    /// and the two pages are on two sites, so the rest of the member's page
    /// is its own site's chrome, which no count can learn on a site with one
    /// page in the corpus. Text wrapped at a fixed width has no main run and
    /// never passes.
    pub fn is_wrapped_copy(&self, member_is_a: bool, params: &Params) -> bool {
        self.wrapped_shortfalls(member_is_a, params).is_empty()
    }

    /// The conditions of [`SpinEvidence::is_wrapped_copy`] the member
    /// (side A when `member_is_a`) misses, in the rule's order: empty when
    /// it holds. The rule is this list being empty, so what `explain`
    /// prints as the reasons is what decides.
    pub fn wrapped_shortfalls(&self, member_is_a: bool, params: &Params) -> Vec<WrappedShortfall> {
        use WrappedShortfall as W;
        let Some(sp) = &params.spin else {
            return vec![W::SpinViewOff];
        };
        let mut why = Vec::new();
        if !params.excerpts {
            why.push(W::ExcerptsOff);
        }
        if !self.different_sites {
            why.push(W::NotTwoSites);
        }
        let main = self.main(member_is_a);
        if main.words == 0 {
            why.push(W::NoArticle);
        } else {
            if main.words < MIN_ARTICLE_WORDS {
                why.push(W::ShortArticle(main.words));
            }
            if main.share < MIN_ARTICLE_SHARE {
                why.push(W::ArticleShare(main.share));
            }
            if main.covered < ALIGNED_EXCERPT_COVERAGE {
                why.push(W::ArticleCovered(main.covered));
            }
        }
        if self.substituted >= sp.min_substituted {
            why.push(W::Substituted(self.substituted, sp.min_substituted));
        }
        if self.main_numbers_kept < MIN_NUMBERS_KEPT {
            why.push(W::NumbersKept(self.main_numbers_kept));
        }
        why
    }

    /// The relation the aligner gives the member (side A when
    /// `member_is_a`), if any.
    pub fn relation(&self, member_is_a: bool, params: &Params) -> Option<Relation> {
        if self.is_spun(member_is_a, params) {
            Some(Relation::Spun)
        } else if self.is_aligned_copy(member_is_a, params) {
            Some(Relation::Excerpt)
        } else if self.is_wrapped_copy(member_is_a, params) {
            Some(Relation::Wrapped)
        } else {
            None
        }
    }
}

/// A condition of the `wrapped` rule ([`SpinEvidence::is_wrapped_copy`])
/// that a member misses: what `explain` says when a page is not dropped
/// as a story in another site's page. Written as a sentence (JSON: the same
/// string).
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum WrappedShortfall {
    /// The spin view, which aligns such pairs, is off.
    SpinViewOff,
    /// Excerpt joins are off (`--no-excerpts`).
    ExcerptsOff,
    /// The two pages are not known to be on two sites.
    NotTwoSites,
    /// The member has no line of paragraph length, so no article.
    NoArticle,
    /// Its article has these many words.
    ShortArticle(u32),
    /// Its article is this share of its page's paragraph words.
    ArticleShare(f64),
    /// This share of its article is covered by the other's text.
    ArticleCovered(f64),
    /// This share of the covered words is replaced (and the bar).
    Substituted(f64, f64),
    /// This share of its article's numbers is in the other's.
    NumbersKept(f64),
}

impl std::fmt::Display for WrappedShortfall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = |x: f64| 100.0 * x;
        match *self {
            WrappedShortfall::SpinViewOff => write!(f, "the spin view is off"),
            WrappedShortfall::ExcerptsOff => write!(f, "excerpt joins are off"),
            WrappedShortfall::NotTwoSites => {
                write!(f, "the pages are not known to be on two sites")
            }
            WrappedShortfall::NoArticle => {
                write!(f, "no article (no line of {PARAGRAPH_CHARS} characters)")
            }
            WrappedShortfall::ShortArticle(w) => {
                write!(f, "its article is {w} words (needs {MIN_ARTICLE_WORDS})")
            }
            WrappedShortfall::ArticleShare(x) => write!(
                f,
                "its article is {:.0}% of its page's paragraph words (needs {:.0}%)",
                pct(x),
                pct(MIN_ARTICLE_SHARE)
            ),
            WrappedShortfall::ArticleCovered(x) => write!(
                f,
                "{:.0}% of its article is covered (needs {:.0}%)",
                pct(x),
                pct(ALIGNED_EXCERPT_COVERAGE)
            ),
            WrappedShortfall::Substituted(x, bar) => write!(
                f,
                "{:.1}% of the covered words replaced (needs under {:.1}%)",
                pct(x),
                pct(bar)
            ),
            WrappedShortfall::NumbersKept(x) => write!(
                f,
                "{:.0}% of its article's numbers kept (needs {:.0}%)",
                pct(x),
                pct(MIN_NUMBERS_KEPT)
            ),
        }
    }
}

impl serde::Serialize for WrappedShortfall {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// True when the word at byte `at` of `text` starts with a capital letter
/// and does not open a sentence (a name, or a word of one). The value of a
/// field (a line opening with one capitalised label and a colon:
/// "Upstream-Name: Jansson", "License: Expat") is a name too: two files
/// of one template with other names in their fields are not a spin.
fn is_name_at(text: &str, at: usize) -> bool {
    let starts_upper = text[at..].chars().next().is_some_and(char::is_uppercase);
    if !starts_upper {
        return false;
    }
    let before = text[..at].trim_end_matches([' ', '"', '\'']);
    if let Some(label) = before.strip_suffix(':') {
        let line = &label[label.rfind('\n').map_or(0, |i| i + 1)..];
        let line = line.trim_start();
        return line.chars().next().is_some_and(char::is_uppercase)
            && !line.is_empty()
            && !line.contains(char::is_whitespace);
    }
    !(before.is_empty() || before.ends_with(['.', '!', '?', '\n', '\u{201c}', '(', '-', '|']))
}

/// What the origin rule knows of one candidate.
#[derive(Clone, Copy, Debug)]
pub struct OriginFacts<'a> {
    /// The id.
    pub id: &'a str,
    /// Publication time, Unix seconds.
    pub date: Option<i64>,
    /// Words.
    pub words: u32,
    /// A reference document of `--against`.
    pub reference: bool,
}

/// What the origin rule reads of a candidate's verified pairs with the
/// other candidates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    /// Candidates it is strictly inside (an excerpt of).
    pub inside: usize,
    /// Candidates it contains (≥ `containment` of theirs in it).
    pub contains: usize,
    /// Agreeing signature bins, summed over its pairs (closeness).
    pub bins: usize,
}

impl Standing {
    /// The standing of a candidate with these pairs (its side `a`).
    pub fn of(pairs: &[(u32, PairScores)], params: &Params) -> Self {
        let mut st = Standing::default();
        for (_, s) in pairs {
            st.add(s, params);
        }
        st
    }

    /// Counts one pair in (the candidate as side `a`).
    pub fn add(&mut self, s: &PairScores, params: &Params) {
        self.inside += usize::from(strictly_inside(s, params));
        self.contains += usize::from(s.b_in_a >= params.containment);
        self.bins += s.matching_bins;
    }

    /// Takes one pair out (its other side was placed elsewhere).
    pub fn remove(&mut self, s: &PairScores, params: &Params) {
        self.inside -= usize::from(strictly_inside(s, params));
        self.contains -= usize::from(s.b_in_a >= params.containment);
        self.bins -= s.matching_bins;
    }
}

/// A candidate's place in the origin rule: the greatest rank is kept.
/// Fields compare in the rule's order (reference, not an excerpt, dated,
/// earliest date, contains the most, most agreeing bins, longest, smallest
/// id), so the rule is one comparison, and a cluster can keep its
/// candidates in an ordered set as their standings change.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank<'a> {
    reference: bool,
    not_inside: bool,
    dated: bool,
    earlier: std::cmp::Reverse<i64>,
    contains: usize,
    bins: usize,
    words: u32,
    smaller_id: std::cmp::Reverse<&'a str>,
}

impl<'a> Rank<'a> {
    /// The rank of a candidate.
    pub fn of(f: OriginFacts<'a>, st: Standing) -> Self {
        Rank {
            reference: f.reference,
            not_inside: st.inside == 0,
            dated: f.date.is_some(),
            earlier: std::cmp::Reverse(f.date.unwrap_or(0)),
            contains: st.contains,
            bins: st.bins,
            words: f.words,
            smaller_id: std::cmp::Reverse(f.id),
        }
    }

    /// The step of the rule that puts this rank above `next` (the best of
    /// the others).
    pub fn reason_over(&self, next: &Rank) -> OriginReason {
        if self.reference != next.reference {
            OriginReason::Reference
        } else if self.not_inside != next.not_inside {
            OriginReason::NotAnExcerpt
        } else if self.dated != next.dated || self.earlier != next.earlier {
            OriginReason::EarliestDate
        } else if self.contains != next.contains {
            OriginReason::ContainsOthers
        } else if self.bins != next.bins {
            OriginReason::Medoid
        } else if self.words != next.words {
            OriginReason::Longest
        } else {
            OriginReason::SmallestId
        }
    }
}

/// The origin rule over `cands` (indices into whatever `facts` and
/// `standing` know): `standing(x)` sums `x`'s verified pairs with the
/// other candidates ([`Standing::of`]). Returns the candidate of the
/// greatest [`Rank`] and the step that put it above the next.
pub fn origin_step<'a>(
    cands: &[u32],
    facts: impl Fn(u32) -> OriginFacts<'a>,
    standing: impl Fn(u32) -> Standing,
) -> (u32, OriginReason) {
    let mut ranked: Vec<(Rank, u32)> = cands
        .iter()
        .map(|&x| (Rank::of(facts(x), standing(x)), x))
        .collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    match ranked.as_slice() {
        [] => panic!("candidates are not empty"),
        [(_, only)] => (*only, OriginReason::Single),
        [(best, x), (next, _), ..] => (*x, best.reason_over(next)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Span;

    fn scores(jaccard: f64, a_in_b: f64, b_in_a: f64) -> PairScores {
        PairScores::estimated(jaccard, a_in_b, b_in_a)
    }

    #[test]
    fn a_page_whose_article_is_inside_another_sites_page_is_wrapped() {
        let params = Params::default();
        let article = MainCoverage {
            words: 450,
            share: 0.8,
            covered: 0.95,
        };
        let ev = SpinEvidence {
            coverage_a: 0.5,
            coverage_b: 0.45,
            coverage_shorter: 0.5,
            main_a: article,
            main_numbers_kept: 1.0,
            numbers_kept: 0.2,
            ..SpinEvidence::default()
        }
        .with_sites(7, 9);
        assert_eq!(ev.relation(true, &params), Some(Relation::Wrapped));
        // B has no main text: it is not dropped for A.
        assert_eq!(ev.relation(false, &params), None);
        let without = |f: &dyn Fn(&mut SpinEvidence)| {
            let mut e = ev;
            f(&mut e);
            e.relation(true, &params)
        };
        assert_eq!(without(&|e| *e = e.with_sites(7, 7)), None, "one site");
        assert_eq!(
            without(&|e| *e = e.with_sites(0, 0)),
            None,
            "both sites unknown"
        );
        assert_eq!(
            without(&|e| *e = e.with_sites(0, 9)),
            Some(Relation::Wrapped),
            "a page without a url is not the other page's site's"
        );
        assert_eq!(without(&|e| e.main_a.words = 80), None, "too short");
        assert_eq!(
            without(&|e| e.main_a.share = 0.5),
            None,
            "one text of several"
        );
        assert_eq!(without(&|e| e.main_a.covered = 0.85), None, "not inside");
        assert_eq!(without(&|e| e.substituted = 0.05), None, "reworded");
        assert_eq!(
            without(&|e| e.main_numbers_kept = 0.4),
            None,
            "other figures"
        );
        let no_excerpts = Params {
            excerpts: false,
            ..Params::default()
        };
        assert_eq!(ev.relation(true, &no_excerpts), None);
    }

    #[test]
    fn main_coverage_counts_the_passages_inside_the_run_s_core() {
        let line = |w: &str, n: usize| vec![w; n].join(" ");
        let text = [
            "Menu".into(),
            line("alpha", 25),
            line("beta", 25),
            line("notes", 20),
        ]
        .join("\n");
        let main = main_text(&text).unwrap();
        assert_eq!(main.words, 70);
        let beta = text.find("beta").unwrap();
        let alpha = text.find("alpha").unwrap();
        // most of the alpha line and of beta's: the note is the page's own
        let spans = [Span {
            start: alpha + 60,
            end: beta + 99,
        }];
        let c = MainCoverage::of(&text, Some(main), spans.into_iter());
        assert_eq!(c.words, 50, "{c:?}");
        assert!((c.share - 50.0 / 70.0).abs() < 1e-9, "{c:?}");
        // the core ends with the beta line, 124 bytes long
        let expected = (beta + 99 - alpha - 60) as f64 / (beta + 124 - alpha) as f64;
        assert!((c.covered - expected).abs() < 1e-9, "{c:?}");
        // no passage in the run: the whole run, uncovered
        let outside = [Span { start: 0, end: 4 }];
        let c = MainCoverage::of(&text, Some(main), outside.into_iter());
        assert_eq!((c.words, c.covered), (70, 0.0));
        assert_eq!(
            MainCoverage::of(&text, None, spans.into_iter()),
            MainCoverage::default()
        );
    }

    #[test]
    fn a_document_that_holds_more_is_never_dropped_for_its_excerpt() {
        let p = Params::default();
        // a: a page that contains b and as much again of its own
        let s = scores(0.4, 0.45, 0.95);
        assert_eq!(drop_relation(&s, &p), None);
        assert_eq!(drop_relation(&s.flipped(), &p), Some(Relation::Excerpt));
        assert!(strictly_inside(&s.flipped(), &p));
        assert!(!strictly_inside(&s, &p));
        assert_eq!(
            drop_relation(&scores(0.6, 0.7, 0.8), &p),
            Some(Relation::Near)
        );
        let no_excerpts = Params {
            excerpts: false,
            ..Params::default()
        };
        assert_eq!(drop_relation(&s.flipped(), &no_excerpts), None);
    }

    /// Evidence that passes every spin bar, for tests to spoil one at a time.
    fn spun_evidence() -> SpinEvidence {
        SpinEvidence {
            coverage_a: 0.9,
            coverage_b: 0.9,
            coverage_shorter: 0.9,
            substituted: 0.2,
            word_swaps: 40,
            spelling_variants: 0,
            distinct_swaps: 36,
            name_or_number_swaps: 1,
            spread: 5,
            top_swap: 2,
            class_changes: 1,
            function_share: 0.38,
            repeated_replacements: 0.1,
            one_sided_accents: 0.0,
            numbers_kept: 1.0,
            ..SpinEvidence::default()
        }
    }

    #[test]
    fn spun_needs_varied_same_language_swaps() {
        let p = Params::default();
        assert!(spun_evidence().is_spun(true, &p));
        let template = SpinEvidence {
            repeated_replacements: 0.55,
            ..spun_evidence()
        };
        assert!(
            !template.is_spun(true, &p),
            "a filled template repeats its fills"
        );
        let translation = SpinEvidence {
            one_sided_accents: 0.3,
            ..spun_evidence()
        };
        assert!(!translation.is_spun(true, &p), "a translation");
        let foreign = SpinEvidence {
            function_share: 0.15,
            ..spun_evidence()
        };
        assert!(!foreign.is_spun(true, &p), "either text not English");
        let refilled = SpinEvidence {
            numbers_kept: 0.4,
            ..spun_evidence()
        };
        assert!(!refilled.is_spun(true, &p), "a template with other figures");
        assert_eq!(SpinEvidence::numbers_changed(0.2).relation(true, &p), None);
    }

    #[test]
    fn typing_slips_are_one_word_and_synonyms_are_not() {
        for (a, b) in [
            ("officials", "offficials"),
            ("afternoon", "aftenroon"),
            ("describing", "desribing"),
            ("consider", "cosider"),
            ("people", "pople"),
            ("risks", "rikss"),
            ("Market", "markte"),
            ("wars", "ward"),
        ] {
            assert!(one_slip_apart(a, b), "{a} / {b}");
            assert!(one_slip_apart(b, a), "{b} / {a}");
        }
        for (a, b) in [
            ("vows", "pledges"),
            ("war", "struggle"),
            ("use", "usa"),
            ("people", "people"),
            ("people", "PEOPLE"),
            ("rescue", "recuse"),
        ] {
            assert!(!one_slip_apart(a, b), "{a} / {b}");
        }
        assert!(one_slip_apart("towards", "toward"), "a letter dropped");
    }

    #[test]
    fn british_and_american_spellings_are_one_word() {
        for (a, b) in [
            ("labor", "labour"),
            ("criticized", "criticised"),
            ("organizations", "organisations"),
            ("center", "centre"),
            ("centers", "centres"),
            ("defense", "defence"),
            ("license", "licence"),
            ("neighboring", "neighbouring"),
            ("favored", "favoured"),
            ("traveled", "travelled"),
            ("modeling", "modelling"),
            ("program", "programme"),
            ("catalog", "catalogue"),
            ("analyzed", "analysed"),
            ("Honor", "honour"),
        ] {
            assert!(spelling_variants(a, b), "{a} / {b}");
            assert!(spelling_variants(b, a), "{b} / {a}");
        }
        for (a, b) in [
            ("four", "for"),
            ("hour", "her"),
            ("clean", "clear"),
            ("social", "societal"),
            ("war", "struggle"),
            ("labor", "labor"),
            ("rise", "rize"),
            ("filled", "filed"),
        ] {
            assert!(!spelling_variants(a, b), "{a} / {b}");
        }
    }

    /// `spelling_variants` refuses ASCII pairs whose lengths differ by
    /// more than 2 or whose first 3 letters differ without comparing
    /// spellings: that holds only while `american` keeps both.
    #[test]
    fn the_american_spelling_keeps_the_start_and_nearly_the_length() {
        let words = "programmes programmed isations organisationable catalogued dialogues \
             licences defences colourable honouring harbours analysed paralysing centres \
             theatres travellers modellers cancelling labelled rumours behaviourite \
             four hour rise our ise tre lled allled colour programme ogue";
        for w in words.split_whitespace() {
            let us = american(w);
            assert!(us.len().abs_diff(w.len()) <= 2, "{w} -> {us}");
            assert_eq!(us.as_bytes()[..3], w.as_bytes()[..3], "{w} -> {us}");
        }
    }

    #[test]
    fn a_template_filled_with_other_figures_keeps_few_of_its_numbers() {
        let report = |name: &str, figures: [u32; 5]| {
            format!(
                "{name} on Monday reported a higher net profit, as revenue rose to ${} million \
                 from ${} million a year earlier. Net income was ${} million, or {} cents per \
                 share. Its shares rose {}% in extended trading.",
                figures[0], figures[1], figures[2], figures[3], figures[4]
            )
        };
        let a = report("Esposito Industries", [727, 836, 52, 23, 9]);
        let b = report("Kowalski Systems", [681, 852, 5, 86, 5]);
        let numbers = distinct_numbers(&a);
        assert_eq!(numbers.len(), 5);
        assert_eq!(numbers_kept(&numbers, &distinct_numbers(&b)), 0.0);
        // A spinner keeps them: a rewrite with other words, the same figures.
        let spun = a
            .replace("reported", "announced")
            .replace("rose", "climbed");
        assert_eq!(numbers_kept(&numbers, &distinct_numbers(&spun)), 1.0);
        // A cut keeps those of the part it carries, whatever the other has.
        let cut = &a[..a.find("Its shares").unwrap()];
        assert_eq!(numbers_kept(&distinct_numbers(cut), &numbers), 1.0);
        // Too few numbers to judge: kept.
        assert_eq!(
            numbers_kept(&distinct_numbers("In 2024 and 2025."), &[]),
            1.0
        );
        // The evidence from texts carries it, and no rule holds without it.
        let al = crate::align::align(&a, &b, &crate::align::AlignParams::default());
        let ev = SpinEvidence::of(&al, &a, &b);
        assert_eq!(ev.numbers_kept, 0.0);
        assert_eq!(ev.relation(true, &Params::default()), None);
    }

    #[test]
    fn replacement_shares_count_phrases_and_accents() {
        let sub = |from: &str, to: &str| Substitution {
            a: Span { start: 0, end: 0 },
            b: Span { start: 0, end: 0 },
            from: from.into(),
            to: to.into(),
        };
        let subs = [
            sub("folder", "instance"),
            sub("folder", "instance"),
            sub("add", "remove"),
            sub("verändert", "change"),
            sub("", "inserted"),
        ];
        assert!((repeated_share(&subs) - 0.5).abs() < 1e-9);
        assert!((one_sided_accent_share(&subs) - 0.25).abs() < 1e-9);
        assert_eq!(repeated_share(&[]), 0.0);
    }

    #[test]
    fn an_aligned_copy_meets_the_excerpt_bars() {
        let p = Params::default();
        let copy = SpinEvidence {
            substituted: 0.01,
            coverage_a: 0.92,
            coverage_b: 0.7,
            coverage_shorter: 0.92,
            ..spun_evidence()
        };
        assert_eq!(copy.relation(true, &p), Some(Relation::Excerpt));
        // two translations of one page: the commands and paths they share
        // cover three quarters of each, the rest is each language's own
        let translations = SpinEvidence {
            coverage_a: 0.74,
            coverage_b: 0.73,
            coverage_shorter: 0.74,
            ..copy
        };
        assert_eq!(
            translations.relation(true, &p),
            None,
            "a quarter of it unmatched"
        );
        let small = Params {
            min_excerpt_share: 0.3,
            ..Params::default()
        };
        let inside_big = SpinEvidence {
            coverage_b: 0.1,
            ..copy
        };
        assert_eq!(inside_big.relation(true, &small), None);
        assert_eq!(copy.relation(true, &small), Some(Relation::Excerpt));
    }

    #[test]
    fn a_small_text_inside_a_compilation_is_kept_when_asked() {
        let p = Params {
            min_excerpt_share: 0.3,
            ..Params::default()
        };
        // a: 95% inside b, and a fifth of b's size
        let s = scores(0.19, 0.95, 0.19);
        assert_eq!(drop_relation(&s, &p), None);
        assert_eq!(
            drop_relation(&s, &Params::default()),
            Some(Relation::Excerpt)
        );
    }

    #[test]
    fn names_are_capitalised_words_inside_a_sentence() {
        let t = "The minister met Smith. Then they left";
        assert!(!is_name_at(t, 0));
        assert!(is_name_at(t, t.find("Smith").unwrap()));
        assert!(!is_name_at(t, t.find("Then").unwrap()));
        assert!(!is_name_at(t, t.find("minister").unwrap()));
        let fields =
            "Format: https://x.example/\nUpstream-Name: Jansson\nSource: https://y.example\n";
        assert!(is_name_at(fields, fields.find("Jansson").unwrap()));
        let prose = "They agreed on one thing: Rents will rise. Note: The";
        assert!(!is_name_at(prose, prose.find("Rents").unwrap()));
        assert!(
            !is_name_at(prose, prose.find("The").unwrap()),
            "a label not opening its line"
        );
    }
}
