//! Why two documents match: the verdict, the numbers behind it, and the
//! aligned passages.
//!
//! The numbers are exact, not estimated: both texts are at hand, so their
//! word 5-gram sets are compared directly (Jaccard, and the containment of
//! each in the other). The [`crate::align`] module supplies the passages, the
//! unmatched stretches and the word substitutions. The verdict applies the
//! clustering thresholds to the exact numbers, and adds `spun` for a pair
//! that shares few shingles but whose alignment covers most of the shorter
//! text with many one-for-one substitutions (a synonym-spun rewrite).
//!
//! # Which one is the origin
//!
//! [`explain_docs`] also says which of the two `neardup cluster` would name
//! the origin if the two made a cluster on their own, and why: the cluster
//! rule ([`crate::cluster`]) applied step by step to the pair.
//!
//! 1. **Earliest date**: the earlier of two dates; a dated document before
//!    an undated one.
//! 2. **Contains the other**: the one holding at least `containment` of the
//!    other's shingles (the full story rather than an excerpt), when only
//!    one does.
//! 3. The **medoid** step never decides between two documents: each has the
//!    same Jaccard with the other.
//! 4. **Longest**: more words.
//! 5. **Smallest id**, in byte order.
//!
//! The scores here are exact, where `cluster` estimates them from
//! signatures, so a pair right at the containment cut-off can go the other
//! way; in a larger cluster the other members also count at steps 2 and 3.

use crate::align::{align, AlignParams, Alignment};
use crate::cluster::OriginReason;
use crate::corpus::format_date;
use crate::params::Params;
use crate::signing::{shingle_text, Scratch};
use crate::wire::{find_credits, wire_service, Credit};
use serde::Serialize;
use std::collections::HashSet;

/// What two documents are to each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The same normalised words.
    ExactCopy,
    /// A syndicated copy: similar as a whole, or one wrapped in more text.
    SyndicatedCopy,
    /// One is a cut of the other.
    Excerpt,
    /// Reworded: same passages, many words substituted.
    SpunRewrite,
    /// Nothing that makes them copies.
    Unrelated,
}

impl Verdict {
    /// Words for the terminal.
    pub fn describe(self) -> &'static str {
        match self {
            Verdict::ExactCopy => "exact copy",
            Verdict::SyndicatedCopy => "syndicated copy",
            Verdict::Excerpt => "excerpt",
            Verdict::SpunRewrite => "spun rewrite",
            Verdict::Unrelated => "unrelated",
        }
    }
}

/// The explanation of a pair.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    /// The verdict.
    pub verdict: Verdict,
    /// Exact Jaccard similarity of the word shingle sets.
    pub jaccard: f64,
    /// Share of A's shingles found in B.
    pub a_in_b: f64,
    /// Share of B's shingles found in A.
    pub b_in_a: f64,
    /// Share of aligned words that were substituted.
    pub substituted_share: f64,
    /// Share of A's words inside shared passages.
    pub a_coverage: f64,
    /// Share of B's words inside shared passages.
    pub b_coverage: f64,
    /// The wire service A credits, with the evidence.
    pub a_wire: Option<Credit>,
    /// The wire service B credits, with the evidence.
    pub b_wire: Option<Credit>,
    /// One of them credits an agency that the other never names.
    pub credit_dropped: bool,
    /// Which one would be the origin of the two, and why.
    pub origin: OriginChoice,
    /// The alignment: passages, unmatched stretches, substitutions.
    pub alignment: Alignment,
}

/// What the origin rule knows of a document besides its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocFacts {
    /// The id (or the file name).
    pub id: String,
    /// Publication time, Unix seconds, when known.
    pub date: Option<i64>,
}

impl DocFacts {
    /// A document known by name only.
    pub fn named(id: &str) -> Self {
        DocFacts {
            id: id.to_string(),
            date: None,
        }
    }
}

/// One of the two documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The first.
    A,
    /// The second.
    B,
}

