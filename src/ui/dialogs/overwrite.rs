//! 覆盖另一年度的报告？ — asked before 另存为 replaces a draft of another year (last year's report,
//! which next year's work starts from).

use std::path::PathBuf;

/// The overwrite prompt.
pub struct OverwriteDialog {
    /// The file that would be replaced.
    pub path: PathBuf,
    /// The year of the report in it.
    pub existing_year: u16,
    /// The year of the report being saved.
    pub year: u16,
}

impl OverwriteDialog {
    /// Draws the dialog; `Some(true)` to overwrite, `Some(false)` to go back.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<bool> {
        super::modal(ctx, "overwrite", "覆盖另一年度的报告？", |ui| {
            ui.label(format!(
                "“{}”里是 {} 年度的报告。用 {} 年度的草稿覆盖它，上年的报告只会在 .bak 备份中留到下次保存。\n\n建议取消，另选一个文件名保存（例如在文件名里写上年度）。",
                self.path.display(),
                self.existing_year,
                self.year
            ));
            ui.add_space(10.0);
            let mut choice = None;
            ui.horizontal(|ui| {
                if ui.button("取消，另选文件名").clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    choice = Some(false);
                }
                if ui.button("仍然覆盖").clicked() {
                    choice = Some(true);
                }
            });
            choice
        })
    }
}
