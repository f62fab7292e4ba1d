//! The data structures the stages share, kept apart from the stages
//! themselves: none of them knows about documents or shingles.
//!
//! * [`hash_filter`]: a bit filter in front of a set of hashes (one test
//!   per shingle against the boilerplate set, one per token against the
//!   function words);
//! * [`spread_sort`]: sorting hash-keyed records by a counting pass over the
//!   hash's top bits (LSH buckets, boilerplate document frequencies, the
//!   aligner's seeds);
//! * [`union_find`]: disjoint sets with canonical (smallest) roots (the
//!   components that clusters are searched in).

pub mod hash_filter;
pub mod spread_sort;
pub mod union_find;
