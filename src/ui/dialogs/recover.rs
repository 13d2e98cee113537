//! 恢复未保存的工作？ — offered at start when the last session did not end cleanly.

/// The clerk's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoverChoice {
    /// Open the recovered work.
    Restore,
    /// Throw it away.
    Discard,
}

/// The recovery prompt.
pub struct RecoverDialog {
    /// Name of the recovered report.
    pub name: String,
}

impl RecoverDialog {
    /// Draws the dialog; `Some` once answered.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<RecoverChoice> {
        super::modal(ctx, "recover", "恢复未保存的工作？", |ui| {
            ui.label(format!(
                "上次关闭程序前，“{}”还有没保存的修改（程序意外退出或断电）。要恢复这些修改吗？",
                self.name
            ));
            super::choices(
                ui,
                &[
                    ("恢复", RecoverChoice::Restore),
                    ("不恢复", RecoverChoice::Discard),
                ],
            )
        })
    }
}
