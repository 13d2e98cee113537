//! 帮助 → 关于: the version, the official formats built in, the fonts and their licences.

use std::path::PathBuf;

use crate::io::fonts::{FontRole, find_system_font, font_dirs};
use crate::model::format;

/// The licence texts of the bundled fonts, shipped inside the program (the clerk gets one .exe).
const LICENCES: &[&str] = &[
    include_str!("../../../fonts/OFL-NotoCJK.txt"),
    include_str!("../../../fonts/OFL-LXGWWenKai.txt"),
];

/// The about box.
pub struct AboutDialog {
    /// The clerk's PDF font folder, searched first for the official faces.
    pub font_dir: Option<PathBuf>,
}

impl AboutDialog {
    /// Draws the dialog; `true` once closed.
    pub fn ui(&mut self, ctx: &egui::Context) -> bool {
        super::modal(ctx, "about", "关于", |ui| {
            ui.label(format!(
                "政府信息公开年度报告编辑器（nianbao）{}",
                env!("CARGO_PKG_VERSION")
            ));
            ui.label("离线运行，不联网；草稿是 .ron 文本文件。许可：MIT 或 Apache-2.0。");
            ui.add_space(8.0);
            ui.strong("内置的报告格式");
            for f in format::builtin() {
                let years = match f.last_year {
                    Some(last) => format!("{}–{} 年度", f.first_year, last),
                    None => format!("{} 年度起", f.first_year),
                };
                ui.label(format!("• {}：{years}（格式文件 {}.ron）", f.name, f.id));
            }
            ui.add_space(8.0);
            ui.strong("字体");
            let dirs = font_dirs(self.font_dir.as_deref());
            for role in FontRole::ALL {
                let used = match find_system_font(role, &dirs) {
                    Some(found) => format!("系统字体 {}（{}）", found.face, found.path.display()),
                    None => format!("内置字体 {}", role.bundled_name()),
                };
                ui.label(format!("• PDF {}：{used}", role.label()));
            }
            ui.label(
                "内置字体 Nianbao Serif、Nianbao Sans（界面字体）由 Noto Serif/Sans CJK SC 子集而成，\
                 Nianbao Kai 由霞鹜文楷子集而成，均依 SIL Open Font License 1.1 发布并按其第 3 条改名；\
                 许可全文见下。界面另含 egui 自带的 Ubuntu Light（Ubuntu \
                 Font Licence 1.0）和图标字体。系统字体（仿宋_GB2312、黑体、楷体、方正小标宋等）按各自的\
                 许可使用，不随本程序分发。",
            );
            egui::CollapsingHeader::new("字体许可全文（SIL Open Font License 1.1）").show(
                ui,
                |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(240.0)
                        .show(ui, |ui| {
                            for text in LICENCES {
                                ui.label(egui::RichText::new(*text).small());
                                ui.separator();
                            }
                        });
                },
            );
            super::close_button(ui)
        })
    }
}
