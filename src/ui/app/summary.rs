//! 汇总 in the app: what the 汇总 window asks for, done — the folder, roster and output paths
//! asked for (typed where no file dialog opens), the worker started and collected, a unit opened
//! in the editor (保存更改？ first), the total opened as a new unsaved draft, the breakdown and the
//! 退回意见 written (said only once on disk).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::actions::PathFor;
use super::{NianbaoApp, Pending, message};
use crate::io::{batch, matrix};
use crate::model::Meta;
use crate::ui::dialogs::{Dialog, PathDialog};
use crate::ui::document::Document;
use crate::ui::files::{FileKind, Picked};
use crate::ui::summary::{Poll, Reading, SumAction, SumPath, SumResult, SumWindow};

/// Why the clerk types a path instead (the same words as the editor's other file dialogs).
const NO_DIALOG: &str =
    "无法打开系统的文件对话框（这台电脑缺少选择文件的组件）。请直接输入完整路径：";

impl NianbaoApp {
    /// 文件 → 汇总… and 返回汇总: shows the window (with what was read before); the first time,
    /// asks for the folder straight away.
    pub(super) fn show_summary(&mut self, ctx: &egui::Context) {
        let first = self.sum.is_none();
        self.sum.get_or_insert_with(SumWindow::default).shown = true;
        if first {
            self.sum_ask(SumPath::Folder, ctx);
        }
    }

    /// Whether the 汇总 window fills the middle of the window.
    pub(super) fn summary_shown(&self) -> bool {
        self.sum.as_ref().is_some_and(|w| w.shown)
    }

    /// The 汇总 window, for tests: the summary read, once the reading is done.
    pub fn summary(&self) -> Option<&crate::model::sum::Summary> {
        let window = self.sum.as_ref()?;
        if window.reading.is_some() {
            return None;
        }
        window.result.as_ref().map(|r| r.summary.as_ref())
    }

    /// Whether a folder is being read (for tests).
    pub fn summary_reading(&self) -> bool {
        self.sum.as_ref().is_some_and(|w| w.reading.is_some())
    }

    /// Draws the 汇总 window in the middle of the editor's window and does what it asks.
    pub(super) fn summary_ui(&mut self, ui: &mut egui::Ui) {
        self.collect_reading();
        let Some(window) = self.sum.as_mut() else {
            return;
        };
        if let Some(action) = window.ui(ui) {
            self.sum_action(action, ui.ctx());
        }
    }

    /// Takes the worker's answer when it is there.
    fn collect_reading(&mut self) {
        let Some(window) = self.sum.as_mut() else {
            return;
        };
        let Some(poll) = window.reading.as_ref().map(Reading::poll) else {
            return;
        };
        match poll {
            Poll::Reading => {}
            Poll::Done(files, summary) => {
                window.reading = None;
                let folder = window.folder.clone().unwrap_or_default();
                let included = summary.included().count();
                let found = summary.units.len();
                let text = if found == 0 {
                    let none = format!(
                        "在“{}”中没有找到报告文件（.ron/{}）",
                        folder.display(),
                        crate::io::FileType::report_endings()
                    );
                    window.failed = Some(none.clone());
                    none
                } else {
                    format!("已读取 {found} 个文件，计入汇总 {included} 个")
                };
                window.finished(SumResult {
                    folder,
                    files,
                    summary: Arc::from(summary),
                });
                self.say(text);
            }
            Poll::Failed => {
                window.reading = None;
                window.failed = Some(
                    "读取时程序出错，没有得到汇总结果；各单位的文件都没有被改动。请点“重新读取”。"
                        .to_owned(),
                );
            }
        }
    }

