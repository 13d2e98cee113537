//! nianbao: the editor (`nianbao [FILE]`) and the batch commands (`nianbao check …`).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use nianbao::cli::{self, Cli};
use nianbao::model::format;

fn main() -> ExitCode {
    cli::install_panic_hook();
    let args = Cli::parse();
    match args.command {
        // `cli::run` checks the built-in formats itself.
        Some(command) => cli::run(command),
        None if format::load_builtin().is_err() => formats_unusable(),
        None => match nianbao::ui::run(args.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("无法打开编辑器窗口：{e}");
                ExitCode::FAILURE
            }
        },
    }
}

/// A built-in format is broken: say so on stderr and, since the editor has no console on Windows,
/// in a message box; exit 2 without opening anything.
fn formats_unusable() -> ExitCode {
    let text = format::load_builtin()
        .err()
        .map_or_else(String::new, format::FormatError::for_clerk);
    eprintln!("{text}");
    // Which button closed it does not matter: there is only OK.
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("政府信息公开年度报告编辑器无法启动")
        .set_description(text)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
    ExitCode::from(2)
}
