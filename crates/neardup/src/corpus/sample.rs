//! The boilerplate sample's policy: which records it takes, and how many.
//!
//! A record is in the sample when a hash of its content falls at or below a
//! cut-off, so the choice depends only on the record, never on input order,
//! thread count or compression, and it is spread evenly over sites and
//! dates. The hash is of a record's raw bytes (a JSON line; a Parquet
//! row's, a WARC record's or an in-memory document's text): its first 256
//! bytes and its length, so a record outside the sample costs one short
//! xxh3, not a parse. A whole text file is hashed by its id. The cut-off
//! takes about `df_sample_bytes` of a corpus of `total` bytes
//! ([`cut_for`]).

use super::Source;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// A sample by hash: the seed, and a cut-off that the consumer may lower
/// while the scan runs (records in flight may still pass the old one; the
/// consumer filters them by [`super::Record::sample_hash`]).
#[derive(Clone, Debug)]
pub struct Sample {
    /// Hash seed.
    pub seed: u64,
    /// Records hashing above this are not read.
    pub cut: Arc<AtomicU64>,
}

impl Sample {
    /// `hash` if the sample takes a record with it.
    pub(super) fn admits(&self, hash: u64) -> Option<u64> {
        (hash <= self.cut.load(Ordering::Relaxed)).then_some(hash)
    }

    /// The hash of a record's raw bytes.
    pub fn hash_of_record(&self, raw: &[u8]) -> u64 {
        record_hash(raw, self.seed)
    }

    /// The hash of a whole-file record, by its id.
    pub(super) fn hash_of_id(&self, id: &str) -> u64 {
        xxh3_64_with_seed(id.as_bytes(), self.seed)
    }
}

/// The hash that decides whether a record is in a sample: of its first
/// 256 bytes, seeded with its length.
pub fn record_hash(raw: &[u8], seed: u64) -> u64 {
    let head = &raw[..raw.len().min(256)];
    xxh3_64_with_seed(
        head,
        seed ^ (raw.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
    )
}

/// The hash cut-off that samples about `sample_bytes` of `total` bytes:
/// records hashing at or below it are sampled (all of them when the corpus
/// is no larger than the sample).
pub fn cut_for(total: u64, sample_bytes: u64) -> u64 {
    if total <= sample_bytes {
        return u64::MAX;
    }
    (u64::MAX as f64 * (sample_bytes as f64 / total as f64)) as u64
}

/// A lower bound of the bytes the sources hold once decompressed: a plain
/// file's size; half a compressed one's (nothing compresses to more than
/// twice its size), so a first cut-off from it never samples less than the
/// final one.
pub fn lower_bound_bytes(sources: &[Source]) -> u64 {
    sources
        .iter()
        .map(|s| {
            if s.is_compressed() {
                s.size / 2
            } else {
                s.size
            }
        })
        .sum()
}
