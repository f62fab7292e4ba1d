//! Scoring the passage aligner against the generator's passage truth.
//!
//! `neardup generate` writes, for every copy, which byte ranges of its text
//! were made from which byte ranges of its source's text
//! (`alignment_truth.jsonl`, see [`neardup_synth`]), and for every spun
//! rewrite the synonym swaps it made (`spin_log.jsonl`). This module runs
//! [`neardup::align::align`] on each (source, copy) pair and scores it two ways.
//!
//! # Matched text: PAN character-level measures
//!
//! The measures are those of the PAN text-alignment task (Potthast et al.,
//! "An evaluation framework for plagiarism detection", COLING 2010, and the
//! micro-averaged variant of PAN 2014). A *case* `s` is one true passage
//! pair and a *detection* `r` one aligned passage pair; each is the set of
//! characters it covers in the copy **and** in the source (the two sides
//! are counted together). `r` *detects* `s` when they overlap on both
//! sides, and then `s ⊓ r = s ∩ r` (else it is empty). With `S` the cases
//! and `R` the detections of a set of pairs, micro-averaged over characters:
//!
//! * precision = |⋃ (s ⊓ r)| / |⋃ r|, recall = |⋃ (s ⊓ r)| / |⋃ s|, F1;
//! * granularity = mean number of detections per detected case (1 is best);
//! * plagdet = F1 / log2(1 + granularity).
//!
//! Sums run over all pairs of a case label (all syndicated copies, ...).
//! Characters are Unicode scalar values (UTF-8 continuation bytes are not
//! counted). Hard negatives have no true passages: whatever is aligned
//! between them and the story's origin counts against precision.
//!
//! The aligner reports a passage from its first word to its last word, so a
//! passage's closing punctuation is not in it; the truth runs to the last
//! byte of the paragraph. That costs recall a character or two per passage.
//!
//! # Substitutions
//!
//! For a spun rewrite, the share of the spinner's logged swaps that the
//! alignment lists. Both sides are compared as normalised words (the
//! aligner's tokeniser: NFKC, lowercase, split at non-alphanumerics, so
//! `well-known` is `well known`), as a multiset: each listed substitution
//! recovers at most one logged swap. A logged swap is recovered when the
//! alignment lists the same `(from, to)` words, or, for a swap of as many
//! words on each side (`according to -> as per`), when it lists each of the
//! word pairs that differ (the aligner pairs an equal-size block word by
//! word).

use neardup::align::{align, AlignParams, Substitution};
use neardup::text::{normalize_token, tokenize};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One record of `alignment_truth.jsonl`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct TruthRecord {
    /// The copy.
    pub id: String,
    /// Its source (the story's origin).
    pub source_id: String,
    /// The copy's case (`syndicated`, `spun30`, `hard_negative`, ...).
    pub case: String,
    /// `[copy_start, copy_end, source_start, source_end]` byte ranges.
    pub passages: Vec<[usize; 4]>,
}

/// Parses JSON Lines into `T`s, skipping blank lines. Errors name the line.
pub fn parse_json_lines<T: serde::de::DeserializeOwned>(
    text: &str,
    name: &str,
) -> Result<Vec<T>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{name}:{}: {e}", i + 1)))
        .collect()
}

/// Parses `alignment_truth.jsonl`. Errors name the line.
pub fn parse_alignment_truth(text: &str, name: &str) -> Result<Vec<TruthRecord>, String> {
    parse_json_lines(text, name)
}

#[derive(Deserialize)]
struct SpinLine {
    id: String,
    substitutions: Vec<(String, String)>,
}

/// Parses `spin_log.jsonl` into the logged swaps of each spun document.
pub fn parse_spin_log(
    text: &str,
    name: &str,
) -> Result<HashMap<String, Vec<(String, String)>>, String> {
    Ok(parse_json_lines::<SpinLine>(text, name)?
        .into_iter()
        .map(|s| (s.id, s.substitutions))
        .collect())
}

