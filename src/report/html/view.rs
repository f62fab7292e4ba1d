//! The side-by-side view of one member against its cluster's origin.
//!
//! The pair is explained with [`neardup::explain::explain_docs`] (origin as
//! A, member as B, the run's boilerplate left out as clustering did): the
//! verdict, the estimated and the exact scores go in the view's header, the
//! alignment becomes the marks of the two columns. Passages carry their
//! number on both sides (`data-p`), so the page can light up a passage's
//! counterpart on hover.

use super::marks::{render, Layers, Mark};
use super::{bdi_into, escape};
use neardup::align::{Alignment, PassageKind, Span};
use neardup::explain::{explain_docs, DocFacts};
use neardup::params::Params;
use neardup::shingle::{keep_long_runs, shingles, Boilerplate};
use neardup::signing::leaves_out_boilerplate;
use neardup::text::{tokenize, Script};
use std::fmt::Write as _;

/// Most bytes of each text a view shows: two enormous documents must not
/// make an enormous page (a view's HTML is about three times its text).
/// Longer texts are cut at a word boundary before this, and the view says so.
pub const VIEW_TEXT_MAX: usize = 256 << 10;

/// Substitution pairs listed under a view (the most frequent first).
const LISTED_SUBSTITUTIONS: usize = 20;

/// What the page needs to know about one member for the view.
pub(super) struct ViewInput<'a> {
    /// Anchor of the view (`c3m2`).
    pub anchor: String,
    /// The origin's id and text.
    pub origin: (&'a str, &'a str),
    /// The member's id and text.
    pub member: (&'a str, &'a str),
    /// The member's relation to the origin.
    pub relation: &'static str,
}

/// `text` cut to at most `max` bytes, at a whitespace (or at least a
/// character) boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    match head.rfind(char::is_whitespace) {
        Some(ws) if ws > max / 2 => &head[..ws],
        _ => head,
    }
}

/// Explains the pair and renders it (HTML).
pub(super) fn render_view(v: &ViewInput, params: &Params, boiler: &Boilerplate) -> String {
    let (origin_id, full_a) = v.origin;
    let (member_id, full_b) = v.member;
    let (a, b) = (cut(full_a, VIEW_TEXT_MAX), cut(full_b, VIEW_TEXT_MAX));
    let e = explain_docs(
        (a, &DocFacts::named(origin_id)),
        (b, &DocFacts::named(member_id)),
        params,
        boiler,
    );
    let al = &e.alignment;
    let mut h = String::with_capacity(3 * (a.len() + b.len()) + 2048);
    let _ = write!(
        h,
        "<section class=\"pair\" id=\"{}\"><h3><span class=\"rel rel-{rel}\">{rel}</span> ",
        v.anchor,
        rel = v.relation
    );
    bdi_into(member_id, &mut h);
    let _ = write!(
        h,
        "</h3><p class=\"nums\">verdict <b>{}</b> · Jaccard {:.3} (estimated, boilerplate left out, as clustered) · exact Jaccard of the whole texts {:.3} · origin in copy {:.0}% · copy in origin {:.0}% · aligned: origin {:.0}%, copy {:.0}% · substituted {:.1}%{}</p>",
        crate::report::reasons::verdict(e.verdict),
        e.estimated.scores.jaccard,
        e.jaccard,
        100.0 * e.a_in_b,
        100.0 * e.b_in_a,
        100.0 * e.a_coverage,
        100.0 * e.b_coverage,
        100.0 * e.substituted_share,
        if e.credit_dropped { " · <b class=\"warn\">wire credit dropped</b>" } else { "" }
    );
    if a.len() < full_a.len() || b.len() < full_b.len() {
        let _ = write!(
            h,
            "<p class=\"cap warn\">View cut: it shows the first {} KB of each text (origin {:.1} MB, copy {:.1} MB; the report caps one view at {} KB a side), and the verdict and scores above are of the parts shown.</p>",
            a.len().max(b.len()) >> 10,
            full_a.len() as f64 / 1e6,
            full_b.len() as f64 / 1e6,
            VIEW_TEXT_MAX >> 10
        );
    }
    let counts = al.substitution_counts();
    if !counts.is_empty() {
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
    h.push_str("<div class=\"cols\">");
    for (side, label, id, text) in [
        (Side::Origin, "origin", origin_id, a),
        (Side::Member, v.relation, member_id, b),
    ] {
        let _ = write!(h, "<div class=\"col\"><h4>{label} · ");
        bdi_into(id, &mut h);
        h.push_str("</h4><div class=\"text\">");
        render(
            text,
            layers(al, side, boilerplate_spans(text, params, boiler)),
            &mut h,
        );
        h.push_str("</div></div>");
    }
    h.push_str("</div></section>");
    h
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Origin,
    Member,
}

/// The marks of one side of an alignment (A is the origin).
fn layers(al: &Alignment, side: Side, boilerplate: Vec<Span>) -> Layers {
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
                    PassageKind::Reworded => "r",
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
        boilerplate: boilerplate.into_iter().map(|s| plain(s, "b")).collect(),
    }
}

/// The stretches of `text` made of boilerplate shingles (runs of words that
/// some boilerplate shingle covers). None when the signer would have kept
/// the document's boilerplate anyway (nearly all of it is "boilerplate": a
/// story syndicated past the document-frequency cut-off).
fn boilerplate_spans(text: &str, params: &Params, boiler: &Boilerplate) -> Vec<Span> {
    if boiler.is_empty() {
        return Vec::new();
    }
    let tokens = tokenize(text, params.seed);
    let hashes: Vec<u64> = tokens.iter().map(|t| t.hash).collect();
    // The signer's shingle size for this text (words or characters).
    let size = params.shingle_size_for(Script::of_tokens(text, &tokens));
    let n = size.min(tokens.len());
    let mut found: Vec<bool> = shingles(&hashes, size)
        .into_iter()
        .map(|h| boiler.contains(h))
        .collect();
    keep_long_runs(&mut found);
    let hits = found.iter().filter(|&&f| f).count();
    if !leaves_out_boilerplate(found.len(), hits, params) {
        return Vec::new();
    }
    // Shingle i covers words i..i + n.
    let mut covered = vec![false; tokens.len()];
    for (i, _) in found.iter().enumerate().filter(|(_, &f)| f) {
        for c in &mut covered[i..(i + n).min(tokens.len())] {
            *c = true;
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !covered[i] {
            i += 1;
            continue;
        }
        let start = tokens[i].start;
        while i < tokens.len() && covered[i] {
            i += 1;
        }
        out.push(Span {
            start,
            end: tokens[i - 1].end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use neardup::text::tokenize;

    #[test]
    fn cut_keeps_whole_words_and_characters() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("alpha beta gamma", 12), "alpha beta");
        // No space in the second half: cut at a character boundary.
        assert_eq!(cut("ééééé", 5), "éé");
    }

    #[test]
    fn boilerplate_words_are_found_by_shingle() {
        let params = Params::default();
        let chrome = "Subscribe to our newsletter for the latest news";
        let page = format!(
            "{chrome}. The council voted on Tuesday to close the old harbour bridge for repairs."
        );
        let hashes: Vec<u64> = tokenize(chrome, params.seed)
            .iter()
            .map(|t| t.hash)
            .collect();
        let boiler = Boilerplate::new(shingles(&hashes, params.shingle_size));
        let spans = boilerplate_spans(&page, &params, &boiler);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].slice(&page), chrome);
        // A page that is all boilerplate is not marked (the signer kept it whole).
        assert!(boilerplate_spans(chrome, &params, &boiler).is_empty());
    }
}
