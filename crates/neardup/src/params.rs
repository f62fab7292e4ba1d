//! Every tunable of a run, with the defaults and why they are what they are.

use crate::corpus::{FieldNames, InputFormat, Location};
use crate::error::Error;
use crate::text::Script;

/// Settings for clustering a corpus. [`Params::default`] is what the command
/// line uses when no flag is given.
#[derive(Clone, Debug)]
pub struct Params {
    /// Words per shingle (5, as datatrove and BigCode use).
    pub shingle_size: usize,
    /// Characters per shingle in documents shingled by characters (Chinese,
    /// Japanese, Thai: [`crate::text::Script::Characters`]). Five English
    /// words carry as much as 7 Chinese or 12 Japanese characters (the
    /// Debian Edu manual and its translations); 7 parts copies from
    /// different texts best on real pairs, with 6 and 8 close behind
    /// (docs/evaluation.md).
    pub char_shingle_size: usize,
    /// Signature length (datasketch's `num_perm`).
    pub num_perm: usize,
    /// Estimated Jaccard at or above which two documents are copies.
    pub threshold: f64,
    /// Estimated containment (the shorter document's shingles found in the
    /// longer) at or above which the shorter is an excerpt of the longer.
    pub containment: f64,
    /// Whether containment alone may join (an excerpt to the copy it was
    /// cut from); off, only Jaccard and exact copies join.
    pub excerpts: bool,
    /// An excerpt must hold at least this share of the kept copy's shingles.
    /// 0 by default: a cut copy inside a page of heavy chrome the filter
    /// missed can be a fifth of that page (the trap corpora lose recall at
    /// 0.2). Raise it (0.3) for compilations, where a short text inside a
    /// larger one (a bundle of licenses, a digest of briefs) is a related
    /// work, not a copy to drop.
    pub min_excerpt_share: f64,
    /// Jaccard the LSH bands are tuned for: lower than `threshold` so that
    /// excerpts (a 30% cut has Jaccard about 0.3 with its source) become
    /// candidates; verification then applies `threshold` and `containment`.
    pub lsh_threshold: f64,
    /// Explicit bands × rows, overriding `lsh_threshold`.
    pub bands_rows: Option<(usize, usize)>,
    /// A containment edge also needs this many agreeing signature bins, so
    /// that two or three chance agreements between a tiny and a huge document
    /// cannot make an "excerpt".
    pub min_matching_bins: usize,
    /// Hash seed: the same seed gives the same signatures.
    pub seed: u64,
    /// Documents with fewer words are not clustered (reported as too short).
    pub min_words: usize,
    /// Documents shingled by characters with fewer tokens than this are not
    /// clustered: 20 characters, about as much text as 10 English words (14
    /// Chinese, 24 Japanese characters).
    pub min_chars: usize,
    /// Shingles in more than this share of the sampled documents are boilerplate.
    pub max_df: f64,
    /// ... and in at least this many of them (so small corpora keep their
    /// widely syndicated stories).
    pub min_df_count: usize,
    /// Shingles in at least this many sampled pages of one site are that
    /// site's boilerplate ...
    pub site_min_df: usize,
    /// ... when those pages are also at least this share of the site's
    /// sampled pages: chrome is what a site repeats across its pages, and
    /// a passage on 2 of its 700 pages is two versions of one page, not
    /// chrome.
    pub site_min_share: f64,
    /// About how many bytes of text the boilerplate sample holds (documents
    /// chosen by a hash of their text; all of a smaller corpus).
    pub df_sample_bytes: u64,
    /// Each site lends the sample its pages ranked up to this many by the
    /// same hash, so that a small site's chrome is learned at any corpus
    /// size ([`crate::corpus::sample`]). 40: with `site_min_share` at 5%
    /// a site of up to 40 sampled pages has its chrome at 2 pages.
    pub site_sample_pages: usize,
    /// ... as far as this many bytes of text added in all, or
    /// `site_sample_share` of the corpus's text when that is more (the
    /// depth is lowered for every site until they fit, then the budget
    /// left takes whole sites one level deeper).
    pub site_sample_bytes: u64,
    /// The share of the corpus's text the sites' top-up may add: small
    /// sites' pages grow with the corpus, so a fixed budget would cover
    /// fewer of them the larger it is. The top-up is counted a batch of
    /// sites at a time, so this bounds time (shingling that much more
    /// text), not memory.
    pub site_sample_share: f64,
    /// When filtering boilerplate would leave less than this share of a
    /// document's shingles, and fewer than `min_kept_shingles`, the document
    /// keeps them all.
    pub min_kept_share: f64,
    /// ... unless at least this many shingles are left: a short story in a
    /// small site's heavy chrome is a story, not noise.
    pub min_kept_shingles: usize,
    /// Field names for JSON Lines input.
    pub fields: FieldNames,
    /// How files are read.
    pub input_format: InputFormat,
    /// Records longer than this many bytes are skipped as `too_large`.
    pub max_record_bytes: u64,
    /// The spin-robust view (None: verbatim view only).
    pub spin: Option<SpinParams>,
    /// Most bytes of each text the aligner reads (0: no cap), wherever it
    /// runs: `explain`, the report's pairs, the spin view's checks. A text
    /// over it is aligned in windows ([`crate::align::align_capped`]), so
    /// that explaining a 1 MB text against a 100 MB one takes a second,
    /// not a gigabyte per 100 MB. Scores never come from the alignment;
    /// the spin rule reads it, with the same cap in `cluster` and
    /// `explain`, so the two agree on every pair.
    pub max_align_bytes: usize,
    /// Keep every verified pair in the outcome (for `--pairs`: the audit
    /// trail of every cluster); off, they are freed as soon as the clusters
    /// are built.
    pub keep_pairs: bool,
    /// With `--against`: the first this many sources hold reference documents.
    /// Only pairs with a reference in them count, and a cluster's origin is
    /// its reference.
    pub references: Option<u32>,
}

