use std::process::ExitCode;

use clap::Parser;
use yusuan::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(code) = run(&cli) {
        return code;
    }
    yusuan::open_default(&cli)
}
