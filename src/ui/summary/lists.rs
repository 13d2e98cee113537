//! The 汇总's short lists: units on the roster that filed nothing, the same report filed twice,
//! copied prose. A unit's name is a link that opens it in the editor.

use egui::{ScrollArea, Ui};

use super::SumAction;
use crate::model::sum::{Summary, file_name};

/// A unit as a link (name and file); clicked: open it.
fn unit_link(ui: &mut Ui, summary: &Summary, unit: usize, action: &mut Option<SumAction>) {
    let Some(u) = summary.units.get(unit) else {
        return;
    };
    let text = format!("“{}”（{}）", u.name(), file_name(&u.file));
    if ui
        .link(text)
        .on_hover_text(format!("在编辑器中打开 {}", u.file))
        .clicked()
    {
        *action = Some(SumAction::OpenUnit(unit));
    }
}

fn list_area(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui)) {
    ScrollArea::vertical()
        .id_salt(id)
        .auto_shrink([false, false])
        .show(ui, add);
}

/// 缺报: roster names no file answers to.
pub fn missing_ui(ui: &mut Ui, summary: &Summary, has_roster: bool) -> Option<SumAction> {
    if !has_roster {
        ui.label("没有选择名单。选择应报送单位的名单（.txt，每行一个单位名称）后，这里列出没有报送的单位。");
        return None;
    }
    if summary.missing.is_empty() {
        ui.label("名单上的单位都已报送。");
        return None;
    }
    list_area(ui, "sum-missing", |ui| {
        ui.label(format!(
            "名单中没有报送的单位（{} 个）：",
            summary.missing.len()
        ));
        for name in &summary.missing {
            ui.label(format!("• {name}"));
        }
    });
    None
}

/// 重复报送: the unit summed and the one left out.
pub fn duplicates_ui(ui: &mut Ui, summary: &Summary) -> Option<SumAction> {
    if summary.duplicates.is_empty() {
        ui.label("没有重复报送的报告。");
        return None;
    }
    let mut action = None;
    list_area(ui, "sum-duplicates", |ui| {
        ui.label("同一份报告报送了两次（同一单位且数字相同，或内容完全相同），只计入前一份：");
        for &(kept, left) in &summary.duplicates {
            ui.horizontal_wrapped(|ui| {
                unit_link(ui, summary, kept, &mut action);
                ui.label("与");
                unit_link(ui, summary, left, &mut action);
            });
        }
    });
    action
}

/// 内容雷同: pairs of units whose prose in a section is near-identical.
pub fn similar_ui(ui: &mut Ui, summary: &Summary) -> Option<SumAction> {
    if summary.similar.is_empty() {
        ui.label(format!(
            "没有发现内容雷同的报告（{}）。",
            summary.similar_scope()
        ));
        return None;
    }
    let mut action = None;
    list_area(ui, "sum-similar", |ui| {
        ui.label("去掉数字和单位名称后，以下报告的这一部分几乎相同：");
        for s in &summary.similar {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("第{}部分：", summary.section_number(&s.section)));
                let [a, b] = s.units;
                unit_link(ui, summary, a, &mut action);
                ui.label("与");
                unit_link(ui, summary, b, &mut action);
                ui.label(format!("相似度 {:.0}%", s.score * 100.0));
            });
        }
    });
    action
}
