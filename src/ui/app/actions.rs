//! What each command does, each next to the `apply` arm that runs it: the file lifecycle (new,
//! open, save, save as) here, printing and export in `output`, the view in `view`.

use std::path::{Path, PathBuf};

use egui::ViewportCommand;

use super::{NianbaoApp, Pending, message, message_with, open_details};
use crate::io::{self, draft};
use crate::model::rollover;
use crate::model::{CellValue, Report};
use crate::ui::command::{Command, Effect};
use crate::ui::dialogs::{
    AboutDialog, ConfirmDialog, Dialog, GuideDialog, NewDialog, NotesDialog, Output,
    OverwriteDialog, PathDialog, Proceed, ShortcutsDialog, UnsavedDialog,
};
use crate::ui::document::Document;
use crate::ui::files::{FileKind, Picked, dialog_title};
use crate::ui::grid::{self, GridState};
use crate::ui::nav::{Layouts, Part};

/// What a path the clerk is asked for is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PathFor {
    /// 打开.
    Open,
    /// 从上年报告新建.
    LastYear,
    /// 保存 / 另存为 (then whatever waited for the save).
    SaveDraft,
    /// 导出 PDF / Word / 网页 (never [`Output::Print`]).
    Export(Output),
    /// 设置 PDF 字体文件夹.
    FontFolder,
    /// What the 汇总 window asked for.
    Sum(crate::ui::summary::SumPath),
}

/// How a save went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Saving {
    /// The draft is on disk.
    Saved,
    /// It is not (cancelled, or an error was shown).
    NotSaved,
    /// The clerk is typing the path (no file dialog could open).
    Asking,
}

