//! `--report FILE`: the HTML report, for the subcommands that cluster.

use super::output_file::OutputFile;
use super::CliError;
use crate::report::html::{write_html, HtmlOptions, DEFAULT_VIEWS};
use clap::Args;
use neardup::corpus::Source;
use neardup::params::Params;
use neardup::pipeline::Outcome;
use std::path::PathBuf;
use std::time::Instant;

/// Flags of the HTML report.
#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Also write a self-contained HTML report: summary, clusters, and each
    /// member side by side with its origin.
    #[arg(long, value_name = "FILE", help_heading = "Report")]
    pub report: Option<PathBuf>,
    /// Most side-by-side views in the report (largest clusters first, at
    /// most 50 per cluster); other members are listed with their scores.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_VIEWS, help_heading = "Report")]
    pub report_views: usize,
}

impl ReportArgs {
    /// Writes the report (of the run with these sources and settings) to
    /// `out`, the `--report` file; returns a line for the run's summary.
    pub fn write(
        &self,
        out: &mut OutputFile,
        outcome: &Outcome,
        sources: &[Source],
        params: &Params,
    ) -> Result<String, CliError> {
        let t = Instant::now();
        let opts = HtmlOptions {
            max_views: self.report_views,
        };
        let stats = write_html(outcome, sources, params, &opts, out).map_err(|e| out.error(e))?;
        Ok(format!(
            "report: {} ({:.1} MB, {} clusters, side-by-side views of {} of {} members) in {:.2}s",
            out.path().display(),
            out.written() as f64 / 1e6,
            stats.clusters,
            stats.views,
            stats.members,
            t.elapsed().as_secs_f64()
        ))
    }
}
