//! nianbao: the editor (`nianbao [FILE]`) and the batch commands (`nianbao check …`).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use nianbao::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => {
            // The editor lands with the GUI issue; until then show the commands.
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let _ = cmd.print_help();
            ExitCode::SUCCESS
        }
    }
}