/// A passage pair: byte ranges `start..end` in the copy and in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PassagePair {
    /// Bytes of the copy.
    pub copy: (usize, usize),
    /// Bytes of the source.
    pub source: (usize, usize),
}

impl PassagePair {
    /// From a truth record's `[copy_start, copy_end, source_start, source_end]`.
    pub fn from_truth(p: [usize; 4]) -> Self {
        PassagePair {
            copy: (p[0], p[1]),
            source: (p[2], p[3]),
        }
    }
}

/// Additive character counts behind the PAN measures (one pair, or a sum).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CharCounts {
    /// |⋃ s|: characters of the true passages, both sides.
    pub truth_chars: u64,
    /// |⋃ r|: characters of the detected passages, both sides.
    pub detected_chars: u64,
    /// |⋃ (s ⊓ r)|: characters both true and detected (by a detecting pair).
    pub matched_chars: u64,
    /// True passages.
    pub cases: u64,
    /// True passages detected by at least one detection.
    pub detected_cases: u64,
    /// Detections per detected case, summed (for granularity).
    pub detections_per_case: u64,
    /// Detections.
    pub detections: u64,
}

impl CharCounts {
    /// Adds another pair's counts.
    pub fn add(&mut self, o: &CharCounts) {
        self.truth_chars += o.truth_chars;
        self.detected_chars += o.detected_chars;
        self.matched_chars += o.matched_chars;
        self.cases += o.cases;
        self.detected_cases += o.detected_cases;
        self.detections_per_case += o.detections_per_case;
        self.detections += o.detections;
    }
    /// Matched share of the detected characters (1 when nothing was detected).
    pub fn precision(&self) -> f64 {
        share(self.matched_chars, self.detected_chars)
    }
    /// Matched share of the true characters (1 when there is nothing to find).
    pub fn recall(&self) -> f64 {
        share(self.matched_chars, self.truth_chars)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Mean detections per detected case (1 when no case was detected).
    pub fn granularity(&self) -> f64 {
        if self.detected_cases == 0 {
            1.0
        } else {
            self.detections_per_case as f64 / self.detected_cases as f64
        }
    }
    /// PAN's overall score: F1 / log2(1 + granularity).
    pub fn plagdet(&self) -> f64 {
        self.f1() / (1.0 + self.granularity()).log2()
    }
}

fn share(x: u64, n: u64) -> f64 {
    if n == 0 {
        1.0
    } else {
        x as f64 / n as f64
    }
}

/// Characters in `text[lo..hi]` (bytes that do not continue a UTF-8 sequence).
fn chars_in(text: &str, lo: usize, hi: usize) -> u64 {
    text.as_bytes()[lo..hi]
        .iter()
        .filter(|&&b| (b as i8) >= -0x40)
        .count() as u64
}

/// Characters covered by the union of byte ranges (consumed: sorted in place).
fn union_chars(text: &str, ranges: &mut [(usize, usize)]) -> u64 {
    ranges.sort_unstable();
    let mut total = 0;
    let mut cur: Option<(usize, usize)> = None;
    for &(s, e) in ranges.iter().filter(|r| r.1 > r.0) {
        cur = match cur {
            Some((cs, ce)) if s <= ce => Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += chars_in(text, cs, ce);
                Some((s, e))
            }
            None => Some((s, e)),
        };
    }
    if let Some((cs, ce)) = cur {
        total += chars_in(text, cs, ce);
    }
    total
}

fn overlap(x: (usize, usize), y: (usize, usize)) -> Option<(usize, usize)> {
    let (s, e) = (x.0.max(y.0), x.1.min(y.1));
    (s < e).then_some((s, e))
}

