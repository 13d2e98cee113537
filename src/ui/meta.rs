//! 报告信息与落款: the metadata form.

use egui::{TextEdit, Ui};

use super::document::Document;
use crate::model::{Date, Meta};

/// Text being typed into the date field (kept while it does not parse yet).
#[derive(Debug, Default)]
pub struct MetaState {
    date_text: Option<String>,
}

fn row(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui) -> egui::Response) -> egui::Response {
    ui.horizontal(|ui| {
        let l = ui.add_sized([96.0, 20.0], egui::Label::new(label));
        add(ui).labelled_by(l.id)
    })
    .inner
}

/// Draws the form. Returns the year the clerk typed when it needs another format.
pub fn meta_ui(ui: &mut Ui, doc: &mut Document, state: &mut MetaState) -> Option<u16> {
    let width = ui.available_width().min(760.0) - 110.0;
    ui.heading("报告信息与落款");
    ui.add_space(6.0);
    let meta = &mut doc.report.meta;
    row(ui, "机关全称", |ui| {
        ui.add(
            TextEdit::singleline(&mut meta.agency)
                .desired_width(width)
                .hint_text("例：××区××街道办事处"),
        )
    });
    let old_year = meta.year;
    let mut year = meta.year;
    row(ui, "年度", |ui| {
        ui.add(
            egui::DragValue::new(&mut year)
                .range(2019..=2100)
                .suffix(" 年度"),
        )
    });
    let mut switch = None;
    if year != old_year {
        meta.year = year;
        if !doc.report.format.covers(year) {
            switch = Some(year);
        }
    }
    let meta = &mut doc.report.meta;
    row(ui, "标题", |ui| {
        ui.add(TextEdit::singleline(&mut meta.title).desired_width(width))
    });
    ui.horizontal(|ui| {
        ui.add_space(100.0);
        let suggested = Meta::default_title(&meta.agency, meta.year);
        if ui
            .add_enabled(
                meta.title != suggested,
                egui::Button::new("按机关全称和年度生成标题"),
            )
            .clicked()
        {
            meta.title = suggested;
        }
    });
    row(ui, "文号", |ui| {
        ui.add(
            TextEdit::singleline(&mut meta.doc_number)
                .desired_width(width)
                .hint_text("没有可不填"),
        )
    });
    row(ui, "前言", |ui| {
        ui.add(
            TextEdit::multiline(&mut meta.preamble)
                .desired_width(width)
                .desired_rows(4),
        )
    });
    ui.horizontal(|ui| {
        ui.add_space(100.0);
        let suggested = Meta::default_preamble(meta.year);
        if ui
            .add_enabled(
                meta.preamble != suggested,
                egui::Button::new("使用标准的统计期限说明"),
            )
            .clicked()
        {
            meta.preamble = suggested;
        }
    });
    ui.add_space(8.0);
    row(ui, "落款单位", |ui| {
        ui.add(TextEdit::singleline(&mut meta.signature_unit).desired_width(width))
    });
    let shown = meta
        .signature_date
        .map(|d| d.to_string())
        .unwrap_or_default();
    let mut text = state.date_text.clone().unwrap_or(shown);
    let response = row(ui, "成文日期", |ui| {
        ui.add(
            TextEdit::singleline(&mut text)
                .desired_width(160.0)
                .hint_text("2026年1月20日"),
        )
    });
    if response.changed() {
        match (text.trim().is_empty(), Date::parse(&text)) {
            (true, _) => {
                meta.signature_date = None;
                state.date_text = None;
            }
            (false, Some(d)) => {
                meta.signature_date = Some(d);
                state.date_text = Some(text);
            }
            (false, None) => state.date_text = Some(text),
        }
    }
    if response.lost_focus() {
        state.date_text = None;
    }
    if let Some(t) = &state.date_text
        && Date::parse(t).is_none()
    {
        ui.colored_label(
            egui::Color32::from_rgb(200, 30, 30),
            "日期格式应为“2026年1月20日”或“2026-01-20”",
        );
    }
    ui.add_space(12.0);
    ui.label(format!("报告格式：{}", doc.report.format.name));
    switch
}