/// Settings of the spin-robust view: MinHash over n-grams of the immutable
/// words ([`crate::text::ImmutableWords`]), candidates confirmed by the
/// aligner. The defaults come from the measurements in docs/evaluation.md:
/// spun copies (15-45% of content words swapped, and function words swapped
/// within their class) keep immutable 6-gram Jaccard 0.44 or more with their
/// source, while different articles on the same event stay under 0.03.
#[derive(Clone, Debug)]
pub struct SpinParams {
    /// Immutable words per shingle.
    pub shingle_size: usize,
    /// Signature length of the spin view (values stored as 16 bits).
    pub num_perm: usize,
    /// Estimated immutable-shingle Jaccard at or above which a pair is checked.
    pub threshold: f64,
    /// ... or estimated containment of the shorter in the longer.
    pub containment: f64,
    /// Documents with fewer immutable shingles are left out of the spin view
    /// (too little text to tell a rewrite from a coincidence).
    pub min_shingles: u32,
    /// The aligner must cover at least this share of the shorter document's
    /// words for the pair to join.
    pub min_coverage: f64,
    /// Aligned pairs with at least this share of words substituted are
    /// `spun`; fewer, and the pair is an ordinary copy the verbatim view
    /// missed (a deeply cut excerpt).
    pub min_substituted: f64,
}

impl Default for SpinParams {
    fn default() -> Self {
        SpinParams {
            shingle_size: 6,
            num_perm: 64,
            threshold: 0.25,
            containment: 0.5,
            min_shingles: 20,
            min_coverage: 0.6,
            min_substituted: 0.03,
        }
    }
}

impl Default for Params {
    fn default() -> Self {
        Params {
            shingle_size: 5,
            char_shingle_size: 7,
            num_perm: 128,
            threshold: 0.5,
            containment: 0.7,
            excerpts: true,
            min_excerpt_share: 0.0,
            lsh_threshold: 0.15,
            bands_rows: None,
            min_matching_bins: 8,
            seed: 0x006e_6561_7264_7570, // "neardup" in ASCII
            min_words: 10,
            min_chars: 20,
            max_df: 0.01,
            min_df_count: 20,
            site_min_df: 2,
            site_min_share: 0.05,
            df_sample_bytes: 16 << 20,
            site_sample_pages: 40,
            site_sample_bytes: 16 << 20,
            site_sample_share: 0.05,
            min_kept_share: 0.2,
            min_kept_shingles: 50,
            fields: FieldNames::default(),
            input_format: InputFormat::Auto,
            max_record_bytes: crate::corpus::DEFAULT_MAX_RECORD_BYTES,
            spin: Some(SpinParams::default()),
            max_align_bytes: crate::align::DEFAULT_MAX_ALIGN_BYTES,
            references: None,
            keep_pairs: false,
        }
    }
}