impl Side {
    /// "A" or "B".
    pub fn label(self) -> &'static str {
        match self {
            Side::A => "A",
            Side::B => "B",
        }
    }
}

/// The origin of a pair under the cluster rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OriginChoice {
    /// Which document.
    pub side: Side,
    /// Its id (or file name).
    pub id: String,
    /// The step that decided, as `origin_reason` in the cluster output
    /// (`earliest_date`, `contains_others`, `longest`, `smallest_id`).
    pub reason: &'static str,
    /// The reason in words, with the numbers that decided.
    pub why: String,
}

/// The scores the origin rule reads.
struct PairNumbers {
    a_in_b: f64,
    b_in_a: f64,
    a_words: usize,
    b_words: usize,
}

/// Applies the cluster origin rule to the pair (see the [module
/// documentation](self)).
fn choose_origin(a: &DocFacts, b: &DocFacts, e: &PairNumbers, params: &Params) -> OriginChoice {
    let pick = |side: Side, reason: OriginReason, why: String| OriginChoice {
        side,
        id: match side {
            Side::A => a.id.clone(),
            Side::B => b.id.clone(),
        },
        reason: reason.as_str(),
        why,
    };
    let (ta, tb) = (a.date.map(format_date), b.date.map(format_date));
    match (a.date, b.date) {
        (Some(x), Some(y)) if x != y => {
            let side = if x < y { Side::A } else { Side::B };
            let why = format!(
                "{} is dated earlier: A {}, B {}",
                side.label(),
                ta.unwrap_or_default(),
                tb.unwrap_or_default()
            );
            return pick(side, OriginReason::EarliestDate, why);
        }
        (Some(_), None) | (None, Some(_)) => {
            let (side, t) = if a.date.is_some() {
                (Side::A, ta)
            } else {
                (Side::B, tb)
            };
            let why = format!(
                "only {} has a date ({}); a dated copy comes before an undated one",
                side.label(),
                t.unwrap_or_default()
            );
            return pick(side, OriginReason::EarliestDate, why);
        }
        _ => {}
    }
    let dates = match ta {
        Some(t) => format!("both dated {t}"),
        None => "no dates".to_string(),
    };
    let c = params.containment;
    let (a_has_b, b_has_a) = (e.b_in_a >= c, e.a_in_b >= c);
    if a_has_b != b_has_a {
        let (side, other, share, back) = if a_has_b {
            (Side::A, Side::B, e.b_in_a, e.a_in_b)
        } else {
            (Side::B, Side::A, e.a_in_b, e.b_in_a)
        };
        let why = format!(
            "{dates}; {s} contains {o}: {:.0}% of {o}'s shingles are in {s} (containment {c}), \
             {:.0}% of {s}'s in {o}",
            100.0 * share,
            100.0 * back,
            s = side.label(),
            o = other.label()
        );
        return pick(side, OriginReason::ContainsOthers, why);
    }
    let contain = if a_has_b {
        "each contains the other"
    } else {
        "neither contains the other"
    };
    let (wa, wb) = (e.a_words, e.b_words);
    if wa != wb {
        let side = if wa > wb { Side::A } else { Side::B };
        let why = format!(
            "{dates}, {contain}; {} is longer: A {wa} words, B {wb}",
            side.label()
        );
        return pick(side, OriginReason::Longest, why);
    }
    let side = if a.id <= b.id { Side::A } else { Side::B };
    let why = format!(
        "{dates}, {contain}, both {wa} words; {}'s id sorts first",
        side.label()
    );
    pick(side, OriginReason::SmallestId, why)
}

/// Coverage of the shorter text at or above which a low-Jaccard pair with
/// many substitutions is called spun.
const SPUN_MIN_COVERAGE: f64 = 0.6;
/// Substituted share (of all words) at or above which an aligned pair counts
/// as reworded: a 15%-spun rewrite changes about 7% of all words (function
/// words and names stay), a syndicated copy with house edits under 1%.
const SPUN_MIN_SUBSTITUTED: f64 = 0.03;

