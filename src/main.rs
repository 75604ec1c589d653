use std::process::ExitCode;

use clap::Parser;
use yusuan::cli::{Cli, run};

mod gui;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(code) = run(&cli) {
        return code;
    }
    gui::run(&cli)
}
