//! `neardup tune`: sweep shingle size and threshold on a labelled sample.

use super::args::CorpusArgs;
use super::CliError;
use neardup::corpus::SourceTexts;
use neardup::pipeline::{cluster_signed, sign_sources, NoProgress};
use neardup_eval::{evaluate, parse_truth};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `neardup tune`.
#[derive(clap::Args, Debug)]
pub struct TuneArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Labelled clusters: TSV with header `id<TAB>cluster[<TAB>case]`.
    #[arg(long, value_name = "TSV")]
    pub truth: PathBuf,
    /// Shingle sizes to try.
    #[arg(long, value_delimiter = ',', default_value = "3,4,5,6")]
    pub shingle_sizes: Vec<usize>,
    /// Jaccard thresholds to try.
    #[arg(long, value_delimiter = ',', default_value = "0.3,0.4,0.5,0.6,0.7,0.8")]
    pub thresholds: Vec<f64>,
}

pub(super) fn run(args: TuneArgs) -> Result<ExitCode, CliError> {
    args.corpus.init_threads()?;
    let mut base = args.corpus.params()?;
    let (mut sources, _) = args.corpus.sources(&mut base, &Default::default())?;
    args.corpus.unpack(&mut sources, &NoProgress);
    let text = std::fs::read_to_string(&args.truth)
        .map_err(|e| CliError::input(format!("{}: {e}", args.truth.display())))?;
    let truth = parse_truth(&text, &args.truth.display().to_string())
        .map_err(|e| CliError::input(e.to_string()))?;
    println!(
        "{:>8} {:>9} {:>11} {:>9} {:>8} {:>8} {:>8}",
        "shingle", "threshold", "containment", "precision", "recall", "F1", "ARI"
    );
    let mut best: Option<(f64, f64, usize, f64)> = None;
    for &n in &args.shingle_sizes {
        // Signed once per shingle size; each threshold only verifies and
        // clusters the same signatures again.
        let mut signing_params = base.clone();
        signing_params.shingle_size = n;
        signing_params.validate().map_err(CliError::library)?;
        let signed = sign_sources(&sources, Default::default(), &signing_params, &NoProgress);
        let read = SourceTexts::new(&sources, &signing_params.fields);
        for &t in &args.thresholds {
            let mut p = signing_params.clone();
            p.threshold = t;
            p.validate().map_err(CliError::library)?;
            let mut stats = signed.stats.clone();
            let (clustering, _) = cluster_signed(
                &signed.corpus,
                &read,
                &signed.boilerplate,
                &p,
                &mut stats,
                &NoProgress,
            );
            super::read_back::check(&read.failures(), &sources)?;
            let predicted: Vec<(String, String)> = signed
                .corpus
                .docs
                .iter()
                .enumerate()
                .map(|(d, doc)| (doc.id.to_string(), clustering.doc_cluster[d].to_string()))
                .collect();
            let r = evaluate(&truth, &predicted, 0);
            println!(
                "{n:>8} {t:>9.2} {:>11.2} {:>9.4} {:>8.4} {:>8.4} {:>8.4}",
                p.containment, r.precision, r.recall, r.f1, r.ari
            );
            // Best F1; ties go to the higher precision, then the earlier setting.
            let better = match best {
                None => true,
                Some((f1, prec, _, _)) => {
                    r.f1 > f1 + 1e-12 || ((r.f1 - f1).abs() <= 1e-12 && r.precision > prec)
                }
            };
            if better {
                best = Some((r.f1, r.precision, n, t));
            }
        }
    }
    if let Some((f1, prec, n, t)) = best {
        println!("best: --shingle-size {n} --threshold {t} (F1 {f1:.4}, precision {prec:.4})");
    }
    Ok(ExitCode::SUCCESS)
}
