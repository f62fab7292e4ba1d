//! Flags shared by the subcommands that read a corpus.

use super::same_file::OwnFiles;
use super::CliError;
use clap::{Args, ValueEnum};
use globset::{Glob, GlobSet, GlobSetBuilder};
use neardup::corpus::{
    expand_inputs_with, keep_decompressed_copies, FieldNames, InputFormat, InputOptions, Skipped,
    Source,
};
use neardup::params::{Params, Profile, SpinParams};
use neardup::stats::Progress;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// `--input-format`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    /// JSON Lines for .jsonl/.ndjson/.json (optionally .gz/.zst) and stdin, plain text otherwise.
    Auto,
    /// Every input is JSON Lines.
    Jsonl,
    /// Every input file is one plain-text document.
    Text,
}

/// `--output-format`: how `-o` is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormatArg {
    /// Parquet when the path ends in `.parquet`, JSON Lines otherwise.
    Auto,
    /// JSON Lines.
    Jsonl,
    /// Parquet (zstd).
    Parquet,
}

impl OutputFormatArg {
    /// True when the output at `path` (None: stdout) is to be Parquet; an
    /// error when this build cannot write it.
    pub fn is_parquet(self, path: Option<&Path>) -> Result<bool, CliError> {
        let parquet = match self {
            OutputFormatArg::Parquet => true,
            OutputFormatArg::Jsonl => false,
            OutputFormatArg::Auto => path
                .and_then(Path::extension)
                .is_some_and(|e| e.eq_ignore_ascii_case("parquet")),
        };
        if parquet && !cfg!(feature = "parquet") {
            return Err(CliError::input(
                "this build writes no Parquet (cargo feature `parquet`)",
            ));
        }
        Ok(parquet)
    }
}

/// `--profile`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ProfileArg {
    /// Web articles: boilerplate-aware, excerpts, spin view.
    Article,
    /// The whole text, as datasketch and text-dedup compare it.
    WholeText,
}

/// The settings that decide what matches: the same for `cluster`, `dedup`
/// and `explain`, so that they agree on every pair.
#[derive(Args, Debug)]
pub struct MatchArgs {
    /// What a near-duplicate is: `article` (boilerplate left out, excerpts
    /// joined, spun rewrites found) or `whole-text` (estimated Jaccard of all
    /// the text, as datasketch and text-dedup: no boilerplate filter, no
    /// excerpts, no spin view).
    #[arg(long, value_enum, default_value = "article", help_heading = "Matching")]
    pub profile: ProfileArg,
    /// Estimated Jaccard similarity at or above which two documents are copies.
    #[arg(short, long, default_value_t = Params::default().threshold, help_heading = "Matching")]
    pub threshold: f64,
    /// Estimated containment of the shorter document in the longer at or above
    /// which it is an excerpt (a cut copy, or a copy inside a site's page).
    #[arg(long, default_value_t = Params::default().containment, help_heading = "Matching")]
    pub containment: f64,
    /// An excerpt must be at least this share of the copy it is dropped for
    /// (smaller, it is a passage quoted in a larger work: kept).
    #[arg(long, default_value_t = Params::default().min_excerpt_share, help_heading = "Matching")]
    pub min_excerpt_share: f64,
    /// Jaccard the LSH bands are tuned for (lower finds more excerpts, costs more pairs).
    #[arg(long, default_value_t = Params::default().lsh_threshold, help_heading = "Matching")]
    pub lsh_threshold: f64,
    /// LSH bands (with --rows, overrides --lsh-threshold).
    #[arg(long, requires = "rows", help_heading = "Matching")]
    pub bands: Option<usize>,
    /// LSH rows per band.
    #[arg(long, requires = "bands", help_heading = "Matching")]
    pub rows: Option<usize>,
    /// Signature length (MinHash bins).
    #[arg(long, default_value_t = Params::default().num_perm, help_heading = "Matching")]
    pub num_perm: usize,
    /// Words per shingle.
    #[arg(long, default_value_t = Params::default().shingle_size, help_heading = "Matching")]
    pub shingle_size: usize,
    /// Characters per shingle in text written without spaces (Chinese,
    /// Japanese, Thai: shingled by characters when most of its tokens are
    /// such characters).
    #[arg(long, default_value_t = Params::default().char_shingle_size, help_heading = "Matching")]
    pub char_shingle_size: usize,
    /// Hash seed (same seed, same signatures).
    #[arg(long, default_value_t = Params::default().seed, help_heading = "Matching")]
    pub seed: u64,
    /// Documents with fewer words are not clustered (reported as too short).
    #[arg(long, default_value_t = Params::default().min_words, help_heading = "Matching")]
    pub min_words: usize,
    /// Documents shingled by characters with fewer characters are not
    /// clustered (a Latin word in them counts as one).
    #[arg(long, default_value_t = Params::default().min_chars, help_heading = "Matching")]
    pub min_chars: usize,

