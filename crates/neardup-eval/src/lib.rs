//! Evaluation tools for neardup: pairwise precision, recall and ARI of
//! predicted clusters against labelled ones ([`clusters`], re-exported at
//! the root), and the passage aligner scored against the generator's
//! passage truth ([`align`]).

pub mod align;
pub mod clusters;

pub use clusters::*;
