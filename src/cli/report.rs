//! `--report FILE`: the HTML report, for the subcommands that cluster.

use super::CliError;
use crate::corpus::Source;
use crate::params::Params;
use crate::pipeline::Outcome;
use crate::report::html::{write_html, HtmlOptions, DEFAULT_VIEWS};
use clap::Args;
use std::io::{BufWriter, Write};
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
    /// Writes the report if asked (of the run with these sources and
    /// settings); returns a line for the run's summary.
    pub fn write(
        &self,
        outcome: &Outcome,
        sources: &[Source],
        params: &Params,
    ) -> Result<Option<String>, CliError> {
        let Some(path) = &self.report else {
            return Ok(None);
        };
        let t = Instant::now();
        let what = format!("writing {}", path.display());
        let file = std::fs::File::create(path).map_err(|e| CliError::io(&what, e))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        let opts = HtmlOptions {
            max_views: self.report_views,
        };
        let stats = write_html(outcome, sources, params, &opts, &mut out)
            .and_then(|s| out.flush().map(|_| s))
            .map_err(|e| CliError::io(&what, e))?;
        let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        Ok(Some(format!(
            "report: {} ({:.1} MB, {} clusters, side-by-side views of {} of {} members) in {:.2}s",
            path.display(),
            bytes as f64 / 1e6,
            stats.clusters,
            stats.views,
            stats.members,
            t.elapsed().as_secs_f64()
        )))
    }
}
