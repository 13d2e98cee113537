//! `nianbao sum`: the county office's 汇总 from the command line — read every unit's report,
//! check it, sum the usable ones into a draft, and say what was left out and why.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use super::{Console, Done};
use crate::io::{self, batch, matrix};
use crate::model::sum::{SumOptions, Summary};
use crate::model::{Finding, Report};

/// The arguments of `nianbao sum`.
#[derive(Debug, clap::Args)]
pub struct SumArgs {
    /// 各单位的报告文件或文件夹（文件夹中逐层查找 .ron/.txt/.html/.docx/.doc/.xlsx/.xls/.pdf，不含 .bak 备份和汇总明细）
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// 生成的合计草稿（.ron）
    #[arg(short, long, value_name = "TOTAL.ron")]
    output: PathBuf,
    /// 汇总的年度（默认：报告最多的年度）
    #[arg(long, value_name = "YEAR")]
    year: Option<u16>,
    /// 合计报告的机关名称（默认：各单位名称共有的县、区、市名）
    #[arg(long, value_name = "NAME")]
    agency: Option<String>,
    /// 应报送单位名单（每行一个单位名称），列出没有报送的单位
    #[arg(long, value_name = "ROSTER.txt")]
    roster: Option<PathBuf>,
    /// 导出各单位明细：.xlsx 或 .csv
    #[arg(long, value_name = "OUT.xlsx|OUT.csv")]
    matrix: Option<PathBuf>,
    /// 本级或全县的报告：逐格与各单位之和核对（规则 H-SUM）
    #[arg(long, value_name = "REPORT")]
    against: Option<PathBuf>,
    /// 为每个有问题的单位写一份退回意见（.txt）到这个文件夹
    #[arg(long, value_name = "DIR")]
    returns: Option<PathBuf>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

/// Runs `nianbao sum`: done when the total was written (even if units have errors); an error
/// (exit 2) when nothing usable was found or a file could not be read or written.
pub(super) fn run(console: &mut Console, args: &SumArgs) -> Result<Done> {
    let inputs: Vec<&Path> = args.inputs.iter().map(PathBuf::as_path).collect();
    io::output::check_output(&inputs, &args.output, io::FileType::Draft)?;
    if let Some(m) = &args.matrix {
        matrix::MatrixKind::of(m)?;
        if m == &args.output {
            bail!(
                "明细文件和合计草稿不能是同一个文件“{}”，请换一个文件名",
                m.display()
            );
        }
    }
    let roster = match &args.roster {
        Some(path) => batch::read_roster(path)
            .map_err(|e| anyhow!("无法读取单位名单“{}”：{e}", path.display()))?,
        None => Vec::new(),
    };
    let against = args.against.as_deref().map(super::open).transpose()?;
    let skip: Vec<PathBuf> = [
        Some(&args.output),
        args.matrix.as_ref(),
        args.against.as_ref(),
        args.roster.as_ref(),
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    let show_progress = !args.json && std::io::stderr().is_terminal();
    let progress = |read: usize, all: usize| {
        if show_progress {
            eprint!("\r已读 {read}/{all}");
        }
    };
    let options = SumOptions {
        year: args.year,
        agency: args.agency.clone(),
        roster,
    };
    let (files, summary) = batch::summarize_paths(&args.inputs, &skip, &options, &progress);
    if show_progress && !files.is_empty() {
        console.note("");
    }
    let findings = match (&against, &summary.total) {
        (Some(opened), Some(total)) => {
            if opened.report.meta.year != total.meta.year {
                console.note(&format!(
                    "提示：核对的报告是 {} 年度，汇总的是 {} 年度",
                    opened.report.meta.year, total.meta.year
                ));
            }
            summary.against(&opened.report)
        }
        _ => Vec::new(),
    };
    let Some(total) = &summary.total else {
        print(console, args, &summary, &findings)?;
        bail!(nothing_usable(args, &summary));
    };
    if let Some(path) = &args.matrix {
        matrix::write_matrix(&summary, path)?;
    }
    let returned = match &args.returns {
        Some(dir) => batch::write_return_notes(&summary, dir)?.len(),
        None => 0,
    };
    super::save_draft(console, total, &args.output)?;
    print(console, args, &summary, &findings)?;
    if !args.json {
        report_written(console, args, &summary, total, returned);
    }
    Ok(Done::Clean)
}

/// Why no total was written.
fn nothing_usable(args: &SumArgs, summary: &Summary) -> String {
    if summary.units.is_empty() {
        let inputs: Vec<String> = args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        return format!(
            "在“{}”中没有找到报告文件（.ron/{}）；没有生成合计草稿",
            inputs.join("”“"),
            io::FileType::report_endings()
        );
    }
    let year = summary
        .year
        .map_or_else(String::new, |y| format!(" {y} 年度"));
    format!(
        "没有可以汇总的{year}报告（共 {} 个文件，都没有计入，原因见上）；没有生成合计草稿",
        summary.units.len()
    )
}

fn print(
    console: &mut Console,
    args: &SumArgs,
    summary: &Summary,
    findings: &[Finding],
) -> Result<()> {
    if args.json {
        let json = to_json(summary, findings);
        let text = serde_json::to_string_pretty(&json)
            .map_err(|e| anyhow!("无法生成 JSON 格式的汇总结果（{e}）"))?;
        console.result(&text)
    } else {
        print_text(console, summary, findings)
    }
}

/// `{"year","units":[…],"missing":[…],"duplicates":[[a,b]],"similar":[…],"findings":[…]}`.
pub fn to_json(summary: &Summary, findings: &[Finding]) -> serde_json::Value {
    let file = |u: usize| summary.units.get(u).map(|u| u.file.clone());
    let units: Vec<serde_json::Value> = summary
        .units
        .iter()
        .map(|u| {
            serde_json::json!({
                "file": u.file,
                "agency": (!u.agency.is_empty()).then_some(&u.agency),
                "year": u.year,
                "format": u.format.map(|f| &f.id),
                "status": u.status.id(),
                "reason": u.reason_text(),
                "errors": u.errors,
                "warnings": u.warnings,
            })
        })
        .collect();
    let duplicates: Vec<[Option<String>; 2]> = summary
        .duplicates
        .iter()
        .map(|&(a, b)| [file(a), file(b)])
        .collect();
    let similar: Vec<serde_json::Value> = summary
        .similar
        .iter()
        .map(|s| {
            serde_json::json!({
                "files": s.units.map(file),
                "section": s.section,
                "score": (s.score * 100.0).round() / 100.0,
            })
        })
        .collect();
    serde_json::json!({
        "year": summary.year,
        "units": units,
        "missing": summary.missing,
        "duplicates": duplicates,
        "similar": similar,
        "findings": findings,
    })
}

fn print_text(console: &mut Console, summary: &Summary, findings: &[Finding]) -> Result<()> {
    let included = summary.included().count();
    let year = summary
        .year
        .map_or_else(String::new, |y| format!(" {y} 年度"));
    console.result(&format!(
        "汇总{year}：共 {} 个文件，计入 {included} 个，未计入 {} 个",
        summary.units.len(),
        summary.units.len() - included
    ))?;
    for u in &summary.units {
        console.result(&format!(
            "{}　错误 {:>2}　警告 {:>2}　{}　{}",
            u.status.label(),
            u.errors,
            u.warnings,
            u.name(),
            u.file
        ))?;
        if let Some(reason) = u.reason_text() {
            console.result(&format!("        {reason}"))?;
        }
    }
    let name = |i: usize| {
        summary
            .units
            .get(i)
            .map_or_else(String::new, |u| format!("“{}”（{}）", u.name(), u.file))
    };
    if !summary.duplicates.is_empty() {
        console.result("\n重复报送（只计入一次）：")?;
        for &(a, b) in &summary.duplicates {
            console.result(&format!("  {} 与 {}", name(a), name(b)))?;
        }
    }
    if !summary.similar.is_empty() {
        console.result("\n内容雷同（去掉数字和单位名称后比较）：")?;
        for s in &summary.similar {
            let [a, b] = s.units;
            console.result(&format!(
                "  第{}部分：{} 与 {}，相似度 {:.2}",
                summary.section_number(&s.section),
                name(a),
                name(b),
                s.score
            ))?;
        }
    }
    if !summary.missing.is_empty() {
        console.result(&format!(
            "\n名单中没有报送的单位（{} 个）：{}",
            summary.missing.len(),
            summary.missing.join("、")
        ))?;
    }
    if !findings.is_empty() {
        console.result(&format!("\n与各单位之和不一致（{} 处）：", findings.len()))?;
        super::print_findings(console, findings)?;
    }
    Ok(())
}

fn report_written(
    console: &mut Console,
    args: &SumArgs,
    summary: &Summary,
    total: &Report,
    returned: usize,
) {
    console.note(&format!(
        "已生成{}年度合计草稿（{}，计入 {} 个单位）：{}",
        total.meta.year,
        total.format.name,
        summary.included().count(),
        args.output.display()
    ));
    if let Some(m) = &args.matrix {
        console.note(&format!("已导出明细：{}", m.display()));
    }
    if let Some(dir) = &args.returns {
        console.note(&format!("已写出 {returned} 份退回意见：{}", dir.display()));
    }
}
