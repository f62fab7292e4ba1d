//! The `neardup` command: parse arguments, run, map errors to exit codes.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    return_large_blocks_when_freed();
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

/// glibc serves a large block from `mmap` (returned to the system when
/// freed) only above a threshold that it raises, up to 32 MB, each time
/// such a block is freed; past that, tables of tens of MB come from the
/// heap and, freed, stay in the process. Between the phases of a run that
/// free and make such tables (signing, the LSH bands, the spin view) that
/// kept some 100 MB of a 10 GB run's peak. A fixed threshold of 1 MiB
/// returns each one when it is dropped (docs/benchmarks.md: the same time,
/// 117 MB against 135-147 MB at 1 GB). The library leaves the allocator
/// alone: this is the program's choice, not an embedding one's.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_large_blocks_when_freed() {
    // SAFETY: mallopt only sets a parameter of the allocator, before any
    // other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_large_blocks_when_freed() {}
