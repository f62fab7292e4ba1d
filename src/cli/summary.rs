//! What a run tells the user on stderr, and the `--skipped` file.

use super::output_file::OutputFile;
use super::CliError;
use crate::report::terminal::for_terminal;
use neardup::corpus::SkipLog;
use neardup::params::Params;
use neardup::pipeline::Outcome;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// Writes one line to stderr, corpus text in it escaped (ids and file
/// names reach the terminal here: see [`for_terminal`]).
macro_rules! say {
    ($err:expr, $($arg:tt)*) => {{
        let line = format!($($arg)*);
        let _ = writeln!($err, "{}", for_terminal(&line));
    }};
}

/// How many skipped records are listed on stderr when there is no `--skipped` file.
const LISTED: usize = 10;

/// The share of documents that must be mostly boilerplate before the run
/// suggests the whole-text profile. Measured (docs/evaluation.md, "Which
/// profile"): 0.4% of a generated news crawl and 12% of the trap corpus
/// with heavily wrapped copies, against 22% of license texts and 53% of
/// Debian copyright files, where a license paragraph shared by hundreds of
/// files is content, not chrome.
const MOSTLY_BOILERPLATE_NOTE: f64 = 0.2;

/// Documents with more of their shingles left out as boilerplate than kept.
pub fn mostly_boilerplate(docs: &[neardup::signing::DocInfo]) -> usize {
    docs.iter().filter(|d| d.boilerplate > d.shingles).count()
}

/// Writes every skipped record as JSON Lines (the log streamed them to a
/// temporary file during the run).
pub fn write_skipped(out: &mut OutputFile, skipped: &mut SkipLog) -> Result<(), CliError> {
    skipped.copy_details(&mut *out).map_err(|e| out.error(e))
}

/// With `--strict`, the first skipped record ends the run (reading stopped there).
pub fn check_strict(skipped: &SkipLog) -> Result<(), CliError> {
    match skipped.first() {
        Some(s) => Err(CliError::input(format!(
            "{s} (--strict: stopped at the first record that cannot be used)"
        ))),
        None => Ok(()),
    }
}

/// With `--against`, a line saying that no reference has a copy (when none has).
pub fn no_copies_of_references(outcome: &Outcome, params: &Params) -> Option<String> {
    params.references?;
    let refs = outcome
        .docs
        .iter()
        .filter(|d| params.is_reference(&d.location))
        .count();
    let found = outcome.clustering.duplicate_clusters().next().is_some();
    (!found).then(|| {
        format!("no copies found: none of the {refs} --against reference document(s) has a copy in the inputs")
    })
}

fn secs(d: Duration) -> String {
    format!("{:.2}s", d.as_secs_f64())
}

/// Prints the end-of-run summary; `extra` lines come after the cluster counts.
/// The summary's lines on the skipped records: counts by reason, and the
/// first few unless they are all in `skipped_file`.
pub fn print_skipped(err: &mut impl Write, skipped: &SkipLog, skipped_file: Option<&Path>) {
    if skipped.is_empty() {
        return;
    }
    let by = skipped.counts();
    let counts: Vec<String> = by.iter().map(|(k, v)| format!("{v} {k}")).collect();
    say!(err, "  skipped: {}", counts.join(", "));
    match skipped_file {
        Some(p) => {
            say!(err, "  every skipped record is listed in {}", p.display());
        }
        None => {
            for k in skipped.examples().iter().take(LISTED) {
                say!(err, "    {k}");
            }
            if skipped.len() > LISTED as u64 {
                say!(
                    err,
                    "    ... and {} more (list them all with --skipped FILE)",
                    skipped.len() - LISTED as u64
                );
            }
        }
    }
}