    /// Shingles in more than this share of sampled documents are boilerplate
    /// and left out (1 turns the filter off).
    #[arg(long, default_value_t = Params::default().max_df, help_heading = "Boilerplate")]
    pub max_df: f64,
    /// ...and only if in at least this many sampled documents.
    #[arg(long, default_value_t = Params::default().min_df_count, help_heading = "Boilerplate")]
    pub min_df_count: usize,
    /// Shingles in at least this many sampled pages of one site are that site's boilerplate.
    #[arg(long, default_value_t = Params::default().site_min_df, help_heading = "Boilerplate")]
    pub site_min_df: usize,
    /// ...and in at least this share of the site's sampled pages (0-1): a
    /// passage on a few of a large site's pages (two versions of one page)
    /// is not its chrome.
    #[arg(long, default_value_t = Params::default().site_min_share, help_heading = "Boilerplate")]
    pub site_min_share: f64,
    /// Megabytes of text in the boilerplate sample (documents chosen by a
    /// hash of their text; fractions allowed).
    #[arg(long, default_value_t = (Params::default().df_sample_bytes >> 20) as f64, value_parser = positive_mb, help_heading = "Boilerplate")]
    pub df_sample_mb: f64,
    /// Each site lends the boilerplate sample its pages ranked up to this
    /// many by the sample's hash, so that a small site's chrome is learned
    /// however large the corpus (0 turns this off).
    #[arg(long, default_value_t = Params::default().site_sample_pages, help_heading = "Boilerplate")]
    pub site_sample_pages: usize,
    /// ...adding at most this many megabytes of text in all, or
    /// --site-sample-share of the corpus's text when that is more (fewer
    /// pages a site until they fit; what is left goes to whole sites).
    #[arg(long, default_value_t = (Params::default().site_sample_bytes >> 20) as f64, value_parser = positive_mb, help_heading = "Boilerplate")]
    pub site_sample_mb: f64,
    /// Share of the corpus's text the sites' pages may add to the
    /// boilerplate sample (0 to 1): it costs shingling that much more
    /// text, not memory.
    #[arg(long, default_value_t = Params::default().site_sample_share, help_heading = "Boilerplate")]
    pub site_sample_share: f64,

    /// Never drop a document only because it is contained in another
    /// (excerpts): only exact copies, Jaccard at or above --threshold, and
    /// spun rewrites join.
    #[arg(long, help_heading = "Matching")]
    pub no_excerpts: bool,
    /// Turn the spin view off: verbatim near-duplicates only (faster; synonym-spun
    /// rewrites are not found).
    #[arg(long, help_heading = "Spin")]
    pub no_spin: bool,
    /// Estimated Jaccard of immutable-word 6-grams (function-word classes, numbers,
    /// names) at or above which a pair is aligned to check for a spun rewrite.
    #[arg(long, default_value_t = SpinParams::default().threshold, help_heading = "Spin")]
    pub spin_threshold: f64,
    /// Share of the shorter document the aligner must cover for a spun pair to join.
    #[arg(long, default_value_t = SpinParams::default().min_coverage, help_heading = "Spin")]
    pub spin_coverage: f64,
    /// Most bytes of each text the aligner reads (explain's passages, the
    /// report's pairs, the spin view's checks); a longer text is aligned in
    /// windows where the other's passages are, and the output says so.
    /// Scores are always on the whole texts. 0: no cap.
    #[arg(long, default_value_t = Params::default().max_align_bytes, value_name = "BYTES", help_heading = "Spin")]
    pub max_align_bytes: usize,
}

impl MatchArgs {
    /// Writes these settings into `p`.
    pub fn apply(&self, p: &mut Params) {
        p.shingle_size = self.shingle_size;
        p.char_shingle_size = self.char_shingle_size;
        p.num_perm = self.num_perm;
        p.threshold = self.threshold;
        p.containment = self.containment;
        p.min_excerpt_share = self.min_excerpt_share;
        p.excerpts = !self.no_excerpts;
        p.lsh_threshold = self.lsh_threshold;
        p.bands_rows = self.bands.zip(self.rows);
        p.seed = self.seed;
        p.min_words = self.min_words;
        p.min_chars = self.min_chars;
        p.max_df = self.max_df;
        p.min_df_count = self.min_df_count;
        p.site_min_df = self.site_min_df;
        p.site_min_share = self.site_min_share;
        p.df_sample_bytes = (self.df_sample_mb * (1u64 << 20) as f64) as u64;
        p.site_sample_pages = self.site_sample_pages;
        p.site_sample_bytes = (self.site_sample_mb * (1u64 << 20) as f64) as u64;
        p.site_sample_share = self.site_sample_share;
        p.max_align_bytes = self.max_align_bytes;
        p.spin = (!self.no_spin).then(|| SpinParams {
            threshold: self.spin_threshold,
            min_coverage: self.spin_coverage,
            ..SpinParams::default()
        });
        p.apply_profile(match self.profile {
            ProfileArg::Article => Profile::Article,
            ProfileArg::WholeText => Profile::WholeText,
        });
    }
}

