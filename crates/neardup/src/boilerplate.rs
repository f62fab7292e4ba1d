//! Finding boilerplate: shingles with a high document frequency in a sample.
//!
//! The sample ([`crate::corpus::sample`] says which records and how many)
//! holds about `df_sample_bytes` of text, chosen by a hash of each record's
//! text, so it is the same for any input order, thread count, compression
//! and input format (the total text is known only at the end: the cut-off
//! follows a projection kept on the generous side and is applied exactly at
//! the end). Every record is parsed; only the sampled ones are shingled, so
//! this pass costs a parse of the input plus the signing of the sample.
//!
//! A shingle is boilerplate when
//!
//! * it occurs in at least `site_min_df` sampled pages **of one site** (the
//!   host of the `url` field), and in at least `site_min_share` of that
//!   site's sampled pages: a site's header, footer and newsletter prompt,
//!   which it repeats across its pages (a passage on 2 of a site's 700
//!   pages is two versions of one page). A wire story syndicated to many sites appears once per site, so
//!   it is never mistaken for chrome, however widely it is republished. This
//!   is passim's idea of judging reuse within one "series"; or
//! * it occurs in at least `max(min_df_count, max_df × sample size)` sampled
//!   documents overall (passim's maxDF): chrome shared across sites, such as
//!   a cookie banner, and inputs without a site field.

use crate::collections::spread_sort::{group_by_slot, spread_sort};
use crate::corpus::sample::{cut_for, record_hash, SiteLowest, SiteTopUp, TopUpDepths};
use crate::corpus::{
    fetch_texts, scan, site_hash, Location, ReadBack, ScanOptions, Source, SourceTexts,
};
use crate::frames::{frame_chrome, frame_key, FrameChrome, FramePage};
use crate::params::Params;
use crate::shared_text::{shared_text_shingles, Page};
use crate::shingle::{count_distinct, distinct, Boilerplate, HashMap64, HashSet64};
use crate::signing::{shingle_text, with_scratch};
use crate::text::for_each_token;
use crate::wire::dateline_start;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};

/// What the sample found.
#[non_exhaustive]
pub struct BoilerplateSample {
    /// The boilerplate shingles.
    pub set: Boilerplate,
    /// Documents in the sample (under its cut-off).
    pub sample_docs: usize,
    /// Pages small sites and the frames of pages without a site added to
    /// it ([`crate::corpus::sample`]), counted by the site and frame rules
    /// only.
    pub site_sample_docs: usize,
    /// Sampled pages whose frame's chrome was learned ([`crate::frames`]).
    pub frame_pages: usize,
    /// Entries of `set` that are frames' chrome and marks, not shingles.
    pub frame_entries: usize,
    /// The document frequency at and above which a shingle is boilerplate.
    pub min_df: usize,
}

impl BoilerplateSample {
    /// Boilerplate shingles found (the set also holds the frames' entries,
    /// which are not shingles).
    pub fn shingles(&self) -> usize {
        self.set.len() - self.frame_entries
    }
}

/// Buckets by the top bits of a shingle hash (256): each bucket is sorted
/// and counted on its own, in cache, and the buckets in parallel.
const BUCKET_BITS: u32 = 8;

