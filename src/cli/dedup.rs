//! `neardup dedup`: write the corpus back with one copy per cluster.
//!
//! The origin of each cluster is kept; every other member is dropped and
//! listed, with its cluster, origin and scores, in the dropped file (spun
//! rewrites stay with `--keep-spun`). Every other input record is written
//! unchanged, JSON lines byte for byte, including records that could not be
//! analysed (they are listed as skipped): dedup removes only what it has
//! shown to be a duplicate.

use super::args::CorpusArgs;
use super::cluster::cluster_corpus;
use super::{summary, CliError};
use crate::cluster::{Member, Relation};
use crate::report::round3;
use serde::Serialize;
use std::collections::HashSet;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `neardup dedup`.
#[derive(clap::Args, Debug)]
pub struct DedupArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Where to write the kept records (JSON Lines).
    #[arg(short, long, value_name = "FILE", help_heading = "Output")]
    pub output: PathBuf,
    /// Where to list the dropped records (default: OUTPUT with `.dropped.jsonl`).
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub dropped: Option<PathBuf>,
    /// Keep spun rewrites: they are new text as far as a training set is
    /// concerned (by default they are dropped like other copies).
    #[arg(long, help_heading = "Output")]
    pub keep_spun: bool,
    #[command(flatten)]
    pub report: super::report::ReportArgs,
}

#[derive(Serialize)]
struct DroppedLine<'a> {
    id: &'a str,
    source: &'a str,
    line: Option<u64>,
    cluster_id: u32,
    origin_id: &'a str,
    relation: &'static str,
    jaccard: Option<f64>,
    containment: Option<f64>,
    origin_containment: Option<f64>,
    substituted: Option<f64>,
}

fn dropped_path(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".jsonl").unwrap_or(&name);
    output.with_file_name(format!("{stem}.dropped.jsonl"))
}

#[derive(Serialize)]
struct TextRecord<'a> {
    id: &'a str,
    text: &'a str,
}

pub(super) fn run(args: DedupArgs) -> Result<ExitCode, CliError> {
    let (outcome, sources, params) = cluster_corpus(&args.corpus)?;
    let t = Instant::now();
    let dropped_file = args
        .dropped
        .clone()
        .unwrap_or_else(|| dropped_path(&args.output));

    // Which (source, line) to drop, and the dropped list.
    let mut drop: HashSet<(u32, u64)> = HashSet::new();
    let what = format!("writing {}", dropped_file.display());
    let mut dl =
        BufWriter::new(std::fs::File::create(&dropped_file).map_err(|e| CliError::io(&what, e))?);
    let mut n_dropped = 0usize;
    for c in outcome.clustering.duplicate_clusters() {
        let origin_id = &outcome.docs[c.origin as usize].id;
        let dropped = |m: &&Member| {
            m.relation.is_duplicate() && !(args.keep_spun && m.relation == Relation::Spun)
        };
        for m in c.members.iter().filter(dropped) {
            let d = &outcome.docs[m.doc as usize];
            drop.insert((d.location.source, d.location.line));
            n_dropped += 1;
            let line = DroppedLine {
                id: &d.id,
                source: &sources[d.location.source as usize].name,
                line: (d.location.line > 0).then_some(d.location.line),
                cluster_id: c.id,
                origin_id,
                relation: m.relation.as_str(),
                jaccard: m.scores.map(|s| round3(s.jaccard)),
                containment: m.scores.map(|s| round3(s.a_in_b)),
                origin_containment: m.scores.map(|s| round3(s.b_in_a)),
                substituted: m.substituted.map(round3),
            };
            serde_json::to_writer(&mut dl, &line).map_err(|e| CliError::io(&what, e.into()))?;
            dl.write_all(b"\n").map_err(|e| CliError::io(&what, e))?;
        }
    }
    dl.flush().map_err(|e| CliError::io(&what, e))?;

    let what = format!("writing {}", args.output.display());
    let mut out = BufWriter::with_capacity(
        1 << 20,
        std::fs::File::create(&args.output).map_err(|e| CliError::io(&what, e))?,
    );
    let mut kept = 0usize;
    for (i, src) in sources.iter().enumerate() {
        let i = i as u32;
        let reader = match src.open() {
            Ok(r) => r,
            Err(_) => continue, // already reported as skipped
        };
        if !src.is_jsonl() {
            if drop.contains(&(i, 0)) {
                continue;
            }
            let mut bytes = Vec::new();
            if std::io::Read::read_to_end(&mut { reader }, &mut bytes).is_err() {
                continue;
            }
            if let Ok(text) = std::str::from_utf8(&bytes) {
                serde_json::to_writer(
                    &mut out,
                    &TextRecord {
                        id: &src.text_id,
                        text,
                    },
                )
                .map_err(|e| CliError::io(&what, e.into()))?;
                out.write_all(b"\n").map_err(|e| CliError::io(&what, e))?;
                kept += 1;
            }
            continue;
        }
        let mut r = BufReader::with_capacity(1 << 20, reader);
        let mut buf = Vec::new();
        let mut line = 0u64;
        loop {
            buf.clear();
            match r.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            line += 1;
            let body = buf.strip_suffix(b"\n").unwrap_or(&buf);
            let body = body.strip_suffix(b"\r").unwrap_or(body);
            if body.iter().all(u8::is_ascii_whitespace) || drop.contains(&(i, line)) {
                continue;
            }
            out.write_all(body)
                .and_then(|_| out.write_all(b"\n"))
                .map_err(|e| CliError::io(&what, e))?;
            kept += 1;
        }
    }
    out.flush().map_err(|e| CliError::io(&what, e))?;
    let report = args.report.write(&outcome, &sources, &params)?;
    if !args.corpus.quiet {
        let mut extra = vec![format!(
            "dedup: kept {kept} records in {}, dropped {n_dropped} listed in {}",
            args.output.display(),
            dropped_file.display()
        )];
        extra.extend(report);
        summary::print(
            &outcome,
            args.corpus.skipped.as_deref(),
            &extra,
            t.elapsed(),
        );
    }
    Ok(ExitCode::SUCCESS)
}
