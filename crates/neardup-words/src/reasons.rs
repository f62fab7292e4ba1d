//! The English of an explanation: a verdict, an origin step, a kind of wire
//! credit and why the origin was chosen, worded from the codes and numbers the library returns
//! ([`neardup::explain::OriginGrounds`]). The terminal, the JSON of
//! `neardup explain` and the HTML report all word them here, so a reason
//! reads the same everywhere.

use neardup::align::{AlignLimit, ChosenBy, Part};
use neardup::corpus::format_date;
use neardup::explain::{OriginChoice, OriginGrounds, Side, Verdict};
use neardup::rules::OriginReason;
use neardup::wire::CreditKind;

/// A verdict in words ("syndicated copy").
pub fn verdict(v: Verdict) -> String {
    v.as_str().replace('_', " ")
}

/// An origin step in words ("earliest date").
pub fn origin_step(r: OriginReason) -> String {
    r.as_str().replace('_', " ")
}

/// A kind of wire credit in words ("reporting line").
pub fn credit_kind(k: CreditKind) -> String {
    k.as_str().replace('_', " ")
}

/// Why the origin of a pair was chosen, with the numbers that decided.
pub fn origin_why(o: &OriginChoice) -> String {
    let (s, other) = (o.side.label(), o.side.other().label());
    match (o.reason, o.grounds) {
        (
            reason @ (OriginReason::NotAnExcerpt | OriginReason::ContainsOthers),
            OriginGrounds::Containment {
                other_in_origin,
                origin_in_other,
                containment,
            },
        ) => {
            let (held, back) = (100.0 * other_in_origin, 100.0 * origin_in_other);
            if reason == OriginReason::NotAnExcerpt {
                format!(
                    "{other} is an excerpt of {s}: {held:.0}% of {other}'s shingles are in {s} \
                     (containment {containment}), {back:.0}% of {s}'s in {other}; an excerpt is \
                     not kept for the text it was cut from"
                )
            } else {
                format!(
                    "{s} contains {other}: {held:.0}% of {other}'s shingles are in {s} \
                     (containment {containment}), {back:.0}% of {s}'s in {other}"
                )
            }
        }
        (
            OriginReason::EarliestDate,
            OriginGrounds::Dates {
                a: Some(a),
                b: Some(b),
            },
        ) => {
            format!(
                "{s} is dated earlier: A {}, B {}",
                format_date(a),
                format_date(b)
            )
        }
        (OriginReason::EarliestDate, OriginGrounds::Dates { a, b }) => {
            let date = if o.side == Side::A { a } else { b };
            format!(
                "only {s} has a date ({}); a dated copy comes before an undated one",
                date.map(format_date).unwrap_or_default()
            )
        }
        (OriginReason::Longest, OriginGrounds::Words { a, b }) => {
            format!("{s} is longer: A {a} words, B {b}")
        }
        (OriginReason::SmallestId, OriginGrounds::Words { a, .. }) => {
            format!("both {a} words; {s}'s id sorts first")
        }
        (reason, _) => origin_step(reason),
    }
}

/// A size for a reader: bytes, KiB or MiB.
fn size(bytes: usize) -> String {
    match bytes {
        b if b < 1 << 10 => format!("{b} bytes"),
        b if b < 1 << 20 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{:.1} MiB", b as f64 / (1u64 << 20) as f64),
    }
}

/// What was aligned of one text over the cap.
fn part(label: &str, other: &str, p: &Part) -> String {
    let left = size(p.bytes - p.aligned_bytes);
    let (aligned, whole) = (size(p.aligned_bytes), size(p.bytes));
    match p.chosen_by {
        ChosenBy::SharedAnchors => {
            let n = p.windows.len();
            let windows = if n == 1 { "window" } else { "windows" };
            format!(
                "{label}: {aligned} of its {whole} in {n} {windows} where the phrases it shares \
                 with {other} are densest ({left} left out)"
            )
        }
        _ => format!("{label}: its first {aligned} of {whole} ({left} left out)"),
    }
}

/// The statement that an alignment was limited ([`AlignLimit`]): what of
/// each text was aligned and what was left out, and that the scores are
/// not affected.
pub fn alignment_limit(l: &AlignLimit) -> String {
    let parts: Vec<String> = [("A", "B", &l.a), ("B", "A", &l.b)]
        .into_iter()
        .filter_map(|(label, other, p)| p.as_ref().map(|p| part(label, other, p)))
        .collect();
    format!(
        "alignment limited to {} of each text (--max-align-bytes) — {}; passages, \
         substitutions and unmatched stretches are from the aligned parts only, coverage \
         counts the whole texts, and the jaccard and containment scores are of the whole texts",
        size(l.max_bytes),
        parts.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use neardup::explain::{explain, explain_docs, DocFacts};
    use neardup::params::Params;
    use neardup::shingle::Boilerplate;

    /// A story long enough for the shingle rules (not the library's test text).
    const STORY: &str = "Dock workers at the northern container port ended a nine-day strike on \
        Monday after the union accepted a contract that raises wages over three years and limits \
        the use of automated cranes, the port authority said. Ships that had waited offshore \
        began to berth within hours, and the authority expects the backlog of containers to clear \
        by the end of the month. Exporters had warned that the stoppage was costing them millions \
        a day in missed deliveries and storage fees.";

    fn dated(id: &str, date: Option<i64>) -> DocFacts {
        let mut f = DocFacts::named(id);
        f.date = date;
        f
    }

    fn why(a: (&str, &DocFacts), b: (&str, &DocFacts)) -> String {
        origin_why(&explain_docs(a, b, &Params::default(), &Boilerplate::default()).origin)
    }

    #[test]
    fn each_step_says_why_with_its_numbers() {
        let (x, y) = (dated("x", Some(1_000)), dated("y", Some(2_000)));
        let lead = &STORY[..STORY.find("Ships that").unwrap()];
        let w = why((STORY, &y), (lead, &x));
        assert!(
            w.starts_with("B is an excerpt of A: 100% of B's shingles are in A (containment 0.7)"),
            "{w}"
        );
        assert!(
            w.ends_with("an excerpt is not kept for the text it was cut from"),
            "{w}"
        );
        let w = why((STORY, &y), (&STORY.replace("Monday", "Tuesday"), &x));
        assert_eq!(
            w,
            "B is dated earlier: A 1970-01-01T00:33:20Z, B 1970-01-01T00:16:40Z"
        );
        let w = why((STORY, &dated("x", None)), (STORY, &y));
        assert_eq!(
            w,
            "only B has a date (1970-01-01T00:33:20Z); a dated copy comes before an undated one"
        );
        let wrapped = format!("HOME | WORLD | SUBSCRIBE NOW. {STORY} Share this article.");
        let w = why(
            (STORY, &dated("x", Some(5))),
            (&wrapped, &dated("y", Some(5))),
        );
        assert_eq!(w, "B is longer: A 81 words, B 88");
        let w = why(
            (STORY, &dated("site/2", None)),
            (STORY, &dated("site/10", None)),
        );
        assert_eq!(w, "both 81 words; B's id sorts first");
    }

    #[test]
    fn codes_in_words() {
        let e = explain(STORY, &STORY.to_uppercase(), &Params::default());
        assert_eq!(verdict(e.verdict), "exact copy");
        assert_eq!(origin_step(e.origin.reason), "smallest id");
        assert_eq!(origin_step(OriginReason::NotAnExcerpt), "not an excerpt");
        assert_eq!(credit_kind(CreditKind::ReportingLine), "reporting line");
    }
}
