//! The editor: one app struct; widgets report [`Command`]s, applied in one place after drawing.

use std::path::{Path, PathBuf};

use egui::{CentralPanel, Panel, RichText, ScrollArea, ViewportCommand};

use super::command::Command;
use super::dialogs::{
    Dialog, FormatSwitchDialog, MessageDialog, NewChoice, NewDialog, NotesDialog, OverwriteDialog,
    RecoverChoice, RecoverDialog, SwitchChoice, UnsavedChoice, UnsavedDialog,
};
use super::document::Document;
use super::files::{FileDialogs, FileKind, NativeDialogs};
use super::findings::{self, Part};
use super::grid::{self, GridState};
use super::meta::{self, MetaState};
use super::nav::Nav;
use super::recovery::Recovery;
use super::section;
use super::settings::Settings;
use crate::io::{self, draft};
use crate::model::format::{self, PrintedGrid};
use crate::model::rollover;
use crate::model::{CellValue, Report};

/// Key of the settings in eframe's storage.
const SETTINGS_KEY: &str = "nianbao-settings";
/// Seconds between autosaves of the working state.
const AUTOSAVE_SECS: f64 = 30.0;
/// Application id (storage folder name).
pub const APP_ID: &str = "nianbao";

/// How the app is started.
pub struct AppConfig {
    /// File to open (`nianbao FILE`); `None` opens the built-in sample.
    pub file: Option<PathBuf>,
    /// The file dialogs (native, or scripted in tests).
    pub dialogs: Box<dyn FileDialogs>,
    /// Folder of the recovery file; `None` disables autosave.
    pub storage_dir: Option<PathBuf>,
}

impl AppConfig {
    /// The configuration of the real app.
    pub fn native(file: Option<PathBuf>) -> Self {
        AppConfig {
            file,
            dialogs: Box::new(NativeDialogs),
            storage_dir: eframe::storage_dir(APP_ID),
        }
    }
}

/// Something waiting for the answer to "保存更改？".
#[derive(Debug, Clone, PartialEq)]
enum Pending {
    Close,
    New,
    NewFromLastYear,
    Open(Option<PathBuf>),
}

/// The printed layout and navigation of every section of one format, computed once.
struct Layouts {
    format: String,
    sections: Vec<(Vec<(usize, PrintedGrid)>, Nav)>,
}

impl Layouts {
    fn new(format: &format::Format) -> Self {
        let sections = (0..format.sections.len())
            .map(|s| {
                let grids = format
                    .tables
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.section == s)
                    .map(|(i, t)| (i, format.printed_grid(t)))
                    .collect();
                (grids, Nav::for_section(format, s))
            })
            .collect();
        Layouts {
            format: format.id.clone(),
            sections,
        }
    }
}

/// The editor app.
pub struct NianbaoApp {
    doc: Document,
    settings: Settings,
    files: Box<dyn FileDialogs>,
    recovery: Option<Recovery>,
    part: Part,
    grid: GridState,
    meta_state: MetaState,
    dialog: Option<Dialog>,
    pending: Option<Pending>,
    allow_close: bool,
    status: String,
    title: String,
    layouts: Layouts,
    last_autosave: f64,
    autosaved: Option<Report>,
    was_focused: bool,
    commands: Vec<Command>,
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn sample_document() -> Result<Document, String> {
    io::sample()
        .map(|r| Document::new(r, None, "示例报告".to_owned(), true))
        .map_err(|e| e.to_string())
}

impl NianbaoApp {
    /// Creates the app (installs the fonts, reads settings, offers recovery, opens the file).
    pub fn new(cc: &eframe::CreationContext<'_>, config: AppConfig) -> Self {
        super::fonts::install(&cc.egui_ctx);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let recovery = config.storage_dir.as_deref().map(Recovery::new);
        let (doc, dialog) = match sample_document() {
            Ok(doc) => (doc, None),
            Err(e) => {
                let empty = format::current().map(|f| Report::new(f, 2025));
                match empty {
                    Some(r) => (
                        Document::new(r, None, "未命名".to_owned(), true),
                        Some(message("无法载入示例报告", e)),
                    ),
                    None => unreachable_format(),
                }
            }
        };
        let layouts = Layouts::new(doc.report.format);
        let mut app = NianbaoApp {
            doc,
            settings,
            files: config.dialogs,
            recovery,
            part: Part::Section(0),
            grid: GridState::default(),
            meta_state: MetaState::default(),
            dialog,
            pending: None,
            allow_close: false,
            status: String::new(),
            title: String::new(),
            layouts,
            last_autosave: 0.0,
            autosaved: None,
            was_focused: true,
            commands: Vec::new(),
        };
        if let Some(path) = config.file {
            app.open_path(&path);
        }
        if let Some(rec) = &app.recovery
            && rec.exists()
        {
            match rec.read() {
                Ok(recovered) => {
                    app.dialog = Some(Dialog::Recover(RecoverDialog {
                        name: recovered.name,
                    }));
                }
                Err(e) => {
                    app.dialog = Some(message(
                        "无法读取恢复文件",
                        format!("{e}\n恢复文件保留在原处，没有被删除。"),
                    ));
                }
            }
        }
        app
    }

