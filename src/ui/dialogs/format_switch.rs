//! The year typed needs the other official format: offer to convert.

use crate::model::Format;

/// The clerk's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwitchChoice {
    /// Convert the report to the format of the year.
    Switch,
    /// Keep the current format (Y-FORMAT will flag it).
    Keep,
}

/// The format-switch prompt.
pub struct FormatSwitchDialog {
    /// The new year.
    pub year: u16,
    /// The format that year needs.
    pub to: &'static Format,
}

impl FormatSwitchDialog {
    /// Draws the dialog; `Some` once answered.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<SwitchChoice> {
        super::modal(ctx, "format-switch", "转换报告格式？", |ui| {
            ui.label(format!(
                "{}年度的报告应使用{}。要把本报告转换为该格式吗？能对应的数值会移过去，无法对应的数值会逐条列在提示中，不会丢失。",
                self.year, self.to.name
            ));
            super::choices(
                ui,
                &[
                    ("转换", SwitchChoice::Switch),
                    ("暂不转换", SwitchChoice::Keep),
                ],
            )
        })
    }
}