pub fn print(
    outcome: &Outcome,
    id_field: &str,
    skipped_file: Option<&Path>,
    extra: &[String],
    write_time: Duration,
) {
    let s = &outcome.stats;
    let total = s.total_time() + write_time;
    let mb = s.bytes as f64 / 1e6;
    let mut err = std::io::stderr().lock();
    let clusters: Vec<_> = outcome.clustering.duplicate_clusters().collect();
    let in_clusters: usize = clusters.iter().map(|c| c.members.len()).sum();
    say!(
        err,
        "neardup: {} documents clustered, {} skipped, from {:.1} MB in {} ({:.1} MB/s)",
        outcome.docs.len(),
        outcome.skipped.len(),
        mb,
        secs(total),
        mb / total.as_secs_f64().max(1e-9)
    );
    say!(
        err,
        "  clusters: {} with 2+ documents holding {}; {} duplicates; {} unique",
        clusters.len(),
        in_clusters,
        in_clusters - clusters.len(),
        outcome.docs.len() - in_clusters
    );
    for line in extra {
        say!(err, "  {line}");
    }
    print_skipped(&mut err, &outcome.skipped, skipped_file);
    if s.ids_from_location > 0 {
        say!(
            err,
            "  note: {} records had no id field {:?} (--id-field); FILE:LINE (FILE:ROW for Parquet) was used as their id",
            s.ids_from_location,
            id_field
        );
    }
    if s.bad_dates > 0 {
        say!(
            err,
            "  note: {} records had a date that is not a valid date (RFC 3339, RFC 2822 or a news form); treated as unknown",
            s.bad_dates
        );
    }
    if s.boilerplate_sample > 0 {
        say!(
            err,
            "  boilerplate: {} shingles (in >= {} pages and {}% of one site's, or >= {} of {} sampled documents{}); left out of {} documents",
            s.boilerplate_shingles,
            s.boilerplate_site_min_df,
            s.boilerplate_site_min_share * 100.0,
            s.boilerplate_min_df,
            s.boilerplate_sample,
            match s.boilerplate_site_sample {
                0 => String::new(),
                n => format!("; small sites and frames added {n} pages"),
            } + &match s.boilerplate_frame_pages {
                0 => String::new(),
                n => format!("; the header and footer of {n} pages without a site, on their own pages"),
            },
            s.docs_with_boilerplate
        );
    }
    let mostly = mostly_boilerplate(&outcome.docs);
    if s.boilerplate_sample > 0
        && mostly as f64 >= MOSTLY_BOILERPLATE_NOTE * outcome.docs.len() as f64
    {
        say!(
            err,
            "  note: {mostly} of {} documents are mostly boilerplate (more than half of their shingles are text that many documents share, left out); if they are not web pages wrapped in their sites' chrome, `--profile whole-text` compares all of their text",
            outcome.docs.len()
        );
    }
    if let Some(l) = s.lsh {
        say!(
            err,
            "  lsh: {} bands x {} rows; {} candidate pairs, {} verified ({} near a threshold re-read and counted exactly; {} more found two steps apart)",
            l.bands,
            l.rows,
            s.candidate_pairs,
            s.verified_pairs,
            s.rechecked_pairs,
            s.closed_pairs
        );
    }
    if let Some(sp) = &s.spin {
        let spun = outcome
            .clustering
            .clusters
            .iter()
            .flat_map(|c| &c.members)
            .filter(|m| m.relation == neardup::cluster::Relation::Spun)
            .count();
        let lsh = sp.lsh.map_or(String::new(), |l| {
            format!("{} bands x {} rows; ", l.bands, l.rows)
        });
        say!(
            err,
            "  spin view: {} documents; {lsh}{} pairs above the estimate, {} aligned{}, {} joined; {spun} spun members",
            sp.docs,
            sp.candidates,
            sp.checked - sp.numbers_differ,
            if sp.numbers_differ > 0 {
                format!(" ({} more not: their numbers differ)", sp.numbers_differ)
            } else {
                String::new()
            },
            sp.links
        );
        if sp.gathered.aligned > 0 {
            say!(
                err,
                "  one story's stars: {} merged over wrapped links, {} members moved alone from stars that did not hold whole ({} more pairs aligned)",
                sp.gathered.merged,
                sp.gathered.members_moved,
                sp.gathered.aligned
            );
        }
    }
    if s.unpacked_bytes > 0 {
        say!(
            err,
            "  temporary files: the compressed input read from a decompressed copy of {} in TMPDIR",
            size(s.unpacked_bytes)
        );
    }
    if s.signature_bytes_aside > 0 {
        say!(
            err,
            "  temporary files: {} of signatures waited in TMPDIR while not read",
            size(s.signature_bytes_aside)
        );
    }
    if s.parts > 0 {
        say!(
            err,
            "  clustered in {} parts: {} of verified pairs waited in TMPDIR, a part's at a time in memory",
            s.parts,
            size(s.pair_bytes_aside)
        );
    }
    let mut stages: Vec<String> = s
        .stages
        .iter()
        .map(|(n, d)| format!("{n} {}", secs(*d)))
        .collect();
    stages.push(format!("write {}", secs(write_time)));
    say!(err, "  time: {}", stages.join(", "));
}

/// A byte count for reading: kB below a megabyte, MB above.
fn size(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{:.1} kB", bytes as f64 / 1e3)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn sizes_read_in_a_unit_that_fits() {
        assert_eq!(size(11_904), "11.9 kB");
        assert_eq!(size(7_550_208), "7.6 MB");
        assert_eq!(size(999_999), "1000.0 kB");
    }
}
