//! The command line: one file per subcommand, shared flags in [`args`].

pub mod args;
mod cluster;
mod dedup;
mod eval;
mod eval_align;
mod explain;
mod generate;
mod output_file;
mod progress;
mod read_back;
mod report;
mod same_file;
#[cfg(feature = "parquet")]
mod stages;
mod summary;
mod tune;

use clap::{Parser, Subcommand};
use std::fmt;
use std::process::ExitCode;

/// Find near-duplicate text at crawl scale, and explain what was found.
#[derive(Parser, Debug)]
#[command(name = "neardup", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Group near-duplicate documents and write the clusters.
    Cluster(cluster::ClusterArgs),
    /// Write the corpus back with one copy per cluster (the origin) kept.
    Dedup(dedup::DedupArgs),
    /// Explain why two documents match: verdict, scores, aligned passages, substitutions.
    Explain(explain::ExplainArgs),
    /// Score predicted clusters against labelled ones (precision, recall, ARI).
    Eval(eval::EvalArgs),
    /// Score the passage aligner on a generated corpus (PAN character measures, spin log).
    EvalAlign(eval_align::EvalAlignArgs),
    /// Sweep shingle size and threshold on a labelled sample; print the precision/recall curve.
    Tune(tune::TuneArgs),
    /// Staged run, stage 1: sign the inputs (or a shard of them) into a stage directory.
    #[cfg(feature = "parquet")]
    Sign(stages::SignArgs),
    /// Staged run, stage 2: verify the candidate pairs of the band groups.
    #[cfg(feature = "parquet")]
    Pairs(stages::PairsArgs),
    /// Staged run, stage 3: cluster the verified pairs (writes what `cluster` writes).
    #[cfg(feature = "parquet")]
    Components(stages::ComponentsArgs),
    /// Staged run, last step: write the corpus back with one copy per cluster (what `dedup` writes).
    #[cfg(feature = "parquet")]
    Apply(stages::ApplyArgs),
    /// Write a synthetic crawl (fictional news) with ground truth, for tests and benchmarks.
    Generate(generate::GenerateArgs),
}

/// A failure that ends the run.
#[derive(Debug)]
pub struct CliError {
    code: u8,
    message: String,
}

/// The flag that sets a field of [`neardup::Params`].
fn flag_of(setting: &str) -> String {
    match setting {
        "spin.threshold" => "--spin-threshold".into(),
        "spin.min_coverage" => "--spin-coverage".into(),
        "spin.shingle_size" => "the spin view's shingle size".into(),
        s => format!("--{}", s.replace('_', "-")),
    }
}

impl CliError {
    /// Bad input or usage (exit code 2).
    pub fn input(message: impl Into<String>) -> Self {
        CliError {
            code: 2,
            message: message.into(),
        }
    }
    /// An I/O failure while writing results (exit code 1). A closed pipe
    /// (`neardup ... | head`) is not a failure: it ends the run quietly.
    pub fn io(what: &str, e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return CliError {
                code: 0,
                message: String::new(),
            };
        }
        CliError {
            code: 1,
            message: format!("{what}: {e}"),
        }
    }

    /// A library error, its setting named by the flag that sets it (exit
    /// code 2).
    pub fn library(e: neardup::Error) -> Self {
        let message = match &e {
            neardup::Error::InvalidSetting {
                setting,
                value,
                expected,
            } if *setting == "bands_rows" => {
                let (b, r) = value.split_once(" x ").unwrap_or((value, ""));
                format!(
                    "--bands {b} x --rows {r} must be {}",
                    expected.replace("num_perm", "--num-perm")
                )
            }
            neardup::Error::InvalidSetting {
                setting,
                value,
                expected,
            } => format!("{} must be {expected}, got {value}", flag_of(setting)),
            _ => e.to_string(),
        };
        CliError::input(message)
    }

    /// True when there is nothing to tell the user (a closed pipe).
    pub fn is_quiet(&self) -> bool {
        self.message.is_empty()
    }
    /// The process exit code.
    pub fn exit_code(&self) -> u8 {
        self.code
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Messages carry ids and file names: escape what could steer a terminal.
        f.write_str(&crate::report::terminal::for_terminal(&self.message))
    }
}

impl std::error::Error for CliError {}

/// Writes a report to stdout: pretty JSON, or `text` for reading.
fn print_report<T: serde::Serialize>(
    json: bool,
    report: &T,
    text: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), CliError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let written = if json {
        serde_json::to_writer_pretty(&mut out, report)
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out))
    } else {
        text(&mut out)
    };
    written.map_err(|e| CliError::io("writing the report", e))
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    match cli.command {
        Command::Cluster(a) => cluster::run(a),
        Command::Dedup(a) => dedup::run(a),
        Command::Generate(a) => generate::run(a),
        Command::Eval(a) => eval::run(a),
        Command::EvalAlign(a) => eval_align::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Tune(a) => tune::run(a),
        #[cfg(feature = "parquet")]
        Command::Sign(a) => stages::sign(a),
        #[cfg(feature = "parquet")]
        Command::Pairs(a) => stages::pairs(a),
        #[cfg(feature = "parquet")]
        Command::Components(a) => stages::components(a),
        #[cfg(feature = "parquet")]
        Command::Apply(a) => stages::apply(a),
    }
}