    /// The open document (for tests and benchmarks).
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The open document, mutable (for tests).
    pub fn document_mut(&mut self) -> &mut Document {
        &mut self.doc
    }

    /// Shows a part (for tests and the findings list).
    pub fn show_part(&mut self, part: Part) {
        self.part = part;
    }

    /// The grid selection (for tests).
    pub fn grid_state(&self) -> &GridState {
        &self.grid
    }

    /// The status-bar message.
    pub fn status(&self) -> &str {
        &self.status
    }

    /// The window title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Whether a dialog is on screen.
    pub fn has_dialog(&self) -> bool {
        self.dialog.is_some()
    }

    /// Queues a command, as a menu item would.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    fn set_document(&mut self, doc: Document) {
        if doc.report.format.id != self.layouts.format {
            self.layouts = Layouts::new(doc.report.format);
        }
        self.doc = doc;
        self.grid = GridState::default();
        self.meta_state = MetaState::default();
        if !matches!(self.part, Part::Meta | Part::Section(_))
            || self.doc.report.notes.is_empty() && self.part == Part::Notes
        {
            self.part = Part::Section(0);
        }
    }

    fn open_path(&mut self, path: &Path) {
        match io::open_any(path) {
            Ok(opened) => {
                let is_draft = io::FileType::of(path) == Some(io::FileType::Draft);
                let name = file_name(path);
                let doc = if io::file_type::is_backup(path) {
                    // A backup opens as a draft, but saving asks where (not over the .bak).
                    Document::new(opened.report, None, format!("{name}（备份）"), false)
                } else if is_draft {
                    super::recovery::keep_leftovers(path, &mut self.dialog);
                    Document::new(opened.report, Some(path.to_owned()), name, true)
                } else {
                    Document::new(opened.report, None, format!("{name}（导入）"), false)
                };
                self.set_document(doc);
                self.settings.add_recent(path);
                self.status = format!("已打开：{}", path.display());
                if !opened.notes.is_empty() {
                    self.dialog = Some(Dialog::Notes(NotesDialog {
                        title: "导入提示".to_owned(),
                        lines: opened.notes.iter().map(|n| n.text.clone()).collect(),
                    }));
                }
            }
            Err(e) => {
                self.dialog = Some(message(
                    "无法打开文件",
                    format!(
                        "{}\n\n{e}\n\n当前报告没有改变，该文件也没有被修改。",
                        path.display()
                    ),
                ));
            }
        }
    }

    fn new_from_last_year(&mut self) {
        let Some(path) = self.files.pick_open(FileKind::Report) else {
            return;
        };
        match io::open_any(&path) {
            Ok(opened) => {
                let next = rollover::next_year(&opened.report);
                let mut lines: Vec<String> = opened
                    .notes
                    .iter()
                    .map(|n| format!("导入：{}", n.text))
                    .collect();
                lines.extend(next.notes.iter().map(|n| n.text.clone()));
                let name = format!("未命名（{}年度）", next.meta.year);
                self.set_document(Document::new(next, None, name, false));
                self.dialog = Some(Dialog::Notes(NotesDialog {
                    title: "已从上年报告生成本年草稿".to_owned(),
                    lines,
                }));
            }
            Err(e) => {
                self.dialog = Some(message(
                    "无法读取上年报告",
                    format!("{}\n\n{e}", path.display()),
                ));
            }
        }
    }

    /// Saves to `path`; `true` on success.
    fn save_to(&mut self, path: &Path) -> bool {
        match draft::save(&self.doc.report, path) {
            Ok(()) => {
                self.doc.mark_saved(path.to_owned(), file_name(path));
                self.settings.add_recent(path);
                self.status = format!("已保存：{}", path.display());
                self.clear_recovery();
                true
            }
            Err(e) => {
                self.dialog = Some(message("保存失败", e.to_string()));
                false
            }
        }
    }

    fn save(&mut self) -> bool {
        match self.doc.path.clone() {
            Some(path) => self.save_to(&path),
            None => self.save_as(),
        }
    }

