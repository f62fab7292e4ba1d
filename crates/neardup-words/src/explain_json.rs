//! `neardup explain --format json`: the explanation as the command has
//! always written it, field for field (`docs/output.md`).
//!
//! The library's [`Explanation`] carries codes and numbers; this format
//! adds the origin's reason in words (`origin.why`, from [`crate::reasons`]),
//! so it is laid out here rather than derived from the library's type,
//! which may grow fields without changing what the command writes.

use crate::reasons::{alignment_limit, origin_why};
use neardup::align::Alignment;
use neardup::explain::{Estimates, Explanation, Side, Verdict};
use neardup::rules::{OriginReason, Relation, SpinEvidence, WrappedShortfall};
use neardup::wire::Credit;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Json<'a> {
    verdict: Verdict,
    member: Option<Side>,
    a_for_b: Option<Relation>,
    b_for_a: Option<Relation>,
    a_not_wrapped: &'a [WrappedShortfall],
    b_not_wrapped: &'a [WrappedShortfall],
    estimated: &'a Estimates,
    spin: &'a SpinEvidence,
    jaccard: f64,
    a_in_b: f64,
    b_in_a: f64,
    substituted_share: f64,
    a_coverage: f64,
    b_coverage: f64,
    a_wire: &'a Option<Credit>,
    b_wire: &'a Option<Credit>,
    credit_dropped: bool,
    origin: Origin<'a>,
    /// Said only when a text was over the alignment cap (the numbers are
    /// in `alignment.limit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    alignment_limited: Option<String>,
    alignment: &'a Alignment,
}

#[derive(Serialize)]
struct Origin<'a> {
    side: Side,
    id: &'a str,
    reason: OriginReason,
    why: String,
}

/// Writes `e` as pretty-printed JSON and a newline.
pub fn write(e: &Explanation, out: &mut dyn Write) -> io::Result<()> {
    let json = Json {
        verdict: e.verdict,
        member: e.member,
        a_for_b: e.a_for_b,
        b_for_a: e.b_for_a,
        a_not_wrapped: &e.a_not_wrapped,
        b_not_wrapped: &e.b_not_wrapped,
        estimated: &e.estimated,
        spin: &e.spin,
        jaccard: e.jaccard,
        a_in_b: e.a_in_b,
        b_in_a: e.b_in_a,
        substituted_share: e.substituted_share,
        a_coverage: e.a_coverage,
        b_coverage: e.b_coverage,
        a_wire: &e.a_wire,
        b_wire: &e.b_wire,
        credit_dropped: e.credit_dropped,
        origin: Origin {
            side: e.origin.side,
            id: &e.origin.id,
            reason: e.origin.reason,
            why: origin_why(&e.origin),
        },
        alignment_limited: e.alignment.limit.as_ref().map(alignment_limit),
        alignment: &e.alignment,
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
