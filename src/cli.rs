//! The command line: `nianbao check|import|export|next-year|sum|sentences …` for batch work and tests, and
//! plain `nianbao [FILE]` for the editor.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use clap::{Parser, Subcommand};

use crate::io::{self, draft};

mod sum;
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
    /// 在编辑器中打开的文件（.ron 草稿，或已发布报告的 .txt/.html/.docx/.doc/.xlsx/.xls/.pdf）
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
    /// 导出报告：.pdf（打印版）、.docx（Word 文档）、.html（网页）或 .json（数据）；报告还有错误时照样导出，但退出码为 1
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
    /// 把已发布的报告（复制的文本、保存的网页、Word 文档、Excel 表格或 PDF）导入为草稿
    Import {
        /// 已发布的报告（.txt/.html/.docx/.doc/.xlsx/.xls/.pdf）
        input: PathBuf,
        /// 新草稿（.ron）
        #[arg(short, long, value_name = "OUT.ron")]
        output: PathBuf,
    },
    /// 汇总各单位的报告：逐份检查，生成合计草稿；重复、年份不符、无法读取的不计入
    Sum(sum::SumArgs),
    /// 按表格中的数字写出报告的标准数据句（新收、办结、行政复议等），每句一段，可复制到 Word
    Sentences {
        /// 报告文件（.ron 草稿或已发布报告）
        file: PathBuf,
        /// 上年的报告，用于写同比（不给时用草稿中保存的上年数字）
        #[arg(long, value_name = "LASTYEAR")]
        prev: Option<PathBuf>,
    },
}

/// Exit code for "the report has errors" (`check`, `export`).
const EXIT_HAS_ERRORS: u8 = 1;
/// Exit code for "the command could not do its work": a file that cannot be read or written,
/// a refused output, a result that cannot be printed.
const EXIT_FAILED: u8 = 2;

/// How a command that did its work ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Done {
    /// Nothing to report.
    Clean,
    /// The report has errors (the findings were printed).
    HasErrors,
}

/// Installs the program's panic hook: a panic the Excel reader catches (a damaged workbook
/// calamine trips over, refused in Chinese) prints nothing; any other prints a line in Chinese
/// before the standard report. Both binaries call it first.
pub fn install_panic_hook() {
    let standard = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if crate::model::import::xlsx::panic_is_caught() {
            return;
        }
        eprintln!("程序出现内部错误，请把以下内容（连同所打开的文件）告诉维护者：");
        standard(info);
    }));
}

/// Runs a batch command, printing results on stdout and messages on stderr.
pub fn run(command: Command) -> ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run_with(command, &mut stdout.lock(), &mut stderr.lock())
}

