//! Deterministic synthetic news corpus with ground truth.
//!
//! [`generate`] writes a crawl-like JSON Lines corpus of news articles, a
//! ground-truth TSV saying which documents are near-duplicates of which, and
//! a log of every synonym swap made in spun rewrites. The same
//! [`SynthConfig`] (including its seed) always produces byte-identical
//! output, on every platform: all randomness comes from a built-in
//! xoshiro256** generator ([`rng`]), and no floating-point function beyond
//! `+ - * / sqrt` is used.
//!
//! # What is generated
//!
//! The corpus is built from **events** ([`event::Event`]): a topic, a
//! place, a country, people with roles, organisations, numbers, a date and
//! a few quotes. For each *story* one event is drawn and a wire agency
//! writes the **origin** article about it; the other documents of the
//! story are derived from it. The ground-truth cluster of a story is the
//! origin's id. The `case` column of the truth file says what each
//! document models:
//!
//! | case | what it models | cluster |
//! |---|---|---|
//! | `origin` | the wire original: earliest date, dateline and credit ("NEW HALVERSTON (Meridian Press) - ...", "(Reporting by ...)"), no page chrome | its own id |
//! | `exact` | an aggregator republishing the wire text verbatim (identical `text`, same title) | origin |
//! | `syndicated` | a site running the wire copy: its fixed header/footer, a new headline, house style (`said on Saturday` -> `said Saturday`, `12,000` -> `12 000`, typographic quotes), 1-3 typos, often an added local sentence, sometimes a dropped or moved paragraph | origin |
//! | `truncated` | a teaser or paywalled copy: the first 30-90% of the paragraphs, site header/footer and a "continue reading" line | origin |
//! | `boilerplate` | the full story inside heavy page chrome: cookie banner, share bar, "Advertisement" slots, newsletter prompt, read-more links, related and most-read lists, sponsored links, comments prompt | origin |
//! | `spun15`, `spun30`, `spun45` | a content-farm rewrite: synonym spinning ([`spin`]) of that share of content words, with inflections kept (`soldiers` -> `troopers`) and phrase swaps (`according to` -> `in line with`), inside the farm site's chrome | origin |
//! | `hard_negative` | a different article about the same event, written independently from the same facts (names, places, numbers, dates, sometimes the same quote), by another wire or a site's staff | its own id |
//! | `unique` | an unrelated article on its own event | its own id |
//!
//! With [`SynthConfig::traps`] on, [`traps`] adds the cases real crawls
//! have and this mix does not (small sites with heavy shared chrome,
//! documents without url, short notices inside many pages, templated
//! pages, house-style copies, articles quoting one passage), and the truth
//! file gets a `spun` column.
//!
//! Hard negatives are what make precision honest: they have a high share of
//! common words with the origin (1-gram overlap) but few common word
//! 5-grams. Site chrome is what makes recall honest: a syndicated copy of a
//! short story can carry more chrome than story.
//!
//! # Prose
//!
//! Sentences come from about 150 news-style templates ([`templates`]) whose
//! slots (every one to three words) are filled with vocabulary drawn by a
//! Zipf-Mandelbrot law over ranked word lists ([`words`], several thousand
//! lemmas with inflections, see [`mod@lexicon`]), with a bias towards the
//! event's topic and key words, and with the event's generated names and
//! numbers ([`names`]). Two unrelated articles share almost no word
//! 5-grams; two articles on one event share names and numbers but few
//! 5-grams.
//!
//! # Output
//!
//! * corpus: one JSON object per line with `id` ("site17/000123"), `url`,
//!   `source` (site or agency name), `date` ("2026-03-14T09:30:00Z"),
//!   `title` and `text` (paragraphs separated by a blank line). Lines are
//!   shuffled deterministically through a window of
//!   [`SynthConfig::shuffle_window`] documents (the whole corpus when it
//!   fits), so clusters are not contiguous.
//! * truth: TSV with header `id\tcluster\tcase`, one row per document in
//!   corpus order (the format and its one parser: [`truth`]).
//! * spin log: one JSON object per spun document: `id`, `source_id`,
//!   `rate`, `content_words` (the rate's denominator) and `substitutions`,
//!   every `[from, to]` swap in text order.
//! * events (only with [`generate_with_events`]): TSV `id\tevent` giving
//!   for every document the origin id of the story whose event it is
//!   about; it links hard negatives to their story.
//! * alignment truth (only with [`generate_all`]): one JSON object per copy
//!   (exact, syndicated, truncated, boilerplate, spun) and per hard negative,
//!   in corpus order: `id`, `source_id` (the story's origin), `case` and
//!   `passages`, a list of `[copy_start, copy_end, source_start,
//!   source_end]` byte ranges of the two documents' `text` fields. See
//!   [Passage truth](#passage-truth).
//!
//! Generation streams: memory is bounded by the shuffle window, so corpora
//! of several gigabytes can be written.
//!
//! # Passage truth
//!
//! A passage of the alignment truth says: the copy's bytes
//! `copy_start..copy_end` were made from the source's bytes
//! `source_start..source_end`. The generator knows this paragraph by
//! paragraph, so a passage is a run of source paragraphs that stay
//! consecutive in both texts (a dropped, moved or added paragraph, or a
//! chrome block between two paragraphs, starts a new passage). Each
//! passage starts at the first byte of a paragraph and ends at the last
//! byte of one (the `\n\n` between paragraphs inside a passage belongs to
//! it).
//!
//! What is *derived* text is the whole paragraph as the copy prints it,
//! edits included: a typo, house style (`said Saturday`, `12 000`,
//! typographic quotes) or a synonym swap changes bytes inside a passage
//! but not its ends, as in the PAN text-alignment corpora, where an
//! obfuscated passage counts whole. Left out on the copy side: page chrome,
//! headlines, bylines, added sentences and paragraphs (a local sentence,
//! "X contributed to this report", "Continue reading..."); on the source
//! side: the credit line when no copy carries it, and the dateline when the
//! copy drops it. A spun rewrite is one passage: its whole rewritten body
//! against the source body (the origin's paragraphs without dateline and
//! credit). Exact copies are one passage covering both texts. Hard
//! negatives are listed with no passages: any text an aligner finds
//! between them and the story's origin is a false positive.

pub mod chrome;
pub mod edits;
pub mod event;
pub mod lexicon;
pub mod names;
pub mod prose;
pub mod rng;
pub mod spin;
pub mod templates;
pub mod trap_text;
pub mod traps;
pub mod truth;
pub mod words;

