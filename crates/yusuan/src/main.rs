use std::process::ExitCode;

mod cli;
mod cli_zh;
mod desktop;
mod diff_cli;
mod explain;
#[cfg(target_os = "linux")]
mod ime;
mod many;
#[cfg(target_os = "linux")]
mod soft_window;

/// mimalloc instead of the system's malloc: a recompute (every keystroke)
/// builds and drops thousands of table rows; with it the 20,000-line
/// recompute takes ≈ 2.0 ms instead of ≈ 2.5 ms (docs/benchmarks.md, "The
/// allocator").
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match cli_zh::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if let Some(code) = cli::run(&cli) {
        return code;
    }
    // SAFETY: no thread has been started yet (clap and the command-line
    // commands above run on this one; the window opens below).
    #[cfg(target_os = "linux")]
    unsafe {
        ime::prepare_environment()
    };
    desktop::run(&cli)
}
