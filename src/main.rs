//! The `neardup` command: parse arguments, run, map errors to exit codes.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = neardup_cli::cli::Cli::parse();
    match neardup_cli::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            if !e.is_quiet() {
                eprintln!("neardup: error: {e}");
            }
            ExitCode::from(e.exit_code())
        }
    }
}