pub use truth::{parse_truth, TruthError, TruthRow};

#[cfg(test)]
mod tests;

use std::collections::VecDeque;
use std::io::{self, BufWriter, Write};

use serde::Serialize;

use crate::chrome::{Site, Wire};
use crate::event::Event;
use crate::lexicon::{lexicon, Lexicon};
use crate::prose::{Article, Writer};
use crate::rng::Rng;
use crate::traps::TrapConfig;

/// Configuration of the generator.
#[derive(Clone, Debug, PartialEq)]
pub struct SynthConfig {
    /// Seed: equal configurations produce byte-identical output.
    pub seed: u64,
    /// Stop starting new stories once about this many bytes of JSONL are
    /// generated (the last story is completed).
    pub target_bytes: u64,
    /// Number of fictional sites (each with its own fixed header/footer).
    pub sites: usize,
    /// Minimum and maximum number of copies per wire story (exact,
    /// syndicated, truncated and boilerplate copies, mixed by
    /// [`SynthConfig::copy_mix`]).
    pub copies_per_story: (usize, usize),
    /// Share of stories that also get a spun rewrite.
    pub spun_share: f64,
    /// Substitution rates of spun rewrites (one is drawn per rewrite).
    pub spin_rates: Vec<f64>,
    /// Minimum and maximum number of hard negatives per story event.
    pub hard_negatives_per_event: (usize, usize),
    /// Share of all documents that are unrelated singletons.
    pub unique_share: f64,
    /// Optional cap on the number of documents (the last story is
    /// completed).
    pub max_docs: Option<u64>,
    /// Minimum and maximum article body length in words.
    pub body_words: (usize, usize),
    /// Relative weights of the copy cases: exact, syndicated, truncated,
    /// boilerplate.
    pub copy_mix: [f64; 4],
    /// Number of documents held back for shuffling the output order.
    pub shuffle_window: usize,
    /// Number of days the corpus spans (from 2026-01-05).
    pub days: u32,
    /// Traps modelling what real crawls do and the default mix does not
    /// (none by default: the output is then the same bytes as before
    /// traps existed). See [`traps`].
    pub traps: TrapConfig,
}

/// Approximate corpus bytes of [`SynthConfig::small`] (about 300 docs).
pub const SMALL_TARGET_BYTES: u64 = 1_600_000;

impl SynthConfig {
    /// A corpus of about 300 documents (about 1.6 MB), for tests.
    pub fn small(seed: u64) -> Self {
        SynthConfig {
            sites: 12,
            ..Self::with_target_bytes(seed, SMALL_TARGET_BYTES)
        }
    }

    /// The `real-traps` preset: a small (about 3 MB) corpus with every
    /// trap ([`traps`]) taking half of the batches, 15% of the documents
    /// without url, and few sites, so that corpus-wide frequencies are
    /// low and a small site's pages are few.
    pub fn real_traps(seed: u64) -> Self {
        SynthConfig {
            sites: 12,
            traps: TrapConfig {
                traps: traps::Trap::ALL.to_vec(),
                share: 0.5,
                no_url_share: 0.15,
            },
            ..Self::with_target_bytes(seed, 3 << 20)
        }
    }

    /// The default mix with a byte target (benchmarks, evaluation).
    pub fn with_target_bytes(seed: u64, bytes: u64) -> Self {
        SynthConfig {
            seed,
            target_bytes: bytes,
            sites: 40,
            copies_per_story: (1, 5),
            spun_share: 0.35,
            spin_rates: vec![0.15, 0.30, 0.45],
            hard_negatives_per_event: (1, 2),
            unique_share: 0.25,
            max_docs: None,
            body_words: (200, 1200),
            copy_mix: [0.15, 0.45, 0.2, 0.2],
            shuffle_window: 8192,
            days: 120,
            traps: TrapConfig::default(),
        }
    }

    /// Expected number of documents per story (origin, copies, spun,
    /// hard negatives).
    pub fn docs_per_story(&self) -> f64 {
        let mean = |r: (usize, usize)| (r.0 + r.1.max(r.0)) as f64 / 2.0;
        1.0 + mean(self.copies_per_story) + self.spun_share + mean(self.hard_negatives_per_event)
    }

    /// Expected share of each case among all documents, in the order of
    /// [`Case::ALL_BASIC`] followed by one entry per spin rate.
    pub fn expected_shares(&self) -> Vec<(String, f64)> {
        let u = self.unique_share;
        let d = self.docs_per_story();
        let story = (1.0 - u) / d;
        let mean = |r: (usize, usize)| (r.0 + r.1.max(r.0)) as f64 / 2.0;
        let copies = mean(self.copies_per_story);
        let total_mix: f64 = self.copy_mix.iter().sum();
        let mix = |i: usize| {
            if total_mix > 0.0 {
                self.copy_mix[i] / total_mix
            } else {
                0.0
            }
        };
        let mut v = vec![
            ("origin".to_string(), story),
            ("exact".to_string(), story * copies * mix(0)),
            ("syndicated".to_string(), story * copies * mix(1)),
            ("truncated".to_string(), story * copies * mix(2)),
            ("boilerplate".to_string(), story * copies * mix(3)),
            (
                "hard_negative".to_string(),
                story * mean(self.hard_negatives_per_event),
            ),
            ("unique".to_string(), u),
        ];
        let n = self.spin_rates.len().max(1) as f64;
        for r in &self.spin_rates {
            v.push((
                Case::Spun(rate_percent(*r)).label(),
                story * self.spun_share / n,
            ));
        }
        v
    }

    fn validate(&self) -> io::Result<()> {
        let bad = |m: &str| Err(io::Error::new(io::ErrorKind::InvalidInput, m.to_string()));
        if self.sites == 0 {
            return bad("sites must be at least 1");
        }
        if self.copies_per_story.0 > self.copies_per_story.1 {
            return bad("copies_per_story: min > max");
        }
        if self.hard_negatives_per_event.0 > self.hard_negatives_per_event.1 {
            return bad("hard_negatives_per_event: min > max");
        }
        if !(0.0..=1.0).contains(&self.spun_share) {
            return bad("spun_share must be within [0, 1]");
        }
        if !(0.0..1.0).contains(&self.unique_share) {
            return bad("unique_share must be within [0, 1)");
        }
        if self.spun_share > 0.0 && self.spin_rates.is_empty() {
            return bad("spin_rates is empty but spun_share > 0");
        }
        if self.spin_rates.iter().any(|r| !(0.0..=1.0).contains(r)) {
            return bad("spin rates must be within [0, 1]");
        }
        if self.body_words.0 == 0 || self.body_words.0 > self.body_words.1 {
            return bad("body_words must be a non-empty range of positive lengths");
        }
        if self.copy_mix.iter().any(|w| *w < 0.0) || self.copy_mix.iter().sum::<f64>() <= 0.0 {
            return bad("copy_mix weights must be non-negative with a positive sum");
        }
        self.traps
            .validate()
            .map_err(|m| io::Error::new(io::ErrorKind::InvalidInput, m))
    }
}

