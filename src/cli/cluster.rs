//! `neardup cluster`: group near-duplicates and write the clusters.

use super::args::{CorpusArgs, OutputFormatArg};
use super::output_file::{commit_all, Outputs};
use super::{progress::Bars, report::ReportArgs, summary, CliError};
use crate::report::pairs::write_pairs;
use crate::report::{
    clusters::ClustersWriter, docs::DocsWriter, text::TextWriter, Selection, Writer,
};
use clap::{Args, ValueEnum};
use neardup::corpus::{SkipLog, Source};
use neardup::params::Params;
use neardup::pipeline::{run as run_pipeline, Outcome};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// `--format`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum OutputFormat {
    /// One JSON line per document: id, cluster_id, relation, scores.
    Docs,
    /// One JSON line per cluster with its members.
    Clusters,
    /// Clusters for reading.
    Text,
}

/// Arguments of `neardup cluster`.
#[derive(Args, Debug)]
pub struct ClusterArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Where to write the result (default, or `-`: stdout).
    #[arg(short, long, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(
        short,
        long,
        value_enum,
        default_value = "docs",
        help_heading = "Output"
    )]
    pub format: OutputFormat,
    /// How `-o` is written: `parquet` writes the per-document output
    /// (`--format docs`) as Parquet; `auto` does when the path ends in `.parquet`.
    #[arg(long, value_enum, default_value = "auto", help_heading = "Output")]
    pub output_format: OutputFormatArg,
    /// List only documents that have a near-duplicate.
    #[arg(long, help_heading = "Output")]
    pub duplicates_only: bool,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// How a command gets its outcome from the sources, the log of records
/// skipped so far and the settings: the one-command pipeline ([`pipeline`]),
/// or the files of a staged run (`neardup components`).
pub(super) type Produce<'a> =
    &'a dyn Fn(&[Source], SkipLog, &Params, &Bars) -> Result<Outcome, CliError>;

/// The one-command pipeline as a [`Produce`].
pub(super) fn pipeline(
    sources: &[Source],
    skipped: SkipLog,
    params: &Params,
    bars: &Bars,
) -> Result<Outcome, CliError> {
    Ok(run_pipeline(sources, skipped, params, bars))
}

/// Runs the pipeline (or `produce`) with the shared flags: threads, sources (without the
/// run's own `outputs`), strictness, skipped file (taken from `outputs` and
/// committed here: it is complete, and it explains a run that stops now).
/// Returns the outcome with the sources and settings it came from (the
/// report reads both). Skipped records are counted and streamed, not held;
/// with `keep_repeated_ids` the places and ids of the records skipped as a
/// repeated id are kept (dedup drops or leaves out each by its bytes).
pub(super) fn cluster_corpus(
    args: &CorpusArgs,
    outputs: &mut Outputs,
    keep_repeated_ids: bool,
    produce: Produce,
) -> Result<(Outcome, Vec<Source>, Params), CliError> {
    args.init_threads()?;
    let mut params = args.params()?;
    let (mut sources, unreadable) = args.sources(&mut params, &outputs.own())?;
    let bars = Bars::new(args.quiet);
    let unpacked = args.unpack(&mut sources, &bars);
    let mut skipped = SkipLog::new(args.skipped.is_some())
        .map_err(|e| CliError::io("creating a temporary file for --skipped", e))?
        .stop_at_first(args.strict)
        .keep_duplicate_ids(keep_repeated_ids);
    unreadable.into_iter().for_each(|s| skipped.push(s));
    let mut outcome = produce(&sources, skipped, &params, &bars)?;
    if let Some((took, bytes)) = unpacked {
        outcome.stats.stages.insert(0, ("unpack", took));
        outcome.stats.unpacked_bytes = bytes;
    }
    super::read_back::check(&outcome.read_back_failures, &sources)?;
    if let Some(mut f) = outputs.take("--skipped") {
        summary::write_skipped(&mut f, &mut outcome.skipped)?;
        commit_all([f])?;
    }
    if let Some(mut f) = outputs.take("--pairs") {
        write_pairs(&outcome, &params, &mut f).map_err(|e| f.error(e))?;
        commit_all([f])?;
    }
    if args.strict {
        summary::check_strict(&outcome.skipped)?;
    }
    if outcome.stats.records == 0 && outcome.skipped.is_empty() {
        // An empty shard is not a failure of a batch job, unless asked.
        if args.strict {
            return Err(CliError::input("no records in the input (--strict)"));
        }
        if !args.quiet {
            eprintln!("neardup: note: the input holds no records");
        }
    } else if outcome.docs.is_empty() {
        let why = outcome
            .skipped
            .first()
            .map(|s| format!("; first problem: {s}"))
            .unwrap_or_default();
        return Err(CliError::input(format!(
            "no documents to cluster ({} records skipped{why})",
            outcome.skipped.len()
        )));
    }
    Ok((outcome, sources, params))
}