/// PAN character counts of one (source, copy) pair: `truth` are the true
/// passages, `detected` the aligned ones (ranges clipped to the texts).
pub fn score_pair(
    copy: &str,
    source: &str,
    truth: &[PassagePair],
    detected: &[PassagePair],
) -> CharCounts {
    let clip = |p: &PassagePair| PassagePair {
        copy: (p.copy.0.min(copy.len()), p.copy.1.min(copy.len())),
        source: (p.source.0.min(source.len()), p.source.1.min(source.len())),
    };
    let truth: Vec<PassagePair> = truth.iter().map(clip).collect();
    let detected: Vec<PassagePair> = detected.iter().map(clip).collect();
    let side = |ps: &[PassagePair]| {
        let mut c: Vec<_> = ps.iter().map(|p| p.copy).collect();
        let mut s: Vec<_> = ps.iter().map(|p| p.source).collect();
        union_chars(copy, &mut c) + union_chars(source, &mut s)
    };
    let (mut mc, mut ms) = (Vec::new(), Vec::new());
    let (mut detected_cases, mut per_case) = (0, 0);
    for s in &truth {
        let mut n = 0;
        for r in &detected {
            if let (Some(c), Some(src)) = (overlap(s.copy, r.copy), overlap(s.source, r.source)) {
                mc.push(c);
                ms.push(src);
                n += 1;
            }
        }
        if n > 0 {
            detected_cases += 1;
            per_case += n;
        }
    }
    CharCounts {
        truth_chars: side(&truth),
        detected_chars: side(&detected),
        matched_chars: union_chars(copy, &mut mc) + union_chars(source, &mut ms),
        cases: truth.len() as u64,
        detected_cases,
        detections_per_case: per_case,
        detections: detected.len() as u64,
    }
}

/// The words of `s` as the aligner normalises them, one space apart.
pub fn normalise_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for t in tokenize(s, 0) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&normalize_token(&s[t.start..t.end]));
    }
    out
}

/// Logged swaps, and how many of them the alignment lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SubRecovery {
    /// Swaps in the spin log.
    pub logged: u64,
    /// Of those, listed by the alignment.
    pub recovered: u64,
}

impl SubRecovery {
    /// Recovered share (1 when nothing was logged).
    pub fn share(&self) -> f64 {
        share(self.recovered, self.logged)
    }
}

/// Takes one `(f, t)` out of the pool; false when none is left.
fn take<'a>(pool: &mut HashMap<(&'a str, &'a str), u32>, f: &'a str, t: &'a str) -> bool {
    match pool.get_mut(&(f, t)) {
        Some(n) if *n > 0 => {
            *n -= 1;
            true
        }
        _ => false,
    }
}

/// How many `logged` swaps `(from, to)` the `listed` substitutions recover
/// (see the [module documentation](self)).
pub fn recover_substitutions(logged: &[(String, String)], listed: &[Substitution]) -> SubRecovery {
    let mut pool: HashMap<(&str, &str), u32> = HashMap::new();
    for s in listed {
        *pool.entry((s.from.as_str(), s.to.as_str())).or_insert(0) += 1;
    }
    let norm: Vec<(String, String)> = logged
        .iter()
        .map(|(f, t)| (normalise_words(f), normalise_words(t)))
        .collect();
    let mut recovered = 0;
    // Whole swaps first, so that the word pairs of a phrase swap cannot use
    // up a listed one-word swap that is logged on its own.
    let mut left = Vec::new();
    for (f, t) in &norm {
        if take(&mut pool, f, t) {
            recovered += 1;
        } else {
            left.push((f, t));
        }
    }
    for (f, t) in left {
        let (fw, tw): (Vec<&str>, Vec<&str>) = (f.split(' ').collect(), t.split(' ').collect());
        if fw.len() < 2 || fw.len() != tw.len() {
            continue;
        }
        let differ: Vec<(&str, &str)> = fw
            .iter()
            .zip(&tw)
            .filter(|(x, y)| x != y)
            .map(|(x, y)| (*x, *y))
            .collect();
        let have = differ
            .iter()
            .all(|&(x, y)| pool.get(&(x, y)).is_some_and(|&n| n > 0));
        if have && !differ.is_empty() {
            for &(x, y) in &differ {
                take(&mut pool, x, y);
            }
            recovered += 1;
        }
    }
    SubRecovery {
        logged: logged.len() as u64,
        recovered,
    }
}

