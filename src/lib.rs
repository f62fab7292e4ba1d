//! The `neardup` command line: argument parsing, progress, the summary, one
//! module per subcommand ([`cli`]), and the presentations of a run
//! ([`report`]: JSON Lines, text, the HTML page). The engine is the
//! [`neardup`] library crate; the generator and the evaluation tools are
//! `neardup-synth` and `neardup-eval`.

pub mod cli;
pub mod report;
