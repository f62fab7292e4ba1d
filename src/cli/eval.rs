//! `neardup eval`: score predicted clusters against labelled ones.

use super::CliError;
use crate::report::terminal::for_terminal;
use neardup_eval::{evaluate, parse_predicted, parse_truth, Report};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `neardup eval`.
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// Labelled clusters: TSV with header `id<TAB>cluster[<TAB>case]`.
    #[arg(long, value_name = "TSV")]
    pub truth: PathBuf,
    /// Predicted clusters: `neardup cluster` docs output, or an `id<TAB>cluster` TSV.
    #[arg(value_name = "PREDICTED")]
    pub predicted: PathBuf,
    /// How many worst false merges and misses to list.
    #[arg(long, default_value_t = 10)]
    pub worst: usize,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

fn read(path: &PathBuf) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|e| CliError::input(format!("{}: {e}", path.display())))
}

pub(super) fn run(args: EvalArgs) -> Result<ExitCode, CliError> {
    let truth = parse_truth(&read(&args.truth)?, &args.truth.display().to_string())
        .map_err(|e| CliError::input(e.to_string()))?;
    let predicted_text = read(&args.predicted)?;
    let predicted = parse_predicted(&predicted_text, &args.predicted.display().to_string())
        .map_err(CliError::input)?;
    let report = evaluate(&truth, &predicted, args.worst);
    super::print_report(args.json, &report, |out| {
        print_text(&report, &jaccard_by_id(&predicted_text), out)
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Each document's estimated Jaccard with its cluster's origin, when the
/// predicted file is `neardup cluster` docs output (it carries `jaccard`).
fn jaccard_by_id(predicted: &str) -> HashMap<String, f64> {
    predicted
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| Some((v["id"].as_str()?.to_string(), v["jaccard"].as_f64()?)))
        .collect()
}

/// `id (J 0.62)` when the similarity to its origin is known (ids escaped
/// for the terminal: they come from the user's files).
fn with_score(ids: &[String], scores: &HashMap<String, f64>) -> String {
    ids.iter()
        .map(|id| match scores.get(id) {
            Some(j) => format!("{} (J {j:.2})", for_terminal(id)),
            None => for_terminal(id).into_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_text(
    r: &Report,
    scores: &HashMap<String, f64>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "documents {}  (missing from prediction: {}, not in truth: {})",
        r.docs, r.missing_from_prediction, r.not_in_truth
    )?;
    writeln!(
        out,
        "clusters with 2+ documents: truth {}, predicted {}",
        r.true_clusters, r.predicted_clusters
    )?;
    writeln!(
        out,
        "pairwise precision {:.4}  recall {:.4}  F1 {:.4}  ARI {:.4}",
        r.precision, r.recall, r.f1, r.ari
    )?;
    writeln!(
        out,
        "pairs: {} true positive, {} predicted, {} true",
        r.true_positive_pairs, r.predicted_pairs, r.true_pairs
    )?;
    if !r.cases.is_empty() {
        writeln!(
            out,
            "\n{:<16} {:>7} {:>10} {:>8} {:>12} {:>15}",
            "case", "docs", "with mates", "recall", "with origin", "falsely merged"
        )?;
        for c in &r.cases {
            let origin = c.with_origin.map_or("-".to_string(), |v| format!("{v:.4}"));
            writeln!(
                out,
                "{:<16} {:>7} {:>10} {:>8.4} {:>12} {:>15}",
                c.case, c.docs, c.docs_with_mates, c.recall, origin, c.falsely_merged
            )?;
        }
    }
    if !r.worst_merges.is_empty() {
        writeln!(
            out,
            "\nworst false merges (predicted cluster: true clusters inside it):"
        )?;
        for m in &r.worst_merges {
            writeln!(
                out,
                "  predicted {} ({} wrong pairs)",
                for_terminal(&m.predicted),
                m.wrong_pairs
            )?;
            for (t, ids) in &m.groups {
                writeln!(
                    out,
                    "    truth {}: {}",
                    for_terminal(t),
                    with_score(ids, scores)
                )?;
            }
        }
    }
    if !r.worst_misses.is_empty() {
        writeln!(
            out,
            "\nworst misses (true cluster: predicted clusters it was split into):"
        )?;
        for m in &r.worst_misses {
            writeln!(
                out,
                "  truth {} ({} missed pairs)",
                for_terminal(&m.truth),
                m.missed_pairs
            )?;
            for (p, ids) in &m.groups {
                writeln!(
                    out,
                    "    predicted {}: {}",
                    for_terminal(p),
                    with_score(ids, scores)
                )?;
            }
        }
    }
    Ok(())
}
