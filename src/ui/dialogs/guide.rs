//! 帮助 → 填报说明: what each part and table holds, where the 勾稽关系 come from, and blank
//! versus 0 — read from the report's format, so a new format explains itself.

use crate::model::format::{Format, Severity, Table};
use crate::model::{CellValue, Report};

/// The filling guide for one format.
pub struct GuideDialog {
    /// The open report's format.
    pub format: &'static Format,
}

/// The top-level rows of a table as printed: row labels and outermost group labels, in order.
fn outline(table: &Table) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for row in &table.rows {
        let label = match row.groups.first().and_then(|&g| table.groups.get(g)) {
            Some(group) => group.label.as_str(),
            None => row.label.as_str(),
        };
        if out.last() != Some(&label) {
            out.push(label);
        }
    }
    out
}

/// What a table holds, in one line.
fn describe(table: &Table) -> String {
    let columns: Vec<&str> = table.columns.iter().map(|c| c.label.as_str()).collect();
    format!(
        "{}：{}；各列为{}",
        table.name,
        outline(table).join("、"),
        columns.join("、")
    )
}

/// What the grid shows for a total whose parts are all blank (the model decides).
fn blank_total(format: &'static Format) -> Option<&'static str> {
    let (total, _) = format.derivations.first()?;
    let year = format.first_year;
    let shown = Report::new(format, year).resolve().get(*total)?.clone();
    Some(if shown == CellValue::Blank {
        "各分项都空白时，总计也空白。"
    } else {
        "各分项都空白时，总计显示 0。"
    })
}

impl GuideDialog {
    /// The guide as headed paragraphs.
    pub fn text(&self) -> Vec<(String, Vec<String>)> {
        let f = self.format;
        let mut parts = Vec::new();
        let mut sections = Vec::new();
        for (i, s) in f.sections.iter().enumerate() {
            let tables: Vec<String> = f
                .tables
                .iter()
                .filter(|t| t.section == i)
                .map(describe)
                .collect();
            let mut line = f.section_heading(s);
            if !s.sub_blocks.is_empty() {
                line.push_str(&format!("：正文，一般分{}", s.sub_blocks.join("、")));
            } else if tables.is_empty() {
                line.push_str("：正文");
            }
            sections.push(line);
            sections.extend(tables.into_iter().map(|t| format!("    {t}")));
        }
        parts.push((format!("各部分（{}）", f.name), sections));
        let mut rules = vec![format!(
            "标红的“错误”是{}规定的表内、表间勾稽关系不成立，或数字无法读取，导出前应改正：",
            f.name
        )];
        rules.extend(
            f.tables
                .iter()
                .filter(|t| t.corner.contains("勾稽"))
                .map(|t| format!("    {}表头注明：{}", t.name, t.corner)),
        );
        let listed = |severity: Severity| {
            f.rules
                .iter()
                .filter(move |r| r.severity == severity)
                .map(|r| format!("    {}（{}）", r.title, r.id))
        };
        rules.extend(listed(Severity::Error));
        rules.push(
            "标黄的“警告”是本程序对常见疏漏的核对（正文与表格的数字、留空、与上年的衔接等），\
             不一定是错误，请逐条判断："
                .to_owned(),
        );
        rules.extend(listed(Severity::Warning));
        parts.push(("勾稽关系从哪里来".to_owned(), rules));
        let mut blanks = vec![
            "没有发生的事项填 0，不要留空：留空的单元格会有“表格不应留空”的提示。".to_owned(),
            "“/”表示不适用，检查时按 0 计算。".to_owned(),
            "总计（粗体）由各分项自动计算，不能直接填写；导入的报告中原有的总计与计算值不一致时标红，\
             可右键“采用计算值”。"
                .to_owned(),
        ];
        blanks.extend(blank_total(f).map(str::to_owned));
        parts.push(("空白与 0".to_owned(), blanks));
        // 数据句: how the sentences' figures and 同比 are computed, as the format file states it.
        if !f.sentences.templates.is_empty() && !f.sentences.note.is_empty() {
            parts.push(("数据句与同比".to_owned(), vec![f.sentences.note.clone()]));
        }
        parts
    }

    /// Draws the dialog; `true` once closed.
    pub fn ui(&mut self, ctx: &egui::Context) -> bool {
        let text = self.text();
        super::modal(ctx, "guide", "填报说明", |ui| {
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    for (heading, lines) in &text {
                        ui.strong(heading);
                        for line in lines {
                            ui.label(line);
                        }
                        ui.add_space(8.0);
                    }
                });
            super::close_button(ui)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format;

    #[test]
    fn the_guide_is_read_from_the_format() {
        let f = format::by_id("gb2021").unwrap();
        let text = GuideDialog { format: f }.text();
        let all: Vec<&String> = text.iter().flat_map(|(_, l)| l).collect();
        let has = |s: &str| all.iter().any(|l| l.contains(s));
        assert!(has(
            "一、本年新收政府信息公开申请数量、二、上年结转政府信息公开申请数量、三、本年度办理结果"
        ));
        assert!(has("第一项加第二项之和，等于第三项加第四项之和"), "{all:?}");
        assert!(has(
            "表三第一项加第二项之和等于第三项加第四项之和（T3-BAL）"
        ));
        assert!(has("总计"));
        for rule in &f.rules {
            assert!(has(&format!("（{}）", rule.id)), "{}", rule.id);
        }
        // The data sentences' base and rounding (issue 20), from the format file.
        assert!(has("四舍五入保留两位小数"), "{all:?}");
        assert!(has("为基数"), "{all:?}");
    }
}