/// Inputs, field names, algorithm settings, threads and error handling.
#[derive(Args, Debug)]
pub struct CorpusArgs {
    /// Files or directories to read; `-` reads JSON Lines from stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// How to read inputs.
    #[arg(long, value_enum, default_value = "auto", help_heading = "Input")]
    pub input_format: FormatArg,
    /// Field (JSON key or Parquet column; `a.b` is `b` inside `a`) holding
    /// the document id (missing: FILE:LINE, or FILE:ROW, is used and counted).
    #[arg(long, default_value = "id", help_heading = "Input")]
    pub id_field: String,
    /// Field holding the text (`a.b` for nested).
    #[arg(long, default_value = "text", help_heading = "Input")]
    pub text_field: String,
    /// Field holding the publication date (RFC 3339, RFC 2822, `2026-03-14`, `March 14, 2026`, or a Parquet timestamp or date), used to pick the origin.
    #[arg(long, default_value = "date", help_heading = "Input")]
    pub date_field: String,
    /// Field naming the publishing site (a URL's host is used), for boilerplate.
    #[arg(
        long,
        visible_alias = "url-field",
        default_value = "url",
        help_heading = "Input"
    )]
    pub site_field: String,
    /// Records (JSON lines, text files) longer than this many bytes are
    /// skipped as too_large, without being read into memory.
    #[arg(long, default_value_t = neardup::corpus::DEFAULT_MAX_RECORD_BYTES, value_name = "BYTES", help_heading = "Input")]
    pub max_record_bytes: u64,
    /// In directories, also read hidden files and directories (names starting with `.`).
    #[arg(long, help_heading = "Input")]
    pub hidden: bool,
    /// In directories, read only files matching this glob (on the path
    /// relative to the directory, or the file name); repeatable.
    #[arg(long, value_name = "GLOB", help_heading = "Input")]
    pub glob: Vec<String>,
    /// In directories, leave out files and directories matching this glob; repeatable.
    #[arg(long, value_name = "GLOB", help_heading = "Input")]
    pub exclude: Vec<String>,

    /// Read gzip and zstd inputs as streams, once per pass over them,
    /// instead of keeping a decompressed copy of each in the temporary
    /// directory (TMPDIR) for the run: no disk used, several passes of
    /// decompression. The result is the same either way.
    #[arg(long, help_heading = "Input")]
    pub stream_compressed: bool,

    #[command(flatten)]
    pub matching: MatchArgs,

    /// Search the inputs for copies (verbatim or spun) of these reference
    /// documents only: every cluster is a reference with its copies, and the
    /// reference is the origin. Repeat for more files.
    #[arg(long, value_name = "REFS", help_heading = "Spin")]
    pub against: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, help_heading = "Run")]
    pub threads: Option<usize>,
    /// Stop with an error on the first record that cannot be used.
    #[arg(long, help_heading = "Run")]
    pub strict: bool,
    /// Write every skipped record (file, line, id, reason) to this JSON Lines file.
    #[arg(long, value_name = "FILE", help_heading = "Run")]
    pub skipped: Option<PathBuf>,
    /// Write every verified pair (both ids, the scores, what the rules allow
    /// each way, and the origin a member was dropped for) to this JSON
    /// Lines file: the audit trail of every cluster.
    #[arg(long, value_name = "FILE", help_heading = "Run")]
    pub pairs: Option<PathBuf>,
    /// No progress bars and no summary on stderr.
    #[arg(short, long, help_heading = "Run")]
    pub quiet: bool,
}

impl CorpusArgs {
    /// The run settings these flags describe.
    pub fn params(&self) -> Result<Params, CliError> {
        let mut p = Params {
            fields: FieldNames {
                id: self.id_field.clone(),
                text: self.text_field.clone(),
                date: self.date_field.clone(),
                site: self.site_field.clone(),
            },
            input_format: match self.input_format {
                FormatArg::Auto => InputFormat::Auto,
                FormatArg::Jsonl => InputFormat::Jsonl,
                FormatArg::Text => InputFormat::Text,
            },
            max_record_bytes: self.max_record_bytes,
            ..Params::default()
        };
        self.matching.apply(&mut p);
        p.keep_pairs = self.pairs.is_some();
        p.validate().map_err(CliError::library)?;
        Ok(p)
    }

