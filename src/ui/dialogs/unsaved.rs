//! 保存更改？ — asked before closing, opening or starting another report.

/// The clerk's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsavedChoice {
    /// Save, then go on.
    Save,
    /// Go on without saving.
    Discard,
    /// Stay.
    Cancel,
}

/// The unsaved-changes prompt.
pub struct UnsavedDialog {
    /// The report's name.
    pub name: String,
}

impl UnsavedDialog {
    /// Draws the dialog; `Some` once answered.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<UnsavedChoice> {
        super::modal(ctx, "unsaved", "保存更改？", |ui| {
            ui.label(format!(
                "“{}”有尚未保存的修改。不保存的话，这些修改会丢失。",
                self.name
            ));
            let choice = super::choices(
                ui,
                &[
                    ("保存", UnsavedChoice::Save),
                    ("不保存", UnsavedChoice::Discard),
                    ("取消", UnsavedChoice::Cancel),
                ],
            );
            let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
            choice.or(escape.then_some(UnsavedChoice::Cancel))
        })
    }
}