    fn save_as(&mut self) -> bool {
        let suggested = format!("{}.ron", self.doc.report.meta.title.trim())
            .replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_");
        match self.files.pick_save(FileKind::Draft, &suggested) {
            Some(path) => {
                let path = if path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                };
                // Never RON into a .txt or last year's PDF; ask before replacing another year.
                if let Err(e) = io::output::check_output(&[], &path, io::FileType::Draft) {
                    self.dialog = Some(message("不能保存到这个文件", e.to_string()));
                    return false;
                }
                let year = self.doc.report.meta.year;
                if let Some(existing_year) = io::output::other_years_draft(&path, year) {
                    self.dialog = Some(Dialog::Overwrite(OverwriteDialog {
                        path,
                        existing_year,
                        year,
                    }));
                    return false;
                }
                self.save_to(&path)
            }
            None => false,
        }
    }

    fn export_pdf(&mut self) {
        let suggested = format!("{}.pdf", self.doc.report.meta.title.trim());
        let Some(path) = self.files.pick_save(FileKind::Pdf, &suggested) else {
            return;
        };
        match super::export::export_pdf(&self.doc.report, &self.settings) {
            Ok((bytes, fonts)) => {
                match io::atomic::write_atomic(&path, &bytes, io::atomic::Backup::None) {
                    Ok(()) => {
                        self.status =
                            format!("已导出 PDF：{}（{}）", path.display(), fonts.join("；"));
                        if let Err(e) = self.files.open_externally(&path) {
                            self.status.push_str(&format!("。无法自动打开：{e}"));
                        }
                    }
                    Err(e) => self.dialog = Some(message("导出失败", e.to_string())),
                }
            }
            Err(e) => self.dialog = Some(message("导出失败", e)),
        }
    }

    fn write_recovery(&mut self, now: f64) {
        self.last_autosave = now;
        let Some(rec) = &self.recovery else {
            return;
        };
        if !self.doc.is_dirty() || self.autosaved.as_ref() == Some(&self.doc.report) {
            return;
        }
        match rec.write(&self.doc.report, self.doc.path.as_deref(), &self.doc.name) {
            Ok(()) => self.autosaved = Some(self.doc.report.clone()),
            Err(e) => self.status = format!("自动保存失败：{e}"),
        }
    }

    fn clear_recovery(&mut self) {
        self.autosaved = None;
        if let Some(rec) = &self.recovery
            && let Err(e) = rec.clear()
        {
            self.status = format!("无法删除恢复文件：{e}");
        }
    }

    /// Runs `pending` now, or asks about unsaved changes first.
    fn guarded(&mut self, pending: Pending, ctx: &egui::Context) {
        if self.doc.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(UnsavedDialog {
                name: self.doc.name.clone(),
            }));
            self.pending = Some(pending);
        } else {
            self.run_pending(pending, ctx);
        }
    }

    fn run_pending(&mut self, pending: Pending, ctx: &egui::Context) {
        match pending {
            Pending::Close => {
                self.allow_close = true;
                self.clear_recovery();
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Pending::New => {
                let year = self.doc.report.meta.year.saturating_add(1).max(2021);
                self.dialog = Some(Dialog::New(NewDialog {
                    year,
                    agency: self.doc.report.meta.agency.clone(),
                }));
            }
            Pending::NewFromLastYear => self.new_from_last_year(),
            Pending::Open(path) => {
                if let Some(path) = path.or_else(|| self.files.pick_open(FileKind::Report)) {
                    self.open_path(&path);
                }
            }
        }
    }

    fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::New => self.guarded(Pending::New, ctx),
            Command::NewFromLastYear => self.guarded(Pending::NewFromLastYear, ctx),
            Command::Open(path) => self.guarded(Pending::Open(path), ctx),
            Command::Save => {
                self.save();
            }
            Command::SaveAs => {
                self.save_as();
            }
            Command::ExportPdf => self.export_pdf(),
            Command::Undo => {
                self.grid.editing = None;
                if !self.doc.undo() {
                    self.status = "没有可撤销的操作".to_owned();
                }
            }
            Command::Redo => {
                self.grid.editing = None;
                if !self.doc.redo() {
                    self.status = "没有可重做的操作".to_owned();
                }
            }
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::SetCells(edits) => self.doc.set_cells(&edits),
            Command::FillBlanksWithZero => {
                let format = self.doc.report.format;
                let edits: Vec<_> = format
                    .cells
                    .iter()
                    .enumerate()
                    .filter(|(ix, c)| {
                        !c.derived
                            && self
                                .doc
                                .report
                                .entry(*ix)
                                .is_none_or(CellValue::is_empty_like)
                    })
                    .map(|(ix, c)| (ix, Some(CellValue::zero(c.kind))))
                    .collect();
                self.status = format!("已将 {} 个空白单元格填为 0", edits.len());
                self.doc.set_cells(&edits);
            }
            Command::Status(text) => self.status = text,
        }
    }

    fn handle_dialog(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.as_mut() else {
            return;
        };
        match dialog {
            Dialog::Message(d) => {
                if d.ui(ctx) {
                    self.dialog = None;
                }
            }
            Dialog::Notes(d) => {
                if d.ui(ctx) {
                    self.dialog = None;
                }
            }
            Dialog::Unsaved(d) => {
                let Some(choice) = d.ui(ctx) else {
                    return;
                };
                self.dialog = None;
                let pending = self.pending.take();
                match (choice, pending) {
                    (UnsavedChoice::Save, Some(p)) if self.save() => self.run_pending(p, ctx),
                    (UnsavedChoice::Discard, Some(p)) => {
                        self.clear_recovery();
                        self.doc = Document::new(
                            self.doc.report.clone(),
                            self.doc.path.clone(),
                            self.doc.name.clone(),
                            true,
                        );
                        self.run_pending(p, ctx);
                    }
                    _ => {}
                }
            }
            Dialog::New(d) => match d.ui(ctx) {
                Some(NewChoice::Create) => {
                    let (year, agency) = (d.year, d.agency.trim().to_owned());
                    self.dialog = None;
                    if let Some(f) = format::for_year(year) {
                        let mut report = Report::new(f, year);
                        report.meta.title = crate::model::Meta::default_title(&agency, year);
                        report.meta.signature_unit = agency.clone();
                        report.meta.agency = agency;
                        self.set_document(Document::new(
                            report,
                            None,
                            format!("未命名（{year}年度）"),
                            false,
                        ));
                        self.part = Part::Meta;
                    }
                }
                Some(NewChoice::Cancel) => self.dialog = None,
                None => {}
            },
            Dialog::Recover(d) => {
                let Some(choice) = d.ui(ctx) else {
                    return;
                };
                self.dialog = None;
                match choice {
                    RecoverChoice::Restore => match self.recovery.as_ref().map(Recovery::read) {
                        Some(Ok(r)) => {
                            let mut doc = Document::new(r.report, r.path.clone(), r.name, false);
                            if let Some(path) = r.path
                                && let Ok(on_disk) = draft::load(&path)
                            {
                                // Unsaved relative to the file it came from.
                                let current = doc.report.clone();
                                doc = Document::new(on_disk, Some(path), doc.name.clone(), true);
                                doc.checkpoint();
                                doc.report = current;
                            }
                            self.set_document(doc);
                            self.status = "已恢复上次未保存的工作，请及时保存".to_owned();
                        }
                        Some(Err(e)) => self.dialog = Some(message("无法恢复", e.to_string())),
                        None => {}
                    },
                    RecoverChoice::Discard => self.clear_recovery(),
                }
            }
            Dialog::Overwrite(d) => {
                let Some(overwrite) = d.ui(ctx) else {
                    return;
                };
                let path = d.path.clone();
                self.dialog = None;
                if overwrite {
                    self.save_to(&path);
                }
            }
            Dialog::FormatSwitch(d) => {
                let Some(choice) = d.ui(ctx) else {
                    return;
                };
                let to = d.to;
                self.dialog = None;
                if choice == SwitchChoice::Switch {
                    let before = self.doc.report.notes.len();
                    self.doc.checkpoint();
                    let migrated = rollover::migrate(&self.doc.report, to);
                    let lines: Vec<String> = migrated
                        .notes
                        .iter()
                        .skip(before)
                        .map(|n| n.text.clone())
                        .collect();
                    self.doc.report = migrated;
                    self.layouts = Layouts::new(to);
                    self.grid = GridState::default();
                    self.dialog = Some(Dialog::Notes(NotesDialog {
                        title: format!("已转换为{}", to.name),
                        lines,
                    }));
                }
            }
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
                for cmd in [Command::New, Command::NewFromLastYear, Command::Open(None)] {
                    self.menu_item(ui, cmd);
                }
                ui.menu_button("最近打开", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("（无）");
                    }
                    for path in self.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.commands.push(Command::Open(Some(path)));
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
                let fonts = match &self.settings.font_dir {
                    Some(dir) => format!("PDF 字体文件夹：{}…", dir.display()),
                    None => "设置 PDF 字体文件夹…".to_owned(),
                };
                if ui
                    .button(fonts)
                    .on_hover_text(
                        "除 Windows 字体文件夹外，另在此查找仿宋_GB2312、黑体、楷体、方正小标宋",
                    )
                    .clicked()
                {
                    ui.close();
                    if let Some(dir) = self.files.pick_folder() {
                        self.status = format!("PDF 将优先使用“{}”中的字体", dir.display());
                        self.settings.font_dir = Some(dir);
                    }
                }
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
        let mut button = egui::Button::new(cmd.label());
        if let Some(sc) = cmd.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(sc));
        }
        if ui.add(button).clicked() {
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
            let color = if errors > 0 {
                Some(findings::color(crate::model::Severity::Error))
            } else if warnings > 0 {
                Some(findings::color(crate::model::Severity::Warning))
            } else {
                None
            };
            let rich = match color {
                Some(c) if self.part != part => RichText::new(text).color(c),
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
        if ui.button("已全部核对，清除提示").clicked() {
            self.doc.checkpoint();
            self.doc.report.notes.clear();
            self.part = Part::Meta;
        }
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let (errors, warnings) = self.doc.totals();
            if self.doc.is_dirty() {
                ui.label("有未保存的修改");
            } else {
                ui.label("已保存");
            }
            ui.separator();
            ui.colored_label(
                findings::color(crate::model::Severity::Error),
                format!("错误 {errors}"),
            );
            ui.colored_label(
                findings::color(crate::model::Severity::Warning),
                format!("警告 {warnings}"),
            );
            ui.separator();
            ui.label(&self.status);
        });
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        // A focused text box keeps Ctrl+Z for its own typing; the grid and the rest use the
        // document's undo.
        let text_focused = ctx
            .memory(|m| m.focused())
            .is_some_and(|id| Some(id) != self.grid.cursor.map(grid::cell_id));
        for cmd in Command::with_shortcuts() {
            if text_focused && matches!(cmd, Command::Undo | Command::Redo) {
                continue;
            }
            let pressed = cmd
                .shortcuts()
                .iter()
                .any(|sc| ctx.input_mut(|i| i.consume_shortcut(sc)));
            if pressed {
                self.commands.push(cmd);
            }
        }
    }

    fn handle_close(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        if self.allow_close {
            return;
        }
        if self.doc.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            // A dialog that only informs (notes, a message) gives way to the question; one that
            // asks something (save? restore? convert?) stays until answered.
            if matches!(
                self.dialog,
                None | Some(Dialog::Notes(_) | Dialog::Message(_))
            ) {
                self.dialog = None;
                self.guarded(Pending::Close, ctx);
            }
        } else {
            self.clear_recovery();
        }
    }

    fn autosave(&mut self, ctx: &egui::Context) {
        let (now, focused) = ctx.input(|i| (i.time, i.viewport().focused.unwrap_or(true)));
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        if lost_focus || now - self.last_autosave >= AUTOSAVE_SECS {
            self.write_recovery(now);
        }
        if self.doc.is_dirty() {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_SECS));
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!(
            "政府信息公开年度报告编辑器 — {}{}",
            self.doc.name,
            if self.doc.is_dirty() { " *" } else { "" }
        );
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

