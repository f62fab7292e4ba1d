//! `neardup cluster`: group near-duplicates and write the clusters.

use super::args::CorpusArgs;
use super::{progress::Bars, report::ReportArgs, summary, CliError};
use crate::corpus::{SkipLog, Source};
use crate::params::Params;
use crate::pipeline::{run as run_pipeline, Outcome};
use crate::report::{
    clusters::ClustersWriter, docs::DocsWriter, text::TextWriter, Selection, Writer,
};
use clap::{Args, ValueEnum};
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
    /// Where to write the result (default: stdout).
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
    /// List only documents that have a near-duplicate.
    #[arg(long, help_heading = "Output")]
    pub duplicates_only: bool,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Runs the pipeline with the shared flags: threads, sources, strictness,
/// skipped file. Returns the outcome with the sources and settings it came
/// from (the report reads both).
pub(super) fn cluster_corpus(
    args: &CorpusArgs,
) -> Result<(Outcome, Vec<Source>, Params), CliError> {
    args.init_threads()?;
    let mut params = args.params()?;
    let (sources, unreadable) = args.sources(&mut params)?;
    let bars = Bars::new(args.quiet);
    let mut skipped = SkipLog::new(args.skipped.is_some())
        .map_err(|e| CliError::io("creating a temporary file for --skipped", e))?
        .stop_at_first(args.strict);
    unreadable.into_iter().for_each(|s| skipped.push(s));
    let mut outcome = run_pipeline(&sources, skipped, &params, &bars);
    if let Some(p) = &args.skipped {
        summary::write_skipped(p, &mut outcome.skipped)?;
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

/// Opens `--output` or stdout.
pub(super) fn open_output(path: Option<&PathBuf>) -> Result<Box<dyn Write>, CliError> {
    Ok(match path {
        Some(p) => Box::new(BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(p)
                .map_err(|e| CliError::io(&format!("creating {}", p.display()), e))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    })
}

pub(super) fn run(args: ClusterArgs) -> Result<ExitCode, CliError> {
    let (outcome, sources, params) = cluster_corpus(&args.corpus)?;
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
    let mut out = open_output(args.output.as_ref())?;
    writer
        .write(&outcome, selection, &mut out)
        .and_then(|_| out.flush())
        .map_err(|e| CliError::io("writing the result", e))?;
    let report = args.report.write(&outcome, &sources, &params)?;
    if !args.corpus.quiet {
        let skipped = args.corpus.skipped.as_deref();
        summary::print(&outcome, skipped, report.as_slice(), t.elapsed());
    }
    Ok(ExitCode::SUCCESS)
}
