//! The notes an import, a migration or a rollover left for the clerk to review.

/// A list of notes.
pub struct NotesDialog {
    /// Title.
    pub title: String,
    /// One line per note.
    pub lines: Vec<String>,
}

impl NotesDialog {
    /// Draws the dialog; `true` once closed.
    pub fn ui(&mut self, ctx: &egui::Context) -> bool {
        super::modal(ctx, "notes", &self.title, |ui| {
            ui.label("请逐条核对（这些提示也保存在草稿中，可在左侧“提示”中再次查看）：");
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for (i, line) in self.lines.iter().enumerate() {
                        ui.label(format!("{}. {line}", i + 1));
                    }
                });
            ui.add_space(10.0);
            ui.button("知道了").clicked()
        })
    }
}
