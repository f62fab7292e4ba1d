//! `neardup eval-align DIR`: score the passage aligner on a generated corpus.

use super::CliError;
use crate::report::terminal::for_terminal;
use neardup::align::AlignParams;
use neardup_eval::align::{
    evaluate_records, parse_alignment_truth, parse_json_lines, parse_spin_log, summarise,
    AlignReport,
};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `neardup eval-align`.
#[derive(clap::Args, Debug)]
pub struct EvalAlignArgs {
    /// A directory written by `neardup generate` (corpus.jsonl,
    /// alignment_truth.jsonl, spin_log.jsonl).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// How many worst-aligned copies to list.
    #[arg(long, default_value_t = 10)]
    pub worst: usize,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Aligner setting: words per anchor n-gram.
    #[arg(long, default_value_t = AlignParams::default().anchor_n)]
    pub anchor_n: usize,
    /// Aligner setting: most unmatched words on each side of a gap inside a passage.
    #[arg(long, default_value_t = AlignParams::default().max_gap_words)]
    pub max_gap_words: usize,
    /// Aligner setting: fewest verbatim words a passage must have.
    #[arg(long, default_value_t = AlignParams::default().min_passage_words)]
    pub min_passage_words: usize,
}

fn read(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|e| CliError::input(format!("{}: {e}", path.display())))
}

#[derive(serde::Deserialize)]
struct Doc {
    id: String,
    text: String,
}

fn load_texts(path: &Path) -> Result<HashMap<String, String>, CliError> {
    let docs: Vec<Doc> =
        parse_json_lines(&read(path)?, &path.display().to_string()).map_err(CliError::input)?;
    Ok(docs.into_iter().map(|d| (d.id, d.text)).collect())
}

pub(super) fn run(args: EvalAlignArgs) -> Result<ExitCode, CliError> {
    let truth_path = args.dir.join("alignment_truth.jsonl");
    let spin_path = args.dir.join("spin_log.jsonl");
    let truth = parse_alignment_truth(&read(&truth_path)?, &truth_path.display().to_string())
        .map_err(CliError::input)?;
    let spins = parse_spin_log(&read(&spin_path)?, &spin_path.display().to_string())
        .map_err(CliError::input)?;
    let texts = load_texts(&args.dir.join("corpus.jsonl"))?;
    let params = AlignParams {
        anchor_n: args.anchor_n,
        max_gap_words: args.max_gap_words,
        min_passage_words: args.min_passage_words,
        ..AlignParams::default()
    };
    let results = evaluate_records(&truth, &texts, &spins, &params).map_err(CliError::input)?;
    let report = summarise(&results, args.worst);
    super::print_report(args.json, &report, |out| print_text(&report, out))?;
    Ok(ExitCode::SUCCESS)
}

fn print_text(r: &AlignReport, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "matched text, PAN character measures (micro-averaged over both texts of every pair):"
    )?;
    writeln!(
        out,
        "{:<14} {:>6} {:>9} {:>10} {:>8} {:>8} {:>11} {:>8}",
        "case", "pairs", "detected", "precision", "recall", "F1", "granularity", "plagdet"
    )?;
    for c in r.cases.iter().chain([&r.all_copies]) {
        writeln!(
            out,
            "{:<14} {:>6} {:>9} {:>10.4} {:>8.4} {:>8.4} {:>11.4} {:>8.4}",
            c.case,
            c.pairs,
            c.pairs_detected,
            c.precision,
            c.recall,
            c.f1,
            c.granularity,
            c.plagdet
        )?;
    }
    if let Some(hn) = r.cases.iter().find(|c| c.case == "hard_negative") {
        writeln!(
            out,
            "hard negatives: {} of {} pairs have an aligned passage ({} characters, none true)",
            hn.pairs_detected, hn.pairs, hn.counts.detected_chars
        )?;
    }
    let spun: Vec<_> = r
        .cases
        .iter()
        .filter_map(|c| Some((c, c.substitutions?)))
        .collect();
    if !spun.is_empty() {
        writeln!(out, "\nlogged substitutions listed by the alignment:")?;
        writeln!(
            out,
            "{:<14} {:>6} {:>8} {:>10} {:>8}",
            "case", "docs", "logged", "recovered", "share"
        )?;
        for (c, s) in spun {
            writeln!(
                out,
                "{:<14} {:>6} {:>8} {:>10} {:>8.4}",
                c.case,
                c.pairs,
                s.logged,
                s.recovered,
                s.share()
            )?;
        }
    }
    if !r.worst.is_empty() {
        writeln!(out, "\nworst aligned copies (lowest F1):")?;
        for w in &r.worst {
            writeln!(
                out,
                "  {:<12} {} <- {}  precision {:.3} recall {:.3}",
                w.case,
                for_terminal(&w.id),
                for_terminal(&w.source_id),
                w.precision,
                w.recall
            )?;
        }
    }
    Ok(())
}
