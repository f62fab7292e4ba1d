//! The boilerplate sample's policy: which records it takes, and how many.
//!
//! A record is in the sample when a hash of its **text** falls at or below
//! a cut-off, and the cut-off takes about `df_sample_bytes` of the corpus's
//! total text ([`cut_for`]). Both depend on the texts alone, so the sample
//! is the same for any input order, thread count, compression and format:
//! a JSON Lines file, the same records as Parquet, WET or Python objects,
//! all sample the same documents. (A hash of the raw JSON line would spare
//! the parse of records outside the sample, but the line holds the other
//! fields and their escaping, and the file's size is not its text's: the
//! formats then sampled different records above the sample size.)

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// The hash that decides whether a text is in a sample: of its first 256
/// bytes, seeded with its length.
pub fn record_hash(text: &[u8], seed: u64) -> u64 {
    let head = &text[..text.len().min(256)];
    xxh3_64_with_seed(
        head,
        seed ^ (text.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
    )
}

/// The hash cut-off that samples about `sample_bytes` of `total` bytes of
/// text: texts hashing at or below it are sampled (all of them when the
/// corpus holds no more text than the sample).
pub fn cut_for(total: u64, sample_bytes: u64) -> u64 {
    if total <= sample_bytes {
        return u64::MAX;
    }
    (u64::MAX as f64 * (sample_bytes as f64 / total as f64)) as u64
}