/// The outcome for one truth record.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairResult {
    /// The copy.
    pub id: String,
    /// Its source.
    pub source_id: String,
    /// The copy's case.
    pub case: String,
    /// PAN character counts.
    pub counts: CharCounts,
    /// Logged swaps recovered (spun rewrites with a spin-log entry).
    pub substitutions: Option<SubRecovery>,
}

/// Aligns `source` (A) with `copy` (B) and scores the passages against the
/// record's truth and, when given, the spin log's swaps.
pub fn evaluate_pair(
    rec: &TruthRecord,
    copy: &str,
    source: &str,
    logged: Option<&[(String, String)]>,
    params: &AlignParams,
) -> PairResult {
    let al = align(source, copy, params);
    let detected: Vec<PassagePair> = al
        .passages
        .iter()
        .map(|p| PassagePair {
            copy: (p.b.start, p.b.end),
            source: (p.a.start, p.a.end),
        })
        .collect();
    let truth: Vec<PassagePair> = rec
        .passages
        .iter()
        .copied()
        .map(PassagePair::from_truth)
        .collect();
    PairResult {
        id: rec.id.clone(),
        source_id: rec.source_id.clone(),
        case: rec.case.clone(),
        counts: score_pair(copy, source, &truth, &detected),
        substitutions: logged.map(|l| recover_substitutions(l, &al.substitutions)),
    }
}

/// Evaluates every record (in parallel), looking the texts up by id.
/// Fails on the first id that has no text.
pub fn evaluate_records(
    records: &[TruthRecord],
    texts: &HashMap<String, String>,
    spins: &HashMap<String, Vec<(String, String)>>,
    params: &AlignParams,
) -> Result<Vec<PairResult>, String> {
    use rayon::prelude::*;
    if let Some(id) = records
        .iter()
        .flat_map(|r| [&r.id, &r.source_id])
        .find(|id| !texts.contains_key(id.as_str()))
    {
        return Err(format!("{id} is in the truth, not in the corpus"));
    }
    Ok(records
        .par_iter()
        .map(|r| {
            let logged = spins.get(&r.id).map(Vec::as_slice);
            evaluate_pair(r, &texts[&r.id], &texts[&r.source_id], logged, params)
        })
        .collect())
}

/// Scores of one case label (or of all copies).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaseScore {
    /// The case label (`all copies` for the total).
    pub case: String,
    /// Pairs scored.
    pub pairs: u64,
    /// Pairs with at least one aligned passage.
    pub pairs_detected: u64,
    /// The summed character counts.
    pub counts: CharCounts,
    /// Micro-averaged character precision.
    pub precision: f64,
    /// Micro-averaged character recall.
    pub recall: f64,
    /// Their harmonic mean.
    pub f1: f64,
    /// Detections per detected case.
    pub granularity: f64,
    /// F1 / log2(1 + granularity).
    pub plagdet: f64,
    /// Logged swaps and how many were listed (spun cases).
    pub substitutions: Option<SubRecovery>,
    /// Recovered share of the logged swaps.
    pub substitutions_recovered: Option<f64>,
}

/// A badly aligned pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorstPair {
    /// The copy.
    pub id: String,
    /// Its source.
    pub source_id: String,
    /// The case.
    pub case: String,
    /// Character precision of this pair.
    pub precision: f64,
    /// Character recall of this pair.
    pub recall: f64,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlignReport {
    /// Per case label, in the generator's order.
    pub cases: Vec<CaseScore>,
    /// All copies together (hard negatives left out).
    pub all_copies: CaseScore,
    /// The copies with the lowest F1, worst first.
    pub worst: Vec<WorstPair>,
}

