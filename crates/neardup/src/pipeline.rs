//! The whole run, stage by stage: sample boilerplate, sign, order by id,
//! bucket, verify, cluster. Each stage is timed for the summary. The steps
//! are the functions of [`crate::stages`], composed in one process.

use crate::boilerplate::sample_boilerplate;
use crate::cluster::Clustering;
use crate::corpus::{
    scan_until, ReadBack, ReadBackFailure, ScanOptions, SkipLog, Skipped, Source, SourceTexts,
};
use crate::params::Params;
use crate::shingle::Boilerplate;
use crate::signing::{DocInfo, Signer};
use crate::spill::{RowSink, RowsAside};
use crate::stages::order::into_id_order_traced;
use crate::stages::SpinAside;
use crate::stages::{
    all_candidate_pairs, cluster_verified, cluster_verified_owned, estimate_candidates,
    settle_borderline, sign_record, verify_candidates, words_aside,
};
pub use crate::stages::{SignedCorpus, VerifiedPairs};
use crate::stats::timed;
pub use crate::stats::{NoProgress, Progress, RunStats};
use std::ops::ControlFlow;

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
    /// Records whose text, read back for an exact count or an alignment,
    /// was gone or not the text signed: the input changed during the run,
    /// so the result is not its input's. A caller fails the run on any.
    pub read_back_failures: Vec<ReadBackFailure>,
}

/// Clusters the given sources: the steps of [`sign_sources`], then those
/// of [`cluster_signed`], with each signature table in a temporary file
/// while the phase at hand does not read it ([`crate::spill`]: the same
/// clusters, a lower peak). `skipped` holds the inputs that could not even be opened (from
/// [`crate::corpus::expand_inputs`]); the records skipped are added to it.
/// When it asks to stop at the first one (`--strict`), signing stops there
/// and nothing is clustered.
pub fn run(
    sources: &[Source],
    skipped: SkipLog,
    params: &Params,
    progress: &dyn Progress,
) -> Outcome {
    // The spin signatures wait in a file until the spin view (crate::spill).
    let (signing, spin_aside) = sign_all(sources, skipped, params, progress, true);
    let Signing {
        mut corpus,
        boilerplate,
        skipped,
        mut stats,
    } = signing;
    let read = SourceTexts::new(sources, &params.fields);
    stats.lsh = Some(params.lsh());
    let candidates = timed(&mut stats, "lsh", || all_candidate_pairs(&corpus, params));
    let edges = estimate_candidates(&candidates, &corpus, params, &mut stats);
    drop(candidates);
    // The rest reads the word signatures of a few pairs only (crate::spill).
    let words = words_aside(&mut corpus, params, &mut stats);
    let edges = settle_borderline(
        edges,
        &corpus.docs,
        &read,
        &boilerplate,
        params,
        &mut stats,
        None,
    );
    let (clustering, pairs, docs) = cluster_verified_owned(
        corpus,
        Some(words),
        spin_aside,
        edges,
        &read,
        &boilerplate,
        params,
        &mut stats,
        progress,
    );
    Outcome {
        docs,
        clustering,
        skipped,
        stats,
        boilerplate,
        pairs,
        read_back_failures: read.failures(),
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
    sign_all(sources, skipped, params, progress, false).0
}

/// [`sign_sources`]; with `spin_aside`, the spin signatures are put in a
/// temporary file as they are made and come back apart, with the order
/// that loads them in id order ([`SpinAside`]).
fn sign_all(
    sources: &[Source],
    skipped: SkipLog,
    params: &Params,
    progress: &dyn Progress,
    spin_aside: bool,
) -> (Signing, Option<SpinAside>) {
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
        stats.boilerplate_shingles = b.shingles();
        stats.boilerplate_sample = b.sample_docs;
        stats.boilerplate_site_sample = b.site_sample_docs;
        stats.boilerplate_frame_pages = b.frame_pages;
        stats.boilerplate_min_df = b.min_df;
        stats.boilerplate_site_min_df = params.site_min_pages();
        stats.boilerplate_site_min_share = params.site_min_share;
        b.set
    } else {
        Boilerplate::default()
    };

    progress.stage("sign", total);
    let Signed {
        corpus,
        mut skipped,
        ids_from_location,
        bad_dates,
        bytes,
        spin_rows,
    } = timed(&mut stats, "sign", || {
        sign_corpus(sources, params, &boiler, skipped, progress, spin_aside)
    });
    progress.finish_stage();
    let corpus = if skipped.should_stop() {
        SignedCorpus::default()
    } else {
        corpus
    };
    stats.records = corpus.docs.len() as u64 + skipped.records();
    stats.bytes = bytes;
    stats.ids_from_location = ids_from_location;
    stats.bad_dates = bad_dates;
    stats.docs_with_boilerplate = corpus.docs.iter().filter(|d| d.boilerplate > 0).count() as u64;

    let name = |s: u32| sources[s as usize].name.clone();
    let (corpus, dup_skipped, order) = timed(&mut stats, "order", || {
        into_id_order_traced(corpus, params, &name)
    });
    dup_skipped.into_iter().for_each(|s| skipped.push(s));
    let spin_aside = spin_rows.map(|rows| {
        stats.signature_bytes_aside += rows.bytes_aside();
        SpinAside { rows, order }
    });
    let signing = Signing {
        corpus,
        boilerplate: boiler,
        skipped,
        stats,
    };
    (signing, spin_aside)
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
    stats.lsh = Some(params.lsh());
    let pairs = timed(stats, "lsh", || all_candidate_pairs(corpus, params));
    let edges = verify_candidates(&pairs, corpus, read, boilerplate, params, stats, None);
    drop(pairs);
    cluster_verified(corpus, edges, read, boilerplate, params, stats, progress)
}