/// Totals of one generation run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SynthStats {
    /// Documents written.
    pub docs: u64,
    /// Bytes of JSONL written to the corpus.
    pub bytes: u64,
    /// Distinct ground-truth clusters.
    pub clusters: u64,
}

/// What a document models (the `case` column of the truth file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Case {
    /// The wire original.
    Origin,
    /// Identical text on another site.
    Exact,
    /// Another site's copy with chrome, a new headline and small edits.
    Syndicated,
    /// The first paragraphs only, with chrome.
    Truncated,
    /// The full story in heavy page chrome.
    Boilerplate,
    /// A spun rewrite at this substitution rate in percent.
    Spun(u8),
    /// A different article about the same event.
    HardNegative,
    /// An unrelated singleton.
    Unique,
    /// A document made by a trap ([`traps`]); the label names it.
    Trap(&'static str),
}

impl Case {
    /// The cases other than spun rewrites.
    pub const ALL_BASIC: [Case; 7] = [
        Case::Origin,
        Case::Exact,
        Case::Syndicated,
        Case::Truncated,
        Case::Boilerplate,
        Case::HardNegative,
        Case::Unique,
    ];

    /// The label used in the truth file ("syndicated", "spun30", ...).
    pub fn label(&self) -> String {
        match self {
            Case::Origin => "origin".into(),
            Case::Exact => "exact".into(),
            Case::Syndicated => "syndicated".into(),
            Case::Truncated => "truncated".into(),
            Case::Boilerplate => "boilerplate".into(),
            Case::Spun(p) => format!("spun{p}"),
            Case::HardNegative => "hard_negative".into(),
            Case::Unique => "unique".into(),
            Case::Trap(l) => (*l).into(),
        }
    }

    /// Parses a truth-file label.
    pub fn parse(s: &str) -> Option<Case> {
        Some(match s {
            "origin" => Case::Origin,
            "exact" => Case::Exact,
            "syndicated" => Case::Syndicated,
            "truncated" => Case::Truncated,
            "boilerplate" => Case::Boilerplate,
            "hard_negative" => Case::HardNegative,
            "unique" => Case::Unique,
            l if traps::label(l).is_some() => Case::Trap(traps::label(l)?),
            _ => Case::Spun(s.strip_prefix("spun")?.parse().ok()?),
        })
    }

    /// Whether a document of this case is a true near-duplicate of its
    /// story's origin.
    pub fn is_duplicate(&self) -> bool {
        match self {
            Case::Trap(l) => traps::label_is_duplicate(l),
            _ => !matches!(self, Case::Origin | Case::HardNegative | Case::Unique),
        }
    }

    /// Whether a document of this case is spinner output (the only cases
    /// a `spun` label is right for).
    pub fn is_spun(&self) -> bool {
        matches!(self, Case::Spun(_))
    }
}

/// Spin rate in whole percent, as used in case labels.
pub fn rate_percent(rate: f64) -> u8 {
    (rate * 100.0 + 0.5).floor().clamp(0.0, 100.0) as u8
}

/// Generates a corpus, its ground truth and the spin log.
pub fn generate<W1: Write, W2: Write, W3: Write>(
    cfg: &SynthConfig,
    corpus: &mut W1,
    truth: &mut W2,
    spin_log: &mut W3,
) -> io::Result<SynthStats> {
    generate_with_events(cfg, corpus, truth, spin_log, &mut io::sink())
}

/// Like [`generate`], and also writes the event TSV (`id\tevent`), which
/// names for every document the origin of the story whose event it is
/// about (its own id for unique documents).
pub fn generate_with_events<W1: Write, W2: Write, W3: Write, W4: Write>(
    cfg: &SynthConfig,
    corpus: &mut W1,
    truth: &mut W2,
    spin_log: &mut W3,
    events: &mut W4,
) -> io::Result<SynthStats> {
    generate_all(cfg, corpus, truth, spin_log, events, &mut io::sink())
}

/// Like [`generate_with_events`], and also writes the alignment truth
/// (JSON Lines; see [Passage truth](#passage-truth)): for every copy, which
/// byte ranges of its text come from which byte ranges of its source's.
/// The other outputs are the same bytes as without it.
pub fn generate_all<W1: Write, W2: Write, W3: Write, W4: Write, W5: Write>(
    cfg: &SynthConfig,
    corpus: &mut W1,
    truth: &mut W2,
    spin_log: &mut W3,
    events: &mut W4,
    alignment: &mut W5,
) -> io::Result<SynthStats> {
    cfg.validate()?;
    let lex = lexicon();
    let mut gen = Generator::new(cfg, lex);
    let mut sink = Sink {
        corpus: BufWriter::with_capacity(1 << 20, corpus),
        truth: BufWriter::with_capacity(1 << 16, truth),
        spin: BufWriter::with_capacity(1 << 16, spin_log),
        events: BufWriter::with_capacity(1 << 16, events),
        alignment: BufWriter::with_capacity(1 << 16, alignment),
        window: Vec::new(),
        capacity: cfg.shuffle_window.max(1),
        rng: Rng::derive(cfg.seed, TAG_SHUFFLE, 0),
        stats: SynthStats::default(),
        spun_column: cfg.traps.is_on(),
    };
    sink.truth.write_all(truth::HEADER.as_bytes())?;
    if sink.spun_column {
        sink.truth.write_all(b"\tspun")?;
    }
    sink.truth.write_all(b"\n")?;
    sink.events.write_all(b"id\tevent\n")?;

    let d = cfg.docs_per_story();
    let u = cfg.unique_share;
    let p_unique = u * d / (1.0 - u + u * d);
    let mut generated_bytes = 0u64;
    let mut generated_docs = 0u64;
    let mut batch: Vec<Pending> = Vec::new();
    let mut iteration = 0u64;
    let under_cap = |docs: u64| !matches!(cfg.max_docs, Some(cap) if docs >= cap);
    while generated_bytes < cfg.target_bytes && under_cap(generated_docs) {
        let mut rng = Rng::derive(cfg.seed, TAG_ITER, iteration);
        iteration += 1;
        batch.clear();
        // Traps draw from their own streams, so the rest of the corpus is
        // the same story for story; without traps nothing is drawn here.
        let trap = gen
            .traps
            .as_mut()
            .and_then(|t| t.pick(cfg.seed, iteration - 1));
        if let Some(trap) = trap {
            gen.trap(trap, cfg.seed, iteration - 1, &mut batch);
        } else if rng.chance(p_unique) {
            gen.unique(&mut rng, &mut batch);
        } else {
            gen.story(&mut rng, &mut batch);
        }
        for mut p in batch.drain(..) {
            if traps::strip_by_share(cfg.seed, &p.id, cfg.traps.no_url_share) {
                traps::strip_site(&mut p);
            }
            generated_bytes += p.line.len() as u64;
            generated_docs += 1;
            if p.new_cluster {
                sink.stats.clusters += 1;
            }
            sink.push(p)?;
        }
    }
    sink.finish()
}

