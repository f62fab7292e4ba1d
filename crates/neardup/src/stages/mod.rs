//! The pipeline as separate stages, so that the expensive parts can run
//! anywhere and only small keys cross the network (docs/output.md has the
//! stage files of the command line):
//!
//! 1. [`sign`]: records → signed documents ([`SignedDoc`]: the facts kept
//!    of a document and its signatures) and, per LSH band, a bucket key;
//! 2. [`pairs`]: the band keys of some bands → candidate pairs → verified
//!    pairs with their scores;
//! 3. [`components`]: all verified pairs → the clusters (stars around the
//!    kept copy, then the spin view), and a row per document
//!    ([`ClusterRow`]) saying whether a deduplicated copy keeps it.
//!
//! [`spin`] adds what an engine that runs the components in parts needs
//! for the spin view: which documents must share a part.
//!
//! Every function works on batches in memory; files are the caller's
//! business. [`crate::pipeline`] composes the same functions in one process,
//! so that a run stage by stage and a run in one command cannot drift apart.
//!
//! **Keys and order.** A document is named across stages by its
//! [`DocKey`]: its source's index and its line (or row), stable because the
//! inputs are listed in a sorted order. Inside a stage documents are
//! numbered in id order ([`order::into_id_order`], ties and repeated ids
//! settled by the key, i.e. by input order: the first occurrence is kept),
//! which every decision downstream depends on; a pair crosses stages as two
//! keys ([`pairs::KeyedPair`]) and becomes a pair of indices again in the
//! next stage ([`order::KeyIndex`]).

#[cfg(feature = "arrow")]
pub mod arrow;
pub mod closure;
pub mod components;
pub mod order;
pub mod pairs;
pub mod parts;
pub mod sign;
pub mod spin;

pub use components::{
    canonical_pairs, cluster_part_owned, cluster_verified, cluster_verified_owned, words_aside,
    ClusterRow, DocumentRows, SpinAside, VerifiedPairs,
};
pub use order::{into_id_order, KeyIndex};
pub use pairs::{
    all_candidate_pairs, candidate_pairs_of_bands, estimate_candidates, settle_borderline,
    verify_candidates, KeyedPair,
};
pub use sign::{sign_batch, sign_record, sign_text, SignedBatch, SignedDoc};
pub use spin::{spin_band_rows, spin_candidates_of_bands};

use crate::corpus::Location;
use crate::signing::DocInfo;

/// A document's name across stages: `source << 40 | line`.
pub type DocKey = u64;

/// Bits of a [`DocKey`] that hold the line (or row): 2^40 records per
/// source, 2^24 sources.
pub const LINE_BITS: u32 = 40;

/// Most sources a run can key: the source index gets the bits above the line.
pub const MAX_SOURCES: usize = 1 << (64 - LINE_BITS);

/// The key of the record at `at` (its source index and line; see
/// [`Location::line`]). Keys order records as they were read.
pub fn doc_key(at: &Location) -> DocKey {
    debug_assert!(at.line < 1 << LINE_BITS && (at.source as usize) < MAX_SOURCES);
    (u64::from(at.source) << LINE_BITS) | at.line
}

/// Signed documents and their signatures, row by row: all that
/// verification and clustering read, so that they can run again with other
/// thresholds without reading the corpus again. [`crate::pipeline`] keeps
/// them in id order; a stage may hold them in any order until
/// [`into_id_order`].
#[derive(Clone, Debug, Default)]
pub struct SignedCorpus {
    /// The documents.
    pub docs: Vec<DocInfo>,
    /// `num_perm` bins per document, in `docs` order.
    pub signatures: Vec<u16>,
    /// The spin view's bins per document (empty when it is off).
    pub spin_signatures: Vec<u16>,
}

impl SignedCorpus {
    /// Adds one signed document at the end.
    pub fn push(&mut self, d: SignedDoc) {
        self.signatures.extend_from_slice(&d.signature);
        self.spin_signatures.extend_from_slice(&d.spin_signature);
        self.docs.push(d.doc);
    }

    /// Appends `other`'s documents.
    pub fn append(&mut self, mut other: SignedCorpus) {
        self.docs.append(&mut other.docs);
        self.signatures.append(&mut other.signatures);
        self.spin_signatures.append(&mut other.spin_signatures);
    }
}