fn shingle_set(text: &str, params: &Params) -> (HashSet<u64>, Vec<u64>) {
    let mut s = Scratch::default();
    shingle_text(text, params, &mut s);
    (
        s.shingles().iter().copied().collect(),
        s.shingles().to_vec(),
    )
}

/// Explains documents `a` and `b` under the clustering thresholds of
/// `params`; the origin is chosen without dates, between ids "A" and "B".
pub fn explain(a: &str, b: &str, params: &Params) -> Explanation {
    explain_docs(
        (a, &DocFacts::named("A")),
        (b, &DocFacts::named("B")),
        params,
    )
}

/// Explains two documents with what is known of them (id, date), which the
/// origin choice uses.
pub fn explain_docs(
    (a, fa): (&str, &DocFacts),
    (b, fb): (&str, &DocFacts),
    params: &Params,
) -> Explanation {
    let (sa, seq_a) = shingle_set(a, params);
    let (sb, seq_b) = shingle_set(b, params);
    let inter = sa.intersection(&sb).count() as f64;
    let union = (sa.len() + sb.len()) as f64 - inter;
    let ratio = |x: f64, y: usize| if y == 0 { 0.0 } else { x / y as f64 };
    let jaccard = if union == 0.0 { 0.0 } else { inter / union };
    let (a_in_b, b_in_a) = (ratio(inter, sa.len()), ratio(inter, sb.len()));
    let alignment = align(
        a,
        b,
        &AlignParams {
            seed: params.seed,
            ..AlignParams::default()
        },
    );
    let shorter_coverage = if alignment.a_words <= alignment.b_words {
        alignment.coverage_a()
    } else {
        alignment.coverage_b()
    };
    let substituted_share = alignment.substituted_share();
    let verdict = if !seq_a.is_empty() && seq_a == seq_b {
        Verdict::ExactCopy
    } else if jaccard >= params.threshold || a_in_b.min(b_in_a) >= params.containment {
        Verdict::SyndicatedCopy
    } else if a_in_b.max(b_in_a) >= params.containment {
        Verdict::Excerpt
    } else if shorter_coverage >= SPUN_MIN_COVERAGE && substituted_share >= SPUN_MIN_SUBSTITUTED {
        Verdict::SpunRewrite
    } else if shorter_coverage >= SPUN_MIN_COVERAGE {
        // Most of the shorter text is found verbatim in the longer one, in
        // order, though below the clustering thresholds: a cut copy.
        Verdict::Excerpt
    } else {
        Verdict::Unrelated
    };
    let (a_wire, b_wire) = (wire_service(a), wire_service(b));
    let names = |text: &str, agency: &Option<String>| {
        find_credits(text).iter().any(|c| c.agency == *agency)
    };
    let credit_dropped = match (&a_wire, &b_wire) {
        (Some(w), None) => verdict != Verdict::Unrelated && !names(b, &w.agency),
        (None, Some(w)) => verdict != Verdict::Unrelated && !names(a, &w.agency),
        _ => false,
    };
    let numbers = PairNumbers {
        a_in_b,
        b_in_a,
        a_words: alignment.a_words,
        b_words: alignment.b_words,
    };
    Explanation {
        verdict,
        a_wire,
        b_wire,
        credit_dropped,
        jaccard,
        a_in_b,
        b_in_a,
        substituted_share,
        a_coverage: alignment.coverage_a(),
        b_coverage: alignment.coverage_b(),
        origin: choose_origin(fa, fb, &numbers, params),
        alignment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The deputy foreign minister arrived in the capital on Saturday for talks \
        with the leader, state media said. The two sides discussed trade, energy and the \
        reconstruction of the eastern port after the floods, according to officials. \
        Thousands of soldiers have been deployed to the border since the war began, and the \
        visit follows weeks of negotiations over a new shipping agreement between the countries.";

    #[test]
    fn verdicts() {
        let p = Params::default();
        assert_eq!(
            explain(STORY, &STORY.to_uppercase(), &p).verdict,
            Verdict::ExactCopy
        );
        let wrapped =
            format!("HOME | WORLD | SUBSCRIBE NOW. {STORY} Share this article with your friends.");
        assert_eq!(
            explain(STORY, &wrapped, &p).verdict,
            Verdict::SyndicatedCopy
        );
        let cut = &STORY[..STORY.find("The two sides").unwrap()];
        let e = explain(cut, STORY, &p);
        assert_eq!(e.verdict, Verdict::Excerpt, "{e:?}");
        assert!(e.a_in_b > 0.99 && e.b_in_a < 0.7);
        let spun = STORY
            .replace("foreign", "international")
            .replace("talks", "discussions")
            .replace("capital", "metropolis")
            .replace("discussed", "mentioned")
            .replace("according to", "in line with")
            .replace("soldiers", "troopers")
            .replace("war", "struggle")
            .replace("weeks", "months")
            .replace("leader", "chief")
            .replace("agreement", "settlement");
        let e = explain(STORY, &spun, &p);
        assert_eq!(
            e.verdict,
            Verdict::SpunRewrite,
            "J {} subs {}",
            e.jaccard,
            e.substituted_share
        );
        let subs = e.alignment.substitution_counts();
        assert!(
            subs.iter().any(|(f, t, _)| f == "war" && t == "struggle"),
            "{subs:?}"
        );
        let other = "Shares in the mining company fell sharply after it warned that profits would \
            halve this year, blaming lower metal prices, a strike at its largest mine and the cost \
            of new safety rules that came into force in the spring.";
        assert_eq!(explain(STORY, other, &p).verdict, Verdict::Unrelated);
    }

    fn dated(id: &str, date: Option<i64>) -> DocFacts {
        DocFacts {
            id: id.into(),
            date,
        }
    }

    #[test]
    fn origin_follows_the_cluster_rule_step_by_step() {
        let p = Params::default();
        let cut = &STORY[..STORY.find("Thousands").unwrap()];
        let wrapped = format!("HOME | WORLD | SUBSCRIBE NOW. {STORY} Share this article.");
        let o = |a: (&str, &DocFacts), b: (&str, &DocFacts)| explain_docs(a, b, &p).origin;

        // 1. The earlier date wins, even for the excerpt.
        let (x, y) = (dated("x", Some(1_000)), dated("y", Some(2_000)));
        let c = o((STORY, &y), (cut, &x));
        assert_eq!(
            (c.side, c.id.as_str(), c.reason),
            (Side::B, "x", "earliest_date")
        );
        assert!(c.why.contains("1970-01-01T00:16:40Z"), "{}", c.why);
        // A dated copy comes before an undated one.
        let c = o((STORY, &dated("x", None)), (cut, &y));
        assert_eq!((c.side, c.reason), (Side::B, "earliest_date"));
        assert!(c.why.starts_with("only B has a date"), "{}", c.why);

        // 2. Same date: the full story contains the excerpt.
        let (x, y) = (dated("x", Some(5)), dated("y", Some(5)));
        let c = o((cut, &x), (STORY, &y));
        assert_eq!((c.side, c.reason), (Side::B, "contains_others"));
        assert!(c.why.starts_with("both dated"), "{}", c.why);

        // 4. Each contains the other: the longer (here the wrapped copy).
        let c = o((STORY, &x), (&wrapped, &y));
        assert_eq!((c.side, c.reason), (Side::B, "longest"), "{}", c.why);

        // 5. Everything equal: the smaller id.
        let c = o(
            (STORY, &dated("site/2", None)),
            (STORY, &dated("site/10", None)),
        );
        assert_eq!(
            (c.side, c.id.as_str(), c.reason),
            (Side::B, "site/10", "smallest_id")
        );
        // Without facts, A and B are the ids.
        assert_eq!(explain(STORY, STORY, &p).origin.side, Side::A);
    }
}