/// The shingles whose run of `(shingle, site)` entries over all documents
/// (sorted by site) `keep` classifies (None: not kept), with what it said.
/// Document frequencies are counted by sorting: runs of equal hashes are
/// their df. The entries are first split by the hash's top bits, so each
/// sort is small; a single sort of millions of entries, or a hash map over
/// them, costs several times more.
fn frequent_shingles<T: Send>(
    docs: &[(&[u64], u64)],
    keep: impl Fn(&[(u64, u64)]) -> Option<T> + Sync,
) -> Vec<(u64, T)> {
    let buckets = 1usize << BUCKET_BITS;
    let bucket = |h: u64| (h >> (64 - BUCKET_BITS)) as usize;
    // Per chunk of documents, its entries grouped by bucket (a counting pass
    // sizes them exactly: growing 256 vectors per chunk cost more than the sorts).
    let parts: Vec<BucketedChunk> = docs
        .par_chunks(64)
        .map(|chunk| {
            let entries = chunk
                .iter()
                .flat_map(|(set, site)| set.iter().map(move |&h| (h, *site)));
            group_by_slot(entries, buckets, |e| bucket(e.0))
        })
        .collect();
    (0..buckets)
        .into_par_iter()
        .flat_map_iter(|b| {
            // All entries of a bucket share its top bits: spread by the next ones.
            let entries = spread_sort(
                parts
                    .iter()
                    .map(|(flat, starts)| &flat[starts[b] as usize..starts[b + 1] as usize]),
                |e| e.0,
                64 - BUCKET_BITS - SPREAD_BITS,
                SPREAD_BITS,
            );
            entries
                .chunk_by(|x, y| x.0 == y.0)
                .filter_map(|run| keep(run).map(|t| (run[0].0, t)))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// One chunk's `(shingle, site)` entries ordered by bucket, and where each
/// bucket starts (bucket `b` is `entries[starts[b]..starts[b + 1]]`).
type BucketedChunk = (Vec<(u64, u64)>, Vec<u32>);

/// Bits below the bucket bits that spread a bucket for sorting.
const SPREAD_BITS: u32 = 12;

/// Reads the corpus and returns its boilerplate shingles.
///
/// The sample is the records whose text hashes at or below the cut-off for
/// the corpus's total text ([`crate::corpus::sample`]), which is known only
/// at the end. Every record is parsed (its text is what is hashed) but only
/// those under the current cut-off are shingled. The cut-off starts from a
/// guess (text is at least half of the files' bytes) and follows a running
/// projection of the total text, kept a little low so that it samples a few
/// records too many, never too few; the exact cut-off is applied at the end.
/// Small sites then add their lowest-ranked pages ([`SiteLowest::top_up`]),
/// which are known only at the end too: they are read back by location, a
/// batch of sites at a time, and counted by the site rule batch by batch.
/// Should the projection have proved too low (the text came out thinner
/// than projected), a second pass takes the pages under the exact cut-off,
/// so the sample never depends on where the reads fell.
pub fn sample_boilerplate(
    sources: &[Source],
    params: &Params,
    mut progress: impl FnMut(u64),
) -> BoilerplateSample {
    let budget = params.df_sample_bytes;
    let file_bytes: u64 = sources.iter().map(|s| s.size).sum();
    let first = cut_for(file_bytes / 2, budget);
    let follow = Some(file_bytes);
    let pass = sample_pass(sources, params, first, follow, &mut progress);
    let exact = cut_for(pass.text_total, budget);
    let top_up = pass.sites.top_up(
        exact,
        site_sample_budget(pass.text_total, params),
        params.site_min_pages(),
    );
    let mut docs = pass.docs;
    if exact > pass.lowest_cut {
        // Records between the lowest cut-off used and the exact one were
        // passed over: take the sample again, at the exact cut-off.
        docs = select_pass(sources, params, |_, hash| hash <= exact);
    } else {
        docs.retain(|d| d.hash <= exact);
    }
    let added = pass.sites.taken(&top_up);
    // A batch of the top-up holds no more text than the sample, or than
    // one pass over a compressed input reads back.
    let batch_bytes = budget.max(SourceTexts::new(sources, &params.fields).batch_bytes());
    let fetch = |batch: &[Added<OnSite>]| {
        read_back_top_up(sources, params, batch).unwrap_or_else(|| {
            // A page did not read back as it was read: read its groups' pages again.
            let groups: HashSet<u64> = batch.iter().map(|a| a.0).collect();
            select_pass(sources, params, |group, hash| {
                groups.contains(&group) && top_up.takes(group, hash)
            })
        })
    };
    boilerplate_of(docs, &top_up, &added, batch_bytes, fetch, params)
}

/// A page a site or a frame adds to the sample: `(group, sample hash,
/// text bytes, where it is)` ([`sample_keys`]).
type Added<P> = (u64, u64, u64, P);

/// Where a record of a file is, and its site's hash (0: none; its group
/// is then its frame key).
type OnSite = (Location, u64);

/// The text bytes the sites' top-up may add for a corpus of `total_text`
/// bytes: `site_sample_bytes`, or `site_sample_share` of the text when
/// that is more (the small sites' pages grow with the corpus).
pub fn site_sample_budget(total_text: u64, params: &Params) -> u64 {
    let share = (params.site_sample_share * total_text as f64) as u64;
    params.site_sample_bytes.max(share)
}

/// The pages of a batch of the top-up, read back by location (a few
/// records, not a pass over the input), or None when one did not come
/// back as it was read (the input changed): then the caller reads the
/// input again.
fn read_back_top_up(
    sources: &[Source],
    params: &Params,
    batch: &[Added<OnSite>],
) -> Option<Vec<SampledDoc>> {
    let locations: Vec<Location> = batch.iter().map(|a| a.3 .0).collect();
    let texts = fetch_texts(sources, &params.fields, &locations);
    batch
        .par_iter()
        .map(|&(_, hash, _, (at, site))| {
            let text = texts.get(&(at.source, at.offset))?;
            (record_hash(text.as_bytes(), params.seed) == hash)
                .then(|| SampledDoc::new(text, site, hash, params))
        })
        .collect()
}

/// A sampled document: its distinct shingles (in text order), where a
/// wire story's dateline opens among them, site hash, sample hash and
/// frame key ([`crate::frames::frame_key`]).
struct SampledDoc {
    set: Vec<u64>,
    opening: Option<u32>,
    site: u64,
    hash: u64,
    frame: u64,
}

impl SampledDoc {
    /// `text` shingled for the sample.
    fn new(text: &str, site: u64, hash: u64, params: &Params) -> Self {
        let (set, opening) = distinct_shingles(text, params);
        SampledDoc {
            set,
            opening,
            site,
            hash,
            frame: frame_key(text),
        }
    }

    /// The page as the shared-text rule reads it.
    fn page(&self) -> Page<'_> {
        Page {
            shingles: &self.set,
            opening: self.opening,
        }
    }
}

/// What the first pass of [`sample_boilerplate`] found.
struct FirstPass {
    /// The documents taken (some above the exact cut-off).
    docs: Vec<SampledDoc>,
    /// The lowest cut-off used.
    lowest_cut: u64,
    /// The corpus's total text bytes.
    text_total: u64,
    /// Each group's lowest-hashed pages, where they are and their sites.
    sites: SiteLowest<OnSite>,
}

/// One pass of [`sample_boilerplate`] from the cut-off `start`, lowered as
/// the text is counted when `follow` gives the sources' bytes.
fn sample_pass(
    sources: &[Source],
    params: &Params,
    start: u64,
    follow: Option<u64>,
    progress: &mut dyn FnMut(u64),
) -> FirstPass {
    let budget = params.df_sample_bytes;
    let cut = AtomicU64::new(start);
    let mut docs: Vec<SampledDoc> = Vec::new();
    let mut sites = SiteLowest::new(params.site_sample_pages);
    let (mut text, mut read) = (0u64, 0u64);
    scan_keyed(
        sources,
        params,
        |text, keys, at| {
            let doc = (keys.hash <= cut.load(Ordering::Relaxed))
                .then(|| SampledDoc::new(text, keys.site, keys.hash, params));
            (text.len() as u64, keys, at, doc)
        },
        |batch, bytes| {
            read += bytes;
            let now = cut.load(Ordering::Relaxed);
            for (len, keys, at, doc) in batch.into_iter().flatten() {
                text += len;
                sites.add(keys.group, keys.hash, len, (at, keys.site));
                if let Some(doc) = doc.filter(|_| keys.hash <= now) {
                    docs.push(doc);
                }
            }
            if let Some(file_bytes) = follow {
                // The total text is what was counted plus about the text
                // per byte so far times the bytes left (80% of that: the
                // density varies along a file; a compressed file's bytes
                // left are unknown and taken as none).
                let density = text as f64 / read.max(1) as f64;
                let left = file_bytes.saturating_sub(read) as f64;
                let projected = text + (density * left * 0.8) as u64;
                cut.fetch_min(cut_for(projected, budget), Ordering::Relaxed);
            }
            progress(bytes);
        },
    );
    FirstPass {
        docs,
        lowest_cut: cut.into_inner(),
        text_total: text,
        sites,
    }
}

/// Reads the corpus again and shingles the records `take(group, hash)`
/// chooses ([`sample_keys`]).
fn select_pass(
    sources: &[Source],
    params: &Params,
    take: impl Fn(u64, u64) -> bool + Sync,
) -> Vec<SampledDoc> {
    let mut docs = Vec::new();
    scan_keyed(
        sources,
        params,
        |text, k, _| take(k.group, k.hash).then(|| SampledDoc::new(text, k.site, k.hash, params)),
        |batch, _| docs.extend(batch.into_iter().flatten().flatten()),
    );
    docs
}

/// A record's keys for the sample: its site's hash (0: none), and
/// [`sample_keys`]' group and hash.
#[derive(Clone, Copy)]
struct PageKeys {
    site: u64,
    group: u64,
    hash: u64,
}

impl PageKeys {
    /// The keys of a record with this text and url or site.
    fn of(text: &str, site: Option<&str>, params: &Params) -> Self {
        let site = site_hash(site);
        PageKeys {
            site,
            group: top_up_group(text, site),
            hash: record_hash(text.as_bytes(), params.seed),
        }
    }
}

/// Scans the records that parse, handing `each` a record's text, its
/// [`PageKeys`] and its location; `sink` gets each batch's results
/// (None for a record skipped) and the bytes read.
fn scan_keyed<T: Send>(
    sources: &[Source],
    params: &Params,
    each: impl Fn(&str, PageKeys, Location) -> T + Sync,
    sink: impl FnMut(Vec<Option<T>>, u64),
) {
    let opts = ScanOptions {
        fields: params.fields.clone(),
        ..Default::default()
    };
    scan(
        sources,
        &opts,
        |rec| {
            let rec = rec.ok()?;
            let keys = PageKeys::of(&rec.text, rec.site.as_deref(), params);
            Some(each(&rec.text, keys, rec.location))
        },
        sink,
    );
}

/// The boilerplate of documents held in memory, as `(text, url or site)`,
/// for programs that hand texts over rather than files (the Python
/// package, an [`crate::Index`] built from a batch). The sample holds every
/// document while their texts total at most `df_sample_bytes`, as the
/// file path does; beyond that, the documents whose text hashes below the
/// cut-off for the total text size: the same documents as
/// [`sample_boilerplate`] takes from a file holding them, in any format.
pub fn sample_boilerplate_texts(
    docs: &[(&str, Option<&str>)],
    params: &Params,
) -> BoilerplateSample {
    let total: u64 = docs.iter().map(|(t, _)| t.len() as u64).sum();
    sample_boilerplate_of_part(docs, total, None, params)
}

/// [`sample_boilerplate_texts`] for a corpus held in parts (a Spark job's
/// partitions): `docs` are the sampled documents of a corpus whose texts
/// total `total_text` bytes: those under the cut-off ([`in_sample`]) and
/// those the sites add ([`sample_keys`] ranked within each site, to the
/// depths `top_up` gives: [`crate::corpus::sample::top_up_plan`] and
/// [`crate::corpus::sample::top_up_partial`] over all the corpus's ranks).
/// They give the boilerplate the whole corpus would. Only those rows cross
/// to the one that learns the set (`examples/spark_dedup.py`). Given all of
/// a corpus's documents and no `top_up`, it finds the depths itself: it is
/// [`sample_boilerplate_texts`].
pub fn sample_boilerplate_of_part(
    docs: &[(&str, Option<&str>)],
    total_text: u64,
    top_up: Option<TopUpDepths>,
    params: &Params,
) -> BoilerplateSample {
    let cut = sample_cut(total_text, params);
    let keys: Vec<PageKeys> = docs
        .par_iter()
        .map(|(t, site)| PageKeys::of(t, *site, params))
        .collect();
    let pages = top_up.map_or(params.site_sample_pages, |d| {
        d.max().max(params.site_sample_pages)
    });
    let mut sites = SiteLowest::new(pages);
    for (i, ((t, _), k)) in docs.iter().zip(&keys).enumerate() {
        sites.add(k.group, k.hash, t.len() as u64, i);
    }
    let min_pages = params.site_min_pages();
    let top_up = match top_up {
        Some(depths) => sites.top_up_to(cut, depths, min_pages),
        None => sites.top_up(cut, site_sample_budget(total_text, params), min_pages),
    };
    let doc = |i: usize| SampledDoc::new(docs[i].0, keys[i].site, keys[i].hash, params);
    let main: Vec<SampledDoc> = (0..docs.len())
        .into_par_iter()
        .filter(|&i| keys[i].hash <= cut)
        .map(doc)
        .collect();
    let added = sites.taken(&top_up);
    let fetch = |batch: &[Added<usize>]| batch.par_iter().map(|a| doc(a.3)).collect();
    boilerplate_of(main, &top_up, &added, params.df_sample_bytes, fetch, params)
}

/// A record's keys for the sample: the group it tops the sample up with
/// (its site's hash, or for a page without a site its frame key,
/// [`frame_key`]; 0: neither) and its text's sample hash. A corpus held in
/// parts (a Spark job) ranks each group's pages by the hash (SQL's
/// `rank()`) to find the top-up ([`crate::corpus::sample`]): the pages
/// above [`sample_cut`] of the groups with at least `site_min_df` pages,
/// ranked within the depths [`crate::corpus::sample::top_up_plan`] and
/// [`crate::corpus::sample::top_up_partial`] give for the text each rank
/// (and each group at the next level) adds.
pub fn sample_keys(text: &str, site: Option<&str>, params: &Params) -> (u64, u64) {
    let keys = PageKeys::of(text, site, params);
    (keys.group, keys.hash)
}

/// The group a page tops the sample up with: its site (`site`, a site
/// hash), or, without one, its frame key ([`frame_key`]: the pages of one
/// small site that lost their urls open and close alike, and the frame
/// rule needs two of them in the sample). 0 for a short page without a
/// site, which tops up nothing.
fn top_up_group(text: &str, site: u64) -> u64 {
    if site != 0 {
        site
    } else {
        frame_key(text)
    }
}

/// The sample's hash cut-off for a corpus of `total_text` bytes of text.
pub fn sample_cut(total_text: u64, params: &Params) -> u64 {
    cut_for(total_text, params.df_sample_bytes)
}

/// True when a document with this text is under the boilerplate sample's
/// cut-off for a corpus holding `total_text` bytes of text (the sample
/// also takes the sites' top-up, which needs every site's ranks:
/// [`sample_keys`]).
pub fn in_sample(text: &str, total_text: u64, params: &Params) -> bool {
    record_hash(text.as_bytes(), params.seed) <= sample_cut(total_text, params)
}

/// The distinct shingles of a text, as signing makes them, and the index
/// among them of the first shingle of its wire dateline, if it has one.
fn distinct_shingles(text: &str, params: &Params) -> (Vec<u64>, Option<u32>) {
    // The shingle at token i opens at the dateline; what precedes it is a
    // headline and a header, a few hundred bytes at most.
    let opening_token = dateline_start(text).map(|at| {
        let mut n = 0usize;
        for_each_token(&text[..at], params.seed, &mut Vec::new(), |_| n += 1);
        n
    });
    with_scratch(|s| {
        shingle_text(text, params, s);
        let (shingles, table) = s.shingles_and_table();
        let opening = opening_token
            .filter(|&i| i < shingles.len())
            .map(|i| count_distinct(&shingles[..i], table) as u32);
        (distinct(shingles, table), opening)
    })
}

/// The boilerplate rule (module docs) over the sample: `main`, the pages
/// under the cut-off, and `added`, the pages the sites add (sorted by
/// site), which `fetch` shingles a batch of about `batch_bytes` of text at
/// a time. The corpus-wide rule counts the pages under the cut-off only;
/// the site rule all of a site's sampled pages. The site rule is counted
/// site by site, so a batch of sites is shingled, counted and dropped: the
/// top-up bounds the time the sample takes, not its memory.
fn boilerplate_of<P: Copy + Sync>(
    mut main: Vec<SampledDoc>,
    top_up: &SiteTopUp,
    added: &[Added<P>],
    batch_bytes: u64,
    mut fetch: impl FnMut(&[Added<P>]) -> Vec<SampledDoc>,
    params: &Params,
) -> BoilerplateSample {
    main.sort_unstable_by_key(|d| (d.site, d.hash));
    let sample_docs = main.len();
    let min_df = params
        .min_df_count
        .max((params.max_df * sample_docs as f64).ceil() as usize)
        .max(2);
    let site_min_df = params.site_min_pages();
    // Each site's bar: the count, or the share of the site's sampled pages.
    let mut site_bar: HashMap<u64, usize> = HashMap::new();
    let sites = main.iter().map(|d| d.site).chain(added.iter().map(|a| a.0));
    for site in sites.filter(|&s| s != 0) {
        *site_bar.entry(site).or_default() += 1;
    }
    for (&site, bar) in site_bar.iter_mut() {
        let sampled = *bar;
        *bar = site_min_df.max((params.site_min_share * sampled as f64).ceil() as usize);
        // Two of 40 sampled pages of a site of 100 may be one page in two
        // versions, not chrome: a site that may have pages outside the
        // sample needs a third (the sites' top-up fills mid-size sites to
        // exactly its depth, where the share alone asks for 2).
        if top_up.may_have_more(site, sampled) {
            *bar = (*bar).max(site_min_df + 1);
        }
    }
    // Runs of `(shingle, site)` entries are sorted by site: a site's pages
    // are one chunk.
    let site_chrome = |site: &[(u64, u64)], counted: &dyn Fn(u64) -> bool| {
        // The count first: most runs are one page, and need no lookup.
        let s = site[0].1;
        s != 0 && site.len() >= site_min_df && counted(s) && site.len() >= site_bar[&s]
    };
    // The pages under the cut-off: the corpus-wide rule, and the site rule
    // of the sites that add nothing.
    let entries: Vec<(&[u64], u64)> = main.iter().map(|d| (&d.set[..], d.site)).collect();
    let not_added = |s: u64| !top_up.adds(s);
    // Each frequent shingle, with its df when the corpus-wide count takes
    // it and whether the site rule does.
    let frequent = frequent_shingles(&entries, |run| {
        let corpus_wide = (run.len() >= min_df).then_some(run.len() as u32);
        let site = run
            .chunk_by(|a, b| a.1 == b.1)
            .any(|s| site_chrome(s, &not_added));
        (corpus_wide.is_some() || site).then_some((corpus_wide, site))
    });
    drop(entries);
    // A text most of its pages are made of is not chrome (crate::shared_text).
    let corpus_wide: HashMap64<u32> = frequent
        .iter()
        .filter_map(|&(h, (df, _))| df.map(|df| (h, df)))
        .collect();
    let pages: Vec<Page> = main.iter().map(SampledDoc::page).collect();
    let shared = shared_text_shingles(&pages, &corpus_wide);
    drop((corpus_wide, pages));
    let mut found: Vec<u64> = frequent
        .into_iter()
        .filter(|&(h, (_, site))| site || !shared.contains(&h))
        .map(|(h, _)| h)
        .collect();
    // Frames are learned against what the rules found under the cut-off
    // (one set for every frame, so the batches' order does not matter);
    // a frame that adds pages is counted with them, below.
    let known: HashSet64 = found.iter().copied().collect();
    let adds_frame = |d: &SampledDoc| d.frame != 0 && top_up.adds(d.frame);
    let frames = frames_of(main.iter().filter(|d| !adds_frame(d)), &known, params);
    let (mut frame_pages, mut frame_entries) = (frames.pages, frames.entries.len());
    found.extend(frames.entries);
    let mut main_by_frame: HashMap<u64, Vec<&SampledDoc>> = HashMap::new();
    for d in main.iter().filter(|d| adds_frame(d)) {
        main_by_frame.entry(d.frame).or_default().push(d);
    }
    // The sites that add pages, a batch at a time, with their pages under
    // the cut-off.
    let mut rest = added;
    while !rest.is_empty() {
        let mut bytes = 0;
        let mut end = 0;
        while end < rest.len()
            && (end == 0 || bytes < batch_bytes || rest[end].0 == rest[end - 1].0)
        {
            bytes += rest[end].2;
            end += 1;
        }
        let (batch, after) = rest.split_at(end);
        rest = after;
        let fetched = fetch(batch);
        let mut entries: Vec<(&[u64], u64)> =
            fetched.iter().map(|d| (&d.set[..], d.site)).collect();
        for site in batch.chunk_by(|a, b| a.0 == b.0).map(|s| s[0].0) {
            let from = main.partition_point(|d| d.site < site);
            let to = main.partition_point(|d| d.site <= site);
            entries.extend(main[from..to].iter().map(|d| (&d.set[..], d.site)));
        }
        let site = frequent_shingles(&entries, |run| {
            run.chunk_by(|a, b| a.1 == b.1)
                .any(|s| site_chrome(s, &|_| true))
                .then_some(())
        });
        found.extend(site.into_iter().map(|(h, ())| h));
        // The frames that add pages: theirs without a site (a page the
        // top-up added under its frame key), with the group's pages under
        // the cut-off.
        let in_frames = fetched.iter().filter(|d| d.site == 0);
        let under_cut = batch
            .chunk_by(|a, b| a.0 == b.0)
            .filter_map(|g| main_by_frame.get(&g[0].0))
            .flatten()
            .copied();
        let frames = frames_of(in_frames.chain(under_cut), &known, params);
        frame_pages += frames.pages;
        frame_entries += frames.entries.len();
        found.extend(frames.entries);
    }
    BoilerplateSample {
        set: Boilerplate::new(found),
        sample_docs,
        site_sample_docs: added.len(),
        frame_pages,
        frame_entries,
        min_df,
    }
}

/// The frames of sampled `pages` ([`crate::frames`]), with the shingles
/// the other rules found `known`: chrome of pages without a site, left
/// out on their own pages only.
fn frames_of<'a>(
    pages: impl Iterator<Item = &'a SampledDoc>,
    known: &HashSet64,
    params: &Params,
) -> FrameChrome {
    let pages: Vec<FramePage> = pages
        .map(|d| FramePage {
            shingles: &d.set,
            key: d.frame,
            has_site: d.site != 0,
        })
        .collect();
    frame_chrome(
        &pages,
        params.site_min_pages(),
        params.site_min_share,
        params.min_kept_shingles,
        |h| known.contains(&h),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{expand_inputs, site_key, InputFormat};
    use crate::frames::frame_mark;
    use crate::signing::Scratch;

    /// A text's shingles as signing makes them.
    fn shingles_of(text: &str, params: &Params) -> Vec<u64> {
        let mut s = Scratch::default();
        shingle_text(text, params, &mut s);
        s.shingles().to_vec()
    }

    /// How many of `text`'s shingles are in the set `found`, of how many.
    fn in_set(found: &BoilerplateSample, text: &str, params: &Params) -> (usize, usize) {
        let all = shingles_of(text, params);
        (
            all.iter().filter(|&&h| found.set.contains(h)).count(),
            all.len(),
        )
    }

    fn words(seed: usize, n: usize) -> String {
        (0..n)
            .map(|i| format!("w{}x{}", (seed * 7919 + i * 104_729) % 100_003, i % 7))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn site_chrome_is_boilerplate_and_syndication_is_not() {
        let footer = words(1, 40);
        let story = words(2, 200);
        let mut lines = Vec::new();
        for i in 0..6 {
            // six different articles on one site, all with its footer
            let text = format!("{} {footer}", words(100 + i, 150));
            lines.push(serde_json::json!({"id": format!("a{i}"), "url": format!("https://www.a.example/{i}"), "text": text}));
            // the same wire story on six different sites
            lines.push(serde_json::json!({"id": format!("s{i}"), "url": format!("https://site{i}.example/x"), "text": story}));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl");
        let body: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        std::fs::write(&path, body.join("\n")).unwrap();
        let (sources, _) = expand_inputs(&[path], InputFormat::Auto);
        let params = Params::default();
        let found = sample_boilerplate(&sources, &params, |_| {});
        let shingles = |t: &str| shingles_of(t, &params);
        assert_eq!(found.sample_docs, 12);
        assert!(
            shingles(&footer).iter().all(|&h| found.set.contains(h)),
            "the site's footer"
        );
        assert!(
            shingles(&story).iter().all(|&h| !found.set.contains(h)),
            "the syndicated story"
        );
        // The same records handed over in memory find the same set.
        let texts: Vec<(String, String)> = lines
            .iter()
            .map(|l| {
                (
                    l["text"].as_str().unwrap().to_string(),
                    l["url"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let texts: Vec<(&str, Option<&str>)> = texts
            .iter()
            .map(|(t, u)| (t.as_str(), Some(u.as_str())))
            .collect();
        let in_memory = sample_boilerplate_texts(&texts, &params);
        assert_eq!(in_memory.sample_docs, 12);
        assert_eq!(in_memory.set.len(), found.set.len());
        assert!(shingles(&footer).iter().all(|&h| in_memory.set.contains(h)));
        // Without sites only the corpus-wide rule applies, and six pages
        // are under its floor (`min_df_count`): neither is erased.
        let no_sites: Vec<(&str, Option<&str>)> = texts.iter().map(|(t, _)| (*t, None)).collect();
        let bare = sample_boilerplate_texts(&no_sites, &params);
        assert_eq!(bare.set.len(), 0);
        assert_eq!(site_key("https://www.a.example/x?y"), "a.example");
        assert_eq!(site_key("Harbor Daily"), "Harbor Daily");
        // One site under its names: case, www., a port, a user.
        for url in [
            "http://A.Example",
            "https://WWW.a.example:8443/p#f",
            "https://user:pw@www.a.example/",
        ] {
            assert_eq!(site_key(url), "a.example", "{url}");
        }
        assert_eq!(
            site_key("https://www.example/"),
            "www.example",
            "www. is the name"
        );
        assert_eq!(site_key("http://[::1]:80/x"), "[::1]");
        assert_eq!(site_key("https://cdn.a.example/"), "cdn.a.example");
        assert_eq!(site_key("https://ww中.example/"), "ww中.example");
    }

    /// Pages `range` of `site`: (text, url).
    fn site_pages(
        site: &str,
        range: std::ops::Range<usize>,
        text: impl Fn(usize) -> String,
    ) -> Vec<(String, String)> {
        range
            .map(|i| (text(i), format!("https://{site}/{i}")))
            .collect()
    }

    fn as_refs(texts: &[(String, String)]) -> Vec<(&str, Option<&str>)> {
        texts
            .iter()
            .map(|(t, u)| (t.as_str(), Some(u.as_str())))
            .collect()
    }

    #[test]
    fn pages_without_a_url_lose_their_own_frame_and_no_one_elses() {
        let params = Params::default();
        let (head, foot) = (words(11, 80), words(12, 200));
        let story = |i: usize| words(300 + i, 60);
        let framed = |i: usize| format!("{head} {} {foot}", story(i));
        // Two pages of one small site, no url, with different stories; the
        // first story also runs on its own; a page that quotes the header
        // text inside other text; unrelated pages.
        let mut texts: Vec<String> = vec![framed(0), framed(1), story(0)];
        let quoting = format!("{} {head} {}", words(40, 100), words(41, 100));
        texts.push(quoting.clone());
        texts.extend((0..6).map(|i| words(500 + i, 150)));
        let refs: Vec<(&str, Option<&str>)> = texts.iter().map(|t| (t.as_str(), None)).collect();
        let found = sample_boilerplate_texts(&refs, &params);
        assert_eq!(found.frame_pages, 2);
        assert_eq!(found.shingles(), 0, "the frame is not counted as shingles");
        let signer = crate::signing::Signer::new(&params, &found.set);
        let signed = |t: &str| {
            let mut s = Scratch::default();
            signer.signed_shingles(t, &mut s).to_vec()
        };
        let page = signed(&framed(0));
        let frame: Vec<u64> = shingles_of(&head, &params)
            .into_iter()
            .chain(shingles_of(&foot, &params))
            .collect();
        assert!(
            frame.iter().all(|h| !page.contains(h)),
            "its frame is left out"
        );
        assert!(
            shingles_of(&story(0), &params)
                .iter()
                .all(|h| page.contains(h)),
            "its story is kept"
        );
        assert_eq!(signed(&story(0)), shingles_of(&story(0), &params));
        assert_eq!(
            signed(&quoting),
            shingles_of(&quoting, &params),
            "another page keeps the same words"
        );
        // With a url on each page the site rule learns it, and no frame.
        let with_urls: Vec<(&str, Option<&str>)> = texts
            .iter()
            .map(|t| (t.as_str(), Some("https://linton.example/p")))
            .collect();
        assert_eq!(sample_boilerplate_texts(&with_urls, &params).frame_pages, 0);
    }

    #[test]
    fn a_sites_chrome_is_learned_across_its_host_names() {
        let params = Params::default();
        let chrome = words(7, 80);
        let mut texts = vec![
            (
                format!("{chrome} {}", words(70, 150)),
                "https://www.tiny.example/a".to_string(),
            ),
            (
                format!("{chrome} {}", words(71, 150)),
                "http://TINY.example:8080/b".to_string(),
            ),
        ];
        for i in 0..6 {
            texts.push((words(80 + i, 150), format!("https://other{i}.example/x")));
        }
        let found = sample_boilerplate_texts(&as_refs(&texts), &params);
        let (n, all) = in_set(&found, &chrome, &params);
        assert_eq!(n, all, "two pages of one site, under two names");
        assert_eq!(in_set(&found, &words(70, 150), &params).0, 0);
    }

    #[test]
    fn two_versions_of_a_page_on_a_large_site_are_not_its_chrome() {
        let params = Params::default();
        let chrome = words(1, 60);
        let page = words(2, 300);
        let mut texts = site_pages("docs.example", 0..60, |i| {
            format!("{} {chrome}", words(100 + i, 200))
        });
        // One page in two versions: the second with a paragraph added.
        texts.push((
            format!("{page} {chrome}"),
            "https://docs.example/v1/p".into(),
        ));
        texts.push((
            format!("{page} {} {chrome}", words(3, 80)),
            "https://docs.example/v2/p".into(),
        ));
        let refs = as_refs(&texts);
        let found = sample_boilerplate_texts(&refs, &params);
        let (n, all) = in_set(&found, &chrome, &params);
        assert_eq!(n, all, "on every page: chrome");
        assert_eq!(
            in_set(&found, &page, &params).0,
            0,
            "on 2 of 62 pages: a page's text"
        );
        // Counted by pages alone (the share rule off), the page was chrome.
        let by_count = Params {
            site_min_share: 0.0,
            ..Params::default()
        };
        let found = sample_boilerplate_texts(&refs, &by_count);
        let (n, all) = in_set(&found, &page, &params);
        assert_eq!(n, all);
    }

    #[test]
    fn a_small_sites_chrome_is_learned_above_the_sample_size() {
        let chrome = words(5, 80);
        // Four different stories on a small site, in its chrome; 400 pages
        // of other sites around them, ten times the sample.
        let mut texts = site_pages("tiny.example", 0..4, |i| {
            format!("{chrome} {}", words(50 + i, 120))
        });
        for big in 0..4 {
            let site = format!("big{big}.example");
            texts.extend(site_pages(&site, big * 100..big * 100 + 100, |i| {
                words(1000 + i, 100)
            }));
        }
        let total: usize = texts.iter().map(|(t, _)| t.len()).sum();
        let sampled = |pages: usize| {
            let params = Params {
                df_sample_bytes: total as u64 / 10,
                site_sample_pages: pages,
                ..Params::default()
            };
            let memory = sample_boilerplate_texts(&as_refs(&texts), &params);
            let lines = texts
                .iter()
                .enumerate()
                .map(|(i, (t, u))| serde_json::json!({"id": i, "url": u, "text": t}));
            let file = sample_file(lines, &params);
            assert_eq!(file.set.hashes(), memory.set.hashes(), "file = memory");
            assert_eq!(file.sample_docs, memory.sample_docs);
            assert_eq!(file.site_sample_docs, memory.site_sample_docs);
            let (n, all) = in_set(&file, &chrome, &Params::default());
            (n == all, file.site_sample_docs, file.sample_docs)
        };
        let (found, added, sample) = sampled(40);
        assert!(found, "the small site's chrome");
        assert!(
            added >= 2 && sample < 100,
            "{added} pages added to {sample}"
        );
        // Without the top-up the site has at most one page in the sample.
        let (found, added, _) = sampled(0);
        assert!(!found && added == 0);
    }

    #[test]
    fn a_small_sites_frame_is_learned_above_the_sample_size_without_urls() {
        let (head, foot) = (words(5, 80), words(6, 120));
        let page = |i: usize| format!("{head} {} {foot}", words(50 + i, 120));
        // Four pages of one small site in its frame and 400 other pages,
        // none with a url: ten times the sample.
        let mut texts: Vec<String> = (0..4).map(page).collect();
        texts.extend((0..400).map(|i| words(1000 + i, 100)));
        let total: usize = texts.iter().map(String::len).sum();
        let sampled = |pages: usize| {
            let params = Params {
                df_sample_bytes: total as u64 / 10,
                site_sample_pages: pages,
                ..Params::default()
            };
            let refs: Vec<(&str, Option<&str>)> =
                texts.iter().map(|t| (t.as_str(), None)).collect();
            let memory = sample_boilerplate_texts(&refs, &params);
            let lines = texts
                .iter()
                .enumerate()
                .map(|(i, t)| serde_json::json!({"id": i, "text": t}));
            let file = sample_file(lines, &params);
            assert_eq!(file.set.hashes(), memory.set.hashes(), "file = memory");
            assert_eq!(file.site_sample_docs, memory.site_sample_docs);
            assert_eq!(file.frame_pages, memory.frame_pages);
            (file, params)
        };
        let (found, params) = sampled(40);
        assert!(found.sample_docs < 100, "{} sampled", found.sample_docs);
        assert!(found.site_sample_docs >= 2, "the frame's pages top it up");
        assert!(found.site_sample_docs <= 4, "pages with other ends do not");
        assert!(found.frame_pages >= 2);
        let key = frame_key(&page(0));
        assert!(found.set.contains(frame_mark(key)));
        let frame = shingles_of(&head, &params);
        assert!(frame.iter().all(|&h| found.set.is_chrome(h, key)));
        assert!(
            frame.iter().all(|&h| !found.set.is_chrome(h, 0)),
            "on its own pages only"
        );
        // Without the top-up the frame has at most one page in the sample.
        let (found, _) = sampled(0);
        assert!(found.frame_pages == 0 && !found.set.contains(frame_mark(key)));
    }

    /// The sample of a JSON Lines file of `lines`.
    fn sample_file(
        lines: impl Iterator<Item = serde_json::Value>,
        params: &Params,
    ) -> BoilerplateSample {
        let body: String = lines.map(|l| format!("{l}\n")).collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl");
        std::fs::write(&path, body).unwrap();
        let (sources, _) = expand_inputs(&[path], InputFormat::Auto);
        sample_boilerplate(&sources, params, |_| {})
    }

    #[test]
    fn a_page_carried_twice_by_a_partly_sampled_site_is_not_its_chrome() {
        // Words of one length, so that a passage swapped for another keeps
        // the page's length (its sample hash reads the first 256 bytes and
        // the length).
        let fixed = |seed: usize, n: usize| {
            (0..n)
                .map(|i| format!("p{:06}", (seed * 7919 + i * 104_729) % 1_000_000))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let chrome = fixed(1, 60);
        let page = |i: usize, passage: &str| format!("{} {passage} {chrome}", fixed(100 + i, 60));
        let params = Params {
            df_sample_bytes: 1,
            ..Params::default()
        };
        // A site of 100 pages: its 40 lowest-ranked are the sample.
        let mut pages: Vec<(String, String)> =
            site_pages("mid.example", 0..100, |i| page(i, &fixed(500 + i, 80)));
        let rank_of = |t: &(String, String)| sample_keys(&t.0, Some(&t.1), &params).1;
        let mut order: Vec<usize> = (0..pages.len()).collect();
        order.sort_by_key(|&i| rank_of(&pages[i]));
        // The two lowest-ranked pages become two versions of one page.
        let shared = fixed(9, 80);
        for &i in &order[..2] {
            pages[i].0 = page(i, &shared);
        }
        assert_eq!(
            rank_of(&pages[order[0]]),
            rank_of(&(
                page(order[0], &fixed(500 + order[0], 80)),
                pages[order[0]].1.clone()
            ))
        );
        let found = sample_boilerplate_texts(&as_refs(&pages), &params);
        assert_eq!(found.site_sample_docs, 40);
        let (n, all) = in_set(&found, &chrome, &params);
        assert_eq!(n, all, "on every page: chrome");
        assert_eq!(
            in_set(&found, &shared, &params).0,
            0,
            "on 2 of 40 sampled pages of 100"
        );
        // A site of 39 pages lends them all: there 2 of its pages are its
        // chrome, as when the whole corpus is sampled.
        let small: Vec<(String, String)> = order[..39].iter().map(|&i| pages[i].clone()).collect();
        let found = sample_boilerplate_texts(&as_refs(&small), &params);
        let (n, all) = in_set(&found, &shared, &params);
        assert_eq!((n, found.site_sample_docs), (all, 39));
        let whole = Params {
            df_sample_bytes: u64::MAX,
            ..params.clone()
        };
        let (n, all) = in_set(
            &sample_boilerplate_texts(&as_refs(&small), &whole),
            &shared,
            &params,
        );
        assert_eq!(n, all);
    }

    #[test]
    fn a_top_up_page_that_reads_back_otherwise_is_not_taken_from_the_read_back() {
        let params = Params::default();
        let text = words(9, 50);
        let line = serde_json::json!({"id": "a", "url": "https://tiny.example/a", "text": text});
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl");
        std::fs::write(&path, format!("{line}\n")).unwrap();
        let (sources, _) = expand_inputs(&[path], InputFormat::Auto);
        let (site, hash) = sample_keys(&text, Some("https://tiny.example/a"), &params);
        let at = Location {
            source: 0,
            line: 1,
            offset: 0,
            len: line.to_string().len() as u64,
        };
        let read = |hash: u64| read_back_top_up(&sources, &params, &[(site, hash, 1, (at, site))]);
        let found = read(hash).expect("the record reads back");
        assert_eq!(found.len(), 1);
        assert!(found[0].hash == hash && !found[0].set.is_empty());
        // Recorded with another hash (the input changed since): the caller
        // is told to read the input again.
        assert!(read(hash ^ 1).is_none());
    }

    /// Samples a file of `records` (text, padding) with a sample of
    /// `budget` bytes, and the same texts in memory.
    fn file_and_memory(
        records: &[(String, usize)],
        budget: u64,
    ) -> (BoilerplateSample, BoilerplateSample) {
        let params = Params {
            df_sample_bytes: budget,
            ..Params::default()
        };
        let lines = records.iter().enumerate().map(|(i, (text, pad))| {
            serde_json::json!({"id": format!("d{i}"), "url": format!("https://s{}.example/{i}", i % 3), "pad": "p".repeat(*pad), "text": text})
        });
        let file = sample_file(lines, &params);
        let urls: Vec<String> = (0..records.len())
            .map(|i| format!("https://s{}.example/{i}", i % 3))
            .collect();
        let texts: Vec<(&str, Option<&str>)> = records
            .iter()
            .zip(&urls)
            .map(|((t, _), u)| (t.as_str(), Some(u.as_str())))
            .collect();
        (file, sample_boilerplate_texts(&texts, &params))
    }

    #[test]
    fn a_file_samples_the_texts_memory_samples_above_the_sample_size() {
        let footer = words(7, 30);
        let text = |i: usize| format!("{} {footer}", words(1000 + i, 60 + i % 50));
        let budget = 20_000;
        // Text is most of each line: the projection holds, one pass.
        let plain: Vec<(String, usize)> = (0..300).map(|i| (text(i), 10)).collect();
        // Dense text first, then lines that are mostly padding: the
        // projection from the start samples too few, and the pass is run
        // again at the exact cut-off.
        let thinning: Vec<(String, usize)> = (0..300)
            .map(|i| (text(i), if i < 30 { 0 } else { 20_000 }))
            .collect();
        for records in [plain, thinning] {
            let total: usize = records.iter().map(|(t, _)| t.len()).sum();
            assert!(
                total > 4 * budget as usize,
                "the corpus outgrows the sample"
            );
            let (file, memory) = file_and_memory(&records, budget);
            assert!(file.sample_docs > 10 && file.sample_docs < records.len() / 2);
            assert_eq!(file.sample_docs, memory.sample_docs);
            assert_eq!(file.min_df, memory.min_df);
            assert_eq!(file.set.hashes(), memory.set.hashes());
            assert!(!file.set.is_empty(), "the footer is found");
        }
    }
}
