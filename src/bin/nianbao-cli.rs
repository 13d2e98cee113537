//! `nianbao-cli`: the batch commands (`check`, `next-year`, `export`, `import`) as a console
//! program, for the command prompt on Windows.
//!
//! `nianbao.exe` is built for the Windows GUI subsystem so that double-clicking it opens no console
//! window; the price is that, started from cmd.exe or PowerShell, it has no console to print to
//! and the prompt does not wait for its exit code. This binary has the console subsystem and runs
//! exactly the same commands. On Linux it is the same as `nianbao COMMAND`.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use nianbao::cli::{self, Cli};

fn main() -> ExitCode {
    cli::install_panic_hook();
    let args = Cli::parse();
    if let Some(command) = args.command {
        return cli::run(command);
    }
    // No command: this program has no editor to open.
    if args.file.is_some() {
        eprintln!(
            "nianbao-cli 只运行命令（check、next-year、export、import）；要打开编辑器，请运行 nianbao.exe。"
        );
    }
    let _ = Cli::command().bin_name("nianbao-cli").print_help();
    ExitCode::from(2)
}
