//! Finding boilerplate: shingles with a high document frequency in a sample.
//!
//! The sample is the `df_sample` documents with the smallest hash of their id
//! (a bottom-k sample), so it is the same for any input order and thread
//! count, and unbiased with respect to sites and dates. A shared atomic
//! cut-off lets workers skip tokenising documents that can no longer enter the
//! sample, so this pass costs little more than parsing the input once.
//!
//! A shingle is boilerplate when it occurs in at least
//! `max(min_df_count, max_df × sample size)` sampled documents. This follows
//! passim's maxDF; the absolute floor keeps a story syndicated a handful of
//! times in a small corpus from being mistaken for site chrome.

use crate::corpus::{scan, ScanOptions, Source};
use crate::params::Params;
use crate::shingle::Boilerplate;
use crate::signing::{shingle_text, with_scratch};
use std::collections::{BinaryHeap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// What the sample found.
pub struct BoilerplateSample {
    /// The boilerplate shingles.
    pub set: Boilerplate,
    /// Documents in the sample.
    pub sample_docs: usize,
    /// The document frequency at and above which a shingle is boilerplate.
    pub min_df: usize,
}

/// Reads the corpus once and returns its boilerplate shingles.
pub fn sample_boilerplate(
    sources: &[Source],
    params: &Params,
    progress: impl FnMut(u64),
) -> BoilerplateSample {
    let k = params.df_sample.max(1);
    let cutoff = AtomicU64::new(u64::MAX);
    let mut heap: BinaryHeap<(u64, Vec<u64>)> = BinaryHeap::new();
    let mut progress = progress;
    let opts = ScanOptions {
        fields: params.fields.clone(),
        ..Default::default()
    };
    scan(
        sources,
        &opts,
        |rec| {
            let rec = rec.ok()?;
            let key = xxh3_64_with_seed(rec.id.as_bytes(), params.seed);
            if key >= cutoff.load(Ordering::Relaxed) {
                return None;
            }
            let mut set = with_scratch(|s| {
                shingle_text(&rec.text, params, s);
                s.shingles().to_vec()
            });
            set.sort_unstable();
            set.dedup();
            Some((key, set))
        },
        |batch, bytes| {
            for (key, set) in batch.into_iter().flatten() {
                if heap.len() < k {
                    heap.push((key, set));
                } else if key < heap.peek().expect("non-empty").0 {
                    heap.pop();
                    heap.push((key, set));
                }
            }
            if heap.len() == k {
                cutoff.store(heap.peek().expect("non-empty").0, Ordering::Relaxed);
            }
            progress(bytes);
        },
    );
    let sample_docs = heap.len();
    let mut df: HashMap<u64, u32> = HashMap::new();
    for (_, set) in heap {
        for h in set {
            *df.entry(h).or_insert(0) += 1;
        }
    }
    let min_df = params
        .min_df_count
        .max((params.max_df * sample_docs as f64).ceil() as usize)
        .max(2);
    let set = Boilerplate::new(
        df.into_iter()
            .filter(|&(_, c)| c as usize >= min_df)
            .map(|(h, _)| h),
    );
    BoilerplateSample {
        set,
        sample_docs,
        min_df,
    }
}