/// Runs a batch command with the given outputs (tests pass buffers, or a writer that fails).
///
/// Every error is handled here, once: its message goes to `err` and the exit code is 2.
pub fn run_with(command: Command, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let mut console = Console { out, err };
    if let Err(e) = model::format::load_builtin() {
        let _ = writeln!(console.err, "{}", e.for_clerk());
        return ExitCode::from(EXIT_FAILED);
    }
    let result = match command {
        Command::Check { file, prev, json } => check(&mut console, &file, prev.as_deref(), json),
        Command::NextYear { file, output } => next_year(&mut console, &file, &output),
        Command::Export {
            file,
            output,
            font_dir,
            signoff,
        } => export(&mut console, &file, &output, font_dir.as_deref(), signoff),
        Command::Import { input, output } => import(&mut console, &input, &output),
        Command::Sum(args) => sum::run(&mut console, &args),
        Command::Sentences { file, prev } => sentences(&mut console, &file, prev.as_deref()),
    };
    match result {
        Ok(Done::Clean) => ExitCode::SUCCESS,
        Ok(Done::HasErrors) => ExitCode::from(EXIT_HAS_ERRORS),
        Err(error) => {
            // The exit code says it too, so a closed stderr loses nothing a script relies on.
            // Each error's message already names its cause (the errors are made that way), so
            // only the outermost is printed: walking the chain would repeat the causes.
            let _ = writeln!(console.err, "{error}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}

/// Where a command writes: results to `out`, notes and messages to `err`.
struct Console<'a> {
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
}

impl Console<'_> {
    /// Writes one line of results; failing to write them fails the command.
    fn result(&mut self, line: &str) -> Result<()> {
        writeln!(self.out, "{line}").map_err(|e| anyhow!("无法输出结果：{e}"))
    }

    /// Writes one line of notes or progress on stderr. The notes are also in the draft and the
    /// outcome is in the exit code, so a stderr that cannot be written does not fail the command.
    fn note(&mut self, line: &str) {
        let _ = writeln!(self.err, "{line}");
    }

    fn notes(&mut self, notes: &[model::Note]) {
        for note in notes {
            self.note(&format!("提示：{}", note.text));
        }
    }
}

fn open(path: &Path) -> Result<io::Opened> {
    io::open_any(path).map_err(|e| anyhow!("{}：{e}", path.display()))
}

/// `nianbao sentences`: the format's data sentences for a report, one paragraph each.
fn sentences(console: &mut Console, file: &Path, prev: Option<&Path>) -> Result<Done> {
    let opened = open(file)?;
    let given = prev
        .map(open)
        .transpose()?
        .map(|o| PreviousYear::from_report(&o.report));
    let report = &opened.report;
    let previous = given.as_ref().or(report.previous.as_ref());
    console.notes(&opened.notes);
    let all = model::sentences::sentences(report, previous);
    if all.is_empty() {
        bail!("{}没有标准数据句", report.format.name);
    }
    for (i, s) in all.iter().enumerate() {
        if i > 0 {
            console.result("")?;
        }
        console.result(&s.text)?;
    }
    let blank = &report.format.sentences.blank;
    let blanks = all
        .iter()
        .flat_map(|s| &s.fields)
        .filter(|f| f.value == *blank)
        .count();
    if blanks > 0 {
        console.note(&format!(
            "提示：有 {blanks} 处数字对应的单元格空白，显示为“{blank}”（空白不写作 0），请在表格中填写后再生成。"
        ));
    }
    if previous.is_none() {
        console.note("提示：没有上年的数字，未写同比；可用 --prev 指定上年的报告。");
    }
    Ok(Done::Clean)
}

fn check(console: &mut Console, file: &Path, prev: Option<&Path>, json: bool) -> Result<Done> {
    let opened = open(file)?;
    let previous = prev
        .map(open)
        .transpose()?
        .map(|o| PreviousYear::from_report(&o.report));
    let report = &opened.report;
    let findings = model::check_with(report, previous.as_ref().or(report.previous.as_ref()));
    if json {
        // Serialised directly: `json!` would hide an `unwrap` for values it cannot convert.
        let text = serde_json::to_string_pretty(&FindingsJson {
            findings: &findings,
        })
        .map_err(|e| anyhow!("无法生成 JSON 格式的检查结果（{e}）"))?;
        console.result(&text)?;
    } else {
        console.notes(&opened.notes);
        print_findings(console, &findings)?;
    }
    Ok(if model::check::has_errors(&findings) {
        Done::HasErrors
    } else {
        Done::Clean
    })
}

/// `check --json`'s output: `{"findings": [...]}`.
#[derive(serde::Serialize)]
struct FindingsJson<'a> {
    findings: &'a [Finding],
}

fn print_findings(console: &mut Console, findings: &[Finding]) -> Result<()> {
    for f in findings {
        console.result(&format!(
            "{} [{}] {}",
            f.severity.label(),
            f.rule,
            f.message
        ))?;
        if !f.cells.is_empty() {
            let shown: Vec<&str> = f.cells.iter().take(8).map(String::as_str).collect();
            let more = if f.cells.len() > 8 {
                format!(" 等 {} 个单元格", f.cells.len())
            } else {
                String::new()
            };
            console.result(&format!("    单元格：{}{more}", shown.join(", ")))?;
        }
        // Where one number typed in a cell puts the rule right: that number, for that cell.
        for need in &f.needs {
            console.result(&format!("    {}：{}", need.cell, need.hint))?;
        }
    }
    let (errors, warnings) = model::check::tally(findings);
    console.result(&format!("共 {errors} 个错误，{warnings} 个警告"))
}

fn next_year(console: &mut Console, file: &Path, output: &Path) -> Result<Done> {
    io::output::check_output(&[file], output, io::FileType::Draft)?;
    let opened = open(file)?;
    let next = model::rollover::next_year(&opened.report);
    console.notes(&next.notes);
    save_draft(console, &next, output)?;
    console.note(&format!(
        "已生成 {} 年度草稿：{}",
        next.meta.year,
        output.display()
    ));
    Ok(Done::Clean)
}

fn export(
    console: &mut Console,
    file: &Path,
    output: &Path,
    font_dir: Option<&Path>,
    signoff: bool,
) -> Result<Done> {
    let kind = match io::FileType::of(output) {
        Some(kind) if io::export::KINDS.contains(&kind) => kind,
        _ => bail!(
            "不支持导出为“.{}”：请用 .pdf、.docx、.html 或 .json",
            io::file_type::extension_of(output)
        ),
    };
    io::output::check_output(&[file], output, kind)?;
    let opened = open(file)?;
    let report = &opened.report;
    let options = io::export::ExportOptions {
        font_dir: font_dir.map(Path::to_path_buf),
        signoff,
    };
    let rendered = io::export::render(report, kind, &options)?;
    for line in &rendered.fonts_used {
        console.note(&format!("字体　{line}"));
    }
    for warning in &rendered.warnings {
        console.note(&format!("警告　{warning}"));
    }
    let done = match rendered.pages {
        Some(pages) => format!("共 {pages} 页：{}", output.display()),
        None => format!("已导出：{}", output.display()),
    };
    let bytes = rendered.bytes;
    io::atomic::write_atomic(output, &bytes, io::atomic::Backup::None)?;
    // Success is reported only once the file is in place.
    console.note(&done);
    // A report with errors is still written (the clerk may need the draft printed to fix it),
    // but the command says so and exits 1, as `check` does: printing it for signature must be
    // a decision.
    let findings = model::check_with(report, report.previous.as_ref());
    let (errors, _) = model::check::tally(&findings);
    if errors == 0 {
        return Ok(Done::Clean);
    }
    let rules: Vec<&str> = findings
        .iter()
        .filter(|f| f.severity == model::Severity::Error)
        .map(|f| f.rule.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    console.note(&format!(
        "注意：报告还有 {errors} 个错误（{}），文件已照样导出；请用 nianbao check 查看并改正后再导出用于签发。",
        rules.join("、")
    ));
    Ok(Done::HasErrors)
}

/// Saves a draft, first naming the work that an interrupted save left in that folder (the save
/// keeps it under a visible name, see [`draft::save`]).
fn save_draft(console: &mut Console, report: &model::Report, output: &Path) -> Result<()> {
    let folder = io::atomic::resolve_links(output)
        .map(|target| io::atomic::folder_of(&target))
        .unwrap_or_else(|_| io::atomic::folder_of(output));
    for leftover in draft::stale_temps(&folder) {
        console.note(&format!(
            "发现上次保存中断时留下的完整草稿（{}），已保留为“{}”，请打开查看是否需要。",
            leftover.report.meta.title,
            leftover.keep_as.display()
        ));
    }
    draft::save(report, output)?;
    Ok(())
}

fn import(console: &mut Console, input: &Path, output: &Path) -> Result<Done> {
    io::output::check_output(&[input], output, io::FileType::Draft)?;
    let opened = open(input)?;
    console.notes(&opened.notes);
    save_draft(console, &opened.report, output)?;
    let report = &opened.report;
    console.note(&format!(
        "已导入 {} {} 年度报告（{}），共 {} 条提示，草稿：{}",
        report.meta.agency,
        report.meta.year,
        report.format.name,
        opened.notes.len(),
        output.display()
    ));
    Ok(Done::Clean)
}
