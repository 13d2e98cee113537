//! The command line: `nianbao check|import|export|next-year …` for batch work and tests, and
//! plain `nianbao [FILE]` for the editor.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::io::{self, draft};
use crate::model::{self, Finding, PreviousYear};

/// 政府信息公开工作年度报告编辑器（nianbao）
#[derive(Debug, Parser)]
#[command(
    name = "nianbao",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// 子命令；不写时打开编辑器
    #[command(subcommand)]
    pub command: Option<Command>,
    /// 在编辑器中打开的文件（.ron 草稿，或已发布报告的 .txt/.html/.pdf）
    pub file: Option<PathBuf>,
}

/// The batch commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查报告的勾稽关系；没有错误时退出码为 0，有错误为 1，文件无法读取为 2
    Check {
        /// 报告文件（.ron 草稿或已发布报告）
        file: PathBuf,
        /// 上年的报告，用于跨年度检查（上年结转、现行有效件数等）
        #[arg(long, value_name = "LASTYEAR")]
        prev: Option<PathBuf>,
        /// 以 JSON 输出：{"findings":[…]}
        #[arg(long)]
        json: bool,
    },
    /// 从本年报告生成下一年度的草稿
    NextYear {
        /// 本年的报告
        file: PathBuf,
        /// 新草稿（.ron）
        #[arg(short, long, value_name = "OUT.ron")]
        output: PathBuf,
    },
    /// 导出报告：.json（数据）或 .pdf（打印版）
    Export {
        /// 报告文件
        file: PathBuf,
        /// 输出文件，按扩展名决定格式
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// 另外查找字体的文件夹（仿宋、黑体、楷体、小标宋）
        #[arg(long, value_name = "DIR")]
        font_dir: Option<PathBuf>,
        /// 在文末加内部审批用的签发栏（拟稿人、审核人、签发人、日期）
        #[arg(long)]
        signoff: bool,
    },
    /// 把已发布的报告（复制的文本、保存的网页或 PDF）导入为草稿
    Import {
        /// 已发布的报告（.txt/.html/.pdf）
        input: PathBuf,
        /// 新草稿（.ron）
        #[arg(short, long, value_name = "OUT.ron")]
        output: PathBuf,
    },
}

/// Exit code for "the input could not be read".
const EXIT_UNREADABLE: u8 = 2;

/// Runs a batch command.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Check { file, prev, json } => return run_check(&file, prev.as_deref(), json),
        Command::NextYear { file, output } => next_year(&file, &output),
        Command::Export {
            file,
            output,
            font_dir,
            signoff,
        } => export(&file, &output, font_dir.as_deref(), signoff),
        Command::Import { input, output } => import(&input, &output),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

fn open(path: &Path) -> Result<io::Opened, String> {
    io::open_any(path).map_err(|e| format!("{}：{e}", path.display()))
}

fn print_notes(notes: &[model::Note]) {
    for note in notes {
        eprintln!("提示：{}", note.text);
    }
}

fn run_check(file: &Path, prev: Option<&Path>, json: bool) -> ExitCode {
    let opened = match open(file) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let previous = match prev.map(open).transpose() {
        Ok(p) => p.map(|o| PreviousYear::from_report(&o.report)),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let report = &opened.report;
    let findings = model::check_with(report, previous.as_ref().or(report.previous.as_ref()));
    if json {
        let out = serde_json::json!({ "findings": findings });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        if !opened.notes.is_empty() {
            print_notes(&opened.notes);
        }
        print_findings(&findings);
    }
    if model::check::has_errors(&findings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_findings(findings: &[Finding]) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for f in findings {
        let _ = writeln!(out, "{} [{}] {}", f.severity.label(), f.rule, f.message);
        if !f.cells.is_empty() {
            let shown: Vec<&str> = f.cells.iter().take(8).map(String::as_str).collect();
            let more = if f.cells.len() > 8 {
                format!(" 等 {} 个单元格", f.cells.len())
            } else {
                String::new()
            };
            let _ = writeln!(out, "    单元格：{}{more}", shown.join(", "));
        }
    }
    let (errors, warnings) = model::check::tally(findings);
    let _ = writeln!(out, "共 {errors} 个错误，{warnings} 个警告");
}

fn next_year(file: &Path, output: &Path) -> Result<(), String> {
    let opened = open(file)?;
    let next = model::rollover::next_year(&opened.report);
    print_notes(&next.notes);
    draft::save(&next, output).map_err(|e| e.to_string())?;
    eprintln!("已生成 {} 年度草稿：{}", next.meta.year, output.display());
    Ok(())
}

fn export(
    file: &Path,
    output: &Path,
    font_dir: Option<&Path>,
    signoff: bool,
) -> Result<(), String> {
    let opened = open(file)?;
    let bytes = match io::FileType::of(output) {
        Some(io::FileType::Json) => io::json::to_string(&opened.report).into_bytes(),
        Some(io::FileType::Pdf) => {
            let options = io::pdf::PdfOptions {
                font_dir: font_dir.map(Path::to_path_buf),
                signoff,
            };
            let pdf = io::pdf::export_pdf(&opened.report, &options).map_err(|e| e.to_string())?;
            for line in &pdf.fonts_used {
                eprintln!("字体　{line}");
            }
            eprintln!("共 {} 页：{}", pdf.pages, output.display());
            pdf.bytes
        }
        _ => {
            return Err(format!(
                "不支持导出为“.{}”：请用 .json 或 .pdf",
                io::file_type::extension_of(output)
            ));
        }
    };
    io::atomic::write_atomic(output, &bytes, io::atomic::Backup::None).map_err(|e| e.to_string())
}

fn import(input: &Path, output: &Path) -> Result<(), String> {
    let opened = open(input)?;
    print_notes(&opened.notes);
    draft::save(&opened.report, output).map_err(|e| e.to_string())?;
    let report = &opened.report;
    eprintln!(
        "已导入 {} {} 年度报告（{}），共 {} 条提示，草稿：{}",
        report.meta.agency,
        report.meta.year,
        report.format.name,
        opened.notes.len(),
        output.display()
    );
    Ok(())
}
