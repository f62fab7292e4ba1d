//! One JSON line per document, in id order.

use super::{round3, Selection, Writer};
use neardup::pipeline::Outcome;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};

/// A document's line.
#[derive(Serialize)]
pub struct DocLine<'a> {
    /// Document id.
    pub id: &'a str,
    /// Cluster id (clusters with 2+ members come first, largest first).
    pub cluster_id: u32,
    /// Members in the cluster (1 for unique documents).
    pub cluster_size: usize,
    /// True for the copy chosen as origin (and for unique documents).
    pub is_origin: bool,
    /// The origin's id.
    pub origin_id: &'a str,
    /// `unique`, `origin`, `exact`, `near`, `excerpt` or `spun`: what was verified against the origin.
    pub relation: &'static str,
    /// Jaccard similarity with the origin (boilerplate left out): the
    /// signature estimate, or the exact count where the estimate sat near a
    /// threshold ([`neardup::exact`]).
    pub jaccard: Option<f64>,
    /// Estimated share of this document found in the origin.
    pub containment: Option<f64>,
    /// Estimated share of the origin found in this document.
    pub origin_containment: Option<f64>,
    /// The wire service this document credits (dateline or credit), if any.
    pub wire: Option<&'a str>,
    /// The origin credits a wire service and this copy does not.
    pub credit_dropped: bool,
    /// For `spun` members: the share of words substituted, as aligned.
    pub substituted: Option<f64>,
}

/// Each document's line, for the JSON Lines and Parquet writers.
pub struct DocLines<'a> {
    o: &'a Outcome,
    /// Each document's place in its cluster's member list, found once
    /// (a search per document was quadratic in the cluster's size).
    place: Vec<u32>,
    selection: Selection,
}

impl<'a> DocLines<'a> {
    /// The lines of `o`'s documents that `selection` lists.
    pub fn new(o: &'a Outcome, selection: Selection) -> Self {
        let mut place = vec![0u32; o.docs.len()];
        for c in &o.clustering.clusters {
            for (i, m) in c.members.iter().enumerate() {
                place[m.doc as usize] = i as u32;
            }
        }
        DocLines {
            o,
            place,
            selection,
        }
    }

    /// Document `d`'s line, or None when the selection leaves it out.
    pub fn line(&self, d: usize) -> Option<DocLine<'a>> {
        let o = self.o;
        let doc = &o.docs[d];
        let c = &o.clustering.clusters[o.clustering.doc_cluster[d] as usize];
        if self.selection == Selection::DuplicatesOnly && c.members.len() < 2 {
            return None;
        }
        let m = &c.members[self.place[d] as usize];
        Some(DocLine {
            id: &doc.id,
            cluster_id: c.id,
            cluster_size: c.members.len(),
            is_origin: c.origin == d as u32,
            origin_id: &o.docs[c.origin as usize].id,
            relation: m.relation.as_str(),
            jaccard: m.scores.map(|s| round3(s.jaccard)),
            containment: m.scores.map(|s| round3(s.a_in_b)),
            origin_containment: m.scores.map(|s| round3(s.b_in_a)),
            wire: doc.wire.as_deref(),
            credit_dropped: m.credit_dropped,
            substituted: m.substituted.map(round3),
        })
    }
}

/// The per-document writer.
pub struct DocsWriter;

impl Writer for DocsWriter {
    fn write(&self, o: &Outcome, selection: Selection, out: &mut dyn Write) -> io::Result<()> {
        let lines = DocLines::new(o, selection);
        let line = |d: usize, buf: &mut Vec<u8>| {
            if let Some(line) = lines.line(d) {
                serde_json::to_writer(&mut *buf, &line).expect("writing JSON to memory");
                buf.push(b'\n');
            }
        };
        // Lines are formatted in parallel, a group at a time (so the output
        // is never all in memory), and written in order.
        const GROUP: usize = 1 << 14;
        const CHUNK: usize = 512;
        for start in (0..o.docs.len()).step_by(GROUP) {
            let end = (start + GROUP).min(o.docs.len());
            let parts: Vec<Vec<u8>> = (start..end)
                .into_par_iter()
                .step_by(CHUNK)
                .map(|lo| {
                    let hi = (lo + CHUNK).min(end);
                    let mut buf = Vec::with_capacity((hi - lo) * 256);
                    for d in lo..hi {
                        line(d, &mut buf);
                    }
                    buf
                })
                .collect();
            for p in parts {
                out.write_all(&p)?;
            }
        }
        Ok(())
    }
}
