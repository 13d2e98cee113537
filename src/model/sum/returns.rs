//! 退回意见: for each unit the office should send back, a short Chinese text listing what is
//! wrong — its errors, the warnings to check, copied prose, another year, an unreadable file.

use std::collections::HashMap;
use std::fmt::Write;

use super::{Reason, Summary, Unit};
use crate::model::check::Finding;
use crate::model::format::{Format, Severity};
use crate::model::numerals::NUMERALS;

/// A 退回意见 for one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnNote {
    /// The unit (index into [`Summary::units`]).
    pub unit: usize,
    /// A file name for it (no folder): `{unit name}-退回意见.txt`, unique within the batch.
    pub file_name: String,
    /// The text (`\n` line ends).
    pub text: String,
}

/// At most this many cells are named per finding.
const NAMED_CELLS: usize = 5;

/// A note for every unit with findings, copied prose, another year or an unreadable file, in the
/// batch's order.
pub(super) fn build(summary: &Summary) -> Vec<ReturnNote> {
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut notes = Vec::new();
    // The share from which prose counts as copied, as the format's 汇总 settings give it.
    let threshold = summary
        .format()
        .map(|f| &f.summary.similar)
        .filter(|s| !s.sections.is_empty())
        .map(|s| s.threshold);
    for (u, unit) in summary.units.iter().enumerate() {
        let copied: Vec<String> = summary
            .similar
            .iter()
            .filter(|s| s.units.contains(&u))
            .filter_map(|s| {
                let other = s.units.iter().find(|&&o| o != u)?;
                let other = summary.units.get(*other)?;
                let heading = section_heading(unit.format, &s.section);
                Some(format!(
                    "{heading}与“{}”（{}）的报告内容雷同（去掉数字和单位名称后，相同的文字片段占 {:.0}%），请按本单位的实际情况撰写",
                    other.name(),
                    super::file_name(&other.file),
                    s.score * 100.0
                ))
            })
            .collect();
        let other: Vec<String> = unit
            .reasons
            .iter()
            .filter(|r| {
                matches!(
                    r,
                    Reason::WrongYear { .. }
                        | Reason::Unreadable(_)
                        | Reason::Migrated { .. }
                        | Reason::NoFormat(_)
                )
            })
            .map(ToString::to_string)
            .collect();
        let duplicate = unit
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::Duplicate { .. }));
        if duplicate || unit.findings.is_empty() && copied.is_empty() && other.is_empty() {
            continue;
        }
        let base = if unit.agency.is_empty() {
            let file = super::file_name(&unit.file);
            sanitize(file.rsplit_once('.').map_or(file, |(stem, _)| stem))
        } else {
            sanitize(&unit.agency)
        };
        let count = used.entry(base.clone()).or_default();
        *count += 1;
        let file_name = if *count == 1 {
            format!("{base}-退回意见.txt")
        } else {
            format!("{base}（{count}）-退回意见.txt")
        };
        notes.push(ReturnNote {
            unit: u,
            file_name,
            text: text(unit, summary.year, threshold, &copied, &other),
        });
    }
    notes
}

/// `第一部分“总体情况”`.
fn section_heading(format: Option<&Format>, section: &str) -> String {
    let Some(s) = format.and_then(|f| f.section(section)) else {
        return format!("第{section}部分");
    };
    format!("第{}部分“{}”", s.number, s.title)
}

fn text(
    unit: &Unit,
    year: Option<u16>,
    threshold: Option<f64>,
    copied: &[String],
    other: &[String],
) -> String {
    let mut out = String::new();
    let year_text = unit
        .year
        .or(year)
        .map(|y| format!("{y}年度"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}：{year_text}政府信息公开工作年度报告退回修改意见",
        unit.name()
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "报送文件：{}", super::file_name(&unit.file));
    if let Some(r) = &unit.report {
        if !r.meta.title.is_empty() {
            let _ = writeln!(out, "报告标题：{}", r.meta.title);
        }
        let _ = writeln!(out, "年度：{}　格式：{}", r.meta.year, r.format.name);
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "经核对，你单位报送的年度报告有以下问题，请修改后重新报送。"
    );
    let errors: Vec<&Finding> = unit
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    let warnings: Vec<&Finding> = unit
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .collect();
    let format = unit.format;
    let parts: Vec<(String, Vec<String>)> = [
        (
            format!("错误（必须改正，共 {} 处）", errors.len()),
            errors.iter().map(|f| finding_line(f, format)).collect(),
        ),
        (
            format!("需要核对的问题（共 {} 处）", warnings.len()),
            warnings.iter().map(|f| finding_line(f, format)).collect(),
        ),
        ("内容雷同".to_owned(), copied.to_vec()),
        ("其他".to_owned(), other.to_vec()),
    ]
    .into_iter()
    .filter(|(_, lines)| !lines.is_empty())
    .collect();
    for (i, (title, lines)) in parts.iter().enumerate() {
        let numeral = NUMERALS.chars().nth(i).unwrap_or('十');
        let _ = writeln!(out);
        let _ = writeln!(out, "{numeral}、{title}");
        for (n, line) in lines.iter().enumerate() {
            let _ = writeln!(out, "{}. {line}", n + 1);
        }
    }
    let _ = writeln!(out);
    let similar = threshold.map_or_else(String::new, |t| {
        format!(
            "；“内容雷同”按去掉数字和单位名称后的文字比较，相同片段占 {:.0}% 以上列出",
            t * 100.0
        )
    });
    let _ = writeln!(
        out,
        "（本意见由年报编辑器按《中华人民共和国政府信息公开工作年度报告格式》的勾稽关系自动核对生成{similar}。）"
    );
    out
}

/// `[T3-BAL] 表三……应为 25，实为 24` with the cells it concerns on the next line.
fn finding_line(f: &Finding, format: Option<&Format>) -> String {
    let mut line = format!("[{}] {}", f.rule, f.message);
    let labels: Vec<String> = f
        .cells
        .iter()
        .take(NAMED_CELLS)
        .map(|id| {
            format
                .and_then(|fm| fm.cell_index(id).map(|ix| fm.cell_label(ix)))
                .unwrap_or_else(|| id.clone())
        })
        .collect();
    if !labels.is_empty() {
        let more = if f.cells.len() > NAMED_CELLS {
            format!(" 等 {} 处", f.cells.len())
        } else {
            String::new()
        };
        let _ = write!(line, "\n   涉及：{}{more}", labels.join("；"));
    }
    line
}

/// A unit name as a file name on Windows: no `<>:"/\|?*` or control characters, no trailing dot
/// or space, not empty.
fn sanitize(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"/\\|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(60)
        .collect();
    let cleaned = cleaned.trim_end_matches(['.', ' ']).trim();
    if cleaned.is_empty() {
        "单位".to_owned()
    } else {
        cleaned.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_safe_file_names() {
        assert_eq!(sanitize("青禾街道"), "青禾街道");
        assert_eq!(sanitize("a/b:c?.  "), "a_b_c_");
        assert_eq!(sanitize(" . "), "单位");
    }
}
