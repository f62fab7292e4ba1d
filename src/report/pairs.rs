//! `--pairs FILE`: every verified pair with its scores, one JSON line each,
//! so that a user can audit why a document was dropped.
//!
//! Each line names the two documents, the view that verified them (the
//! shingle signatures, or the aligner for spun and deeply cut copies), the
//! numbers, what the rules allow each way ([`neardup::rules`]: may `a` be
//! dropped for `b`, and `b` for `a`), and whether the pair is the evidence of
//! a cluster membership (`kept` names the origin it was dropped for).
//! Lines are in document-id order of the pair, shingle pairs first.

use super::round3;
use neardup::cluster::member_relation;
use neardup::params::Params;
use neardup::pipeline::Outcome;
use neardup::rules::{drop_relation, SpinEvidence};
use neardup::verify::PairScores;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};

#[derive(Serialize)]
struct PairLine<'a> {
    a: &'a str,
    b: &'a str,
    view: &'static str,
    /// Shingle estimates (null for aligner pairs: their numbers are in
    /// `aligned`).
    jaccard: Option<f64>,
    a_in_b: Option<f64>,
    b_in_a: Option<f64>,
    matching_bins: Option<usize>,
    /// The relation under which `a` may be dropped for `b` (null: never).
    a_for_b: Option<&'static str>,
    /// The relation under which `b` may be dropped for `a`.
    b_for_a: Option<&'static str>,
    /// For aligner pairs: what the aligner found (`a` as side A).
    #[serde(skip_serializing_if = "Option::is_none")]
    aligned: Option<&'a SpinEvidence>,
    cluster_a: u32,
    cluster_b: u32,
    /// The origin one of them was dropped for, when this pair is that
    /// membership's evidence.
    kept: Option<&'a str>,
}

/// Writes every pair of `outcome.pairs`.
pub fn write_pairs<'a>(o: &'a Outcome, params: &Params, out: &mut dyn Write) -> io::Result<()> {
    let clusters = &o.clustering;
    let id = |d: u32| &*o.docs[d as usize].id;
    let kept = |a: u32, b: u32| {
        let (ca, cb) = (
            clusters.doc_cluster[a as usize],
            clusters.doc_cluster[b as usize],
        );
        let origin = clusters.clusters[ca as usize].origin;
        (ca == cb && (origin == a || origin == b)).then(|| id(origin))
    };
    let line = |a: u32,
                b: u32,
                s: Option<&PairScores>,
                rel: [Option<&'static str>; 2],
                aligned: Option<&'a SpinEvidence>| PairLine {
        a: id(a),
        b: id(b),
        view: if aligned.is_some() {
            "aligner"
        } else {
            "shingles"
        },
        jaccard: s.map(|s| round3(s.jaccard)),
        a_in_b: s.map(|s| round3(s.a_in_b)),
        b_in_a: s.map(|s| round3(s.b_in_a)),
        matching_bins: s.map(|s| s.matching_bins),
        a_for_b: rel[0],
        b_for_a: rel[1],
        aligned,
        cluster_a: clusters.doc_cluster[a as usize],
        cluster_b: clusters.doc_cluster[b as usize],
        kept: kept(a, b),
    };
    let as_str = |r: Option<neardup::rules::Relation>| r.map(|r| r.as_str());
    for e in &o.pairs.shingles {
        let rel = [
            as_str(drop_relation(&e.scores, params)),
            as_str(drop_relation(&e.scores.flipped(), params)),
        ];
        serde_json::to_writer(&mut *out, &line(e.a, e.b, Some(&e.scores), rel, None))?;
        out.write_all(b"\n")?;
    }
    // A member's scores against the copy it was kept for, by document.
    let member_scores: HashMap<u32, &PairScores> = clusters
        .clusters
        .iter()
        .flat_map(|c| c.members.iter())
        .filter_map(|m| Some((m.doc, m.scores.as_ref()?)))
        .collect();
    for l in &o.pairs.aligner {
        // The side dropped for the other names its relation as the
        // membership does ([`member_relation`]); else the aligner's.
        let side = |member: u32, kept_for: u32, member_is_a: bool| {
            let aligned = l.evidence.relation(member_is_a, params);
            let c = clusters.doc_cluster[member as usize];
            let kept_here = clusters.doc_cluster[kept_for as usize] == c
                && clusters.clusters[c as usize].origin == kept_for;
            match member_scores.get(&member) {
                Some(scores) if kept_here => {
                    member_relation(aligned, drop_relation(scores, params))
                }
                _ => aligned,
            }
        };
        let rel = [as_str(side(l.a, l.b, true)), as_str(side(l.b, l.a, false))];
        serde_json::to_writer(&mut *out, &line(l.a, l.b, None, rel, Some(&l.evidence)))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
