//! `neardup sign`, `pairs` and `components`: the staged pipeline, one
//! command per stage of [`neardup::stages`], each a thin wrapper that reads
//! and writes the stage directory (layout and schemas in docs/output.md):
//!
//! ```text
//! DIR/manifest.json                          settings, sources, shard and group counts
//! DIR/boilerplate.bin                        the boilerplate set (u64 little-endian, sorted)
//! DIR/boilerplate.json                       what the boilerplate sample found
//! DIR/docs/part-I-of-N.parquet               signed documents of shard I
//! DIR/skipped/part-I-of-N.parquet            records shard I did not sign, and why
//! DIR/counts/part-I-of-N.json                what shard I's signing pass counted
//! DIR/bands/group-G/part-I-of-N.parquet      band rows of group G from shard I
//! DIR/pairs/group-G.parquet                  verified pairs of band group G
//! ```
//!
//! Every stage takes the inputs and settings of the run again (it reads
//! texts back, and a mismatch with the manifest is refused), writes each
//! file whole under a temporary name and renames it into place, and skips
//! the files already in place: a killed stage is run again and does only
//! what is missing. `components` writes what `neardup cluster` writes, and
//! `apply` what `neardup dedup` writes (it clusters the verified pairs
//! again, in memory: that is quick, and it leaves one writer per output).

mod counts;
mod files;
mod manifest;

use super::args::CorpusArgs;
use super::cluster::{self, ClusterArgs};
use super::dedup::{self, DedupArgs};
use super::output_file::{commit_all, OutputFile, Outputs};
use super::progress::Bars;
use super::{summary, CliError};
use clap::Args;
use manifest::Manifest;
use neardup::boilerplate::sample_boilerplate;
use neardup::corpus::{SkipLog, Skipped, Source, SourceTexts};
use neardup::params::Params;
use neardup::pipeline::{sign_corpus, Outcome, Progress, RunStats};
use neardup::shingle::Boilerplate;
use neardup::stages::pairs::{band_rows, BandRow, KeyedPair};
use neardup::stages::{
    candidate_pairs_of_bands, cluster_verified, doc_key, into_id_order, verify_candidates,
    KeyIndex, SignedCorpus, MAX_SOURCES,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

/// `--shard I/N`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// This shard (0-based).
    pub index: u32,
    /// Shards in all.
    pub count: u32,
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (i, n) = s.split_once('/').ok_or("expected I/N, such as 0/4")?;
        let (index, count): (u32, u32) = (
            i.parse().map_err(|e| format!("{i}: {e}"))?,
            n.parse().map_err(|e| format!("{n}: {e}"))?,
        );
        if count == 0 || index >= count {
            return Err(format!("{s}: I must be below N (shards are 0 to N-1)"));
        }
        Ok(Shard { index, count })
    }
}

/// Arguments of `neardup sign`.
#[derive(Args, Debug)]
pub struct SignArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The stage directory (created when missing).
    #[arg(long, value_name = "DIR", help_heading = "Stages")]
    pub stage: PathBuf,
    /// Sign only the sources whose index is I modulo N (0-based), so that
    /// N processes sign a corpus apart; every one must be given the same
    /// inputs and settings.
    #[arg(
        long,
        value_name = "I/N",
        default_value = "0/1",
        help_heading = "Stages"
    )]
    pub shard: Shard,
    /// How many groups the band rows are split into (one `pairs` run per
    /// group can run apart).
    #[arg(long, value_name = "N", default_value_t = 4, help_heading = "Stages")]
    pub band_groups: u32,
    /// Take the boilerplate set from this file (a stage directory's
    /// `boilerplate.bin`) instead of sampling the inputs.
    #[arg(long, value_name = "FILE", help_heading = "Stages")]
    pub boilerplate: Option<PathBuf>,
}

/// Arguments of `neardup pairs`.
#[derive(Args, Debug)]
pub struct PairsArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The stage directory `neardup sign` wrote.
    #[arg(long, value_name = "DIR", help_heading = "Stages")]
    pub stage: PathBuf,
    /// Verify only this band group (0-based; default: every group not done).
    #[arg(long, value_name = "G", help_heading = "Stages")]
    pub band_group: Option<u32>,
}

