//! Finding boilerplate: shingles with a high document frequency in a sample.
//!
//! The sample holds the records whose hash (of the raw JSON line, or of the
//! id for a text file) falls below a cut-off chosen from the total input
//! size, so that about `df_sample_bytes` of input is sampled. It depends only
//! on content and input size, so it is the same for any input order and
//! thread count, and it is spread evenly over sites and dates. Records outside
//! the sample cost one xxh3 of their bytes, not a JSON parse, so this pass
//! costs about as much as signing the sample.
//!
//! A shingle is boilerplate when it occurs in at least
//! `max(min_df_count, max_df × sample size)` sampled documents. This follows
//! passim's maxDF; the absolute floor keeps a story syndicated a handful of
//! times in a small corpus from being mistaken for site chrome.

use crate::corpus::{scan, ScanOptions, Source, SourceKind};
use crate::params::Params;
use crate::shingle::Boilerplate;
use crate::signing::{shingle_text, with_scratch};
use rayon::prelude::*;

/// Assumed expansion of compressed inputs when sizing the sample.
const COMPRESSION_RATIO: u64 = 4;

/// What the sample found.
pub struct BoilerplateSample {
    /// The boilerplate shingles.
    pub set: Boilerplate,
    /// Documents in the sample.
    pub sample_docs: usize,
    /// The document frequency at and above which a shingle is boilerplate.
    pub min_df: usize,
}

/// The hash cut-off: records hashing at or below it are sampled.
fn cutoff(sources: &[Source], sample_bytes: u64) -> u64 {
    let total: u64 = sources
        .iter()
        .map(|s| match s.kind {
            SourceKind::JsonlGz | SourceKind::JsonlZst => s.size.saturating_mul(COMPRESSION_RATIO),
            _ => s.size,
        })
        .sum();
    if total <= sample_bytes {
        return u64::MAX;
    }
    (u64::MAX as f64 * (sample_bytes as f64 / total as f64)) as u64
}

/// The distinct values of `hashes`, by open addressing in a reused table
/// (a sort would cost several times more per document).
fn distinct(hashes: &[u64], table: &mut Vec<u64>) -> Vec<u64> {
    let size = (hashes.len() * 2).next_power_of_two().max(16);
    table.clear();
    table.resize(size, 0);
    let mask = size - 1;
    let mut out = Vec::with_capacity(hashes.len());
    for &h in hashes {
        let key = h | 1; // 0 marks an empty slot; the low bit is spent on that
        let mut i = (h >> 32) as usize & mask;
        loop {
            if table[i] == 0 {
                table[i] = key;
                out.push(h);
                break;
            }
            if table[i] == key {
                break;
            }
            i = (i + 1) & mask;
        }
    }
    out
}

/// Reads the corpus once and returns its boilerplate shingles.
pub fn sample_boilerplate(
    sources: &[Source],
    params: &Params,
    mut progress: impl FnMut(u64),
) -> BoilerplateSample {
    let cut = cutoff(sources, params.df_sample_bytes);
    let opts = ScanOptions {
        fields: params.fields.clone(),
        sample: Some((params.seed, cut)),
        ..Default::default()
    };
    let mut all: Vec<u64> = Vec::new();
    let mut sample_docs = 0usize;
    scan(
        sources,
        &opts,
        |rec| {
            let rec = rec.ok()?;
            Some(with_scratch(|s| {
                shingle_text(&rec.text, params, s);
                let (shingles, table) = s.shingles_and_table();
                distinct(shingles, table)
            }))
        },
        |batch, bytes| {
            for set in batch.into_iter().flatten() {
                all.extend_from_slice(&set);
                sample_docs += 1;
            }
            progress(bytes);
        },
    );
    let min_df = params
        .min_df_count
        .max((params.max_df * sample_docs as f64).ceil() as usize)
        .max(2);
    // Count document frequencies by sorting all sampled (per-document
    // distinct) shingles: runs of equal hashes are their df. A hash map over
    // millions of shingles costs more time and several times the memory.
    all.par_sort_unstable();
    let set = Boilerplate::new(
        all.chunk_by(|a, b| a == b)
            .filter(|run| run.len() >= min_df)
            .map(|run| run[0]),
    );
    BoilerplateSample {
        set,
        sample_docs,
        min_df,
    }
}

#[cfg(test)]
mod tests {
    use super::distinct;

    #[test]
    fn distinct_keeps_first_occurrences() {
        let mut t = Vec::new();
        assert_eq!(distinct(&[5, 7, 5, 9, 7, 7], &mut t), vec![5, 7, 9]);
        assert!(distinct(&[], &mut t).is_empty());
        let many: Vec<u64> = (0..1000u64)
            .map(|i| (i % 300).wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        assert_eq!(distinct(&many, &mut t).len(), 300);
    }
}