pub(super) fn run(args: ClusterArgs) -> Result<ExitCode, CliError> {
    run_with(args, &pipeline)
}

/// `neardup cluster` with the outcome from `produce`: every output and
/// check of the command, whoever clustered.
pub(super) fn run_with(mut args: ClusterArgs, produce: Produce) -> Result<ExitCode, CliError> {
    // `-o -` is standard output, as leaving `-o` out is (and `-` is stdin
    // for the inputs): not a file named `-`.
    if args.output.as_deref() == Some(std::path::Path::new("-")) {
        args.output = None;
    }
    let parquet = args.output_format.is_parquet(args.output.as_deref())?;
    if parquet && !matches!(args.format, OutputFormat::Docs) {
        return Err(CliError::input(
            "Parquet output is the per-document output: use --format docs (the default) with it",
        ));
    }
    let mut outputs = Outputs::open(
        &args.corpus.read_paths(),
        &[
            ("-o", args.output.as_deref()),
            ("--skipped", args.corpus.skipped.as_deref()),
            ("--pairs", args.corpus.pairs.as_deref()),
            ("--report", args.report.report.as_deref()),
        ],
    )?;
    let (outcome, sources, params) = cluster_corpus(&args.corpus, &mut outputs, false, produce)?;
    let t = Instant::now();
    let writer: &dyn Writer = match args.format {
        OutputFormat::Docs => &DocsWriter,
        OutputFormat::Clusters => &ClustersWriter,
        OutputFormat::Text => &TextWriter,
    };
    // A search for copies of references lists the matches only.
    let selection = if args.duplicates_only || !args.corpus.against.is_empty() {
        Selection::DuplicatesOnly
    } else {
        Selection::All
    };
    let mut files = Vec::new();
    match outputs.take("-o") {
        #[cfg(feature = "parquet")]
        Some(mut f) if parquet => {
            crate::report::parquet::write_docs(&outcome, selection, &mut f)
                .map_err(|e| f.error(e))?;
            files.push(f);
        }
        #[cfg(feature = "parquet")]
        None if parquet => {
            let mut out = BufWriter::new(std::io::stdout());
            crate::report::parquet::write_docs(&outcome, selection, &mut out)
                .and_then(|_| out.flush())
                .map_err(|e| CliError::io("writing the result", e))?;
        }
        Some(mut f) => {
            writer
                .write(&outcome, selection, &mut f)
                .map_err(|e| f.error(e))?;
            files.push(f);
        }
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            writer
                .write(&outcome, selection, &mut out)
                .and_then(|_| out.flush())
                .map_err(|e| CliError::io("writing the result", e))?;
        }
    }
    let mut extra = Vec::new();
    if let Some(mut f) = outputs.take("--report") {
        extra.push(args.report.write(&mut f, &outcome, &sources, &params)?);
        files.push(f);
    }
    commit_all(files)?;
    // An empty result must not look like a failed run: say it (on stdout
    // only when that is text for reading).
    if let Some(line) = summary::no_copies_of_references(&outcome, &params) {
        if matches!(args.format, OutputFormat::Text) && args.output.is_none() {
            println!("{line}");
        } else {
            eprintln!("neardup: {line}");
        }
    }
    if !args.corpus.quiet {
        let skipped = args.corpus.skipped.as_deref();
        summary::print(&outcome, &params.fields.id, skipped, &extra, t.elapsed());
    }
    Ok(ExitCode::SUCCESS)
}
