//! The side-by-side view of one member against its cluster's origin,
//! formatted from the view model ([`super::pair::Shown`]): the verdict, the
//! estimated and the exact scores in the view's header, the alignment as
//! the marks of the two columns. Passages carry their number on both sides
//! (`data-p`), so the page can light up a passage's counterpart on hover.

use super::marks::{render, Layers, Mark};
use super::pair::{Column, Shown};
use super::{bdi_into, escape, escape_into, VIEW_TEXT_MAX};
use crate::report::reasons::{alignment_limit, verdict};
use neardup::align::{Alignment, PassageKind, Span};
use std::fmt::Write as _;

/// Substitution pairs listed under a view (the most frequent first).
const LISTED_SUBSTITUTIONS: usize = 20;

/// The anchor of member `mi`'s view in cluster `cluster` (`c3m2`).
pub(super) fn anchor(cluster: u32, mi: usize) -> String {
    format!("c{cluster}m{mi}")
}

/// Appends the view of `v`, a member of cluster `cluster`.
pub(super) fn render_view(cluster: u32, v: &Shown, h: &mut String) {
    let rel = v.relation.as_str();
    h.reserve(3 * (v.a.text.len() + v.b.text.len()) + 2048);
    let _ = write!(
        h,
        "<section class=\"pair\" id=\"{}\"><h3><span class=\"rel rel-{rel}\">{rel}</span> ",
        anchor(cluster, v.member)
    );
    bdi_into(v.b.id, h);
    let _ = write!(
        h,
        "</h3><p class=\"nums\">verdict <b>{}</b> · Jaccard {:.3} (estimated, boilerplate left out, as clustered) · exact Jaccard of the whole texts {:.3} · origin in copy {:.0}% · copy in origin {:.0}% · aligned: origin {:.0}%, copy {:.0}% · substituted {:.1}%{}</p>",
        verdict(v.verdict),
        v.estimated_jaccard,
        v.jaccard,
        100.0 * v.a_in_b,
        100.0 * v.b_in_a,
        100.0 * v.a_coverage,
        100.0 * v.b_coverage,
        100.0 * v.substituted_share,
        if v.credit_dropped { " · <b class=\"warn\">wire credit dropped</b>" } else { "" }
    );
    if v.is_cut() {
        let _ = write!(
            h,
            "<p class=\"cap warn\">View cut: it shows the first {} KB of each text (origin {:.1} MB, copy {:.1} MB; the report caps one view at {} KB a side), and the verdict and scores above are of the parts shown.</p>",
            v.a.text.len().max(v.b.text.len()) >> 10,
            v.a.full_len as f64 / 1e6,
            v.b.full_len as f64 / 1e6,
            VIEW_TEXT_MAX >> 10
        );
    }
    if let Some(l) = &v.alignment.limit {
        // Only with --max-align-bytes below the view's own cut.
        h.push_str("<p class=\"cap warn\">");
        escape_into(&alignment_limit(l), h);
        h.push_str(" (A: the origin, B: the copy).</p>");
    }
    substitutions(&v.substitutions, h);
    h.push_str("<div class=\"cols\">");
    for (side, label, col) in [(Side::Origin, "origin", &v.a), (Side::Member, rel, &v.b)] {
        column(&v.alignment, side, label, col, h);
    }
    h.push_str("</div></section>");
}

/// The list of substitution pairs under the view's header.
fn substitutions(counts: &[(String, String, usize)], h: &mut String) {
    if counts.is_empty() {
        return;
    }
    h.push_str("<p class=\"subs\">");
    for (i, (from, to, n)) in counts.iter().take(LISTED_SUBSTITUTIONS).enumerate() {
        if i > 0 {
            h.push_str(", ");
        }
        let word = |w: &str| {
            if w.is_empty() {
                "∅".to_string()
            } else {
                escape(w)
            }
        };
        let _ = write!(h, "<span class=\"sw\">{} → {}</span>", word(from), word(to));
        if *n > 1 {
            let _ = write!(h, " ×{n}");
        }
    }
    if counts.len() > LISTED_SUBSTITUTIONS {
        let _ = write!(h, ", … {} more", counts.len() - LISTED_SUBSTITUTIONS);
    }
    h.push_str("</p>");
}

/// One column: its heading and its text with the marks of its side.
fn column(al: &Alignment, side: Side, label: &str, col: &Column, h: &mut String) {
    let _ = write!(h, "<div class=\"col\"><h4>{label} · ");
    bdi_into(col.id, h);
    h.push_str("</h4><div class=\"text\">");
    render(col.text, layers(al, side, &col.boilerplate), h);
    h.push_str("</div></div>");
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Origin,
    Member,
}

/// The marks of one side of an alignment (A is the origin).
fn layers(al: &Alignment, side: Side, boilerplate: &[Span]) -> Layers {
    let origin = side == Side::Origin;
    let pick = |a: Span, b: Span| if origin { a } else { b };
    let plain = |span: Span, class: &'static str| Mark {
        span,
        class,
        passage: None,
        title: None,
    };
    let passages = al
        .passages
        .iter()
        .enumerate()
        .map(|(i, p)| Mark {
            passage: Some(i),
            ..plain(
                pick(p.a, p.b),
                match p.kind {
                    PassageKind::Verbatim => "v",
                    // Anything not verbatim is marked as reworded.
                    _ => "r",
                },
            )
        })
        .collect();
    let edits = al
        .substitutions
        .iter()
        .map(|s| {
            let (class, title) = match (origin, s.is_insertion(), s.is_deletion()) {
                (true, true, _) => ("gap", format!("added in the copy: {}", s.to)),
                (true, _, true) => ("d", "left out of the copy".to_string()),
                (true, _, _) => ("s", format!("copy: {}", s.to)),
                (false, true, _) => ("i", "not in the origin".to_string()),
                (false, _, true) => ("gap", format!("left out: {}", s.from)),
                (false, _, _) => ("s", format!("origin: {}", s.from)),
            };
            Mark {
                title: Some(title),
                ..plain(pick(s.a, s.b), class)
            }
        })
        .collect();
    let unmatched = if origin {
        &al.a_unmatched
    } else {
        &al.b_unmatched
    };
    Layers {
        passages,
        edits,
        unmatched: unmatched.iter().map(|&s| plain(s, "u")).collect(),
        boilerplate: boilerplate.iter().map(|&s| plain(s, "b")).collect(),
    }
}
