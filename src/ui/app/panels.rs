//! The window's panels: menu bar, parts list (left), findings list (right), status bar, and the
//! part on screen in the middle. They only report commands and effects; `actions` applies them.

use egui::{CentralPanel, Panel, RichText, ScrollArea};

use super::NianbaoApp;
use super::view::view_choices;
use crate::model::Severity;
use crate::model::format;
use crate::ui::command::{Command, Menu, shortcut_text};
use crate::ui::dialogs::{Dialog, FormatSwitchDialog};
use crate::ui::findings;
use crate::ui::meta;
use crate::ui::nav::Part;
use crate::ui::section;
use crate::ui::theme;

/// Width of a side panel folded away: room for the button that brings it back.
const FOLDED: f32 = 26.0;
/// Widest entry of 最近打开 before its path is cut in the middle.
const RECENT_WIDTH: f32 = 520.0;

impl NianbaoApp {
    /// Draws every panel.
    pub(super) fn panels_ui(&mut self, ui: &mut egui::Ui) {
        Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if self.summary_shown() {
            CentralPanel::default().show(ui, |ui| self.summary_ui(ui));
            return;
        }
        if self.settings.show_parts {
            Panel::left("parts")
                .resizable(true)
                .default_size(210.0)
                .show(ui, |ui| self.parts_ui(ui));
        } else {
            Panel::left("parts-folded")
                .resizable(false)
                .exact_size(FOLDED)
                .show(ui, |ui| self.fold_button(ui, Command::ToggleParts, "»"));
        }
        if self.settings.show_findings {
            let clicked = Panel::right("findings")
                .resizable(true)
                .default_size(280.0)
                .show(ui, |ui| {
                    self.fold_button(ui, Command::ToggleFindings, "»");
                    findings::findings_ui(ui, &self.doc)
                })
                .inner;
            if let Some(i) = clicked {
                self.go_to_finding(i, ui.ctx());
            }
        } else {
            Panel::right("findings-folded")
                .resizable(false)
                .exact_size(FOLDED)
                .show(ui, |ui| self.fold_button(ui, Command::ToggleFindings, "«"));
        }
        CentralPanel::default().show(ui, |ui| {
            self.fit.panel = ui.available_width();
            self.fit.window = ui.ctx().content_rect().width();
            // Each part keeps its own scroll position; both directions, so the horizontal
            // scrollbar of a wide table sits at the bottom of the window, always in reach.
            ScrollArea::both()
                .id_salt(("part", self.part))
                .auto_shrink([false, false])
                .show(ui, |ui| self.part_ui(ui));
        });
    }

