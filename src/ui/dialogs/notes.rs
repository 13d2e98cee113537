//! The notes an import, a migration or a rollover left for the clerk to review.

/// A list of notes.
pub struct NotesDialog {
    /// Title.
    pub title: String,
    /// One line per note.
    pub lines: Vec<String>,
    /// How many of them the draft keeps (listed under 提示); the others are shown only here.
    pub kept: usize,
}

impl NotesDialog {
    /// Notes the draft keeps, every one of them.
    pub fn kept(title: impl Into<String>, lines: Vec<String>) -> Self {
        let kept = lines.len();
        NotesDialog {
            title: title.into(),
            lines,
            kept,
        }
    }

    /// What the list is and how much of it stays in the draft: the count is the truth.
    pub fn intro(&self) -> String {
        let total = self.lines.len();
        match self.kept.min(total) {
            kept if kept == total => {
                format!("请逐条核对（这 {total} 条提示也保存在草稿中，可在左侧“提示”中再次查看）：")
            }
            0 => format!("请逐条核对（这 {total} 条提示只在这里显示，不保存在草稿中）："),
            kept => format!(
                "请逐条核对：共 {total} 条，其中 {kept} 条保存在草稿中（可在左侧“提示”中再次查看）；\
                 标有“导入：”的 {} 条是读取上年报告时的提示，只在这里显示。",
                total - kept
            ),
        }
    }

    /// Draws the dialog; `true` once closed.
    pub fn ui(&mut self, ctx: &egui::Context) -> bool {
        super::modal(ctx, "notes", &self.title, |ui| {
            ui.label(self.intro());
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