const TAG_ITER: u64 = 1;
const TAG_SITE: u64 = 2;
const TAG_WIRE: u64 = 3;
const TAG_SHUFFLE: u64 = 4;

/// A generated document waiting in the shuffle window.
struct Pending {
    line: Vec<u8>,
    id: String,
    /// True cluster and case label (the truth row).
    cluster: String,
    case: String,
    /// Spinner output (the truth's `spun` column).
    spun: bool,
    event: String,
    spin: Option<Vec<u8>>,
    /// The alignment-truth line (copies and hard negatives).
    alignment: Option<Vec<u8>>,
    new_cluster: bool,
}

struct Sink<W1: Write, W2: Write, W3: Write, W4: Write, W5: Write> {
    corpus: BufWriter<W1>,
    truth: BufWriter<W2>,
    spin: BufWriter<W3>,
    events: BufWriter<W4>,
    alignment: BufWriter<W5>,
    window: Vec<Pending>,
    capacity: usize,
    rng: Rng,
    stats: SynthStats,
    /// Write the truth's `spun` column (traps on).
    spun_column: bool,
}

impl<W1: Write, W2: Write, W3: Write, W4: Write, W5: Write> Sink<W1, W2, W3, W4, W5> {
    fn push(&mut self, p: Pending) -> io::Result<()> {
        if self.window.len() >= self.capacity {
            let i = self.rng.index(self.window.len());
            let out = self.window.swap_remove(i);
            self.emit(out)?;
        }
        self.window.push(p);
        Ok(())
    }

    fn emit(&mut self, p: Pending) -> io::Result<()> {
        self.corpus.write_all(&p.line)?;
        write!(self.truth, "{}\t{}\t{}", p.id, p.cluster, p.case)?;
        if self.spun_column {
            write!(self.truth, "\t{}", u8::from(p.spun))?;
        }
        self.truth.write_all(b"\n")?;
        self.events.write_all(p.event.as_bytes())?;
        if let Some(s) = &p.spin {
            self.spin.write_all(s)?;
        }
        if let Some(a) = &p.alignment {
            self.alignment.write_all(a)?;
        }
        self.stats.docs += 1;
        self.stats.bytes += p.line.len() as u64;
        Ok(())
    }

    fn finish(mut self) -> io::Result<SynthStats> {
        let mut rest = std::mem::take(&mut self.window);
        self.rng.shuffle(&mut rest);
        for p in rest {
            self.emit(p)?;
        }
        self.corpus.flush()?;
        self.truth.flush()?;
        self.spin.flush()?;
        self.events.flush()?;
        self.alignment.flush()?;
        Ok(self.stats)
    }
}

#[derive(Serialize)]
struct DocJson<'a> {
    id: &'a str,
    /// Left out on documents of the `no_url` trap.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    date: &'a str,
    title: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct SpinJson<'a> {
    id: &'a str,
    source_id: &'a str,
    rate: f64,
    content_words: usize,
    substitutions: &'a [(String, String)],
}

/// First day of the corpus: 2026-01-05.
fn base_day() -> i64 {
    names::days_from_civil(2026, 1, 5)
}

/// URL slug of a title: up to eight lowercase ASCII words.
fn title_slug(title: &str) -> String {
    let mut s = String::with_capacity(64);
    let mut words = 0;
    for w in title.split(|c: char| !c.is_ascii_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if words == 8 {
            break;
        }
        if !s.is_empty() {
            s.push('-');
        }
        s.extend(w.chars().map(|c| c.to_ascii_lowercase()));
        words += 1;
    }
    s
}

struct DocSpec<'a> {
    id: &'a str,
    host: &'a str,
    section: &'a str,
    source: &'a str,
    minutes: i64,
    title: &'a str,
    text: &'a str,
    cluster: &'a str,
    event: &'a str,
    case: Case,
}

fn make_pending(d: &DocSpec<'_>, spin: Option<Vec<u8>>, alignment: Option<Vec<u8>>) -> Pending {
    let date = names::iso_timestamp(d.minutes);
    let counter = d.id.rsplit('/').next().unwrap_or(d.id);
    let url = format!(
        "https://{}/{}/{}/{}/{}/{}-{}",
        d.host,
        d.section.to_ascii_lowercase(),
        &date[0..4],
        &date[5..7],
        &date[8..10],
        title_slug(d.title),
        counter
    );
    let doc = DocJson {
        id: d.id,
        url: Some(&url),
        source: Some(d.source),
        date: &date,
        title: d.title,
        text: d.text,
    };
    let mut line = Vec::with_capacity(d.text.len() + d.title.len() + 256);
    serde_json::to_writer(&mut line, &doc).expect("serialising a document cannot fail");
    line.push(b'\n');
    Pending {
        line,
        id: d.id.to_string(),
        cluster: d.cluster.to_string(),
        case: d.case.label(),
        spun: d.case.is_spun(),
        event: format!("{}\t{}\n", d.id, d.event),
        spin,
        alignment,
        new_cluster: d.cluster == d.id,
    }
}

