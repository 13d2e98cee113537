//! 报告信息与落款: the metadata form.

use egui::{TextEdit, Ui};

use super::document::Document;
use super::theme;
use super::widgets::year_field;
use crate::model::format;
use crate::model::{Date, Meta};

fn row(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui) -> egui::Response) -> egui::Response {
    ui.horizontal(|ui| {
        let l = ui.add_sized([96.0, 20.0], egui::Label::new(label));
        add(ui).labelled_by(l.id)
    })
    .inner
}

/// Draws the form. Returns the year the clerk typed when it needs another format.
pub fn meta_ui(ui: &mut Ui, doc: &mut Document) -> Option<u16> {
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
    let mut switch = None;
    let year_id = egui::Id::unique("nianbao-report-year");
    let typed = ui
        .horizontal(|ui| {
            let l = ui.add_sized([96.0, 20.0], egui::Label::new("年度"));
            let (response, year) = year_field(ui, year_id, meta.year, format::supported_years());
            response.labelled_by(l.id);
            year
        })
        .inner;
    if let Some(year) = typed {
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
    row(ui, "成文日期", |ui| signature_date_ui(ui, meta));
    ui.add_space(12.0);
    ui.label(format!("报告格式：{}", doc.report.format.name));
    switch
}

/// What a screen reader (and a test) calls a widget.
fn named(kind: egui::Role, name: &str) -> egui::WidgetInfo {
    egui::WidgetInfo::labeled(kind, true, name)
}

/// The last day of a month (the model's calendar decides; 0 for a month that does not exist).
fn days_in_month(year: u16, month: u8) -> u8 {
    (28..=31)
        .rev()
        .find(|&day| Date::parse(&format!("{year}-{month}-{day}")).is_some())
        .unwrap_or(0)
}

/// 成文日期 as 年/月/日 where only days of the month can be chosen, so an impossible date cannot
/// be entered; 清除 leaves it blank.
fn signature_date_ui(ui: &mut Ui, meta: &mut Meta) -> egui::Response {
    let Some(mut date) = meta.signature_date else {
        let response = ui.label("（未填）");
        if ui.button("填写成文日期").clicked() {
            meta.signature_date = Some(Date {
                year: meta.year.saturating_add(1),
                month: 1,
                day: 1,
            });
        }
        return response;
    };
    let before = date;
    let id = egui::Id::unique("nianbao-signature-date");
    let (response, year) = year_field(ui, id, date.year, format::supported_years());
    ui.label("年");
    if let Some(year) = year {
        date.year = year;
    }
    egui::ComboBox::from_id_salt(id.with("month"))
        .selected_text(format!("{}", date.month))
        .width(44.0)
        .show_ui(ui, |ui| {
            for m in 1..=12 {
                ui.selectable_value(&mut date.month, m, format!("{m}"));
            }
        })
        .response
        .widget_info(|| named(egui::Role::ComboBox, "成文日期：月"));
    ui.label("月");
    let last = days_in_month(date.year, date.month);
    if date != before {
        // 3月31日 → 2月: the last day of February.
        date.day = date.day.clamp(1, last.max(1));
    }
    egui::ComboBox::from_id_salt(id.with("day"))
        .selected_text(format!("{}", date.day))
        .width(44.0)
        .show_ui(ui, |ui| {
            // All the days at once, a week to a row.
            egui::Grid::new(id.with("days")).show(ui, |ui| {
                for d in 1..=last {
                    ui.selectable_value(&mut date.day, d, format!("{d}"));
                    if d % 7 == 0 {
                        ui.end_row();
                    }
                }
            });
        })
        .response
        .widget_info(|| named(egui::Role::ComboBox, "成文日期：日"));
    ui.label("日");
    if ui.button("清除").clicked() {
        meta.signature_date = None;
    } else if date != before {
        meta.signature_date = Some(date);
    }
    if Date::parse(&format!("{}-{}-{}", date.year, date.month, date.day)).is_none() {
        ui.colored_label(
            theme::invalid_text(ui.visuals()),
            "这个日期不存在，请重新选择月、日",
        );
    }
    response
}
