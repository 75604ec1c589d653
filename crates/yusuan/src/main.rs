use std::process::ExitCode;

use clap::Parser;

mod cli;
mod desktop;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    if let Some(code) = cli::run(&cli) {
        return code;
    }
    desktop::run(&cli)
}