/// Order of case labels in reports: the generator's.
fn case_rank(case: &str) -> (u32, String) {
    use neardup_synth::Case;
    let r = match Case::parse(case) {
        Some(Case::Exact) => 0,
        Some(Case::Syndicated) => 1,
        Some(Case::Truncated) => 2,
        Some(Case::Boilerplate) => 3,
        Some(Case::Spun(p)) => 10 + p as u32,
        Some(Case::HardNegative) => 200,
        _ => 300,
    };
    (r, case.to_string())
}

fn case_score<'r>(case: &str, results: impl Iterator<Item = &'r PairResult>) -> CaseScore {
    let mut counts = CharCounts::default();
    let mut subs: Option<SubRecovery> = None;
    let (mut pairs, mut pairs_detected) = (0, 0);
    for r in results {
        pairs += 1;
        pairs_detected += u64::from(r.counts.detections > 0);
        counts.add(&r.counts);
        if let Some(s) = r.substitutions {
            let t = subs.get_or_insert_with(SubRecovery::default);
            t.logged += s.logged;
            t.recovered += s.recovered;
        }
    }
    CaseScore {
        case: case.to_string(),
        pairs,
        pairs_detected,
        counts,
        precision: counts.precision(),
        recall: counts.recall(),
        f1: counts.f1(),
        granularity: counts.granularity(),
        plagdet: counts.plagdet(),
        substitutions: subs,
        substitutions_recovered: subs.map(|s| s.share()),
    }
}

