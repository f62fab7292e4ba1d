//! The whole run, stage by stage: sample boilerplate, sign, order by id,
//! bucket, verify, cluster. Each stage is timed for the summary.

use crate::boilerplate::sample_boilerplate;
use crate::cluster::{attach_spin_links, finish, verbatim_stars, Clustering, SpinLink};
use crate::corpus::{
    scan_until, ReadBack, ScanOptions, SkipLog, SkipReason, Skipped, Source, SourceTexts,
};
use crate::exact::recheck_borderline;
use crate::lsh::{candidate_pairs_where, LshParams};
use crate::params::Params;
use crate::shingle::Boilerplate;
use crate::signing::{with_scratch, DocInfo, Signer};
use crate::spin::{find_spin_links, mark_light_spins, SpinStats};
use crate::verify::{score_candidates, Edge};
use rayon::prelude::*;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

/// Counters and timings of a run.
#[derive(Clone, Debug, Default)]
pub struct RunStats {
    /// Input bytes read (decompressed).
    pub bytes: u64,
    /// Records seen (clustered + skipped, not counting unreadable inputs).
    pub records: u64,
    /// Records whose id came from file and line.
    pub ids_from_location: u64,
    /// Records whose date field could not be parsed (treated as unknown).
    pub bad_dates: u64,
    /// Boilerplate shingles found, the sample size and the df cut-off.
    pub boilerplate_shingles: usize,
    /// Documents in the boilerplate sample.
    pub boilerplate_sample: usize,
    /// Document frequency at which a shingle counted as boilerplate.
    pub boilerplate_min_df: usize,
    /// Pages of one site at which a shingle counted as that site's boilerplate.
    pub boilerplate_site_min_df: usize,
    /// Documents that had boilerplate shingles left out.
    pub docs_with_boilerplate: u64,
    /// LSH bands × rows used.
    pub lsh: Option<LshParams>,
    /// Candidate pairs from LSH.
    pub candidate_pairs: u64,
    /// Pairs that passed verification.
    pub verified_pairs: u64,
    /// Pairs whose estimates were near a threshold, re-read and counted
    /// exactly.
    pub rechecked_pairs: u64,
    /// The spin view's counters (None when it is off).
    pub spin: Option<SpinStats>,
    /// Named stage durations, in order.
    pub stages: Vec<(&'static str, Duration)>,
}

impl RunStats {
    /// Total time of all stages.
    pub fn total_time(&self) -> Duration {
        self.stages.iter().map(|s| s.1).sum()
    }
}

/// The result of clustering a corpus.
pub struct Outcome {
    /// Signed documents in canonical (id) order. Skipped ones are not here.
    pub docs: Vec<DocInfo>,
    /// The clusters.
    pub clustering: Clustering,
    /// Every record that was not clustered, and why, in input order
    /// (counted; the first few kept, all of them streamed when asked).
    pub skipped: SkipLog,
    /// Counters and timings.
    pub stats: RunStats,
    /// The boilerplate shingles left out of signatures (empty when the
    /// filter is off), kept so that reports can mark a page's chrome.
    pub boilerplate: Boilerplate,
    /// Every verified pair, when [`Params::keep_pairs`] asked for them.
    pub pairs: VerifiedPairs,
}

/// The pairs a run verified: the evidence behind every cluster.
#[derive(Clone, Debug, Default)]
pub struct VerifiedPairs {
    /// Pairs the shingle signatures verified (document indices, scores).
    pub shingles: Vec<Edge>,
    /// Pairs the aligner checked and confirmed.
    pub aligner: Vec<SpinLink>,
}

/// Progress callbacks for long runs (a no-op by default).
pub trait Progress: Sync {
    /// A stage begins; `total_bytes` is known for uncompressed inputs.
    fn stage(&self, _name: &'static str, _total_bytes: Option<u64>) {}
    /// Bytes consumed within the current stage.
    fn advance(&self, _bytes: u64) {}
    /// The current stage ended.
    fn finish_stage(&self) {}
}

/// No progress output.
pub struct NoProgress;
impl Progress for NoProgress {}

fn timed<T>(stats: &mut RunStats, name: &'static str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    stats.stages.push((name, t.elapsed()));
    out
}

/// Clusters the given sources: [`sign_sources`], then [`cluster_signed`].
/// `skipped` holds the inputs that could not even be opened (from
/// [`crate::corpus::expand_inputs`]); the records skipped are added to it.
/// When it asks to stop at the first one (`--strict`), signing stops there
/// and nothing is clustered.
pub fn run(
    sources: &[Source],
    skipped: SkipLog,
    params: &Params,
    progress: &dyn Progress,
) -> Outcome {
    let Signing {
        corpus,
        boilerplate,
        skipped,
        mut stats,
    } = sign_sources(sources, skipped, params, progress);
    let read = SourceTexts {
        sources,
        fields: &params.fields,
    };
    let (clustering, pairs) =
        cluster_signed(&corpus, &read, &boilerplate, params, &mut stats, progress);
    Outcome {
        docs: corpus.docs,
        clustering,
        skipped,
        stats,
        boilerplate,
        pairs,
    }
}

/// What signing a corpus produced: the signed documents in id order, the
/// boilerplate left out, the records skipped, and the counters so far.
pub struct Signing {
    /// The signed documents and their signatures.
    pub corpus: SignedCorpus,
    /// The boilerplate shingles left out of the signatures.
    pub boilerplate: Boilerplate,
    /// Every record not signed, and why.
    pub skipped: SkipLog,
    /// Counters and timings of the sample and signing passes.
    pub stats: RunStats,
}

/// Samples the boilerplate, signs every record and sorts the documents by
/// id (repeated ids are skipped): everything [`cluster_signed`] needs, once
/// per corpus however many thresholds it is clustered at.
pub fn sign_sources(
    sources: &[Source],
    skipped: SkipLog,
    params: &Params,
    progress: &dyn Progress,
) -> Signing {
    let mut stats = RunStats::default();
    let total = sources
        .iter()
        .all(|s| !s.is_compressed())
        .then(|| sources.iter().map(|s| s.size).sum());

    let boiler = if params.max_df < 1.0 {
        progress.stage("sample", total);
        let b = timed(&mut stats, "sample", || {
            sample_boilerplate(sources, params, |n| progress.advance(n))
        });
        progress.finish_stage();
        stats.boilerplate_shingles = b.set.len();
        stats.boilerplate_sample = b.sample_docs;
        stats.boilerplate_min_df = b.min_df;
        stats.boilerplate_site_min_df = params.site_min_df.max(2);
        b.set
    } else {
        Boilerplate::default()
    };

    progress.stage("sign", total);
    let Signed {
        docs,
        sigs,
        spin_sigs,
        mut skipped,
        ids_from_location,
        bad_dates,
        bytes,
    } = timed(&mut stats, "sign", || {
        sign_corpus(sources, params, &boiler, skipped, progress)
    });
    progress.finish_stage();
    let (docs, sigs, spin_sigs) = if skipped.should_stop() {
        (Vec::new(), Vec::new(), Vec::new())
    } else {
        (docs, sigs, spin_sigs)
    };
    stats.records = docs.len() as u64 + skipped.records();
    stats.bytes = bytes;
    stats.ids_from_location = ids_from_location;
    stats.bad_dates = bad_dates;
    stats.docs_with_boilerplate = docs.iter().filter(|d| d.boilerplate > 0).count() as u64;

    let spin_k = params.spin.as_ref().map_or(0, |s| s.num_perm);
    let (docs, signatures, spin_signatures, dup_skipped) = timed(&mut stats, "order", || {
        canonical_order(docs, sigs, spin_sigs, params.num_perm, spin_k, sources)
    });
    dup_skipped.into_iter().for_each(|s| skipped.push(s));
    Signing {
        corpus: SignedCorpus {
            docs,
            signatures,
            spin_signatures,
        },
        boilerplate: boiler,
        skipped,
        stats,
    }
}

/// Signed documents in canonical (id) order and their signatures: all that
/// verification and clustering read, so that they can run again with other
/// thresholds without reading the corpus again.
#[derive(Clone, Debug, Default)]
pub struct SignedCorpus {
    /// The documents, sorted by id.
    pub docs: Vec<DocInfo>,
    /// `num_perm` bins per document, in `docs` order.
    pub signatures: Vec<u32>,
    /// The spin view's bins per document (empty when it is off).
    pub spin_signatures: Vec<u16>,
}

/// Buckets, verifies and clusters signed documents: LSH candidates, their
/// scores, exact counts for the pairs near a threshold (texts read back
/// through `read`), stars around the kept copies, then the spin view. The
/// signatures must have been made with `params`' signature settings
/// (`num_perm`, `seed`, `shingle_size`, the spin view's) and `boilerplate`;
/// the thresholds may differ from the signing run's.
pub fn cluster_signed(
    corpus: &SignedCorpus,
    read: &dyn ReadBack,
    boilerplate: &Boilerplate,
    params: &Params,
    stats: &mut RunStats,
    progress: &dyn Progress,
) -> (Clustering, VerifiedPairs) {
    let SignedCorpus {
        docs,
        signatures,
        spin_signatures: spin_sigs,
    } = corpus;
    let active = vec![true; docs.len()];
    let lsh = params.lsh();
    stats.lsh = Some(lsh);
    // With --against, only pairs with a reference in them are bucketed.
    let allowed = |a: u32, b: u32| {
        params.pair_allowed(&docs[a as usize].location, &docs[b as usize].location)
    };
    let pairs = timed(stats, "lsh", || {
        candidate_pairs_where(signatures, params.num_perm, lsh, &active, None, &allowed)
    });
    stats.candidate_pairs = pairs.len() as u64;
    let mut edges = timed(stats, "verify", || {
        score_candidates(&pairs, docs, signatures, params)
    });
    // Pairs near a threshold are decided on exact counts, not estimates.
    stats.rechecked_pairs = timed(stats, "recheck", || {
        recheck_borderline(read, params, docs, boilerplate, &mut edges)
    });
    edges.retain(|e| e.scores.is_match(params));
    stats.verified_pairs = edges.len() as u64;
    let (mut stars, _pairs) = timed(stats, "cluster", || {
        verbatim_stars(docs, &active, &edges, params)
    });
    let mut pairs = VerifiedPairs::default();
    if params.keep_pairs {
        pairs.shingles = edges;
    } else {
        drop(edges);
    }
    if params.spin.is_some() {
        progress.stage("spin", None);
        let (links, spin_stats) = timed(stats, "spin", || {
            find_spin_links(read, params, docs, spin_sigs, &stars)
        });
        progress.finish_stage();
        stats.spin = Some(spin_stats);
        attach_spin_links(&mut stars, &links, docs, signatures, params);
        if params.keep_pairs {
            pairs.aligner = links;
        }
        let light = timed(stats, "light spins", || {
            mark_light_spins(read, params, docs, spin_sigs, &mut stars)
        });
        if let Some(spin_stats) = stats.spin.as_mut() {
            spin_stats.light_spins = light;
        }
    }
    (finish(stars, docs), pairs)
}

/// What the signing pass produced, in input order.
struct Signed {
    docs: Vec<DocInfo>,
    sigs: Vec<u32>,
    spin_sigs: Vec<u16>,
    skipped: SkipLog,
    ids_from_location: u64,
    bad_dates: u64,
    /// Bytes read (decompressed).
    bytes: u64,
}

/// Reads and signs every record (up to the first skipped one when the
/// log says to stop there).
fn sign_corpus(
    sources: &[Source],
    params: &Params,
    boiler: &Boilerplate,
    skipped: SkipLog,
    progress: &dyn Progress,
) -> Signed {
    let k = params.num_perm;
    let signer = Signer::new(params, boiler);
    let spin_k = signer.spin_num_perm();
    let opts = ScanOptions {
        fields: params.fields.clone(),
        max_record_bytes: params.max_record_bytes,
        ..Default::default()
    };
    let mut out = Signed {
        docs: Vec::new(),
        sigs: Vec::new(),
        spin_sigs: Vec::new(),
        skipped,
        ids_from_location: 0,
        bad_dates: 0,
        bytes: 0,
    };
    scan_until(
        sources,
        &opts,
        |rec| {
            let rec = rec?;
            let mut sig = vec![0u32; k];
            let mut spin_sig = vec![0u16; spin_k];
            let signed = with_scratch(|s| signer.sign(&rec.text, s, &mut sig, &mut spin_sig));
            match signed {
                Ok(t) => Ok((
                    DocInfo::signed(&rec.id, rec.date, rec.location, &t).with_wire_of(&rec.text),
                    rec.id_from_location,
                    rec.bad_date,
                    sig,
                    spin_sig,
                )),
                Err(reason) => Err(Skipped {
                    source: sources[rec.location.source as usize].name.clone(),
                    location: Some(rec.location),
                    id: Some(rec.id.into_owned()),
                    reason,
                }),
            }
        },
        |batch, bytes| {
            for r in batch {
                if out.skipped.should_stop() {
                    break; // --strict: nothing after the first problem counts
                }
                match r {
                    Ok((doc, from_loc, bad_date, sig, spin_sig)) => {
                        out.sigs.extend_from_slice(&sig);
                        out.spin_sigs.extend_from_slice(&spin_sig);
                        out.docs.push(doc);
                        out.ids_from_location += u64::from(from_loc);
                        out.bad_dates += u64::from(bad_date);
                    }
                    Err(s) => out.skipped.push(s),
                }
            }
            out.bytes += bytes;
            progress.advance(bytes);
            if out.skipped.should_stop() {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        },
    );
    out
}

/// Sorts documents by id (so nothing downstream depends on input order) and
/// reports repeated ids: the first occurrence in input order is kept.
fn canonical_order(
    mut docs: Vec<DocInfo>,
    mut sigs: Vec<u32>,
    mut spin_sigs: Vec<u16>,
    k: usize,
    spin_k: usize,
    sources: &[Source],
) -> (Vec<DocInfo>, Vec<u32>, Vec<u16>, Vec<Skipped>) {
    let mut order: Vec<u32> = (0..docs.len() as u32).collect();
    order.par_sort_by(|&a, &b| {
        docs[a as usize]
            .id
            .cmp(&docs[b as usize].id)
            .then(a.cmp(&b))
    });
    let mut keep = Vec::with_capacity(order.len());
    let mut skipped = Vec::new();
    for (i, &d) in order.iter().enumerate() {
        if i > 0 && docs[order[i - 1] as usize].id == docs[d as usize].id {
            // Sorted by (id, input position): the kept first occurrence is the last kept.
            let first = &docs[*keep.last().expect("a run starts with a kept doc") as usize];
            let src = &sources[first.location.source as usize];
            let doc = &docs[d as usize];
            let first_at = if first.location.line > 0 {
                format!("{}:{}", src.name, first.location.line)
            } else {
                src.name.clone()
            };
            skipped.push(Skipped {
                source: sources[doc.location.source as usize].name.clone(),
                location: Some(doc.location),
                id: Some(doc.id.to_string()),
                reason: SkipReason::DuplicateId { first: first_at },
            });
            continue;
        }
        keep.push(d);
    }
    // Permute in place (a copy would double the signatures' memory at the
    // peak): kept documents in id order, then the repeated ids, cut off.
    let m = keep.len();
    let mut dropped = vec![true; docs.len()];
    for &d in &keep {
        dropped[d as usize] = false;
    }
    let mut perm = keep;
    perm.extend((0..docs.len() as u32).filter(|&d| dropped[d as usize]));
    gather_in_place(&mut perm, |a, b| {
        docs.swap(a, b);
        swap_rows(&mut sigs, k, a, b);
        swap_rows(&mut spin_sigs, spin_k, a, b);
    });
    docs.truncate(m);
    sigs.truncate(m * k);
    spin_sigs.truncate(m * spin_k);
    skipped.sort_by_key(|s| s.location.map(|l| (l.source, l.line)));
    (docs, sigs, spin_sigs, skipped)
}

/// Swaps rows `a` and `b` (of `k` values each) of a row-major table.
fn swap_rows<T>(table: &mut [T], k: usize, a: usize, b: usize) {
    if k == 0 || a == b {
        return;
    }
    let (lo, hi) = (a.min(b), a.max(b));
    let (left, right) = table.split_at_mut(hi * k);
    left[lo * k..(lo + 1) * k].swap_with_slice(&mut right[..k]);
}

/// Rearranges items so that new slot `i` holds old item `perm[i]`, using only
/// swaps (`perm` must be a permutation; it is consumed).
fn gather_in_place(perm: &mut [u32], mut swap: impl FnMut(usize, usize)) {
    for i in 0..perm.len() {
        let mut cur = i;
        while perm[cur] as usize != i {
            let next = perm[cur] as usize;
            swap(cur, next);
            perm[cur] = cur as u32;
            cur = next;
        }
        perm[cur] = cur as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::gather_in_place;

    #[test]
    fn gather_matches_a_copy() {
        let old: Vec<u32> = (0..50).map(|i| i * 3).collect();
        let perm: Vec<u32> = (0..50u32).map(|i| (i * 17 + 5) % 50).collect();
        let want: Vec<u32> = perm.iter().map(|&p| old[p as usize]).collect();
        let mut items = old.clone();
        let mut p = perm.clone();
        gather_in_place(&mut p, |a, b| items.swap(a, b));
        assert_eq!(items, want);
    }
}
