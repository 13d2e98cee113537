//! 打印 and 导出 PDF / Word / 网页: asked first when the report still has errors; the file written
//! only after it rendered, success said only once it is on disk (or the print handler took it).

use std::path::{Path, PathBuf};
use std::sync::mpsc::TryRecvError;
use std::time::Duration;

use super::actions::PathFor;
use super::{NianbaoApp, message, message_with};
use crate::io;
use crate::model::Severity;
use crate::ui::dialogs::{ConfirmDialog, Dialog, Output, Proceed};
use crate::ui::export;

/// How many errors the question lists.
const ERRORS_LISTED: usize = 5;

/// `path` with the ending of `output`'s kind added when it has none.
fn export_path(output: Output, path: &Path) -> PathBuf {
    match output.file_type() {
        Some(kind) if path.extension().is_none() => path.with_extension(kind.extension()),
        _ => path.to_owned(),
    }
}

/// A print job running in the background.
pub(super) struct Printing {
    /// The PDF handed to the print handler.
    pub path: PathBuf,
    /// Its outcome.
    pub job: crate::ui::files::PrintJob,
}

impl NianbaoApp {
    /// 打印 / 导出 PDF; `confirmed` once the clerk chose to go ahead despite errors.
    pub(super) fn output(&mut self, output: Output, confirmed: bool) {
        let errors: Vec<String> = self
            .doc
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("{}：{}", f.rule, f.message))
            .collect();
        if !confirmed && !errors.is_empty() {
            let (verb, yes) = match output {
                Output::Print => ("打印", "仍然打印"),
                Output::Pdf | Output::Word | Output::Web => ("导出", "仍然导出"),
            };
            let more = errors.len().saturating_sub(ERRORS_LISTED);
            let mut lines: Vec<String> = errors.iter().take(ERRORS_LISTED).cloned().collect();
            if more > 0 {
                lines.push(format!("……另有 {more} 个，见右侧问题清单"));
            }
            self.dialog = Some(Dialog::Confirm(ConfirmDialog {
                title: format!("报告还有 {} 个错误", errors.len()),
                body: format!("报告还有 {} 个错误：", errors.len()),
                lines,
                question: format!("仍要{verb}吗？{verb}出的表格会与勾稽关系不符，签发前请先改正。"),
                yes,
                no: "返回修改",
                then: Proceed::Output(output),
            }));
            return;
        }
        match output {
            Output::Print => self.print(),
            export => {
                if let Some(path) = self.pick(PathFor::Export(export)) {
                    self.write_export(export, &path);
                }
            }
        }
    }

    /// Renders the report as a file of `kind`; the error shown when it cannot be made.
    fn render(&mut self, kind: io::FileType) -> Option<io::export::Rendered> {
        match export::render(&self.doc.report, &self.settings, kind) {
            Ok(out) => Some(out),
            Err(e) => {
                self.dialog = Some(message("导出失败", format!("{e}\n\n没有写入任何文件。")));
                None
            }
        }
    }

    /// An export to a path the clerk typed: asks first where a file is already there (the
    /// system's save dialogs ask that themselves).
    pub(super) fn export_typed(&mut self, output: Output, path: &Path) {
        let path = export_path(output, path);
        if !path.exists() {
            self.write_export(output, &path);
            return;
        }
        self.dialog = Some(Dialog::Confirm(ConfirmDialog {
            title: "替换已有的文件？".to_owned(),
            body: format!("“{}”已经存在。", path.display()),
            lines: Vec::new(),
            question: "要用新导出的内容替换它吗？原来的文件不会留下备份。".to_owned(),
            yes: "替换",
            no: "取消",
            then: Proceed::Replace(output, path),
        }));
    }

    /// Writes the export to `path` (its ending added when it has none); a PDF then opens in the
    /// system's viewer. Never over the draft or a file of another kind.
    pub(super) fn write_export(&mut self, output: Output, path: &Path) {
        let Some(kind) = output.file_type() else {
            return;
        };
        let path = export_path(output, path);
        let inputs: Vec<&Path> = self.doc.path.as_deref().into_iter().collect();
        if let Err(e) = io::output::check_output(&inputs, &path, kind) {
            self.dialog = Some(message("不能导出到这个文件", e.to_string()));
            return;
        }
        let Some(rendered) = self.render(kind) else {
            return;
        };
        if let Err(e) = io::atomic::write_atomic(&path, &rendered.bytes, io::atomic::Backup::None) {
            self.dialog = Some(message("导出失败", e.to_string()));
            return;
        }
        // Short: what and where (the fonts are in 帮助 → 关于).
        let mut said = format!(
            "已导出{}：{}",
            crate::ui::files::export_label(kind),
            path.display()
        );
        let mut details = None;
        if kind == io::FileType::Pdf
            && let Err(e) = self.files.open_externally(&path)
        {
            said.push_str("（没能自动打开，请在文件夹中双击它）");
            details = Some(e);
        }
        self.say(said);
        self.status.details = details;
        self.warn_missing_glyphs(&rendered.warnings);
    }

    /// Characters no font could print: the file is made, but the clerk must know before
    /// printing it for signature.
    fn warn_missing_glyphs(&mut self, warnings: &[String]) {
        if !warnings.is_empty() {
            self.dialog = Some(message("有的字打印不出来", warnings.join("\n\n")));
        }
    }

    /// 打印: the PDF to a temporary file, handed to the system's print handler.
    fn print(&mut self) {
        let Some(rendered) = self.render(io::FileType::Pdf) else {
            return;
        };
        let bytes = rendered.bytes;
        // A new name each time: the last one may still be open (and locked) in a viewer.
        let dir = std::env::temp_dir().join("nianbao");
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let path = dir.join(format!("年报打印-{stamp}.pdf"));
        let written = std::fs::create_dir_all(&dir)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                io::atomic::write_atomic(&path, &bytes, io::atomic::Backup::None)
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = written {
            self.dialog = Some(message("无法打印", format!("无法写入临时文件：{e}")));
            return;
        }
        let job = self.files.print(&path);
        self.say("正在交给打印机…");
        self.printing = Some(Printing { path, job });
        self.warn_missing_glyphs(&rendered.warnings);
    }

    /// Follows a print job: says when the system took it; where it could not, opens the PDF so
    /// the clerk prints from the viewer.
    pub(super) fn poll_printing(&mut self, ctx: &egui::Context) {
        let Some(printing) = &self.printing else {
            return;
        };
        let outcome = match printing.job.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(200));
                return;
            }
            Err(TryRecvError::Disconnected) => Err("打印程序没有回应".to_owned()),
        };
        let path = printing.path.clone();
        self.printing = None;
        // The system's words (lp's, gio's) go under 详细信息; the message says what to do, and
        // the status no longer says 正在….
        match outcome {
            Ok(()) => self.say("已交给系统打印；打印机没有动静时，请检查默认打印机"),
            Err(e) => match self.files.open_externally(&path) {
                Ok(()) => {
                    self.warn("无法直接打印，已用 PDF 阅读器打开，请在其中打印（Ctrl+P）");
                    self.status.details = Some(e);
                }
                Err(open_error) => {
                    self.warn(format!("没有打印：PDF 已保存在 {}", path.display()));
                    self.status.details = Some(format!("打印：{e}\n打开：{open_error}"));
                    self.dialog = Some(message_with(
                        "没有打印",
                        format!(
                            "这台电脑上没有能直接打印 PDF 的程序，也没能用 PDF 阅读器打开它。\n\n\
                             PDF 已保存在：{}\n\n\
                             请这样打印：在文件管理器中找到这个文件，双击用 PDF 阅读器（或浏览器）\
                             打开，再按 Ctrl+P 打印；也可以用“导出 PDF”另存一份，拷到能打印的电脑上。",
                            path.display()
                        ),
                        Some(format!("打印：{e}\n打开：{open_error}")),
                    ));
                }
            },
        }
    }
}
