//! `neardup generate`: write a synthetic crawl with ground truth.

use super::output_file::{commit_all, OutputFile};
use super::CliError;
use crate::synth::{generate_all, SynthConfig};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `neardup generate`.
#[derive(clap::Args, Debug)]
pub struct GenerateArgs {
    /// Directory to write `corpus.jsonl`, `truth.tsv`, `spin_log.jsonl` and
    /// `alignment_truth.jsonl` into.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// About how many megabytes of JSON Lines to write.
    #[arg(long, default_value_t = 10)]
    pub mb: u64,
    /// Random seed (the same seed writes the same corpus).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Share of stories that also get a spun rewrite (0 for none).
    #[arg(long)]
    pub spun_share: Option<f64>,
}

pub(super) fn run(args: GenerateArgs) -> Result<ExitCode, CliError> {
    std::fs::create_dir_all(&args.output)
        .map_err(|e| CliError::io(&format!("creating {}", args.output.display()), e))?;
    let mut cfg = SynthConfig::with_target_bytes(args.seed, args.mb << 20);
    if let Some(s) = args.spun_share {
        if !(0.0..=1.0).contains(&s) {
            return Err(CliError::input("--spun-share must be between 0 and 1"));
        }
        cfg.spun_share = s;
    }
    // Written whole or not at all (see output_file): a failed run leaves
    // the directory's old files.
    let open = |name: &str| OutputFile::create("-o", &args.output.join(name));
    let (mut corpus, mut truth, mut spin, mut alignment) = (
        open("corpus.jsonl")?,
        open("truth.tsv")?,
        open("spin_log.jsonl")?,
        open("alignment_truth.jsonl")?,
    );
    let stats = generate_all(
        &cfg,
        &mut corpus,
        &mut truth,
        &mut spin,
        &mut std::io::sink(),
        &mut alignment,
    )
    .map_err(|e| CliError::io("writing the corpus", e))?;
    commit_all([corpus, truth, spin, alignment])?;
    eprintln!(
        "neardup: wrote {} documents ({:.1} MB, {} true clusters) to {}",
        stats.docs,
        stats.bytes as f64 / 1e6,
        stats.clusters,
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}
