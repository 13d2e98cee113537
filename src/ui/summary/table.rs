//! The units of the 汇总 as a sortable table: 名称、文件、年度、格式、状态、错误、警告、说明.

use egui::{Color32, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::SumAction;
use crate::model::Severity;
use crate::model::sum::{Status, Summary, Unit, UnitColumn, file_name};
use crate::ui::theme;

/// The columns, left to right: header and, where the table sorts by it, its column.
const COLUMNS: [(&str, Option<UnitColumn>); 8] = [
    ("名称", Some(UnitColumn::Name)),
    ("文件", Some(UnitColumn::File)),
    ("年度", Some(UnitColumn::Year)),
    ("格式", Some(UnitColumn::Format)),
    ("状态", Some(UnitColumn::Status)),
    ("错误", Some(UnitColumn::Errors)),
    ("警告", Some(UnitColumn::Warnings)),
    ("说明", None),
];

/// The format's short name: "2021年版格式" of "2021年版格式（国办公开办函〔2021〕30号）".
fn short_format(unit: &Unit) -> (String, String) {
    unit.format.map_or_else(
        || (String::new(), String::new()),
        |f| {
            let short = f.name.split('（').next().unwrap_or(&f.name).to_owned();
            (short, f.name.clone())
        },
    )
}

/// Draws the table; a double-clicked unit asks to be opened.
pub fn units_ui(
    ui: &mut Ui,
    summary: &Summary,
    sort: &mut (UnitColumn, bool),
    selected: &mut Option<usize>,
) -> Option<SumAction> {
    let order = summary.sorted(sort.0, sort.1);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let error = theme::severity_color(Severity::Error, ui.visuals());
    let warning = theme::severity_color(Severity::Warning, ui.visuals());
    let mut action = None;
    // Text in the rows is not selectable: a click anywhere on a row is the row's.
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .id_salt("sum-units")
        .striped(true)
        .sense(Sense::click())
        .auto_shrink([false, false])
        .column(
            Column::initial(190.0)
                .at_least(90.0)
                .clip(true)
                .resizable(true),
        )
        .column(
            Column::initial(150.0)
                .at_least(60.0)
                .clip(true)
                .resizable(true),
        )
        .column(Column::exact(44.0))
        .column(
            Column::initial(96.0)
                .at_least(60.0)
                .clip(true)
                .resizable(true),
        )
        .column(Column::exact(56.0))
        .column(Column::exact(40.0))
        .column(Column::exact(40.0))
        .column(Column::remainder().at_least(120.0).clip(true))
        .header(row_height + 2.0, |mut header| {
            for (title, column) in COLUMNS {
                header.col(|ui| match column {
                    Some(column) => {
                        let arrow = match *sort {
                            (c, true) if c == column => " ▲",
                            (c, false) if c == column => " ▼",
                            _ => "",
                        };
                        let text = RichText::new(format!("{title}{arrow}")).strong();
                        let response = ui
                            .add(egui::Button::new(text).frame(false))
                            .on_hover_text("点击按此栏排序，再点一次倒序");
                        if response.clicked() {
                            *sort = if sort.0 == column {
                                (column, !sort.1)
                            } else {
                                (column, true)
                            };
                        }
                    }
                    None => {
                        ui.strong(title);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, order.len(), |mut row| {
                let Some(&u) = order.get(row.index()) else {
                    return;
                };
                let Some(unit) = summary.units.get(u) else {
                    return;
                };
                row.set_selected(*selected == Some(u));
                row.col(|ui| {
                    ui.label(unit.name()).on_hover_text(unit.name());
                });
                row.col(|ui| {
                    ui.label(file_name(&unit.file)).on_hover_text(&unit.file);
                });
                row.col(|ui| {
                    ui.label(unit.year.map_or_else(String::new, |y| y.to_string()));
                });
                row.col(|ui| {
                    let (short, full) = short_format(unit);
                    ui.label(short).on_hover_text(full);
                });
                row.col(|ui| {
                    let label = unit.status.label();
                    if unit.status == Status::Excluded {
                        ui.colored_label(error, label);
                    } else {
                        ui.label(label);
                    }
                });
                row.col(|ui| count_label(ui, unit.errors, error));
                row.col(|ui| count_label(ui, unit.warnings, warning));
                row.col(|ui| {
                    if let Some(reason) = unit.reason_text() {
                        ui.label(&reason).on_hover_text(&reason);
                    }
                });
                let response = row.response();
                if response.clicked() {
                    *selected = Some(u);
                }
                if response.double_clicked() {
                    action = Some(SumAction::OpenUnit(u));
                }
            });
        });
    action
}

/// A count, coloured when not zero.
fn count_label(ui: &mut Ui, n: usize, color: Color32) {
    if n > 0 {
        ui.colored_label(color, n.to_string());
    } else {
        ui.label("0");
    }
}
