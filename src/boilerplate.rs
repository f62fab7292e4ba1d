//! Finding boilerplate: shingles with a high document frequency in a sample.
//!
//! The sample holds the documents whose id hash falls below a cut-off chosen
//! from the total input size, so that about `df_sample_bytes` of text is
//! sampled. It depends only on the ids and the input size, so it is the same
//! for any input order and thread count, and it is spread evenly over sites
//! and dates. Only sampled documents are tokenised; the others cost an
//! id-only JSON parse, so this pass is cheap next to signing.
//!
//! A shingle is boilerplate when it occurs in at least
//! `max(min_df_count, max_df × sample size)` sampled documents. This follows
//! passim's maxDF; the absolute floor keeps a story syndicated a handful of
//! times in a small corpus from being mistaken for site chrome.

use crate::corpus::{parse_line, scan, ScanOptions, Source, SourceKind};
use crate::params::Params;
use crate::shingle::Boilerplate;
use crate::signing::{shingle_text, with_scratch};
use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64_with_seed;

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

/// The id-hash cut-off: ids hashing below it are sampled.
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

/// Reads the corpus once and returns its boilerplate shingles.
pub fn sample_boilerplate(
    sources: &[Source],
    params: &Params,
    mut progress: impl FnMut(u64),
) -> BoilerplateSample {
    let cut = cutoff(sources, params.df_sample_bytes);
    let opts = ScanOptions {
        fields: params.fields.clone(),
        want_text: false,
        ..Default::default()
    };
    let mut all: Vec<u64> = Vec::new();
    let mut sample_docs = 0usize;
    scan(
        sources,
        &opts,
        |rec| {
            let rec = rec.ok()?;
            if xxh3_64_with_seed(rec.id.as_bytes(), params.seed) > cut {
                return None;
            }
            // The scan decoded ids only; decode this record's text now.
            let full = match (&rec.text, rec.raw) {
                (None, Some(raw)) => {
                    Some(parse_line(raw, &params.fields, rec.location, String::new, true).ok()?)
                }
                _ => None,
            };
            let text = match &full {
                Some(f) => f.text.as_deref()?,
                None => rec.text.as_deref()?,
            };
            let mut set = with_scratch(|s| {
                shingle_text(text, params, s);
                s.shingles().to_vec()
            });
            set.sort_unstable();
            set.dedup();
            Some(set)
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