    fn sum_action(&mut self, action: SumAction, ctx: &egui::Context) {
        match action {
            SumAction::ChooseFolder => self.sum_ask(SumPath::Folder, ctx),
            SumAction::ChooseRoster => self.sum_ask(SumPath::Roster, ctx),
            SumAction::DropRoster => {
                if let Some(window) = self.sum.as_mut() {
                    window.roster = None;
                }
                self.start_reading(ctx);
            }
            SumAction::Reread => self.start_reading(ctx),
            SumAction::Cancel => {
                if let Some(window) = self.sum.as_mut() {
                    window.reading = None;
                }
                self.say("已取消读取，各单位的文件没有被改动");
            }
            SumAction::OpenUnit(unit) => {
                let path = self
                    .sum
                    .as_ref()
                    .and_then(|w| w.result.as_ref())
                    .and_then(|r| r.files.get(unit).cloned());
                if let Some(path) = path {
                    self.guarded(Pending::Open(Some(path)), ctx);
                }
            }
            SumAction::Generate => self.guarded(Pending::SumTotal, ctx),
            SumAction::ExportMatrix => self.sum_ask(SumPath::Matrix, ctx),
            SumAction::WriteReturns => {
                let none = self
                    .sum
                    .as_ref()
                    .and_then(|w| w.result.as_ref())
                    .is_some_and(|r| r.summary.return_notes().is_empty());
                if none {
                    self.say("没有需要退回的单位：每份报告都没有错误、警告或其他问题");
                } else {
                    self.sum_ask(SumPath::Returns, ctx);
                }
            }
            SumAction::Back => {
                if let Some(window) = self.sum.as_mut() {
                    window.shown = false;
                }
            }
        }
    }

    /// Reads the chosen folder again (with the roster, year and agency as they are now).
    fn start_reading(&mut self, ctx: &egui::Context) {
        // A total saved into the folder is not a unit.
        let open_total = self
            .doc
            .summary
            .as_ref()
            .and(self.doc.path.clone())
            .into_iter();
        let Some(window) = self.sum.as_mut() else {
            return;
        };
        let Some(folder) = window.folder.clone() else {
            return;
        };
        let skip: Vec<PathBuf> = window.written.iter().cloned().chain(open_total).collect();
        window.failed = None;
        window.reading = Some(Reading::start(ctx, folder, skip, window.options()));
    }

