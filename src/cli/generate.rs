//! `neardup generate`: write a synthetic crawl with ground truth.

use super::output_file::{commit_all, OutputFile};
use super::CliError;
use neardup_synth::traps::Trap;
use neardup_synth::{generate_all, SynthConfig};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `neardup generate`.
#[derive(clap::Args, Debug)]
#[command(after_help = TRAPS_HELP)]
pub struct GenerateArgs {
    /// Directory to write `corpus.jsonl`, `truth.tsv`, `spin_log.jsonl` and
    /// `alignment_truth.jsonl` into.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// About how many megabytes of JSON Lines to write [default: 10, or 3
    /// with --preset real-traps].
    #[arg(long)]
    pub mb: Option<u64>,
    /// Random seed (the same seed writes the same corpus).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Share of stories that also get a spun rewrite (0 for none).
    #[arg(long)]
    pub spun_share: Option<f64>,
    /// Traps to mix in: `all` or a comma-separated list of small_site_chrome,
    /// no_url, short_notice, templated, house_style, shared_quote,
    /// updated_version, wide_wire, one_page_wire (see below).
    /// Without traps the output is the same bytes as before traps existed.
    #[arg(long, value_name = "LIST", value_parser = parse_traps)]
    pub traps: Option<TrapList>,
    /// Share of generation batches given to the traps [default: 0.25, or 0.5
    /// with --preset real-traps].
    #[arg(long, value_name = "SHARE")]
    pub trap_share: Option<f64>,
    /// Share of all documents written without `url` and `source` (labels
    /// kept; 1 for a corpus without urls) [default: 0, or 0.15 with
    /// --preset real-traps].
    #[arg(long, value_name = "SHARE")]
    pub no_url_share: Option<f64>,
    /// A ready-made configuration: `real-traps` is a small (3 MB) hard
    /// corpus with every trap, 15% of documents without url and 12 sites.
    #[arg(long, value_enum)]
    pub preset: Option<Preset>,
}

/// The traps of `--traps`.
#[derive(Clone, Debug)]
pub struct TrapList(Vec<Trap>);

fn parse_traps(s: &str) -> Result<TrapList, String> {
    Trap::parse_list(s).map(TrapList)
}

/// Ready-made generator configurations.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// A small hard corpus with every trap.
    RealTraps,
}

const TRAPS_HELP: &str = "\
Traps (each document a trap makes is labelled in truth.tsv's case column; with
any trap on, truth.tsv gets a fourth column, spun: 1 for spinner output only):
  small_site_chrome  2-4 pages of a small site wrapping different stories in the
                     same 300-400 words of chrome (small_site_chrome, small_site_own)
  no_url             whole stories without url/source; copies labelled no_url
  short_notice       a 30-80 word notice alone (short_notice) and inside 4-9
                     unrelated pages (short_notice_host)
  templated          3-6 pages of one template with other names and values
  house_style        unspun copies whose only edits are house style (house_style)
  shared_quote       2-4 different articles quoting one passage of a story
  updated_version    a site's article and its updated version at a new url,
                     2-3 paragraphs added (updated_version)
  wide_wire          one wire story on 40-60 outlets, each with its own chrome,
                     headline, edits or cuts (wide_wire); always in the first
                     batch, rarely after
  one_page_wire      one wire story, its own page and 12-24 copies on sites of
                     one page in 300-800 words of chrome, a third sharing a
                     network's template (one_page_wire); always in the first
                     batch, rarely after";

/// The generator configuration the arguments ask for.
fn config(args: &GenerateArgs) -> Result<SynthConfig, CliError> {
    let share = |name: &str, v: f64| {
        if (0.0..=1.0).contains(&v) {
            Ok(v)
        } else {
            Err(CliError::input(format!("{name} must be between 0 and 1")))
        }
    };
    let mut cfg = match args.preset {
        Some(Preset::RealTraps) => {
            let mut c = SynthConfig::real_traps(args.seed);
            if let Some(mb) = args.mb {
                c.target_bytes = mb << 20;
            }
            c
        }
        None => SynthConfig::with_target_bytes(args.seed, args.mb.unwrap_or(10) << 20),
    };
    if let Some(s) = args.spun_share {
        cfg.spun_share = share("--spun-share", s)?;
    }
    if let Some(t) = &args.traps {
        cfg.traps.traps = t.0.clone();
    }
    if let Some(s) = args.trap_share {
        cfg.traps.share = share("--trap-share", s)?;
    }
    if let Some(s) = args.no_url_share {
        cfg.traps.no_url_share = share("--no-url-share", s)?;
    }
    Ok(cfg)
}

pub(super) fn run(args: GenerateArgs) -> Result<ExitCode, CliError> {
    let cfg = config(&args)?;
    std::fs::create_dir_all(&args.output)
        .map_err(|e| CliError::io(&format!("creating {}", args.output.display()), e))?;
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