/// Which meaning of "near-duplicate" a run uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Profile {
    /// Articles on the web: boilerplate shingles left out, excerpts joined
    /// to the text they were cut from, spun rewrites found (the default).
    #[default]
    Article,
    /// The whole text as it is, as datasketch and text-dedup compare it:
    /// estimated Jaccard of all shingles, no boilerplate filter, no
    /// containment joins, no spin view.
    WholeText,
}

impl Params {
    /// The settings of a profile, everything else at its default.
    pub fn for_profile(profile: Profile) -> Params {
        let mut p = Params::default();
        p.apply_profile(profile);
        p
    }

    /// Switches off what `profile` leaves out (nothing for
    /// [`Profile::Article`]).
    pub fn apply_profile(&mut self, profile: Profile) {
        if profile == Profile::WholeText {
            self.max_df = 1.0;
            self.excerpts = false;
            self.spin = None;
        }
    }

    /// Tokens per shingle in a document of `script`.
    pub fn shingle_size_for(&self, script: Script) -> usize {
        match script {
            Script::Words => self.shingle_size,
            Script::Characters => self.char_shingle_size,
        }
    }

    /// Fewest tokens a document of `script` needs to be clustered.
    pub fn min_tokens_for(&self, script: Script) -> usize {
        match script {
            Script::Words => self.min_words,
            Script::Characters => self.min_chars,
        }
    }

    /// The verbatim view's LSH bands × rows: the explicit ones, or those
    /// tuned for `lsh_threshold`.
    pub fn lsh(&self) -> crate::lsh::LshParams {
        match self.bands_rows {
            Some((bands, rows)) => crate::lsh::LshParams { bands, rows },
            None => {
                crate::lsh::LshParams::for_threshold(self.lsh_threshold, self.num_perm, 0.5, 0.5)
            }
        }
    }

    /// True for a reference document of `--against`.
    pub fn is_reference(&self, at: &Location) -> bool {
        self.references.is_some_and(|n| at.source < n)
    }

    /// True when a pair may join: with `--against`, one side must be a reference.
    pub fn pair_allowed(&self, a: &Location, b: &Location) -> bool {
        self.references.is_none() || self.is_reference(a) || self.is_reference(b)
    }

    /// Checks ranges; the error names the setting by its field.
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |setting: &'static str, value: String, expected: String| {
            Err(Error::InvalidSetting {
                setting,
                value,
                expected,
            })
        };
        let unit = |v: f64, setting: &'static str| {
            if (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                bad(setting, v.to_string(), "between 0 and 1".into())
            }
        };
        unit(self.threshold, "threshold")?;
        unit(self.containment, "containment")?;
        unit(self.min_excerpt_share, "min_excerpt_share")?;
        unit(self.lsh_threshold, "lsh_threshold")?;
        unit(self.max_df, "max_df")?;
        unit(self.site_min_share, "site_min_share")?;
        unit(self.site_sample_share, "site_sample_share")?;
        let shingle = |n: usize, setting: &'static str| {
            if (1..=crate::shingle::MAX_SHINGLE).contains(&n) {
                Ok(())
            } else {
                bad(
                    setting,
                    n.to_string(),
                    format!("1 to {}", crate::shingle::MAX_SHINGLE),
                )
            }
        };
        shingle(self.shingle_size, "shingle_size")?;
        shingle(self.char_shingle_size, "char_shingle_size")?;
        if !(8..=4096).contains(&self.num_perm) {
            return bad("num_perm", self.num_perm.to_string(), "8 to 4096".into());
        }
        if let Some(sp) = &self.spin {
            unit(sp.threshold, "spin.threshold")?;
            unit(sp.min_coverage, "spin.min_coverage")?;
            shingle(sp.shingle_size, "spin.shingle_size")?;
        }
        if let Some((b, r)) = self.bands_rows {
            // Checked: a huge band count must not wrap around to a small product.
            if b == 0 || r == 0 || b.checked_mul(r).map_or(true, |n| n > self.num_perm) {
                return bad(
                    "bands_rows",
                    format!("{b} x {r}"),
                    format!("at least 1 each and at most num_perm ({})", self.num_perm),
                );
            }
        }
        Ok(())
    }

    /// The pages of one site a shingle must be on to be that site's chrome:
    /// `site_min_df`, at least 2 (one page repeats nothing). The site
    /// top-up ([`crate::corpus::sample`]) counts the sites with that many.
    pub fn site_min_pages(&self) -> usize {
        self.site_min_df.max(2)
    }

    /// A builder over the defaults, checked when built.
    pub fn builder() -> ParamsBuilder {
        ParamsBuilder(Params::default())
    }
}

