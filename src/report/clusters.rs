//! One JSON line per cluster, members listed origin first.

use super::{round3, Selection, Writer};
use neardup::corpus::format_date;
use neardup::pipeline::Outcome;
use serde::Serialize;
use std::io::{self, Write};

/// A cluster's line.
#[derive(Serialize)]
pub struct ClusterLine<'a> {
    /// Cluster id.
    pub cluster_id: u32,
    /// Number of members.
    pub size: usize,
    /// The origin's id.
    pub origin_id: &'a str,
    /// Which step of the origin rule chose it.
    pub origin_reason: &'static str,
    /// The wire service the cluster credits: the origin's, else the first member's that names one.
    pub wire: Option<&'a str>,
    /// Members, origin first.
    pub members: Vec<MemberEntry<'a>>,
}

/// One member of a cluster line.
#[derive(Serialize)]
pub struct MemberEntry<'a> {
    /// Document id.
    pub id: &'a str,
    /// Relation to the origin.
    pub relation: &'static str,
    /// Estimated Jaccard with the origin.
    pub jaccard: Option<f64>,
    /// Estimated share of this member found in the origin.
    pub containment: Option<f64>,
    /// Estimated share of the origin found in this member.
    pub origin_containment: Option<f64>,
    /// Publication date, when known.
    pub date: Option<String>,
    /// Number of words.
    pub words: u32,
    /// The wire service this member credits, if any.
    pub wire: Option<&'a str>,
    /// The origin credits a wire service and this member does not.
    pub credit_dropped: bool,
    /// For `spun` members: the share of words substituted, as aligned.
    pub substituted: Option<f64>,
}

/// The per-cluster writer.
pub struct ClustersWriter;

impl Writer for ClustersWriter {
    fn write(&self, o: &Outcome, selection: Selection, out: &mut dyn Write) -> io::Result<()> {
        for c in &o.clustering.clusters {
            if selection == Selection::DuplicatesOnly && c.members.len() < 2 {
                continue;
            }
            let line = ClusterLine {
                cluster_id: c.id,
                size: c.members.len(),
                origin_id: &o.docs[c.origin as usize].id,
                origin_reason: c.origin_reason.as_str(),
                wire: c
                    .members
                    .iter()
                    .find_map(|m| o.docs[m.doc as usize].wire.as_deref()),
                members: c
                    .members
                    .iter()
                    .map(|m| {
                        let d = &o.docs[m.doc as usize];
                        MemberEntry {
                            id: &d.id,
                            relation: m.relation.as_str(),
                            jaccard: m.scores.map(|s| round3(s.jaccard)),
                            containment: m.scores.map(|s| round3(s.a_in_b)),
                            origin_containment: m.scores.map(|s| round3(s.b_in_a)),
                            date: d.date.map(format_date),
                            words: d.words,
                            wire: d.wire.as_deref(),
                            credit_dropped: m.credit_dropped,
                            substituted: m.substituted.map(round3),
                        }
                    })
                    .collect(),
            };
            serde_json::to_writer(&mut *out, &line)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}
