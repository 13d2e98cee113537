//! nianbao: the editor (`nianbao [FILE]`) and the batch commands (`nianbao check …`).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use nianbao::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => match nianbao::ui::run(args.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("无法打开编辑器窗口：{e}");
                ExitCode::FAILURE
            }
        },
    }
}
