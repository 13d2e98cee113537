//! What each command does, in menu order, each next to the `apply` arm that runs it; the effects
//! widgets asked for; the global shortcuts and the close button.

use std::path::Path;

use egui::ViewportCommand;

use super::{NianbaoApp, Pending, message};
use crate::io::{self, draft};
use crate::model::rollover;
use crate::model::{CellValue, Report};
use crate::ui::command::{Command, Effect};
use crate::ui::dialogs::{Dialog, NewDialog, NotesDialog, OverwriteDialog, UnsavedDialog};
use crate::ui::document::Document;
use crate::ui::export;
use crate::ui::files::FileKind;
use crate::ui::grid::{self, GridState};
use crate::ui::nav::{Layouts, Part};

/// The name of a file for the title bar.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl NianbaoApp {
    /// Runs a command.
    pub(super) fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::New => self.guarded(Pending::New, ctx),
            Command::NewFromLastYear => self.guarded(Pending::NewFromLastYear, ctx),
            Command::Open => self.guarded(Pending::Open(None), ctx),
            Command::OpenRecent(path) => self.guarded(Pending::Open(Some(path)), ctx),
            Command::Save => {
                self.save();
            }
            Command::SaveAs => {
                self.save_as();
            }
            Command::ExportPdf => self.export_pdf(),
            Command::ChooseFontFolder => self.choose_font_folder(),
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
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
            Command::FillBlanksWithZero => self.fill_blanks_with_zero(),
            Command::ClearNotes => {
                self.doc.checkpoint();
                self.doc.report.notes.clear();
                self.part = Part::Meta;
            }
        }
    }

    /// Applies what a widget asked for.
    pub(super) fn apply_effect(&mut self, effect: Effect) {
        match effect {
            Effect::SetCells(edits) => self.doc.set_cells(&edits),
            Effect::Status(text) => self.status = text,
        }
    }

    /// Runs `pending` now, or asks about unsaved changes first.
    pub(super) fn guarded(&mut self, pending: Pending, ctx: &egui::Context) {
        if self.doc.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(UnsavedDialog {
                name: self.doc.name.clone(),
            }));
            self.pending = Some(pending);
        } else {
            self.run_pending(pending, ctx);
        }
    }

    /// Does what waited for the unsaved changes to be saved or dropped.
    pub(super) fn run_pending(&mut self, pending: Pending, ctx: &egui::Context) {
        match pending {
            Pending::Close => {
                self.allow_close = true;
                self.clear_recovery();
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Pending::New => {
                let first = crate::model::format::current().map_or(0, |f| f.first_year);
                let year = self.doc.report.meta.year.saturating_add(1).max(first);
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

    /// Shows `doc` in place of the open document.
    pub(super) fn set_document(&mut self, doc: Document) {
        if doc.report.format.id != self.layouts.format {
            self.layouts = Layouts::new(doc.report.format);
        }
        self.doc = doc;
        self.grid = GridState::default();
        if !matches!(self.part, Part::Meta | Part::Section(_))
            || self.doc.report.notes.is_empty() && self.part == Part::Notes
        {
            self.part = Part::Section(0);
        }
    }

    /// 打开: a draft is bound to its file; a published report is imported, unsaved.
    pub(super) fn open_path(&mut self, path: &Path) {
        match io::open_any(path) {
            Ok(opened) => {
                let is_draft = io::FileType::of(path) == Some(io::FileType::Draft);
                let name = file_name(path);
                let doc = if io::file_type::is_backup(path) {
                    // A backup opens as a draft, but saving asks where (not over the .bak).
                    Document::new(opened.report, None, format!("{name}（备份）"), false)
                } else if is_draft {
                    crate::ui::recovery::keep_leftovers(path, &mut self.dialog);
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

    /// 从上年报告新建: last year's report rolled over to this year, with the notes to review.
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

    /// 新建 (after the dialog): an empty report of the year's format.
    pub(super) fn create_report(&mut self, year: u16, agency: String) {
        let Some(f) = crate::model::format::for_year(year) else {
            return;
        };
        let mut report = Report::new(f, year);
        report.meta.title = crate::model::Meta::default_title(&agency, year);
        report.meta.signature_unit = agency.clone();
        report.meta.agency = agency;
        let name = format!("未命名（{year}年度）");
        self.set_document(Document::new(report, None, name, false));
        self.part = Part::Meta;
    }

    /// 保存: to the draft's file, or asks where. `true` once the file is on disk.
    pub(super) fn save(&mut self) -> bool {
        match self.doc.path.clone() {
            Some(path) => self.save_to(&path),
            None => self.save_as(),
        }
    }

    /// 另存为. `true` once the file is on disk.
    fn save_as(&mut self) -> bool {
        let suggested = format!("{}.ron", self.doc.report.meta.title.trim())
            .replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_");
        match self.files.pick_save(FileKind::Draft, &suggested) {
            Some(path) => {
                let path = if path.extension().is_none() {
                    path.with_extension(io::FileType::Draft.extension())
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

    /// Saves to `path`; `true` on success.
    pub(super) fn save_to(&mut self, path: &Path) -> bool {
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

    /// 导出 PDF: asks where, writes it, opens it with the system's viewer.
    fn export_pdf(&mut self) {
        let suggested = format!("{}.pdf", self.doc.report.meta.title.trim());
        let Some(path) = self.files.pick_save(FileKind::Pdf, &suggested) else {
            return;
        };
        match export::export_pdf(&self.doc.report, &self.settings) {
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

    /// 设置 PDF 字体文件夹.
    fn choose_font_folder(&mut self) {
        if let Some(dir) = self.files.pick_folder() {
            self.status = format!("PDF 将优先使用“{}”中的字体", dir.display());
            self.settings.font_dir = Some(dir);
        }
    }

    /// 空白单元格填 0: every blank input cell gets its kind's zero, as one undoable edit.
    fn fill_blanks_with_zero(&mut self) {
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

    /// Removes the recovery file, saying so if that fails.
    pub(super) fn clear_recovery(&mut self) {
        if let Err(e) = self.autosave.clear() {
            self.status = e;
        }
    }

    /// The global shortcuts, as commands.
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
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

    /// The window's close button: ask about unsaved changes first.
    pub(super) fn handle_close(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.allow_close {
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
}
