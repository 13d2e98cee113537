//! 问题清单: every finding, grouped errors first; clicking one jumps to its cell or paragraph.

use egui::{RichText, Ui};

use super::document::Document;
use super::nav::Part;
use super::theme;
use crate::model::Finding;

/// The part a finding points at.
pub fn part_of(doc: &Document, finding: &Finding) -> Part {
    let format = doc.report.format;
    if let Some(section) = finding
        .cells
        .first()
        .and_then(|id| format.cell_index(id))
        .and_then(|ix| format.cell(ix))
        .and_then(|c| format.tables.get(c.table))
        .map(|t| t.section)
    {
        return Part::Section(section);
    }
    if let Some(section) = finding
        .section
        .as_deref()
        .and_then(|s| format.sections.iter().position(|x| x.id == s))
    {
        return Part::Section(section);
    }
    Part::Meta
}

/// Errors and warnings per part (待填 ones apart, see [`Document::pending`]), and the 待填 count.
pub fn counts(doc: &Document, part: Part) -> (usize, usize, usize) {
    let here = || {
        doc.findings
            .iter()
            .enumerate()
            .filter(|(_, f)| part_of(doc, f) == part)
    };
    let (errors, warnings) =
        crate::model::check::tally(here().filter(|(i, _)| !doc.is_pending(*i)).map(|(_, f)| f));
    let pending = here().filter(|(i, _)| doc.is_pending(*i)).count();
    (errors, warnings, pending)
}

/// Draws the list; returns the index of the finding clicked.
pub fn findings_ui(ui: &mut Ui, doc: &Document) -> Option<usize> {
    let (errors, warnings, pending) = doc.shown_totals();
    ui.heading("问题清单");
    ui.label(if pending > 0 {
        format!("错误 {errors} 个，警告 {warnings} 个，待填 {pending} 个")
    } else {
        format!("错误 {errors} 个，警告 {warnings} 个")
    });
    ui.separator();
    if doc.findings.is_empty() {
        ui.label("没有发现问题。");
        return None;
    }
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Errors, warnings, then what is only 待填 (grey: not wrong, not started).
            let mut order: Vec<usize> = (0..doc.findings.len()).collect();
            order.sort_by_key(|&i| {
                (
                    doc.is_pending(i),
                    doc.findings.get(i).map(|f| std::cmp::Reverse(f.severity)),
                )
            });
            for i in order {
                let Some(f) = doc.findings.get(i) else {
                    continue;
                };
                let text = if doc.is_pending(i) {
                    RichText::new(format!("待填 {}：{}", f.rule, f.message)).weak()
                } else {
                    RichText::new(format!("{} {}：{}", f.severity.label(), f.rule, f.message))
                        .color(theme::severity_color(f.severity, ui.visuals()))
                };
                let response = ui.add(egui::Button::selectable(false, text).wrap());
                if response.clicked() {
                    clicked = Some(i);
                }
                ui.add_space(2.0);
            }
        });
    clicked
}
