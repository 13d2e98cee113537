//! What the editor's kittest suites share: scripted file dialogs, a harness on a temporary
//! storage folder, and the clerk's gestures (type into a cell, close the window).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::{Key, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::model::CellValue;
use nianbao::model::format::Severity;
use nianbao::ui::files::{FileDialogs, FileKind, Picked, PrintJob};
use nianbao::ui::{AppConfig, NianbaoApp};

/// What the scripted desktop was asked to do.
#[derive(Debug, Default)]
pub struct Seen {
    /// The folder each file dialog started in.
    pub folders: Vec<Option<PathBuf>>,
    /// Files opened with the system viewer.
    pub opened: Vec<PathBuf>,
    /// Files handed to the print handler.
    pub printed: Vec<PathBuf>,
}

/// Scripted file dialogs: answers in order, never opens a window.
#[derive(Default)]
pub struct Scripted {
    /// Answers to "open".
    pub open: Vec<PathBuf>,
    /// Answers to "save".
    pub save: Vec<PathBuf>,
    /// No dialog can open (Linux without a portal or zenity).
    pub unavailable: bool,
    /// The print handler refuses.
    pub print_fails: bool,
    /// What was asked.
    pub seen: Arc<Mutex<Seen>>,
}

impl Scripted {
    /// Dialogs that answer one "save" with `path`.
    pub fn saving(path: &Path) -> Self {
        Scripted {
            save: vec![path.to_owned()],
            ..Scripted::default()
        }
    }

    fn answer(
        &mut self,
        folder: Option<&Path>,
        from: fn(&mut Self) -> &mut Vec<PathBuf>,
    ) -> Picked {
        self.seen
            .lock()
            .unwrap()
            .folders
            .push(folder.map(Path::to_owned));
        if self.unavailable {
            return Picked::Unavailable;
        }
        let answers = from(self);
        if answers.is_empty() {
            Picked::Cancelled
        } else {
            Picked::Chosen(answers.remove(0))
        }
    }
}

impl FileDialogs for Scripted {
    fn pick_open(&mut self, _kind: FileKind, folder: Option<&Path>) -> Picked {
        self.answer(folder, |s| &mut s.open)
    }
    fn pick_save(&mut self, _kind: FileKind, folder: Option<&Path>, _suggested: &str) -> Picked {
        self.answer(folder, |s| &mut s.save)
    }
    fn pick_folder(&mut self, folder: Option<&Path>) -> Picked {
        self.answer(folder, |s| &mut s.open)
    }
    fn open_externally(&mut self, path: &Path) -> Result<(), String> {
        self.seen.lock().unwrap().opened.push(path.to_owned());
        Ok(())
    }
    fn print(&mut self, path: &Path) -> PrintJob {
        self.seen.lock().unwrap().printed.push(path.to_owned());
        let (tx, rx) = std::sync::mpsc::channel();
        let outcome = if self.print_fails {
            Err("没有打印程序".to_owned())
        } else {
            Ok(())
        };
        tx.send(outcome).unwrap();
        rx
    }
}

/// The editor with `dialogs`, its recovery file in `storage`, opening `file` (or the sample).
pub fn harness_with(
    dialogs: Scripted,
    storage: &Path,
    file: Option<PathBuf>,
) -> Harness<'static, NianbaoApp> {
    harness_sized(dialogs, storage, file, egui::vec2(1500.0, 1000.0))
}

/// The editor with any `dialogs`, its recovery file in `storage`, opening `file` (or the
/// sample), in a window of `size`, as it starts (side panels as the window's width decides).
pub fn harness_of(
    dialogs: Box<dyn FileDialogs>,
    storage: &Path,
    file: Option<PathBuf>,
    size: egui::Vec2,
) -> Harness<'static, NianbaoApp> {
    let storage = storage.to_owned();
    // A dialog centres itself over a few frames once it knows its size.
    let builder = Harness::builder().with_size(size).with_max_steps(12);
    let mut h = builder.build_eframe(move |cc| {
        NianbaoApp::new(
            cc,
            AppConfig {
                file,
                dialogs,
                storage_dir: Some(storage),
            },
        )
    });
    h.run();
    h
}

/// The editor in a window of `size` (1366×768, 1024×600: the clerks' screens).
pub fn harness_sized(
    dialogs: Scripted,
    storage: &Path,
    file: Option<PathBuf>,
    size: egui::Vec2,
) -> Harness<'static, NianbaoApp> {
    let mut h = harness_of(Box::new(dialogs), storage, file, size);
    // These suites follow a clerk who keeps both side panels: a window under 1200 points now
    // starts with them folded (tests/gui_second_day.rs), so show them, as that clerk once did.
    for show in ["显示左侧目录", "显示问题清单"] {
        if let Some(button) = h.query_by_label(show) {
            button.click();
            h.run();
        }
    }
    h
}

/// The editor on the sample, no dialog answers.
pub fn harness(storage: &Path) -> Harness<'static, NianbaoApp> {
    harness_with(Scripted::default(), storage, None)
}

/// 表三 一、本年新收 / 自然人.
pub const NEW_NATURAL: &str = "表三“一、本年新收政府信息公开申请数量”行“自然人”列";

/// The cell index of `id` in the open report's format.
pub fn ix(h: &Harness<'_, NianbaoApp>, id: &str) -> usize {
    h.state().document().report.format.cell_index(id).unwrap()
}

/// What the clerk typed in a cell.
pub fn cell(h: &Harness<'_, NianbaoApp>, id: &str) -> Option<CellValue> {
    h.state().document().report.entry(ix(h, id)).cloned()
}

/// What a cell shows (typed, or computed).
pub fn resolved(h: &Harness<'_, NianbaoApp>, id: &str) -> CellValue {
    h.state().document().resolved[ix(h, id)].clone()
}

/// The worst finding naming a cell.
pub fn severity(h: &Harness<'_, NianbaoApp>, id: &str) -> Option<Severity> {
    h.state().document().cell_severity(ix(h, id))
}

/// Whether a finding of `rule` is listed.
pub fn has_finding(h: &Harness<'_, NianbaoApp>, rule: &str) -> bool {
    h.state().document().findings.iter().any(|f| f.rule == rule)
}

/// Clicks 三 in the parts list.
pub fn show_table_three(h: &mut Harness<'_, NianbaoApp>) {
    h.get_by_label("三、收到和处理政府信息公开申请情况").click();
    h.run();
}

/// Clicks a cell, types `text` and presses Enter.
pub fn type_into(h: &mut Harness<'_, NianbaoApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

/// Replaces what a text field holds: click, select all, type, Enter.
pub fn retype(h: &mut Harness<'_, NianbaoApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

/// The window's close button.
pub fn request_close(h: &mut Harness<'_, NianbaoApp>) {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.run();
}

/// The window loses the keyboard focus (the clerk switches to another program).
pub fn lose_focus(h: &mut Harness<'_, NianbaoApp>) {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .focused = Some(false);
    h.run();
}

/// A copy of a fixture under `dir` with a name that has Chinese and a space.
pub fn fixture_copy(dir: &Path, fixture: &str, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(Path::new("tests/fixtures").join(fixture), &path).unwrap();
    path
}
