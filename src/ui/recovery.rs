//! The recovery file: the working state written every 30 s and when the window loses focus, so a
//! crash or power cut loses at most half a minute; offered back at the next start.
//!
//! [`Recovery`] is the file; [`Autosave`] decides when to write it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::io::atomic::{self, Backup, WriteError};
use crate::io::draft::{self, DraftError};
use crate::model::Report;
use crate::ui::document::Document;

const FILE_NAME: &str = "recovery.ron";
/// Seconds between autosaves of the working state.
const AUTOSAVE_SECS: f64 = 30.0;

/// What the recovery file holds.
#[derive(Serialize, Deserialize)]
struct RecoveryFile {
    /// The draft's own file, if it had one.
    path: Option<PathBuf>,
    /// Name shown in the title bar.
    name: String,
    /// The draft text (same format as a saved draft).
    draft: String,
}

/// A recovered working state.
pub struct Recovered {
    /// The report.
    pub report: Report,
    /// Its file, if it had one.
    pub path: Option<PathBuf>,
    /// Its name.
    pub name: String,
}

/// The recovery file in a folder (the app's storage folder; a temp folder in tests).
pub struct Recovery {
    file: PathBuf,
}

impl Recovery {
    /// Recovery kept in `dir`.
    pub fn new(dir: &Path) -> Self {
        Recovery {
            file: dir.join(FILE_NAME),
        }
    }

    /// Whether a recovery file is waiting.
    pub fn exists(&self) -> bool {
        self.file.exists()
    }

    /// Writes the working state atomically.
    pub fn write(
        &self,
        report: &Report,
        path: Option<&Path>,
        name: &str,
    ) -> Result<(), DraftError> {
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir).map_err(|source| {
                DraftError::Write(WriteError {
                    path: dir.to_owned(),
                    source,
                })
            })?;
        }
        let file = RecoveryFile {
            path: path.map(Path::to_owned),
            name: name.to_owned(),
            draft: draft::to_string(report)?,
        };
        let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new().new_line("\n"))
            .map_err(|e| DraftError::Serialize(e.to_string()))?;
        Ok(atomic::write_atomic(
            &self.file,
            text.as_bytes(),
            Backup::None,
        )?)
    }

    /// Reads the working state back.
    pub fn read(&self) -> Result<Recovered, DraftError> {
        let text = std::fs::read_to_string(&self.file).map_err(|source| DraftError::Read {
            path: self.file.clone(),
            source,
        })?;
        let file: RecoveryFile = ron::from_str(&text).map_err(|e| draft::syntax(&e))?;
        Ok(Recovered {
            report: draft::from_str(&file.draft)?,
            path: file.path,
            name: file.name,
        })
    }

    /// Removes the recovery file (after a save, or when the clerk declines it).
    pub fn clear(&self) -> std::io::Result<()> {
        match std::fs::remove_file(&self.file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// When the recovery file is written: every [`AUTOSAVE_SECS`] while there are unsaved changes,
/// and when the window loses focus; never twice for the same state.
pub struct Autosave {
    recovery: Option<Recovery>,
    last: f64,
    written: Option<Report>,
    was_focused: bool,
}

impl Autosave {
    /// Autosave into `dir`; `None` turns it off (benchmarks).
    pub fn new(dir: Option<&Path>) -> Self {
        Autosave {
            recovery: dir.map(Recovery::new),
            last: 0.0,
            written: None,
            was_focused: true,
        }
    }

    /// The recovery file, if autosave is on.
    pub fn recovery(&self) -> Option<&Recovery> {
        self.recovery.as_ref()
    }

    /// Called every frame: writes the recovery file when it is due. An error is the status
    /// message to show.
    pub fn tick(&mut self, ctx: &egui::Context, doc: &Document) -> Result<(), String> {
        let (now, focused) = ctx.input(|i| (i.time, i.viewport().focused.unwrap_or(true)));
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        if doc.is_dirty() {
            ctx.request_repaint_after(Duration::from_secs_f64(AUTOSAVE_SECS));
        }
        if !lost_focus && now - self.last < AUTOSAVE_SECS {
            return Ok(());
        }
        self.last = now;
        let Some(rec) = &self.recovery else {
            return Ok(());
        };
        if !doc.is_dirty() || self.written.as_ref() == Some(&doc.report) {
            return Ok(());
        }
        match rec.write(&doc.report, doc.path.as_deref(), &doc.name) {
            Ok(()) => {
                self.written = Some(doc.report.clone());
                Ok(())
            }
            Err(e) => Err(format!("自动保存失败：{e}")),
        }
    }

    /// Removes the recovery file: the work is saved or knowingly dropped.
    pub fn clear(&mut self) -> Result<(), String> {
        self.written = None;
        match &self.recovery {
            Some(rec) => rec.clear().map_err(|e| format!("无法删除恢复文件：{e}")),
            None => Ok(()),
        }
    }
}

/// When opening the draft at `path`: a complete newer draft that an interrupted save left beside
/// it is given a visible name (`报告（未完成的保存）.ron`) and the clerk is told where, to open it.
pub fn keep_leftovers(path: &Path, dialog: &mut Option<super::dialogs::Dialog>) {
    let kept = draft::keep_leftovers(path);
    if kept.is_empty() {
        return;
    }
    let lines: Vec<String> = kept
        .iter()
        .map(|k| format!("“{}”：{}", k.keep_as.display(), k.report.meta.title))
        .collect();
    *dialog = Some(super::dialogs::Dialog::Message(
        super::dialogs::MessageDialog {
            title: "发现未完成的保存".to_owned(),
            body: format!(
                "上次保存这个草稿时程序被中断，当时正在保存的内容是完整的，比现在打开的文件新，已保留为：\n{}\n\n可以用“文件 → 打开”查看，确认后另存为正式草稿。",
                lines.join("\n")
            ),
            details: None,
        },
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_reads_and_clears() {
        let dir = tempfile::tempdir().unwrap();
        let rec = Recovery::new(&dir.path().join("子目录"));
        assert!(!rec.exists());
        let mut report = crate::io::sample().unwrap();
        report.meta.title = "未保存的修改".into();
        rec.write(
            &report,
            Some(Path::new("C:/报告/2025年 年报.ron")),
            "2025年 年报.ron",
        )
        .unwrap();
        assert!(rec.exists());
        let back = rec.read().unwrap();
        assert_eq!(back.report, report);
        assert_eq!(
            back.path.as_deref(),
            Some(Path::new("C:/报告/2025年 年报.ron"))
        );
        rec.clear().unwrap();
        assert!(!rec.exists());
        rec.clear().unwrap();
    }
}
