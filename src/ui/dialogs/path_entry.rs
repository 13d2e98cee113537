//! 输入文件路径: where the system's file dialog cannot open, the clerk types the path.

use std::path::{Path, PathBuf};

/// The path entry.
pub struct PathDialog {
    /// Title (what the path is for).
    pub title: String,
    /// Why this dialog and not the usual one.
    pub why: String,
    /// The path typed so far (starts with the folder, and a suggested name when saving).
    pub text: String,
    /// Whether the path must be an existing file or folder (opening) or may be new (saving).
    pub must_exist: bool,
    /// Whether a folder is asked for (the fonts', the 汇总's), not a file.
    pub folder: bool,
    /// The folder a path typed without one is in (never the program's working folder).
    pub base: Option<PathBuf>,
    /// Whether the field got the keyboard (once, on opening: Enter accepts the path shown).
    pub focused: bool,
}

impl PathDialog {
    /// The path as typed, a relative one taken inside [`Self::base`].
    pub fn path(&self) -> PathBuf {
        let typed = Path::new(self.text.trim());
        match &self.base {
            Some(base) if typed.is_relative() && !typed.as_os_str().is_empty() => base.join(typed),
            _ => typed.to_owned(),
        }
    }

    /// Draws the dialog; `Some(Some(path))` once confirmed, `Some(None)` when cancelled.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<Option<PathBuf>> {
        let title = self.title.clone();
        super::modal(ctx, "path-entry", &title, |ui| {
            ui.label(&self.why);
            ui.add_space(6.0);
            let (label, example) = if self.folder {
                ("文件夹路径", "例：C:\\Users\\用户\\Documents\\各单位报告")
            } else {
                ("文件路径", "例：C:\\Users\\用户\\Documents\\2025年年报.ron")
            };
            let l = ui.label(label);
            let response = ui.add(
                egui::TextEdit::singleline(&mut self.text)
                    .desired_width(520.0)
                    .hint_text(example),
            );
            let response = response.labelled_by(l.id);
            if !self.focused {
                response.request_focus();
                self.focused = true;
            }
            let path = self.path();
            if !path.as_os_str().is_empty() && path != Path::new(self.text.trim()) {
                ui.label(format!("完整路径：{}", path.display()));
            }
            let problem = if self.text.trim().is_empty() {
                Some("请输入完整路径")
            } else if self.must_exist && self.folder && !path.is_dir() {
                Some("没有这个文件夹")
            } else if self.must_exist && !path.exists() {
                Some("没有这个文件")
            } else if !self.must_exist
                && path
                    .parent()
                    .is_some_and(|p| !p.as_os_str().is_empty() && !p.is_dir())
            {
                Some("所在的文件夹不存在")
            } else {
                None
            };
            if let Some(problem) = problem {
                let color = super::super::theme::severity_color(
                    crate::model::Severity::Error,
                    ui.visuals(),
                );
                ui.colored_label(color, problem);
            }
            let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                let ok = ui
                    .add_enabled(problem.is_none(), egui::Button::new("确定"))
                    .clicked();
                if ui.button("取消").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    Some(None)
                } else if (ok || entered) && problem.is_none() {
                    Some(Some(path.clone()))
                } else {
                    None
                }
            })
            .inner
        })
    }
}
