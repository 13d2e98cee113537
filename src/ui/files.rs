//! Native file dialogs behind a trait, so tests never open one and only one is open at a time
//! (rfd's dialogs are modal and block until closed).

use std::path::{Path, PathBuf};

use crate::io::FileType;

/// What kind of file a dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A draft (`.ron`).
    Draft,
    /// Something to open: a draft or a published report.
    Report,
    /// A PDF to export.
    Pdf,
}

/// The file dialogs and the system viewer.
pub trait FileDialogs {
    /// Asks for a file to open.
    fn pick_open(&mut self, kind: FileKind) -> Option<PathBuf>;
    /// Asks where to save; `suggested` is the proposed file name.
    fn pick_save(&mut self, kind: FileKind, suggested: &str) -> Option<PathBuf>;
    /// Asks for a folder (where the official fonts are).
    fn pick_folder(&mut self) -> Option<PathBuf>;
    /// Opens a file with the system's viewer (the PDF after export).
    fn open_externally(&mut self, path: &Path) -> Result<(), String>;
}

/// The real dialogs (rfd) and viewer (`open`).
pub struct NativeDialogs;

/// A dialog filter for one kind of file: "年报草稿（*.ron）".
fn add_filter(dialog: rfd::FileDialog, t: FileType) -> rfd::FileDialog {
    let patterns: Vec<String> = t.extensions().iter().map(|e| format!("*.{e}")).collect();
    dialog.add_filter(
        format!("{}（{}）", t.description(), patterns.join("、")),
        t.extensions(),
    )
}

fn filtered(kind: FileKind) -> rfd::FileDialog {
    let dialog = rfd::FileDialog::new();
    match kind {
        FileKind::Draft => add_filter(dialog, FileType::Draft),
        FileKind::Report => {
            // A draft's backup (报告.ron.bak) opens too.
            let all: Vec<&str> = FileType::readable()
                .flat_map(|t| t.extensions().iter().copied())
                .chain([crate::io::file_type::BACKUP_EXTENSION])
                .collect();
            FileType::readable().fold(
                dialog.add_filter("年报草稿或已发布的报告", &all),
                add_filter,
            )
        }
        FileKind::Pdf => add_filter(dialog, FileType::Pdf),
    }
}

impl FileDialogs for NativeDialogs {
    fn pick_open(&mut self, kind: FileKind) -> Option<PathBuf> {
        let title = match kind {
            FileKind::Report => "打开报告",
            _ => "打开",
        };
        filtered(kind).set_title(title).pick_file()
    }

    fn pick_save(&mut self, kind: FileKind, suggested: &str) -> Option<PathBuf> {
        let title = match kind {
            FileKind::Pdf => "导出 PDF",
            _ => "保存草稿",
        };
        filtered(kind)
            .set_title(title)
            .set_file_name(suggested)
            .save_file()
    }

    fn pick_folder(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("选择存放仿宋、黑体、楷体、小标宋字体的文件夹")
            .pick_folder()
    }

    fn open_externally(&mut self, path: &Path) -> Result<(), String> {
        open::that_detached(path).map_err(|e| e.to_string())
    }
}
