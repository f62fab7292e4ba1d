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

use crate::align::{align, AlignParams, Alignment};
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
    /// The alignment: passages, unmatched stretches, substitutions.
    pub alignment: Alignment,
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

/// Explains documents `a` and `b` under the clustering thresholds of `params`.
pub fn explain(a: &str, b: &str, params: &Params) -> Explanation {
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
}
