//! The cluster view for reading: one block per cluster, one row per member.

use super::terminal::for_terminal as t;
use super::{Selection, Writer};
use neardup::corpus::format_date;
use neardup::pipeline::Outcome;
use std::io::{self, Write};

/// The plain-text writer.
pub struct TextWriter;

impl Writer for TextWriter {
    fn write(&self, o: &Outcome, selection: Selection, out: &mut dyn Write) -> io::Result<()> {
        let width = o
            .docs
            .iter()
            .map(|d| d.id.chars().count())
            .max()
            .unwrap_or(2)
            .min(60);
        let mut uniques = Vec::new();
        for c in &o.clustering.clusters {
            if c.members.len() < 2 {
                uniques.push(&o.docs[c.origin as usize].id);
                continue;
            }
            writeln!(
                out,
                "cluster {} · {} documents · origin {} ({}){}",
                c.id,
                c.members.len(),
                t(&o.docs[c.origin as usize].id),
                c.origin_reason.as_str().replace('_', " "),
                c.members
                    .iter()
                    .find_map(|m| o.docs[m.doc as usize].wire.as_deref())
                    .map(|w| format!(" · wire: {}", t(w)))
                    .unwrap_or_default()
            )?;
            for m in &c.members {
                let d = &o.docs[m.doc as usize];
                let mut scores = match m.scores {
                    Some(s) => format!(
                        "J {:.2}  in origin {:.2}  origin in it {:.2}",
                        s.jaccard, s.a_in_b, s.b_in_a
                    ),
                    None => String::new(),
                };
                if let Some(share) = m.substituted {
                    scores.push_str(&format!("  {:.0}% of words substituted", share * 100.0));
                }
                let date = d
                    .date
                    .map(|t| format_date(t)[..10].to_string())
                    .unwrap_or_else(|| "-".into());
                writeln!(
                    out,
                    "  {:<8} {:<width$}  {date:<10}  {:>5} words  {scores}{}",
                    m.relation.as_str(),
                    t(&d.id),
                    d.words,
                    if m.credit_dropped {
                        "  credit dropped"
                    } else {
                        ""
                    },
                )?;
            }
            writeln!(out)?;
        }
        if selection == Selection::All && !uniques.is_empty() {
            writeln!(out, "unique ({}):", uniques.len())?;
            for id in uniques {
                writeln!(out, "  {}", t(id))?;
            }
        }
        Ok(())
    }
}
