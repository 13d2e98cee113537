//! 新建报告: the year (which decides the format) and the agency.

use crate::model::format;
use crate::ui::widgets::year_field;

/// The new-report dialog.
pub struct NewDialog {
    /// Statistical year.
    pub year: u16,
    /// 机关全称.
    pub agency: String,
}

/// What the clerk decided.
pub enum NewChoice {
    /// Create the report.
    Create,
    /// Do nothing.
    Cancel,
}

impl NewDialog {
    /// The dialog for a report of `year` by `agency`.
    pub fn new(year: u16, agency: String) -> Self {
        NewDialog { year, agency }
    }

    /// Draws the dialog; `Some` once answered.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<NewChoice> {
        super::modal(ctx, "new", "新建报告", |ui| {
            ui.horizontal(|ui| {
                let l = ui.label("年度");
                let id = egui::Id::unique("nianbao-new-report-year");
                let (response, year) = year_field(ui, id, self.year, format::supported_years());
                response.labelled_by(l.id);
                if let Some(year) = year {
                    self.year = year;
                }
            });
            let name = format::for_year(self.year)
                .map_or("（没有适用的格式）", |f| f.name.as_str());
            ui.label(format!("使用：{name}"));
            ui.horizontal(|ui| {
                let l = ui.label("机关全称");
                ui.add(
                    egui::TextEdit::singleline(&mut self.agency).hint_text("例：××区××街道办事处"),
                )
                .labelled_by(l.id);
            });
            ui.add_space(10.0);
            let mut choice = None;
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        format::for_year(self.year).is_some(),
                        egui::Button::new("创建"),
                    )
                    .clicked()
                {
                    choice = Some(NewChoice::Create);
                }
                if ui.button("取消").clicked() {
                    choice = Some(NewChoice::Cancel);
                }
            });
            choice
        })
    }
}
