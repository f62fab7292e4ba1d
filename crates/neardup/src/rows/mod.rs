//! The per-document result: one row per clustered document, in id order,
//! saying which cluster it is in, which copy is kept and what was verified
//! between the two.
//!
//! This is the one definition behind `neardup cluster`'s JSON Lines and
//! Parquet outputs, the staged pipeline's cluster files and the Python
//! package's tables, so that every way of running neardup prints the same
//! fields with the same rounding. The fields are documented in
//! `docs/output.md`.

#[cfg(feature = "arrow")]
pub mod arrow;

use crate::cluster::Clustering;
use crate::signing::DocInfo;
use serde::Serialize;

/// Rounds a score for output (three decimals are more than the estimator's
/// precision).
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A document's row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocRow<'a> {
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
    /// `unique`, `origin`, `exact`, `near`, `excerpt` or `spun`: what was
    /// verified against the origin.
    pub relation: &'static str,
    /// Jaccard similarity with the origin (boilerplate left out): the
    /// signature estimate, or the exact count where the estimate sat near a
    /// threshold ([`crate::exact`]).
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

/// The rows of a clustering, built on demand (a run's rows are never all
/// in memory at once).
pub struct DocRows<'a> {
    docs: &'a [DocInfo],
    clustering: &'a Clustering,
    /// Each document's place in its cluster's member list, found once
    /// (a search per document was quadratic in the cluster's size).
    place: Vec<u32>,
}

impl<'a> DocRows<'a> {
    /// The rows of `docs` (in id order, as clustered) under `clustering`.
    pub fn new(docs: &'a [DocInfo], clustering: &'a Clustering) -> Self {
        let mut place = vec![0u32; docs.len()];
        for c in &clustering.clusters {
            for (i, m) in c.members.iter().enumerate() {
                place[m.doc as usize] = i as u32;
            }
        }
        DocRows {
            docs,
            clustering,
            place,
        }
    }

    /// How many rows there are (one per document).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when there are no documents.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Document `d`'s row.
    pub fn row(&self, d: usize) -> DocRow<'a> {
        let doc = &self.docs[d];
        let c = &self.clustering.clusters[self.clustering.doc_cluster[d] as usize];
        let m = &c.members[self.place[d] as usize];
        DocRow {
            id: &doc.id,
            cluster_id: c.id,
            cluster_size: c.members.len(),
            is_origin: c.origin == d as u32,
            origin_id: &self.docs[c.origin as usize].id,
            relation: m.relation.as_str(),
            jaccard: m.scores.map(|s| round3(s.jaccard)),
            containment: m.scores.map(|s| round3(s.a_in_b)),
            origin_containment: m.scores.map(|s| round3(s.b_in_a)),
            wire: doc.wire.as_deref(),
            credit_dropped: m.credit_dropped,
            substituted: m.substituted.map(round3),
        }
    }

    /// Every row, in id order.
    pub fn iter(&self) -> impl Iterator<Item = DocRow<'a>> + '_ {
        (0..self.docs.len()).map(|d| self.row(d))
    }
}