/// Arguments of `neardup components`.
#[derive(Args, Debug)]
pub struct ComponentsArgs {
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// The stage directory `neardup sign` and `neardup pairs` wrote.
    #[arg(long, value_name = "DIR", help_heading = "Stages")]
    pub stage: PathBuf,
}

/// Arguments of `neardup apply`.
#[derive(Args, Debug)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub dedup: DedupArgs,
    /// The stage directory `neardup sign` and `neardup pairs` wrote.
    #[arg(long, value_name = "DIR", help_heading = "Stages")]
    pub stage: PathBuf,
}

/// The files of a stage directory.
struct StageDir(PathBuf);

impl StageDir {
    fn manifest(&self) -> PathBuf {
        self.0.join("manifest.json")
    }
    fn boilerplate(&self) -> PathBuf {
        self.0.join("boilerplate.bin")
    }
    fn docs(&self, shard: u32, shards: u32) -> PathBuf {
        self.0
            .join("docs")
            .join(format!("part-{shard:05}-of-{shards:05}.parquet"))
    }
    fn sample_counts(&self) -> PathBuf {
        self.0.join("boilerplate.json")
    }
    fn counts(&self, shard: u32, shards: u32) -> PathBuf {
        self.0
            .join("counts")
            .join(format!("part-{shard:05}-of-{shards:05}.json"))
    }
    fn skipped(&self, shard: u32, shards: u32) -> PathBuf {
        self.0
            .join("skipped")
            .join(format!("part-{shard:05}-of-{shards:05}.parquet"))
    }
    fn bands(&self, group: u32, shard: u32, shards: u32) -> PathBuf {
        self.0
            .join("bands")
            .join(format!("group-{group:03}"))
            .join(format!("part-{shard:05}-of-{shards:05}.parquet"))
    }
    fn pairs(&self, group: u32) -> PathBuf {
        self.0
            .join("pairs")
            .join(format!("group-{group:03}.parquet"))
    }

    /// Creates the directory of `file`.
    fn make_parent(file: &Path) -> Result<(), CliError> {
        let dir = file.parent().expect("stage files are in a directory");
        std::fs::create_dir_all(dir)
            .map_err(|e| CliError::io(&format!("creating {}", dir.display()), e))
    }

    /// The manifest of this directory, checked against this run's; with
    /// `create`, a directory without one gets `run`'s.
    fn agree(&self, run: &Manifest, create: bool) -> Result<Manifest, CliError> {
        let path = self.manifest();
        let dir = self.0.display();
        match counts::read_json::<Manifest>(&path)? {
            Some(m) => match m.mismatch(run) {
                Some(why) => Err(CliError::input(format!(
                    "the stage directory {dir} does not fit this run: {why}"
                ))),
                None => Ok(m),
            },
            None if create => {
                Self::make_parent(&path)?;
                counts::write_json(&path, run)?;
                Ok(run.clone())
            }
            None => Err(CliError::input(format!(
                "{dir} has no manifest.json: run `neardup sign --stage {dir}` first"
            ))),
        }
    }
}

/// The sources and settings of a staged run, with the checks every stage
/// makes: no stdin (each stage reads the inputs again), a stage directory
/// not inside an input (its files would be read as input), keys that fit.
/// With `create` (`sign`), a missing directory is made.
fn sources_of(
    args: &CorpusArgs,
    dir: &Path,
    create: bool,
) -> Result<(Params, Vec<Source>, Vec<Skipped>), CliError> {
    args.init_threads()?;
    no_stdin(args)?;
    if create {
        std::fs::create_dir_all(dir)
            .map_err(|e| CliError::io(&format!("creating {}", dir.display()), e))?;
    } else if !dir.is_dir() {
        return Err(CliError::input(format!(
            "no stage directory {}: run `neardup sign --stage {}` first",
            dir.display(),
            dir.display()
        )));
    }
    let stage = dir.canonicalize().map_err(|e| CliError::io("--stage", e))?;
    for input in args.read_paths() {
        if input.canonicalize().is_ok_and(|i| stage.starts_with(&i)) {
            return Err(CliError::input(format!(
                "the stage directory {} is inside the input {}: its files would be read as input",
                dir.display(),
                input.display()
            )));
        }
    }
    let mut params = args.params()?;
    let (sources, unreadable) = args.sources(&mut params, &Default::default())?;
    if sources.len() >= MAX_SOURCES {
        return Err(CliError::input(format!(
            "{} sources: a staged run keys at most {MAX_SOURCES}",
            sources.len()
        )));
    }
    Ok((params, sources, unreadable))
}