/// Sums per-pair results into per-case scores; lists the `worst` copies.
pub fn summarise(results: &[PairResult], worst: usize) -> AlignReport {
    let mut labels: Vec<&str> = results.iter().map(|r| r.case.as_str()).collect();
    labels.sort_unstable_by_key(|c| case_rank(c));
    labels.dedup();
    let cases = labels
        .iter()
        .map(|c| case_score(c, results.iter().filter(|r| r.case == *c)))
        .collect();
    let is_copy = |r: &&PairResult| r.case != "hard_negative";
    let all_copies = case_score("all copies", results.iter().filter(is_copy));
    let mut bad: Vec<&PairResult> = results
        .iter()
        .filter(is_copy)
        .filter(|r| r.counts.f1() < 1.0)
        .collect();
    bad.sort_by(|x, y| {
        x.counts
            .f1()
            .total_cmp(&y.counts.f1())
            .then_with(|| x.id.cmp(&y.id))
    });
    let worst = bad
        .iter()
        .take(worst)
        .map(|r| WorstPair {
            id: r.id.clone(),
            source_id: r.source_id.clone(),
            case: r.case.clone(),
            precision: r.counts.precision(),
            recall: r.counts.recall(),
        })
        .collect();
    AlignReport {
        cases,
        all_copies,
        worst,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use neardup::align::Span;

    fn pp(c: (usize, usize), s: (usize, usize)) -> PassagePair {
        PassagePair { copy: c, source: s }
    }

    #[test]
    fn pan_counts_on_a_hand_made_case() {
        // Source: 20 chars, copy: 30 chars (ASCII). One true case: copy
        // 10..30 from source 0..20 (40 chars in all). Two detections split
        // it (copy 8..18 / source 0..8, copy 20..30 / source 10..20), and a
        // third lies inside the second.
        let source = "abcdefghijklmnopqrst";
        let copy = "0123456789abcdefghijklmnopqrst";
        let truth = [pp((10, 30), (0, 20))];
        let det = [
            pp((8, 18), (0, 8)),
            pp((20, 30), (10, 20)),
            pp((25, 30), (19, 20)), // overlaps on both sides too
        ];
        let c = score_pair(copy, source, &truth, &det);
        assert_eq!(c.truth_chars, 40);
        // Detected: copy 8..18 ∪ 20..30 = 20, source 0..8 ∪ 10..20 = 18.
        assert_eq!(c.detected_chars, 38);
        // Matched: copy 10..18 ∪ 20..30 = 18, source 0..8 ∪ 10..20 = 18.
        assert_eq!(c.matched_chars, 36);
        assert_eq!(
            (c.cases, c.detected_cases, c.detections_per_case),
            (1, 1, 3)
        );
        assert!((c.precision() - 36.0 / 38.0).abs() < 1e-12);
        assert!((c.recall() - 36.0 / 40.0).abs() < 1e-12);
        assert_eq!(c.granularity(), 3.0);
        assert!((c.plagdet() - c.f1() / 2.0).abs() < 1e-12);
    }

    #[test]
    fn a_detection_overlapping_one_side_only_detects_nothing() {
        let text = "x".repeat(100);
        let truth = [pp((0, 50), (0, 50))];
        let det = [pp((0, 50), (60, 100))];
        let c = score_pair(&text, &text, &truth, &det);
        assert_eq!(c.matched_chars, 0);
        assert_eq!(c.detected_cases, 0);
        assert_eq!(c.precision(), 0.0);
        assert_eq!(c.recall(), 0.0);
        assert_eq!(c.f1(), 0.0);
        // Nothing true, nothing found: perfect by convention.
        let none = score_pair(&text, &text, &[], &[]);
        assert_eq!((none.precision(), none.recall()), (1.0, 1.0));
    }

    #[test]
    fn characters_not_bytes_are_counted() {
        let copy = "“héllo”"; // 7 characters, 12 bytes
        let c = score_pair(copy, copy, &[pp((0, copy.len()), (0, copy.len()))], &[]);
        assert_eq!(c.truth_chars, 14);
    }

    fn sub(from: &str, to: &str) -> Substitution {
        let z = Span { start: 0, end: 0 };
        Substitution::new(z, z, from, to)
    }

    #[test]
    fn substitutions_are_matched_as_a_multiset_of_normalised_words() {
        let logged: Vec<(String, String)> = [
            ("Soldiers", "Troopers"),
            ("said", "stated"),
            ("said", "stated"),
            ("according to", "as per"),
            ("well-known", "famous"),
            ("war", "struggle"),
        ]
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect();
        let listed = [
            sub("soldiers", "troopers"),
            sub("said", "stated"),
            sub("according", "as"),
            sub("to", "per"),
            sub("well known", "famous"),
            sub("war", "conflict"),
        ];
        let r = recover_substitutions(&logged, &listed);
        // The second "said -> stated" has no listed counterpart left, and
        // "war -> struggle" was listed as something else.
        assert_eq!(
            r,
            SubRecovery {
                logged: 6,
                recovered: 4
            }
        );
    }

    #[test]
    fn report_orders_cases_and_leaves_hard_negatives_out_of_the_total() {
        let r = |case: &str, t: u64, d: u64, m: u64| PairResult {
            id: format!("{case}-{t}"),
            source_id: "o".into(),
            case: case.into(),
            counts: CharCounts {
                truth_chars: t,
                detected_chars: d,
                matched_chars: m,
                detections: u64::from(d > 0),
                ..CharCounts::default()
            },
            substitutions: None,
        };
        let results = [
            r("spun30", 100, 100, 90),
            r("hard_negative", 0, 50, 0),
            r("syndicated", 100, 100, 100),
            r("exact", 100, 100, 100),
        ];
        let rep = summarise(&results, 5);
        let order: Vec<&str> = rep.cases.iter().map(|c| c.case.as_str()).collect();
        assert_eq!(order, ["exact", "syndicated", "spun30", "hard_negative"]);
        assert_eq!(rep.all_copies.pairs, 3);
        assert!((rep.all_copies.precision - 290.0 / 300.0).abs() < 1e-12);
        assert_eq!(rep.cases[3].precision, 0.0);
        assert_eq!(rep.worst.len(), 1);
        assert_eq!(rep.worst[0].case, "spun30");
    }
}