    /// The small button that folds a side panel away or brings it back.
    fn fold_button(&mut self, ui: &mut egui::Ui, command: Command, arrow: &str) {
        let shown = self.view_state(&command).unwrap_or(true);
        let what = if command == Command::ToggleParts {
            "左侧目录"
        } else {
            "问题清单"
        };
        let tip = format!("{}{what}", if shown { "收起" } else { "显示" });
        let response = ui.add(egui::Button::new(arrow).small()).on_hover_text(&tip);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &tip));
        if response.clicked() {
            self.commands.push(command);
        }
    }

    /// The part on screen.
    fn part_ui(&mut self, ui: &mut egui::Ui) {
        self.fit.widest = 0.0;
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
                    self.fit.widest = section::section_ui(
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
            for menu in Menu::ALL {
                ui.menu_button(menu.title(), |ui| self.menu_items(ui, menu));
            }
            if self.sum.as_ref().is_some_and(|w| !w.shown) {
                ui.separator();
                if ui
                    .button("返回汇总")
                    .on_hover_text("回到汇总窗口（各单位的表格、缺报、重复和内容雷同）")
                    .clicked()
                {
                    self.commands.push(Command::Summarize);
                }
            }
        });
    }

    /// A menu's commands, a separator between groups, and the entries that are settings rather
    /// than commands after the command they belong with.
    fn menu_items(&mut self, ui: &mut egui::Ui, menu: Menu) {
        let mut group = None;
        for (cmd, g) in Command::in_menu(menu) {
            if group.is_some_and(|last| last != g) {
                ui.separator();
            }
            group = Some(g);
            let label = match &cmd {
                Command::ChooseFontFolder => self
                    .settings
                    .font_dir
                    .as_ref()
                    .map(|dir| format!("PDF 字体文件夹：{}…", dir.display())),
                Command::ZoomReset => Some(format!(
                    "实际大小（现为 {:.0}%）",
                    self.settings.zoom * 100.0
                )),
                _ => None,
            };
            self.menu_item(ui, cmd.clone(), label);
            match cmd {
                Command::Open => self.recent_menu(ui),
                Command::ExportWeb => {
                    ui.checkbox(
                        &mut self.settings.signoff,
                        "PDF、Word 附签发栏（内部审批用）",
                    );
                }
                _ => {}
            }
        }
        if menu == Menu::View {
            for choices in view_choices() {
                ui.separator();
                for cmd in choices {
                    self.menu_item(ui, cmd, None);
                }
            }
        }
    }

    fn recent_menu(&mut self, ui: &mut egui::Ui) {
        ui.menu_button("最近打开", |ui| {
            if self.settings.recent.is_empty() {
                ui.label("（无）");
            }
            for path in self.settings.recent.clone() {
                // The full path, cut in the middle when long (the file name stays), whole on
                // hover.
                let full = path.display().to_string();
                let font = egui::TextStyle::Button.resolve(ui.style());
                let shown = crate::ui::widgets::elide_middle(ui, &full, &font, RECENT_WIDTH);
                let mut button = ui.button(&shown);
                if shown != full {
                    button = button.on_hover_text(&full);
                }
                if button.clicked() {
                    self.commands.push(Command::OpenRecent(path));
                    ui.close();
                }
            }
        });
    }

    /// A menu entry for `cmd`: its label (or `label`), a tick for a state it shows, its first
    /// shortcut and its tooltip.
    fn menu_item(&mut self, ui: &mut egui::Ui, cmd: Command, label: Option<String>) {
        let spec = cmd.spec();
        let text = label.unwrap_or_else(|| spec.label.to_owned());
        let mut button = match self.view_state(&cmd) {
            Some(on) => egui::Button::selectable(on, text),
            None => egui::Button::new(text),
        };
        if let Some(sc) = spec.shortcuts.first() {
            button = button.shortcut_text(shortcut_text(sc));
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
        ui.horizontal(|ui| {
            ui.strong("目录");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                self.fold_button(ui, Command::ToggleParts, "«");
            });
        });
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
            let (errors, warnings, pending) = findings::counts(&self.doc, part);
            let mut text = label;
            if errors > 0 {
                text.push_str(&format!("  错误{errors}"));
            }
            if warnings > 0 {
                text.push_str(&format!("  警告{warnings}"));
            }
            if pending > 0 && errors == 0 && warnings == 0 {
                text.push_str("  待填");
            }
            let worst = if errors > 0 {
                Some(Severity::Error)
            } else {
                (warnings > 0).then_some(Severity::Warning)
            };
            let rich = match worst {
                Some(s) if self.part != part => {
                    RichText::new(text).color(theme::severity_color(s, ui.visuals()))
                }
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
            let (errors, warnings, pending) = self.doc.shown_totals();
            ui.label(match (self.doc.is_dirty(), &self.doc.path) {
                (true, _) => "有未保存的修改",
                (false, Some(_)) => "已保存",
                (false, None) => "未保存为文件",
            });
            ui.separator();
            let error = theme::severity_color(Severity::Error, ui.visuals());
            ui.colored_label(error, format!("错误 {errors}"));
            let warning = theme::severity_color(Severity::Warning, ui.visuals());
            ui.colored_label(warning, format!("警告 {warnings}"));
            if pending > 0 {
                ui.weak(format!("待填 {pending}"))
                    .on_hover_text("还没有开始填写的表格里的核对，填入第一个数字后才算错误");
            }
            ui.separator();
            // A long message (a path) is cut in the middle with "…" and shown whole on hover,
            // never off the window.
            let response = crate::ui::widgets::elided_label(ui, self.status());
            if let Some(details) = self.status_details() {
                response.on_hover_text(format!("{}\n\n详细信息：{details}", self.status()));
            }
        });
    }
}
