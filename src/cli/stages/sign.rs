//! `neardup sign`: a shard of the inputs to signed documents, band rows
//! and skipped records in the stage directory; the boilerplate set is
//! sampled once over all the inputs (or taken from a file) and kept there
//! for every shard.

use super::*;
use neardup::stages::pairs::band_rows_of_band;

/// Arguments of `neardup sign`.
#[derive(Args, Debug)]
pub struct SignArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The stage directory (created when missing).
    #[arg(long, value_name = "DIR", help_heading = "Stages")]
    pub stage: PathBuf,
    /// Sign only the I-th of N runs of consecutive sources (0-based), so
    /// that N processes sign a corpus apart; every one must be given the
    /// same inputs and settings.
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
                shingles: b.shingles(),
                sample_docs: b.sample_docs,
                site_sample_docs: b.site_sample_docs,
                frame_pages: b.frame_pages,
                min_df: b.min_df,
                site_min_df: params.site_min_pages(),
                site_min_share: params.site_min_share,
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

pub fn sign(args: SignArgs) -> Result<ExitCode, CliError> {
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
    let mine: Vec<u32> = args.shard.sources(sources.len());
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
    // The spin signatures wait in a temporary file until the documents
    // file is written (crate::spill): the band rows are made without them.
    let mut signed = sign_corpus(&shard_sources, &params, &boiler, skipped, &bars, true);
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
    let spin_rows = signed.spin_rows.take();
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
    let spin = spin_rows.map(|rows| (rows, spin_k));
    files::write_docs(&docs_path, corpus, k, spin)?;
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

/// Writes a shard's band rows, a group at a time and within a group a
/// band at a time, each band's rows sorted: the file is sorted by band,
/// key and document, and only one band's rows are held (24 bytes a
/// document; a group's seven bands held at once were more than its
/// signature and facts together).
fn write_band_groups(
    dir: &StageDir,
    corpus: &SignedCorpus,
    params: &Params,
    groups: u32,
    shard: Shard,
) -> Result<(), CliError> {
    for g in 0..groups {
        let path = dir.bands(g, shard.index, shard.count);
        StageDir::make_parent(&path)?;
        let mut w = files::bands_writer(&path)?;
        for band in (0..params.lsh().bands).filter(|b| *b as u32 % groups == g) {
            w.write(&band_rows_of_band(corpus, params, band))?;
        }
        w.commit()?;
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
