use std::process::ExitCode;

use clap::Parser;

mod cli;
mod desktop;
mod diff_cli;
mod explain;
#[cfg(target_os = "linux")]
mod ime;
mod many;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
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
