//! The window's panels: menu bar, parts list (left), findings list (right), status bar, and the
//! part on screen in the middle. They only report commands and effects; `actions` applies them.

use egui::{CentralPanel, Panel, RichText, ScrollArea};

use super::NianbaoApp;
use crate::model::Severity;
use crate::model::format;
use crate::ui::command::Command;
use crate::ui::dialogs::{Dialog, FormatSwitchDialog};
use crate::ui::findings;
use crate::ui::meta;
use crate::ui::nav::Part;
use crate::ui::section;
use crate::ui::theme;

impl NianbaoApp {
    /// Draws every panel.
    pub(super) fn panels_ui(&mut self, ui: &mut egui::Ui) {
        Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        Panel::left("parts")
            .resizable(true)
            .default_size(210.0)
            .show(ui, |ui| self.parts_ui(ui));
        let clicked = Panel::right("findings")
            .resizable(true)
            .default_size(280.0)
            .show(ui, |ui| findings::findings_ui(ui, &self.doc))
            .inner;
        if let Some(i) = clicked {
            self.go_to_finding(i, ui.ctx());
        }
        CentralPanel::default().show(ui, |ui| {
            // Each part keeps its own scroll position.
            ScrollArea::vertical()
                .id_salt(("part", self.part))
                .auto_shrink([false, false])
                .show(ui, |ui| self.part_ui(ui));
        });
    }

    /// The part on screen.
    fn part_ui(&mut self, ui: &mut egui::Ui) {
        match self.part {
            Part::Meta => {
                if let Some(year) = meta::meta_ui(ui, &mut self.doc)
                    && let Some(to) = format::for_year(year)
                {
                    self.dialog = Some(Dialog::FormatSwitch(FormatSwitchDialog { year, to }));
                }
            }
            Part::Section(s) => {
                if let Some(layout) = self.layouts.sections.get(s) {
                    section::section_ui(
                        ui,
                        &mut self.doc,
                        s,
                        layout,
                        &mut self.grid,
                        &mut self.effects,
                    );
                }
            }
            Part::Notes => self.notes_ui(ui),
        }
    }

    /// Jumps to a finding's cell or paragraph.
    fn go_to_finding(&mut self, index: usize, ctx: &egui::Context) {
        let Some(finding) = self.doc.findings.get(index) else {
            return;
        };
        self.part = findings::part_of(&self.doc, finding);
        let format = self.doc.report.format;
        if let Some(ix) = finding.cells.first().and_then(|id| format.cell_index(id)) {
            self.grid.select(ix);
        } else if let (Part::Section(s), Some(_)) = (self.part, &finding.section) {
            ctx.memory_mut(|m| m.request_focus(section::prose_id(s)));
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| {
                for cmd in [Command::New, Command::NewFromLastYear, Command::Open] {
                    self.menu_item(ui, cmd);
                }
                ui.menu_button("最近打开", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("（无）");
                    }
                    for path in self.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.commands.push(Command::OpenRecent(path));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                for cmd in [Command::Save, Command::SaveAs] {
                    self.menu_item(ui, cmd);
                }
                ui.separator();
                self.menu_item(ui, Command::ExportPdf);
                ui.checkbox(&mut self.settings.signoff, "PDF 附签发栏（内部审批用）");
                let font_dir = self
                    .settings
                    .font_dir
                    .as_ref()
                    .map(|dir| format!("PDF 字体文件夹：{}…", dir.display()));
                self.menu_item_labelled(ui, Command::ChooseFontFolder, font_dir);
                ui.separator();
                self.menu_item(ui, Command::Quit);
            });
            ui.menu_button("编辑", |ui| {
                for cmd in [Command::Undo, Command::Redo, Command::FillBlanksWithZero] {
                    self.menu_item(ui, cmd);
                }
            });
        });
    }

    fn menu_item(&mut self, ui: &mut egui::Ui, cmd: Command) {
        self.menu_item_labelled(ui, cmd, None);
    }

    /// A menu entry for `cmd`: its label (or `label`), first shortcut and tooltip.
    fn menu_item_labelled(&mut self, ui: &mut egui::Ui, cmd: Command, label: Option<String>) {
        let spec = cmd.spec();
        let mut button = egui::Button::new(label.unwrap_or_else(|| spec.label.to_owned()));
        if let Some(sc) = spec.shortcuts.first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(sc));
        }
        let mut response = ui.add(button);
        if !spec.tooltip.is_empty() {
            response = response.on_hover_text(spec.tooltip);
        }
        if response.clicked() {
            self.commands.push(cmd);
            ui.close();
        }
    }

    fn parts_ui(&mut self, ui: &mut egui::Ui) {
        ui.add_space(6.0);
        let format = self.doc.report.format;
        let mut parts = vec![(Part::Meta, "报告信息与落款".to_owned())];
        parts.extend(
            format
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| (Part::Section(i), format.section_heading(s))),
        );
        if !self.doc.report.notes.is_empty() {
            parts.push((
                Part::Notes,
                format!("提示（{}）", self.doc.report.notes.len()),
            ));
        }
        for (part, label) in parts {
            let (errors, warnings) = findings::counts(&self.doc, part);
            let mut text = label;
            if errors > 0 {
                text.push_str(&format!("  错误{errors}"));
            }
            if warnings > 0 {
                text.push_str(&format!("  警告{warnings}"));
            }
            let worst = if errors > 0 {
                Some(Severity::Error)
            } else {
                (warnings > 0).then_some(Severity::Warning)
            };
            let rich = match worst {
                Some(s) if self.part != part => RichText::new(text).color(theme::severity_color(s)),
                _ => RichText::new(text),
            };
            if ui
                .add(egui::Button::selectable(self.part == part, rich).wrap())
                .clicked()
            {
                self.part = part;
            }
        }
    }

    fn notes_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading("提示");
        ui.label("导入、格式转换或生成下一年度草稿时记录的事项，请逐条核对：");
        ui.add_space(6.0);
        for note in &self.doc.report.notes {
            ui.label(format!("• {}", note.text));
        }
        ui.add_space(10.0);
        if ui.button(Command::ClearNotes.label()).clicked() {
            self.commands.push(Command::ClearNotes);
        }
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let (errors, warnings) = self.doc.totals();
            ui.label(if self.doc.is_dirty() {
                "有未保存的修改"
            } else {
                "已保存"
            });
            ui.separator();
            let error = theme::severity_color(Severity::Error);
            ui.colored_label(error, format!("错误 {errors}"));
            let warning = theme::severity_color(Severity::Warning);
            ui.colored_label(warning, format!("警告 {warnings}"));
            ui.separator();
            ui.label(&self.status);
        });
    }
}