/// What the signing pass produced, in input order.
pub struct Signed {
    /// The signed documents, in input order.
    pub corpus: SignedCorpus,
    /// The records not signed, and why.
    pub skipped: SkipLog,
    /// Records whose id came from file and line.
    pub ids_from_location: u64,
    /// Records whose date field could not be parsed.
    pub bad_dates: u64,
    /// Bytes read (decompressed).
    pub bytes: u64,
    /// The spin signatures, when they were put aside as they were made
    /// (the corpus then has none).
    pub spin_rows: Option<RowsAside>,
}

/// Reads and signs every record of `sources` with the boilerplate set
/// `boiler` (up to the first skipped one when the log says to stop there).
/// The documents stay in input order. With `spin_aside`, the spin
/// signatures go to a temporary file as they are made ([`Signed::spin_rows`],
/// in the documents' order; the corpus then holds none), for a caller that
/// reads them once, in order ([`crate::spill`]).
pub fn sign_corpus(
    sources: &[Source],
    params: &Params,
    boiler: &Boilerplate,
    skipped: SkipLog,
    progress: &dyn Progress,
    spin_aside: bool,
) -> Signed {
    let sink = spin_aside.then(|| params.spin.as_ref().map(|sp| RowSink::new(sp.num_perm)));
    sign_into(sources, params, boiler, skipped, progress, sink.flatten())
}

/// [`sign_corpus`], the spin signatures pushed to `spin_sink` when given.
fn sign_into(
    sources: &[Source],
    params: &Params,
    boiler: &Boilerplate,
    skipped: SkipLog,
    progress: &dyn Progress,
    mut spin_sink: Option<RowSink>,
) -> Signed {
    let signer = Signer::new(params, boiler);
    let opts = ScanOptions {
        fields: params.fields.clone(),
        max_record_bytes: params.max_record_bytes,
        ..Default::default()
    };
    let mut out = Signed {
        corpus: SignedCorpus::default(),
        skipped,
        ids_from_location: 0,
        bad_dates: 0,
        bytes: 0,
        spin_rows: None,
    };
    scan_until(
        sources,
        &opts,
        |rec| {
            let rec = rec?;
            match sign_record(&rec, &signer) {
                Ok(d) => Ok((d, rec.id_from_location, rec.bad_date)),
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
                    Ok((mut doc, from_loc, bad_date)) => {
                        if let Some(sink) = spin_sink.as_mut() {
                            sink.push(&doc.spin_signature);
                            doc.spin_signature.clear();
                        }
                        out.corpus.push(doc);
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
    out.spin_rows = spin_sink.map(RowSink::finish);
    out
}