/// Builds [`Params`] from the defaults, one setting at a time; [`build`]
/// checks them ([`Params::validate`]).
///
/// [`build`]: ParamsBuilder::build
#[derive(Clone, Debug)]
pub struct ParamsBuilder(Params);

impl ParamsBuilder {
    /// Everything a profile switches off (see [`Profile`]).
    pub fn profile(mut self, profile: Profile) -> Self {
        self.0.apply_profile(profile);
        self
    }
    /// Estimated Jaccard at or above which two documents are copies.
    pub fn threshold(mut self, t: f64) -> Self {
        self.0.threshold = t;
        self
    }
    /// Containment at or above which the shorter is an excerpt.
    pub fn containment(mut self, c: f64) -> Self {
        self.0.containment = c;
        self
    }
    /// Whether containment alone may join (excerpts).
    pub fn excerpts(mut self, on: bool) -> Self {
        self.0.excerpts = on;
        self
    }
    /// Signature length (datasketch's `num_perm`).
    pub fn num_perm(mut self, k: usize) -> Self {
        self.0.num_perm = k;
        self
    }
    /// Words per shingle.
    pub fn shingle_size(mut self, n: usize) -> Self {
        self.0.shingle_size = n;
        self
    }
    /// Characters per shingle for text written without spaces (Chinese,
    /// Japanese, Thai).
    pub fn char_shingle_size(mut self, n: usize) -> Self {
        self.0.char_shingle_size = n;
        self
    }
    /// The Jaccard the LSH bands are tuned for.
    pub fn lsh_threshold(mut self, t: f64) -> Self {
        self.0.lsh_threshold = t;
        self
    }
    /// Explicit LSH bands × rows.
    pub fn bands_rows(mut self, bands: usize, rows: usize) -> Self {
        self.0.bands_rows = Some((bands, rows));
        self
    }
    /// Hash seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.0.seed = seed;
        self
    }
    /// Documents with fewer words are not clustered.
    pub fn min_words(mut self, n: usize) -> Self {
        self.0.min_words = n;
        self
    }
    /// The spin-robust view on (its defaults) or off.
    pub fn spin(mut self, on: bool) -> Self {
        self.0.spin = on.then(SpinParams::default);
        self
    }
    /// Most bytes of each text the aligner reads (0: no cap).
    pub fn max_align_bytes(mut self, bytes: usize) -> Self {
        self.0.max_align_bytes = bytes;
        self
    }

    /// Bytes of text in the boilerplate sample.
    pub fn df_sample_bytes(mut self, bytes: u64) -> Self {
        self.0.df_sample_bytes = bytes;
        self
    }
    /// Pages each site lends the boilerplate sample at most.
    pub fn site_sample_pages(mut self, pages: usize) -> Self {
        self.0.site_sample_pages = pages;
        self
    }
    /// Bytes of text the sites' pages add to the sample at most (or
    /// `site_sample_share` of the corpus's text when more).
    pub fn site_sample_bytes(mut self, bytes: u64) -> Self {
        self.0.site_sample_bytes = bytes;
        self
    }
    /// Share of the corpus's text the sites' pages may add to the sample.
    pub fn site_sample_share(mut self, share: f64) -> Self {
        self.0.site_sample_share = share;
        self
    }
    /// Share of the sampled documents above which a shingle is boilerplate.
    pub fn max_df(mut self, share: f64) -> Self {
        self.0.max_df = share;
        self
    }
    /// ... and the fewest sampled documents that makes it so.
    pub fn min_df_count(mut self, n: usize) -> Self {
        self.0.min_df_count = n;
        self
    }
    /// Sampled pages of one site that make a shingle its chrome ...
    pub fn site_min_df(mut self, n: usize) -> Self {
        self.0.site_min_df = n;
        self
    }
    /// ... when they are also at least this share of the site's pages.
    pub fn site_min_share(mut self, share: f64) -> Self {
        self.0.site_min_share = share;
        self
    }
    /// Keep every verified pair in the outcome (the audit trail).
    pub fn keep_pairs(mut self, on: bool) -> Self {
        self.0.keep_pairs = on;
        self
    }
    /// The settings, checked.
    pub fn build(self) -> Result<Params, Error> {
        self.0.validate()?;
        Ok(self.0)
    }
}