/// Byte range `start..end` of the source text that a copy block (or
/// paragraph) was made from.
type SrcRange = Option<(usize, usize)>;

/// Where a block of a copy comes from.
enum Prov {
    /// Not from the source (chrome, headline, added text).
    None,
    /// The whole block from this source range.
    Whole(usize, usize),
    /// Paragraphs (separated by a blank line) from these ranges, in order.
    Paras(Vec<SrcRange>),
}

/// One alignment-truth record.
#[derive(Serialize)]
struct AlignTruthJson<'a> {
    id: &'a str,
    source_id: &'a str,
    case: String,
    passages: &'a [[usize; 4]],
}

fn align_truth_line(id: &str, source_id: &str, case: Case, passages: &[[usize; 4]]) -> Vec<u8> {
    let mut v = Vec::with_capacity(96 + passages.len() * 24);
    serde_json::to_writer(
        &mut v,
        &AlignTruthJson {
            id,
            source_id,
            case: case.label(),
            passages,
        },
    )
    .expect("serialising an alignment record cannot fail");
    v.push(b'\n');
    v
}

/// The reused passages of a text made by [`join_blocks`] from `blocks`:
/// `[copy_start, copy_end, source_start, source_end]`, with pieces that
/// follow each other in both texts (one blank line apart) merged.
fn reused_passages(blocks: &[(&str, Prov)]) -> Vec<[usize; 4]> {
    let mut out: Vec<[usize; 4]> = Vec::new();
    let mut push = |cs: usize, ce: usize, (ss, se): (usize, usize)| {
        if let Some(last) = out.last_mut() {
            if last[1] + 2 == cs && last[3] + 2 == ss {
                last[1] = ce;
                last[3] = se;
                return;
            }
        }
        out.push([cs, ce, ss, se]);
    };
    let mut pos = 0;
    let mut first = true;
    for (text, prov) in blocks.iter().filter(|b| !b.0.is_empty()) {
        if !first {
            pos += 2;
        }
        first = false;
        match prov {
            Prov::None => {}
            Prov::Whole(ss, se) => push(pos, pos + text.len(), (*ss, *se)),
            Prov::Paras(srcs) => {
                let mut at = pos;
                let mut paras = text.split("\n\n");
                for src in srcs {
                    let p = paras.next().expect("a paragraph per source range");
                    if let Some(r) = src {
                        push(at, at + p.len(), *r);
                    }
                    at += p.len() + 2;
                }
                assert!(paras.next().is_none(), "a source range per paragraph");
            }
        }
        pos += text.len();
    }
    out
}

/// A site's page (header, headline, body, footer) and the passages of it
/// that come from the source (`from` says where the body's come from).
fn site_page(site: &Site, title: &str, body: &str, from: Prov) -> (String, Vec<[usize; 4]>) {
    let text = join_blocks(&[&site.header, title, body, &site.footer]);
    let passages = reused_passages(&[
        (&site.header, Prov::None),
        (title, Prov::None),
        (body, from),
        (&site.footer, Prov::None),
    ]);
    (text, passages)
}

/// Where the wire paragraphs sit in the origin document.
struct Src<'a> {
    /// Byte range of each paragraph (the first without the dateline).
    paras: &'a [(usize, usize)],
    /// Where the first paragraph starts after the dateline that opens the
    /// story (its length when the story opens the document).
    dateline: usize,
}

/// A wire story's origin, written, and what its copies are made from.
struct WireStory {
    ev: Event,
    /// Index of the wire agency.
    wi: usize,
    art: Article,
    /// "PLACE (Agency) - ", which starts the origin's text.
    dateline: String,
    origin_id: String,
    /// Publication time in minutes since the epoch.
    origin_minutes: i64,
    origin_text: String,
    /// Where `origin_text` starts in the origin document (0 unless the
    /// story is on a page of chrome: [`Generator::wire_story_on`]).
    origin_at: usize,
    /// Byte range of each paragraph in the origin document (see [`Src`]).
    para_src: Vec<(usize, usize)>,
}

impl WireStory {
    fn src(&self) -> Src<'_> {
        Src {
            paras: &self.para_src,
            dateline: self.origin_at + self.dateline.len(),
        }
    }
}

/// What a story's origin says (traps reuse it: a small site runs it, an
/// article quotes it).
struct Told {
    origin_id: String,
    origin_text: String,
    title: String,
    /// Publication time in minutes since the epoch.
    minutes: i64,
    /// The wire body's paragraphs (no dateline, no credit).
    paragraphs: Vec<String>,
    /// Index of the wire agency.
    wire: usize,
}

struct Generator<'c> {
    cfg: &'c SynthConfig,
    /// Trap state (`None` without traps).
    traps: Option<traps::TrapState>,
    lex: &'static Lexicon,
    sites: Vec<Site>,
    wires: Vec<Wire>,
    recent_titles: VecDeque<String>,
    base_day: i64,
}

/// Joins chrome blocks and body paragraphs into a document text.
fn join_blocks(blocks: &[&str]) -> String {
    let len: usize = blocks.iter().map(|b| b.len() + 2).sum();
    let mut s = String::with_capacity(len);
    for b in blocks.iter().filter(|b| !b.is_empty()) {
        if !s.is_empty() {
            s.push_str("\n\n");
        }
        s.push_str(b);
    }
    s
}

impl<'c> Generator<'c> {
    fn new(cfg: &'c SynthConfig, lex: &'static Lexicon) -> Self {
        let sites = (1..=cfg.sites)
            .map(|k| Site::generate(k, &mut Rng::derive(cfg.seed, TAG_SITE, k as u64), lex))
            .collect();
        let wires = (1..=chrome::WIRE_NAMES.len())
            .map(|k| Wire::generate(k, &mut Rng::derive(cfg.seed, TAG_WIRE, k as u64), lex))
            .collect();
        Generator {
            cfg,
            traps: cfg.traps.is_on().then(|| traps::TrapState::new(&cfg.traps)),
            lex,
            sites,
            wires,
            recent_titles: VecDeque::with_capacity(256),
            base_day: base_day(),
        }
    }

    fn remember_title(&mut self, t: &str) {
        if self.recent_titles.len() == 256 {
            self.recent_titles.pop_front();
        }
        self.recent_titles.push_back(t.to_string());
    }