/// The name of a file for the title bar.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// `path` made absolute (against the working folder), so the status, 最近打开 and the next
/// dialog say where the file really is.
pub(super) fn full_path(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// A file name from a report title (characters Windows refuses replaced).
fn safe_name(title: &str, extension: &str) -> String {
    format!("{}.{extension}", title.trim())
        .replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_")
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
            Command::Print => self.output(Output::Print, false),
            Command::ExportPdf => self.output(Output::Pdf, false),
            Command::ExportWord => self.output(Output::Word, false),
            Command::ExportWeb => self.output(Output::Web, false),
            Command::ChooseFontFolder => self.ask_path(PathFor::FontFolder, ctx),
            Command::Summarize => self.show_summary(ctx),
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::Undo => {
                self.grid.editing = None;
                if !self.doc.undo() {
                    self.say("没有可撤销的操作");
                }
            }
            Command::Redo => {
                self.grid.editing = None;
                if !self.doc.redo() {
                    self.say("没有可重做的操作");
                }
            }
            Command::FillBlanksWithZero => self.confirm_fill_blanks(),
            Command::ClearNotes => {
                self.doc.checkpoint();
                self.doc.report.notes.clear();
                self.part = Part::Meta;
            }
            Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset
            | Command::FitWidth
            | Command::ToggleParts
            | Command::ToggleFindings
            | Command::SetTheme(_)
            | Command::SetFontSize(_) => self.view_command(&command),
            Command::ShowShortcuts => self.dialog = Some(Dialog::Shortcuts(ShortcutsDialog)),
            Command::ShowGuide => {
                let format = self.doc.report.format;
                self.dialog = Some(Dialog::Guide(GuideDialog { format }));
            }
            Command::ShowAbout => {
                let font_dir = self.settings.font_dir.clone();
                self.dialog = Some(Dialog::About(AboutDialog { font_dir }));
            }
        }
    }

    /// Applies what a widget asked for.
    pub(super) fn apply_effect(&mut self, effect: Effect) {
        match effect {
            Effect::SetCells(edits) => self.doc.set_cells(&edits),
            Effect::Status(text) => self.say(text),
            Effect::InsertSentence { cursor, sentence } => {
                self.doc.insert_sentence(cursor, &sentence);
                self.say(format!(
                    "已插入数据句“{}”，其中的数字随表格更新",
                    sentence.label
                ));
            }
            Effect::UpdateField { section, index } => {
                if self.doc.update_field(&section, index) {
                    self.say("已按表格更新数据句中的数字");
                }
            }
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
                self.dialog = Some(Dialog::New(NewDialog::new(
                    year,
                    self.doc.report.meta.agency.clone(),
                )));
            }
            Pending::NewFromLastYear => self.ask_path(PathFor::LastYear, ctx),
            Pending::Open(Some(path)) => {
                self.open_path(&path);
            }
            Pending::Open(None) => self.ask_path(PathFor::Open, ctx),
            Pending::SumTotal => self.open_sum_total(),
        }
    }

    /// The folder file dialogs start in: the open draft's, else the last file's, else the
    /// user's 文档 folder (never the program's working folder, which the clerk cannot see).
    pub(super) fn dialog_folder(&self) -> Option<PathBuf> {
        self.doc
            .path
            .as_deref()
            .or_else(|| self.settings.recent.first().map(PathBuf::as_path))
            .and_then(Path::parent)
            .filter(|p| p.is_absolute())
            .map(Path::to_owned)
            .or_else(|| self.files.documents_folder())
    }

    /// Asks for the path `purpose` needs and goes on with it.
    pub(super) fn ask_path(&mut self, purpose: PathFor, ctx: &egui::Context) {
        if let Some(path) = self.pick(purpose) {
            self.path_chosen(purpose, path, ctx);
        }
    }

    /// The system's file dialog for `purpose`; where none can open, the path entry instead (its
    /// answer goes to [`Self::path_chosen`]) and `None` meanwhile.
    pub(super) fn pick(&mut self, purpose: PathFor) -> Option<PathBuf> {
        let folder = self.dialog_folder();
        let title = &self.doc.report.meta.title;
        let (kind, suggested) = match purpose {
            PathFor::Open | PathFor::LastYear | PathFor::FontFolder | PathFor::Sum(_) => {
                (FileKind::Report, None)
            }
            PathFor::SaveDraft => (FileKind::Draft, Some(safe_name(title, "ron"))),
            PathFor::Export(output) => {
                let kind = output.file_type().unwrap_or(io::FileType::Pdf);
                (
                    FileKind::Export(kind),
                    Some(safe_name(title, kind.extension())),
                )
            }
        };
        let picked = match (purpose, &suggested) {
            (PathFor::FontFolder, _) => {
                let start = self.settings.font_dir.clone().or(folder.clone());
                self.files.pick_folder(start.as_deref())
            }
            (_, Some(name)) => self.files.pick_save(kind, folder.as_deref(), name),
            (_, None) => self.files.pick_open(kind, folder.as_deref()),
        };
        match picked {
            Picked::Chosen(path) => return Some(path),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                // A full path the clerk can read and change: the folder, and the name when
                // saving (a folder ends with its separator, ready for the name).
                let suggested = suggested.unwrap_or_default();
                let text = match &folder {
                    Some(f) => f.join(&suggested).display().to_string(),
                    None => suggested,
                };
                let title = match purpose {
                    PathFor::LastYear => "从上年报告新建".to_owned(),
                    PathFor::FontFolder => "PDF 字体文件夹".to_owned(),
                    _ => dialog_title(kind),
                };
                self.path_for = Some(purpose);
                self.dialog = Some(Dialog::PathEntry(PathDialog {
                    title,
                    why: "无法打开系统的文件对话框（这台电脑缺少选择文件的组件）。请直接输入完整路径："
                        .to_owned(),
                    text,
                    must_exist: !matches!(purpose, PathFor::SaveDraft | PathFor::Export(_)),
                    folder: purpose == PathFor::FontFolder,
                    base: folder,
                    focused: false,
                }));
            }
        }
        None
    }

    /// Goes on with the path chosen or typed for `purpose`.
    pub(super) fn path_chosen(&mut self, purpose: PathFor, path: PathBuf, ctx: &egui::Context) {
        let path = full_path(&path);
        match purpose {
            PathFor::Open => {
                self.open_path(&path);
            }
            PathFor::LastYear => self.new_from_last_year(&path),
            PathFor::SaveDraft => {
                // Typed where no dialog opened: then do what waited for the save.
                match self.save_draft_to(path) {
                    Saving::Saved => {
                        if let Some(pending) = self.pending.take() {
                            self.run_pending(pending, ctx);
                        }
                    }
                    Saving::NotSaved => self.pending = None,
                    Saving::Asking => {}
                }
            }
            // Typed (the system's dialogs ask themselves): ask before replacing a file.
            PathFor::Export(output) => self.export_typed(output, &path),
            PathFor::FontFolder => {
                self.say(format!("PDF 将优先使用“{}”中的字体", path.display()));
                self.settings.font_dir = Some(path);
            }
            PathFor::Sum(what) => self.sum_path_chosen(what, path, ctx),
        }
    }

    /// Shows `doc` in place of the open document.
    pub(super) fn set_document(&mut self, doc: Document) {
        if doc.report.format.id != self.layouts.format {
            self.layouts = Layouts::new(doc.report.format);
        }
        self.doc = doc;
        self.grid = GridState::default();
        // The editor shows the new report; the 汇总 stays, one click away (返回汇总).
        if let Some(window) = self.sum.as_mut() {
            window.shown = false;
        }
        if !matches!(self.part, Part::Meta | Part::Section(_))
            || self.doc.report.notes.is_empty() && self.part == Part::Notes
        {
            self.part = Part::Section(0);
        }
    }

    /// 打开: a draft is bound to its file; a published report is imported, unsaved. `false` when
    /// it did not open (the message says why).
    pub(super) fn open_path(&mut self, path: &Path) -> bool {
        let path = &full_path(path);
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
                self.say(if is_draft {
                    format!("已打开：{}", path.display())
                } else {
                    format!("已导入：{}（尚未保存为草稿）", path.display())
                });
                if !opened.notes.is_empty() {
                    // The import's notes are the report's: kept under 提示.
                    self.dialog = Some(Dialog::Notes(NotesDialog::kept(
                        "导入提示",
                        opened.notes.iter().map(|n| n.text.clone()).collect(),
                    )));
                }
                true
            }
            Err(e) => {
                self.dialog = Some(message_with(
                    "无法打开文件",
                    format!(
                        "{}\n\n{e}\n\n当前报告没有改变，该文件也没有被修改。",
                        path.display()
                    ),
                    open_details(&e),
                ));
                false
            }
        }
    }

    /// 从上年报告新建: last year's report rolled over to this year, with the notes to review.
    fn new_from_last_year(&mut self, path: &Path) {
        match io::open_any(path) {
            Ok(opened) => {
                let next = rollover::next_year(&opened.report);
                let mut lines: Vec<String> = opened
                    .notes
                    .iter()
                    .map(|n| format!("导入：{}", n.text))
                    .collect();
                lines.extend(next.notes.iter().map(|n| n.text.clone()));
                let kept = next.notes.len();
                let year = next.meta.year;
                let name = format!("未命名（{year}年度）");
                self.set_document(Document::new(next, None, name, false));
                self.say(format!(
                    "已由“{}”生成{year}年度草稿，尚未保存",
                    file_name(path)
                ));
                // Last year's import notes are shown, not kept; the rollover's are the draft's.
                self.dialog = Some(Dialog::Notes(NotesDialog {
                    title: "已从上年报告生成本年草稿".to_owned(),
                    lines,
                    kept,
                }));
            }
            Err(e) => {
                self.dialog = Some(message_with(
                    "无法读取上年报告",
                    format!("{}\n\n{e}", path.display()),
                    open_details(&e),
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
        self.say(format!("已新建{year}年度报告，尚未保存"));
        self.part = Part::Meta;
    }

    /// 保存: to the draft's file, or asks where.
    pub(super) fn save(&mut self) -> Saving {
        match self.doc.path.clone() {
            Some(path) => {
                if self.save_to(&path) {
                    Saving::Saved
                } else {
                    Saving::NotSaved
                }
            }
            None => self.save_as(),
        }
    }

    /// 另存为.
    fn save_as(&mut self) -> Saving {
        match self.pick(PathFor::SaveDraft) {
            Some(path) => self.save_draft_to(path),
            None if matches!(self.dialog, Some(Dialog::PathEntry(_))) => Saving::Asking,
            None => Saving::NotSaved,
        }
    }

    /// Saves a draft to `path` chosen or typed by the clerk (`.ron` added when it has no
    /// ending). Never RON into a `.txt` or last year's PDF; asks before replacing a draft of
    /// another year ([`Saving::Asking`]: the answer saves, then runs what waited).
    fn save_draft_to(&mut self, path: PathBuf) -> Saving {
        let path = if path.extension().is_none() {
            path.with_extension(io::FileType::Draft.extension())
        } else {
            path
        };
        if let Err(e) = io::output::check_output(&[], &path, io::FileType::Draft) {
            self.dialog = Some(message("不能保存到这个文件", e.to_string()));
            return Saving::NotSaved;
        }
        let year = self.doc.report.meta.year;
        if let Some(existing_year) = io::output::other_years_draft(&path, year) {
            self.dialog = Some(Dialog::Overwrite(OverwriteDialog {
                path,
                existing_year,
                year,
            }));
            return Saving::Asking;
        }
        if self.save_to(&path) {
            Saving::Saved
        } else {
            Saving::NotSaved
        }
    }

    /// Saves to `path`; `true` once the file is on disk.
    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        let path = &full_path(path);
        match draft::save(&self.doc.report, path) {
            Ok(()) => {
                self.doc.mark_saved(path.to_owned(), file_name(path));
                self.settings.add_recent(path);
                self.say(format!("已保存：{}", path.display()));
                self.clear_recovery();
                true
            }
            Err(e) => {
                self.dialog = Some(message_with("保存失败", e.to_string(), e.details()));
                false
            }
        }
    }

    /// 空白单元格填 0: says how many cells first.
    fn confirm_fill_blanks(&mut self) {
        let count = self.blank_cells().len();
        if count == 0 {
            self.say("没有空白的单元格");
            return;
        }
        self.dialog = Some(Dialog::Confirm(ConfirmDialog {
            title: "空白单元格填 0".to_owned(),
            body: format!(
                "将把各表中 {count} 个空白的单元格填为 0（总计除外）。填错了可以按 Ctrl+Z 一次撤销。"
            ),
            lines: Vec::new(),
            question: String::new(),
            yes: "填 0",
            no: "取消",
            then: Proceed::FillBlanks,
        }));
    }

    /// The blank input cells, each with its kind's zero.
    fn blank_cells(&self) -> Vec<(usize, Option<CellValue>)> {
        let format = self.doc.report.format;
        format
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
            .collect()
    }

    /// Every blank input cell gets its kind's zero, as one undoable edit.
    pub(super) fn fill_blanks_with_zero(&mut self) {
        let edits = self.blank_cells();
        self.say(format!(
            "已将 {} 个空白单元格填为 0（Ctrl+Z 撤销）",
            edits.len()
        ));
        self.doc.set_cells(&edits);
    }

    /// Removes the recovery file, saying so if that fails.
    pub(super) fn clear_recovery(&mut self) {
        if let Err(e) = self.autosave.clear() {
            self.warn(e);
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
            if self.dialog.as_ref().is_none_or(Dialog::only_informs) {
                self.dialog = None;
                self.guarded(Pending::Close, ctx);
            }
        } else {
            self.clear_recovery();
        }
    }
}
