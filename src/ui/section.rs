//! One numbered section: its prose editor (with character count) and its tables.

use egui::{RichText, TextEdit, Ui};

use super::command::Effect;
use super::document::Document;
use super::grid::{self, GridState};
use super::nav::SectionLayout;
use super::theme;
use crate::model::Severity;
use crate::model::format::ProseKind;

/// Id of a section's prose editor (the findings list focuses it).
pub fn prose_id(section: usize) -> egui::Id {
    egui::Id::unique(("nianbao-prose", section))
}

/// Draws section `index`; returns the width of its widest table (0 without tables).
pub fn section_ui(
    ui: &mut Ui,
    doc: &mut Document,
    index: usize,
    layout: &SectionLayout,
    state: &mut GridState,
    effects: &mut Vec<Effect>,
) -> f32 {
    let format = doc.report.format;
    let Some(section) = format.sections.get(index) else {
        return 0.0;
    };
    ui.heading(format.section_heading(section));
    ui.add_space(4.0);
    let findings: Vec<String> = doc
        .findings
        .iter()
        .filter(|f| f.cells.is_empty() && f.section.as_deref() == Some(section.id.as_str()))
        .map(|f| format!("{}：{}", f.rule, f.message))
        .collect();
    for text in &findings {
        ui.colored_label(theme::severity_color(Severity::Warning, ui.visuals()), text);
    }
    let mut text = doc.report.prose(&section.id).to_owned();
    let main = section.prose == ProseKind::Main;
    let label = if main {
        "正文"
    } else {
        "表前说明（可选）"
    };
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let l = ui.label(RichText::new(format!("{label}（{chars} 字）")).weak());
    let rows = if main { 22 } else { 2 };
    let response = ui.add(
        TextEdit::multiline(&mut text)
            .id(prose_id(index))
            .desired_rows(rows)
            .desired_width(ui.available_width().min(900.0))
            .hint_text(if main {
                "在这里写本部分的内容"
            } else {
                "没有可不填"
            }),
    );
    let response = response.labelled_by(l.id);
    if response.changed() {
        doc.report.prose.insert(section.id.clone(), text);
    }
    if section.tables.is_empty() {
        return 0.0;
    }
    ui.add_space(10.0);
    grid::handle_keys(ui, doc, &layout.nav, state, effects);
    grid::section_tables_ui(ui, doc, layout, state, effects)
}