    fn recent(&self, rng: &mut Rng, n: usize, exclude: &str) -> Vec<String> {
        let mut out = Vec::with_capacity(n);
        if self.recent_titles.is_empty() {
            return out;
        }
        for _ in 0..n * 3 {
            if out.len() == n {
                break;
            }
            let t = &self.recent_titles[rng.index(self.recent_titles.len())];
            if t != exclude && !out.contains(t) {
                out.push(t.clone());
            }
        }
        out
    }

    fn body_words(&self, rng: &mut Rng) -> usize {
        let (lo, hi) = self.cfg.body_words;
        let lo = lo as f64;
        let hi = hi.max(self.cfg.body_words.0) as f64;
        rng.triangular(lo, lo + 0.3 * (hi - lo), hi) as usize
    }

    fn new_event(&self, rng: &mut Rng) -> Event {
        let day = self.base_day + rng.index(self.cfg.days.max(1) as usize) as i64;
        prose::new_event(rng, day)
    }

    /// Distinct site indices (with repeats only when more are needed than
    /// there are sites).
    fn pick_sites(&self, rng: &mut Rng, n: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..self.sites.len()).collect();
        rng.shuffle(&mut all);
        (0..n).map(|i| all[i % all.len()]).collect()
    }

    fn unique(&mut self, rng: &mut Rng, out: &mut Vec<Pending>) {
        let ev = self.new_event(rng);
        let si = rng.index(self.sites.len());
        let words = self.body_words(rng);
        let (title, text, host, section, source) = {
            let site = &self.sites[si];
            let art = Writer::new(&ev, rng.fork(), &site.name).article(words);
            let body = art.paragraphs.join("\n\n");
            let byline = if rng.chance(0.5) {
                format!("By {}", rng.pick(&site.reporters))
            } else {
                String::new()
            };
            let text = join_blocks(&[&site.header, &art.title, &byline, &body, &site.footer]);
            (
                art.title,
                text,
                site.domain.clone(),
                *rng.pick(&site.sections),
                site.name.clone(),
            )
        };
        let id = self.sites[si].next_id();
        let minutes = ev.day * 1440 + ev.minute as i64 + rng.range(30, 600) as i64;
        self.remember_title(&title);
        out.push(make_pending(
            &DocSpec {
                id: &id,
                host: &host,
                section,
                source: &source,
                minutes,
                title: &title,
                text: &text,
                cluster: &id,
                event: &id,
                case: Case::Unique,
            },
            None,
            None,
        ));
    }

    /// A wire agency's story on a new event: writes its origin document
    /// and returns what its copies are made from.
    fn wire_story(&mut self, rng: &mut Rng, out: &mut Vec<Pending>) -> WireStory {
        self.wire_story_on(rng, out, None)
    }

    /// [`Generator::wire_story`], its origin in `page`'s chrome when given
    /// (the wire's own page on a site of its own).
    fn wire_story_on(
        &mut self,
        rng: &mut Rng,
        out: &mut Vec<Pending>,
        page: Option<&Site>,
    ) -> WireStory {
        let ev = self.new_event(rng);
        let topic_name = self.lex.topics[ev.topic].name;
        let wi = rng.weighted(&[0.4, 0.3, 0.2, 0.1]);
        let words = self.body_words(rng);
        let art = Writer::new(&ev, rng.fork(), self.wires[wi].name).article(words);
        let dateline = self.wires[wi].dateline(&ev.place);
        let origin_id = self.wires[wi].next_id();
        let origin_minutes = ev.day * 1440 + ev.minute as i64 + rng.range(20, 240) as i64;
        let origin_text = {
            let wire = &self.wires[wi];
            let mut paras = art.paragraphs.clone();
            paras[0] = format!("{dateline}{}", paras[0]);
            if rng.chance(0.75) {
                paras.push(wire.credit(rng));
            }
            paras.join("\n\n")
        };
        // The origin's page, and where its text starts on it.
        let (page_text, origin_at) = match page {
            Some(site) => {
                let (text, _) = site_page(site, &art.title, &origin_text, Prov::None);
                let at = text.find(&origin_text).expect("the story is on its page");
                (text, at)
            }
            None => (origin_text.clone(), 0),
        };
        // Where each wire paragraph sits in the origin's text (the first
        // without its dateline), for the alignment truth.
        let para_src: Vec<(usize, usize)> = {
            let mut at = origin_at + dateline.len();
            art.paragraphs
                .iter()
                .map(|p| {
                    let r = (at, at + p.len());
                    at += p.len() + 2;
                    r
                })
                .collect()
        };
        let wire_host = self.wires[wi].domain.clone();
        out.push(make_pending(
            &DocSpec {
                id: &origin_id,
                host: &wire_host,
                section: topic_name,
                source: self.wires[wi].name,
                minutes: origin_minutes,
                title: &art.title,
                text: &page_text,
                cluster: &origin_id,
                event: &origin_id,
                case: Case::Origin,
            },
            None,
            None,
        ));
        self.remember_title(&art.title);
        WireStory {
            ev,
            wi,
            art,
            dateline,
            origin_id,
            origin_minutes,
            origin_text,
            origin_at,
            para_src,
        }
    }

    fn story(&mut self, rng: &mut Rng, out: &mut Vec<Pending>) -> Told {
        let story = self.wire_story(rng, out);
        let src = story.src();
        let WireStory {
            ev,
            wi,
            art,
            dateline,
            origin_id,
            origin_minutes,
            origin_text,
            ..
        } = &story;
        let (wi, origin_minutes) = (*wi, *origin_minutes);
        let topic_name = self.lex.topics[ev.topic].name;
        let wire_name = self.wires[wi].name;

        // Copies.
        let (cmin, cmax) = self.cfg.copies_per_story;
        let n_copies = rng.range(cmin, cmax);
        let spun = self.cfg.spun_share > 0.0 && rng.chance(self.cfg.spun_share);
        let sites = self.pick_sites(rng, n_copies + usize::from(spun));
        for &si in sites.iter().take(n_copies) {
            let case = match rng.weighted(&self.cfg.copy_mix) {
                0 => Case::Exact,
                1 => Case::Syndicated,
                2 => Case::Truncated,
                _ => Case::Boilerplate,
            };
            let delay = match case {
                Case::Exact => rng.range(5, 180),
                Case::Syndicated => rng.range(20, 36 * 60),
                Case::Truncated => rng.range(30, 48 * 60),
                _ => rng.range(60, 72 * 60),
            } as i64;
            let (title, text, passages) = match case {
                Case::Exact => (
                    art.title.clone(),
                    origin_text.clone(),
                    vec![[0, origin_text.len(), 0, origin_text.len()]],
                ),
                Case::Syndicated => {
                    self.syndicated(rng, &self.sites[si], ev, art, dateline, wire_name, &src)
                }
                Case::Truncated => {
                    self.truncated(rng, &self.sites[si], ev, art, dateline, wire_name, &src)
                }
                _ => {
                    let at = origin_minutes + delay;
                    self.boilerplate(rng, &self.sites[si], ev, art, dateline, at, &src)
                }
            };
            let id = self.sites[si].next_id();
            let site = &self.sites[si];
            let alignment = align_truth_line(&id, origin_id, case, &passages);
            out.push(make_pending(
                &DocSpec {
                    id: &id,
                    host: &site.domain,
                    section: rng.pick_str(&site.sections),
                    source: &site.name,
                    minutes: origin_minutes + delay,
                    title: &title,
                    text: &text,
                    cluster: origin_id,
                    event: origin_id,
                    case,
                },
                None,
                Some(alignment),
            ));
        }

        // Spun rewrite.
        if spun {
            let si = sites[n_copies];
            let rate = *rng.pick(&self.cfg.spin_rates);
            let source = art.paragraphs.join("\n\n");
            let spun = spin::spin_text(&source, rate, rng);
            let site = &self.sites[si];
            let title = Writer::new(ev, rng.fork(), &site.name).headline();
            let body = Prov::Whole(src.dateline, src.dateline + source.len());
            let (text, passages) = site_page(site, &title, &spun.text, body);
            let id = self.sites[si].next_id();
            let site = &self.sites[si];
            let mut log = Vec::with_capacity(64 + spun.substitutions.len() * 24);
            serde_json::to_writer(
                &mut log,
                &SpinJson {
                    id: &id,
                    source_id: origin_id,
                    rate,
                    content_words: spun.content_words,
                    substitutions: &spun.substitutions,
                },
            )
            .expect("serialising a spin record cannot fail");
            log.push(b'\n');
            let minutes = origin_minutes + rng.range(6 * 60, 10 * 1440) as i64;
            let case = Case::Spun(rate_percent(rate));
            out.push(make_pending(
                &DocSpec {
                    id: &id,
                    host: &site.domain,
                    section: rng.pick_str(&site.sections),
                    source: &site.name,
                    minutes,
                    title: &title,
                    text: &text,
                    cluster: origin_id,
                    event: origin_id,
                    case,
                },
                Some(log),
                Some(align_truth_line(&id, origin_id, case, &passages)),
            ));
        }

        // Hard negatives: independent articles on the same event.
        let (hmin, hmax) = self.cfg.hard_negatives_per_event;
        for _ in 0..rng.range(hmin, hmax) {
            let words = self.body_words(rng);
            let minutes = (ev.day * 1440 + ev.minute as i64 + rng.range(0, 48 * 60) as i64 - 120)
                .max(ev.day * 1440);
            if rng.chance(0.3) {
                // A competing wire agency.
                let mut wj = rng.index(self.wires.len() - 1);
                if wj >= wi {
                    wj += 1;
                }
                let wire = &self.wires[wj];
                let a = Writer::new(ev, rng.fork(), wire.name).article(words);
                let mut paras = a.paragraphs;
                paras[0] = format!("{}{}", wire.dateline(&ev.place), paras[0]);
                if rng.chance(0.75) {
                    paras.push(wire.credit(rng));
                }
                let text = paras.join("\n\n");
                let id = self.wires[wj].next_id();
                let wire = &self.wires[wj];
                out.push(make_pending(
                    &DocSpec {
                        id: &id,
                        host: &wire.domain,
                        section: topic_name,
                        source: wire.name,
                        minutes,
                        title: &a.title,
                        text: &text,
                        cluster: &id,
                        event: origin_id,
                        case: Case::HardNegative,
                    },
                    None,
                    Some(align_truth_line(&id, origin_id, Case::HardNegative, &[])),
                ));

                self.remember_title(&a.title);
            } else {
                let si = rng.index(self.sites.len());
                let site = &self.sites[si];
                let a = Writer::new(ev, rng.fork(), &site.name).article(words);
                let byline = if rng.chance(0.5) {
                    format!("By {}", rng.pick(&site.reporters))
                } else {
                    String::new()
                };
                let body = a.paragraphs.join("\n\n");
                let text = join_blocks(&[&site.header, &a.title, &byline, &body, &site.footer]);
                let id = self.sites[si].next_id();
                let site = &self.sites[si];
                out.push(make_pending(
                    &DocSpec {
                        id: &id,
                        host: &site.domain,
                        section: rng.pick_str(&site.sections),
                        source: &site.name,
                        minutes,
                        title: &a.title,
                        text: &text,
                        cluster: &id,
                        event: origin_id,
                        case: Case::HardNegative,
                    },
                    None,
                    Some(align_truth_line(&id, origin_id, Case::HardNegative, &[])),
                ));

                self.remember_title(&a.title);
            }
        }
        Told {
            origin_id: story.origin_id,
            origin_text: story.origin_text,
            title: story.art.title,
            paragraphs: story.art.paragraphs,
            wire: wi,
            minutes: origin_minutes,
        }
    }

    /// Paragraphs of the wire body as a site runs them: dateline kept or
    /// not, house style applied later. Also returns where each paragraph
    /// comes from in the origin's text.
    fn site_body(
        &self,
        rng: &mut Rng,
        site: &Site,
        art: &Article,
        dateline: &str,
        src: &Src,
    ) -> (Vec<String>, Vec<SrcRange>) {
        let mut body = art.paragraphs.clone();
        let mut from: Vec<SrcRange> = src.paras.iter().copied().map(Some).collect();
        if rng.chance(site.style.keep_dateline) {
            body[0] = format!("{dateline}{}", body[0]);
            // From where the story opens, its dateline.
            from[0] = Some((src.dateline - dateline.len(), src.paras[0].1));
        }
        (body, from)
    }

    // The copy builders return (title, text, alignment-truth passages). The
    // provenance list `from` mirrors every edit of the paragraph list, and
    // draws nothing from `rng`: the corpus is the same with or without it.
    #[allow(clippy::too_many_arguments)]
    fn syndicated(
        &self,
        rng: &mut Rng,
        site: &Site,
        ev: &Event,
        art: &Article,
        dateline: &str,
        wire_name: &str,
        src: &Src,
    ) -> (String, String, Vec<[usize; 4]>) {
        let (mut body, mut from) = self.site_body(rng, site, art, dateline, src);
        if body.len() > 3 && rng.chance(0.25) {
            let i = rng.range(1, body.len() - 1);
            body.remove(i);
            from.remove(i);
        }
        if body.len() > 3 && rng.chance(0.15) {
            let i = rng.range(1, body.len() - 1);
            let p = body.remove(i);
            let f = from.remove(i);
            let j = rng.range(1, body.len());
            body.insert(j, p);
            from.insert(j, f);
        }
        let mut writer = Writer::new(ev, rng.fork(), &site.name);
        if rng.chance(0.7) {
            let s = writer.local_sentence(&site.city);
            if rng.chance(0.5) {
                body.push(s);
                from.push(None);
            } else {
                let i = rng.range(1, body.len().min(3));
                body.insert(i, s);
                from.insert(i, None);
            }
        }
        let n_typos = rng.range(1, 3);
        edits::add_typos(&mut body, n_typos, rng);
        if rng.chance(0.3) {
            body.push(format!("{wire_name} contributed to this report."));
            from.push(None);
        }
        let body = edits::apply_style(&body.join("\n\n"), &site.style);
        let title = writer.headline();
        let (text, passages) = site_page(site, &title, &body, Prov::Paras(from));
        (title, text, passages)
    }

    #[allow(clippy::too_many_arguments)]
    fn truncated(
        &self,
        rng: &mut Rng,
        site: &Site,
        ev: &Event,
        art: &Article,
        dateline: &str,
        wire_name: &str,
        src: &Src,
    ) -> (String, String, Vec<[usize; 4]>) {
        let (mut body, mut from) = self.site_body(rng, site, art, dateline, src);
        let frac = 0.3 + 0.6 * rng.f64();
        let keep = ((body.len() as f64 * frac).ceil() as usize).clamp(1, body.len());
        body.truncate(keep);
        from.truncate(keep);
        from.push(None); // the "read more" line
        let more = match rng.index(4) {
            0 => "Continue reading...".to_string(),
            1 => format!("Read the full story at {wire_name}."),
            2 => "This article is for subscribers only. Subscribe to read the full story."
                .to_string(),
            _ => "Read more".to_string(),
        };
        body.push(more);
        let body = edits::apply_style(&body.join("\n\n"), &site.style);
        let title = if rng.chance(0.5) {
            art.title.clone()
        } else {
            Writer::new(ev, rng.fork(), &site.name).headline()
        };
        let (text, passages) = site_page(site, &title, &body, Prov::Paras(from));
        (title, text, passages)
    }

    #[allow(clippy::too_many_arguments)]
    fn boilerplate(
        &self,
        rng: &mut Rng,
        site: &Site,
        ev: &Event,
        art: &Article,
        dateline: &str,
        minutes: i64,
        src: &Src,
    ) -> (String, String, Vec<[usize; 4]>) {
        let (body, from) = self.site_body(rng, site, art, dateline, src);
        // (block index, source range) of each body paragraph.
        let mut para_at: Vec<(usize, SrcRange)> = Vec::with_capacity(body.len());
        let title = if rng.chance(0.5) {
            art.title.clone()
        } else {
            Writer::new(ev, rng.fork(), &site.name).headline()
        };
        let topic = self.lex.topics[ev.topic].name;
        let mut blocks: Vec<String> = Vec::with_capacity(body.len() + 16);
        blocks.push(site.header.clone());
        let banner = chrome::COOKIE_BANNERS[rng.index(chrome::COOKIE_BANNERS.len())];
        blocks.push(format!(
            "{banner}\nAccept all | Reject all | Manage preferences"
        ));
        blocks.push("Advertisement".to_string());
        blocks.push(format!(
            "Home > {} > {}",
            rng.pick(&site.sections),
            capitalized(topic)
        ));
        blocks.push(title.clone());
        let date = names::iso_timestamp(minutes);
        let read = (art.word_count() / 220).max(1);
        blocks.push(format!(
            "By {} | Published {} | {} min read",
            rng.pick(&site.reporters),
            &date[..10],
            read
        ));
        blocks.push("Share this article: Facebook | X | WhatsApp | Email | Copy link".to_string());
        let read_more = self.recent(rng, 2, &art.title);
        let newsletter_at = rng.range(2, body.len().max(2));
        for (i, p) in body.iter().enumerate() {
            para_at.push((blocks.len(), from[i]));
            blocks.push(p.clone());
            if i + 1 < body.len() && i % 3 == 2 {
                blocks.push("Advertisement".to_string());
            }
            if i + 1 == newsletter_at {
                blocks.push(site.newsletter.clone());
            }
            if i == 1 {
                if let Some(t) = read_more.first() {
                    blocks.push(format!("Read more: {t}"));
                }
            }
            if i == 4 {
                if let Some(t) = read_more.get(1) {
                    blocks.push(format!("Read more: {t}"));
                }
            }
        }
        blocks.push(format!(
            "Topics: {} | {} | {}",
            capitalized(topic),
            ev.place,
            ev.country
        ));
        let n_related = rng.range(3, 6);
        let related = self.recent(rng, n_related, &art.title);
        if !related.is_empty() {
            blocks.push(format!("Related articles\n{}", related.join("\n")));
        }
        let most = self.recent(rng, 5, &art.title);
        if !most.is_empty() {
            let lines: Vec<String> = most
                .iter()
                .enumerate()
                .map(|(i, t)| format!("{}. {t}", i + 1))
                .collect();
            blocks.push(format!("Most read\n{}", lines.join("\n")));
        }
        let sponsored = site.sponsored(rng, 3);
        blocks.push(format!("Sponsored stories\n{}", sponsored.join("\n")));
        blocks.push(format!(
            "Comments ({}) | Join the conversation. Please read our community guidelines before commenting.",
            rng.range(0, 480)
        ));
        blocks.push(site.footer.clone());
        let refs: Vec<&str> = blocks.iter().map(String::as_str).collect();
        let mut provs: Vec<(&str, Prov)> = refs.iter().map(|b| (*b, Prov::None)).collect();
        for (k, r) in para_at {
            if let Some((s, e)) = r {
                provs[k].1 = Prov::Whole(s, e);
            }
        }
        let passages = reused_passages(&provs);
        (title, join_blocks(&refs), passages)
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
