//! `neardup explain` for the terminal: the verdict, the numbers, then every
//! passage with its spans, text and substitutions, then the unmatched stretches.

use super::reasons::{alignment_limit, credit_kind, origin_step, origin_why, verdict};
use super::terminal::for_terminal as t;
use neardup::align::Span;
use neardup::explain::Explanation;
use neardup::rules::{Relation, WrappedShortfall};
use std::io::{self, Write};

/// Longest excerpt of a passage shown, in characters.
const SHOWN: usize = 240;

/// ANSI styles, or nothing when not writing to a terminal.
#[derive(Clone, Copy)]
pub struct Style {
    /// Use colour.
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn excerpt(text: &str, span: Span) -> String {
    let s = text[span.start..span.end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let s = t(&s).into_owned();
    if s.chars().count() <= SHOWN {
        return s;
    }
    let head: String = s.chars().take(SHOWN / 2).collect();
    let tail: String = s
        .chars()
        .rev()
        .take(SHOWN / 2 - 5)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{head} [...] {tail}")
}

/// Writes the explanation of `a` (named `name_a`) and `b`.
pub fn write(
    e: &Explanation,
    (name_a, a): (&str, &str),
    (name_b, b): (&str, &str),
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "A: {}  ({} words)", t(name_a), e.alignment.a_words)?;
    writeln!(out, "B: {}  ({} words)", t(name_b), e.alignment.b_words)?;
    writeln!(out, "verdict: {}", style.paint("1", &verdict(e.verdict)))?;
    let est = &e.estimated;
    let s = &est.scores;
    writeln!(
        out,
        "estimated (as cluster decides, boilerplate left out: A {}, B {} shingles): jaccard {:.3}  A in B {:.3}  B in A {:.3}",
        est.a_boilerplate, est.b_boilerplate, s.jaccard, s.a_in_b, s.b_in_a
    )?;
    writeln!(out, "{}", lsh_line(est))?;
    writeln!(
        out,
        "exact, whole texts: jaccard {:.3}  A in B {:.3}  B in A {:.3}  covered A {:.0}% B {:.0}%  substituted {:.0}%",
        e.jaccard,
        e.a_in_b,
        e.b_in_a,
        100.0 * e.a_coverage,
        100.0 * e.b_coverage,
        100.0 * e.substituted_share
    )?;
    if let Some(l) = &e.alignment.limit {
        writeln!(out, "{}", style.paint("33", &t(&alignment_limit(l))))?;
    }
    let rel = |r: Option<Relation>| r.map_or("never", Relation::as_str);
    writeln!(
        out,
        "A may be dropped for B as: {}   B for A as: {}",
        rel(e.a_for_b),
        rel(e.b_for_a)
    )?;
    // Why not as a story in another site's page, for a side that has an
    // article (the rule's one case a user asks about: a page that carries
    // the other's text in its own chrome).
    for (side, dropped, why) in [
        ("A", e.a_for_b, &e.a_not_wrapped),
        ("B", e.b_for_a, &e.b_not_wrapped),
    ] {
        let has_article = !why.contains(&WrappedShortfall::NoArticle)
            && !why.contains(&WrappedShortfall::SpinViewOff);
        if dropped.is_none() && has_article && !why.is_empty() {
            let why: Vec<String> = why.iter().map(ToString::to_string).collect();
            writeln!(out, "  {side} not wrapped: {}", why.join("; "))?;
        }
    }
    writeln!(
        out,
        "origin: {} ({}), {}: {}",
        e.origin.side.label(),
        t(&e.origin.id),
        origin_step(e.origin.reason),
        t(&origin_why(&e.origin))
    )?;
    let credit = |w: &Option<neardup::wire::Credit>| match w {
        Some(c) => {
            let kind = credit_kind(c.kind);
            format!(
                "{} ({kind} \"{}\")",
                t(c.agency.as_deref().unwrap_or("?")),
                t(&c.quote)
            )
        }
        None => "none".to_string(),
    };
    if e.a_wire.is_some() || e.b_wire.is_some() {
        let dropped = if e.credit_dropped {
            "  (credit dropped by one copy)"
        } else {
            ""
        };
        writeln!(
            out,
            "wire: A {}; B {}{dropped}",
            credit(&e.a_wire),
            credit(&e.b_wire)
        )?;
    }
    let counts = e.alignment.substitution_counts();
    if !counts.is_empty() {
        let shown: Vec<String> = counts
            .iter()
            .take(15)
            .map(|(f, to, n)| {
                let pair = format!(
                    "{} -> {}",
                    if f.is_empty() { "+".into() } else { t(f) },
                    if to.is_empty() { "-".into() } else { t(to) }
                );
                if *n > 1 {
                    format!("{pair} ×{n}")
                } else {
                    pair
                }
            })
            .collect();
        let more = counts.len().saturating_sub(15);
        let tail = if more > 0 {
            format!(", ... {more} more")
        } else {
            String::new()
        };
        writeln!(out, "substitutions: {}{tail}", shown.join(", "))?;
    }
    for (i, p) in e.alignment.passages.iter().enumerate() {
        writeln!(
            out,
            "\n{} {} · {} words · A {}..{} · B {}..{}",
            style.paint("36", &format!("passage {}", i + 1)),
            p.kind.as_str(),
            p.words,
            p.a.start,
            p.a.end,
            p.b.start,
            p.b.end
        )?;
        writeln!(out, "  A: {}", excerpt(a, p.a))?;
        if p.kind.as_str() != "verbatim" {
            writeln!(out, "  B: {}", excerpt(b, p.b))?;
            for s in &p.substitutions {
                let from = if s.from.is_empty() {
                    "(nothing)"
                } else {
                    &s.from
                };
                let to = if s.to.is_empty() { "(nothing)" } else { &s.to };
                writeln!(
                    out,
                    "     {} -> {}   (A {}..{}, B {}..{})",
                    style.paint("31", &t(from)),
                    style.paint("32", &t(to)),
                    s.a.start,
                    s.a.end,
                    s.b.start,
                    s.b.end
                )?;
            }
        }
    }
    for (label, text, spans) in [
        ("A", a, &e.alignment.a_unmatched),
        ("B", b, &e.alignment.b_unmatched),
    ] {
        for s in spans.iter() {
            writeln!(
                out,
                "\n{} {label} {}..{}: {}",
                style.paint("2", "only in"),
                s.start,
                s.end,
                style.paint("2", &excerpt(text, *s))
            )?;
        }
    }
    Ok(())
}

/// Whether `cluster`'s LSH bands propose the pair: the line that says why
/// a pair the rules would join can still be kept apart.
fn lsh_line(est: &neardup::explain::Estimates) -> String {
    let (n, of) = (est.lsh_bands_agreeing, est.lsh_bands);
    if n == 0 {
        format!(
            "bands: none of {of} agree, so cluster's buckets never propose this pair (it is found only two steps apart from verified pairs, or by the spin view)"
        )
    } else {
        format!("bands: {n} of {of} agree (cluster's buckets propose this pair)")
    }
}