fn message(title: &str, body: impl Into<String>) -> Dialog {
    Dialog::Message(MessageDialog {
        title: title.to_owned(),
        body: body.into(),
    })
}

/// The built-in formats failed to compile: the tests prove this cannot happen.
fn unreachable_format() -> ! {
    std::process::abort()
}

impl eframe::App for NianbaoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.handle_close(&ctx);
        self.shortcuts(&ctx);
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
            self.go_to_finding(i, &ctx);
        }
        CentralPanel::default().show(ui, |ui| {
            ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| match self.part {
                    Part::Meta => {
                        if let Some(year) = meta::meta_ui(ui, &mut self.doc, &mut self.meta_state)
                            && let Some(to) = format::for_year(year)
                        {
                            self.dialog =
                                Some(Dialog::FormatSwitch(FormatSwitchDialog { year, to }));
                        }
                    }
                    Part::Section(s) => {
                        if let Some((grids, nav)) = self.layouts.sections.get(s) {
                            section::section_ui(
                                ui,
                                &mut self.doc,
                                s,
                                grids,
                                nav,
                                &mut self.grid,
                                &mut self.commands,
                            );
                        }
                    }
                    Part::Notes => self.notes_ui(ui),
                });
        });
        self.handle_dialog(&ctx);
        for command in std::mem::take(&mut self.commands) {
            self.apply(command, &ctx);
        }
        self.doc.feed_undo(ctx.input(|i| i.time));
        self.doc.refresh();
        self.update_title(&ctx);
        self.autosave(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}