/// Reads a boilerplate file (None when there is none).
fn read_boilerplate(path: &Path) -> Result<Option<Vec<u64>>, CliError> {
    match std::fs::read(path) {
        Ok(b) if b.len() % 8 == 0 => Ok(Some(
            b.chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
                .collect(),
        )),
        Ok(_) => Err(CliError::input(format!(
            "{}: not a boilerplate file (a multiple of 8 bytes)",
            path.display()
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CliError::io(&format!("reading {}", path.display()), e)),
    }
}

/// The run's boilerplate set: the directory's when it has one, else the
/// `--boilerplate` file's, else sampled over all the inputs (the same set
/// for every shard: the sample is chosen by id hash over the whole
/// corpus); written to the directory for the shards and stages after.
fn boilerplate(
    dir: &StageDir,
    from: Option<&Path>,
    sources: &[Source],
    params: &Params,
    bars: &Bars,
) -> Result<Boilerplate, CliError> {
    let given = from.map(read_boilerplate).transpose()?;
    if let Some(hashes) = read_boilerplate(&dir.boilerplate())? {
        if given.as_ref().is_some_and(|g| g != &Some(hashes.clone())) {
            return Err(CliError::input(format!(
                "--boilerplate differs from the stage directory's {}",
                dir.boilerplate().display()
            )));
        }
        return Ok(Boilerplate::new(hashes));
    }
    let set = match given {
        Some(Some(hashes)) => Boilerplate::new(hashes),
        Some(None) => {
            return Err(CliError::input(format!(
                "--boilerplate {}: no such file",
                from.expect("given").display()
            )))
        }
        None if params.max_df < 1.0 => {
            bars.stage("sample", None);
            let b = sample_boilerplate(sources, params, |n| bars.advance(n));
            bars.finish_stage();
            let found = counts::SampleCounts {
                shingles: b.set.len(),
                sample_docs: b.sample_docs,
                min_df: b.min_df,
                site_min_df: params.site_min_df.max(2),
            };
            counts::write_json(&dir.sample_counts(), &found)?;
            b.set
        }
        None => Boilerplate::default(),
    };
    let mut f = OutputFile::create("--stage", &dir.boilerplate())?;
    let bytes: Vec<u8> = set.hashes().iter().flat_map(|h| h.to_le_bytes()).collect();
    f.write_all(&bytes).map_err(|e| f.error(e))?;
    commit_all([f])?;
    Ok(set)
}

pub(super) fn sign(args: SignArgs) -> Result<ExitCode, CliError> {
    let dir = StageDir(args.stage.clone());
    let (params, sources, unreadable) = sources_of(&args.corpus, &dir.0, true)?;
    let Shard { index, count } = args.shard;
    if args.band_groups == 0 || args.band_groups as usize > params.lsh().bands {
        return Err(CliError::input(format!(
            "--band-groups {}: between 1 and the {} bands",
            args.band_groups,
            params.lsh().bands
        )));
    }
    let run = Manifest::new(&params, &sources, count, args.band_groups);
    let m = dir.agree(&run, true)?;
    let docs_path = dir.docs(index, count);
    if docs_path.exists() {
        if !args.corpus.quiet {
            eprintln!(
                "neardup: shard {index}/{count} is signed already ({})",
                docs_path.display()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut outputs = Outputs::open(
        &args.corpus.read_paths(),
        &[("--skipped", args.corpus.skipped.as_deref())],
    )?;
    let bars = Bars::new(args.corpus.quiet);
    let boiler = boilerplate(&dir, args.boilerplate.as_deref(), &sources, &params, &bars)?;
    // This shard's sources; the documents keep their index in the whole list.
    let mine: Vec<u32> = (0..sources.len() as u32)
        .filter(|s| s % count == index)
        .collect();
    let shard_sources: Vec<Source> = mine.iter().map(|&s| sources[s as usize].clone()).collect();
    let (skipped_file, to_file) = SkippedFile::create(&dir.skipped(index, count), mine.clone())?;
    let mut skipped = SkipLog::new(args.corpus.skipped.is_some())
        .map_err(|e| CliError::io("creating a temporary file for --skipped", e))?
        .stop_at_first(args.corpus.strict)
        .also_to(to_file);
    if index == 0 {
        unreadable.into_iter().for_each(|s| skipped.push(s));
    }
    bars.stage("sign", None);
    let mut signed = sign_corpus(&shard_sources, &params, &boiler, skipped, &bars);
    bars.finish_stage();
    for d in &mut signed.corpus.docs {
        d.location.source = mine[d.location.source as usize];
    }
    skipped_file.commit()?;
    if let Some(mut f) = outputs.take("--skipped") {
        summary::write_skipped(&mut f, &mut signed.skipped)?;
        commit_all([f])?;
    }
    if args.corpus.strict {
        summary::check_strict(&signed.skipped)?;
    }
    let corpus = &signed.corpus;
    let shard_counts = counts::ShardCounts {
        bytes: signed.bytes,
        ids_from_location: signed.ids_from_location,
        bad_dates: signed.bad_dates,
        docs_with_boilerplate: corpus.docs.iter().filter(|d| d.boilerplate > 0).count() as u64,
    };
    let counts_path = dir.counts(index, count);
    StageDir::make_parent(&counts_path)?;
    counts::write_json(&counts_path, &shard_counts)?;
    let k = params.num_perm;
    write_band_groups(&dir, corpus, &params, m.band_groups, args.shard)?;
    // The documents last: their file in place marks the shard complete.
    StageDir::make_parent(&docs_path)?;
    let spin_k = params.spin.as_ref().map_or(0, |s| s.num_perm);
    files::write_docs(&docs_path, corpus, k, spin_k)?;
    if !args.corpus.quiet {
        eprintln!(
            "neardup: shard {index}/{count}: {} documents signed, {} records skipped, into {}",
            corpus.docs.len(),
            signed.skipped.records(),
            dir.0.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a shard's band rows, a group at a time (only one group's rows
/// are held: they are 24 bytes a band, more than the signature).
fn write_band_groups(
    dir: &StageDir,
    corpus: &SignedCorpus,
    params: &Params,
    groups: u32,
    shard: Shard,
) -> Result<(), CliError> {
    let (k, lsh) = (params.num_perm, params.lsh());
    for g in 0..groups {
        let mut rows: Vec<BandRow> = corpus
            .docs
            .iter()
            .enumerate()
            .flat_map(|(i, d)| {
                band_rows(
                    doc_key(&d.location),
                    &corpus.signatures[i * k..(i + 1) * k],
                    lsh,
                )
                .filter(|r| r.band % groups == g)
            })
            .collect();
        rows.sort_unstable();
        let path = dir.bands(g, shard.index, shard.count);
        StageDir::make_parent(&path)?;
        files::write_bands(&path, &rows)?;
    }
    Ok(())
}

/// A shard's skipped records on their way to its stage file, a batch at a
/// time, as the sign pass skips them.
struct SkippedFile(Arc<Mutex<Option<SkippedRows>>>);

struct SkippedRows {
    writer: files::RowsWriter<Skipped>,
    rows: Vec<Skipped>,
    error: Option<CliError>,
}

impl SkippedFile {
    /// Rows per write.
    const BATCH: usize = 1 << 14;

    /// The file at `path`, and the sink for [`SkipLog::also_to`] that fills
    /// it; a record's source index in the shard becomes its index in the
    /// whole list (`mine[i]`).
    fn create(
        path: &Path,
        mine: Vec<u32>,
    ) -> Result<(Self, impl FnMut(&Skipped) + Send + Sync + 'static), CliError> {
        StageDir::make_parent(path)?;
        let rows = SkippedRows {
            writer: files::skipped_writer(path)?,
            rows: Vec::new(),
            error: None,
        };
        let shared = Arc::new(Mutex::new(Some(rows)));
        let sink = {
            let shared = shared.clone();
            move |s: &Skipped| {
                let mut s = s.clone();
                if let Some(at) = s.location.as_mut() {
                    at.source = mine[at.source as usize];
                }
                if let Some(r) = lock(&shared).as_mut() {
                    r.rows.push(s);
                    if r.rows.len() >= Self::BATCH && r.error.is_none() {
                        r.error = r.writer.write(&r.rows).err();
                        r.rows.clear();
                    }
                }
            }
        };
        Ok((SkippedFile(shared), sink))
    }

    /// Writes the rest and renames the file into place.
    fn commit(self) -> Result<(), CliError> {
        let SkippedRows {
            mut writer,
            rows,
            error,
        } = lock(&self.0).take().expect("committed once");
        if let Some(e) = error {
            return Err(e);
        }
        writer.write(&rows)?;
        writer.commit()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What `pairs` and `components` read of a stage directory: the signed
/// documents of every shard in id order (repeated ids settled as in the
/// one-command run), their keys, the boilerplate set.
struct Loaded {
    manifest: Manifest,
    corpus: SignedCorpus,
    index: KeyIndex,
    boilerplate: Boilerplate,
    duplicates: Vec<Skipped>,
}

fn load(dir: &StageDir, params: &Params, sources: &[Source]) -> Result<Loaded, CliError> {
    let manifest = dir.agree(&Manifest::new(params, sources, 0, 0), false)?;
    let k = params.num_perm;
    let spin_k = params.spin.as_ref().map_or(0, |s| s.num_perm);
    let mut corpus = SignedCorpus::default();
    for i in 0..manifest.shards {
        let path = dir.docs(i, manifest.shards);
        if !path.exists() {
            return Err(CliError::input(format!(
                "shard {i}/{} is not signed yet ({} is missing): run `neardup sign --shard {i}/{}`",
                manifest.shards,
                path.display(),
                manifest.shards
            )));
        }
        files::read_docs(&path, &mut corpus, k, spin_k)?;
    }
    let name = |s: u32| sources[s as usize].name.clone();
    let (corpus, duplicates) = into_id_order(corpus, params, &name);
    let index = KeyIndex::new(&corpus.docs);
    let boilerplate = Boilerplate::new(read_boilerplate(&dir.boilerplate())?.unwrap_or_default());
    Ok(Loaded {
        manifest,
        corpus,
        index,
        boilerplate,
        duplicates,
    })
}

pub(super) fn pairs(args: PairsArgs) -> Result<ExitCode, CliError> {
    let dir = StageDir(args.stage.clone());
    let (params, sources, _) = sources_of(&args.corpus, &dir.0, false)?;
    let l = load(&dir, &params, &sources)?;
    let (groups, shards) = (l.manifest.band_groups, l.manifest.shards);
    let todo: Vec<u32> = match args.band_group {
        Some(g) if g >= groups => {
            return Err(CliError::input(format!(
                "--band-group {g}: the directory has groups 0 to {}",
                groups - 1
            )))
        }
        Some(g) => vec![g],
        None => (0..groups).collect(),
    };
    let read = SourceTexts {
        sources: &sources,
        fields: &params.fields,
    };
    for g in todo {
        let out = dir.pairs(g);
        if out.exists() {
            if !args.corpus.quiet {
                eprintln!(
                    "neardup: band group {g} is verified already ({})",
                    out.display()
                );
            }
            continue;
        }
        let mut rows = Vec::new();
        for i in 0..shards {
            files::read_bands(&dir.bands(g, i, shards), &mut rows)?;
        }
        let candidates = candidate_pairs_of_bands(&rows, &l.corpus, &l.index, &params);
        drop(rows);
        let mut stats = RunStats::default();
        let edges = verify_candidates(
            &candidates,
            &l.corpus,
            &read,
            &l.boilerplate,
            &params,
            &mut stats,
        );
        let keyed: Vec<KeyedPair> = edges.iter().map(|e| KeyedPair::of(e, &l.index)).collect();
        StageDir::make_parent(&out)?;
        files::write_pairs(&out, &keyed)?;
        if !args.corpus.quiet {
            eprintln!(
                "neardup: band group {g}: {} candidate pairs, {} verified ({} re-read)",
                stats.candidate_pairs, stats.verified_pairs, stats.rechecked_pairs
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses stdin, which a staged run cannot read again.
fn no_stdin(args: &CorpusArgs) -> Result<(), CliError> {
    if args.inputs.iter().any(|p| p.as_os_str() == "-") {
        return Err(CliError::input(
            "a staged run cannot read stdin: every stage reads the inputs again",
        ));
    }
    Ok(())
}

/// The outcome of a staged run, for `cluster`'s and `dedup`'s writers: the
/// signed documents, the records the shards skipped (in input order, then
/// the repeated ids, as one command logs them; `skipped` holds this run's
/// unreadable inputs already), and the clusters of every group's verified
/// pairs.
fn staged_outcome(
    dir: &StageDir,
    sources: &[Source],
    mut skipped: SkipLog,
    params: &Params,
    bars: &Bars,
) -> Result<Outcome, CliError> {
    let l = load(dir, params, sources)?;
    let shards = l.manifest.shards;
    let mut records = Vec::new();
    let mut stats = RunStats::default();
    for i in 0..shards {
        files::read_skipped(&dir.skipped(i, shards), &mut records)?;
        let c: Option<counts::ShardCounts> = counts::read_json(&dir.counts(i, shards))?;
        c.unwrap_or_default().add_to(&mut stats);
    }
    let sample: Option<counts::SampleCounts> = counts::read_json(&dir.sample_counts())?;
    sample.unwrap_or_default().set_in(&mut stats);
    records.retain(|s| s.location.is_some());
    records.sort_by_key(|s| s.location.map(|l| (l.source, l.line)));
    records.into_iter().for_each(|s| skipped.push(s));
    l.duplicates.into_iter().for_each(|s| skipped.push(s));
    let mut keyed = Vec::new();
    for g in 0..l.manifest.band_groups {
        let path = dir.pairs(g);
        if !path.exists() {
            return Err(CliError::input(format!(
                "band group {g} is not verified yet ({} is missing): run `neardup pairs`",
                path.display()
            )));
        }
        files::read_pairs(&path, &mut keyed)?;
    }
    let edges = keyed.iter().filter_map(|p| p.edge(&l.index)).collect();
    drop(keyed);
    // No LSH counters: `pairs` reported those, group by group.
    stats.records = l.corpus.docs.len() as u64 + skipped.records();
    let read = SourceTexts {
        sources,
        fields: &params.fields,
    };
    let (clustering, pairs) = cluster_verified(&l.corpus, edges, &read, params, &mut stats, bars);
    Ok(Outcome {
        docs: l.corpus.docs,
        clustering,
        skipped,
        stats,
        boilerplate: l.boilerplate,
        pairs,
    })
}

pub(super) fn components(args: ComponentsArgs) -> Result<ExitCode, CliError> {
    no_stdin(&args.cluster.corpus)?;
    let dir = StageDir(args.stage.clone());
    cluster::run_with(args.cluster, &|sources, skipped, params, bars| {
        staged_outcome(&dir, sources, skipped, params, bars)
    })
}

pub(super) fn apply(args: ApplyArgs) -> Result<ExitCode, CliError> {
    no_stdin(&args.dedup.corpus)?;
    let dir = StageDir(args.stage.clone());
    dedup::run_with(args.dedup, &|sources, skipped, params, bars| {
        staged_outcome(&dir, sources, skipped, params, bars)
    })
}
