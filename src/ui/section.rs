//! One numbered section: its prose editor (with character count, 插入数据句 and the live
//! figures of its data sentences) and its tables.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Galley, RichText, TextBuffer, TextEdit, Ui};

use super::command::Effect;
use super::document::Document;
use super::grid::{self, GridState};
use super::nav::SectionLayout;
use super::theme;
use crate::model::Severity;
use crate::model::fields::DataField;
use crate::model::format::ProseKind;
use crate::model::sentences;

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
    let l = ui
        .horizontal(|ui| {
            let l = ui.label(RichText::new(format!("{label}（{chars} 字）")).weak());
            let has_sentences = format
                .sentences
                .templates
                .iter()
                .any(|t| t.section == section.id);
            if has_sentences {
                sentence_menu_ui(ui, doc, &section.id, index, effects);
            }
            l
        })
        .inner;
    let rows = if main { 22 } else { 2 };
    let fields = doc
        .report
        .fields
        .get(&section.id)
        .cloned()
        .unwrap_or_default();
    let mut layouter = field_layouter(text.clone(), fields);
    let mut edit = TextEdit::multiline(&mut text)
        .id(prose_id(index))
        .desired_rows(rows)
        .desired_width(ui.available_width().min(900.0))
        .hint_text(if main {
            "在这里写本部分的内容"
        } else {
            "没有可不填"
        });
    if let Some(layouter) = layouter.as_mut() {
        edit = edit.layouter(layouter);
    }
    let response = ui.add(edit);
    let response = response.labelled_by(l.id);
    if response.changed() {
        doc.set_prose(&section.id, text);
    }
    stale_ui(ui, doc, &section.id, effects);
    if section.tables.is_empty() {
        return 0.0;
    }
    ui.add_space(10.0);
    grid::handle_keys(ui, doc, &layout.nav, state, effects);
    grid::section_tables_ui(ui, doc, layout, state, effects)
}

/// 插入数据句: a menu of the section's standard sentences (name and the sentence as it would
/// read now); the one chosen goes in after the caret's line, or at the end.
fn sentence_menu_ui(
    ui: &mut Ui,
    doc: &Document,
    section: &str,
    index: usize,
    effects: &mut Vec<Effect>,
) {
    ui.menu_button("插入数据句", |ui| {
        ui.set_max_width(560.0);
        ui.label(
            RichText::new("句中的数字取自表格，表格改动后随之更新；插入后可以修改其余文字。")
                .weak(),
        );
        let report = &doc.report;
        for sentence in sentences::sentences_for(report, report.previous.as_ref(), section) {
            ui.separator();
            let chosen = ui.button(&sentence.label).clicked();
            // The preview at the editor's size: the small size is hard to read on an old screen.
            ui.label(RichText::new(&sentence.text).weak());
            if chosen {
                let cursor = caret(ui.ctx(), index, report.prose(section));
                effects.push(Effect::InsertSentence { cursor, sentence });
                ui.close();
            }
        }
    });
}

/// Where the caret of section `index`'s prose editor is (a byte offset of `prose`), if it has
/// been in it.
fn caret(ctx: &egui::Context, index: usize, prose: &str) -> Option<usize> {
    let state = TextEdit::load_state(ctx, prose_id(index))?;
    let at = state.cursor.char_range()?.primary.index;
    Some(
        prose
            .char_indices()
            .nth(at.into())
            .map_or(prose.len(), |(b, _)| b),
    )
}

/// Under the prose editor: each figure of a data sentence typed over by hand that the tables do
/// not agree with, with 更新.
fn stale_ui(ui: &mut Ui, doc: &Document, section: &str, effects: &mut Vec<Effect>) {
    let color = theme::severity_color(Severity::Warning, ui.visuals());
    for stale in doc.stale.iter().filter(|s| s.section == section) {
        ui.horizontal(|ui| {
            ui.colored_label(
                color,
                format!(
                    "数据句中的“{}”与表格不一致（表格为 {}）",
                    stale.typed, stale.table
                ),
            );
            if ui
                .button("更新")
                .on_hover_text(format!("改为表格中的“{}”", stale.table))
                .clicked()
            {
                effects.push(Effect::UpdateField {
                    section: stale.section.clone(),
                    index: stale.index,
                });
            }
        });
    }
}

/// A layouter that tints the live figures of `prose` (amber where typed over); `None` without
/// fields, so the editor keeps its own.
fn field_layouter(
    prose: String,
    fields: Vec<DataField>,
) -> Option<impl FnMut(&Ui, &dyn TextBuffer, f32) -> Arc<Galley>> {
    if fields.is_empty() {
        return None;
    }
    Some(move |ui: &Ui, text: &dyn TextBuffer, wrap_width: f32| {
        let font_id = egui::TextStyle::Body.resolve(ui.style());
        let color = ui.visuals().text_color();
        let row = ui.fonts_mut(|f| f.row_height(&font_id));
        let plain = TextFormat {
            font_id: font_id.clone(),
            color,
            line_height: Some(row + ui.spacing().extra_text_line_spacing),
            ..TextFormat::default()
        };
        let text = text.as_str();
        let mut job = LayoutJob::default();
        let mut at = 0;
        // The fields belong to the prose as it was: while an edit is under way, plain text.
        if text == prose {
            for f in &fields {
                let (Some(before), Some(_)) = (text.get(at..f.start), f.text(text)) else {
                    continue;
                };
                job.append(before, 0.0, plain.clone());
                let (background, color) = if f.is_fresh(text) {
                    (theme::field_fill(ui.visuals()), color)
                } else {
                    (
                        theme::severity_fill(Severity::Warning, ui.visuals()),
                        ui.visuals().strong_text_color(),
                    )
                };
                let tinted = TextFormat {
                    background,
                    color,
                    ..plain.clone()
                };
                job.append(f.text(text).unwrap_or_default(), 0.0, tinted);
                at = f.end;
            }
        }
        job.append(text.get(at..).unwrap_or_default(), 0.0, plain);
        job.wrap.max_width = wrap_width;
        job.keep_trailing_whitespace = true;
        ui.fonts_mut(|f| f.layout_job(job))
    })
}