    /// Asks for a path the 汇总 needs: the system's dialog, or the path entry where none opens.
    fn sum_ask(&mut self, what: SumPath, ctx: &egui::Context) {
        let window = self.sum.as_ref();
        let units_folder = window.and_then(|w| w.folder.clone());
        let start = units_folder.clone().or_else(|| self.dialog_folder());
        let suggested = match what {
            SumPath::Matrix => format!("{}汇总明细.xlsx", self.sum_name()),
            SumPath::Returns => "退回意见".to_owned(),
            SumPath::Folder | SumPath::Roster => String::new(),
        };
        let picked = match what {
            SumPath::Folder => self
                .files
                .pick_folder_titled("选择存放各单位报告的文件夹", start.as_deref()),
            SumPath::Roster => self.files.pick_open(FileKind::Roster, start.as_deref()),
            SumPath::Matrix => self
                .files
                .pick_save(FileKind::Matrix, start.as_deref(), &suggested),
            SumPath::Returns => self
                .files
                .pick_folder_titled("选择存放退回意见的文件夹", start.as_deref()),
        };
        match picked {
            Picked::Chosen(path) => self.sum_path_chosen(what, path, ctx),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                let text = match &start {
                    Some(f) if !suggested.is_empty() => f.join(&suggested).display().to_string(),
                    Some(f) => f.display().to_string(),
                    None => suggested,
                };
                let title = match what {
                    SumPath::Folder => "各单位报告所在的文件夹",
                    SumPath::Roster => "应报送单位名单",
                    SumPath::Matrix => "导出汇总明细",
                    SumPath::Returns => "存放退回意见的文件夹",
                };
                self.path_for = Some(PathFor::Sum(what));
                self.dialog = Some(Dialog::PathEntry(PathDialog {
                    title: title.to_owned(),
                    why: NO_DIALOG.to_owned(),
                    text,
                    must_exist: matches!(what, SumPath::Folder | SumPath::Roster),
                    folder: matches!(what, SumPath::Folder | SumPath::Returns),
                    base: start.clone(),
                    focused: false,
                }));
            }
        }
    }

    /// The agency and year of the total, for file names ("示例县2025年度").
    fn sum_name(&self) -> String {
        let Some(window) = self.sum.as_ref() else {
            return String::new();
        };
        let year = window
            .result
            .as_ref()
            .and_then(|r| r.summary.year)
            .map_or_else(String::new, |y| format!("{y}年度"));
        format!("{}{year}", window.agency.trim())
            .replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_")
    }

    /// Goes on with a path chosen or typed for the 汇总.
    pub(super) fn sum_path_chosen(&mut self, what: SumPath, path: PathBuf, ctx: &egui::Context) {
        match what {
            SumPath::Folder => {
                if let Some(window) = self.sum.as_mut() {
                    window.folder = Some(path);
                    window.result = None;
                }
                self.start_reading(ctx);
            }
            SumPath::Roster if path.is_dir() => {
                self.dialog = Some(message(
                    "这是一个文件夹",
                    format!(
                        "“{}”是文件夹。请选择名单文件（.txt，每行一个应报送单位的名称）。",
                        path.display()
                    ),
                ));
            }
            SumPath::Roster => match batch::read_roster(&path) {
                Ok(names) => {
                    if let Some(window) = self.sum.as_mut() {
                        window.roster = Some((path, names));
                    }
                    self.start_reading(ctx);
                }
                Err(e) => {
                    self.dialog = Some(message(
                        "无法读取单位名单",
                        format!("{}\n\n{e}\n\n名单文件没有被改动。", path.display()),
                    ));
                }
            },
            SumPath::Matrix => self.write_matrix(&path),
            SumPath::Returns => self.write_returns(&path),
        }
    }

    /// 导出明细: the breakdown to `path` (.xlsx when it has no ending).
    fn write_matrix(&mut self, path: &Path) {
        let path = if path.extension().is_none() {
            path.with_extension("xlsx")
        } else {
            path.to_owned()
        };
        let Some(summary) = self.sum_summary() else {
            return;
        };
        match matrix::write_matrix(&summary, &path) {
            Ok(()) => self.say(format!("已导出明细：{}", path.display())),
            Err(e) => {
                self.dialog = Some(message(
                    "导出明细失败",
                    format!("{}\n\n{e}\n\n已有的同名文件没有被改动。", path.display()),
                ));
            }
        }
    }

    /// 写出退回意见: one `.txt` per unit to send back, into `dir`.
    fn write_returns(&mut self, dir: &Path) {
        let Some(summary) = self.sum_summary() else {
            return;
        };
        match batch::write_return_notes(&summary, dir) {
            Ok(files) => {
                let n = files.len();
                if let Some(window) = self.sum.as_mut() {
                    // Written beside the reports, they are not units when the folder is read again.
                    window.written.extend(files);
                }
                self.say(format!("已写出 {n} 份退回意见：{}", dir.display()));
            }
            Err(e) => {
                self.dialog = Some(message(
                    "写出退回意见失败",
                    format!("{e}\n\n各单位的报告没有被改动。"),
                ));
            }
        }
    }

    fn sum_summary(&self) -> Option<Arc<crate::model::sum::Summary>> {
        let result = self.sum.as_ref()?.result.as_ref()?;
        Some(Arc::clone(&result.summary))
    }

    /// 生成汇总报告 (after 保存更改？): the total as a new draft, unsaved, its cells hovering the
    /// units that contributed.
    pub(super) fn open_sum_total(&mut self) {
        let Some(summary) = self.sum_summary() else {
            return;
        };
        let Some(total) = &summary.total else {
            return;
        };
        let mut report = total.clone();
        let agency = self
            .sum
            .as_ref()
            .map(|w| w.agency.trim().to_owned())
            .unwrap_or_default();
        let year = report.meta.year;
        if !agency.is_empty() && agency != report.meta.agency {
            report.meta.title = Meta::default_title(&agency, year);
            report.meta.signature_unit.clone_from(&agency);
            report.meta.agency = agency;
        }
        let included = summary.included().count();
        let mut doc = Document::new(report, None, format!("汇总合计（{year}年度）"), false);
        doc.summary = Some(summary);
        self.set_document(doc);
        self.say(format!(
            "已生成{year}年度汇总报告（{included} 个单位之和），尚未保存；未计入的单位见“提示”"
        ));
    }
}