    /// Sets up the thread pool.
    pub fn init_threads(&self) -> Result<(), CliError> {
        if let Some(n) = self.threads {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build_global()
                .map_err(|e| CliError::input(format!("--threads: {e}")))?;
        }
        Ok(())
    }

    /// Every path the run reads: the `--against` references and the inputs.
    pub fn read_paths(&self) -> Vec<PathBuf> {
        self.against.iter().chain(&self.inputs).cloned().collect()
    }

    /// Expands the inputs; with `--strict` an unreadable input is fatal.
    /// The `--against` reference sources (the first `params.references`,
    /// which this sets; they come first so that a reference wins over a
    /// corpus record with the same id), then the inputs. Files of `own`
    /// (this run's outputs, found by walking a directory) are left out.
    pub fn sources(
        &self,
        params: &mut Params,
        own: &OwnFiles,
    ) -> Result<(Vec<Source>, Vec<Skipped>), CliError> {
        let (mut sources, mut bad) = (Vec::new(), Vec::new());
        let opts = InputOptions {
            format: params.input_format,
            hidden: self.hidden,
            include: globs("--glob", &self.glob)?,
            exclude: globs("--exclude", &self.exclude)?,
        };
        if !self.against.is_empty() {
            let (refs, bad_refs) = expand_inputs_with(&self.against, &opts);
            let refs = self.without_own(refs, own);
            if refs.is_empty() {
                let why = bad_refs
                    .first()
                    .map(|b| format!(": {b}"))
                    .unwrap_or_default();
                return Err(CliError::input(format!("no readable --against input{why}")));
            }
            params.references = Some(refs.len() as u32);
            sources = refs;
            bad = bad_refs;
        }
        let (inputs, bad_inputs) = expand_inputs_with(&self.inputs, &opts);
        let inputs = self.without_own(inputs, own);
        let n_inputs = inputs.len();
        sources.extend(inputs);
        bad.extend(bad_inputs);
        if self.strict {
            if let Some(b) = bad.first() {
                return Err(CliError::input(b.to_string()));
            }
        }
        // Inputs that are all missing are an error; an empty directory is
        // an empty input.
        if n_inputs == 0 && !bad.is_empty() {
            let why = bad.first().map(|b| format!(": {b}")).unwrap_or_default();
            return Err(CliError::input(format!("no readable input{why}")));
        }
        Ok((sources, bad))
    }

    /// Gives each compressed source a decompressed copy to be read from
    /// for the run (unless `--stream-compressed`), saying which are read
    /// compressed and why; returns the time it took and the bytes copied
    /// when any was copied (`neardup::corpus::keep_decompressed_copies`).
    pub fn unpack(
        &self,
        sources: &mut [Source],
        progress: &dyn Progress,
    ) -> Option<(Duration, u64)> {
        if self.stream_compressed || !sources.iter().any(Source::is_compressed) {
            return None;
        }
        let t = Instant::now();
        progress.stage("unpack", None);
        let report = keep_decompressed_copies(sources, &|n| progress.advance(n));
        progress.finish_stage();
        if !self.quiet {
            for (name, why) in &report.streamed {
                eprintln!("neardup: note: reading {name} compressed, in one pass of decompression a stage: {why}");
            }
        }
        (report.copied > 0).then(|| (t.elapsed(), report.bytes))
    }

    /// `sources` without the files this run writes (a directory input that
    /// holds an output: its earlier contents are not input), saying so.
    fn without_own(&self, mut sources: Vec<Source>, own: &OwnFiles) -> Vec<Source> {
        sources.retain(|s| {
            let mine = if s.name == "-" {
                None
            } else {
                own.find(&s.path)
            };
            if mine == Some(true) && !self.quiet {
                eprintln!(
                    "neardup: not reading {}: it is an output of this run",
                    crate::report::terminal::for_terminal(&s.name)
                );
            }
            mine.is_none()
        });
        sources
    }
}

/// A set of `--glob`/`--exclude` patterns (None when there are none).
fn globs(flag: &str, patterns: &[String]) -> Result<Option<GlobSet>, CliError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut set = GlobSetBuilder::new();
    for p in patterns {
        let glob = Glob::new(p).map_err(|e| CliError::input(format!("{flag} {p}: {e}")))?;
        set.add(glob);
    }
    let set = set
        .build()
        .map_err(|e| CliError::input(format!("{flag}: {e}")))?;
    Ok(Some(set))
}

/// A positive number of megabytes.
fn positive_mb(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v * (1u64 << 20) as f64 >= 1.0 => Ok(v),
        Ok(_) => Err("must be a positive size (at least one byte)".into()),
        Err(e) => Err(e.to_string()),
    }
}
